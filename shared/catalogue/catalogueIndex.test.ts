// The catalogue's query logic, on a known set of entries: facet counts, AND/OR semantics, languages, prefix
// typing, and that an index sent as JSON answers exactly as the one it was made from (server and browser).
import { emptyEntry, type EntryFields } from './fields.js';
import {
  buildCatalogueIndex,
  catalogueQueryString,
  catalogueUrl,
  loadCatalogue,
  MAX_FACET_VALUES,
  parseCatalogueQuery,
  searchCatalogue,
  serializeCatalogue,
  type CatalogueDocument,
  type CatalogueIndex,
  type CatalogueResult,
} from './catalogueIndex.js';

function entry(id: string, title: string, lang: string, fields: Partial<EntryFields>, text = ''): CatalogueDocument {
  return { id, slug: title.replace(/\s+/g, '-'), title, lang, updatedAt: '2026-01-01T00:00:00.000Z', text, fields: { ...emptyEntry(), ...fields } };
}

const ENTRIES: CatalogueDocument[] = [
  entry('e1', 'GCpedia', 'en', { country: 'CA', level: 'national', kind: 'internal-wiki', year: 2008, status: 'active', languages: ['en', 'fr'],
    tags: ['Wiki', 'Collaboration'], tools: ['MediaWiki'], organisation: 'Treasury Board of Canada Secretariat', summary: 'The internal wiki of the Government of Canada.' },
    'Public servants share knowledge across departments.'),
  entry('e2', 'Données Québec', 'fr', { country: 'CA', level: 'provincial', kind: 'open-data', year: 2015, status: 'active', languages: ['fr'],
    tags: ['Données ouvertes', 'Transparence'], summary: 'Portail de données ouvertes des organismes publics québécois.' }),
  entry('e3', 'Sveriges dataportal', 'sv', { country: 'SE', level: 'national', kind: 'open-data', year: 2018, status: 'active', languages: ['sv', 'en'],
    tags: ['Öppna data'], summary: 'Öppna data från svenska myndigheter.' }),
  entry('e4', 'Amsterdam denkt mee', 'nl', { country: 'NL', level: 'municipal', kind: 'citizen-engagement', year: 2016, status: 'ended', languages: ['nl'],
    tags: ['Participatie'], summary: 'Burgers denken mee over de begroting van de gemeente.' }),
  entry('e5', 'Challenge.gov', 'en', { country: 'US', level: 'national', kind: 'challenge', year: 2010, status: 'active', languages: ['en'],
    tags: ['Prizes', 'Open innovation'], summary: 'Prize competitions run by federal agencies.' }),
  entry('e6', 'EU Open Data Portal', 'en', { country: 'EU', level: 'international', kind: 'open-data', year: 2012, status: 'active', languages: ['en', 'fr', 'de'],
    tags: ['Open data'], summary: 'Data published by the institutions of the European Union.' }),
  entry('e7', 'Toronto Open Data', 'en', { country: 'CA', level: 'municipal', kind: 'open-data', year: 2009, status: 'active', languages: ['en'],
    tags: ['open data'], summary: 'Datasets published by the City of Toronto.' }),
  entry('e8', 'Le blogue du ministère', 'fr', { country: 'FR', level: 'national', kind: 'blog', year: 2011, status: 'ended', languages: ['fr'],
    tags: ['Transparence'], summary: 'Le blogue du ministère pour dialoguer avec les citoyens.' }),
];

let index: CatalogueIndex;
beforeAll(() => {
  index = buildCatalogueIndex(ENTRIES);
});

const run = (qs: string, on: CatalogueIndex = index): CatalogueResult => {
  const { query, problems } = parseCatalogueQuery(new URLSearchParams(qs));
  expect(problems).toEqual([]);
  return searchCatalogue(on, query);
};
const ids = (qs: string) => run(qs).entries.map((e) => e.id);
const counts = (result: CatalogueResult) =>
  Object.fromEntries(Object.entries(result.facets).map(([facet, values]) => [facet, Object.fromEntries(values.map((v) => [v.value, v.count]))]));

describe('facet counts', () => {
  test('with nothing chosen, every facet counts every entry', () => {
    const result = run('');
    expect(result.total).toBe(8);
    expect(counts(result)).toEqual({
      level: { national: 4, provincial: 1, municipal: 2, international: 1 },
      kind: { 'internal-wiki': 1, 'open-data': 4, 'citizen-engagement': 1, challenge: 1, blog: 1 },
      country: { CA: 3, SE: 1, NL: 1, US: 1, EU: 1, FR: 1 },
      year: { '2008': 1, '2009': 1, '2010': 1, '2011': 1, '2012': 1, '2015': 1, '2016': 1, '2018': 1 },
      status: { active: 6, ended: 2 },
      language: { en: 5, fr: 4, sv: 1, nl: 1, de: 1 },
      tag: { wiki: 1, collaboration: 1, 'données ouvertes': 1, transparence: 2, 'öppna data': 1, participatie: 1, prizes: 1, 'open innovation': 1, 'open data': 2 },
    });
  });

  test('values are listed in a fixed order: vocabulary order, years newest first, others by count', () => {
    const result = run('');
    expect(result.facets.level.map((v) => v.value)).toEqual(['national', 'provincial', 'municipal', 'international']);
    expect(result.facets.year.map((v) => v.value)).toEqual(['2018', '2016', '2015', '2012', '2011', '2010', '2009', '2008']);
    expect(result.facets.country.map((v) => v.value)).toEqual(['CA', 'EU', 'FR', 'NL', 'SE', 'US']);
    expect(result.facets.status.map((v) => v.value)).toEqual(['active', 'ended']);
  });

  test("choosing a kind leaves the kind facet's counts as they were and narrows the others", () => {
    const result = run('kind=open-data');
    expect(result.entries.map((e) => e.id).sort()).toEqual(['e2', 'e3', 'e6', 'e7']);
    const c = counts(result);
    expect(c.kind).toEqual({ 'internal-wiki': 1, 'open-data': 4, 'citizen-engagement': 1, challenge: 1, blog: 1 });
    expect(c.level).toEqual({ national: 1, provincial: 1, municipal: 1, international: 1 });
    expect(c.country).toEqual({ CA: 2, SE: 1, EU: 1 });
    expect(c.language).toEqual({ en: 3, fr: 2, sv: 1, de: 1 });
    expect(c.status).toEqual({ active: 4 });
  });

  test('with two facets chosen, each counts under the other', () => {
    const result = run('kind=open-data&country=CA');
    expect(result.entries.map((e) => e.id).sort()).toEqual(['e2', 'e7']);
    const c = counts(result);
    expect(c.kind).toEqual({ 'internal-wiki': 1, 'open-data': 2 });
    expect(c.country).toEqual({ CA: 2, SE: 1, EU: 1 });
    expect(c.level).toEqual({ provincial: 1, municipal: 1 });
    expect(c.tag).toEqual({ 'données ouvertes': 1, transparence: 1, 'open data': 1 });
  });

  test('text narrows every count', () => {
    const result = run('q=data');
    expect(result.entries.map((e) => e.id).sort()).toEqual(['e3', 'e6', 'e7']);
    expect(counts(result).country).toEqual({ CA: 1, SE: 1, EU: 1 });
    expect(counts(run('q=data&country=CA')).country).toEqual({ CA: 1, SE: 1, EU: 1 });
    expect(ids('q=data&country=CA')).toEqual(['e7']);
  });

  test('a chosen value that matches nothing is still offered, with 0, so it can be unticked', () => {
    const result = run('kind=challenge&country=SE');
    expect(result.total).toBe(0);
    expect(result.facets.kind).toEqual([
      { value: 'open-data', count: 1 },
      { value: 'challenge', count: 0 },
    ]);
    expect(result.facets.country).toEqual([{ value: 'US', count: 1 }, { value: 'SE', count: 0 }]);
    expect(result.facets.level).toEqual([]);
  });

  test('tags are matched and counted whatever their case, and shown as first written', () => {
    expect(ids('tag=OPEN+DATA')).toEqual(['e6', 'e7']);
    expect(run('').facets.tag.find((v) => v.value === 'open data')).toEqual({ value: 'open data', count: 2, label: 'Open data' });
  });

  test(`at most ${MAX_FACET_VALUES} values per facet are offered, the most frequent, plus any chosen`, () => {
    const many = Array.from({ length: 40 }, (_, i) => entry(`t${i}`, `Entry ${i}`, 'en', { tags: i < 5 ? ['common', `tag ${i}`] : [`tag ${i}`] }));
    const big = buildCatalogueIndex(many);
    const all = searchCatalogue(big, parseCatalogueQuery({}).query).facets.tag;
    expect(all).toHaveLength(MAX_FACET_VALUES);
    expect(all[0]).toMatchObject({ value: 'common', count: 5 });
    const chosen = searchCatalogue(big, parseCatalogueQuery({ tag: 'tag 39' }).query).facets.tag;
    expect(chosen.map((v) => v.value)).toContain('tag 39');
  });
});

describe('AND across facets, OR within one', () => {
  test('two values of one facet find entries with either', () => {
    expect(ids('kind=open-data&kind=blog').sort()).toEqual(['e2', 'e3', 'e6', 'e7', 'e8']);
  });

  test('values of different facets must all hold', () => {
    expect(ids('kind=open-data&kind=blog&level=national').sort()).toEqual(['e3', 'e8']);
    expect(ids('language=fr&status=ended')).toEqual(['e8']);
    expect(ids('language=fr&language=sv&year=2018')).toEqual(['e3']);
  });

  test('every word of the text must match (stop words aside), in any field', () => {
    expect(ids('q=canada wiki')).toEqual(['e1']);
    expect(ids('q=canada')).toEqual(expect.arrayContaining(['e1', 'e2', 'e7']));
    expect(ids('q=the wiki')).toEqual(['e1']);
    expect(ids('q=toronto wiki')).toEqual([]);
  });

  test('without text, entries come by title; with text, by relevance (title above body)', () => {
    expect(ids('')).toEqual(['e4', 'e5', 'e2', 'e6', 'e1', 'e8', 'e3', 'e7']);
    const result = run('q=public');
    // "public" is in e1's body and in e2's summary (French "publics"): the summary weighs more.
    expect(result.entries.map((e) => e.id)).toEqual(['e2', 'e1']);
    expect(result.entries[0].score).toBeGreaterThan(result.entries[1].score);
  });
});

describe('languages', () => {
  test.each([
    ['citoyen', 'e8'],
    ['dialogue', 'e8'],
    ['minister', 'e8'],
    ['ministere', 'e8'],
    ['organismes', 'e2'],
    ['donnees', 'e2'],
    ['myndighet', 'e3'],
    ['svensk', 'e3'],
    ['begrotingen', 'e4'],
    ['burger', 'e4'],
    ['governments', 'e1'],
    ['agency', 'e5'],
  ])('"%s " finds the entry written in its language (%s)', (q, id) => {
    expect(ids(`q=${encodeURIComponent(q)}+`)).toContain(id);
  });

  test('country names find entries in English and in French', () => {
    for (const q of ['Sweden', 'Suède', 'suede']) expect(ids(`q=${encodeURIComponent(q)}+`)).toEqual(['e3']);
    for (const q of ['Netherlands', 'Pays-Bas']) expect(ids(`q=${encodeURIComponent(q)}+`)).toEqual(['e4']);
    expect(ids('q=European+')).toEqual(['e6']);
  });
});

describe('typing', () => {
  test.each([
    ['Tor', ['e7']],
    ['donn', ['e2']],
    ['gcped', ['e1']],
    ['Challenge.g', ['e5']],
    ['open da', ['e6', 'e7']],
  ])('"%s" finds what starts that way', (q, expected) => {
    expect(ids(`q=${encodeURIComponent(q)}`).sort()).toEqual(expected);
  });

  test('a finished word (followed by a space) is not a prefix', () => {
    expect(ids('q=Tor+')).toEqual([]);
  });
});

describe('query parameters', () => {
  test('invalid values are left out and reported, never thrown', () => {
    const { query, problems } = parseCatalogueQuery(
      new URLSearchParams(`q=${'x'.repeat(201)}&level=king&kind=blog&country=XX&country=se&year=1800&year=2015&language=xx&page=0`),
    );
    expect(query).toMatchObject({ q: '', level: [], kind: ['blog'], country: ['SE'], year: [2015], language: [] });
    expect(query.page).toBeUndefined();
    expect(problems.map((p) => `${p.param}:${p.code}`)).toEqual([
      'q:tooLong', 'level:unknownValue', 'country:unknownValue', 'year:unknownValue', 'language:unknownValue', 'page:notAPage',
    ]);
  });

  test('too many values of one facet are refused', () => {
    const params = new URLSearchParams(Array.from({ length: 51 }, (_, i) => ['tag', `t${i}`]));
    expect(parseCatalogueQuery(params).problems).toEqual([{ param: 'tag', code: 'tooMany', params: { max: 50 } }]);
  });

  test('a query has one canonical, shareable address', () => {
    const { query } = parseCatalogueQuery(new URLSearchParams('tag=Open+Data&kind=blog&page=2&q=open data&kind=open-data&country=se&kind=blog&lang=fr'));
    expect(catalogueQueryString(query)).toBe('q=open+data&kind=open-data&kind=blog&country=SE&tag=open+data&page=2');
    expect(catalogueQueryString(parseCatalogueQuery(new URLSearchParams(catalogueQueryString(query))).query)).toBe(catalogueQueryString(query));
    expect(catalogueUrl({})).toBe('/catalogue');
    expect(catalogueUrl({ ...query, page: 1 })).toBe('/catalogue?q=open+data&kind=open-data&kind=blog&country=SE&tag=open+data');
  });

  test('a plain record of parameters (as a server framework gives them) parses like a URL', () => {
    expect(parseCatalogueQuery({ kind: ['open-data', 'blog'], q: 'x', level: undefined }).query).toEqual(
      parseCatalogueQuery(new URLSearchParams('kind=open-data&kind=blog&q=x')).query,
    );
  });
});

describe('an index sent as JSON', () => {
  test('answers every query exactly as the index it was made from', () => {
    const loaded = loadCatalogue(JSON.parse(JSON.stringify(serializeCatalogue(index))));
    const words = new Set<string>();
    for (const e of ENTRIES) for (const w of `${e.title} ${e.fields.summary} ${e.text}`.split(/[\s.,]+/)) if (w) words.add(w);
    const queries: string[] = [''];
    for (const w of words) queries.push(`q=${encodeURIComponent(w)}`, `q=${encodeURIComponent(w.slice(0, 3))}`, `q=${encodeURIComponent(w)}+&kind=open-data`);
    queries.push('kind=open-data&country=CA', 'q=open+da&language=en', 'q=data+canada+&status=active', 'tag=transparence&level=national', 'q=zzzz');
    expect(queries.length).toBeGreaterThan(150);
    for (const qs of queries) expect([qs, run(qs, loaded)]).toEqual([qs, run(qs, index)]);
  });

  test('an unknown format is refused', () => {
    expect(() => loadCatalogue({ version: 2, index: {}, entries: [] } as never)).toThrow('Unknown catalogue index format');
  });

  test('holds no body text', () => {
    const json = JSON.stringify(serializeCatalogue(index));
    expect(json).not.toContain('Public servants share knowledge');
  });
});
