// What the Atom feeds hold, before words and XML: the newest revisions of a page, of a space or of the whole
// wiki, each with who changed what and a short excerpt of the change; the pages a search finds; the entries a
// catalogue query finds. Callers pass only spaces and pages the reader may read; nothing here decides access.
import type { FastifyBaseLogger } from 'fastify';
import type { CatalogueHit, CatalogueQuery } from '../../shared/catalogue/catalogueIndex.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import { presentRevision, type HistoryService } from '../history/history.service.js';
import type { AuthorRow } from '../history/revisions.repo.js';
import type { RevisionSummary } from '../history/types.js';
import type { PageRow } from '../pages/pages.repo.js';
import type { SearchService } from '../search/search.service.js';
import type { FeedsRepo, RecentRevisionRow } from './feeds.repo.js';

/**
 * Only the newest few entries of a feed get an excerpt of their change: each costs rebuilding two revisions'
 * text and a word diff (measured on a page of 80,000 characters: about 1 ms a revision; a page feed's first
 * request 12 to 30 ms, later ones 2 to 3 ms with the cache below), and a polling reader has seen older ones.
 */
export const EXCERPTED_ENTRIES = 10;
/**
 * Excerpts kept in memory. A revision never changes once cut and rendered, so neither does its excerpt: feeds
 * polled again (by every reader of them) cost a map lookup instead of diffs. About 1 MB when full.
 */
const CACHED_EXCERPTS = 2000;
/** Characters of added or removed text quoted in an entry. */
export const EXCERPT_CHARS = 200;

export interface FeedPage {
  id: string;
  slug: string;
  title: string;
  spaceId: string;
}

/** A short account of what a revision changed in the text; empty strings when nothing was added or removed. */
export interface ChangeExcerpt {
  added: string;
  removed: string;
  titleChanged: boolean;
}

export interface RevisionEntry {
  page: FeedPage;
  revision: RevisionSummary;
  /** null when the revision's text is not rendered yet, or is too old in the feed to be compared. */
  change: ChangeExcerpt | null;
}

export interface PageEntry {
  page: FeedPage & { lang: string };
  updatedAt: number;
  /** Our own snippet: the page's text, HTML-escaped, with <mark> around the matched words. */
  snippetHtml: string;
}

export interface FeedsServiceDeps {
  repo: FeedsRepo;
  /** The owner of revision authors, asked for the authors of many pages' revisions at once. */
  revisions: { authorsOf(pageId: string, numbers: number[]): AuthorRow[] };
  history: Pick<HistoryService, 'list' | 'get' | 'diff'>;
  search: Pick<SearchService, 'search'>;
  catalogue: Pick<CatalogueService, 'search'>;
  pages: { findById(id: string): PageRow | undefined };
  log: FastifyBaseLogger;
}

export class FeedsService {
  /** By `pageId#number`, oldest use first (a Map keeps insertion order, so re-inserting on use makes it an LRU). */
  private readonly excerpts = new Map<string, ChangeExcerpt>();

  constructor(private readonly deps: FeedsServiceDeps) {}

  /** The newest revisions across the pages of these spaces (what the reader may read), newest first. */
  async recentChanges(spaceIds: Iterable<string>, limit: number): Promise<RevisionEntry[]> {
    const rows = this.deps.repo.recentRevisions(spaceIds, limit);
    const authors = this.authorsOf(rows);
    const entries = rows.map((row) => ({
      page: { id: row.page_id, slug: row.slug, title: row.title, spaceId: row.space_id },
      revision: presentRevision(row, authors.get(`${row.page_id}#${row.number}`) ?? []),
      change: null,
    }));
    return this.withExcerpts(entries);
  }

  /** One page's newest revisions, newest first. */
  async pageChanges(page: PageRow, limit: number): Promise<RevisionEntry[]> {
    const ref = { id: page.id, slug: page.slug, title: page.title, spaceId: page.space_id };
    const { items } = this.deps.history.list(page.id, { limit });
    return this.withExcerpts(items.map((revision) => ({ page: ref, revision, change: null })));
  }

  /**
   * The pages that best match a search (the first `limit` results, as /search ranks them), most recently
   * changed first: a feed reader shows entries by date, and a change to a matching page is what it reports.
   */
  searchResults(q: string, options: { spaceIds: Iterable<string>; lang?: string }, limit: number): PageEntry[] {
    const { hits } = this.deps.search.search(q, { spaceIds: options.spaceIds, lang: options.lang, limit, offset: 0 });
    const entries: PageEntry[] = [];
    for (const hit of hits) {
      const page = this.deps.pages.findById(hit.id);
      if (!page) continue;
      entries.push({
        page: { id: hit.id, slug: hit.slug, title: hit.title, spaceId: hit.spaceId, lang: hit.lang },
        updatedAt: page.updated_at,
        snippetHtml: hit.snippet,
      });
    }
    return entries.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** The entries matching a catalogue query in these (readable) spaces, most recently changed first. */
  catalogueResults(readable: ReadonlySet<string>, query: CatalogueQuery, limit: number): CatalogueHit[] {
    const { entries } = this.deps.catalogue.search(readable, query);
    return [...entries].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)).slice(0, limit);
  }

  private authorsOf(rows: RecentRevisionRow[]): Map<string, AuthorRow[]> {
    const numbersByPage = new Map<string, number[]>();
    for (const row of rows) {
      const numbers = numbersByPage.get(row.page_id);
      if (numbers) numbers.push(row.number);
      else numbersByPage.set(row.page_id, [row.number]);
    }
    const byRevision = new Map<string, AuthorRow[]>();
    for (const [pageId, numbers] of numbersByPage) {
      for (const author of this.deps.revisions.authorsOf(pageId, numbers)) {
        const key = `${pageId}#${author.revision}`;
        const list = byRevision.get(key);
        if (list) list.push(author);
        else byRevision.set(key, [author]);
      }
    }
    return byRevision;
  }

  private async withExcerpts(entries: RevisionEntry[]): Promise<RevisionEntry[]> {
    // One at a time: each is synchronous SQLite reads and a CPU-bound diff, so running them together gains nothing.
    for (const entry of entries.slice(0, EXCERPTED_ENTRIES)) entry.change = await this.cachedExcerpt(entry.page.id, entry.revision.number);
    return entries;
  }

  private async cachedExcerpt(pageId: string, number: number): Promise<ChangeExcerpt | null> {
    const key = `${pageId}#${number}`;
    let excerpt = this.excerpts.get(key) ?? null;
    if (excerpt) this.excerpts.delete(key);
    else excerpt = await this.excerpt(pageId, number);
    // Not rendered yet (null) is asked again next time.
    if (excerpt) {
      this.excerpts.set(key, excerpt);
      if (this.excerpts.size > CACHED_EXCERPTS) this.excerpts.delete(this.excerpts.keys().next().value!);
    }
    return excerpt;
  }

  private async excerpt(pageId: string, number: number): Promise<ChangeExcerpt | null> {
    try {
      if (number === 1) {
        const first = await this.deps.history.get(pageId, 1);
        return first ? { added: clip([first.text]), removed: '', titleChanged: false } : null;
      }
      const diff = await this.deps.history.diff(pageId, number - 1, number);
      if (!diff) return null;
      const added: string[] = [];
      const removed: string[] = [];
      for (const block of diff.blocks) {
        for (const part of block.parts) {
          if (part.type === 'insert') added.push(part.text);
          else if (part.type === 'delete') removed.push(part.text);
        }
      }
      return { added: clip(added), removed: clip(removed), titleChanged: diff.title !== null };
    } catch (error) {
      // A feed without one excerpt is better than no feed.
      this.deps.log.error({ err: error, pageId, number }, 'could not compare a revision for a feed');
      return null;
    }
  }
}


/** Pieces of text as one line of at most EXCERPT_CHARS characters, cut at a word, "…" where it was cut. */
export function clip(pieces: string[]): string {
  let text = '';
  for (const piece of pieces) {
    const part = piece.replace(/\s+/g, ' ').trim();
    if (part === '') continue;
    text = text === '' ? part : `${text} … ${part}`;
    if (text.length > EXCERPT_CHARS * 2) break;
  }
  const chars = [...text];
  if (chars.length <= EXCERPT_CHARS) return text;
  const cut = chars.slice(0, EXCERPT_CHARS).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
