// Who may do what, checked cell by cell: every API route and the live channel against every kind of caller.
// Each row states the expected status for each caller; each mutation row also states how to see whether it
// took effect, and the suite checks that it did exactly when the status says so (a refusal changes nothing).
import * as Y from 'yjs';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../shared/collabProtocol.js';
import { connectLexicalClient, webSocketWithHeaders } from './helpers/lexicalClient.js';
import { createPage, startTestServer, waitFor, type TestAccount, type TestServer } from './helpers/testServer.js';

/** The callers. "member" is an editor in group G, which has editor rights on the restricted Protected B space S. */
const callers = ['anonymous', 'reader', 'editor', 'member', 'admin', 'adminReadToken', 'editorReadToken'] as const;
type Who = (typeof callers)[number];
type Expect = Record<Who, number>;
/** Statuses in the order of `callers`. */
const E = (...statuses: [number, number, number, number, number, number, number]): Expect =>
  Object.fromEntries(callers.map((who, i) => [who, statuses[i]])) as Expect;

interface Caller {
  headers: Record<string, string>;
  /** The caller's own account id (the reader's for anonymous visitors, to have something to aim at). */
  selfId: string;
}

let server: TestServer;
let member: TestAccount;
let bystander: TestAccount;
let groupG: string;
let spaceS: { id: string; access: string };
let mainPage: string;
let secretPage: string;
const who: Record<Who, Caller> = {} as Record<Who, Caller>;
let serial = 0;
const fresh = (prefix: string) => `${prefix}-${++serial}`;

const services = () => server.app.services;
const actor = { id: null, name: 'matrix setup', ip: null };
const asAdmin = (method: 'POST' | 'PUT', url: string, payload?: object) =>
  server.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: server.accounts.admin.bearer }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  server = await startTestServer();
  const { admin, editor, reader } = server.accounts;
  member = await server.createAccount('member', 'editor');
  bystander = await server.createAccount('bystander', 'editor');
  groupG = (await asAdmin('POST', '/groups', { name: 'Cabinet team' })).json().id;
  await asAdmin('PUT', `/groups/${groupG}/members/${member.id}`);
  // No access rule given: Protected B must default to restricted.
  spaceS = (await asAdmin('POST', '/spaces', { name: 'Cabinet', classification: 'protected-b', grants: [{ groupId: groupG, role: 'editor' }] })).json();
  mainPage = (await createPage(server, { title: 'Open page' }, editor)).id;
  secretPage = (await createPage(server, { title: 'Secret page', space: spaceS.id }, member)).id;

  const session = await server.app.inject({ method: 'GET', url: '/api/v1/session' });
  const anonCookie = session.cookies.find((c) => c.name === 'ens_csrf')!.value;
  const readToken = (account: TestAccount) => `Bearer ${services().tokens.create(account.id, { name: 'read', scope: 'read' }, actor).secret}`;
  Object.assign(who, {
    // A visitor who follows the CSRF rules, so what is tested is the authorization, not the CSRF check.
    anonymous: { headers: { cookie: `ens_csrf=${anonCookie}`, 'x-csrf-token': session.json().csrfToken }, selfId: reader.id },
    reader: { headers: { authorization: reader.bearer }, selfId: reader.id },
    editor: { headers: { authorization: editor.bearer }, selfId: editor.id },
    member: { headers: { authorization: member.bearer }, selfId: member.id },
    admin: { headers: { authorization: admin.bearer }, selfId: admin.id },
    adminReadToken: { headers: { authorization: readToken(admin) }, selfId: admin.id },
    editorReadToken: { headers: { authorization: readToken(editor) }, selfId: editor.id },
  } satisfies Record<Who, Caller>);
});
afterAll(async () => {
  await server.close();
});

type Vars = Record<string, string>;
interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Route as documented; `path` fills it in. */
  route: string;
  path: (v: Vars, caller: Caller) => string;
  body?: (v: Vars, caller: Caller) => object;
  /** Makes what the cell acts on (a fresh page, group, token…), so cells do not depend on each other. */
  prepare?: (caller: Caller) => Promise<Vars> | Vars;
  expect: Expect;
  /**
   * For mutations: whether the change is in place now, checked to be true exactly when the status is 2xx.
   * null when the change would be a no-op for this caller, so nothing can be observed.
   */
  applied?: (v: Vars, caller: Caller) => boolean | null;
  /** Further checks on a successful response. */
  check?: (body: any, whoName: Who) => void;
}

const readsS: Who[] = ['member', 'admin', 'adminReadToken'];
const adminOnlyRead = E(401, 403, 403, 403, 200, 200, 403);
const adminOnlyWrite = (ok: number) => E(401, 403, 403, 403, ok, 403, 403);
const freshPage = (space?: string) => async () => ({ page: (await createPage(server, { title: fresh('Doomed'), ...(space ? { space } : {}) }, server.accounts.admin)).id });
const freshUser = async () => ({ user: (await services().users.create({ username: fresh('target'), role: 'reader' }, actor)).id });
const freshGroup = (...members: string[]) => () => {
  const id = services().groups.create({ name: fresh('Group') }, actor).id;
  for (const m of members) services().groups.addMember(id, m, actor);
  return { group: id };
};
const isMember = (group: string, user: string) => services().groups.members(group).some((m) => m.id === user);
/** A fresh page and a fresh version name for it. */
const freshVersion = (space?: string) => async () => ({ ...(await freshPage(space)()), name: fresh('Version') });
/** One catalogue entry in the Catalogue space and one in S, made once. */
const catalogueFixture = { open: '', secret: '' };
let catalogueMade: Promise<Vars> | null = null;
const catalogueEntries = () =>
  (catalogueMade ??= (async () => {
    const make = async (title: string, spaceId: string) =>
      (await services().pages.create({ title, entry: { kind: 'open-data' } }, { spaceId, userId: server.accounts.admin.id })).id;
    catalogueFixture.open = await make('Open catalogue entry', 'catalogue');
    catalogueFixture.secret = await make('Vault catalogue entry', spaceS.id);
    return {};
  })());
/** A page in S that links to the Main page, made once: what links to the Main page must not show it to outsiders. */
let secretSourceMade: Promise<Vars> | null = null;
const secretSource = () =>
  (secretSourceMade ??= (async () => {
    const blocks = [{ kind: 'paragraph' as const, text: [{ text: 'Open page', url: `/p/${mainPage}` }] }];
    return { source: (await services().pages.create({ title: 'Vault notes', blocks }, { spaceId: spaceS.id, userId: server.accounts.admin.id })).id };
  })());
const isNamed = (page: string, name: string) => services().history.namedVersions(page).some((r) => r.name === name);
const wasRestored = (page: string) => services().history.list(page, { limit: 1 }).items[0]?.trigger === 'restored';

const roleOf: Record<Who, string | null> = {
  anonymous: null, reader: 'reader', editor: 'editor', member: 'editor', admin: 'admin', adminReadToken: 'admin', editorReadToken: 'editor',
};

// E(anonymous, reader, editor, member, admin, adminReadToken, editorReadToken)
const rows: Row[] = [
  { method: 'GET', route: '/session', path: () => '/session', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body, w) => expect(body.user?.role ?? null).toBe(roleOf[w]) },
  { method: 'GET', route: '/openapi.json', path: () => '/openapi.json', expect: E(200, 200, 200, 200, 200, 200, 200) },

  // Search: results, counts and title suggestions hold only what the caller may read.
  { method: 'GET', route: '/search (Main)', path: () => '/search?q=open&limit=50', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body) => expect(body.results.map((r: { id: string }) => r.id)).toContain(mainPage) },
  { method: 'GET', route: '/search (S)', path: () => '/search?q=secret&limit=50', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body, w) => {
      const found = body.results.some((r: { id: string }) => r.id === secretPage);
      expect(found).toBe(readsS.includes(w));
      expect(body.total).toBe(body.results.length);
    } },
  { method: 'GET', route: '/search?space=S', path: () => `/search?q=secret&space=${spaceS.id}`, expect: E(404, 404, 404, 200, 200, 200, 404) },
  { method: 'GET', route: '/search/titles', path: () => '/search/titles?q=secr', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body, w) => expect(body.results.some((r: { id: string }) => r.id === secretPage)).toBe(readsS.includes(w)) },
  // Portal widgets' recent pages: only spaces the caller may read (a portal's cross-origin read is anonymous: server/widgets).
  { method: 'GET', route: '/recent', path: () => '/recent?limit=50', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body, w) => {
      const slugS = services().spaces.find(spaceS.id)!.slug;
      expect(body.items.map((p: { id: string }) => p.id)).toContain(mainPage);
      expect(body.items.some((p: { space: { slug: string } }) => p.space.slug === slugS)).toBe(readsS.includes(w));
    } },
  { method: 'GET', route: '/recent?space=S', path: () => `/recent?space=${spaceS.id}`, expect: E(404, 404, 404, 200, 200, 200, 404),
    check: (body) => expect(body.items.map((p: { id: string }) => p.id)).toContain(secretPage) },
  // Catalogue: entries, totals and facet counts hold only what the caller may read.
  { method: 'GET', route: '/catalogue', prepare: catalogueEntries, path: () => '/catalogue?kind=open-data&limit=100', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body, w) => {
      const ids = body.entries.map((e: { id: string }) => e.id);
      expect(ids).toContain(catalogueFixture.open);
      expect(ids.includes(catalogueFixture.secret)).toBe(readsS.includes(w));
      expect(body.total).toBe(ids.length);
      expect(body.facets.kind).toContainEqual({ value: 'open-data', count: readsS.includes(w) ? 2 : 1 });
    } },
  // Pages
  { method: 'GET', route: '/pages', path: () => '/pages?limit=100', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body, w) => {
      const ids = body.items.map((p: { id: string }) => p.id);
      expect(ids).toContain(mainPage);
      expect(ids.includes(secretPage)).toBe(readsS.includes(w));
    } },
  { method: 'GET', route: '/pages?space=S', path: () => `/pages?space=${spaceS.id}`, expect: E(404, 404, 404, 200, 200, 200, 404) },
  { method: 'GET', route: '/pages/:id (Main)', path: () => `/pages/${mainPage}`, expect: E(200, 200, 200, 200, 200, 200, 200) },
  { method: 'GET', route: '/pages/:id (S)', path: () => `/pages/${secretPage}`, expect: E(401, 404, 404, 200, 200, 200, 404) },
  // What links here: only sources the caller may read, in the list and in the total.
  { method: 'GET', route: '/pages/:id/backlinks (Main)', prepare: secretSource, path: () => `/pages/${mainPage}/backlinks`, expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body, w) => {
      expect(body.items.length > 0).toBe(readsS.includes(w));
      expect(body.total).toBe(body.items.length);
    } },
  { method: 'GET', route: '/pages/:id/backlinks (S)', path: () => `/pages/${secretPage}/backlinks`, expect: E(401, 404, 404, 200, 200, 200, 404) },
  { method: 'POST', route: '/pages (Main)', prepare: () => ({ slug: fresh('main-page') }), path: () => '/pages',
    body: (v) => ({ title: v.slug, slug: v.slug }), expect: E(401, 403, 201, 201, 201, 403, 403), applied: (v) => services().pages.find(v.slug) !== undefined },
  { method: 'POST', route: '/pages (S)', prepare: () => ({ slug: fresh('secret-page') }), path: () => '/pages',
    body: (v) => ({ title: v.slug, slug: v.slug, space: spaceS.id }), expect: E(401, 400, 400, 201, 201, 403, 403), applied: (v) => services().pages.find(v.slug) !== undefined },
  // Templates: the built-ins for everyone; a page is a template only in the Templates space, and only for its readers.
  { method: 'GET', route: '/templates', path: () => '/templates', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body) => expect(body.items.filter((t: { kind: string }) => t.kind === 'built-in').map((t: { name: string }) => t.name))
      .toEqual(['blank', 'justification-plan', 'case-study', 'meeting-plan', 'catalogue-entry']) },
  { method: 'POST', route: '/pages (template: a page of Templates)',
    prepare: async () => ({ slug: fresh('from-template'), template: (await createPage(server, { title: fresh('Template'), space: 'Templates' }, server.accounts.admin)).id }),
    path: () => '/pages', body: (v) => ({ title: v.slug, slug: v.slug, template: `page:${v.template}` }),
    expect: E(401, 403, 201, 201, 201, 403, 403), applied: (v) => services().pages.find(v.slug) !== undefined },
  { method: 'POST', route: '/pages (template: a page of S)', prepare: () => ({ slug: fresh('from-secret') }), path: () => '/pages',
    body: (v) => ({ title: v.slug, slug: v.slug, template: `page:${secretPage}` }), expect: E(401, 403, 400, 400, 400, 403, 403),
    applied: (v) => services().pages.find(v.slug) !== undefined },
  { method: 'DELETE', route: '/pages/:id (Main)', prepare: freshPage(), path: (v) => `/pages/${v.page}`,
    expect: E(401, 403, 403, 403, 204, 403, 403), applied: (v) => services().pages.findById(v.page) === undefined },
  { method: 'DELETE', route: '/pages/:id (S)', prepare: freshPage('Cabinet'), path: (v) => `/pages/${v.page}`,
    expect: E(401, 404, 404, 403, 204, 403, 404), applied: (v) => services().pages.findById(v.page) === undefined },
  // Renames: writers of the page only; whoever reads a page reads its old addresses.
  { method: 'POST', route: '/pages/:id/move (Main)', prepare: async () => ({ ...(await freshPage()()), title: fresh('Renamed') }), path: (v) => `/pages/${v.page}/move`,
    body: (v) => ({ title: v.title }), expect: E(401, 403, 200, 200, 200, 403, 403), applied: (v) => services().pages.findById(v.page)?.title === v.title },
  { method: 'POST', route: '/pages/:id/move (S)', prepare: async () => ({ ...(await freshPage('Cabinet')()), title: fresh('Renamed') }), path: (v) => `/pages/${v.page}/move`,
    body: (v) => ({ title: v.title }), expect: E(401, 404, 404, 200, 200, 403, 404), applied: (v) => services().pages.findById(v.page)?.title === v.title },
  { method: 'GET', route: '/pages/:id/redirects (Main)', path: () => `/pages/${mainPage}/redirects`, expect: E(200, 200, 200, 200, 200, 200, 200) },
  { method: 'GET', route: '/pages/:id/redirects (S)', path: () => `/pages/${secretPage}/redirects`, expect: E(401, 404, 404, 200, 200, 200, 404) },

  // Page history: whoever reads a page reads its history; naming and restoring need write access to it.
  { method: 'GET', route: '/pages/:id/revisions (Main)', path: () => `/pages/${mainPage}/revisions`, expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body) => expect(body.items.at(-1)).toMatchObject({ number: 1, trigger: 'created' }) },
  { method: 'GET', route: '/pages/:id/revisions (S)', path: () => `/pages/${secretPage}/revisions`, expect: E(401, 404, 404, 200, 200, 200, 404) },
  { method: 'GET', route: '/pages/:id/revisions/named (Main)', path: () => `/pages/${mainPage}/revisions/named`, expect: E(200, 200, 200, 200, 200, 200, 200) },
  { method: 'GET', route: '/pages/:id/revisions/named (S)', path: () => `/pages/${secretPage}/revisions/named`, expect: E(401, 404, 404, 200, 200, 200, 404) },
  { method: 'GET', route: '/pages/:id/revisions/:number (Main)', path: () => `/pages/${mainPage}/revisions/1`, expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body) => expect(body).toMatchObject({ number: 1, title: 'Open page' }) },
  { method: 'GET', route: '/pages/:id/revisions/:number (S)', path: () => `/pages/${secretPage}/revisions/1`, expect: E(401, 404, 404, 200, 200, 200, 404) },
  { method: 'GET', route: '/pages/:id/revisions/diff?from=&to= (Main)', path: () => `/pages/${mainPage}/revisions/diff?from=1&to=1`, expect: E(200, 200, 200, 200, 200, 200, 200) },
  { method: 'GET', route: '/pages/:id/revisions/diff?from=&to= (S)', path: () => `/pages/${secretPage}/revisions/diff?from=1&to=1`, expect: E(401, 404, 404, 200, 200, 200, 404) },
  { method: 'GET', route: '/pages/:id/authors (Main)', path: () => `/pages/${mainPage}/authors`, expect: E(200, 200, 200, 200, 200, 200, 200) },
  { method: 'GET', route: '/pages/:id/authors (S)', path: () => `/pages/${secretPage}/authors`, expect: E(401, 404, 404, 200, 200, 200, 404) },
  { method: 'POST', route: '/pages/:id/revisions (Main)', prepare: freshVersion(), path: (v) => `/pages/${v.page}/revisions`, body: (v) => ({ name: v.name }),
    expect: E(401, 403, 201, 201, 201, 403, 403), applied: (v) => isNamed(v.page, v.name) },
  { method: 'POST', route: '/pages/:id/revisions (S)', prepare: freshVersion('Cabinet'), path: (v) => `/pages/${v.page}/revisions`, body: (v) => ({ name: v.name }),
    expect: E(401, 404, 404, 201, 201, 403, 404), applied: (v) => isNamed(v.page, v.name) },
  { method: 'PATCH', route: '/pages/:id/revisions/:number (Main)', prepare: freshVersion(), path: (v) => `/pages/${v.page}/revisions/1`, body: (v) => ({ name: v.name }),
    expect: E(401, 403, 200, 200, 200, 403, 403), applied: (v) => isNamed(v.page, v.name) },
  { method: 'PATCH', route: '/pages/:id/revisions/:number (S)', prepare: freshVersion('Cabinet'), path: (v) => `/pages/${v.page}/revisions/1`, body: (v) => ({ name: v.name }),
    expect: E(401, 404, 404, 200, 200, 403, 404), applied: (v) => isNamed(v.page, v.name) },
  { method: 'POST', route: '/pages/:id/revisions/:number/restore (Main)', prepare: freshPage(), path: (v) => `/pages/${v.page}/revisions/1/restore`, body: () => ({}),
    expect: E(401, 403, 201, 201, 201, 403, 403), applied: (v) => wasRestored(v.page) },
  { method: 'POST', route: '/pages/:id/revisions/:number/restore (S)', prepare: freshPage('Cabinet'), path: (v) => `/pages/${v.page}/revisions/1/restore`, body: () => ({}),
    expect: E(401, 404, 404, 201, 201, 403, 404), applied: (v) => wasRestored(v.page) },

  // Users
  { method: 'GET', route: '/users', path: () => '/users', expect: adminOnlyRead },
  { method: 'POST', route: '/users', prepare: () => ({ name: fresh('new') }), path: () => '/users', body: (v) => ({ username: v.name, role: 'admin' }),
    expect: adminOnlyWrite(201), applied: (v) => services().users.findByUsername(v.name) !== undefined },
  { method: 'GET', route: '/users/:id (self)', path: (_v, c) => `/users/${c.selfId}`, expect: E(401, 200, 200, 200, 200, 200, 200) },
  { method: 'GET', route: '/users/:id (someone else)', path: () => `/users/${bystander.id}`, expect: adminOnlyRead },
  { method: 'PATCH', route: '/users/:id (own displayName)', path: (_v, c) => `/users/${c.selfId}`,
    body: (_v, c) => ({ displayName: services().users.get(c.selfId).display_name }), expect: E(401, 200, 200, 200, 200, 403, 403) },
  { method: 'PATCH', route: '/users/:id (own role → admin)', prepare: (c) => ({ before: services().users.get(c.selfId).role }),
    path: (_v, c) => `/users/${c.selfId}`, body: () => ({ role: 'admin' }), expect: E(401, 403, 403, 403, 200, 403, 403),
    applied: (v, c) => (v.before === 'admin' ? null : services().users.get(c.selfId).role === 'admin') },
  { method: 'PATCH', route: '/users/:id (someone’s role)', prepare: freshUser, path: (v) => `/users/${v.user}`, body: () => ({ role: 'editor' }),
    expect: adminOnlyWrite(200), applied: (v) => services().users.get(v.user).role === 'editor' },
  { method: 'PATCH', route: '/users/:id (disable someone)', prepare: freshUser, path: (v) => `/users/${v.user}`, body: () => ({ disabled: true }),
    expect: adminOnlyWrite(200), applied: (v) => services().users.get(v.user).disabled === 1 },

  // Groups
  { method: 'GET', route: '/groups', path: () => '/groups', expect: adminOnlyRead },
  { method: 'POST', route: '/groups', prepare: () => ({ name: fresh('Team') }), path: () => '/groups', body: (v) => ({ name: v.name }),
    expect: adminOnlyWrite(201), applied: (v) => services().groups.list().some((g) => g.name === v.name) },
  { method: 'GET', route: '/groups/:id', path: () => `/groups/${groupG}`, expect: adminOnlyRead },
  { method: 'PATCH', route: '/groups/:id', prepare: freshGroup(), path: (v) => `/groups/${v.group}`, body: () => ({ description: 'changed' }),
    expect: adminOnlyWrite(200), applied: (v) => services().groups.get(v.group).description === 'changed' },
  { method: 'DELETE', route: '/groups/:id', prepare: freshGroup(), path: (v) => `/groups/${v.group}`,
    expect: adminOnlyWrite(204), applied: (v) => services().groups.find(v.group) === undefined },
  { method: 'GET', route: '/groups/:id/members', path: () => `/groups/${groupG}/members`, expect: adminOnlyRead },
  { method: 'PUT', route: '/groups/:id/members/:userId (join G yourself)', prepare: (c) => ({ joined: String(isMember(groupG, c.selfId)) }),
    path: (_v, c) => `/groups/${groupG}/members/${c.selfId}`, expect: adminOnlyWrite(204),
    applied: (v, c) => v.joined === 'false' && isMember(groupG, c.selfId) },
  { method: 'PUT', route: '/groups/:id/members/:userId', prepare: freshGroup(), path: (v) => `/groups/${v.group}/members/${bystander.id}`,
    expect: adminOnlyWrite(204), applied: (v) => isMember(v.group, bystander.id) },
  { method: 'DELETE', route: '/groups/:id/members/:userId', prepare: () => freshGroup(bystander.id)(), path: (v) => `/groups/${v.group}/members/${bystander.id}`,
    expect: adminOnlyWrite(204), applied: (v) => !isMember(v.group, bystander.id) },

  // Spaces
  { method: 'GET', route: '/spaces', path: () => '/spaces', expect: E(200, 200, 200, 200, 200, 200, 200),
    check: (body, w) => {
      const access = Object.fromEntries(body.items.map((s: { id: string; yourAccess: string }) => [s.id, s.yourAccess]));
      expect(access.main).toBe(['editor', 'member', 'admin'].includes(w) ? 'write' : 'read');
      expect(access[spaceS.id]).toBe(readsS.includes(w) ? (w === 'adminReadToken' ? 'read' : 'write') : undefined);
    } },
  { method: 'GET', route: '/spaces/:idOrSlug (Main)', path: () => '/spaces/Main', expect: E(200, 200, 200, 200, 200, 200, 200) },
  { method: 'GET', route: '/spaces/:idOrSlug (S)', path: () => `/spaces/${spaceS.id}`, expect: E(404, 404, 404, 200, 200, 200, 404) },
  { method: 'POST', route: '/spaces', prepare: () => ({ slug: fresh('Space') }), path: () => '/spaces', body: (v) => ({ name: v.slug }),
    expect: adminOnlyWrite(201), applied: (v) => services().spaces.find(v.slug) !== undefined },
  { method: 'PATCH', route: '/spaces/:id (open a restricted space)',
    prepare: () => ({ space: services().spaces.create({ name: fresh('Locked'), access: 'restricted', grants: [{ groupId: groupG, role: 'editor' }] }, actor).id }),
    path: (v) => `/spaces/${v.space}`, body: () => ({ access: 'open' }), expect: adminOnlyWrite(200),
    applied: (v) => services().spaces.get(v.space).access === 'open' },

  // Tokens
  { method: 'GET', route: '/tokens', path: () => '/tokens', expect: E(401, 200, 200, 200, 200, 200, 200),
    check: (body, w) => expect(new Set(body.items.map((t: { userId: string }) => t.userId))).toEqual(new Set([who[w].selfId])) },
  { method: 'GET', route: '/tokens?userId= (someone else)', path: () => `/tokens?userId=${bystander.id}`, expect: adminOnlyRead },
  { method: 'POST', route: '/tokens (read)', prepare: () => ({ name: fresh('token') }), path: () => '/tokens', body: (v) => ({ name: v.name, scope: 'read' }),
    expect: E(401, 201, 201, 201, 201, 403, 403), applied: (v, c) => services().tokens.listForUser(c.selfId).some((t) => t.name === v.name) },
  { method: 'POST', route: '/tokens (write)', prepare: () => ({ name: fresh('token') }), path: () => '/tokens', body: (v) => ({ name: v.name, scope: 'write' }),
    expect: E(401, 201, 201, 201, 201, 403, 403), applied: (v, c) => services().tokens.listForUser(c.selfId).some((t) => t.name === v.name) },
  { method: 'DELETE', route: '/tokens/:id (own)', prepare: (c) => ({ token: services().tokens.create(c.selfId, { name: 'own', scope: 'read' }, actor).token.id }),
    path: (v) => `/tokens/${v.token}`, expect: E(401, 204, 204, 204, 204, 403, 403), applied: (v) => !services().tokens.isLive(v.token) },
  { method: 'DELETE', route: '/tokens/:id (someone else’s)', prepare: () => ({ token: services().tokens.create(bystander.id, { name: 'theirs', scope: 'write' }, actor).token.id }),
    path: (v) => `/tokens/${v.token}`, expect: E(401, 404, 404, 404, 204, 403, 403), applied: (v) => !services().tokens.isLive(v.token) },

  // Audit
  { method: 'GET', route: '/audit', path: () => '/audit?limit=5', expect: adminOnlyRead },
];

const expectedCode: Record<number, RegExp> = {
  400: /^WIKI_(UNKNOWN_SPACE|UNKNOWN_TEMPLATE)$/,
  401: /^WIKI_SIGN_IN_REQUIRED$/,
  403: /^WIKI_FORBIDDEN$/,
  404: /^WIKI_[A-Z]+_NOT_FOUND$/,
};

describe('API authorization matrix', () => {
  for (const row of rows) {
    describe(`${row.method} /api/v1${row.route}`, () => {
      for (const name of callers) {
        test(`${name} → ${row.expect[name]}`, async () => {
          const caller = who[name];
          const vars = (await row.prepare?.(caller)) ?? {};
          const response = await server.app.inject({
            method: row.method,
            url: `/api/v1${row.path(vars, caller)}`,
            headers: caller.headers,
            ...(row.body ? { payload: row.body(vars, caller) } : {}),
          });
          expect({ status: response.statusCode, body: response.statusCode >= 400 ? response.json() : undefined }).toMatchObject({ status: row.expect[name] });
          const ok = response.statusCode < 300;
          if (!ok) expect(response.json().code).toMatch(expectedCode[response.statusCode]);
          const applied = row.applied?.(vars, caller) ?? null;
          if (applied !== null) expect(applied).toBe(ok);
          if (ok && row.check) row.check(response.json(), name);
        });
      }
    });
  }

  test('every API route in the OpenAPI document has a row in this matrix', async () => {
    const spec = (await server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(documented.length).toBeGreaterThanOrEqual(25);
    const covered = new Set(rows.map((r) => `${r.method} /api/v1${r.route.split(/[ ?]/)[0]}`.replace(':idOrSlug', ':id')));
    for (const route of documented) expect(covered).toContain(route.replace(':idOrSlug', ':id'));
  });

  test('a Protected B space created with no access rule is restricted', () => {
    expect(spaceS.access).toBe('restricted');
    expect(services().spaces.get(spaceS.id)).toMatchObject({ classification: 'protected-b', access: 'restricted' });
  });

  test('a revoked token gets 401 WIKI_INVALID_TOKEN on every route, and changes nothing', async () => {
    const { token, secret } = services().tokens.create(server.accounts.admin.id, { name: 'soon revoked', scope: 'write' }, actor);
    services().tokens.revoke(token.id, actor);
    for (const row of rows) {
      const vars = (await row.prepare?.(who.admin)) ?? {};
      const response = await server.app.inject({
        method: row.method,
        url: `/api/v1${row.path(vars, who.admin)}`,
        headers: { authorization: `Bearer ${secret}` },
        ...(row.body ? { payload: row.body(vars, who.admin) } : {}),
      });
      expect([row.route, response.statusCode, response.json().code]).toEqual([row.route, 401, 'WIKI_INVALID_TOKEN']);
      expect(row.applied?.(vars, who.admin) ?? false).toBe(false);
    }
  });
});

describe('catalogue index for the browser (GET /catalogue/index.json)', () => {
  for (const name of callers) {
    test(`${name} → 200, with the entry in S only if they may read S`, async () => {
      await catalogueEntries();
      const response = await server.app.inject({ method: 'GET', url: '/catalogue/index.json', headers: who[name].headers });
      expect(response.statusCode).toBe(200);
      const ids = (response.json() as { entries: { id: string }[] }).entries.map((e) => e.id);
      expect(ids).toContain(catalogueFixture.open);
      expect(ids.includes(catalogueFixture.secret)).toBe(readsS.includes(name));
      expect(response.body.includes(catalogueFixture.secret)).toBe(readsS.includes(name));
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Portals: the framable embed view and the oEmbed provider answer as page reads do, and a refusal never
// carries the page's title.

const readsPageS = E(401, 404, 404, 200, 200, 200, 404);
const slugOf = (id: string) => services().pages.findById(id)!.slug;
/** app.inject() sends Host: localhost:80, so pages of this wiki are at: */
const oembedOf = (id: string) => `/oembed?url=${encodeURIComponent(`http://localhost/p/${id}`)}&format=json`;
const portalRows: { route: string; path: () => string; expect: Expect }[] = [
  { route: '/embed/:slug (Main)', path: () => `/embed/${slugOf(mainPage)}`, expect: E(200, 200, 200, 200, 200, 200, 200) },
  { route: '/embed/:slug (S)', path: () => `/embed/${slugOf(secretPage)}`, expect: readsPageS },
  { route: '/embed/p/:id (S)', path: () => `/embed/p/${secretPage}`, expect: readsPageS },
  { route: '/oembed (Main)', path: () => oembedOf(mainPage), expect: E(200, 200, 200, 200, 200, 200, 200) },
  { route: '/oembed (S)', path: () => oembedOf(secretPage), expect: readsPageS },
];

describe('portal authorization matrix (/embed, /oembed)', () => {
  for (const row of portalRows) {
    describe(`GET ${row.route}`, () => {
      for (const name of callers) {
        test(`${name} → ${row.expect[name]}`, async () => {
          const response = await server.app.inject({ method: 'GET', url: row.path(), headers: who[name].headers });
          expect(response.statusCode).toBe(row.expect[name]);
          if (response.statusCode >= 400) expect(response.body).not.toContain('Secret page');
          else expect(response.body).toContain(row.route.endsWith('(S)') ? 'Secret page' : 'Open page');
        });
      }
    });
  }
});

describe('portal widgets (/widgets.js, /widgets): public, the same for every caller, never holding a page of S', () => {
  for (const url of ['/widgets.js', '/widgets']) {
    for (const name of callers) {
      test(`GET ${url}: ${name} → 200`, async () => {
        const response = await server.app.inject({ method: 'GET', url, headers: who[name].headers });
        expect(response.statusCode).toBe(200);
        expect(response.body).not.toContain('Secret page');
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------------------
// Atom feeds answer as page and space reads do, whether the token comes as a header or, as feed readers send
// it, in the address (?token=); a feed holds the page in S exactly for those who may read S.

const newestRevisionInS = async (): Promise<Vars> => {
  services().history.saveVersion(secretPage, { name: fresh('Feed check') }, { userId: server.accounts.admin.id, displayName: 'Admin Test' });
  return {};
};
const feedRows: { route: string; path: () => string; prepare?: () => Promise<Vars>; expect: Expect; holds?: () => string }[] = [
  // Other rows add pages by the dozen: a version saved first keeps S's page among the newest revisions.
  { route: '/feeds/recent.atom', prepare: newestRevisionInS, path: () => '/feeds/recent.atom', expect: E(200, 200, 200, 200, 200, 200, 200), holds: () => secretPage },
  { route: '/feeds/pages/:id.atom (Main)', path: () => `/feeds/pages/${mainPage}.atom`, expect: E(200, 200, 200, 200, 200, 200, 200) },
  { route: '/feeds/pages/:id.atom (S)', path: () => `/feeds/pages/${secretPage}.atom`, expect: readsPageS },
  { route: '/feeds/spaces/:slug.atom (Main)', path: () => '/feeds/spaces/Main.atom', expect: E(200, 200, 200, 200, 200, 200, 200) },
  { route: '/feeds/spaces/:slug.atom (S)', path: () => `/feeds/spaces/${spaceS.id}.atom`, expect: readsPageS },
  { route: '/feeds/search.atom', path: () => '/feeds/search.atom?q=secret', expect: E(200, 200, 200, 200, 200, 200, 200), holds: () => secretPage },
  { route: '/feeds/search.atom?space=S', path: () => `/feeds/search.atom?q=secret&space=${spaceS.id}`, expect: E(404, 404, 404, 200, 200, 200, 404) },
  { route: '/feeds/catalogue.atom', prepare: catalogueEntries, path: () => '/feeds/catalogue.atom?kind=open-data', expect: E(200, 200, 200, 200, 200, 200, 200),
    holds: () => catalogueFixture.secret },
];

describe('feed authorization matrix (/feeds)', () => {
  for (const row of feedRows) {
    for (const via of ['header', 'address'] as const) {
      describe(`GET ${row.route} (token in the ${via})`, () => {
        for (const name of callers) {
          test(`${name} → ${row.expect[name]}`, async () => {
            await row.prepare?.();
            const { authorization, ...others } = who[name].headers;
            const token = via === 'address' && authorization ? authorization.replace(/^Bearer /, '') : null;
            const path = row.path();
            const response = await server.app.inject({
              url: token ? `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : path,
              headers: token ? others : who[name].headers,
            });
            expect(response.statusCode).toBe(row.expect[name]);
            if (response.statusCode >= 400) expect(response.json().code).toMatch(expectedCode[response.statusCode]);
            else if (row.holds) expect(response.body.includes(`/p/${row.holds()}`)).toBe(readsS.includes(name));
          });
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------------------
// The live channel: stock WebsocketProvider over `ws`, credentials on the upgrade.

type SocketOutcome = 'write' | 'read-only' | 4401 | 4403;

/** Credentials on the upgrade. Readers and members use their session cookie, to cover that path too. */
function socketHeaders(name: Who): Record<string, string> {
  const { reader } = server.accounts;
  if (name === 'reader') return { cookie: reader.cookie };
  if (name === 'member') return { cookie: member.cookie };
  return name === 'anonymous' ? {} : { authorization: who[name].headers.authorization };
}

interface Probe {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Reasons of y-protocols permission-denied messages received. */
  denied: string[];
  closes: number[];
  destroy(): void;
}

function openProbe(pageId: string, headers: Record<string, string>): Probe {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.collabUrl, pageId, doc, { WebSocketPolyfill: webSocketWithHeaders(headers), disableBc: true, connect: false });
  const denied: string[] = [];
  const closes: number[] = [];
  // The stock handler only logs; record the reason instead.
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denied.push(reason));
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  provider.connect();
  return { doc, provider, denied, closes, destroy: () => (provider.destroy(), doc.destroy()) };
}

/** Resolves once the server has answered a sync step 1 sent after everything before it: by then it has handled (and committed) those. */
function roundTrip(provider: WebsocketProvider): Promise<void> {
  const ws = provider.ws!;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply to sync step 1')), 5000);
    const onMessage = (event: MessageEvent) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      if (decoding.readVarUint(decoder) === MessageType.sync && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2) {
        clearTimeout(timer);
        ws.removeEventListener('message', onMessage);
        resolve();
      }
    };
    ws.addEventListener('message', onMessage);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, provider.doc);
    ws.send(encoding.toUint8Array(encoder));
  });
}

function storedDoc(pageId: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, services().hub.committedState(pageId)!);
  return doc;
}

/** Connects, tries to write, and reports what the server did: closed (code), dropped the write, or stored it. */
async function socketOutcome(pageId: string, headers: Record<string, string>): Promise<SocketOutcome | number> {
  const probe = openProbe(pageId, headers);
  try {
    await waitFor(() => probe.provider.synced || probe.closes.length > 0, Boolean, 5000, 'sync or close');
    if (probe.closes.length > 0) return probe.closes[0];
    const marker = fresh('probe');
    probe.doc.getText('probe').insert(0, marker);
    await roundTrip(probe.provider);
    const wrote = storedDoc(pageId).getText('probe').toString().includes(marker);
    // A read-only socket is told so (once, on joining); a writer is not.
    expect(probe.denied).toEqual(wrote ? [] : ['read-only']);
    return wrote ? 'write' : 'read-only';
  } finally {
    probe.destroy();
  }
}

const socketRows: { page: string; pageId: () => string; expect: Record<Who, SocketOutcome> }[] = [
  { page: 'a page in Main', pageId: () => mainPage,
    expect: { anonymous: 'read-only', reader: 'read-only', editor: 'write', member: 'write', admin: 'write', adminReadToken: 'read-only', editorReadToken: 'read-only' } },
  { page: 'a page in the restricted space S', pageId: () => secretPage,
    expect: { anonymous: 4401, reader: 4403, editor: 4403, member: 'write', admin: 'write', adminReadToken: 'read-only', editorReadToken: 4403 } },
];

describe('live channel authorization matrix (/collab/:pageId)', () => {
  for (const row of socketRows) {
    describe(row.page, () => {
      for (const name of callers) {
        test(`${name} → ${row.expect[name]}`, async () => {
          expect(await socketOutcome(row.pageId(), socketHeaders(name))).toBe(row.expect[name]);
        });
      }
    });
  }

  test('a revoked token is refused with 4401, and an open socket closes with 4401 when its token is revoked', async () => {
    const { token, secret } = services().tokens.create(server.accounts.editor.id, { name: 'live', scope: 'write' }, actor);
    const open = openProbe(mainPage, { authorization: `Bearer ${secret}` });
    try {
      await waitFor(() => open.provider.synced, Boolean, 5000, 'sync');
      const revoke = await server.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: { authorization: server.accounts.editor.bearer } });
      expect(revoke.statusCode).toBe(204);
      await waitFor(() => open.closes, (codes) => codes.length > 0, 5000, 'close');
      expect(open.closes[0]).toBe(4401);
    } finally {
      open.destroy();
    }
    expect(await socketOutcome(mainPage, { authorization: `Bearer ${secret}` })).toBe(4401);
  });

  test('a signed-in reader sending raw Yjs updates through a stock provider changes nothing stored', async () => {
    const readPage = () => server.app.inject({ method: 'GET', url: `/api/v1/pages/${mainPage}`, headers: who.editor.headers });
    // Known content, rendered, and the last change to the page before the reader acts.
    const author = connectLexicalClient(server.collabUrl, mainPage, { bearer: server.accounts.editor.bearer });
    try {
      await author.synced;
      author.appendParagraph('Original body');
      await waitFor(async () => (await readPage()).json().text as string, (text) => text.includes('Original body'), 10_000, 'rendered text');
    } finally {
      author.destroy();
    }
    const before = await readPage();
    const probe = openProbe(mainPage, { cookie: server.accounts.reader.cookie });
    try {
      await waitFor(() => probe.provider.synced, Boolean, 5000, 'sync');
      const committed = services().hub.committedState(mainPage)!;
      const root = probe.doc.get('root', Y.XmlText);
      expect(root.length).toBeGreaterThan(0);
      probe.doc.transact(() => {
        probe.doc.getText('x').insert(0, 'injected');
        root.delete(0, root.length); // wipe the body
        root.insert(0, 'defaced');
        probe.doc.getText('title').insert(0, 'HACKED ');
      });
      await roundTrip(probe.provider);
      expect(probe.denied).toEqual(['read-only']);
      expect(probe.closes).toEqual([]); // dropped, not punished: the reader keeps reading
      expect(Buffer.from(services().hub.committedState(mainPage)!).equals(Buffer.from(committed))).toBe(true);
      expect(Y.decodeStateVector(Y.encodeStateVector(storedDoc(mainPage))).has(probe.doc.clientID)).toBe(false);
    } finally {
      probe.destroy();
    }
    const after = await readPage();
    expect(after.json()).toMatchObject({ title: before.json().title, text: before.json().text, html: before.json().html, updatedAt: before.json().updatedAt });

    // An editor connecting afresh gets the page as it was.
    const editor = connectLexicalClient(server.collabUrl, mainPage, { bearer: server.accounts.editor.bearer });
    try {
      await editor.synced;
      expect(editor.doc.getText('x').toString()).toBe('');
      expect(editor.title()).not.toContain('HACKED');
      expect(editor.text()).not.toContain('defaced');
      expect(editor.text()).toContain('Original body');
    } finally {
      editor.destroy();
    }
  });

  test('the member writes the restricted page live; it stays invisible to an editor outside the group', async () => {
    const client = connectLexicalClient(server.collabUrl, secretPage, { bearer: member.bearer });
    try {
      await client.synced;
      client.appendParagraph('Cabinet confidence');
      const read = (caller: Caller) => server.app.inject({ method: 'GET', url: `/api/v1/pages/${secretPage}`, headers: caller.headers });
      await waitFor(async () => (await read(who.member)).json().text as string, (text) => text.includes('Cabinet confidence'), 10_000, 'rendered text');
      expect((await read(who.editor)).statusCode).toBe(404);
      const listed = await server.app.inject({ method: 'GET', url: '/api/v1/pages?limit=100', headers: who.editor.headers });
      expect(listed.body).not.toContain('Cabinet confidence');
      expect(listed.body).not.toContain(secretPage);
    } finally {
      client.destroy();
    }
  });
});
