// The Atom feeds against a real server: pages written through the live channel by stock y-websocket clients,
// revisions cut on creation and "save version" only (automatic cuts are pushed out of reach), and every feed
// checked as Atom: well-formed (fast-xml-parser's validator) with what RFC 4287 requires.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { connectLexicalClient, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { apiCall, createPage, explicitRevisionsOnly, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import { CATALOGUE_ENTRIES } from '../seed/catalogue/entries.js';
import { seedCatalogue } from '../seed/catalogueSeed.js';
import { escapeHtml } from '../search/snippet.js';

// --- reading Atom ---

interface AtomLink {
  href: string;
  rel?: string;
}

interface AtomEntry {
  id: string;
  /** As written in the document: type="html" content is still HTML-escaped text. */
  title: string;
  updated: string;
  links: AtomLink[];
  summary: string;
  authors: string[];
}

interface AtomFeed {
  lang: string;
  id: string;
  title: string;
  updated: string;
  links: AtomLink[];
  entries: AtomEntry[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['entry', 'link', 'author'].includes(name),
});

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const textOf = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as Record<string, unknown>)['#text'] ?? '') : String(value ?? ''));
const linksOf = (value: unknown): AtomLink[] =>
  ((value as Record<string, string>[] | undefined) ?? []).map((l) => ({ href: l['@href'], ...(l['@rel'] ? { rel: l['@rel'] } : {}) }));

/** Parses a feed and checks what every Atom feed and entry must hold: ids, titles, update times, a self link, entry links. */
function readAtom(xml: string): AtomFeed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const { feed } = parser.parse(xml) as { feed: Record<string, unknown> };
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  const parsed: AtomFeed = {
    lang: String(feed['@xml:lang'] ?? ''),
    id: textOf(feed.id),
    title: textOf(feed.title),
    updated: textOf(feed.updated),
    links: linksOf(feed.link),
    entries: ((feed.entry as Record<string, unknown>[] | undefined) ?? []).map((entry) => ({
      id: textOf(entry.id),
      title: textOf(entry.title),
      updated: textOf(entry.updated),
      links: linksOf(entry.link),
      summary: textOf(entry.summary),
      authors: ((entry.author as { name: unknown }[] | undefined) ?? []).map((a) => textOf(a.name)),
    })),
  };
  expect(parsed.id).toMatch(/^https?:\/\//);
  expect(parsed.title).not.toBe('');
  expect(parsed.updated).toMatch(ISO);
  expect(parsed.links.filter((l) => l.rel === 'self')).toHaveLength(1);
  // Atom asks for an author on every entry: the feed's own stands in for entries without one.
  expect(textOf((feed.author as { name: unknown }[])[0].name)).not.toBe('');
  for (const entry of parsed.entries) {
    expect(entry.id).toMatch(/^https?:\/\//);
    expect(entry.title).not.toBe('');
    expect(entry.updated).toMatch(ISO);
    expect(entry.links[0].href).toMatch(/^https?:\/\/[^/]+\/p\/[a-z0-9]+$/);
  }
  // Newest first.
  const times = parsed.entries.map((e) => e.updated);
  expect(times).toEqual([...times].sort().reverse());
  return parsed;
}

/** The permanent-link page id an entry links to. */
const pageIdOf = (entry: AtomEntry) => /\/p\/([a-z0-9]+)$/.exec(entry.links[0].href)![1];

/** The feed discovery links of an HTML page: [title, href]. */
function feedLinksIn(html: string): { title: string; href: string }[] {
  return [...html.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="([^"]*)" href="([^"]*)"\/>/g)].map((m) => ({
    title: m[1],
    href: m[2].replace(/&amp;/g, '&'),
  }));
}

// --- the wiki under test ---

const ORIGIN = 'http://localhost';
let server: TestServer;
let admin: TestAccount;
let editor: TestAccount;
let reader: TestAccount;
let member: TestAccount;
let cabinet: { id: string; slug: string };
type Page = { id: string; slug: string; title: string };
let budget: Page;
let secret: Page;
const clients: LexicalClient[] = [];

/** Writes a paragraph as `as` through the live channel and waits until the server has stored and rendered it. */
async function write(pageId: string, as: TestAccount, text: string): Promise<void> {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  clients.push(client);
  await client.synced;
  client.appendParagraph(text);
  await waitFor(() => server.app.services.pages.findById(pageId)!.text, (t) => t.includes(text), 10_000, `rendered "${text}"`);
}

async function saveVersion(pageId: string, as: TestAccount, name: string): Promise<void> {
  expect((await apiCall(server, 'POST', `/pages/${pageId}/revisions`, as, { name })).statusCode).toBe(201);
}

beforeAll(async () => {
  server = await startTestServer(explicitRevisionsOnly);
  ({ admin, editor, reader } = server.accounts);
  member = await server.createAccount('member', 'editor');
  const group = (await apiCall(server, 'POST', '/groups', admin, { name: 'Cabinet team' })).json().id as string;
  await apiCall(server, 'PUT', `/groups/${group}/members/${member.id}`, admin);
  // Protected B with no access rule given: restricted to the granted group.
  cabinet = (await apiCall(server, 'POST', '/spaces', admin, { name: 'Cabinet', classification: 'protected-b', grants: [{ groupId: group, role: 'editor' }] })).json();
  budget = await createPage(server, { title: 'Budget plan' }, admin);
  await write(budget.id, editor, 'Budget approved by the committee');
  await saveVersion(budget.id, editor, 'Committee draft');
  secret = await createPage(server, { title: 'Cabinet secret plan', space: cabinet.id }, member);
  await write(secret.id, member, 'Minister briefing on the plan');
  await saveVersion(secret.id, member, 'Briefing');
  await createPage(server, { title: 'Meeting notes' }, editor);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await server.close();
});

const get = (url: string, as?: TestAccount | null, headers: Record<string, string> = {}) =>
  server.app.inject({ url, headers: { ...(as ? { authorization: as.bearer } : {}), ...headers } });

async function feed(url: string, as?: TestAccount | null, headers?: Record<string, string>): Promise<AtomFeed> {
  const response = await get(url, as, headers);
  expect({ status: response.statusCode, type: response.headers['content-type'] }).toEqual({ status: 200, type: 'application/atom+xml; charset=utf-8' });
  return readAtom(response.body);
}

/** Every revision of every page in these spaces, as feed entry ids. */
function revisionIdsIn(spaceIds: Iterable<string>): string[] {
  const { pages, history } = server.app.services;
  return pages.listRecent(spaceIds, 500).rows.flatMap((page) => history.list(page.id, { limit: 500 }).items.map((r) => `${ORIGIN}/p/${page.id}#r${r.number}`));
}

const errorOf = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => ({
  status: response.statusCode,
  type: response.headers['content-type'],
  body: response.json(),
});
const jsonError = (status: number, code: string) => ({ status, type: 'application/json; charset=utf-8', body: { code, message: expect.any(String) } });

describe('/feeds/recent.atom', () => {
  test('holds one entry per revision of every page a visitor may read, newest first, each on its permanent link', async () => {
    const atom = await feed('/feeds/recent.atom');
    const expected = revisionIdsIn(server.app.services.spaces.readableIds({ kind: 'anonymous' }));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(expected.length).toBeLessThan(server.config.feeds.entries);
    expect(atom.entries.map((e) => e.id).sort()).toEqual([...expected].sort());
    expect(atom).toMatchObject({ lang: 'en', id: `${ORIGIN}/feeds/recent.atom`, title: 'Recent changes – Ensemble' });
    expect(atom.links).toEqual(expect.arrayContaining([{ rel: 'self', href: `${ORIGIN}/feeds/recent.atom?lang=en` }, { rel: 'alternate', href: `${ORIGIN}/` }]));
    expect(atom.entries[0].title).toBe('Meeting notes — revision 1');
    expect(atom.updated).toBe(atom.entries[0].updated);
  });

  test('never holds a Protected B page for a visitor or a reader outside its group, nor counts it; its members see it', async () => {
    for (const who of [null, reader]) {
      const atom = await feed('/feeds/recent.atom', who);
      expect(atom.entries.some((e) => pageIdOf(e) === secret.id)).toBe(false);
      expect(atom.entries.length).toBe(revisionIdsIn(server.app.services.spaces.readableIds({ kind: 'anonymous' })).length);
      expect(atom.entries.map((e) => e.title).join(' ')).not.toContain('Cabinet');
    }
    const mine = await feed('/feeds/recent.atom', member);
    expect(mine.entries.filter((e) => pageIdOf(e) === secret.id).map((e) => e.id)).toEqual([`${ORIGIN}/p/${secret.id}#r2`, `${ORIGIN}/p/${secret.id}#r1`]);
  });
});

describe('/feeds/pages/:id.atom', () => {
  test('says why each revision exists, the version it was saved as, who changed how much, and what they wrote', async () => {
    const atom = await waitFor(
      () => feed(`/feeds/pages/${budget.id}.atom`),
      (a) => a.entries[0]?.summary.includes('Added'),
      10_000,
      'the excerpt of revision 2',
    );
    expect(atom).toMatchObject({ id: `${ORIGIN}/feeds/pages/${budget.id}.atom`, title: 'History of “Budget plan” – Ensemble' });
    expect(atom.links).toContainEqual({ rel: 'alternate', href: `${ORIGIN}/wiki/Budget-plan/history` });
    const [second, first] = atom.entries;
    expect(atom.entries).toHaveLength(2);
    expect(second).toMatchObject({ id: `${ORIGIN}/p/${budget.id}#r2`, title: 'Budget plan — revision 2', authors: ['Editor Test'] });
    expect(second.links[0].href).toBe(`${ORIGIN}/p/${budget.id}`);
    expect(second.summary).toContain('<p>Saved version · Saved as the version “Committee draft”.</p>');
    expect(second.summary).toMatch(/<p>By Editor Test \(\+\d+ \/ −0 characters\)\.<\/p>/);
    expect(second.summary).toContain('<p>Added: “Budget approved by the committee”</p>');
    expect(second.summary).toContain(`<a href="${ORIGIN}/wiki/Budget-plan/revisions/2">View revision 2</a>`);
    expect(second.summary).toContain(`<a href="${ORIGIN}/wiki/Budget-plan/diff?from=1&amp;to=2">Compare with revision 1</a>`);
    expect(first).toMatchObject({ id: `${ORIGIN}/p/${budget.id}#r1`, title: 'Budget plan — revision 1', authors: ['Admin Test'] });
    expect(first.summary).toContain('<p>Created</p>');
  });

  test('is reached by address too, and is the same feed', async () => {
    const byAddress = await feed('/feeds/pages/Budget-plan.atom');
    expect(byAddress.id).toBe(`${ORIGIN}/feeds/pages/${budget.id}.atom`);
    expect(byAddress.entries.map((e) => e.id)).toEqual([`${ORIGIN}/p/${budget.id}#r2`, `${ORIGIN}/p/${budget.id}#r1`]);
  });

  test('answers in JSON even to a browser: 404 for an unknown page, 401 to a visitor and 404 to a reader for one they may not read', async () => {
    const html = { accept: 'text/html' };
    expect(errorOf(await get('/feeds/pages/nosuchpage00.atom', null, html))).toEqual(jsonError(404, 'WIKI_PAGE_NOT_FOUND'));
    expect(errorOf(await get(`/feeds/pages/${secret.id}.atom`, null, html))).toEqual(jsonError(401, 'WIKI_SIGN_IN_REQUIRED'));
    expect(errorOf(await get(`/feeds/pages/${secret.id}.atom`, reader, html))).toEqual(jsonError(404, 'WIKI_PAGE_NOT_FOUND'));
    expect(errorOf(await get(`/feeds/pages/${secret.slug}.atom`, reader, html))).toEqual(jsonError(404, 'WIKI_PAGE_NOT_FOUND'));
    expect(errorOf(await get('/feeds/nothing-here.atom', null, html))).toEqual(jsonError(404, 'WIKI_NOT_FOUND'));
    expect((await feed(`/feeds/pages/${secret.id}.atom`, member)).entries).toHaveLength(2);
  });

  test('arrives with markup in titles and text escaped, and characters XML cannot hold left out', async () => {
    const title = '<script>alert("t")</script> ]]> & <b>bold</b>';
    const page = await createPage(server, { title }, editor);
    await write(page.id, editor, 'Try <img src=x onerror=alert(1)> here ]]> now');
    // A control character is text XML cannot hold even escaped: it is left out rather than break the document.
    await saveVersion(page.id, editor, '<i>v2</i>\u0001');
    const response = await waitFor(
      () => get(`/feeds/pages/${page.id}.atom`),
      (r) => r.body.includes('Added'),
      10_000,
      'the excerpt',
    );
    expect(response.body).not.toMatch(/<(script|b|i|img)[\s>]/i);
    expect(response.body).not.toContain('\u0001');
    const atom = readAtom(response.body);
    expect(atom.title).toBe(`History of “${page.title}” – Ensemble`);
    expect(atom.entries[1].title).toBe(escapeHtml(`${page.title} — revision 1`));
    expect(atom.entries[0].summary).toContain(`<p>Added: “${escapeHtml('Try <img src=x onerror=alert(1)> here ]]> now')}”</p>`);
    expect(atom.entries[0].summary).toContain(escapeHtml('Saved as the version “<i>v2</i>”.'));
  });
});

describe('/feeds/spaces/:slug.atom', () => {
  test('holds the revisions of the space’s pages only', async () => {
    const atom = await feed('/feeds/spaces/Main.atom');
    expect(atom).toMatchObject({ id: `${ORIGIN}/feeds/spaces/Main.atom`, title: 'Recent changes in Main – Ensemble' });
    expect(atom.entries.map((e) => e.id).sort()).toEqual(revisionIdsIn(['main']).sort());
    const cabinetFeed = await feed(`/feeds/spaces/${cabinet.slug}.atom`, member);
    expect(cabinetFeed.entries.map((e) => e.id)).toEqual([`${ORIGIN}/p/${secret.id}#r2`, `${ORIGIN}/p/${secret.id}#r1`]);
  });

  test('asks a visitor to sign in and answers 404 to a reader, alike for an unknown space and a restricted one', async () => {
    expect(errorOf(await get('/feeds/spaces/Nowhere.atom'))).toEqual(jsonError(401, 'WIKI_SIGN_IN_REQUIRED'));
    expect(errorOf(await get('/feeds/spaces/Nowhere.atom', reader))).toEqual(jsonError(404, 'WIKI_SPACE_NOT_FOUND'));
    expect(errorOf(await get(`/feeds/spaces/${cabinet.slug}.atom`))).toEqual(jsonError(401, 'WIKI_SIGN_IN_REQUIRED'));
    expect(errorOf(await get(`/feeds/spaces/${cabinet.slug}.atom`, reader))).toEqual(jsonError(404, 'WIKI_SPACE_NOT_FOUND'));
  });
});

describe('/feeds/search.atom', () => {
  test('holds the pages that match, each updated when its page was, most recently changed first', async () => {
    const atom = await feed('/feeds/search.atom?q=plan');
    expect(atom).toMatchObject({ id: `${ORIGIN}/feeds/search.atom?q=plan`, title: 'Search: plan – Ensemble' });
    const ids = atom.entries.map(pageIdOf);
    expect(ids).toContain(budget.id);
    expect(ids).not.toContain(secret.id);
    for (const entry of atom.entries) {
      expect(entry.id).toBe(`${ORIGIN}/p/${pageIdOf(entry)}`);
      expect(entry.updated).toBe(new Date(server.app.services.pages.findById(pageIdOf(entry))!.updated_at).toISOString());
    }
    expect((await feed('/feeds/search.atom?q=plan', member)).entries.map(pageIdOf)).toContain(secret.id);
    expect((await feed(`/feeds/search.atom?q=plan&space=${cabinet.slug}`, member)).entries.map(pageIdOf)).toEqual([secret.id]);
  });

  test('refuses an empty or overlong query and an unknown page language (400), and a space the reader cannot search (404)', async () => {
    expect(errorOf(await get('/feeds/search.atom'))).toEqual(jsonError(400, 'WIKI_BAD_REQUEST'));
    expect(errorOf(await get('/feeds/search.atom?q=%20'))).toEqual(jsonError(400, 'WIKI_BAD_REQUEST'));
    expect(errorOf(await get(`/feeds/search.atom?q=${'a'.repeat(201)}`))).toEqual(jsonError(400, 'WIKI_BAD_REQUEST'));
    expect(errorOf(await get('/feeds/search.atom?q=plan&in=xx'))).toEqual(jsonError(400, 'WIKI_BAD_REQUEST'));
    expect(errorOf(await get(`/feeds/search.atom?q=plan&space=${cabinet.slug}`, reader))).toEqual(jsonError(404, 'WIKI_SPACE_NOT_FOUND'));
  });
});

describe('/feeds/catalogue.atom', () => {
  let privateEntry: Page;
  beforeAll(async () => {
    const { db, pages, spaces } = server.app.services;
    await seedCatalogue(db, pages, spaces, { strict: true, entries: CATALOGUE_ENTRIES.slice(0, 4) });
    privateEntry = await createPage(server, { title: 'Cabinet initiative', space: cabinet.id, template: 'catalogue-entry' }, member);
    expect(server.app.services.catalogue.entryOf(privateEntry.id)).not.toBeNull();
  });

  test('holds the entries of the query the reader may read, most recently changed first, with their facts', async () => {
    const all = await feed('/feeds/catalogue.atom');
    expect(all.title).toBe('Gov 2.0 catalogue – Ensemble');
    expect(all.entries.map(pageIdOf)).not.toContain(privateEntry.id);
    expect(all.entries).toHaveLength(4);
    expect((await feed('/feeds/catalogue.atom', member)).entries.map(pageIdOf)).toContain(privateEntry.id);

    const kind = CATALOGUE_ENTRIES[0].fields.kind!;
    const narrowed = await feed(`/feeds/catalogue.atom?kind=${kind}&lang=fr`);
    expect(narrowed.id).toBe(`${ORIGIN}/feeds/catalogue.atom?kind=${kind}`);
    expect(narrowed.title).toMatch(/^Catalogue Gouv 2\.0 : .+ – Ensemble$/);
    expect(narrowed.entries.length).toBeGreaterThanOrEqual(1);
    for (const entry of narrowed.entries) expect(server.app.services.catalogue.entryOf(pageIdOf(entry))!.fields.kind).toBe(kind);
    const first = CATALOGUE_ENTRIES[0];
    const entry = narrowed.entries.find((e) => e.title === escapeHtml(first.title))!;
    expect(entry.summary).toContain(escapeHtml(first.fields.summary));
  });

  test('refuses a value no facet holds (400)', async () => {
    expect(errorOf(await get('/feeds/catalogue.atom?kind=nonsense'))).toEqual(jsonError(400, 'WIKI_BAD_REQUEST'));
  });
});

describe('every feed', () => {
  test('is in the language asked for, else the reader’s, and sets no cookie', async () => {
    const asked = await get('/feeds/recent.atom?lang=fr');
    expect(asked.headers['set-cookie']).toBeUndefined();
    const fr = readAtom(asked.body);
    expect(fr).toMatchObject({ lang: 'fr', title: 'Modifications récentes – Ensemble' });
    expect(fr.links).toContainEqual({ rel: 'self', href: `${ORIGIN}/feeds/recent.atom?lang=fr` });
    expect(fr.entries[0].title).toMatch(/ — révision \d+$/);
    expect((await feed(`/feeds/pages/${budget.id}.atom`, null, { 'accept-language': 'fr-CA,fr;q=0.9' })).lang).toBe('fr');
  });

  test('is public for visitors and private with a credential, varies with both, and answers 304 to its ETag', async () => {
    const visitor = await get('/feeds/recent.atom');
    expect(visitor.headers).toMatchObject({ 'cache-control': 'public, max-age=60', vary: 'Accept-Language, Cookie, Authorization', etag: expect.any(String) });
    const again = await get('/feeds/recent.atom', null, { 'if-none-match': String(visitor.headers.etag) });
    expect({ status: again.statusCode, body: again.body }).toEqual({ status: 304, body: '' });
    expect((await get('/feeds/recent.atom', member)).headers['cache-control']).toBe('private, no-cache');
    for (const url of [`/feeds/pages/${budget.id}.atom`, '/feeds/spaces/Main.atom', '/feeds/search.atom?q=plan', '/feeds/catalogue.atom']) {
      const first = await get(url);
      expect({ url, status: (await get(url, null, { 'if-none-match': String(first.headers.etag) })).statusCode }).toEqual({ url, status: 304 });
    }
  });

  test('is announced on the page it follows, at an address that serves it', async () => {
    const kind = CATALOGUE_ENTRIES[0].fields.kind!;
    const announced: [string, string][] = [
      ['/', '/feeds/recent.atom?lang=en'],
      ['/wiki/Budget-plan', `/feeds/pages/${budget.id}.atom?lang=en`],
      ['/spaces/Main', '/feeds/spaces/Main.atom?lang=en'],
      ['/search?q=plan', '/feeds/search.atom?q=plan&lang=en'],
      [`/catalogue?kind=${kind}&lang=fr`, `/feeds/catalogue.atom?kind=${kind}&lang=fr`],
    ];
    for (const [page, href] of announced) {
      const response = await get(page, null, { accept: 'text/html' });
      expect({ page, status: response.statusCode, links: feedLinksIn(response.body).map((l) => l.href) }).toEqual({ page, status: 200, links: [href] });
      await feed(href);
    }
    expect(feedLinksIn((await get('/wiki/Budget-plan')).body)[0].title).toBe('History of “Budget plan” (Atom feed)');
    expect(feedLinksIn((await get('/search')).body)).toEqual([]);
  });
});
