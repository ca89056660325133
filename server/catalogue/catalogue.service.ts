// The catalogue: keeps catalogue_entries in step with page renderings (inside their transactions), and answers
// queries from lunr indexes built lazily from it, one per set of spaces a reader may read that hold entries,
// so an entry in a space someone cannot read is never in their index, results, counts or JSON.
// An index is rebuilt on the first query after a change. Each entry's analysis (stemming, the costlier half)
// is kept between builds and redone only for entries that changed, so a rebuild is mostly lunr's part: about
// 0.2–0.3 s for 2,000 entries of ~1,200 characters; their analysis, another 0.7 s, is done ahead after a start
// (warm), a batch at a time.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyBaseLogger } from 'fastify';
import {
  buildCatalogueIndex,
  catalogueTerms,
  searchCatalogue,
  serializeCatalogue,
  type CatalogueDocument,
  type CatalogueIndex,
  type CatalogueQuery,
  type CatalogueResult,
  type CatalogueTerms,
} from '../../shared/catalogue/catalogueIndex.js';
import type { EntryFields, EntryProblem } from '../../shared/catalogue/fields.js';
import type { PageIndexer, StoredRendering } from '../pages/pages.repo.js';
import type { CatalogueDocumentRow, CatalogueRepo } from './catalogue.repo.js';

/** Where new entries go unless the creator picks another space (created by migration 20261128090000). */
export const CATALOGUE_SPACE_ID = 'catalogue';
/** Distinct reader views kept built at once (anonymous, signed in, each group mix that reads entries…). */
const MAX_CACHED_INDEXES = 16;

export interface CatalogueServiceDeps {
  repo: CatalogueRepo;
  log: FastifyBaseLogger;
  now?: () => number;
}

export interface StoredEntry {
  fields: EntryFields;
  problems: EntryProblem[];
}

/** What the browser downloads: the JSON, its ETag, and (made once, off the main thread) its gzip. */
export interface SerializedIndex {
  json: string;
  etag: string;
  gzipped(): Promise<Buffer>;
}

interface CachedIndex {
  index: CatalogueIndex;
  serialized?: SerializedIndex;
}

/** An entry's analysis and the exact inputs it was made from. */
interface Analysis {
  title: string;
  lang: string;
  fields: string;
  text: string;
  terms: CatalogueTerms;
}

const gzipAsync = promisify(gzip);

export class CatalogueService implements PageIndexer {
  /** Bumped by every change this process makes; with SQLite's data_version it says when indexes are stale. */
  private version = 0;
  private stamp = '';
  private holding = new Set<string>();
  private readonly cache = new Map<string, CachedIndex>();
  private readonly analyses = new Map<string, Analysis>();
  /** The last rebuild, for the log and for tests that watch its cost. */
  lastBuild: { entries: number; ms: number } | null = null;
  private stopped = false;

  constructor(private readonly deps: CatalogueServiceDeps) {}

  /** Called by pages.repo inside the transaction that stores a rendering (or creates the page). */
  indexPage(pageId: string, rendering: StoredRendering): void {
    // Only a fresh render says whether the page is an entry; without that, keep what is stored.
    if (rendering.entry === undefined) return;
    try {
      if (rendering.entry === null) {
        if (this.deps.repo.remove(pageId)) this.version++;
        this.analyses.delete(pageId);
        return;
      }
      const { fields, problems } = rendering.entry;
      this.deps.repo.upsert(pageId, JSON.stringify(fields), JSON.stringify(problems), (this.deps.now ?? Date.now)());
      this.version++;
    } catch (error) {
      // The catalogue must never cost a page its rendering: the entry catches up on the page's next render.
      this.deps.log.error({ err: error, pageId }, 'storing a catalogue entry failed');
    }
  }

  pageDeleted(pageId: string): void {
    this.analyses.delete(pageId);
    this.version++;
  }

  /** The entry's stored fields and problems, or null when the page is not an entry. */
  entryOf(pageId: string): StoredEntry | null {
    const row = this.deps.repo.find(pageId);
    if (!row) return null;
    try {
      return { fields: JSON.parse(row.fields) as EntryFields, problems: JSON.parse(row.problems) as EntryProblem[] };
    } catch {
      return null;
    }
  }

  /** Runs a query over the entries in the given (readable) spaces. */
  search(readable: ReadonlySet<string>, query: CatalogueQuery): CatalogueResult {
    return searchCatalogue(this.cached(readable).index, query);
  }

  /** The index of the entries in the given (readable) spaces as JSON, with a strong ETag of its content. */
  serialized(readable: ReadonlySet<string>): SerializedIndex {
    const cached = this.cached(readable);
    if (!cached.serialized) {
      const json = JSON.stringify(serializeCatalogue(cached.index));
      let gzipped: Promise<Buffer> | null = null;
      cached.serialized = {
        json,
        etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
        gzipped: () => (gzipped ??= gzipAsync(json)),
      };
    }
    return cached.serialized;
  }

  /**
   * Analyzes every entry ahead of the first query (started on boot), a batch per event-loop turn, so the
   * first visitor of /catalogue after a start waits for lunr's part only.
   */
  async warm(batchSize = 100): Promise<number> {
    const rows = this.deps.repo.documents(this.deps.repo.spacesWithEntries());
    for (let i = 0; i < rows.length && !this.stopped; i += batchSize) {
      for (const row of rows.slice(i, i + batchSize)) {
        const doc = this.documentOf(row);
        if (doc) this.analysisOf(doc, row.fields);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return rows.length;
  }

  /** Stops warming (before the database closes). */
  stop(): void {
    this.stopped = true;
  }

  private cached(readable: ReadonlySet<string>): CachedIndex {
    const stamp = `${this.version}:${this.deps.repo.dataVersion()}`;
    if (stamp !== this.stamp) {
      this.cache.clear();
      this.holding = new Set(this.deps.repo.spacesWithEntries());
      this.stamp = stamp;
    }
    // Readers who differ only in spaces without entries share one index.
    const spaceIds = [...readable].filter((id) => this.holding.has(id)).sort();
    const key = spaceIds.join(' ');
    let cached = this.cache.get(key);
    if (!cached) {
      cached = { index: this.build(spaceIds) };
      this.cache.set(key, cached);
      if (this.cache.size > MAX_CACHED_INDEXES) this.cache.delete(this.cache.keys().next().value!);
    }
    return cached;
  }

  private build(spaceIds: string[]): CatalogueIndex {
    const started = performance.now();
    const docs: CatalogueDocument[] = [];
    const rawFields = new Map<string, string>();
    for (const row of spaceIds.length > 0 ? this.deps.repo.documents(spaceIds) : []) {
      const doc = this.documentOf(row);
      if (!doc) continue;
      rawFields.set(row.id, row.fields);
      docs.push(doc);
    }
    const index = buildCatalogueIndex(docs, (doc) => this.analysisOf(doc, rawFields.get(doc.id)!));
    this.lastBuild = { entries: docs.length, ms: performance.now() - started };
    this.deps.log.debug({ entries: docs.length, ms: Math.round(this.lastBuild.ms) }, 'built a catalogue index');
    return index;
  }

  private documentOf(row: CatalogueDocumentRow): CatalogueDocument | null {
    let fields: EntryFields;
    try {
      fields = JSON.parse(row.fields) as EntryFields;
    } catch {
      return null;
    }
    return { id: row.id, slug: row.slug, title: row.title, lang: row.lang, fields, updatedAt: new Date(row.updated_at).toISOString(), text: row.text };
  }

  /** The entry's terms, analyzed again only when something they come from has changed. */
  private analysisOf(doc: CatalogueDocument, fields: string): CatalogueTerms {
    const known = this.analyses.get(doc.id);
    if (known && known.title === doc.title && known.lang === doc.lang && known.fields === fields && known.text === doc.text) return known.terms;
    const terms = catalogueTerms(doc);
    this.analyses.set(doc.id, { title: doc.title, lang: doc.lang, fields, text: doc.text, terms });
    return terms;
  }
}
