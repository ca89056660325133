// GET /api/v1/audit through app.inject(): admins page through the log newest first; nobody else reads it.
import { startTestServer, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';

let server: TestServer;
let admin: TestAccount;

beforeEach(async () => {
  server = await startTestServer();
  admin = server.accounts.admin;
});
afterEach(async () => {
  await server.close();
});

const get = (url: string, authorization?: string) =>
  server.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: authorization ? { authorization } : {} });

interface Page {
  events: { id: number; action: string; at: string; actor: { id: string | null; name: string }; target: unknown; details: Record<string, unknown>; ip: string | null }[];
  nextCursor: number | null;
}

describe('GET /api/v1/audit', () => {
  test('pages through every event newest first with ?limit and ?before, ending with a null cursor', async () => {
    for (const name of ['One', 'Two', 'Three', 'Four', 'Five']) {
      expect((await server.app.inject({ method: 'POST', url: '/api/v1/groups', headers: { authorization: admin.bearer }, payload: { name } })).statusCode).toBe(201);
    }
    const all = (await get('/audit?limit=200', admin.bearer)).json() as Page;
    expect(all.nextCursor).toBeNull();
    const ids = all.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all.events[0]).toEqual({
      id: expect.any(Number),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      actor: { id: admin.id, name: 'admin' },
      action: 'group.created',
      target: { type: 'group', id: expect.any(String) },
      details: { name: 'Five' },
      ip: '127.0.0.1',
    });

    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page = (await get(`/audit?limit=2${cursor === null ? '' : `&before=${cursor}`}`, admin.bearer)).json() as Page;
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(ids);
  });

  test('is for admins: a read token of an admin may read it; editors and readers get 403, visitors 401', async () => {
    const { secret } = server.app.services.tokens.create(admin.id, { name: 'read', scope: 'read' }, { id: admin.id, name: 'admin', ip: null });
    expect((await get('/audit', `Bearer ${secret}`)).statusCode).toBe(200);
    expect((await get('/audit', server.accounts.editor.bearer)).json().code).toBe('WIKI_FORBIDDEN');
    expect((await get('/audit', server.accounts.reader.bearer)).statusCode).toBe(403);
    expect((await get('/audit')).json().code).toBe('WIKI_SIGN_IN_REQUIRED');
  });

  test.each(['limit=0', 'limit=201', 'limit=ten', 'before=-1', 'since=1'])('refuses ?%s with 400', async (query) => {
    expect((await get(`/audit?${query}`, admin.bearer)).statusCode).toBe(400);
  });
});
