// Whole-wiki search: keeps the index (page_search, page_search_heads, page_search_rows) in step with stored
// renderings (called inside their transaction), indexes pages the index lacks in the background, and answers
// queries with ranked, permission-filtered, highlighted results. No HTTP here.
import type { FastifyBaseLogger } from 'fastify';
import { analyzeQuery, searchLanguageOf, words, type SearchLanguage } from '../../shared/search/analyze.js';
import { filterTerm, type HitRow, type IndexablePage, type SearchFilter, type SearchRepo, type TitleHitRow } from './search.repo.js';
import { snippet, TermMatcher, termOfWord } from './snippet.js';

export interface SearchServiceDeps {
  repo: SearchRepo;
  log: FastifyBaseLogger;
  /** Pages indexed per transaction by background indexing: small enough not to hold up live edits. */
  batchSize?: number;
  /** RANKED_IN_FULL, smaller in tests of large result sets. */
  rankedInFull?: number;
}

export interface SearchOptions {
  /** Spaces whose pages may appear (already narrowed to what the caller may read). */
  spaceIds: Iterable<string>;
  lang?: string;
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: string;
  slug: string;
  title: string;
  lang: string;
  spaceId: string;
  snippet: string;
  /** Higher is better (bm25 negated). */
  score: number;
}

/** Index maintenance that pages.repo calls inside its own transactions. */
export interface PageIndexer {
  /** (Re)indexes a page from what is stored for it; headings from the renderer when at hand, else from its HTML. */
  indexPage(pageId: string, headings?: string[]): void;
}

/**
 * Result sets up to this size are counted and ranked in full (see search). It is above the deepest result
 * the API serves (MAX_OFFSET + MAX_RESULTS_PER_PAGE), so every page of results can be reached either way.
 */
export const RANKED_IN_FULL = 3_000;

interface CompiledQuery {
  /** FTS5 MATCH expression over the analyzed columns. */
  match: string;
  /** The same with the last word's terms whole rather than as prefixes: it matches a subset, found faster. */
  whole: string;
  matcher: TermMatcher;
}

export class SearchService implements PageIndexer {
  private stopped = false;
  private readonly batchSize: number;
  private readonly rankedInFull: number;

  constructor(private readonly deps: SearchServiceDeps) {
    this.batchSize = deps.batchSize ?? 200;
    this.rankedInFull = deps.rankedInFull ?? RANKED_IN_FULL;
  }

  indexPage(pageId: string, headings?: string[]): void {
    const page = this.deps.repo.page(pageId);
    if (page) this.write(page, headings);
  }

  /**
   * Indexes every page that has no index row (or one left by a rowid renumbering), in small transactions
   * between which live work runs. Started on boot; resolves with the number of pages indexed.
   */
  async indexMissing(): Promise<number> {
    const { repo } = this.deps;
    repo.removeOrphans();
    let done = 0;
    let after = 0;
    while (!this.stopped) {
      const batch = repo.transaction(() => {
        const pages = repo.unindexedPages(after, this.batchSize);
        for (const page of pages) this.write(page);
        return pages;
      });
      if (batch.length === 0) break;
      after = batch[batch.length - 1].rowid;
      done += batch.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (done > 0) this.deps.log.info({ pages: done }, 'indexed pages for search');
    return done;
  }

  /** Rebuilds the whole index from stored text (for the CLI's reindex). Search keeps answering meanwhile. */
  async reindexAll(onProgress?: (done: number, total: number) => void): Promise<number> {
    const { repo } = this.deps;
    const total = repo.pageCount();
    repo.removeOrphans();
    let done = 0;
    let after = 0;
    while (!this.stopped) {
      const batch = repo.transaction(() => {
        const pages = repo.pagesAfter(after, this.batchSize);
        for (const page of pages) this.write(page);
        return pages;
      });
      if (batch.length === 0) break;
      after = batch[batch.length - 1].rowid;
      done += batch.length;
      onProgress?.(done, Math.max(total, done));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return done;
  }

  /** Stops background indexing (before the database closes). */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Ranked hits and their total. A query that analyzes to nothing finds nothing (it is not an error).
   * Up to RANKED_IN_FULL matches are counted exactly and all ranked with bm25. Past that the total says
   * "at least" (`totalExact` false), and results come in two groups, each ranked with bm25 among at most
   * RANKED_IN_FULL of its newest pages: first the pages that match in their title or headings (read from
   * their own, much shorter lists), then the others. Ranking every match would miss the latency target: bm25
   * costs about 1 µs a match, plus a read of each term's whole list (a word in all of 100,000 pages: 36 ms).
   */
  search(q: string, options: SearchOptions): { total: number; totalExact: boolean; hits: SearchHit[] } {
    const compiled = compileQuery(q);
    if (!compiled) return { total: 0, totalExact: true, hits: [] };
    const spaceIds = [...options.spaceIds];
    // The words are looked for everywhere but in the filters column. A search of one space (asked for, or
    // all one may read) or one language names it there, so FTS5 skips to the pages that have it instead
    // of reading every match of the words.
    const asked = [...(spaceIds.length === 1 ? [filterTerm('space', spaceIds[0])] : []), ...(options.lang ? [filterTerm('lang', options.lang)] : [])];
    const matching = (expr: string) => {
      const words = `- {filters} : (${expr})`;
      return asked.length === 0 ? words : `(${words}) AND filters : (${asked.map((t) => `"${t}"`).join(' AND ')})`;
    };
    const all: SearchFilter = { match: matching(compiled.match), spaceIds };
    // A prefix is costly to count however few pages are counted (FTS5 merges the lists of every term it
    // starts, 2 ms for a word in every page of 100,000): when the whole words alone are too many to rank in
    // full, so are their prefixes.
    const wholeCount = compiled.whole === compiled.match ? 0 : this.deps.repo.count({ ...all, match: matching(compiled.whole) }, this.rankedInFull + 1);
    const counted = wholeCount > this.rankedInFull ? wholeCount : this.deps.repo.count(all, this.rankedInFull + 1);
    const rows = counted <= this.rankedInFull ? this.deps.repo.search(all, options.limit, options.offset) : this.inGroups(all, options);
    return {
      total: Math.min(counted, this.rankedInFull),
      totalExact: counted <= this.rankedInFull,
      hits: rows.map((row) => this.hit(row, compiled.matcher)),
    };
  }

  /** Readable pages whose titles match the query, the last word as a prefix (typeahead); past the window, among the newest. */
  titles(q: string, spaceIds: Iterable<string>, limit: number): TitleHitRow[] {
    const compiled = compileQuery(q, { column: 'title', prefix: true });
    if (!compiled) return [];
    return this.deps.repo.titles(this.window({ match: compiled.match, spaceIds: [...spaceIds], scope: 'heads' }).filter, limit);
  }

  /** A large result set in two groups (see search): title or heading matches, then the rest. */
  private inGroups(all: SearchFilter, { limit, offset }: SearchOptions): HitRow[] {
    const heads = this.window({ ...all, scope: 'heads' });
    const rows = offset < heads.size ? this.deps.repo.search(heads.filter, limit, offset) : [];
    if (rows.length < limit) {
      // Its size is not needed, so the window's start is looked up without counting first.
      const rest: SearchFilter = { ...all, scope: 'rest', headsMatch: all.match };
      rest.fromRowid = this.deps.repo.nthNewest(rest, this.rankedInFull) ?? 0;
      rows.push(...this.deps.repo.search(rest, limit - rows.length, Math.max(0, offset - heads.size)));
    }
    return rows;
  }

  /** The filter narrowed to its newest RANKED_IN_FULL matches when it has more, and how many it then matches. */
  private window(filter: SearchFilter): { filter: SearchFilter; size: number } {
    const { repo } = this.deps;
    const start = repo.nthNewest(filter, this.rankedInFull + 1);
    if (start === null) return { filter, size: repo.count(filter, this.rankedInFull) };
    return { filter: { ...filter, fromRowid: start + 1 }, size: this.rankedInFull };
  }

  private hit(row: HitRow, matcher: TermMatcher): SearchHit {
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      lang: row.lang,
      spaceId: row.space_id,
      snippet: snippet(row.text, searchLanguageOf(row.lang), matcher),
      score: Number((-row.rank).toPrecision(6)),
    };
  }

  private write(page: IndexablePage, headings?: string[]): void {
    const lang = searchLanguageOf(page.lang);
    try {
      this.deps.repo.write(page.rowid, page.id, {
        title: terms(page.title, lang),
        headings: terms((headings ?? headingsOfHtml(page.html)).join('\n'), lang),
        body: terms(page.text, lang),
      }, page);
    } catch (error) {
      // A search failure must never cost a page its rendering: the page stays unindexed until the next start.
      this.deps.log.error({ err: error, pageId: page.id }, 'indexing a page for search failed');
    }
  }
}

/** analyze(text, lang) joined with spaces, through the remembered terms of words. */
function terms(text: string, lang: SearchLanguage): string {
  let out = '';
  for (const { word } of words(text)) {
    const term = termOfWord(word, lang);
    if (term !== null) out = out === '' ? term : `${out} ${term}`;
  }
  return out;
}

/**
 * The FTS5 expression for a query, built only from analyzed terms, each quoted: an AND of one group per
 * query word, each group an OR of that word's terms in every language, the last one as prefixes while
 * typing. A word that is a stop word in some language is left out of the AND (pages in that language
 * never index it) unless every word is such a word.
 */
export function compileQuery(q: string, options: { column?: 'title'; prefix?: boolean } = {}): CompiledQuery | null {
  const { groups, prefix: typedPrefix, optional } = analyzeQuery(q);
  const prefix = options.prefix ?? typedPrefix;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const parts: { expr: string; whole: string; optional: boolean }[] = [];
  groups.forEach((group, i) => {
    const isPrefix = prefix && i === groups.length - 1;
    const unique = [...new Set(group.filter((t) => t.length > 0))];
    if (unique.length === 0) return;
    for (const t of unique) {
      if (isPrefix) prefixes.push(t);
      else exact.add(t);
    }
    const terms = (star: string) => `(${unique.map((t) => `"${t.replace(/"/g, '""')}"${star}`).join(' OR ')})`;
    parts.push({ expr: terms(isPrefix ? '*' : ''), whole: terms(''), optional: optional[i] ?? false });
  });
  if (parts.length === 0) return null;
  const required = parts.some((p) => !p.optional) ? parts.filter((p) => !p.optional) : parts;
  const inColumn = (expr: string) => (options.column ? `${options.column} : (${expr})` : expr);
  return {
    match: inColumn(required.map((p) => p.expr).join(' AND ')),
    whole: inColumn(required.map((p) => p.whole).join(' AND ')),
    matcher: new TermMatcher(exact, prefixes),
  };
}

const HEADING_RE = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi;
const ENTITY_RE = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Heading texts of stored (sanitized) page HTML, for pages indexed without a fresh render. */
export function headingsOfHtml(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(HEADING_RE)) {
    const text = m[2]
      .replace(/<[^>]*>/g, '')
      .replace(ENTITY_RE, (_, dec: string, hex: string, name: string) =>
        dec || hex ? codePoint(dec ? Number(dec) : parseInt(hex, 16)) : NAMED[name.toLowerCase()],
      )
      .replace(/\s+/g, ' ')
      .trim();
    if (text) out.push(text);
  }
  return out;
}

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ';
}
