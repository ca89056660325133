// The accounts API through app.inject(), against a real SQLite file: who may read and change accounts,
// validation of bodies (no unknown fields), the last-admin guard, and the audit trail.
import { startTestServer, type TestAccount, type TestServer, apiCall } from '../../tests/helpers/testServer.js';

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

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, as: TestAccount | null, payload?: object) => apiCall(server, method, url, as, payload);

const userFields = ['createdAt', 'disabled', 'displayName', 'email', 'id', 'role', 'updatedAt', 'username'];
const lastAudit = (action: string) => server.app.services.audit.list(200).events.find((e) => e.action === action);

describe('GET /api/v1/users', () => {
  test('lists every account to an admin, without password hashes or OpenID Connect fields', async () => {
    await server.app.services.users.create(
      { username: 'federated', role: 'reader', password: 'a long enough password' },
      { id: null, name: 'test', ip: null },
      { oidcIssuer: 'https://idp.example', oidcSubject: 'sub-1' },
    );
    const response = await call('GET', '/users', admin);
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as { items: Record<string, unknown>[] };
    expect(items.map((u) => u.username).sort()).toEqual(['admin', 'editor', 'federated', 'reader']);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(userFields);
    expect(response.body).not.toMatch(/scrypt|password|oidc|idp\.example|sub-1/i);
  });

  test('is refused to editors and readers (403) and to visitors (401)', async () => {
    expect((await call('GET', '/users', editor)).json()).toEqual({ code: 'WIKI_FORBIDDEN', message: expect.any(String) });
    expect((await call('GET', '/users', reader)).statusCode).toBe(403);
    const anonymous = await call('GET', '/users', null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('WIKI_SIGN_IN_REQUIRED');
  });
});

describe('POST /api/v1/users', () => {
  test('creates an account whose password signs in, and records who created it', async () => {
    const response = await call('POST', '/users', admin, { username: 'nadia', displayName: 'Nadia Tremblay', email: 'nadia@example.gc.ca', role: 'editor', password: 'correct horse battery' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ username: 'nadia', displayName: 'Nadia Tremblay', email: 'nadia@example.gc.ca', role: 'editor', disabled: false });
    expect(response.headers.location).toBe(`/api/v1/users/${body.id}`);
    expect(await server.app.services.users.authenticate('nadia', 'correct horse battery')).toMatchObject({ id: body.id });
    expect(lastAudit('user.created')).toMatchObject({ actor: { id: admin.id, name: 'admin' }, target: { type: 'user', id: body.id }, details: { username: 'nadia', role: 'editor' } });
  });

  test.each([
    ['an unknown role', { username: 'x1', role: 'owner' }],
    ['no role', { username: 'x2' }],
    ['a field the API does not take (mass assignment)', { username: 'x3', role: 'reader', passwordHash: 'scrypt$…' }],
    ['a disabled flag', { username: 'x4', role: 'reader', disabled: true }],
    ['a role that is not a string', { username: 'x5', role: ['admin'] }],
    ['a malformed email', { username: 'x6', role: 'reader', email: 'not an email' }],
    ['a username with spaces', { username: 'two words', role: 'reader' }],
    ['a password shorter than 12 characters', { username: 'x7', role: 'reader', password: 'short' }],
  ])('refuses %s with 400 and creates nothing', async (_label, payload) => {
    const response = await call('POST', '/users', admin, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: expect.stringMatching(/^WIKI_/), message: expect.any(String) });
    expect(server.app.services.users.list()).toHaveLength(3);
  });

  test('refuses a username already taken, ignoring case, with 409', async () => {
    const response = await call('POST', '/users', admin, { username: 'Editor', role: 'reader' });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('WIKI_USERNAME_TAKEN');
  });

  test('is refused to an editor, and to an admin using a read-only token', async () => {
    expect((await call('POST', '/users', editor, { username: 'sneaky', role: 'admin' })).statusCode).toBe(403);
    const { secret } = server.app.services.tokens.create(admin.id, { name: 'read', scope: 'read' }, { id: admin.id, name: 'admin', ip: null });
    const response = await server.app.inject({ method: 'POST', url: '/api/v1/users', headers: { authorization: `Bearer ${secret}` }, payload: { username: 'sneaky', role: 'admin' } });
    expect(response.statusCode).toBe(403);
    expect(server.app.services.users.findByUsername('sneaky')).toBeUndefined();
  });
});

describe('GET /api/v1/users/:id', () => {
  test('shows an account to itself and to admins', async () => {
    expect((await call('GET', `/users/${reader.id}`, reader)).json()).toMatchObject({ id: reader.id, role: 'reader' });
    expect((await call('GET', `/users/${reader.id}`, admin)).statusCode).toBe(200);
  });

  test('refuses someone else’s account with 403 whether or not it exists', async () => {
    expect((await call('GET', `/users/${editor.id}`, reader)).statusCode).toBe(403);
    expect((await call('GET', '/users/nosuchuser00', reader)).statusCode).toBe(403);
    expect((await call('GET', '/users/nosuchuser00', admin)).json().code).toBe('WIKI_USER_NOT_FOUND');
  });
});

describe('PATCH /api/v1/users/:id', () => {
  test('lets an admin change a role, audited, and the new role applies at once', async () => {
    const response = await call('PATCH', `/users/${reader.id}`, admin, { role: 'editor' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: reader.id, role: 'editor' });
    expect(lastAudit('user.role_changed')).toMatchObject({ actor: { id: admin.id }, target: { id: reader.id }, details: { from: 'reader', to: 'editor' } });
    expect((await call('POST', '/pages', reader, { title: 'Now I can write' })).statusCode).toBe(201);
  });

  test('lets an admin disable an account, whose token then stops working', async () => {
    expect((await call('PATCH', `/users/${editor.id}`, admin, { disabled: true })).json()).toMatchObject({ disabled: true });
    expect(lastAudit('user.disabled')).toMatchObject({ target: { id: editor.id } });
    const refused = await call('GET', '/pages', editor);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('WIKI_INVALID_TOKEN');
  });

  test('refuses to demote or disable the last active admin with 409, and changes nothing else in the request', async () => {
    const demote = await call('PATCH', `/users/${admin.id}`, admin, { role: 'editor', displayName: 'Renamed' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('WIKI_LAST_ADMIN');
    expect((await call('PATCH', `/users/${admin.id}`, admin, { disabled: true })).statusCode).toBe(409);
    expect(server.app.services.users.get(admin.id)).toMatchObject({ role: 'admin', disabled: 0, display_name: admin.displayName });
    expect(lastAudit('user.profile_changed')).toBeUndefined();
  });

  test('lets an admin step down once another admin exists', async () => {
    await call('PATCH', `/users/${editor.id}`, admin, { role: 'admin' });
    expect((await call('PATCH', `/users/${admin.id}`, admin, { role: 'editor' })).json()).toMatchObject({ role: 'editor' });
  });

  test('lets anyone change their own display name, audited', async () => {
    const response = await call('PATCH', `/users/${reader.id}`, reader, { displayName: '  Rémi   Gagnon ' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ displayName: 'Rémi Gagnon', role: 'reader' });
    expect(lastAudit('user.profile_changed')).toMatchObject({ actor: { id: reader.id }, target: { id: reader.id }, details: { displayName: { to: 'Rémi Gagnon' } } });
  });

  test.each([
    ['their own role', { role: 'admin' }],
    ['their own disabled flag', { disabled: false }],
    ['a role together with a display name', { role: 'editor', displayName: 'Promoted' }],
  ])('refuses a non-admin changing %s with 403', async (_label, payload) => {
    const response = await call('PATCH', `/users/${reader.id}`, reader, payload);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('WIKI_FORBIDDEN');
    expect(server.app.services.users.get(reader.id)).toMatchObject({ role: 'reader', display_name: reader.displayName });
  });

  test('refuses a non-admin changing someone else’s display name', async () => {
    expect((await call('PATCH', `/users/${reader.id}`, editor, { displayName: 'Hijacked' })).statusCode).toBe(403);
    expect(server.app.services.users.get(reader.id).display_name).toBe(reader.displayName);
  });

  test.each([
    ['an unknown role', { role: 'superuser' }],
    ['an unknown field', { email: 'new@example.gc.ca' }],
    ['a password (not changed here)', { password: 'a brand new password' }],
    ['an empty body', {}],
    ['disabled as a string', { disabled: 'true' }],
  ])('refuses %s with 400', async (_label, payload) => {
    const response = await call('PATCH', `/users/${reader.id}`, admin, payload);
    expect(response.statusCode).toBe(400);
    expect(server.app.services.users.get(reader.id)).toMatchObject({ role: 'reader', email: null, disabled: 0 });
  });

  test('answers 404 to an admin for an unknown account', async () => {
    expect((await call('PATCH', '/users/nosuchuser00', admin, { role: 'editor' })).json().code).toBe('WIKI_USER_NOT_FOUND');
  });
});
