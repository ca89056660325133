// The API-token routes through app.inject(), against a real SQLite file: the secret shown once, scopes that
// never widen, revocation that takes effect at once, and others' tokens that do not exist for you.
import { startTestServer, type TestAccount, type TestServer, apiCall, auditedEvents } from '../../tests/helpers/testServer.js';

let server: TestServer;
let admin: TestAccount;
let editor: TestAccount;
let reader: TestAccount;

beforeEach(async () => {
  server = await startTestServer();
  ({ admin, editor, reader } = server.accounts);
});
afterEach(async () => {
  await server.close();
});

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, as: TestAccount | string | null, payload?: object) => apiCall(server, method, url, as, payload);
const audited = (action: string) => auditedEvents(server, action);

async function newToken(as: TestAccount | string, scope: 'read' | 'write', name = 'portal'): Promise<{ id: string; bearer: string }> {
  const response = await call('POST', '/tokens', as, { name, scope });
  expect(response.statusCode).toBe(201);
  const body = response.json();
  return { id: body.token.id, bearer: `Bearer ${body.secret}` };
}

describe('POST /api/v1/tokens', () => {
  test('shows the secret once; it works as a bearer token; listings never show it; creation is audited', async () => {
    const response = await call('POST', '/tokens', editor, { name: 'Intranet portal', scope: 'read' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { token, secret } = response.json();
    expect(secret).toMatch(/^ens_[A-Za-z0-9_-]{40,}$/);
    expect(token).toEqual({ id: expect.any(String), userId: editor.id, name: 'Intranet portal', scope: 'read', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null });
    expect((await call('GET', '/session', `Bearer ${secret}`)).json()).toMatchObject({ user: { id: editor.id }, authenticatedBy: 'token' });
    const list = await call('GET', '/tokens', editor);
    expect(list.json().items.map((t: { name: string }) => t.name).sort()).toEqual(['Intranet portal', 'test']);
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toMatch(/hash/i);
    expect(audited('token.created').at(0)).toMatchObject({ actor: { id: editor.id }, target: { type: 'token', id: token.id }, details: { scope: 'read', owner: editor.id } });
    expect(JSON.stringify(server.app.services.audit.list(200))).not.toContain(secret);
  });

  test('a write token may create a read or a write token; a read token may create none', async () => {
    await newToken(editor, 'write');
    await newToken(editor, 'read');
    const readOnly = await newToken(editor, 'read', 'read-only');
    for (const scope of ['read', 'write']) {
      const response = await call('POST', '/tokens', readOnly.bearer, { name: 'escalate', scope });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('WIKI_FORBIDDEN');
    }
    expect(server.app.services.tokens.listForUser(editor.id).map((t) => t.name)).not.toContain('escalate');
  });

  test.each([
    ['an unknown scope', { name: 'x', scope: 'admin' }],
    ['no scope', { name: 'x' }],
    ['an owner (tokens are for yourself)', { name: 'x', scope: 'read', userId: 'someone' }],
    ['an empty name', { name: '', scope: 'read' }],
    ['a name of control characters only', { name: '\u0000\u200b', scope: 'read' }],
  ])('refuses %s with 400', async (_label, payload) => {
    expect((await call('POST', '/tokens', reader, payload)).statusCode).toBe(400);
    expect(server.app.services.tokens.listForUser(reader.id)).toHaveLength(1);
  });

  test('asks visitors to sign in', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', scope: 'read' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('DELETE /api/v1/tokens/:id', () => {
  test('revokes your own token: it stops working at once (401), revocation is audited and repeatable', async () => {
    const token = await newToken(reader, 'read');
    expect((await call('DELETE', `/tokens/${token.id}`, reader)).statusCode).toBe(204);
    const refused = await call('GET', '/pages', token.bearer);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('WIKI_INVALID_TOKEN');
    expect((await call('GET', '/tokens', reader)).json().items.find((t: { id: string }) => t.id === token.id).revokedAt).toEqual(expect.any(String));
    expect((await call('DELETE', `/tokens/${token.id}`, reader)).statusCode).toBe(204);
    expect(audited('token.revoked')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: reader.id }), target: { type: 'token', id: token.id } })]);
  });

  test('someone else’s token answers 404 and keeps working; an unknown id answers 404 too', async () => {
    const token = await newToken(editor, 'write');
    const response = await call('DELETE', `/tokens/${token.id}`, reader);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('WIKI_TOKEN_NOT_FOUND');
    expect((await call('DELETE', '/tokens/nosuchtoken0', reader)).statusCode).toBe(404);
    expect((await call('GET', '/pages', token.bearer)).statusCode).toBe(200);
  });

  test('an admin revokes anyone’s token, but not with a read token', async () => {
    const token = await newToken(editor, 'write');
    const adminRead = await newToken(admin, 'read');
    expect((await call('DELETE', `/tokens/${token.id}`, adminRead.bearer)).statusCode).toBe(403);
    expect((await call('DELETE', `/tokens/${token.id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', '/pages', token.bearer)).statusCode).toBe(401);
  });

  test('a read token cannot revoke even itself', async () => {
    const token = await newToken(reader, 'read');
    expect((await call('DELETE', `/tokens/${token.id}`, token.bearer)).statusCode).toBe(403);
    expect(server.app.services.tokens.isLive(token.id)).toBe(true);
  });
});

describe('GET /api/v1/tokens', () => {
  test('lists only your own tokens; ?userId= of someone else is for admins (403 otherwise, 404 if unknown)', async () => {
    await newToken(editor, 'read', 'editor-only');
    expect((await call('GET', '/tokens', reader)).json().items.map((t: { name: string }) => t.name)).toEqual(['test']);
    expect((await call('GET', `/tokens?userId=${editor.id}`, reader)).statusCode).toBe(403);
    expect((await call('GET', `/tokens?userId=${reader.id}`, reader)).statusCode).toBe(200);
    const adminView = await call('GET', `/tokens?userId=${editor.id}`, admin);
    expect(adminView.json().items.map((t: { name: string; userId: string }) => [t.name, t.userId]).sort()).toEqual([
      ['editor-only', editor.id],
      ['test', editor.id],
    ]);
    expect((await call('GET', '/tokens?userId=nosuchuser00', admin)).json().code).toBe('WIKI_USER_NOT_FOUND');
    expect((await call('GET', '/tokens?owner=x', admin)).statusCode).toBe(400);
  });
});
