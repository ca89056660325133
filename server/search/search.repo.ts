// SQL for the search index: the FTS5 tables page_search (title, headings, body, filters) and page_search_heads
// (title, headings, filters), and page_search_rows (which page and space each row is for). The tables store analyzed
// terms (see the migrations); the MATCH expressions they receive are built by the service from analyzed,
// quoted terms only, never from raw user text.
import type { Db } from '../plugins/db.js';

/** What the index needs to (re)build one page's row, read from pages. */
export interface IndexablePage {
  rowid: number;
  id: string;
  title: string;
  lang: string;
  space_id: string;
  html: string;
  text: string;
}

/** The analyzed columns of one row: terms joined by spaces (the filters column is the repo's own). */
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

/** Which index a query reads (see the second search migration). */
export type SearchScope =
  /** Every column of every page. */
  | 'pages'
  /** Titles and headings only (page_search_heads). */
  | 'heads'
  /** Every column of the pages whose titles and headings do not match `headsMatch`. */
  | 'rest';

export interface SearchFilter {
  /** What to find, with any asked-for space or language already in it (filterTerm). */
  match: string;
  /** The spaces the searcher may read. */
  spaceIds: string[];
  scope?: SearchScope;
  /** For 'rest': the expression whose matches in page_search_heads are left out. */
  headsMatch?: string;
  /** Only rows from this rowid on (pages created since): how the service bounds ranking of huge result sets. */
  fromRowid?: number;
}

/**
 * The term of the `filters` column that stands for a page's space or language: "s" or "l" then the value,
 * lower-cased, any character unicode61 would split on written as q<hex>q, so it stays one term.
 */
export function filterTerm(kind: 'space' | 'lang', value: string): string {
  const safe = value.toLowerCase().replace(/[^a-z0-9]/g, (c) => `q${c.codePointAt(0)!.toString(16)}q`);
  return `${kind === 'space' ? 's' : 'l'}${safe}`;
}

// bm25 weights per column: title, headings(, body), filters.
const SCOPES: Record<SearchScope, { table: string; rank: string; more: string }> = {
  pages: { table: 'page_search', rank: 'bm25(page_search, 10, 4, 1, 0)', more: '' },
  heads: { table: 'page_search_heads', rank: 'bm25(page_search_heads, 10, 4, 0)', more: '' },
  rest: {
    table: 'page_search',
    rank: 'bm25(page_search, 10, 4, 1, 0)',
    // Not correlated: SQLite reads the heads' matches once into a temporary index.
    more: 'AND s.rowid NOT IN (SELECT rowid FROM page_search_heads WHERE page_search_heads MATCH @headsMatch)',
  },
};

// Matches and the permission filter read only an FTS table and page_search_rows (each row's page id and
// space): pages rows hold HTML and text, so they are read for the results shown and no others. Readable
// spaces arrive as a JSON array so one statement serves every reader. `@floor` limits the matches to rowids
// from there on (0: all), which FTS5 applies as a range while it reads its lists.
const matches = (scope: SearchScope) => {
  const { table, more } = SCOPES[scope];
  return `FROM ${table} s JOIN page_search_rows r ON r.rowid = s.rowid
    WHERE ${table} MATCH @match AND s.rowid >= @floor ${more}
    AND r.space_id IN (SELECT value FROM json_each(@spaces))`;
};
// Both keys must agree with pages (a rowid renumbered by VACUUM must not show another page; see the first migration).
const PAGE = 'JOIN pages p ON p.rowid = h.prow AND p.id = h.pid';

type Statement = ReturnType<Db['prepare']>;
const perScope = (make: (scope: SearchScope) => Statement) =>
  ({ pages: make('pages'), heads: make('heads'), rest: make('rest') }) as Record<SearchScope, Statement>;

export class SearchRepo {
  private readonly removeRows;
  private readonly insertRow;
  private readonly insertHeads;
  private readonly insertKey;
  private readonly keysOf;
  private readonly pageById;
  private readonly unindexed;
  private readonly allPages;
  private readonly countPages;
  private readonly orphans;
  private readonly hits;
  private readonly hitCount;
  private readonly nth;
  private readonly titleHits;
  private readonly matchesIn;

  constructor(private readonly db: Db) {
    this.removeRows = ['page_search', 'page_search_heads', 'page_search_rows'].map((table) => db.prepare(`DELETE FROM ${table} WHERE rowid = ?`));
    this.insertRow = db.prepare('INSERT INTO page_search (rowid, title, headings, body, filters) VALUES (?, ?, ?, ?, ?)');
    this.insertHeads = db.prepare('INSERT INTO page_search_heads (rowid, title, headings, filters) VALUES (?, ?, ?, ?)');
    this.insertKey = db.prepare('INSERT INTO page_search_rows (rowid, page_id, space_id) VALUES (?, ?, ?)');
    this.keysOf = db.prepare('SELECT space_id, lang FROM pages WHERE rowid = ? AND id = ?');
    const indexable = 'SELECT p.rowid AS rowid, p.id, p.title, p.lang, p.space_id, p.html, p.text FROM pages p';
    this.pageById = db.prepare(`${indexable} WHERE p.id = ?`);
    this.unindexed = db.prepare(`${indexable} WHERE p.rowid > ? AND NOT EXISTS
      (SELECT 1 FROM page_search_rows r WHERE r.rowid = p.rowid AND r.page_id = p.id) ORDER BY p.rowid LIMIT ?`);
    this.allPages = db.prepare(`${indexable} WHERE p.rowid > ? ORDER BY p.rowid LIMIT ?`);
    this.countPages = db.prepare('SELECT count(*) FROM pages').pluck();
    const orphanRows = 'SELECT r.rowid FROM page_search_rows r WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.rowid = r.rowid AND p.id = r.page_id)';
    this.orphans = ['page_search', 'page_search_heads', 'page_search_rows'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE rowid IN (${orphanRows})`),
    );
    // Rank on narrow rows, then read the pages of the few kept: sorting every match with its text was 10x slower.
    this.hits = perScope((scope) =>
      db.prepare(`SELECT p.id, p.slug, p.title, p.lang, p.text, p.space_id, h.rank FROM
        (SELECT s.rowid AS prow, r.page_id AS pid, ${SCOPES[scope].rank} AS rank ${matches(scope)}
          ORDER BY rank, r.page_id LIMIT @limit OFFSET @offset) h
        ${PAGE} ORDER BY h.rank, h.pid`),
    );
    // Counting stops at @upTo: a count of every match costs as much as ranking them all.
    this.hitCount = perScope((scope) => db.prepare(`SELECT count(*) FROM (SELECT 1 ${matches(scope)} LIMIT @upTo)`).pluck());
    this.nth = perScope((scope) => db.prepare(`SELECT s.rowid ${matches(scope)} ORDER BY s.rowid DESC LIMIT 1 OFFSET @skip`).pluck());
    // Shorter titles first among equals; the pool is ranked on narrow rows, only its pages are read.
    this.titleHits = db.prepare(`SELECT p.id, p.slug, p.title FROM
      (SELECT s.rowid AS prow, r.page_id AS pid, ${SCOPES.heads.rank} AS rank ${matches('heads')} ORDER BY rank, r.page_id LIMIT @pool) h
      ${PAGE} ORDER BY h.rank, length(p.title), p.id LIMIT @limit`);
    this.matchesIn = db.prepare(`SELECT r.page_id FROM page_search s JOIN page_search_rows r ON r.rowid = s.rowid
      WHERE page_search MATCH ? ORDER BY r.page_id`).pluck();
  }

  /**
   * Replaces a page's rows. Call inside the transaction that changes what it was analyzed from, with the
   * page's space and language as read there (else they are read again: 0.2 ms a page, past its text).
   */
  write(rowid: number, pageId: string, row: IndexRow, keys?: Pick<IndexablePage, 'space_id' | 'lang'>): void {
    for (const remove of this.removeRows) remove.run(rowid);
    const page = keys ?? (this.keysOf.get(rowid, pageId) as Pick<IndexablePage, 'space_id' | 'lang'> | undefined);
    if (!page) return;
    const filters = `${filterTerm('space', page.space_id)} ${filterTerm('lang', page.lang)}`;
    this.insertRow.run(rowid, row.title, row.headings, row.body, filters);
    this.insertHeads.run(rowid, row.title, row.headings, filters);
    this.insertKey.run(rowid, pageId, page.space_id);
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

  /** Readable matches by bm25, best first, with their pages. */
  search(filter: SearchFilter, limit: number, offset: number): HitRow[] {
    return this.hits[filter.scope ?? 'pages'].all(this.params(filter, { limit, offset })) as HitRow[];
  }

  /** How many readable rows match, counting no further than `upTo`. */
  count(filter: SearchFilter, upTo: number): number {
    return this.hitCount[filter.scope ?? 'pages'].get(this.params(filter, { upTo })) as number;
  }

  /** The rowid of the n-th newest readable match (n from 1), or null when there are fewer. */
  nthNewest(filter: SearchFilter, n: number): number | null {
    return (this.nth[filter.scope ?? 'pages'].get(this.params(filter, { skip: n - 1 })) as number | undefined) ?? null;
  }

  /** Readable pages whose titles or headings match (the service asks for titles), best first. */
  titles(filter: SearchFilter, limit: number): TitleHitRow[] {
    return this.titleHits.all(this.params(filter, { limit, pool: limit * 4 })) as TitleHitRow[];
  }

  /** Ids of the pages whose rows match a raw FTS5 expression, whoever may read them (tests and diagnostics). */
  pagesMatching(match: string): string[] {
    return this.matchesIn.all(match) as string[];
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private params(filter: SearchFilter, extra: Record<string, number>) {
    const { match, headsMatch = '', fromRowid = 0 } = filter;
    return { match, headsMatch, spaces: JSON.stringify(filter.spaceIds), floor: fromRowid, ...extra };
  }
}
