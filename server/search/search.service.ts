// Whole-wiki search: keeps page_search in step with stored renderings (called inside their transaction),
// indexes pages the index lacks in the background, and answers queries with ranked, permission-filtered,
// highlighted results. No HTTP here.
import type { FastifyBaseLogger } from 'fastify';
import { analyze, analyzeQuery, searchLanguageOf, type SearchLanguage } from '../../shared/search/analyze.js';
import type { HitRow, IndexablePage, SearchRepo, TitleHitRow } from './search.repo.js';
import { snippet, TermMatcher } from './snippet.js';

export interface SearchServiceDeps {
  repo: SearchRepo;
  log: FastifyBaseLogger;
  /** Pages indexed per transaction by background indexing: small enough not to hold up live edits. */
  batchSize?: number;
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

interface CompiledQuery {
  /** FTS5 MATCH expression over the analyzed columns. */
  match: string;
  matcher: TermMatcher;
}

export class SearchService implements PageIndexer {
  private stopped = false;
  private readonly batchSize: number;

  constructor(private readonly deps: SearchServiceDeps) {
    this.batchSize = deps.batchSize ?? 200;
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

  /** Ranked hits and their total. A query that analyzes to nothing finds nothing (it is not an error). */
  search(q: string, options: SearchOptions): { total: number; hits: SearchHit[] } {
    const compiled = compileQuery(q);
    if (!compiled) return { total: 0, hits: [] };
    const filter = { match: compiled.match, spaceIds: [...options.spaceIds], lang: options.lang ?? null };
    const rows = this.deps.repo.search(filter, options.limit, options.offset);
    // The count is only needed past what one page of results shows.
    const total = options.offset === 0 && rows.length < options.limit ? rows.length : this.deps.repo.count(filter);
    return { total, hits: rows.map((row) => this.hit(row, compiled.matcher)) };
  }

  /** Readable pages whose titles match the query, the last word as a prefix (typeahead). */
  titles(q: string, spaceIds: Iterable<string>, limit: number): TitleHitRow[] {
    const compiled = compileQuery(q, { column: 'title', prefix: true });
    if (!compiled) return [];
    return this.deps.repo.titles({ match: compiled.match, spaceIds: [...spaceIds], lang: null }, limit);
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
      });
    } catch (error) {
      // A search failure must never cost a page its rendering: the page stays unindexed until the next start.
      this.deps.log.error({ err: error, pageId: page.id }, 'indexing a page for search failed');
    }
  }
}

function terms(text: string, lang: SearchLanguage): string {
  return analyze(text, lang).join(' ');
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
  const parts: { expr: string; optional: boolean }[] = [];
  groups.forEach((group, i) => {
    const isPrefix = prefix && i === groups.length - 1;
    const unique = [...new Set(group.filter((t) => t.length > 0))];
    if (unique.length === 0) return;
    for (const t of unique) {
      if (isPrefix) prefixes.push(t);
      else exact.add(t);
    }
    const expr = unique.map((t) => `"${t.replace(/"/g, '""')}"${isPrefix ? '*' : ''}`).join(' OR ');
    parts.push({ expr: `(${expr})`, optional: optional[i] ?? false });
  });
  if (parts.length === 0) return null;
  const required = parts.some((p) => !p.optional) ? parts.filter((p) => !p.optional) : parts;
  const expr = required.map((p) => p.expr).join(' AND ');
  return {
    match: options.column ? `${options.column} : (${expr})` : expr,
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
