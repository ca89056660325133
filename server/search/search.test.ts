// Whole-wiki search through the real server: edits typed by stock clients, the REST API, SQLite FTS5.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { connectLexicalClient, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { apiCall, createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import type { SeedBlock } from '../render/docSeeder.js';
import { SearchRepo } from './search.repo.js';

interface Result {
  id: string;
  slug: string;
  title: string;
  url: string;
  snippet: string;
  score: number;
  space: { id: string; slug: string; name: string; classification: string };
  lang: string;
}
interface Results {
  total: number;
  totalExact: boolean;
  results: Result[];
}

let server: TestServer;
let member: TestAccount;
let secretSpace: { id: string; slug: string };
const clients: LexicalClient[] = [];

const search = async (query: string, as: TestAccount | null = null): Promise<{ status: number; body: Results }> => {
  const response = await apiCall(server, 'GET', `/search?${query}`, as);
  return { status: response.statusCode, body: response.json() as Results };
};
const find = async (q: string, as: TestAccount | null = null, extra = ''): Promise<Results> => {
  const { status, body } = await search(`q=${encodeURIComponent(q)}${extra}`, as);
  expect(status).toBe(200);
  return body;
};

/** Types paragraphs into a page through a stock client and waits until the rendering holds them. */
async function typeInto(pageId: string, paragraphs: string[], as: TestAccount = server.accounts.editor): Promise<void> {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  clients.push(client);
  await client.synced;
  for (const text of paragraphs) client.appendParagraph(text);
  const last = paragraphs[paragraphs.length - 1];
  await waitFor(() => getPage(server, pageId, as), (page) => page.text.includes(last), 5000, 'the typed text to be rendered');
}

/** A page whose content is seeded at creation (server side), in the editor's name. */
async function seededPage(title: string, blocks: SeedBlock[], options: { lang?: string; spaceId?: string } = {}): Promise<string> {
  const page = await server.app.services.pages.create(
    { title, blocks, lang: options.lang },
    { spaceId: options.spaceId ?? 'main', userId: server.accounts.editor.id },
  );
  return page.id;
}

beforeAll(async () => {
  server = await startTestServer();
  const admin = server.accounts.admin;
  member = await server.createAccount('member', 'editor');
  const group = (await apiCall(server, 'POST', '/groups', admin, { name: 'Cabinet team' })).json().id as string;
  await apiCall(server, 'PUT', `/groups/${group}/members/${member.id}`, admin);
  // Protected B with no access rule given: restricted to the granted group.
  secretSpace = (await apiCall(server, 'POST', '/spaces', admin, {
    name: 'Cabinet',
    classification: 'protected-b',
    grants: [{ groupId: group, role: 'editor' }],
  })).json();
});
afterEach(() => {
  while (clients.length > 0) clients.pop()!.destroy();
});
afterAll(async () => {
  await server.close();
});

describe('live indexing', () => {
  test('an edit typed through a stock client becomes searchable without anything else happening', async () => {
    const page = await createPage(server, { title: 'Field notes', template: 'blank' });
    expect((await find('zeppelinophile')).total).toBe(0);
    const client = connectLexicalClient(server.collabUrl, page.id, { bearer: server.accounts.editor.bearer, displayName: server.accounts.editor.displayName });
    clients.push(client);
    await client.synced;
    client.appendParagraph('A zeppelinophile wrote this line.');
    const found = await waitFor(() => find('zeppelinophile'), (r) => r.total === 1, 5000, 'the edit to be searchable');
    expect(found.results[0]).toMatchObject({ id: page.id, slug: page.slug, title: 'Field notes', url: page.url, lang: 'en' });
    expect(found.results[0].space).toMatchObject({ id: 'main', classification: 'unclassified' });
    expect(found.results[0].snippet).toBe('A <mark>zeppelinophile</mark> wrote this line.');
    expect(found.results[0].score).toBeGreaterThan(0);
  });

  test('a page is searchable by its title and template text as soon as it is created', async () => {
    const page = await createPage(server, { title: 'Xylophone procurement' });
    const found = await find('xylophone');
    expect(found.results.map((r) => r.id)).toEqual([page.id]);
  });

  test('a deleted page disappears from search, and its index row with it', async () => {
    const id = await seededPage('Wombat census', [{ kind: 'paragraph', text: 'Counting every wombat.' }]);
    expect((await find('wombat')).total).toBe(1);
    const deleted = await apiCall(server, 'DELETE', `/pages/${id}`, server.accounts.admin);
    expect(deleted.statusCode).toBe(204);
    expect(await find('wombat')).toEqual({ total: 0, totalExact: true, results: [] });
    const indexed = server.app.services.db.prepare('SELECT count(*) FROM page_search_rows WHERE page_id = ?').pluck().get(id);
    expect(indexed).toBe(0);
    expect(server.app.services.db.prepare(`SELECT count(*) FROM page_search WHERE page_search MATCH '"wombat"'`).pluck().get()).toBe(0);
  });

  test('pages the index lacks are indexed from their stored text and headings on start', async () => {
    const id = await seededPage('Lighthouse plan', [
      { kind: 'heading', level: 2, text: 'Foghorn maintenance' },
      { kind: 'paragraph', text: 'The keeper polishes brass.' },
    ]);
    const { db, search: service } = server.app.services;
    // As if the index had been lost: the page's row is gone (it is also how pages are found on first start).
    db.prepare('DELETE FROM page_search_rows WHERE page_id = ?').run(id);
    expect((await find('foghorn')).total).toBe(0);
    expect(await service.indexMissing()).toBeGreaterThanOrEqual(1);
    expect((await find('foghorn')).results.map((r) => r.id)).toEqual([id]);
    const repo = new SearchRepo(db);
    expect(repo.pagesMatching('headings : ("foghorn" AND "mainten")')).toEqual([id]);
    expect(repo.pagesMatching('headings : "keeper"')).toEqual([]);
    expect(repo.pagesMatching('body : ("keeper" AND "polish" AND "brass")')).toEqual([id]);
  });
});

describe('language analysis', () => {
  test('"collaborating" finds a page saying "collaboration" (English stemming)', async () => {
    const page = await createPage(server, { title: 'Working together', template: 'blank' });
    await typeInto(page.id, ['Interdepartmental collaboration needs a shared wiki.']);
    const found = await find('collaborating ');
    expect(found.results.map((r) => r.id)).toContain(page.id);
    expect(found.results.find((r) => r.id === page.id)!.snippet).toContain('<mark>collaboration</mark>');
  });

  test('"gouvernements" finds a French page saying "gouvernement", and the lang filter keeps to French', async () => {
    const page = await createPage(server, { title: 'Plan de travail', template: 'blank', lang: 'fr' });
    await typeInto(page.id, ['Le gouvernement ouvert est une priorité.']);
    const found = await find('gouvernements ');
    expect(found.results.map((r) => r.id)).toContain(page.id);
    const result = found.results.find((r) => r.id === page.id)!;
    expect(result.lang).toBe('fr');
    expect(result.snippet).toContain('<mark>gouvernement</mark>');
    const english = await seededPage('Open government', [{ kind: 'paragraph', text: 'Open government partnership.' }]);
    const both = await find('gouvernement');
    expect(both.results.map((r) => r.id)).toContain(page.id);
    const onlyFr = await find('government', null, '&lang=fr');
    expect(onlyFr.results.map((r) => r.id)).not.toContain(english);
    expect((await find('government', null, '&lang=en')).results.map((r) => r.id)).toContain(english);
  });

  test('accents do not matter, and the last word matches as a prefix while typing', async () => {
    const id = await seededPage('Équipe de réflexion', [{ kind: 'paragraph', text: 'Notre équipe travaille sur la créativité.' }], { lang: 'fr' });
    expect((await find('equipe ')).results.map((r) => r.id)).toContain(id);
    expect((await find('créat')).results.map((r) => r.id)).toContain(id);
  });

  test('a query of stop words only finds nothing, without an error', async () => {
    expect(await find('the and of')).toEqual({ total: 0, totalExact: true, results: [] });
  });
});

describe('ranking and snippets', () => {
  test('a page with the word in its title ranks above a page with it in the body', async () => {
    const inBody = await seededPage('Field guide', [{ kind: 'paragraph', text: 'We saw a quokka near the river and a quokka by the road.' }]);
    const inTitle = await seededPage('Quokka habitats', [{ kind: 'paragraph', text: 'Islands off the western coast.' }]);
    const found = await find('quokka ');
    expect(found.results.map((r) => r.id)).toEqual([inTitle, inBody]);
    expect(found.results[0].score).toBeGreaterThan(found.results[1].score);
  });

  test('stored markup comes out of snippets as text: the only tags are <mark>', async () => {
    const page = await createPage(server, { title: 'Markup sample', template: 'blank' });
    await typeInto(page.id, ['Beware <script>alert(1)</script> and <b>x</b> near the marmot & co.']);
    const [result] = (await find('marmot ')).results;
    expect(result.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(result.snippet).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(result.snippet).toContain('&amp; co');
    expect(new Set(result.snippet.match(/<[^>]*>/g))).toEqual(new Set(['<mark>', '</mark>']));
  });

  test('a long page gives a window around its matches, cut with "…"', async () => {
    const filler = Array.from({ length: 80 }, (_, i) => `filler${i}`).join(' ');
    const id = await seededPage('Long read', [{ kind: 'paragraph', text: `${filler} the pangolin appears here ${filler}` }]);
    const [result] = (await find('pangolin ')).results;
    expect(result.id).toBe(id);
    expect(result.snippet.startsWith('… ')).toBe(true);
    expect(result.snippet.endsWith(' …')).toBe(true);
    expect(result.snippet).toContain('<mark>pangolin</mark>');
    expect(result.snippet.replace(/<\/?mark>|…/g, '').trim().split(/\s+/)).toHaveLength(30);
  });
});

describe('permissions', () => {
  test('a restricted Protected B page is in results and totals for members only', async () => {
    const open = await seededPage('Okapi sightings', [{ kind: 'paragraph', text: 'An okapi in the open.' }]);
    const secret = await createPage(server, { title: 'Cabinet brief', template: 'blank', space: secretSpace.id }, member);
    await typeInto(secret.id, ['The okapi file is Protected B.'], member);

    for (const who of [null, server.accounts.editor, server.accounts.reader]) {
      const found = await find('okapi', who);
      expect(found).toMatchObject({ total: 1 });
      expect(found.results.map((r) => r.id)).toEqual([open]);
    }
    const forMember = await find('okapi', member);
    expect(forMember.total).toBe(2);
    expect(forMember.results.map((r) => r.id).sort()).toEqual([open, secret.id].sort());
    expect(forMember.results.find((r) => r.id === secret.id)!.space).toMatchObject({ id: secretSpace.id, classification: 'protected-b' });

    // Filtering by a space one may not read answers like every other route: that space does not exist.
    expect((await find('okapi', member, `&space=${secretSpace.slug}`)).results.map((r) => r.id)).toEqual([secret.id]);
    for (const who of [null, server.accounts.editor]) {
      const { status, body } = await search(`q=okapi&space=${secretSpace.id}`, who);
      expect(status).toBe(404);
      expect(body).toMatchObject({ code: 'WIKI_SPACE_NOT_FOUND' });
    }

    // Typeahead too.
    const titles = async (as: TestAccount | null) =>
      ((await apiCall(server, 'GET', '/search/titles?q=cabinet%20br', as)).json() as { results: { id: string }[] }).results.map((r) => r.id);
    expect(await titles(null)).toEqual([]);
    expect(await titles(server.accounts.editor)).toEqual([]);
    expect(await titles(member)).toEqual([secret.id]);
    // Narrowed to one space (a portal widget's space attribute), with the same refusals as the full search.
    const inSpace = async (space: string, as: TestAccount | null) =>
      apiCall(server, 'GET', `/search/titles?q=cabinet%20br&space=${space}`, as);
    expect((await inSpace(secretSpace.slug, member)).json().results.map((r: { id: string }) => r.id)).toEqual([secret.id]);
    expect((await inSpace('main', member)).json().results).toEqual([]);
    for (const who of [null, server.accounts.editor]) expect((await inSpace(secretSpace.id, who)).statusCode).toBe(404);
  });
});

describe('the API', () => {
  test('limit and offset page through the results; total counts them all', async () => {
    const ids = [];
    for (let i = 1; i <= 5; i++) ids.push(await seededPage(`Narwhal report ${i}`, [{ kind: 'paragraph', text: `Tusk number ${i}.` }]));
    const first = await find('narwhal', null, '&limit=2');
    const second = await find('narwhal', null, '&limit=2&offset=2');
    const third = await find('narwhal', null, '&limit=2&offset=4');
    const beyond = await find('narwhal', null, '&limit=2&offset=6');
    expect([first.total, second.total, third.total, beyond.total]).toEqual([5, 5, 5, 5]);
    expect([first.results.length, second.results.length, third.results.length, beyond.results.length]).toEqual([2, 2, 1, 0]);
    const seen = [...first.results, ...second.results, ...third.results].map((r) => r.id);
    expect(seen.sort()).toEqual(ids.sort());
  });

  test('the title typeahead matches the start of title words', async () => {
    const id = await seededPage('Treasury board submission', []);
    const suggest = async (q: string) =>
      (await apiCall(server, 'GET', `/search/titles?q=${encodeURIComponent(q)}`, null)).json() as { results: { id: string; slug: string; title: string }[] };
    expect((await suggest('treas')).results).toContainEqual({ id, slug: 'Treasury-board-submission', title: 'Treasury board submission' });
    expect((await suggest('board subm')).results.map((r) => r.id)).toEqual([id]);
    // Body text is not a title.
    expect((await suggest('tusk')).results).toEqual([]);
  });

  test.each([
    ['no q', ''],
    ['an empty q', 'q='],
    ['a blank q', 'q=%20%20'],
    ['a q over 200 characters', `q=${'a'.repeat(201)}`],
    ['limit 0', 'q=x&limit=0'],
    ['limit 51', 'q=x&limit=51'],
    ['a limit that is not a number', 'q=x&limit=ten'],
    ['a negative offset', 'q=x&offset=-1'],
    ['an offset past the bound', 'q=x&offset=100000'],
    ['an unknown language', 'q=x&lang=de'],
    ['an unknown parameter', 'q=x&sort=date'],
  ])('%s → 400 with {code, message}', async (_name, query) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body).toEqual({ code: expect.any(String), message: expect.any(String) });
  });

  test('search is described in the OpenAPI document', async () => {
    const doc = (await apiCall(server, 'GET', '/openapi.json', null)).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/search', '/api/v1/search/titles']));
  });
});
