// After Ensemble has shut down, rebuilds the benchmark page from its SQLite update log and counts which of
// the inserts the clients sent are in it. Run only on a stopped server: it reads the database file directly.
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { allTokens, parseToken } from './insertToken.js';

export interface PersistenceResult {
  persisted: number;
  sent: number;
  /** Updates in the log whose dependencies are missing (should be 0). */
  pending: boolean;
  rows: number;
}

/** sentPerClient[i] is how many inserts client i sent; its inserts carry seq 0..sentPerClient[i]-1. */
export function checkPersisted(databaseFile: string, pageId: string, sentPerClient: number[]): PersistenceResult {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  let rows: Buffer[];
  try {
    rows = db
      .prepare('SELECT data FROM page_updates WHERE page_id = ? ORDER BY id')
      .pluck()
      .all(pageId) as Buffer[];
  } finally {
    db.close();
  }
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const row of rows) Y.applyUpdate(doc, row);
  });
  const found = new Set<string>();
  for (const token of allTokens(doc)) {
    const parsed = parseToken(token);
    if (!parsed || parsed.seq >= (sentPerClient[parsed.clientIndex] ?? 0)) continue;
    found.add(`${parsed.clientIndex}.${parsed.seq}`);
  }
  const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  doc.destroy();
  return {
    persisted: found.size,
    sent: sentPerClient.reduce((sum, n) => sum + n, 0),
    pending,
    rows: rows.length,
  };
}
