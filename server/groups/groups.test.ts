// The groups API through app.inject(), against a real SQLite file: admin-only management, membership,
// validation, audit, and what membership means for a restricted space.
import { createPage, startTestServer, type TestAccount, type TestServer, apiCall, auditedEvents } from '../../tests/helpers/testServer.js';

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

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, as: TestAccount | string | null, payload?: object) => apiCall(server, method, url, as, payload);
const audited = (action: string) => auditedEvents(server, action);

async function makeGroup(name = 'Finance'): Promise<string> {
  const response = await call('POST', '/groups', admin, { name, description: 'Budget people' });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

describe('groups', () => {
  test('an admin creates, reads, renames and deletes a group, each change audited', async () => {
    const id = await makeGroup();
    expect((await call('GET', `/groups/${id}`, admin)).json()).toEqual({
      id,
      name: 'Finance',
      description: 'Budget people',
      memberCount: 0,
      createdAt: expect.any(String),
    });
    expect((await call('PATCH', `/groups/${id}`, admin, { name: 'Finance and budget' })).json()).toMatchObject({ name: 'Finance and budget', description: 'Budget people' });
    expect((await call('GET', '/groups', admin)).json().items.map((g: { name: string }) => g.name)).toEqual(['Finance and budget']);
    expect((await call('DELETE', `/groups/${id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', `/groups/${id}`, admin)).json().code).toBe('WIKI_GROUP_NOT_FOUND');
    for (const action of ['group.created', 'group.updated', 'group.deleted']) {
      expect(audited(action)).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: admin.id }), target: { type: 'group', id } })]);
    }
  });

  test('membership: add (idempotent), list, remove (idempotent), with audit entries', async () => {
    const id = await makeGroup();
    expect((await call('PUT', `/groups/${id}/members/${reader.id}`, admin)).statusCode).toBe(204);
    expect((await call('PUT', `/groups/${id}/members/${reader.id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', `/groups/${id}/members`, admin)).json()).toEqual({ items: [{ id: reader.id, username: 'reader', displayName: reader.displayName }] });
    expect((await call('GET', `/groups/${id}`, admin)).json().memberCount).toBe(1);
    expect(audited('group.member_added')).toHaveLength(1);
    expect((await call('DELETE', `/groups/${id}/members/${reader.id}`, admin)).statusCode).toBe(204);
    expect((await call('DELETE', `/groups/${id}/members/${reader.id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', `/groups/${id}/members`, admin)).json()).toEqual({ items: [] });
    expect(audited('group.member_removed')).toEqual([expect.objectContaining({ details: { group: 'Finance', username: 'reader' } })]);
  });

  test('unknown groups and accounts answer 404', async () => {
    const id = await makeGroup();
    expect((await call('PUT', `/groups/${id}/members/nosuchuser00`, admin)).json().code).toBe('WIKI_USER_NOT_FOUND');
    expect((await call('PUT', `/groups/nosuchgroup0/members/${reader.id}`, admin)).json().code).toBe('WIKI_GROUP_NOT_FOUND');
    expect((await call('PATCH', '/groups/nosuchgroup0', admin, { name: 'X' })).statusCode).toBe(404);
    expect((await call('DELETE', '/groups/nosuchgroup0', admin)).statusCode).toBe(404);
  });

  test.each([
    ['an unknown field', { name: 'Ops', members: ['x'] }],
    ['no name', { description: 'nameless' }],
    ['an empty name', { name: '' }],
    ['a name that is not a string', { name: 7 }],
    ['a name of only spaces', { name: '   ' }],
  ])('refuses a group with %s (400) and creates nothing', async (_label, payload) => {
    const response = await call('POST', '/groups', admin, payload);
    expect(response.statusCode).toBe(400);
    expect(server.app.services.groups.list()).toEqual([]);
  });

  test('refuses a second group with the same name, ignoring case (409)', async () => {
    await makeGroup('Finance');
    expect((await call('POST', '/groups', admin, { name: 'FINANCE' })).json().code).toBe('WIKI_GROUP_NAME_TAKEN');
  });

  test('is for admins only: editors and readers get 403, visitors 401; an admin’s read token may read but not change', async () => {
    const id = await makeGroup();
    for (const who of [editor, reader]) {
      expect((await call('GET', '/groups', who)).statusCode).toBe(403);
      expect((await call('POST', '/groups', who, { name: 'Mine' })).statusCode).toBe(403);
      expect((await call('PUT', `/groups/${id}/members/${who.id}`, who)).statusCode).toBe(403);
    }
    expect((await call('GET', '/groups', null)).json().code).toBe('WIKI_SIGN_IN_REQUIRED');
    const { secret } = server.app.services.tokens.create(admin.id, { name: 'read', scope: 'read' }, { id: admin.id, name: 'admin', ip: null });
    expect((await call('GET', `/groups/${id}/members`, `Bearer ${secret}`)).statusCode).toBe(200);
    expect((await call('DELETE', `/groups/${id}`, `Bearer ${secret}`)).statusCode).toBe(403);
    expect(server.app.services.groups.find(id)).toBeDefined();
  });

  test('membership grants a restricted space; removing the member or deleting the group takes it away', async () => {
    const id = await makeGroup();
    const space = (await call('POST', '/spaces', admin, { name: 'Budget', access: 'restricted', grants: [{ groupId: id, role: 'editor' }] })).json();
    const page = await createPage(server, { title: 'Budget 2027', space: space.id }, admin);
    const read = () => call('GET', `/pages/${page.id}`, editor).then((r) => r.statusCode);
    expect(await read()).toBe(404);
    await call('PUT', `/groups/${id}/members/${editor.id}`, admin);
    expect(await read()).toBe(200);
    await call('DELETE', `/groups/${id}/members/${editor.id}`, admin);
    expect(await read()).toBe(404);
    await call('PUT', `/groups/${id}/members/${editor.id}`, admin);
    await call('DELETE', `/groups/${id}`, admin);
    expect(await read()).toBe(404);
  });
});
