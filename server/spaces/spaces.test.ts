// The spaces API through app.inject(), against a real SQLite file: who sees which spaces, the Protected B
// default, validation of grants (group ids nested in the body must exist), and the audit trail.
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

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, as: TestAccount | null, payload?: object) => apiCall(server, method, url, as, payload);
const audited = (action: string) => auditedEvents(server, action);
const slugs = async (as: TestAccount | null) => ((await call('GET', '/spaces', as)).json().items as { slug: string }[]).map((s) => s.slug);

/** The spaces every wiki starts with, by address, as /spaces lists them (sorted by name). */
const BUILT_IN = ['Catalogue', 'Main', 'Templates'];

async function group(name: string, ...members: TestAccount[]): Promise<string> {
  const id = (await call('POST', '/groups', admin, { name })).json().id as string;
  for (const member of members) await call('PUT', `/groups/${id}/members/${member.id}`, admin);
  return id;
}

describe('reading spaces', () => {
  test('everyone sees the built-in spaces (Main, Catalogue, Templates) with what they may do there; visitors read only', async () => {
    const expected = { id: 'main', slug: 'Main', name: 'Main', classification: 'unclassified', access: 'open' };
    expect(await slugs(null)).toEqual(BUILT_IN);
    expect((await call('GET', '/spaces', null)).json().items).toContainEqual(expect.objectContaining({ ...expected, yourAccess: 'read' }));
    expect((await call('GET', '/spaces/main', reader)).json()).toMatchObject({ ...expected, yourAccess: 'read' });
    expect((await call('GET', '/spaces/main', editor)).json()).toMatchObject({ ...expected, yourAccess: 'write' });
  });

  test('a restricted space is listed and readable only for its groups and admins; others get 404', async () => {
    const team = await group('Legal', reader);
    await call('POST', '/spaces', admin, { name: 'Legal advice', slug: 'Legal', access: 'restricted', grants: [{ groupId: team, role: 'editor' }] });
    expect(await slugs(editor)).toEqual(BUILT_IN);
    expect(await slugs(null)).toEqual(BUILT_IN);
    expect(await slugs(reader)).toEqual(['Catalogue', 'Legal', 'Main', 'Templates']);
    expect((await call('GET', '/spaces/legal', editor)).json().code).toBe('WIKI_SPACE_NOT_FOUND');
    expect((await call('GET', '/spaces/legal', null)).statusCode).toBe(404);
    // A reader granted "editor" still only reads: the grant cannot lift an account above its role.
    expect((await call('GET', '/spaces/Legal', reader)).json()).toMatchObject({ slug: 'Legal', yourAccess: 'read' });
  });

  test('grants are shown to admins only', async () => {
    const team = await group('Legal', reader);
    const created = (await call('POST', '/spaces', admin, { name: 'Legal', access: 'restricted', grants: [{ groupId: team, role: 'reader' }] })).json();
    expect(created.grants).toEqual([{ groupId: team, groupName: 'Legal', role: 'reader' }]);
    expect((await call('GET', `/spaces/${created.id}`, reader)).json()).not.toHaveProperty('grants');
    expect(Object.keys((await call('GET', '/spaces/main', editor)).json()).sort()).toEqual(
      ['access', 'classification', 'createdAt', 'description', 'id', 'name', 'slug', 'updatedAt', 'yourAccess'],
    );
  });
});

describe('POST /api/v1/spaces', () => {
  test('a Protected B space is restricted unless the admin chooses otherwise, and is audited', async () => {
    const secret = await call('POST', '/spaces', admin, { name: 'Cabinet', classification: 'protected-b' });
    expect(secret.statusCode).toBe(201);
    expect(secret.json()).toMatchObject({ slug: 'Cabinet', classification: 'protected-b', access: 'restricted', yourAccess: 'write' });
    expect(secret.headers.location).toBe(`/api/v1/spaces/${secret.json().id}`);
    expect((await call('POST', '/spaces', admin, { name: 'Open B', classification: 'protected-b', access: 'open' })).json().access).toBe('open');
    expect((await call('POST', '/spaces', admin, { name: 'Team A', classification: 'protected-a' })).json().access).toBe('open');
    expect(audited('space.created')[2]).toMatchObject({ actor: { id: admin.id }, target: { type: 'space', id: secret.json().id }, details: { classification: 'protected-b', access: 'restricted' } });
  });

  test('refuses a grant to a group that does not exist (400) and creates nothing', async () => {
    const team = await group('Real');
    const response = await call('POST', '/spaces', admin, { name: 'Ghosts', grants: [{ groupId: team, role: 'reader' }, { groupId: 'nosuchgroup0', role: 'editor' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('WIKI_UNKNOWN_GROUP');
    expect(server.app.services.spaces.find('Ghosts')).toBeUndefined();
  });

  test.each([
    ['an unknown classification', { name: 'X', classification: 'secret' }],
    ['an unknown access rule', { name: 'X', access: 'public' }],
    ['an unknown field', { name: 'X', owner: 'me' }],
    ['an unknown field inside a grant', { name: 'X', grants: [{ groupId: 'g', role: 'reader', admin: true }] }],
    ['a grant role of admin', { name: 'X', grants: [{ groupId: 'g', role: 'admin' }] }],
    ['no name', { slug: 'X' }],
    ['a slug with a slash', { name: 'X', slug: 'a/b' }],
  ])('refuses %s with 400', async (_label, payload) => {
    const response = await call('POST', '/spaces', admin, payload);
    expect(response.statusCode).toBe(400);
    expect(server.app.services.spaces.list()).toHaveLength(BUILT_IN.length);
  });

  test('refuses the same group granted twice, and a taken address', async () => {
    const team = await group('Twice');
    expect((await call('POST', '/spaces', admin, { name: 'Dup', grants: [{ groupId: team, role: 'reader' }, { groupId: team, role: 'editor' }] })).statusCode).toBe(400);
    expect((await call('POST', '/spaces', admin, { name: 'main' })).json().code).toBe('WIKI_SPACE_SLUG_TAKEN');
  });

  test('is for admins with write rights only', async () => {
    expect((await call('POST', '/spaces', editor, { name: 'Mine' })).statusCode).toBe(403);
    expect((await call('POST', '/spaces', null, { name: 'Mine' })).statusCode).toBe(401);
    expect(server.app.services.spaces.list()).toHaveLength(BUILT_IN.length);
  });
});

describe('PATCH /api/v1/spaces/:id', () => {
  test('an admin restricts a space: outsiders lose it at once, and both changes are audited', async () => {
    const team = await group('Comms', editor);
    const id = (await call('POST', '/spaces', admin, { name: 'Comms' })).json().id as string;
    expect(await slugs(reader)).toContain('Comms');
    const response = await call('PATCH', `/spaces/${id}`, admin, { access: 'restricted', classification: 'protected-a', grants: [{ groupId: team, role: 'editor' }] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ access: 'restricted', classification: 'protected-a', grants: [{ groupId: team, role: 'editor' }] });
    expect(await slugs(reader)).toEqual(BUILT_IN);
    expect((await call('GET', `/spaces/${id}`, editor)).json().yourAccess).toBe('write');
    expect(audited('space.updated')[0]).toMatchObject({ target: { id }, details: { access: { from: 'open', to: 'restricted' }, classification: { from: 'unclassified', to: 'protected-a' } } });
    expect(audited('space.grant_changed')[0]).toMatchObject({ target: { id }, details: { from: [], to: [{ groupId: team, role: 'editor' }] } });
  });

  test('refuses unknown group ids, unknown fields, an empty body, and non-admins; 404 for an unknown space', async () => {
    expect((await call('PATCH', '/spaces/main', admin, { grants: [{ groupId: 'nosuchgroup0', role: 'reader' }] })).json().code).toBe('WIKI_UNKNOWN_GROUP');
    expect((await call('PATCH', '/spaces/main', admin, { slug: 'Renamed' })).statusCode).toBe(400);
    expect((await call('PATCH', '/spaces/main', admin, {})).statusCode).toBe(400);
    expect((await call('PATCH', '/spaces/main', editor, { access: 'restricted' })).statusCode).toBe(403);
    expect((await call('PATCH', '/spaces/nosuchspace0', admin, { name: 'X' })).json().code).toBe('WIKI_SPACE_NOT_FOUND');
    expect(server.app.services.spaces.get('main')).toMatchObject({ access: 'open', grants: [] });
    expect(audited('space.updated')).toEqual([]);
  });
});
