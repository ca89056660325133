// What the history benchmark measures: the bytes the page's history takes in SQLite, and how long a few
// history requests take. The bench reads the database directly: it reports storage, it does not change it.
import type { Db } from '../../server/plugins/db.js';

export interface HistoryStorage {
  updates: { rows: number; bytes: number };
  renderings: {
    rows: number;
    html: number;
    text: number;
    title: number;
    /** Revisions stored as full (deflated) copies rather than deltas, and their html+text bytes. */
    fullCopies: number;
    fullCopyBytes: number;
  };
  authorRows: number;
  clientRows: number;
  /** Bytes of database pages used by each history table with its indexes (SQLite dbstat); null if unavailable. */
  onDisk: Map<string, number> | null;
}

export const HISTORY_TABLES = ['page_updates', 'page_revisions', 'revision_authors', 'page_clients'] as const;

export function measureStorage(db: Db, pageId: string): HistoryStorage {
  const updates = db
    .prepare('SELECT count(*) AS rows, coalesce(sum(length(data)), 0) AS bytes FROM page_updates WHERE page_id = ?')
    .get(pageId) as { rows: number; bytes: number };
  const renderings = db
    .prepare(
      `SELECT count(*) AS rows, coalesce(sum(length(html)), 0) AS html, coalesce(sum(length(text)), 0) AS text,
        coalesce(sum(length(CAST(title AS BLOB))), 0) AS title, coalesce(sum(chain_length = 0), 0) AS fullCopies,
        coalesce(sum(CASE WHEN chain_length = 0 THEN length(html) + length(text) ELSE 0 END), 0) AS fullCopyBytes
      FROM page_revisions WHERE page_id = ?`,
    )
    .get(pageId) as HistoryStorage['renderings'];
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE page_id = ?`).pluck().get(pageId) as number;
  return {
    updates,
    renderings,
    authorRows: count('revision_authors'),
    clientRows: count('page_clients'),
    onDisk: onDiskBytes(db),
  };
}

/** Whole tables, so only meaningful when the database holds just the bench page (it does). */
function onDiskBytes(db: Db): Map<string, number> | null {
  try {
    const rows = db
      .prepare(
        `SELECT m.tbl_name AS name, sum(s.pgsize) AS bytes FROM dbstat s JOIN sqlite_master m ON m.name = s.name
        WHERE m.tbl_name IN (SELECT value FROM json_each(?)) GROUP BY m.tbl_name`,
      )
      .all(JSON.stringify(HISTORY_TABLES)) as { name: string; bytes: number }[];
    return new Map(rows.map((r) => [r.name, r.bytes]));
  } catch {
    return null;
  }
}

export interface Timing {
  samples: number[];
  median: number;
  p95: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times one after the other; milliseconds. */
export async function time(runs: number, warmup: number, fn: () => Promise<unknown> | unknown): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

export class NotAvailable extends Error {}

/** A GET that must answer 200 (its body read in full). For an `optional` route, 404 means it is not registered. */
export function getter(url: string, headers: Record<string, string>, optional = false): () => Promise<number> {
  return async () => {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    const body = await response.arrayBuffer();
    if (optional && response.status === 404) throw new NotAvailable(`${url} answered 404`);
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    return body.byteLength;
  };
}

/** Where the rendering bytes go: delta sizes by how many places a revision edited, and why keyframes were cut. */
export class RenderingBreakdown {
  readonly deltas = new Map<string, number[]>();
  keyframesByBytes = 0;
  keyframesByLength = 0;
  private previousChain = 0;
  private readonly row;

  constructor(db: Db, private readonly pageId: string, private readonly maxChainLength: number) {
    this.row = db.prepare('SELECT chain_length AS chain, length(html) + length(text) AS bytes FROM page_revisions WHERE page_id = ? AND number = ?');
  }

  /** Records a stored revision (in order), edited in `places` places. */
  add(number: number, places: number): void {
    const { chain, bytes } = this.row.get(this.pageId, number) as { chain: number; bytes: number };
    if (chain > 0) {
      const key = places === 1 ? '1 place' : `${Math.min(places, 3)}${places >= 3 ? '+' : ''} places`;
      const list = this.deltas.get(key);
      if (list) list.push(bytes);
      else this.deltas.set(key, [bytes]);
    } else if (this.previousChain + 1 >= this.maxChainLength) this.keyframesByLength++;
    else this.keyframesByBytes++;
    this.previousChain = chain;
  }
}
