// The human side of spaces: browsing them, creating a page in one, and admins deleting pages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';

let server: TestServer;
let member: TestAccount;
let secretSpace: { id: string; slug: string };

const get = (url: string, as?: TestAccount) =>
  server.app.inject({ url, headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}) } });
const postForm = (url: string, as: TestAccount, fields: Record<string, string>, csrf = as.csrf) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
  });

beforeAll(async () => {
  server = await startTestServer();
  const { groups, spaces } = server.app.services;
  member = await server.createAccount('member', 'editor');
  const admin = { id: server.accounts.admin.id, name: 'admin', ip: null };
  const group = groups.create({ name: 'Cabinet' }, admin);
  groups.addMember(group.id, member.id, admin);
  const space = spaces.create({ name: 'Cabinet papers', slug: 'Cabinet', classification: 'protected-b', grants: [{ groupId: group.id, role: 'editor' }] }, admin);
  secretSpace = { id: space.id, slug: space.slug };
});
afterAll(() => server.close());

describe('spaces in the browser', () => {
  it('lists only the spaces a person may read, with their classification', async () => {
    const forMember = await get('/spaces', member);
    expect(forMember.statusCode).toBe(200);
    expect(forMember.body).toContain('href="/spaces/Cabinet"');
    expect(forMember.body).toContain('Protected B');
    const forEditor = await get('/spaces', server.accounts.editor);
    expect(forEditor.body).toContain('href="/spaces/Main"');
    expect(forEditor.body).not.toContain('Cabinet');
    const forVisitor = await get('/spaces');
    expect(forVisitor.body).toContain('href="/spaces/Main"');
    expect(forVisitor.body).not.toContain('Cabinet');
  });

  it('answers 404 to outsiders and asks visitors to sign in for a restricted space', async () => {
    expect((await get('/spaces/Cabinet', server.accounts.editor)).statusCode).toBe(404);
    const visitor = await get('/spaces/Cabinet');
    expect(visitor.statusCode).toBe(401);
    expect(visitor.body).toContain('href="/login?next=');
    expect(visitor.body).not.toContain('Cabinet papers');
  });

  it('creates a page in the space from its page, for someone who may write there', async () => {
    const page = await get('/spaces/Cabinet', member);
    expect(page.body).toContain('action="/spaces/Cabinet/pages"');
    const created = await postForm('/spaces/Cabinet/pages', member, { title: 'Briefing note' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/wiki/Briefing-note/edit');
    expect(server.app.services.pages.findBySlug('Briefing-note')?.space_id).toBe(secretSpace.id);
    const blank = await postForm('/spaces/Cabinet/pages', member, { title: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('aria-invalid="true"');
  });

  it('refuses creation to outsiders, readers and forged forms, and creates nothing', async () => {
    const before = server.app.services.pages.listRecent([secretSpace.id, 'main'], 100).total;
    expect((await postForm('/spaces/Cabinet/pages', server.accounts.editor, { title: 'Leak' })).statusCode).toBe(404);
    expect((await postForm('/spaces/Main/pages', server.accounts.reader, { title: 'Reader page' })).statusCode).toBe(403);
    expect((await postForm('/spaces/Cabinet/pages', member, { title: 'Forged' }, 'not-the-token')).statusCode).toBe(403);
    expect(server.app.services.pages.listRecent([secretSpace.id, 'main'], 100).total).toBe(before);
    expect((await get('/spaces/Main', server.accounts.reader)).body).not.toContain('action="/spaces/Main/pages"');
  });
});

describe('deleting a page', () => {
  it('is offered to admins only, asks for confirmation, deletes, and is audited', async () => {
    const { pages } = server.app.services;
    const page = await pages.create({ title: 'Obsolete plan' }, { spaceId: 'main', userId: server.accounts.editor.id });
    expect((await get('/wiki/Obsolete-plan', server.accounts.editor)).body).not.toContain('/wiki/Obsolete-plan/delete');
    expect((await get('/wiki/Obsolete-plan', server.accounts.admin)).body).toContain('href="/wiki/Obsolete-plan/delete"');
    expect((await get('/wiki/Obsolete-plan/delete', server.accounts.editor)).statusCode).toBe(403);
    expect((await postForm('/wiki/Obsolete-plan/delete', server.accounts.editor, {})).statusCode).toBe(403);
    expect((await postForm('/wiki/Obsolete-plan/delete', server.accounts.admin, {}, 'forged')).statusCode).toBe(403);
    expect(pages.findById(page.id)).toBeDefined();

    const confirm = await get('/wiki/Obsolete-plan/delete', server.accounts.admin);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('action="/wiki/Obsolete-plan/delete"');
    const done = await postForm('/wiki/Obsolete-plan/delete', server.accounts.admin, {});
    expect(done.statusCode).toBe(200);
    expect(pages.findById(page.id)).toBeUndefined();
    expect((await get('/wiki/Obsolete-plan')).statusCode).toBe(404);
    const event = server.app.services.audit.list(10).events.find((e) => e.action === 'page.deleted');
    expect(event).toMatchObject({ actor: { id: server.accounts.admin.id }, target: { type: 'page', id: page.id } });
  });
});
