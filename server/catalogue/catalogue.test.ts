// The catalogue against a real server: facet counts on a known set, what each kind of reader may see (entries,
// counts and the browser's index alike), bad parameters, the index's ETag, the page and the entry form, and
// live edits by a stock y-websocket client showing up in the catalogue once rendered.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import { connectLexicalClient } from '../../tests/helpers/lexicalClient.js';
import { apiCall, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import { loadCatalogue, parseCatalogueQuery, searchCatalogue, type SerializedCatalogue } from '../../shared/catalogue/catalogueIndex.js';
import { entryTextName, ENTRY_MAP } from '../../shared/catalogue/entryDoc.js';
import type { EntryFields } from '../../shared/catalogue/fields.js';
import { CATALOGUE_SPACE_ID } from './catalogue.service.js';

let server: TestServer;
let member: TestAccount;
let cabinet: { id: string };
let briefings: { id: string };
const window = new Window();
const ids: Record<string, string> = {};

/** An entry created on the server in the editor's name, with a paragraph of body text. */
async function entry(key: string, title: string, fields: Partial<EntryFields>, options: { lang?: string; spaceId?: string; text?: string } = {}) {
  const page = await server.app.services.pages.create(
    { title, lang: options.lang ?? 'en', entry: fields, blocks: [{ kind: 'paragraph', text: options.text ?? `About ${title}.` }] },
    { spaceId: options.spaceId ?? CATALOGUE_SPACE_ID, userId: server.accounts.admin.id },
  );
  ids[key] = page.id;
  return page;
}

beforeAll(async () => {
  server = await startTestServer();
  const { admin } = server.accounts;
  member = await server.createAccount('member', 'editor');
  const group = (await apiCall(server, 'POST', '/groups', admin, { name: 'Cabinet team' })).json().id as string;
  await apiCall(server, 'PUT', `/groups/${group}/members/${member.id}`, admin);
  // Protected B with no access rule: restricted to the group. And an open Protected B space: no visitors.
  cabinet = (await apiCall(server, 'POST', '/spaces', admin, { name: 'Cabinet', classification: 'protected-b', grants: [{ groupId: group, role: 'editor' }] })).json();
  briefings = (await apiCall(server, 'POST', '/spaces', admin, { name: 'Briefings', classification: 'protected-b', access: 'open' })).json();

  await entry('gcpedia', 'GCpedia', { country: 'CA', level: 'national', kind: 'internal-wiki', year: 2008, status: 'active', languages: ['en', 'fr'],
    tags: ['Wiki', 'Collaboration'], summary: 'The internal wiki of the Government of Canada.', website: 'https://www.gcpedia.gc.ca/' }, { text: 'Public servants share knowledge.' });
  await entry('quebec', 'Données Québec', { country: 'CA', level: 'provincial', kind: 'open-data', year: 2015, status: 'active', languages: ['fr'],
    tags: ['Données ouvertes'], summary: 'Portail de données ouvertes des organismes publics québécois.' }, { lang: 'fr' });
  await entry('sweden', 'Sveriges dataportal', { country: 'SE', level: 'national', kind: 'open-data', year: 2018, status: 'active', summary: 'Öppna data från svenska myndigheter.' }, { lang: 'sv' });
  await entry('toronto', 'Toronto Open Data', { country: 'CA', level: 'municipal', kind: 'open-data', year: 2009, status: 'active', tags: ['open data'], summary: 'Datasets published by the City of Toronto.' });
  await entry('challenge', 'Challenge.gov', { country: 'US', level: 'national', kind: 'challenge', year: 2010, status: 'ended', summary: 'Prize competitions run by federal agencies.' });
  await entry('vault', 'Cabinet open data vault', { country: 'CA', level: 'national', kind: 'open-data', year: 2020, status: 'active', summary: 'Secret cabinet datasets.' },
    { spaceId: cabinet.id, text: 'Cabinet confidence.' });
  await entry('briefing', 'Briefing wiki', { country: 'CA', level: 'national', kind: 'internal-wiki', year: 2019, summary: 'Briefing notes for ministers.' }, { spaceId: briefings.id });
  // A page that is not an entry is never in the catalogue.
  await server.app.services.pages.create({ title: 'Open data policy', blocks: [{ kind: 'paragraph', text: 'Open data everywhere.' }] }, { spaceId: 'main', userId: admin.id });
});
afterAll(async () => {
  await server.close();
  await window.happyDOM.close();
});

type Counts = Record<string, Record<string, number>>;
const countsOf = (body: { facets: Record<string, { value: string; count: number }[]> }): Counts =>
  Object.fromEntries(Object.entries(body.facets).map(([facet, values]) => [facet, Object.fromEntries(values.map((v) => [v.value, v.count]))]));
const listed = async (query: string, as: TestAccount | null) => {
  const response = await apiCall(server, 'GET', `/catalogue${query}`, as);
  expect(response.statusCode).toBe(200);
  return response.json() as { total: number; entries: { id: string; title: string; kind: string | null; summary: string }[]; facets: Record<string, { value: string; count: number }[]> };
};
const entryIds = (body: { entries: { id: string }[] }) => body.entries.map((e) => e.id);
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const page = (url: string, as?: TestAccount | null) => server.app.inject({ url, headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}) } });

describe('GET /api/v1/catalogue', () => {
  test('lists entries by name with the facet counts of a known set (what a visitor may read)', async () => {
    const body = await listed('', null);
    expect(body.total).toBe(5);
    expect(body.entries.map((e) => e.title)).toEqual(['Challenge.gov', 'Données Québec', 'GCpedia', 'Sveriges dataportal', 'Toronto Open Data']);
    expect(countsOf(body)).toEqual({
      level: { national: 3, provincial: 1, municipal: 1 },
      kind: { 'internal-wiki': 1, 'open-data': 3, challenge: 1 },
      country: { CA: 3, SE: 1, US: 1 },
      year: { '2018': 1, '2015': 1, '2010': 1, '2009': 1, '2008': 1 },
      status: { active: 4, ended: 1 },
      language: { en: 1, fr: 2 },
      tag: { wiki: 1, collaboration: 1, 'données ouvertes': 1, 'open data': 1 },
    });
    expect(body.entries.find((e) => e.title === 'GCpedia')).toEqual({
      id: ids.gcpedia, slug: 'GCpedia', title: 'GCpedia', url: '/wiki/GCpedia', lang: 'en', updatedAt: expect.any(String), score: 0,
      summary: 'The internal wiki of the Government of Canada.', organisation: '', country: 'CA', region: '', level: 'national', kind: 'internal-wiki',
      tools: [], year: 2008, status: 'active', languages: ['en', 'fr'], tags: ['Wiki', 'Collaboration'], website: 'https://www.gcpedia.gc.ca/', contact: '',
    });
  });

  test('a chosen kind narrows the entries and the other facets, and keeps its own counts', async () => {
    const body = await listed('?kind=open-data', null);
    expect(entryIds(body).sort()).toEqual([ids.quebec, ids.sweden, ids.toronto].sort());
    const counts = countsOf(body);
    expect(counts.kind).toEqual({ 'internal-wiki': 1, 'open-data': 3, challenge: 1 });
    expect(counts.country).toEqual({ CA: 2, SE: 1 });
    expect(counts.level).toEqual({ national: 1, provincial: 1, municipal: 1 });
  });

  test('combines facets (any value of one, all facets) with text, ranked by relevance', async () => {
    expect(entryIds(await listed('?kind=open-data&kind=challenge&country=US&country=SE', null)).sort()).toEqual([ids.sweden, ids.challenge].sort());
    const text = await listed('?q=data&country=CA', null);
    expect(entryIds(text)).toEqual([ids.toronto]);
    expect(text.entries[0].kind).toBe('open-data');
    expect(entryIds(await listed('?q=canada+wiki', null))).toEqual([ids.gcpedia]);
    expect(entryIds(await listed('?q=organismes+publics', null))).toEqual([ids.quebec]);
  });

  test('pages through entries with limit and offset; the total and counts stay whole', async () => {
    const first = await listed('?limit=2', null);
    const second = await listed('?limit=2&offset=2', null);
    expect(first.total).toBe(5);
    expect(second.total).toBe(5);
    expect([...entryIds(first), ...entryIds(second)]).toEqual(entryIds(await listed('', null)).slice(0, 4));
    expect(second.facets).toEqual(first.facets);
  });

  test('entries, totals and counts hold only what the caller may read', async () => {
    const { reader, admin } = server.accounts;
    const anonymous = await listed('?kind=open-data', null);
    const signedIn = await listed('?kind=open-data', reader);
    const inGroup = await listed('?kind=open-data', member);
    const administrator = await listed('?kind=open-data', admin);
    expect(anonymous.total).toBe(3);
    expect(signedIn.total).toBe(3);
    expect(inGroup.total).toBe(4);
    expect(administrator.total).toBe(4);
    expect(entryIds(inGroup)).toContain(ids.vault);
    // The open Protected B space: signed-in people read it, visitors do not, and its counts follow.
    expect(countsOf(anonymous).kind['internal-wiki']).toBe(1);
    expect(countsOf(signedIn).kind['internal-wiki']).toBe(2);
    expect(countsOf(signedIn).country.CA).toBe(2);
    expect(countsOf(inGroup).country.CA).toBe(3);
    for (const body of [anonymous, signedIn]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(ids.vault);
      expect(text).not.toContain('Cabinet');
      expect(text).not.toContain('Secret');
    }
    expect(JSON.stringify(await listed('', null))).not.toContain('Briefing');
    expect(entryIds(await listed('?q=secret', reader))).toEqual([]);
    expect(entryIds(await listed('?q=secret', member))).toEqual([ids.vault]);
  });

  test.each([
    ['an unknown level', '?level=galactic', /level/],
    ['an unknown country', '?country=XX', /country/],
    ['a year out of range', '?year=1492', /year/],
    ['a text too long', `?q=${'x'.repeat(201)}`, /q/],
    ['too many values of a facet', `?${Array.from({ length: 51 }, (_, i) => `tag=t${i}`).join('&')}`, /tag/],
    ['a limit of 0', '?limit=0', /limit/],
    ['an unknown parameter', '?sort=name', /sort|additional/],
  ])('refuses %s with 400 {code, message}', async (_label, query, mention) => {
    const response = await apiCall(server, 'GET', `/catalogue${query}`, null);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'WIKI_BAD_REQUEST', message: expect.stringMatching(mention) });
  });
});

describe('GET /catalogue/index.json', () => {
  const fetchIndex = (as: TestAccount | null, headers: Record<string, string> = {}) =>
    server.app.inject({ url: '/catalogue/index.json', headers: { ...(as ? { authorization: as.bearer } : {}), ...headers } });

  test('holds only the entries the caller may read', async () => {
    const visitor = (await fetchIndex(null)).json() as SerializedCatalogue;
    const admin = (await fetchIndex(server.accounts.admin)).json() as SerializedCatalogue;
    expect(visitor.entries.map((e) => e.id).sort()).toEqual([ids.gcpedia, ids.quebec, ids.sweden, ids.toronto, ids.challenge].sort());
    expect(admin.entries.map((e) => e.id)).toEqual(expect.arrayContaining([ids.vault, ids.briefing]));
    const visitorText = (await fetchIndex(null)).body;
    expect(visitorText).not.toContain(ids.vault);
    expect(visitorText).not.toMatch(/cabinet|secret|briefing/i);
    // Terms of the readable entries are there, analyzed; the page text itself is not.
    expect(visitorText).not.toContain('Public servants share knowledge');
  });

  test('answers every query as the API does, for the same reader', async () => {
    for (const as of [null, server.accounts.reader, member]) {
      const index = loadCatalogue((await fetchIndex(as)).json() as SerializedCatalogue);
      for (const query of ['', '?kind=open-data', '?q=data', '?q=gov', '?q=canada+wiki', '?country=CA&level=national', '?q=open+da&status=active', '?tag=OPEN+DATA']) {
        const api = await listed(`${query}${query ? '&' : '?'}limit=100`, as);
        const local = searchCatalogue(index, parseCatalogueQuery(new URLSearchParams(query.slice(1))).query);
        expect([query, local.total, local.entries.map((e) => [e.id, e.score]), local.facets]).toEqual([query, api.total, api.entries.map((e) => [e.id, (e as unknown as { score: number }).score]), api.facets]);
      }
    }
  });

  test('is private, revalidated by ETag (304), offered gzipped, and changes when an entry does', async () => {
    const first = await fetchIndex(null);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await fetchIndex(null, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await fetchIndex(null, { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);

    const gzipped = await fetchIndex(null, { 'accept-encoding': 'gzip, deflate' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(first.body);
    expect((await fetchIndex(null, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();

    // Another reader's copy differs, and so does its ETag.
    expect((await fetchIndex(server.accounts.admin)).headers.etag).not.toBe(etag);

    await entry('late', 'Late arrival', { kind: 'blog', summary: 'A new entry.' });
    const changed = await fetchIndex(null, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect((changed.json() as SerializedCatalogue).entries.map((e) => e.id)).toContain(ids.late);
    await server.app.services.pages.delete(ids.late);
    expect((await fetchIndex(null)).headers.etag).toBe(etag);
  });

  test('an unchanged catalogue is not rebuilt between queries; a change rebuilds it', async () => {
    const { catalogue } = server.app.services;
    await listed('?q=wiki', null);
    const build = catalogue.lastBuild;
    await listed('?kind=blog', null);
    await fetchIndex(null);
    expect(catalogue.lastBuild).toBe(build);
    await entry('rebuilt', 'Rebuilt', { kind: 'other' });
    await listed('', null);
    expect(catalogue.lastBuild).not.toBe(build);
    await server.app.services.pages.delete(ids.rebuilt);
  });
});

describe('live edits', () => {
  test('an edit of the summary and kind through a stock client shows in the catalogue once rendered', async () => {
    const target = await entry('live', 'Live entry', { kind: 'blog', summary: 'A blog about budgets.' });
    const { editor } = server.accounts;
    const client = connectLexicalClient(server.collabUrl, target.id, { bearer: editor.bearer, displayName: editor.displayName });
    try {
      await client.synced;
      expect(client.doc.getMap(ENTRY_MAP).get('kind')).toBe('blog');
      client.doc.transact(() => {
        const summary = client.doc.getText(entryTextName('summary'));
        summary.insert(summary.length, ' Now with pelicans.');
        client.doc.getMap(ENTRY_MAP).set('kind', 'crowdsourcing');
      });
      const found = await waitFor(() => listed('?q=pelicans', null), (body) => body.total === 1, 10_000, 'the edit in the catalogue');
      expect(found.entries[0]).toMatchObject({ id: target.id, kind: 'crowdsourcing', summary: 'A blog about budgets. Now with pelicans.' });
      expect(countsOf(await listed('?kind=crowdsourcing', null)).kind.crowdsourcing).toBe(1);
    } finally {
      client.destroy();
    }
    await server.app.services.pages.delete(target.id);
  });

  test('hostile values written by a stock client are problems: the entry stays listed and its page renders', async () => {
    const target = await entry('hostile', 'Hostile entry', { kind: 'blog', year: 2012, country: 'FR', summary: 'Before.' });
    const { editor } = server.accounts;
    const client = connectLexicalClient(server.collabUrl, target.id, { bearer: editor.bearer, displayName: editor.displayName });
    try {
      await client.synced;
      client.doc.transact(() => {
        const map = client.doc.getMap<unknown>(ENTRY_MAP);
        map.set('year', 'soon');
        map.set('country', 42);
        map.set('languages', [{ code: 'en' }]);
        map.set('level', '<script>alert(1)</script>');
        client.doc.getText(entryTextName('website')).insert(0, 'javascript:alert(document.cookie)');
        const summary = client.doc.getText(entryTextName('summary'));
        summary.delete(0, summary.length);
        summary.insert(0, 'Still listed <img src=x onerror=alert(1)>');
      });
      const found = await waitFor(() => listed('?q=still+listed', null), (body) => body.total === 1, 10_000, 'the edit in the catalogue');
      expect(found.entries[0]).toMatchObject({ id: target.id, kind: 'blog', year: null, country: null, level: null, languages: [], website: null });
      expect(server.app.services.catalogue.entryOf(target.id)!.problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual([
        'country:unknownCountry', 'languages:unknownLanguage', 'level:unknownChoice', 'website:notAUrl', 'year:notAYear',
      ]);
    } finally {
      client.destroy();
    }
    const asEditor = await page('/wiki/Hostile-entry', server.accounts.editor);
    expect(asEditor.statusCode).toBe(200);
    const doc = parse(asEditor.body);
    expect(textOf(doc.querySelector('.catalogue-entry__problems'))).toContain('Website: Enter a web address starting with https:// or http://.');
    expect(doc.querySelectorAll('.catalogue-entry__problems li')).toHaveLength(5);
    expect(asEditor.body).not.toContain('javascript:');
    expect(asEditor.body).not.toContain('<img src=x');
    expect(textOf(doc.querySelector('.catalogue-entry dd'))).toBe('Still listed <img src=x onerror=alert(1)>');
    const asVisitor = await page('/wiki/Hostile-entry', null);
    expect(asVisitor.statusCode).toBe(200);
    expect(parse(asVisitor.body).querySelector('.catalogue-entry__problems')).toBeNull();
    expect((await page('/catalogue?q=still', null)).statusCode).toBe(200);
    await server.app.services.pages.delete(target.id);
  });
});

describe('/catalogue', () => {
  test('works without JavaScript: a GET form of checkboxes with live counts, and the entries', async () => {
    const response = await page('/catalogue?kind=open-data', null);
    expect(response.statusCode).toBe(200);
    const doc = parse(response.body);
    const form = doc.getElementById('catalogue-form')!;
    expect(form.getAttribute('method')).toBe('get');
    expect(form.getAttribute('action')).toBe('/catalogue');
    const openData = doc.getElementById('catalogue-kind-open-data') as HTMLInputElement;
    expect(openData.getAttribute('name')).toBe('kind');
    expect(openData.hasAttribute('checked')).toBe(true);
    expect(textOf(doc.querySelector('label[for="catalogue-kind-open-data"]'))).toBe('Open data (3)');
    expect(textOf(doc.querySelector('label[for="catalogue-kind-challenge"]'))).toBe('Challenge or prize (1)');
    expect(doc.getElementById('catalogue-kind-challenge')!.hasAttribute('checked')).toBe(false);
    expect(textOf(doc.querySelector('label[for="catalogue-country-CA"]'))).toBe('Canada (2)');
    for (const legend of doc.querySelectorAll('fieldset legend')) expect(textOf(legend)).not.toBe('');
    const status = doc.getElementById('catalogue-status')!;
    expect(textOf(status)).toBe('3 entries');
    expect(status.getAttribute('aria-live')).toBe('polite');
    const results = doc.getElementById('catalogue-results')!;
    expect([...results.querySelectorAll('h3 a')].map((a) => [textOf(a), a.getAttribute('href')])).toEqual([
      ['Données Québec', '/wiki/Donnees-Quebec'],
      ['Sveriges dataportal', '/wiki/Sveriges-dataportal'],
      ['Toronto Open Data', '/wiki/Toronto-Open-Data'],
    ]);
    expect(results.querySelector('h3 a')!.getAttribute('lang')).toBe('fr');
    expect(textOf(results.querySelector('li'))).toContain('Provincial or state');
    expect(doc.querySelector('a[href="/catalogue"]')).not.toBeNull();
    expect(response.body).not.toMatch(/cabinet|briefing/i);
    // Visitors cannot add entries.
    expect(doc.querySelector('form[action="/catalogue/entries"]')).toBeNull();
  });

  test('is in French with French names of values and countries', async () => {
    const doc = parse((await page('/catalogue?kind=open-data&lang=fr', null)).body);
    expect(doc.documentElement.getAttribute('lang')).toBe('fr');
    expect(textOf(doc.querySelector('label[for="catalogue-kind-open-data"]'))).toBe('Données ouvertes (3)');
    expect(textOf(doc.querySelector('label[for="catalogue-country-SE"]'))).toBe('Suède (1)');
    expect(textOf(doc.getElementById('catalogue-status'))).toBe('3 fiches');
  });

  test('bad parameters show the page with what is wrong, status 400', async () => {
    const response = await page('/catalogue?level=galactic&year=1492&kind=blog', null);
    expect(response.statusCode).toBe(400);
    const doc = parse(response.body);
    expect(textOf(doc.querySelector('title'))).toMatch(/^Error: /);
    const summary = doc.querySelector('.error-summary')!;
    expect([...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['#catalogue-facet-level', '#catalogue-facet-year']);
    expect(textOf(doc.getElementById('catalogue-level-error'))).toBe('“galactic” is not one of the values of this filter.');
    expect(doc.getElementById('catalogue-facet-level')!.getAttribute('aria-describedby')).toBe('catalogue-level-error');
  });

  test('a page past the end says so and links to the last one', async () => {
    const doc = parse((await page('/catalogue?page=3', null)).body);
    expect(textOf(doc.getElementById('catalogue-results'))).toContain('There is no page 3 of these entries: they end on page 1.');
  });

  test('asks a visitor to sign in when nothing is readable without signing in', async () => {
    const closed = await startTestServer({ auth: { anonymousRead: false } });
    try {
      const response = await closed.app.inject({ url: '/catalogue', headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(401);
    } finally {
      await closed.close();
    }
  });
});

describe('the page of an entry', () => {
  test('shows the fields as a definition list above the body, summary first, with a safe website link and a way back', async () => {
    const doc = parse((await page('/wiki/GCpedia', null)).body);
    const details = doc.querySelector('.catalogue-entry')!;
    expect(details.compareDocumentPosition(doc.querySelector('.ens-content')!) & 4).toBeTruthy();
    const terms = [...details.querySelectorAll('dl dt')].map(textOf);
    expect(terms[0]).toBe('Summary');
    expect(terms).toEqual(['Summary', 'Country', 'Level of government', 'Kind of initiative', 'Year launched', 'Status', 'Languages', 'Tags', 'Website']);
    const website = details.querySelector('a[href="https://www.gcpedia.gc.ca/"]')!;
    expect(website.getAttribute('rel')).toContain('noopener');
    expect(textOf(details.querySelector('a[href="/catalogue?country=CA"]'))).toBe('Canada');
    expect(details.querySelector('a[href="/catalogue?tag=wiki"]')).not.toBeNull();
    expect(details.querySelector('a[href="/catalogue"]')).not.toBeNull();
  });

  test('a page that is not an entry has no entry details', async () => {
    const doc = parse((await page('/wiki/Open-data-policy', null)).body);
    expect(doc.querySelector('.catalogue-entry')).toBeNull();
  });
});

describe('adding an entry (POST /catalogue/entries)', () => {
  const post = (as: TestAccount | null, fields: Record<string, string>) =>
    server.app.inject({
      method: 'POST',
      url: '/catalogue/entries',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...(as ? { cookie: as.cookie } : {}) },
      payload: new URLSearchParams({ ...(as ? { _csrf: as.csrf } : {}), ...fields }).toString(),
    });

  test('editors see the form; it creates an entry page in the Catalogue space and opens the editor', async () => {
    const { editor } = server.accounts;
    const form = parse((await page('/catalogue', editor)).body).querySelector('form[action="/catalogue/entries"]')!;
    expect(form).not.toBeNull();
    expect(form.querySelector('input[name="_csrf"]')).not.toBeNull();
    const response = await post(editor, { title: 'Participation citoyenne', lang: 'fr' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/wiki/Participation-citoyenne/edit');
    const created = server.app.services.pages.findBySlug('Participation-citoyenne')!;
    expect(created).toMatchObject({ space_id: CATALOGUE_SPACE_ID, lang: 'fr', created_by: editor.id });
    expect(server.app.services.catalogue.entryOf(created.id)).toMatchObject({ problems: [] });
    expect(entryIds(await listed('?q=participation', null))).toEqual([created.id]);
    await server.app.services.pages.delete(created.id);
  });

  test('a missing title or unknown language comes back on the form (400) and creates nothing', async () => {
    const before = (await listed('', server.accounts.admin)).total;
    const empty = await post(server.accounts.editor, { title: '   ', lang: 'en' });
    expect(empty.statusCode).toBe(400);
    expect(parse(empty.body).getElementById('catalogue-add-title-error')).not.toBeNull();
    const badLang = await post(server.accounts.editor, { title: 'Klingon wiki', lang: 'tlh' });
    expect(badLang.statusCode).toBe(400);
    expect((await listed('', server.accounts.admin)).total).toBe(before);
  });

  test('readers may not add entries, visitors are asked to sign in, and a form without its CSRF token is refused', async () => {
    const { reader, editor } = server.accounts;
    expect(parse((await page('/catalogue', reader)).body).querySelector('form[action="/catalogue/entries"]')).toBeNull();
    expect((await post(reader, { title: 'Not mine', lang: 'en' })).statusCode).toBe(403);
    // A visitor who follows the CSRF rules (the sign-in form's pre-session token), so what is refused is the visitor.
    const session = await server.app.inject({ method: 'GET', url: '/api/v1/session' });
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/catalogue/entries',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: `ens_csrf=${session.cookies.find((c) => c.name === 'ens_csrf')!.value}` },
      payload: new URLSearchParams({ _csrf: session.json().csrfToken, title: 'Not mine', lang: 'en' }).toString(),
    });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await server.app.inject({
      method: 'POST',
      url: '/catalogue/entries',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: editor.cookie },
      payload: 'title=Forged&lang=en',
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(server.app.services.pages.findBySlug('Not-mine')).toBeUndefined();
    expect(server.app.services.pages.findBySlug('Forged')).toBeUndefined();
  });
});
