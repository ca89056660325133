// SQL for the per-page Yjs update log. Only this file touches page_updates.
// Appends are batched by the caller (group commit). Compaction swaps the rows of one stretch of the log
// for one row holding their merge, under the id of the stretch's last row, so the rows at or before any
// revision boundary (server/history) still add up to exactly that revision's state.
import * as Y from 'yjs';
import type { Db } from '../plugins/db.js';

export interface PendingUpdate {
  pageId: string;
  update: Uint8Array;
}

/** Merging a stretch of updates this many at a time keeps merge cost near-linear (one merge of all is quadratic). */
const MERGE_FAN_IN = 16;

export class UpdateLogRepo {
  private readonly insertStmt;
  private readonly insertWithIdStmt;
  private readonly bumpStmt;
  private readonly loadStmt;
  private readonly loadUpToStmt;
  private readonly loadRangeStmt;
  private readonly deleteRangeStmt;
  private readonly countStmt;
  private readonly lastIdStmt;
  private readonly appendTx;
  private readonly compactTx;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO page_updates (page_id, data, created_at) VALUES (?, ?, ?)');
    this.insertWithIdStmt = db.prepare('INSERT INTO page_updates (id, page_id, data, created_at) VALUES (?, ?, ?, ?)');
    this.bumpStmt = db.prepare('UPDATE pages SET version = version + 1, updated_at = ? WHERE id = ?');
    this.loadStmt = db.prepare('SELECT id, data FROM page_updates WHERE page_id = ? ORDER BY id');
    this.loadUpToStmt = db.prepare('SELECT data FROM page_updates WHERE page_id = ? AND id <= ? ORDER BY id').pluck();
    this.loadRangeStmt = db.prepare('SELECT data FROM page_updates WHERE page_id = ? AND id > ? AND id <= ? ORDER BY id').pluck();
    this.deleteRangeStmt = db.prepare('DELETE FROM page_updates WHERE page_id = ? AND id > ? AND id <= ?');
    this.countStmt = db.prepare('SELECT count(*) FROM page_updates WHERE page_id = ?').pluck();
    this.lastIdStmt = db.prepare('SELECT coalesce(max(id), 0) FROM page_updates WHERE page_id = ?').pluck();
    this.appendTx = db.transaction((batch: PendingUpdate[], now: number, alsoInTransaction?: () => void) => {
      const pages = new Set<string>();
      for (const { pageId, update } of batch) {
        this.insertStmt.run(pageId, update, now);
        pages.add(pageId);
      }
      for (const pageId of pages) this.bumpStmt.run(now, pageId);
      alsoInTransaction?.();
    });
    this.compactTx = db.transaction((pageId: string, afterId: number, upToId: number) => {
      const rows = this.loadRangeStmt.all(pageId, afterId, upToId) as Buffer[];
      if (rows.length < 2) return false;
      const merged = mergeMany(rows);
      this.deleteRangeStmt.run(pageId, afterId, upToId);
      this.insertWithIdStmt.run(upToId, pageId, merged, Date.now());
      return true;
    });
  }

  /**
   * Appends all updates in one transaction, bumping each touched page's version. `alsoInTransaction`
   * writes what must be stored with them or not at all (who made the changes).
   */
  append(batch: PendingUpdate[], now = Date.now(), alsoInTransaction?: () => void): void {
    if (batch.length > 0) this.appendTx(batch, now, alsoInTransaction);
  }

  /** Every stored update of a page, oldest first, and the id of the last one (0 when none). */
  load(pageId: string): { updates: Uint8Array[]; lastId: number } {
    const rows = this.loadStmt.all(pageId) as { id: number; data: Buffer }[];
    return { updates: rows.map((r) => r.data), lastId: rows.length ? rows[rows.length - 1].id : 0 };
  }

  /** The updates up to and including row `upToId`: the state of a revision whose boundary it is. */
  loadUpTo(pageId: string, upToId: number): Uint8Array[] {
    return this.loadUpToStmt.all(pageId, upToId) as Buffer[];
  }

  count(pageId: string): number {
    return this.countStmt.get(pageId) as number;
  }

  /**
   * Replaces the rows after `afterId` up to `upToId` by one row with their merge, keeping id `upToId`.
   * Returns false when there was nothing to merge.
   */
  compactRange(pageId: string, afterId: number, upToId: number): boolean {
    return this.compactTx(pageId, afterId, upToId) as boolean;
  }

  lastId(pageId: string): number {
    return this.lastIdStmt.get(pageId) as number;
  }
}

/** Merges updates in a tree: Y.mergeUpdates over thousands at once is quadratic; 16 at a time is not. */
export function mergeMany(updates: Uint8Array[]): Uint8Array {
  let level = updates;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += MERGE_FAN_IN) {
      const group = level.slice(i, i + MERGE_FAN_IN);
      next.push(group.length === 1 ? group[0] : Y.mergeUpdates(group));
    }
    level = next;
  }
  return level[0];
}
