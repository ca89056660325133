// The page history API against a real server: content is written through the live channel by stock
// y-websocket clients, and revisions are cut only on creation, "save version" and restore (automatic cuts
// are pushed out of the test's reach, so the numbers are known).
import { connectLexicalClient, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { apiCall, createPage, explicitRevisionsOnly, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';

let server: TestServer;
let admin: TestAccount;
let editor: TestAccount;
let reader: TestAccount;
const open: LexicalClient[] = [];
let serial = 0;
const fresh = (prefix: string) => `${prefix} ${++serial}`;

beforeAll(async () => {
  server = await startTestServer(explicitRevisionsOnly);
  ({ admin, editor, reader } = server.accounts);
});
afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});
afterAll(async () => {
  await server.close();
});

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, as: TestAccount | string | null, payload?: object) => apiCall(server, method, url, as, payload);

function connect(pageId: string, as: TestAccount): LexicalClient {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  open.push(client);
  return client;
}

const pageText = async (pageId: string): Promise<string> => (await api('GET', `/pages/${pageId}`, admin)).json().text;

/** Writes a paragraph as `as` through the live channel and waits until the server has stored and rendered it. */
async function write(pageId: string, as: TestAccount, text: string): Promise<void> {
  const client = connect(pageId, as);
  await client.synced;
  client.appendParagraph(text);
  await waitFor(() => pageText(pageId), (t) => t.includes(text), 10_000, `rendered "${text}"`);
}

async function saveVersion(pageId: string, as: TestAccount, name: string) {
  const response = await api('POST', `/pages/${pageId}/revisions`, as, { name });
  expect(response.statusCode).toBe(201);
  return response.json();
}

/** A page by the admin: revision 1 on creation, then revision 2 saved after the editor wrote a paragraph. */
async function pageWithTwoRevisions() {
  const page = await createPage(server, { title: fresh('History') }, admin);
  await write(page.id, editor, 'Budget approved by the committee');
  await saveVersion(page.id, editor, 'Committee draft');
  return page;
}

const isoDate = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const errorBody = (code: string | RegExp) => ({ code: typeof code === 'string' ? code : expect.stringMatching(code), message: expect.any(String) });

describe('GET /api/v1/pages/:id/revisions', () => {
  test('a new page has revision 1, cut on creation and credited to its creator', async () => {
    const page = await createPage(server, { title: fresh('Fresh') }, editor);
    const response = await api('GET', `/pages/${page.id}/revisions`, editor);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          number: 1,
          createdAt: isoDate,
          trigger: 'created',
          name: null,
          summary: null,
          namedBy: null,
          namedAt: null,
          restoredFrom: null,
          authors: [expect.objectContaining({ userId: editor.id, username: editor.username, displayName: editor.displayName })],
        },
      ],
      total: 1,
      nextCursor: null,
    });
  });

  test('accepts the page address as well as its id', async () => {
    const page = await createPage(server, { title: fresh('By address') }, editor);
    const response = await api('GET', `/pages/${encodeURIComponent(page.slug)}/revisions`, editor);
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(1);
  });

  test('paginates newest first with before, limit and nextCursor', async () => {
    const page = await createPage(server, { title: fresh('Busy') }, editor);
    for (const step of [2, 3, 4, 5]) {
      await write(page.id, editor, `Step ${step} paragraph`);
      expect((await saveVersion(page.id, editor, `Step ${step}`)).number).toBe(step);
    }
    const list = async (query: string) => {
      const response = await api('GET', `/pages/${page.id}/revisions${query}`, reader);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      return { numbers: body.items.map((r: { number: number }) => r.number), total: body.total, nextCursor: body.nextCursor };
    };
    expect(await list('')).toEqual({ numbers: [5, 4, 3, 2, 1], total: 5, nextCursor: null });
    expect(await list('?limit=2')).toEqual({ numbers: [5, 4], total: 5, nextCursor: 4 });
    expect(await list('?limit=2&before=4')).toEqual({ numbers: [3, 2], total: 5, nextCursor: 2 });
    expect(await list('?limit=2&before=2')).toEqual({ numbers: [1], total: 5, nextCursor: null });
  });

  test.each([['?limit=0'], ['?limit=201'], ['?limit=ten'], ['?before=0'], ['?sort=asc']])('refuses %s with 400', async (query) => {
    const page = await createPage(server, { title: fresh('Bad query') }, editor);
    const response = await api('GET', `/pages/${page.id}/revisions${query}`, editor);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(errorBody(/^WIKI_/));
  });
});

describe('POST /api/v1/pages/:id/revisions', () => {
  test('saves a named version after an edit: 201 with the name, its address, and the editor as author', async () => {
    const page = await createPage(server, { title: fresh('Plan') }, admin);
    await write(page.id, editor, 'Sent for review today');
    const response = await api('POST', `/pages/${page.id}/revisions`, editor, { name: '  Sent to DG 2026-05-01  ', summary: 'For the DG meeting' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      number: 2,
      trigger: 'saved',
      name: 'Sent to DG 2026-05-01',
      summary: 'For the DG meeting',
      namedBy: { userId: editor.id, displayName: editor.displayName },
      namedAt: isoDate,
      restoredFrom: null,
    });
    expect(body.authors).toEqual([{ userId: editor.id, username: editor.username, displayName: editor.displayName, inserted: expect.any(Number), deleted: 0 }]);
    expect(body.authors[0].inserted).toBeGreaterThanOrEqual('Sent for review today'.length);
    expect(response.headers.location).toBe(`/api/v1/pages/${page.id}/revisions/2`);

    const named = await api('GET', `/pages/${page.id}/revisions/named`, reader);
    expect(named.statusCode).toBe(200);
    expect(named.json()).toEqual({ items: [body] });
  });

  test.each([
    ['a blank name', { name: '   ' }],
    ['no name', { summary: 'Why' }],
    ['a name of 121 characters', { name: 'x'.repeat(121) }],
    ['a summary of 1001 characters', { name: 'Fine', summary: 'x'.repeat(1001) }],
    ['a name that is not a string', { name: 42 }],
    ['an unknown field', { name: 'Fine', pinned: true }],
  ])('refuses %s with 400 and saves nothing', async (_what, payload) => {
    const page = await createPage(server, { title: fresh('Invalid name') }, editor);
    await write(page.id, editor, 'Some words');
    const response = await api('POST', `/pages/${page.id}/revisions`, editor, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(errorBody(/^WIKI_/));
    expect((await api('GET', `/pages/${page.id}/revisions`, editor)).json().total).toBe(1);
    expect((await api('GET', `/pages/${page.id}/revisions/named`, editor)).json().items).toEqual([]);
  });

  test('accepts a name of exactly 120 characters', async () => {
    const page = await createPage(server, { title: fresh('Long name') }, editor);
    const response = await api('POST', `/pages/${page.id}/revisions`, editor, { name: 'n'.repeat(120) });
    expect(response.statusCode).toBe(201);
    expect(response.json().name).toBe('n'.repeat(120));
  });
});

describe('GET /api/v1/pages/:id/revisions/:number and /diff', () => {
  test('returns a revision with its title, HTML and text as they were', async () => {
    const page = await pageWithTwoRevisions();
    await write(page.id, editor, 'A later paragraph');
    const second = await api('GET', `/pages/${page.id}/revisions/2`, reader);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ number: 2, name: 'Committee draft', title: page.title });
    expect(second.json().text).toContain('Budget approved by the committee');
    expect(second.json().text).not.toContain('A later paragraph');
    expect(second.json().html).toContain('Budget approved by the committee');
    const first = (await api('GET', `/pages/${page.id}/revisions/1`, reader)).json();
    expect(first).toMatchObject({ number: 1, trigger: 'created', title: page.title });
    expect(first.text).not.toContain('Budget');
  });

  test('the diff between revisions 1 and 2 shows the inserted words', async () => {
    const page = await pageWithTwoRevisions();
    const response = await api('GET', `/pages/${page.id}/revisions/diff?from=1&to=2`, reader);
    expect(response.statusCode).toBe(200);
    const diff = response.json();
    expect(diff.from).toMatchObject({ number: 1, trigger: 'created' });
    expect(diff.to).toMatchObject({ number: 2, name: 'Committee draft' });
    expect(diff.title).toBeNull();
    expect(diff.insertedWords).toBe(5);
    expect(diff.deletedWords).toBe(0);
    const inserted = diff.blocks.flatMap((b: { parts: { type: string; text: string }[] }) => b.parts.filter((p) => p.type === 'insert').map((p) => p.text)).join(' ');
    expect(inserted).toContain('Budget approved by the committee');
  });

  test.each([
    ['from=1', 400],
    ['from=0&to=1', 400],
    ['from=1&to=abc', 400],
    ['from=1&to=999', 404],
  ])('refuses diff?%s with %i', async (query, status) => {
    const page = await createPage(server, { title: fresh('Diff query') }, editor);
    const response = await api('GET', `/pages/${page.id}/revisions/diff?${query}`, editor);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual(errorBody(status === 404 ? 'WIKI_REVISION_NOT_FOUND' : /^WIKI_/));
  });
});

describe('PATCH /api/v1/pages/:id/revisions/:number', () => {
  test('names an older revision, which then shows among the named versions', async () => {
    const page = await pageWithTwoRevisions();
    const response = await api('PATCH', `/pages/${page.id}/revisions/1`, editor, { name: ' First outline ', summary: '   ' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      number: 1,
      trigger: 'created',
      name: 'First outline',
      summary: null,
      namedBy: { userId: editor.id, displayName: editor.displayName },
      namedAt: isoDate,
    });
    const named = (await api('GET', `/pages/${page.id}/revisions/named`, editor)).json();
    expect(named.items.map((r: { number: number; name: string }) => [r.number, r.name])).toEqual([
      [2, 'Committee draft'],
      [1, 'First outline'],
    ]);
    expect((await api('GET', `/pages/${page.id}/revisions`, editor)).json().total).toBe(2);
  });

  test('refuses a blank name with 400 and leaves the revision unnamed', async () => {
    const page = await createPage(server, { title: fresh('Unnamed') }, editor);
    const response = await api('PATCH', `/pages/${page.id}/revisions/1`, editor, { name: ' ' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(errorBody('WIKI_INVALID_INPUT'));
    expect((await api('GET', `/pages/${page.id}/revisions/1`, editor)).json().name).toBeNull();
  });
});

describe('POST /api/v1/pages/:id/revisions/:number/restore', () => {
  test('restores an old revision as a new one that the page and open editors show', async () => {
    const page = await createPage(server, { title: fresh('Restorable') }, editor);
    await write(page.id, editor, 'First draft of the plan');
    await saveVersion(page.id, editor, 'First draft');
    await write(page.id, editor, 'Second thoughts that went too far');
    await saveVersion(page.id, editor, 'Second draft');
    const target = (await api('GET', `/pages/${page.id}/revisions/2`, editor)).json();
    expect(target.text).toContain('First draft of the plan');
    expect(target.text).not.toContain('Second thoughts');

    const watcher = connect(page.id, editor);
    await watcher.synced;
    expect(watcher.text()).toContain('Second thoughts');

    const response = await api('POST', `/pages/${page.id}/revisions/2/restore`, admin, {});
    expect(response.statusCode).toBe(201);
    const restored = response.json();
    expect(restored).toMatchObject({ number: 4, trigger: 'restored', restoredFrom: 2, name: null });
    expect(restored.authors.map((a: { userId: string }) => a.userId)).toContain(admin.id);
    expect(response.headers.location).toBe(`/api/v1/pages/${page.id}/revisions/4`);

    await waitFor(() => pageText(page.id), (text) => text === target.text, 10_000, 'the restored text');
    await waitFor(() => watcher.text(), (text) => text.includes('First draft of the plan') && !text.includes('Second thoughts'), 10_000, 'the restore live');
    const listed = (await api('GET', `/pages/${page.id}/revisions?limit=1`, editor)).json();
    expect(listed).toMatchObject({ total: 4, items: [{ number: 4, trigger: 'restored', restoredFrom: 2 }] });
    expect((await api('GET', `/pages/${page.id}/revisions/4`, editor)).json().text).toBe(target.text);
  });

  test('takes an empty body, and refuses unknown fields with 400', async () => {
    const page = await pageWithTwoRevisions();
    const refused = await api('POST', `/pages/${page.id}/revisions/1/restore`, editor, { force: true });
    expect(refused.statusCode).toBe(400);
    expect((await api('GET', `/pages/${page.id}/revisions`, editor)).json().total).toBe(2);
    const response = await api('POST', `/pages/${page.id}/revisions/1/restore`, editor);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ trigger: 'restored', restoredFrom: 1 });
    await waitFor(() => pageText(page.id), (text) => !text.includes('Budget approved'), 10_000, 'the restored text');
  });
});

describe('GET /api/v1/pages/:id/authors', () => {
  test('credits each run of the current text to whoever wrote it', async () => {
    const page = await createPage(server, { title: fresh('Authored') }, admin);
    await write(page.id, editor, 'Written by the editor');
    await write(page.id, admin, 'Added by the admin');
    const response = await api('GET', `/pages/${page.id}/authors`, reader);
    expect(response.statusCode).toBe(200);
    const { authors, blocks } = response.json() as {
      authors: { userId: string | null; characters: number }[];
      blocks: { kind: string; runs: { author: number; text: string }[] }[];
    };
    const byText = (text: string) => {
      const block = blocks.find((b) => b.runs.map((r) => r.text).join('') === text);
      expect(block).toBeDefined();
      return new Set(block!.runs.map((r) => authors[r.author].userId));
    };
    expect(byText('Written by the editor')).toEqual(new Set([editor.id]));
    expect(byText('Added by the admin')).toEqual(new Set([admin.id]));
    expect(authors.find((a) => a.userId === editor.id)?.characters).toBeGreaterThanOrEqual('Written by the editor'.length);
  });
});

describe('bad addresses', () => {
  test('an unknown page is 404 on every history route', async () => {
    const calls: [('GET' | 'POST' | 'PATCH'), string, object?][] = [
      ['GET', '/pages/nosuchpage/revisions'],
      ['GET', '/pages/nosuchpage/revisions/named'],
      ['GET', '/pages/nosuchpage/revisions/1'],
      ['GET', '/pages/nosuchpage/revisions/diff?from=1&to=1'],
      ['GET', '/pages/nosuchpage/authors'],
      ['POST', '/pages/nosuchpage/revisions', { name: 'x' }],
      ['PATCH', '/pages/nosuchpage/revisions/1', { name: 'x' }],
      ['POST', '/pages/nosuchpage/revisions/1/restore', {}],
    ];
    for (const [method, url, payload] of calls) {
      const response = await api(method, url, editor, payload);
      expect([method, url, response.statusCode, response.json()]).toEqual([method, url, 404, errorBody('WIKI_PAGE_NOT_FOUND')]);
    }
  });

  test('revision numbers: unknown is 404, not a positive integer is 400, another page’s is unknown here', async () => {
    const busy = await pageWithTwoRevisions();
    const quiet = await createPage(server, { title: fresh('Quiet') }, editor);
    const cases: [('GET' | 'POST' | 'PATCH'), string, number, object?][] = [
      ['GET', `/pages/${quiet.id}/revisions/999`, 404],
      ['PATCH', `/pages/${quiet.id}/revisions/999`, 404, { name: 'x' }],
      ['POST', `/pages/${quiet.id}/revisions/999/restore`, 404, {}],
      ['GET', `/pages/${quiet.id}/revisions/2`, 404],
      ['POST', `/pages/${quiet.id}/revisions/2/restore`, 404, {}],
      ['GET', `/pages/${quiet.id}/revisions/0`, 400],
      ['GET', `/pages/${quiet.id}/revisions/-1`, 400],
      ['GET', `/pages/${quiet.id}/revisions/abc`, 400],
      ['GET', `/pages/${quiet.id}/revisions/1.5`, 400],
      ['GET', `/pages/${quiet.id}/revisions/99999999999999999999`, 400],
      ['PATCH', `/pages/${quiet.id}/revisions/0`, 400, { name: 'x' }],
      ['POST', `/pages/${quiet.id}/revisions/abc/restore`, 400, {}],
    ];
    for (const [method, url, status, payload] of cases) {
      const response = await api(method, url, editor, payload);
      expect([method, url, response.statusCode, response.json()]).toEqual([
        method,
        url,
        status,
        errorBody(status === 404 ? 'WIKI_REVISION_NOT_FOUND' : /^WIKI_/),
      ]);
    }
    expect((await api('GET', `/pages/${busy.id}/revisions/2`, editor)).statusCode).toBe(200);
    expect((await api('GET', `/pages/${quiet.id}/revisions`, editor)).json()).toMatchObject({ total: 1, items: [{ number: 1, name: null }] });
  });
});

describe('who may do what', () => {
  test('a reader reads the history; naming and restoring are 403 and change nothing', async () => {
    const page = await pageWithTwoRevisions();
    for (const url of ['/revisions', '/revisions/named', '/revisions/1', '/revisions/diff?from=1&to=2', '/authors']) {
      expect([url, (await api('GET', `/pages/${page.id}${url}`, reader)).statusCode]).toEqual([url, 200]);
    }
    const before = (await api('GET', `/pages/${page.id}/revisions`, editor)).json();
    const { secret } = server.app.services.tokens.create(editor.id, { name: 'read only', scope: 'read' }, { id: null, name: 'test', ip: null });
    for (const as of [reader, `Bearer ${secret}`]) {
      for (const [method, url, payload] of [
        ['POST', '/revisions', { name: 'Sneaky' }],
        ['PATCH', '/revisions/1', { name: 'Sneaky' }],
        ['POST', '/revisions/1/restore', {}],
      ] as const) {
        const response = await api(method, `/pages/${page.id}${url}`, as, payload);
        expect([method, url, response.statusCode, response.json()]).toEqual([method, url, 403, errorBody('WIKI_FORBIDDEN')]);
      }
    }
    expect((await api('GET', `/pages/${page.id}/revisions`, editor)).json()).toEqual(before);
    expect(await pageText(page.id)).toContain('Budget approved by the committee');
  });

  test('a visitor reads the history of an open page and must sign in to change it', async () => {
    const page = await pageWithTwoRevisions();
    const list = await api('GET', `/pages/${page.id}/revisions`, null);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    expect((await api('GET', `/pages/${page.id}/revisions/2`, null)).json().text).toContain('Budget approved');
    const refused = await api('POST', `/pages/${page.id}/revisions/1/restore`, null, {});
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual(errorBody('WIKI_SIGN_IN_REQUIRED'));
    expect((await api('GET', `/pages/${page.id}/revisions`, null)).json().total).toBe(2);
  });

  test('the history of a page in a restricted space is hidden from non-members (404) and visitors (401)', async () => {
    const services = server.app.services;
    const actor = { id: null, name: 'test', ip: null };
    const member = await server.createAccount(fresh('member').replace(' ', ''), 'editor');
    const group = services.groups.create({ name: fresh('Cabinet team') }, actor).id;
    services.groups.addMember(group, member.id, actor);
    const space = services.spaces.create({ name: fresh('Cabinet'), access: 'restricted', grants: [{ groupId: group, role: 'editor' }] }, actor);
    const page = await createPage(server, { title: fresh('Secret'), space: space.id }, member);
    await write(page.id, member, 'Cabinet confidence');
    expect((await saveVersion(page.id, member, 'For cabinet')).name).toBe('For cabinet');

    expect((await api('GET', `/pages/${page.id}/revisions`, member)).json().total).toBe(2);
    expect((await api('GET', `/pages/${page.id}/revisions`, admin)).statusCode).toBe(200);
    for (const url of ['/revisions', '/revisions/named', '/revisions/2', '/revisions/diff?from=1&to=2', '/authors']) {
      const outsider = await api('GET', `/pages/${page.id}${url}`, editor);
      expect([url, outsider.statusCode, outsider.json()]).toEqual([url, 404, errorBody('WIKI_PAGE_NOT_FOUND')]);
      expect(outsider.body).not.toContain('Cabinet confidence');
      const visitor = await api('GET', `/pages/${page.id}${url}`, null);
      expect([url, visitor.statusCode, visitor.json()]).toEqual([url, 401, errorBody('WIKI_SIGN_IN_REQUIRED')]);
    }
    const restore = await api('POST', `/pages/${page.id}/revisions/1/restore`, editor, {});
    expect([restore.statusCode, restore.json()]).toEqual([404, errorBody('WIKI_PAGE_NOT_FOUND')]);
    expect((await api('GET', `/pages/${page.id}/revisions`, member)).json().total).toBe(2);
  });
});

test('the history routes are described in the OpenAPI document', async () => {
  const spec = (await api('GET', '/openapi.json', null)).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
  const routes = Object.entries(spec.paths)
    .filter(([, ops]) => Object.values(ops).some((op) => op.tags?.includes('history')))
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
  expect(routes).toEqual([
    'GET /api/v1/pages/{id}/authors',
    'GET /api/v1/pages/{id}/revisions',
    'GET /api/v1/pages/{id}/revisions/diff',
    'GET /api/v1/pages/{id}/revisions/named',
    'GET /api/v1/pages/{id}/revisions/{number}',
    'PATCH /api/v1/pages/{id}/revisions/{number}',
    'POST /api/v1/pages/{id}/revisions',
    'POST /api/v1/pages/{id}/revisions/{number}/restore',
  ]);
});
