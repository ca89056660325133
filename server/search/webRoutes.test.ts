// The server-rendered search page against a real server: pages are created through the API (titles are indexed
// at creation) or seeded with text on the server; the page is read as a browser without JavaScript would.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Window } from 'happy-dom';
import { apiCall, createPage, startTestServer, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import type { SeedBlock } from '../render/docSeeder.js';

let server: TestServer;
let member: TestAccount;
let cabinet: { id: string; slug: string };
const window = new Window();

beforeAll(async () => {
  server = await startTestServer();
  const { admin } = server.accounts;
  member = await server.createAccount('member', 'editor');
  const group = (await apiCall(server, 'POST', '/groups', admin, { name: 'Cabinet team' })).json().id as string;
  await apiCall(server, 'PUT', `/groups/${group}/members/${member.id}`, admin);
  // Protected B with no access rule given: restricted to the granted group.
  cabinet = (await apiCall(server, 'POST', '/spaces', admin, { name: 'Cabinet', classification: 'protected-b', grants: [{ groupId: group, role: 'editor' }] })).json();
});
afterAll(async () => {
  await server.close();
  await window.happyDOM.close();
});

function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

const get = (url: string, as?: TestAccount | null) =>
  server.app.inject({ url, headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}) } });

async function open(url: string, as?: TestAccount | null, status = 200): Promise<Document> {
  const response = await get(url, as);
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  return parse(response.body);
}

const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const results = (doc: Document) => [...doc.querySelectorAll('ol.search-results__list > li')];
const resultTitles = (doc: Document) => results(doc).map((li) => textOf(li.querySelector('h3')));

/** A page with text, created on the server in the editor's name (the API creates pages from templates only). */
async function seededPage(title: string, text: string, options: { lang?: string; spaceId?: string } = {}) {
  const blocks: SeedBlock[] = [{ kind: 'paragraph', text }];
  return server.app.services.pages.create({ title, blocks, lang: options.lang }, { spaceId: options.spaceId ?? 'main', userId: server.accounts.editor.id });
}

describe('the search page', () => {
  it('lists matching pages as an ordered list of headed results with links, marked snippets, space, classification and language', async () => {
    const first = await seededPage('Pelican survey', 'Every pelican on the lake was counted in May.');
    const second = await seededPage('Harbour birds', 'Gulls, terns and one lost pelican.');
    await seededPage('Heron survey', 'No such bird here.');

    const doc = await open('/search?q=pelican');
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(textOf(doc.querySelector('h1'))).toBe('Search');
    expect(textOf(doc.querySelector('title'))).toBe('Search results for “pelican” – Ensemble');
    expect(textOf(doc.querySelector('.search-results__count'))).toBe('2 results for “pelican”');

    const items = results(doc);
    expect(items).toHaveLength(2);
    expect(resultTitles(doc).sort()).toEqual(['Harbour birds', 'Pelican survey']);
    const item = items.find((li) => textOf(li.querySelector('h3')) === 'Pelican survey')!;
    expect(item.querySelector('h3 a')?.getAttribute('href')).toBe(`/wiki/${first.slug}`);
    expect(item.querySelector('h3 a')?.getAttribute('lang')).toBe('en');
    const snippet = item.querySelector('.search-result__snippet');
    expect(textOf(snippet)).toBe('Every pelican on the lake was counted in May.');
    expect([...(snippet?.querySelectorAll('mark') ?? [])].map((m) => m.textContent)).toEqual(['pelican']);
    expect([...item.querySelectorAll('.search-result__meta li')].map((li) => textOf(li))).toEqual([
      'Space: Main',
      'Classification: Unclassified',
      'Language: English',
    ]);
    const other = items.find((li) => li !== item)!;
    expect(other.querySelector('h3 a')?.getAttribute('href')).toBe(`/wiki/${second.slug}`);
    expect(other.querySelector('.search-result__snippet mark')?.textContent).toBe('pelican');

    // The form shows what was searched for; every control has a label.
    const form = doc.querySelector('main form[role="search"]');
    expect(form?.getAttribute('action')).toBe('/search');
    expect(form?.getAttribute('method')).toBe('get');
    expect(form?.getAttribute('aria-label')).toBe('Search pages');
    expect(form?.querySelector<HTMLInputElement>('input[name="q"]')?.getAttribute('value')).toBe('pelican');
    for (const control of form?.querySelectorAll('input, select') ?? []) {
      expect(textOf(doc.querySelector(`label[for="${control.id}"]`))).not.toBe('');
    }
    expect([...(form?.querySelectorAll('select[name="in"] option') ?? [])].map((o) => o.getAttribute('value'))).toEqual(['', 'en', 'fr', 'sv', 'nl']);
    expect(doc.querySelector('[tabindex]:not([tabindex="-1"])')).toBeNull();
  });

  it('shows only the form for an empty query, and a helpful message when nothing matches', async () => {
    for (const url of ['/search', '/search?q=', '/search?q=%20%20']) {
      const doc = await open(url);
      expect(textOf(doc.querySelector('title'))).toBe('Search – Ensemble');
      expect(doc.querySelector('main form[role="search"] input[name="q"]')).not.toBeNull();
      expect(doc.querySelector('.search-results')).toBeNull();
    }

    const none = await open('/search?q=xylographic+quetzal');
    expect(textOf(none.querySelector('.search-results__none'))).toContain('No pages you can read match “xylographic quetzal”.');
    expect(textOf(none.querySelector('.search-results__none'))).toContain('Try fewer words');
    expect(results(none)).toHaveLength(0);
    expect(none.querySelector('.search-results__none a')).toBeNull();

    // With a filter on, the message offers the same search everywhere.
    const filtered = await open('/search?q=pelican&in=sv');
    expect(filtered.querySelector('.search-results__none a')?.getAttribute('href')).toBe('/search?q=pelican');
  });

  it('filters by page language with `in`, and names each result’s language', async () => {
    const french = await seededPage('Compte des castors', 'Chaque castor du lac a été compté.', { lang: 'fr' });
    await seededPage('Beaver count', 'Every castor and beaver was counted.', { lang: 'en' });

    const doc = await open('/search?q=castor&in=fr');
    expect(resultTitles(doc)).toEqual(['Compte des castors']);
    const item = results(doc)[0];
    expect(item.querySelector('h3 a')?.getAttribute('href')).toBe(`/wiki/${french.slug}`);
    expect(item.querySelector('h3 a')?.getAttribute('lang')).toBe('fr');
    expect(item.querySelector('.search-result__snippet')?.getAttribute('lang')).toBe('fr');
    expect(textOf(item.querySelector('.search-result__meta'))).toContain('Language: French');
    expect(doc.querySelector('select[name="in"] option[value="fr"]')?.hasAttribute('selected')).toBe(true);

    expect(resultTitles(await open('/search?q=castor')).sort()).toEqual(['Beaver count', 'Compte des castors']);
  });

  it('shows the interface in French with ?lang=fr, which switches the interface and does not filter results', async () => {
    await seededPage('Loutre du port', 'Une loutre nage.', { lang: 'fr' });
    await seededPage('Harbour otter', 'An otter (loutre) swims.', { lang: 'en' });

    const doc = await open('/search?q=loutre&lang=fr');
    expect(doc.documentElement.getAttribute('lang')).toBe('fr');
    expect(textOf(doc.querySelector('h1'))).toBe('Recherche');
    expect(textOf(doc.querySelector('.search-results__count'))).toBe('2 résultats pour « loutre »');
    expect(resultTitles(doc).sort()).toEqual(['Harbour otter', 'Loutre du port']);
    const meta = results(doc).map((li) => [...li.querySelectorAll('.search-result__meta li')].map((m) => textOf(m)).join(' | '));
    expect(meta.sort()).toEqual([
      'Espace : Main | Classification : Non classifié | Langue : Anglais',
      'Espace : Main | Classification : Non classifié | Langue : Français',
    ]);
    expect(textOf(doc.querySelector('label[for="search-q"]'))).toBe('Mots à chercher');
    expect(doc.querySelector('form.site-header__search')?.getAttribute('aria-label')).toBe('Recherche dans le site');
    // Switching back keeps the search.
    expect(doc.querySelector('.site-header__lang')?.getAttribute('href')).toBe('/search?q=loutre&lang=en');
  });

  it('never shows visitors or readers the pages of a restricted Protected B space, nor offers the space', async () => {
    await seededPage('Walrus briefing', 'The walrus file.', { spaceId: cabinet.id });
    await seededPage('Walrus facts', 'The walrus is large.');

    for (const who of [null, server.accounts.reader, server.accounts.editor]) {
      const doc = await open('/search?q=walrus', who);
      expect(resultTitles(doc)).toEqual(['Walrus facts']);
      expect(textOf(doc.querySelector('.search-results__count'))).toBe('1 result for “walrus”');
      expect(textOf(doc.querySelector('select[name="space"]'))).not.toContain('Cabinet');
      expect(doc.body.innerHTML).not.toContain('Walrus briefing');
    }

    const doc = await open('/search?q=walrus', member);
    expect(resultTitles(doc).sort()).toEqual(['Walrus briefing', 'Walrus facts']);
    expect(textOf(doc.querySelector(`select[name="space"] option[value="${cabinet.slug}"]`))).toBe('Cabinet (Protected B)');
    const secret = results(doc).find((li) => textOf(li.querySelector('h3')) === 'Walrus briefing')!;
    expect([...secret.querySelectorAll('.search-result__meta li')].map((li) => textOf(li))).toEqual([
      'Space: Cabinet',
      'Classification: Protected B',
      'Language: English',
    ]);

    const inCabinet = await open(`/search?q=walrus&space=${cabinet.slug}`, member);
    expect(resultTitles(inCabinet)).toEqual(['Walrus briefing']);
    expect(inCabinet.querySelector(`select[name="space"] option[value="${cabinet.slug}"]`)?.hasAttribute('selected')).toBe(true);
  });

  it('shows page content as text: markup in a page or its title never becomes elements', async () => {
    await seededPage('Quokka <img src=x onerror=alert(1)> notes', 'Beware: <img src=x onerror=alert(1)> said the quokka <script>alert(2)</script>.');

    const response = await get('/search?q=quokka');
    expect(response.statusCode).toBe(200);
    const doc = parse(response.body);
    expect(results(doc)).toHaveLength(1);
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.querySelector('main script')).toBeNull();
    expect(doc.querySelector('[onerror]')).toBeNull();
    const item = results(doc)[0];
    expect(textOf(item.querySelector('h3'))).toBe('Quokka <img src=x onerror=alert(1)> notes');
    expect(textOf(item.querySelector('.search-result__snippet'))).toContain('<img src=x onerror=alert(1)>');
    expect(item.querySelector('.search-result__snippet mark')?.textContent).toBe('quokka');
    expect(response.body).not.toMatch(/<img/i);
  });
});

describe('pagination', () => {
  it('shows 20 results a page with previous and next links that keep the query and filters', async () => {
    for (let i = 1; i <= 25; i++) await createPage(server, { title: `Narwhal sighting ${i}` });

    const one = await open('/search?q=narwhal&space=Main&in=en');
    expect(textOf(one.querySelector('.search-results__count'))).toBe('25 results for “narwhal”');
    expect(textOf(one.querySelector('.search-results__range'))).toBe('Showing results 1 to 20 of 25.');
    expect(results(one)).toHaveLength(20);
    const nav = one.querySelector('nav.search-pagination');
    expect(nav?.getAttribute('aria-label')).toBe('Pages of results');
    expect(nav?.querySelector('a[rel="prev"]')).toBeNull();
    expect(nav?.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/search?q=narwhal&space=Main&in=en&page=2');
    expect(textOf(nav?.querySelector('a[rel="next"]'))).toBe('Next page of results');
    expect(textOf(nav)).toContain('Page 1 of 2');

    const two = await open('/search?q=narwhal&space=Main&in=en&page=2');
    expect(textOf(two.querySelector('title'))).toBe('Search results for “narwhal”, page 2 – Ensemble');
    expect(results(two)).toHaveLength(5);
    expect(two.querySelector('ol.search-results__list')?.getAttribute('start')).toBe('21');
    const titles = new Set([...resultTitles(one), ...resultTitles(two)]);
    expect(titles.size).toBe(25);
    expect(two.querySelector('a[rel="next"]')).toBeNull();
    expect(two.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/search?q=narwhal&space=Main&in=en');

    // Past the last page: said so, with the way back.
    const past = await open('/search?q=narwhal&page=3');
    expect(results(past)).toHaveLength(0);
    expect(textOf(past.querySelector('.search-results'))).toContain('There is no page 3 of these results: they end on page 2.');
    expect(past.querySelector('.search-results a[href="/search?q=narwhal&page=2"]')).not.toBeNull();
  });

  it('does not show pagination when one page holds every result', async () => {
    await createPage(server, { title: 'Solitary ibex' });
    const doc = await open('/search?q=ibex');
    expect(results(doc)).toHaveLength(1);
    expect(doc.querySelector('nav.search-pagination')).toBeNull();
    expect(doc.querySelector('.search-results__range')).toBeNull();
  });
});

describe('bad addresses', () => {
  it.each([
    ['page 0', '/search?q=narwhal&page=0', null],
    ['a page that is not a number', '/search?q=narwhal&page=two', null],
    ['a page past what can be shown', '/search?q=narwhal&page=500', null],
    ['an unknown language', '/search?q=narwhal&in=de', 'search-in'],
    ['a query over 200 characters', `/search?q=${'a'.repeat(201)}`, 'search-q'],
  ])('answers %s with the form, an error summary and a 400, never a 500', async (_what, url, field) => {
    const doc = await open(url, null, 400);
    expect(textOf(doc.querySelector('title'))).toBe('Error: Search – Ensemble');
    expect(textOf(doc.querySelector('h1'))).toBe('Search');
    const summary = doc.querySelector('.error-summary');
    expect(textOf(summary?.querySelector('h2'))).toBe('There is a problem');
    expect(textOf(summary?.querySelector('li'))).not.toBe('');
    expect(doc.querySelector('main form[role="search"]')).not.toBeNull();
    expect(doc.querySelector('.search-results')).toBeNull();
    if (field) {
      expect(summary?.querySelector('a')?.getAttribute('href')).toBe(`#${field}`);
      const control = doc.getElementById(field);
      expect(control?.getAttribute('aria-invalid')).toBe('true');
      const errorId = `${field}-error`;
      expect(control?.getAttribute('aria-describedby')?.split(' ')).toContain(errorId);
      expect(textOf(doc.getElementById(errorId))).toBe(textOf(summary?.querySelector('li')));
    }
  });

  it('says what is wrong in the reader’s language', async () => {
    const doc = await open(`/search?q=${'a'.repeat(201)}&lang=fr`, null, 400);
    expect(textOf(doc.getElementById('search-q-error'))).toBe('Entrez au plus 200 caractères à chercher.');
  });

  it('accepts a query of exactly 200 characters, and odd but harmless parameters', async () => {
    await createPage(server, { title: 'Lonely okapi' });
    await open(`/search?q=${'a'.repeat(200)}`);
    expect(resultTitles(await open('/search?q=okapi&q=narwhal'))).toEqual(['Lonely okapi']);
    expect(resultTitles(await open('/search?q=okapi&unknown=1'))).toEqual(['Lonely okapi']);
    await open('/search?q=%22%28*%29%3A');
  });

  it('answers 404 for a space that does not exist or that the viewer cannot read', async () => {
    for (const [url, who] of [
      ['/search?q=walrus&space=no-such-space', null],
      [`/search?q=walrus&space=${cabinet.slug}`, null],
      [`/search?q=walrus&space=${cabinet.id}`, server.accounts.reader],
      [`/search?space=${cabinet.slug}`, server.accounts.editor],
    ] as const) {
      const doc = await open(url, who, 404);
      expect(textOf(doc.querySelector('h1'))).toBe('Space not found');
      expect(doc.body.innerHTML).not.toContain('Walrus briefing');
      expect(doc.querySelector('main a[href^="/search"]')?.getAttribute('href')).not.toContain('space=');
    }
  });
});

describe('the header search form', () => {
  it('is on the home page: a labelled GET form to /search with an accessible name', async () => {
    const doc = await open('/');
    const form = doc.querySelector('header form[role="search"]');
    expect(form).not.toBeNull();
    expect(form?.getAttribute('aria-label')).toBe('Site search');
    expect(form?.getAttribute('action')).toBe('/search');
    expect(form?.getAttribute('method')).toBe('get');
    const input = form?.querySelector('input[name="q"]');
    expect(input?.getAttribute('type')).toBe('search');
    expect(textOf(doc.querySelector(`label[for="${input?.id}"]`))).toBe('Search the wiki');
    expect(textOf(form?.querySelector('button[type="submit"]'))).toBe('Search');
  });

  it('is on the search page too, each search landmark with its own name and each field its own id', async () => {
    const doc = await open('/search?q=ibex', server.accounts.editor);
    const names = [...doc.querySelectorAll('[role="search"]')].map((f) => f.getAttribute('aria-label'));
    expect(names).toEqual(['Site search', 'Search pages']);
    const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
