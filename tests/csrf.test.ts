// CSRF protection of the API: a mutation authenticated by the session cookie (which a browser sends on its
// own, even with another site's request) must carry the CSRF token bound to that very session, and a refused
// request changes nothing. Bearer tokens are never sent by a browser on its own, so they need none.
import crypto from 'node:crypto';
import { startTestServer, type TestServer } from './helpers/testServer.js';

let server: TestServer;
/** The admin's CSRF token for a second session of the same account. */
let otherSessionCsrf: string;
/** A CSRF token issued to an anonymous visitor, with its cookie. */
let anonymousCsrf: { token: string; cookie: string };
let serial = 0;

const services = () => server.app.services;
const actor = { id: null, name: 'csrf setup', ip: null };

beforeAll(async () => {
  server = await startTestServer();
  const second = services().sessions.create(server.accounts.admin.id);
  otherSessionCsrf = (await server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `ens_session=${second.cookie}` } })).json().csrfToken;
  const anonymous = await server.app.inject({ method: 'GET', url: '/api/v1/session' });
  anonymousCsrf = { token: anonymous.json().csrfToken, cookie: `ens_csrf=${anonymous.cookies.find((c) => c.name === 'ens_csrf')!.value}` };
});
afterAll(async () => {
  await server.close();
});

interface Target {
  url: string;
  payload?: object;
  /** Whether the mutation is in place now. */
  applied(): boolean;
}

/** Mutations of each kind of route, each on a fresh target so every case starts from the same state. */
const mutations: { name: string; method: 'POST' | 'PATCH' | 'DELETE'; prepare(): Promise<Target> | Target }[] = [
  {
    name: 'POST /api/v1/groups',
    method: 'POST',
    prepare: () => {
      const name = `Team ${++serial}`;
      return { url: '/api/v1/groups', payload: { name }, applied: () => services().groups.list().some((g) => g.name === name) };
    },
  },
  {
    name: 'PATCH /api/v1/users/:id',
    method: 'PATCH',
    prepare: async () => {
      const { id } = await services().users.create({ username: `target-${++serial}`, role: 'reader' }, actor);
      return { url: `/api/v1/users/${id}`, payload: { role: 'admin' }, applied: () => services().users.get(id).role === 'admin' };
    },
  },
  {
    name: 'DELETE /api/v1/tokens/:id',
    method: 'DELETE',
    prepare: () => {
      const { token } = services().tokens.create(server.accounts.admin.id, { name: `t${++serial}`, scope: 'read' }, actor);
      return { url: `/api/v1/tokens/${token.id}`, applied: () => !services().tokens.isLive(token.id) };
    },
  },
  {
    name: 'POST /api/v1/pages',
    method: 'POST',
    prepare: () => {
      const slug = `csrf-page-${++serial}`;
      return { url: '/api/v1/pages', payload: { title: slug, slug }, applied: () => services().pages.find(slug) !== undefined };
    },
  },
  {
    name: 'PATCH /api/v1/spaces/:id',
    method: 'PATCH',
    prepare: () => {
      const id = services().spaces.create({ name: `Space ${++serial}` }, actor).id;
      return { url: `/api/v1/spaces/${id}`, payload: { access: 'restricted' }, applied: () => services().spaces.get(id).access === 'restricted' };
    },
  },
];

/** What an attacker's page could make the admin's browser send: the session cookie, with a wrong or no token. */
const forgeries: { name: string; headers: () => Record<string, string> }[] = [
  { name: 'no CSRF token', headers: () => ({}) },
  { name: 'an empty CSRF token', headers: () => ({ 'x-csrf-token': '' }) },
  { name: 'a made-up CSRF token', headers: () => ({ 'x-csrf-token': crypto.randomBytes(32).toString('base64url') }) },
  { name: 'the CSRF token of another account’s session', headers: () => ({ 'x-csrf-token': server.accounts.editor.csrf }) },
  { name: 'the CSRF token of another session of the same account', headers: () => ({ 'x-csrf-token': otherSessionCsrf }) },
  { name: 'an anonymous visitor’s CSRF token and cookie', headers: () => ({ 'x-csrf-token': anonymousCsrf.token, cookie: `${server.accounts.admin.cookie}; ${anonymousCsrf.cookie}` }) },
  { name: 'the right token with one character changed', headers: () => ({ 'x-csrf-token': flipLast(server.accounts.admin.csrf) }) },
];

function flipLast(token: string): string {
  return token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
}

async function send(method: string, target: Target, headers: Record<string, string>) {
  return server.app.inject({ method: method as 'POST', url: target.url, headers, ...(target.payload ? { payload: target.payload } : {}) });
}

describe.each(mutations)('$name', ({ method, prepare }) => {
  test.each(forgeries)('with the session cookie and $name: 403 WIKI_CSRF, nothing changes', async ({ headers }) => {
    const target = await prepare();
    const response = await send(method, target, { cookie: server.accounts.admin.cookie, ...headers() });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ code: 'WIKI_CSRF', message: expect.any(String) });
    expect(target.applied()).toBe(false);
  });

  test('with the session cookie and the CSRF token from GET /api/v1/session: succeeds', async () => {
    const csrfToken = (await server.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: server.accounts.admin.cookie } })).json().csrfToken;
    expect(csrfToken).toBe(server.accounts.admin.csrf);
    const target = await prepare();
    const response = await send(method, target, { cookie: server.accounts.admin.cookie, 'x-csrf-token': csrfToken });
    expect(response.statusCode).toBeLessThan(300);
    expect(target.applied()).toBe(true);
  });

  test('with a bearer token and no CSRF token: succeeds', async () => {
    const target = await prepare();
    const response = await send(method, target, { authorization: server.accounts.admin.bearer });
    expect(response.statusCode).toBeLessThan(300);
    expect(target.applied()).toBe(true);
  });
});

test('reads with the session cookie need no CSRF token', async () => {
  const response = await server.app.inject({ method: 'GET', url: '/api/v1/audit?limit=1', headers: { cookie: server.accounts.admin.cookie } });
  expect(response.statusCode).toBe(200);
});
