// A catalogue query as the address bar holds it: /catalogue?q=&level=&kind=&country=&year=&status=&language=&tag=&page=.
// Facets are repeated parameters (OR within a facet, AND across facets). Parsing keeps what is valid and
// reports the rest; the query string is canonical (fixed parameter order, sorted values, no duplicates), so one
// selection always has one shareable address. No Node-only APIs: the browser parses and builds the same URLs.
import { COUNTRIES, FACETS, KINDS, LANGUAGES, LEVELS, LIMITS, MIN_YEAR, STATUSES, type Facet, type Kind, type Level, type Status } from './fields.js';

export interface CatalogueQuery {
  q: string;
  level: Level[];
  kind: Kind[];
  country: string[];
  year: number[];
  status: Status[];
  language: string[];
  /** Tags in their matching form (see tagKey): case does not matter. */
  tag: string[];
  /** 1-based page of results (the web page; the API pages with limit and offset). */
  page?: number;
}

/** What was wrong with a parameter; the value was left out of the query. Message keys: `catalogue.query.<code>`. */
export interface CatalogueQueryProblem {
  param: 'q' | Facet | 'page';
  code: 'tooLong' | 'unknownValue' | 'tooMany' | 'notAPage';
  params?: Record<string, string | number>;
}

export const MAX_QUERY_LENGTH = 200;
/** More values than this in one facet is not a person choosing: refuse rather than work through them. */
export const MAX_FACET_SELECTION = 50;
/** The web page never goes past this page; the catalogue holds at most a few thousand entries. */
export const MAX_CATALOGUE_PAGE = 1000;
/** Years a query may name: as entries may hold (MIN_YEAR…next year), with room for clocks that differ. */
const MAX_QUERY_YEAR = 2200;

export function emptyCatalogueQuery(): CatalogueQuery {
  return { q: '', level: [], kind: [], country: [], year: [], status: [], language: [], tag: [] };
}

/** The form a tag is matched and counted in: one line, case-folded. "Open Data" and "open data" are one tag. */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function valuesOf(params: Params, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

const countrySet = new Set(COUNTRIES);
const languageSet = new Set(LANGUAGES);

/**
 * The values of one facet parameter, normalized, or null when the value is not one the facet can hold.
 * Empty values (an unticked form control, `?kind=`) are ignored.
 */
function normalizeFacetValue(facet: Facet, raw: string): string | number | null {
  const value = raw.trim();
  switch (facet) {
    case 'level':
      return (LEVELS as readonly string[]).includes(value) ? value : null;
    case 'kind':
      return (KINDS as readonly string[]).includes(value) ? value : null;
    case 'status':
      return (STATUSES as readonly string[]).includes(value) ? value : null;
    case 'country':
      return countrySet.has(value.toUpperCase()) ? value.toUpperCase() : null;
    case 'language':
      return languageSet.has(value.toLowerCase()) ? value.toLowerCase() : null;
    case 'year': {
      if (!/^\d{4}$/.test(value)) return null;
      const year = Number(value);
      return year >= MIN_YEAR && year <= MAX_QUERY_YEAR ? year : null;
    }
    case 'tag': {
      const key = tagKey(value);
      return key.length > LIMITS.tag ? null : key;
    }
  }
}

/** Parses query parameters into a query. Never throws: invalid values are left out and reported. Unknown parameters are ignored. */
export function parseCatalogueQuery(params: Params): { query: CatalogueQuery; problems: CatalogueQueryProblem[] } {
  const query = emptyCatalogueQuery();
  const problems: CatalogueQueryProblem[] = [];
  // A repeated q counts by its first value, as on /search.
  const q = valuesOf(params, 'q')[0] ?? '';
  if ([...q].length > MAX_QUERY_LENGTH) problems.push({ param: 'q', code: 'tooLong', params: { max: MAX_QUERY_LENGTH } });
  else query.q = q;

  for (const facet of FACETS) {
    const raw = valuesOf(params, facet).filter((v) => v.trim() !== '');
    if (raw.length > MAX_FACET_SELECTION) {
      problems.push({ param: facet, code: 'tooMany', params: { max: MAX_FACET_SELECTION } });
      continue;
    }
    const chosen = new Set<string | number>();
    for (const value of raw) {
      const normalized = normalizeFacetValue(facet, value);
      if (normalized === null) problems.push({ param: facet, code: 'unknownValue', params: { value: value.slice(0, 60) } });
      else chosen.add(normalized);
    }
    (query as unknown as Record<Facet, (string | number)[]>)[facet] = sortFacetValues(facet, [...chosen]);
  }

  const page = valuesOf(params, 'page')[0];
  if (page !== undefined && page !== '') {
    const n = /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 0;
    if (n >= 1 && n <= MAX_CATALOGUE_PAGE) query.page = n;
    else problems.push({ param: 'page', code: 'notAPage', params: { max: MAX_CATALOGUE_PAGE } });
  }
  return { query, problems };
}

/** Canonical order of a facet's selected values: the vocabulary's order where there is one, else sorted. */
function sortFacetValues<T extends string | number>(facet: Facet, values: T[]): T[] {
  const vocabulary = facet === 'level' ? LEVELS : facet === 'kind' ? KINDS : facet === 'status' ? STATUSES : null;
  if (vocabulary) return [...values].sort((a, b) => (vocabulary as readonly unknown[]).indexOf(a) - (vocabulary as readonly unknown[]).indexOf(b));
  if (facet === 'year') return [...values].sort((a, b) => Number(a) - Number(b));
  return [...values].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

/**
 * The query as a URL query string (no "?"): q first, then the facets in FACETS order with sorted values,
 * then page when past the first. Empty parts are left out, so an empty query is "".
 */
export function catalogueQueryString(query: Partial<CatalogueQuery>): string {
  const out = new URLSearchParams();
  if (query.q && query.q.trim() !== '') out.append('q', query.q);
  for (const facet of FACETS) {
    const values = sortFacetValues(facet, [...new Set((query[facet] ?? []) as (string | number)[])]);
    for (const value of values) out.append(facet, String(value));
  }
  if (query.page !== undefined && query.page > 1) out.append('page', String(query.page));
  return out.toString();
}

/** The /catalogue address of a query. */
export function catalogueUrl(query: Partial<CatalogueQuery>): string {
  const qs = catalogueQueryString(query);
  return qs ? `/catalogue?${qs}` : '/catalogue';
}

/** True when the query narrows anything (text or a facet); page alone does not count. */
export function hasFilters(query: CatalogueQuery): boolean {
  return query.q.trim() !== '' || FACETS.some((facet) => query[facet].length > 0);
}

/** The selected values of a facet as strings, the form facet counts use. */
export function selectedValues(query: CatalogueQuery, facet: Facet): string[] {
  return (query[facet] as (string | number)[]).map(String);
}
