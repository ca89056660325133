// The catalogue's search: one lunr index of the entries a reader may see, built on the server, sent to the
// browser as JSON, and queried by the same code on both sides, so instant search in the browser and /catalogue
// on the server give the same entries, order and facet counts.
//
// Fields reach lunr already analyzed (shared/search/analyze.ts: stop words, stemming and accent folding in the
// entry's language), as term arrays, with an empty pipeline, so lunr neither re-tokenizes nor stems again, and
// a loaded index needs no pipeline functions registered (lunrIndexBuilder.ts builds it). Queries are analyzed
// with analyzeQuery, expanded across languages, exactly as whole-wiki search does. No Node-only APIs.
import lunr from 'lunr';
import { analyze, analyzeQuery, searchLanguageOf } from '../search/analyze.js';
import { buildLunrIndex } from './lunrIndexBuilder.js';
import { FACETS, KINDS, LEVELS, STATUSES, type EntryFields, type Facet } from './fields.js';
import { selectedValues, tagKey, type CatalogueQuery } from './catalogueQuery.js';

export * from './catalogueQuery.js';

/** What a reader may see of an entry in listings and in the browser's copy of the index (no body text). */
export interface CatalogueListing {
  id: string;
  slug: string;
  title: string;
  lang: string;
  fields: EntryFields;
  /** ISO 8601. */
  updatedAt: string;
}

/** An entry as the index is built from it: the listing plus the page's text. */
export type CatalogueDocument = CatalogueListing & { text: string };

export interface CatalogueIndex {
  readonly lunr: lunr.Index;
  /** In the order the index was built from. */
  readonly entries: readonly CatalogueListing[];
  readonly byId: ReadonlyMap<string, CatalogueListing>;
  /** How each tag is shown: its first spelling in entry order, by tagKey. */
  readonly tagLabels: ReadonlyMap<string, string>;
  /** Each entry's values of each facet (FACETS order), worked out once rather than per query. */
  readonly facetValues: readonly (readonly string[][])[];
}

export const CATALOGUE_FORMAT_VERSION = 1;

export interface SerializedCatalogue {
  version: typeof CATALOGUE_FORMAT_VERSION;
  /** lunr's own JSON (lunr.Index#toJSON). */
  index: object;
  entries: CatalogueListing[];
}

export interface FacetValue {
  /** As it goes in the URL: a code, a year, a tag key. */
  value: string;
  /** Entries with this value among those matching the text and every OTHER facet's selection. */
  count: number;
  /** For tags: the spelling to show (value is its case-folded form). */
  label?: string;
}

export type CatalogueHit = CatalogueListing & { score: number };

export interface CatalogueResult {
  total: number;
  /** Every matching entry: by score when there is text to match, else by title. Callers page through it. */
  entries: CatalogueHit[];
  facets: Record<Facet, FacetValue[]>;
}

/** Entries shown per page of /catalogue (and by the browser rendering the same view). */
export const CATALOGUE_PAGE_SIZE = 20;
/** Values listed per facet, by count (selected values always are): a tag cloud of hundreds helps nobody. */
export const MAX_FACET_VALUES = 30;
/**
 * Body terms indexed per entry. Entries are described in their fields and a few paragraphs; a long page would
 * otherwise grow the JSON every reader downloads far more than it helps ranking.
 */
export const MAX_BODY_TERMS = 1500;

const FIELD_BOOSTS = { title: 10, summary: 4, details: 3, body: 1 } as const;
type IndexField = keyof typeof FIELD_BOOSTS;
/** The analyzed terms of an entry's indexed fields. */
export type CatalogueTerms = Record<IndexField, string[]>;

// Region names in both official languages, so "Canada" and "Suède" both find entries. Made once, lazily.
let regionNames: { en: Intl.DisplayNames; fr: Intl.DisplayNames } | null = null;
function countryNames(code: string): { en: string; fr: string } {
  regionNames ??= { en: new Intl.DisplayNames(['en'], { type: 'region' }), fr: new Intl.DisplayNames(['fr'], { type: 'region' }) };
  return { en: regionNames.en.of(code) ?? code, fr: regionNames.fr.of(code) ?? code };
}

/**
 * The analyzed terms of each indexed field of an entry: title (weighs most), summary, details (organisation,
 * region, tools, tags, the country's English and French names), body text (first MAX_BODY_TERMS terms).
 */
export function catalogueTerms(doc: CatalogueDocument): CatalogueTerms {
  const lang = searchLanguageOf(doc.lang);
  const { fields } = doc;
  const details = [fields.organisation, fields.region, fields.tools.join(', '), fields.tags.join(', ')].join('\n');
  const detailTerms = analyze(details, lang);
  if (fields.country) {
    const names = countryNames(fields.country);
    detailTerms.push(...analyze(names.en, 'en'), ...analyze(names.fr, 'fr'));
  }
  return {
    title: analyze(doc.title, lang),
    summary: analyze(fields.summary, lang),
    details: detailTerms,
    body: analyze(doc.text, lang).slice(0, MAX_BODY_TERMS),
  };
}

/**
 * Builds the index. Documents keep their order (it decides how tags are spelled and breaks no ties).
 * `termsOf` lets a caller reuse the analysis of entries that have not changed since the last build.
 */
export function buildCatalogueIndex(docs: readonly CatalogueDocument[], termsOf: (doc: CatalogueDocument) => CatalogueTerms = catalogueTerms): CatalogueIndex {
  const index = buildLunrIndex(docs.map((doc, i) => ({ ref: refOf(i), fields: termsOf(doc) })), FIELD_BOOSTS);
  return withEntries(index, docs.map(listingOf));
}

/**
 * lunr's reference of the entry at this position of `entries`: base 36, rather than the 12-character page id,
 * because the reference is repeated in every posting and vector of the JSON the browser downloads (a third
 * of its size for a large catalogue). `entries` keeps its order through serialization, so positions hold.
 */
const refOf = (position: number) => position.toString(36);

function listingOf(doc: CatalogueListing): CatalogueListing {
  return { id: doc.id, slug: doc.slug, title: doc.title, lang: doc.lang, fields: doc.fields, updatedAt: doc.updatedAt };
}

function withEntries(index: lunr.Index, entries: CatalogueListing[]): CatalogueIndex {
  const tagLabels = new Map<string, string>();
  for (const entry of entries) {
    for (const tag of entry.fields.tags) if (!tagLabels.has(tagKey(tag))) tagLabels.set(tagKey(tag), tag);
  }
  const facetValues = entries.map((entry) => FACETS.map((facet) => facetValuesOf(entry.fields, facet)));
  return { lunr: index, entries, byId: new Map(entries.map((e) => [e.id, e])), tagLabels, facetValues };
}

export function serializeCatalogue(index: CatalogueIndex): SerializedCatalogue {
  return { version: CATALOGUE_FORMAT_VERSION, index: index.lunr.toJSON(), entries: [...index.entries] };
}

/** The index from its JSON (as GET /catalogue/index.json sends it). Throws on a format it does not know. */
export function loadCatalogue(serialized: SerializedCatalogue): CatalogueIndex {
  if (!serialized || serialized.version !== CATALOGUE_FORMAT_VERSION || !Array.isArray(serialized.entries)) {
    throw new Error('Unknown catalogue index format.');
  }
  return withEntries(lunr.Index.load(serialized.index), serialized.entries);
}

/** The facet values an entry has (several for languages and tags). */
export function facetValuesOf(fields: EntryFields, facet: Facet): string[] {
  switch (facet) {
    case 'level':
    case 'kind':
    case 'country':
    case 'status': {
      const value = fields[facet];
      return value === null ? [] : [value];
    }
    case 'year':
      return fields.year === null ? [] : [String(fields.year)];
    case 'language':
      return fields.languages;
    case 'tag':
      return [...new Set(fields.tags.map(tagKey))];
  }
}

/**
 * Scores of the entries matching the text: each query word is a group (its terms in every language, the last
 * one as a prefix while typing), entries must match every group (groups of words that are stop words in some
 * language may be missing, as in whole-wiki search), and scores add up. null when there is no text to match.
 */
function textMatches(index: CatalogueIndex, q: string): Map<string, number> | null {
  const { groups, prefix, optional } = analyzeQuery(q);
  if (groups.length === 0) return null;
  const perGroup = groups.map((group, i) => {
    const wildcard = prefix && i === groups.length - 1 ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE;
    const scores = new Map<string, number>();
    const results = index.lunr.query((query) => {
      for (const term of new Set(group)) query.term(term, { usePipeline: false, wildcard });
    });
    for (const result of results) scores.set(result.ref, result.score);
    return scores;
  });
  const required = optional.some((o) => !o) ? perGroup.filter((_, i) => !optional[i]) : perGroup;
  const optionalGroups = perGroup.filter((g) => !required.includes(g));
  const [first, ...rest] = required;
  // By lunr reference (refOf): the entry's position.
  const matches = new Map<string, number>();
  for (const [ref, score] of first) {
    let total = score;
    let all = true;
    for (const group of rest) {
      const s = group.get(ref);
      if (s === undefined) {
        all = false;
        break;
      }
      total += s;
    }
    if (!all) continue;
    for (const group of optionalGroups) total += group.get(ref) ?? 0;
    matches.set(ref, total);
  }
  return matches;
}

// A fixed collation, so the server and every browser sort titles the same way whatever their own locale.
const titleOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byTitle = (a: CatalogueListing, b: CatalogueListing) => titleOrder.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Runs a query: the matching entries, ordered, with disjunctive facet counts. */
export function searchCatalogue(index: CatalogueIndex, query: CatalogueQuery): CatalogueResult {
  const text = query.q.trim() === '' ? null : textMatches(index, query.q);
  const selections = FACETS.map((facet) => new Set(selectedValues(query, facet)));
  const counts = FACETS.map(() => new Map<string, number>());
  const hits: CatalogueHit[] = [];

  index.entries.forEach((entry, e) => {
    const score = text === null ? 0 : text.get(refOf(e));
    if (score === undefined) return;
    const values = index.facetValues[e];
    // Which facets the entry fails: none → a result, counted everywhere; exactly one → counted in that facet
    // only (its count answers "what if I also chose this"); more → counted nowhere.
    let failed = -1;
    let failures = 0;
    for (let f = 0; f < FACETS.length && failures < 2; f++) {
      if (selections[f].size > 0 && !values[f].some((v) => selections[f].has(v))) {
        failed = f;
        failures++;
      }
    }
    if (failures >= 2) return;
    for (let f = 0; f < FACETS.length; f++) {
      if (failures === 1 && f !== failed) continue;
      for (const v of values[f]) counts[f].set(v, (counts[f].get(v) ?? 0) + 1);
    }
    if (failures === 0) hits.push({ ...entry, score });
  });

  hits.sort(text === null ? byTitle : (a, b) => b.score - a.score || byTitle(a, b));
  const facets = Object.fromEntries(
    FACETS.map((facet, f) => [facet, facetList(index, facet, counts[f], selections[f])]),
  ) as Record<Facet, FacetValue[]>;
  return { total: hits.length, entries: hits, facets };
}

/** A facet's values to offer: those with entries, plus what is selected (so it can be unticked), in display order. */
function facetList(index: CatalogueIndex, facet: Facet, counts: Map<string, number>, selected: Set<string>): FacetValue[] {
  const values = new Set([...counts.keys(), ...selected]);
  const list: FacetValue[] = [...values].map((value) => ({ value, count: counts.get(value) ?? 0 }));
  const vocabulary: readonly string[] | null = facet === 'level' ? LEVELS : facet === 'kind' ? KINDS : facet === 'status' ? STATUSES : null;
  if (vocabulary) list.sort((a, b) => vocabulary.indexOf(a.value) - vocabulary.indexOf(b.value));
  else if (facet === 'year') list.sort((a, b) => Number(b.value) - Number(a.value));
  else list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  let shown = list;
  if (list.length > MAX_FACET_VALUES) {
    // Keep the most frequent, and every selected value, in the order above.
    const byCount = [...list].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const keep = new Set(byCount.slice(0, MAX_FACET_VALUES).map((v) => v.value));
    shown = list.filter((v) => keep.has(v.value) || selected.has(v.value));
  }
  if (facet === 'tag') return shown.map((v) => ({ ...v, label: index.tagLabels.get(v.value) ?? v.value }));
  return shown;
}
