// The administration UI through app.inject on a real server and SQLite file: who may use it, that each
// form's change takes effect (and is audited), that bad input changes nothing, and that forged forms fail.
import { Window } from 'happy-dom';
import { translator } from '../../shared/i18n/index.js';
import { startTestServer, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';

const en = translator('en');
const fr = translator('fr');

let server: TestServer;
let window: Window;

beforeAll(async () => {
  server = await startTestServer();
  window = new Window();
});

afterAll(async () => {
  await window.happyDOM.close();
  await server.close();
});

function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

async function get(url: string, as: TestAccount | null = server.accounts.admin) {
  return server.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}) } });
}

/** Posts a form as a signed-in browser would: session cookie and the `_csrf` field (unless given one). */
async function post(url: string, fields: Record<string, string> = {}, as: TestAccount = server.accounts.admin) {
  return server.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: as.csrf, ...fields }).toString(),
  });
}

const auditCount = () => server.app.services.audit.list(10_000).events.length;
const latestAudit = () => server.app.services.audit.list(1).events[0];

describe('who may use /admin', () => {
  it('sends an anonymous visitor to sign in, with the page to come back to', async () => {
    const response = await get('/admin/users?x=1', null);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/login?next=${encodeURIComponent('/admin/users?x=1')}`);
  });

  it.each(['editor', 'reader'] as const)('shows a %s a 403 page on every admin page, and refuses their forms', async (role) => {
    const account = server.accounts[role];
    for (const url of ['/admin', '/admin/users', '/admin/groups', '/admin/spaces', '/admin/spaces/new', '/admin/audit', `/admin/users/${account.id}`]) {
      const response = await get(url, account);
      expect(response.statusCode).toBe(403);
      expect(parse(response.body).querySelector('h1')?.textContent).toBe(en('admin.forbiddenTitle'));
    }
    const before = auditCount();
    const response = await post(`/admin/users/${account.id}/role`, { role: 'admin' }, account);
    expect(response.statusCode).toBe(403);
    expect(server.app.services.users.get(account.id).role).toBe(role);
    expect(auditCount()).toBe(before);
  });

  it('refuses an editor’s API token as well', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/admin', headers: { authorization: server.accounts.editor.bearer } });
    expect(response.statusCode).toBe(403);
  });

  it('shows an admin every section, with one h1, the language set, and the section navigation', async () => {
    for (const [url, title] of [
      ['/admin', en('admin.title')],
      ['/admin/users', en('admin.users.title')],
      ['/admin/groups', en('admin.groups.title')],
      ['/admin/spaces', en('admin.spaces.title')],
      ['/admin/spaces/new', en('admin.space.newTitle')],
      ['/admin/audit', en('admin.audit.title')],
      [`/admin/users/${server.accounts.reader.id}`, en('admin.user.heading', { username: 'reader' })],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const doc = parse(response.body);
      expect(doc.documentElement.getAttribute('lang')).toBe('en');
      expect([...doc.querySelectorAll('h1')].map((h) => h.textContent)).toEqual([title]);
      expect(doc.querySelector(`nav[aria-label="${en('admin.sections')}"]`)).not.toBeNull();
    }
  });

  it('speaks French when asked', async () => {
    const doc = parse((await get('/admin/users?lang=fr')).body);
    expect(doc.documentElement.getAttribute('lang')).toBe('fr');
    expect(doc.querySelector('h1')?.textContent).toBe(fr('admin.users.title'));
    expect(doc.querySelector('caption')?.textContent).toBe(fr('admin.users.caption'));
  });
});

describe('users', () => {
  it('lists accounts in a table with a caption and header scopes', async () => {
    const doc = parse((await get('/admin/users')).body);
    const table = doc.querySelector('table')!;
    expect(table.querySelector('caption')?.textContent).toBe(en('admin.users.caption'));
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    const rows = [...table.querySelectorAll('tbody tr')];
    const editorRow = rows.find((r) => r.querySelector('th[scope="row"]')?.textContent === 'editor')!;
    expect([...editorRow.querySelectorAll('td')].map((td) => td.textContent)[1]).toBe(en('admin.role.editor'));
    expect(editorRow.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('creates a local account that can sign in with its password, and audits it', async () => {
    const response = await post('/admin/users', { username: 'dana', displayName: 'Dana Doe', role: 'reader', password: 'correct horse battery' });
    expect(response.statusCode).toBe(303);
    const created = server.app.services.users.findByUsername('dana')!;
    expect(response.headers.location).toBe(`/admin/users/${created.id}?done=user-created`);
    expect(created).toMatchObject({ display_name: 'Dana Doe', role: 'reader', disabled: 0 });
    expect(await server.app.services.users.authenticate('dana', 'correct horse battery')).not.toBeNull();
    expect(latestAudit()).toMatchObject({ action: 'user.created', actor: { id: server.accounts.admin.id }, target: { type: 'user', id: created.id } });
    const page = parse((await get(response.headers.location as string)).body);
    expect(page.querySelector('[role="status"]')?.textContent).toBe(en('admin.done.userCreated'));
  });

  it('re-renders the form with a 400, an error summary and described fields, and creates nothing', async () => {
    const users = server.app.services.users.count();
    const before = auditCount();
    const response = await post('/admin/users', { username: '-bad name', displayName: 'X', role: 'owner', password: 'short' });
    expect(response.statusCode).toBe(400);
    const doc = parse(response.body);
    const summary = doc.querySelector('.error-summary')!;
    expect(summary.querySelector('h3')?.textContent).toBe(en('admin.errorSummary'));
    expect([...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['#new-user-username', '#new-user-role', '#new-user-password']);
    for (const [id, message] of [
      ['new-user-username', en('admin.error.usernameInvalid')],
      ['new-user-role', en('admin.error.roleInvalid')],
      ['new-user-password', en('admin.error.passwordTooShort', { min: 12 })],
    ]) {
      const control = doc.getElementById(id)!;
      expect(control.getAttribute('aria-invalid')).toBe('true');
      const described = control.getAttribute('aria-describedby')!.split(' ').map((ref) => doc.getElementById(ref)?.textContent);
      expect(described).toContain(message);
    }
    // What was typed is kept, except the password.
    expect((doc.getElementById('new-user-username') as HTMLInputElement).getAttribute('value')).toBe('-bad name');
    expect(doc.getElementById('new-user-password')!.hasAttribute('value')).toBe(false);
    expect(server.app.services.users.count()).toBe(users);
    expect(auditCount()).toBe(before);
  });

  it('shows a taken username next to its field with the service’s 409', async () => {
    const response = await post('/admin/users', { username: 'Editor', displayName: '', role: 'reader', password: 'long enough password' });
    expect(response.statusCode).toBe(409);
    const doc = parse(response.body);
    expect(doc.getElementById('new-user-username-error')?.textContent).toBe(en('admin.error.usernameTaken', { username: 'Editor' }));
  });

  it('changes a role, which takes effect on the account’s API token at once', async () => {
    const casey = await server.createAccount('casey', 'reader');
    const write = () =>
      server.app.inject({ method: 'POST', url: '/api/v1/pages', headers: { authorization: casey.bearer }, payload: { title: `Casey ${Date.now()}` } });
    expect((await write()).statusCode).toBe(403);
    const response = await post(`/admin/users/${casey.id}/role`, { role: 'editor' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/users/${casey.id}?done=role-changed`);
    expect((await write()).statusCode).toBe(201);
    expect(latestAudit()).toMatchObject({ action: 'user.role_changed', details: { from: 'reader', to: 'editor' } });
  });

  it('disables an account: its bearer token gets 401 and its session ends; enabling restores them', async () => {
    const erin = await server.createAccount('erin', 'editor');
    const api = () => server.app.inject({ method: 'GET', url: '/api/v1/pages', headers: { authorization: erin.bearer } });
    expect((await api()).statusCode).toBe(200);
    const response = await post(`/admin/users/${erin.id}/disable`);
    expect(response.statusCode).toBe(303);
    expect((await api()).statusCode).toBe(401);
    const session = await server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: erin.cookie } });
    expect(session.json()).toMatchObject({ user: null });
    expect(latestAudit()).toMatchObject({ action: 'user.disabled', target: { id: erin.id } });
    const page = parse((await get(`/admin/users/${erin.id}`)).body);
    expect(page.querySelector(`form[action="/admin/users/${erin.id}/enable"] button`)?.textContent).toBe(en('admin.user.enable'));

    expect((await post(`/admin/users/${erin.id}/enable`)).statusCode).toBe(303);
    expect((await api()).statusCode).toBe(200);
  });

  it('refuses to disable or demote the last active admin with a 409 and says why', async () => {
    const admin = server.accounts.admin;
    const before = auditCount();
    for (const [url, fields] of [
      [`/admin/users/${admin.id}/disable`, {}],
      [`/admin/users/${admin.id}/role`, { role: 'editor' }],
    ] as const) {
      const response = await post(url, fields);
      expect(response.statusCode).toBe(409);
      expect(parse(response.body).querySelector('.error-summary li')?.textContent).toBe(en('admin.error.lastAdmin'));
    }
    expect(server.app.services.users.get(admin.id)).toMatchObject({ role: 'admin', disabled: 0 });
    expect(auditCount()).toBe(before);
  });

  it('resets a password, and refuses a short one with a 400', async () => {
    const frank = await server.createAccount('frank', 'reader', 'the first password');
    const short = await post(`/admin/users/${frank.id}/password`, { password: 'tiny' });
    expect(short.statusCode).toBe(400);
    expect(parse(short.body).getElementById('password-password-error')?.textContent).toBe(en('admin.error.passwordTooShort', { min: 12 }));
    expect(await server.app.services.users.authenticate('frank', 'the first password')).not.toBeNull();

    expect((await post(`/admin/users/${frank.id}/password`, { password: 'the second password' })).statusCode).toBe(303);
    expect(await server.app.services.users.authenticate('frank', 'the first password')).toBeNull();
    expect(await server.app.services.users.authenticate('frank', 'the second password')).not.toBeNull();
    expect(latestAudit()).toMatchObject({ action: 'user.password_changed', target: { id: frank.id } });
  });

  it('revokes a token only through the account that owns it', async () => {
    const gail = await server.createAccount('gail', 'editor');
    const token = server.app.services.tokens.listForUser(gail.id)[0];
    const wrongOwner = await post(`/admin/users/${server.accounts.reader.id}/tokens/${token.id}/revoke`);
    expect(wrongOwner.statusCode).toBe(404);
    expect(server.app.services.tokens.isLive(token.id)).toBe(true);
    expect((await post(`/admin/users/${gail.id}/tokens/${token.id}/revoke`)).statusCode).toBe(303);
    expect(server.app.services.tokens.isLive(token.id)).toBe(false);
    const api = await server.app.inject({ method: 'GET', url: '/api/v1/pages', headers: { authorization: gail.bearer } });
    expect(api.statusCode).toBe(401);
  });
});

describe('groups and spaces', () => {
  it('creates a group, adds a member by username, and a restricted space granting it; all audited', async () => {
    const created = await post('/admin/groups', { name: 'Finance team', description: 'Budget people' });
    expect(created.statusCode).toBe(303);
    const group = server.app.services.groups.list().find((g) => g.name === 'Finance team')!;
    expect(created.headers.location).toBe(`/admin/groups/${group.id}?done=group-created`);

    const unknown = await post(`/admin/groups/${group.id}/members`, { username: 'nobody-here' });
    expect(unknown.statusCode).toBe(400);
    expect(parse(unknown.body).getElementById('member-username-error')?.textContent).toBe(en('admin.error.memberUnknown', { username: 'nobody-here' }));
    expect((await post(`/admin/groups/${group.id}/members`, { username: 'editor' })).statusCode).toBe(303);
    expect(server.app.services.groups.members(group.id).map((m) => m.username)).toEqual(['editor']);

    const response = await post('/admin/spaces', {
      name: 'Budget 2027',
      slug: 'Budget-2027',
      description: 'Draft budget',
      classification: 'protected-b',
      access: 'default',
      [`grant-${group.id}`]: 'editor',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/spaces?done=space-created');
    const space = server.app.services.spaces.find('Budget-2027')!;
    expect(space).toMatchObject({ classification: 'protected-b', access: 'restricted', grants: [{ groupId: group.id, role: 'editor' }] });
    expect(latestAudit()).toMatchObject({
      action: 'space.created',
      actor: { id: server.accounts.admin.id },
      target: { type: 'space', id: space.id },
      details: { classification: 'protected-b', access: 'restricted', grants: [{ groupId: group.id, role: 'editor' }] },
    });

    // The grant works: the editor (a member) writes there; the reader (not a member) cannot even read.
    const page = await server.app.inject({
      method: 'POST',
      url: '/api/v1/pages',
      headers: { authorization: server.accounts.editor.bearer },
      payload: { title: 'Line items', space: space.id },
    });
    expect(page.statusCode).toBe(201);
    const id = (page.json() as { id: string }).id;
    const asReader = await server.app.inject({ method: 'GET', url: `/api/v1/pages/${id}`, headers: { authorization: server.accounts.reader.bearer } });
    expect(asReader.statusCode).toBe(404);

    // The list shows it, and the audit log names the action, the space and the group.
    const list = parse((await get('/admin/spaces')).body);
    const row = [...list.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')?.textContent === 'Budget 2027')!;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'Budget-2027',
      en('admin.classification.protected-b'),
      en('admin.access.restricted'),
      `Finance team (${en('admin.grant.editor')})`,
      '1',
    ]);
    const audit = parse((await get('/admin/audit')).body);
    const first = audit.querySelector('tbody tr')!;
    expect(first.querySelectorAll('td')[1].textContent).toBe(en('admin.audit.action.space.created'));
    expect(first.querySelectorAll('td')[2].textContent).toBe(`${en('admin.audit.targetSpace')}: Budget 2027`);
    expect(first.querySelectorAll('td')[3].textContent).toContain('Finance team (editor)');
  });

  it('edits a space: opening it and dropping the grant take effect, and only real changes are audited', async () => {
    const group = server.app.services.groups.create({ name: 'Ops' }, { id: null, name: 'test', ip: null });
    const space = server.app.services.spaces.create(
      { name: 'Ops room', slug: 'Ops-room', access: 'restricted', grants: [{ groupId: group.id, role: 'reader' }] },
      { id: null, name: 'test', ip: null },
    );
    const form = parse((await get(`/admin/spaces/${space.id}`)).body);
    expect((form.getElementById(`space-grant-${group.id}`) as HTMLSelectElement).querySelector('option[selected]')?.getAttribute('value')).toBe('reader');

    const response = await post(`/admin/spaces/${space.id}`, {
      name: 'Ops room',
      description: '',
      classification: 'protected-a',
      access: 'open',
      [`grant-${group.id}`]: '',
    });
    expect(response.statusCode).toBe(303);
    expect(server.app.services.spaces.get(space.id)).toMatchObject({ classification: 'protected-a', access: 'open', grants: [] });
    const [grants, updated] = server.app.services.audit.list(2).events;
    expect(grants).toMatchObject({ action: 'space.grant_changed', details: { to: [] } });
    expect(updated).toMatchObject({ action: 'space.updated', details: { access: { from: 'restricted', to: 'open' } } });

    const before = auditCount();
    await post(`/admin/spaces/${space.id}`, { name: 'Ops room', description: '', classification: 'protected-a', access: 'open', [`grant-${group.id}`]: '' });
    expect(auditCount()).toBe(before);
  });

  it('re-renders a bad space form with a 400 and creates nothing', async () => {
    const count = server.app.services.spaces.list().length;
    const before = auditCount();
    const response = await post('/admin/spaces', { name: '', slug: 'no spaces--here', description: '', classification: 'secret', access: 'sideways' });
    expect(response.statusCode).toBe(400);
    const doc = parse(response.body);
    expect([...doc.querySelectorAll('.error-summary a')].map((a) => a.getAttribute('href'))).toEqual([
      '#space-name',
      '#space-slug',
      '#space-classification',
      '#space-access-first',
    ]);
    expect(doc.getElementById('space-access-first')?.closest('fieldset')?.getAttribute('aria-describedby')).toBe('space-access-error');
    expect(server.app.services.spaces.list().length).toBe(count);
    expect(auditCount()).toBe(before);
  });

  it('shows a taken address on its field', async () => {
    const response = await post('/admin/spaces', { name: 'main', slug: '', description: '', classification: 'unclassified', access: 'default' });
    expect(response.statusCode).toBe(409);
    expect(parse(response.body).getElementById('space-slug-error')?.textContent).toBe(en('admin.error.slugTaken', { slug: 'main' }));
  });

  it('renames a group, removes a member, and deletes the group only after a confirmation page', async () => {
    const actor = { id: null, name: 'test', ip: null };
    const group = server.app.services.groups.create({ name: 'Temp' }, actor);
    server.app.services.groups.addMember(group.id, server.accounts.reader.id, actor);

    expect((await post(`/admin/groups/${group.id}`, { name: '', description: '' })).statusCode).toBe(400);
    expect((await post(`/admin/groups/${group.id}`, { name: 'Temporary', description: 'For a while' })).statusCode).toBe(303);
    expect(server.app.services.groups.get(group.id)).toMatchObject({ name: 'Temporary', description: 'For a while' });

    expect((await post(`/admin/groups/${group.id}/members/${server.accounts.reader.id}/remove`)).statusCode).toBe(303);
    expect(server.app.services.groups.members(group.id)).toEqual([]);

    const confirm = parse((await get(`/admin/groups/${group.id}/delete`)).body);
    expect(confirm.querySelector('h1')?.textContent).toBe(en('admin.group.deleteTitle', { name: 'Temporary' }));
    expect(confirm.querySelector(`form[action="/admin/groups/${group.id}/delete"] button`)?.textContent).toBe(en('admin.group.deleteConfirm'));
    expect(server.app.services.groups.list().some((g) => g.id === group.id)).toBe(true);

    const deleted = await post(`/admin/groups/${group.id}/delete`);
    expect(deleted.headers.location).toBe('/admin/groups?done=group-deleted');
    expect(server.app.services.groups.list().some((g) => g.id === group.id)).toBe(false);
    expect(latestAudit()).toMatchObject({ action: 'group.deleted', details: { name: 'Temporary' } });
  });
});

describe('forms and the audit log', () => {
  it('refuses a forged or missing CSRF token with 403 and changes nothing', async () => {
    const reader = server.accounts.reader;
    const before = auditCount();
    for (const csrf of ['forged-token', server.accounts.editor.csrf, '']) {
      const response = await post(`/admin/users/${reader.id}/role`, { role: 'admin', _csrf: csrf });
      expect(response.statusCode).toBe(403);
    }
    expect(server.app.services.users.get(reader.id).role).toBe('reader');
    expect(auditCount()).toBe(before);
  });

  it('puts the CSRF token in every form', async () => {
    const doc = parse((await get(`/admin/users/${server.accounts.reader.id}`)).body);
    const forms = [...doc.querySelectorAll('main form[method="post"]')];
    expect(forms.length).toBeGreaterThanOrEqual(3);
    for (const form of forms) expect(form.querySelector('input[name="_csrf"]')?.getAttribute('value')).toBe(server.accounts.admin.csrf);
  });

  it('pages through the audit log newest first, with <time datetime>', async () => {
    const actor = { id: server.accounts.admin.id, name: 'admin', ip: '192.0.2.7' };
    for (let i = 0; i < 60; i++) server.app.services.audit.record(actor, 'group.updated', null, { n: i });
    const first = parse((await get('/admin/audit')).body);
    const rows = [...first.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(50);
    expect(rows[0].querySelector('th time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(rows[0].querySelectorAll('td')[4].textContent).toBe('192.0.2.7');
    expect(rows[0].querySelector('.admin-details')?.textContent).toBe('n: 59');
    const older = first.querySelector('a[rel="next"]')!.getAttribute('href')!;
    const second = parse((await get(older)).body);
    expect(second.querySelector('tbody tr .admin-details')?.textContent).toBe('n: 9');
    expect((await get('/admin/audit?before=abc')).statusCode).toBe(400);
  });
});
