// SQL for the page_search FTS5 table. It stores analyzed terms (see the migration); the MATCH expressions it
// receives are built by the service from analyzed, quoted terms only, never from raw user text.
import type { Db } from '../plugins/db.js';

/** What the index needs to (re)build one page's row, read from pages. */
export interface IndexablePage {
  rowid: number;
  id: string;
  title: string;
  lang: string;
  html: string;
  text: string;
}

/** The analyzed columns of one row: terms joined by spaces. */
export interface IndexRow {
  title: string;
  headings: string;
  body: string;
}

export interface HitRow {
  id: string;
  slug: string;
  title: string;
  lang: string;
  text: string;
  space_id: string;
  rank: number;
}

export interface TitleHitRow {
  id: string;
  slug: string;
  title: string;
}

export interface SearchFilter {
  match: string;
  spaceIds: string[];
  lang: string | null;
}

// bm25 weights per column: title, headings, body.
const RANK = 'bm25(page_search, 10, 4, 1)';
// Both keys must agree (see the migration); readable spaces arrive as a JSON array so one statement serves all.
const FROM = `FROM page_search s JOIN page_search_rows r ON r.rowid = s.rowid JOIN pages p ON p.id = r.page_id AND p.rowid = s.rowid
  WHERE page_search MATCH @match AND p.space_id IN (SELECT value FROM json_each(@spaces)) AND (@lang IS NULL OR p.lang = @lang)`;

export class SearchRepo {
  private readonly removeRow;
  private readonly insertRow;
  private readonly removeKey;
  private readonly insertKey;
  private readonly pageById;
  private readonly unindexed;
  private readonly allPages;
  private readonly countPages;
  private readonly orphans;
  private readonly hits;
  private readonly hitCount;
  private readonly titleHits;
  private readonly matchesIn;

  constructor(private readonly db: Db) {
    this.removeRow = db.prepare('DELETE FROM page_search WHERE rowid = ?');
    this.insertRow = db.prepare('INSERT INTO page_search (rowid, title, headings, body) VALUES (?, ?, ?, ?)');
    this.removeKey = db.prepare('DELETE FROM page_search_rows WHERE rowid = ?');
    this.insertKey = db.prepare('INSERT INTO page_search_rows (rowid, page_id) VALUES (?, ?)');
    const indexable = 'SELECT p.rowid AS rowid, p.id, p.title, p.lang, p.html, p.text FROM pages p';
    this.pageById = db.prepare(`${indexable} WHERE p.id = ?`);
    this.unindexed = db.prepare(`${indexable} WHERE p.rowid > ? AND NOT EXISTS
      (SELECT 1 FROM page_search_rows r WHERE r.rowid = p.rowid AND r.page_id = p.id) ORDER BY p.rowid LIMIT ?`);
    this.allPages = db.prepare(`${indexable} WHERE p.rowid > ? ORDER BY p.rowid LIMIT ?`);
    this.countPages = db.prepare('SELECT count(*) FROM pages').pluck();
    const orphanRows = 'SELECT r.rowid FROM page_search_rows r WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.rowid = r.rowid AND p.id = r.page_id)';
    this.orphans = [
      db.prepare(`DELETE FROM page_search WHERE rowid IN (${orphanRows})`),
      db.prepare(`DELETE FROM page_search_rows WHERE rowid IN (${orphanRows})`),
    ];
    // Rank on narrow rows, then read the page text of the few kept: sorting every match with its text was 10x slower.
    this.hits = db.prepare(`SELECT p.id, p.slug, p.title, p.lang, p.text, p.space_id, h.rank FROM
      (SELECT p.rowid AS prow, p.id AS pid, ${RANK} AS rank ${FROM} ORDER BY rank, p.id LIMIT @limit OFFSET @offset) h
      JOIN pages p ON p.rowid = h.prow ORDER BY h.rank, h.pid`);
    this.hitCount = db.prepare(`SELECT count(*) ${FROM}`).pluck();
    this.titleHits = db.prepare(`SELECT p.id, p.slug, p.title ${FROM} ORDER BY ${RANK}, length(p.title), p.id LIMIT @limit`);
    this.matchesIn = db.prepare(`SELECT r.page_id FROM page_search s JOIN page_search_rows r ON r.rowid = s.rowid
      WHERE page_search MATCH ? ORDER BY r.page_id`).pluck();
  }

  /** Replaces a page's row. Call inside the transaction that changes what it was analyzed from. */
  write(rowid: number, pageId: string, row: IndexRow): void {
    this.removeRow.run(rowid);
    this.removeKey.run(rowid);
    this.insertRow.run(rowid, row.title, row.headings, row.body);
    this.insertKey.run(rowid, pageId);
  }

  page(pageId: string): IndexablePage | undefined {
    return this.pageById.get(pageId) as IndexablePage | undefined;
  }

  /** Pages with no row, or a row that belongs to another page, in rowid order after `afterRowid`. */
  unindexedPages(afterRowid: number, limit: number): IndexablePage[] {
    return this.unindexed.all(afterRowid, limit) as IndexablePage[];
  }

  pagesAfter(afterRowid: number, limit: number): IndexablePage[] {
    return this.allPages.all(afterRowid, limit) as IndexablePage[];
  }

  pageCount(): number {
    return this.countPages.get() as number;
  }

  /** Drops rows whose page is gone or has another rowid now (left behind by a rowid renumbering). */
  removeOrphans(): number {
    return this.transaction(() => this.orphans.reduce((n, statement) => n + statement.run().changes, 0));
  }

  search(filter: SearchFilter, limit: number, offset: number): HitRow[] {
    return this.hits.all(this.params(filter, { limit, offset })) as HitRow[];
  }

  count(filter: SearchFilter): number {
    return this.hitCount.get(this.params(filter)) as number;
  }

  titles(filter: SearchFilter, limit: number): TitleHitRow[] {
    return this.titleHits.all(this.params(filter, { limit })) as TitleHitRow[];
  }

  /** Ids of the pages whose rows match a raw FTS5 expression, whoever may read them (tests and diagnostics). */
  pagesMatching(match: string): string[] {
    return this.matchesIn.all(match) as string[];
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private params(filter: SearchFilter, extra: Record<string, number> = {}) {
    return { match: filter.match, spaces: JSON.stringify(filter.spaceIds), lang: filter.lang, ...extra };
  }
}
