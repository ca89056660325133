// SQL for the per-page Yjs update log. Only this file touches page_updates.
// Appends are batched by the caller (group commit); compaction swaps a prefix of rows for one state row.
import type { Db } from '../plugins/db.js';

export interface PendingUpdate {
  pageId: string;
  update: Uint8Array;
}

export class UpdateLogRepo {
  private readonly insertStmt;
  private readonly bumpStmt;
  private readonly loadStmt;
  private readonly deleteUpToStmt;
  private readonly countStmt;
  private readonly lastIdStmt;
  private readonly appendTx;
  private readonly compactTx;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO page_updates (page_id, data, created_at) VALUES (?, ?, ?)');
    this.bumpStmt = db.prepare('UPDATE pages SET version = version + 1, updated_at = ? WHERE id = ?');
    this.loadStmt = db.prepare('SELECT id, data FROM page_updates WHERE page_id = ? ORDER BY id');
    this.deleteUpToStmt = db.prepare('DELETE FROM page_updates WHERE page_id = ? AND id <= ?');
    this.countStmt = db.prepare('SELECT count(*) FROM page_updates WHERE page_id = ?').pluck();
    this.lastIdStmt = db.prepare('SELECT coalesce(max(id), 0) FROM page_updates WHERE page_id = ?').pluck();
    this.appendTx = db.transaction((batch: PendingUpdate[], now: number) => {
      const pages = new Set<string>();
      for (const { pageId, update } of batch) {
        this.insertStmt.run(pageId, update, now);
        pages.add(pageId);
      }
      for (const pageId of pages) this.bumpStmt.run(now, pageId);
    });
    this.compactTx = db.transaction((pageId: string, upToId: number, state: Uint8Array, now: number) => {
      this.deleteUpToStmt.run(pageId, upToId);
      this.insertStmt.run(pageId, state, now);
    });
  }

  /** Appends all updates in one transaction, bumping each touched page's version. */
  append(batch: PendingUpdate[], now = Date.now()): void {
    if (batch.length > 0) this.appendTx(batch, now);
  }

  /** Every stored update of a page, oldest first, and the id of the last one (0 when none). */
  load(pageId: string): { updates: Uint8Array[]; lastId: number } {
    const rows = this.loadStmt.all(pageId) as { id: number; data: Buffer }[];
    return { updates: rows.map((r) => r.data), lastId: rows.length ? rows[rows.length - 1].id : 0 };
  }

  count(pageId: string): number {
    return this.countStmt.get(pageId) as number;
  }

  /** Replaces rows with id <= upToId by one row holding `state`, which must include all of them. */
  compact(pageId: string, upToId: number, state: Uint8Array, now = Date.now()): void {
    this.compactTx(pageId, upToId, state, now);
  }

  lastId(pageId: string): number {
    return this.lastIdStmt.get(pageId) as number;
  }
}
