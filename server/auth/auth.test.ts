// Signing in as a person, over HTTP against a real server and SQLite file: the local sign-in form (cookie
// attributes, failures, rate limit, audit), sign-out and session expiry, disabled accounts, first-run setup,
// CSRF on the web forms, the trusted proxy header, OpenID Connect against a real provider on loopback,
// profiles, /account, what the wiki's pages offer each kind of viewer, and `next` never leaving the site.
import fs from 'node:fs';
import { jest } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config, type DeepPartial } from '../plugins/config.js';
import { safeNext } from './signIn.js';
import { followAuthorization, startOidcProvider, type TestOidcProvider } from '../../tests/helpers/oidcProvider.js';
import { connectLexicalClient } from '../../tests/helpers/lexicalClient.js';
import { createPage, startTestServer, tempDataDir, testScryptCost, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';

jest.setTimeout(30_000);

const PASSWORD = 'correct horse battery staple';
const HTML = { accept: 'text/html' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const actor = { id: null, name: 'test', ip: null };

let server: TestServer;
let serial = 0;

beforeAll(async () => {
  // Loopback is a trusted proxy here, so X-Forwarded-Proto is believed (the Secure-cookie case).
  server = await startTestServer({ trustedProxies: ['127.0.0.1'], auth: { maxFailuresPerUsername: 3 } });
});
afterAll(async () => {
  await server?.close();
});

const services = () => server.app.services;
const unique = (base: string) => `${base}${++serial}`;

/** An app with no accounts at all and no port, for setup and the other sign-in modes. Closed by the caller. */
async function bareApp(overrides: DeepPartial<Config> = {}): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const dataDir = tempDataDir();
  const config = loadConfig(
    { WIKI_DATA_DIR: dataDir, WIKI_SQLITE_SYNCHRONOUS: 'NORMAL', LOG_LEVEL: 'silent' },
    { ...overrides, auth: { scryptCost: testScryptCost, ...overrides.auth } },
  );
  const app = await buildApp(config, { logger: false });
  return {
    app,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field in the page');
  return match[1];
}

function cookieOf(response: LightMyRequestResponse, name: string) {
  return response.cookies.find((c) => c.name === name);
}

function setCookieLine(response: LightMyRequestResponse, name: string): string {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  return lines.find((line) => line.startsWith(`${name}=`)) ?? '';
}

/** A visitor's form: the page, its CSRF token and the anonymous cookie that token is bound to. */
async function anonymousForm(app: FastifyInstance, url: string): Promise<{ csrf: string; cookie: string; body: string }> {
  const page = await app.inject({ url, headers: HTML });
  expect(page.statusCode).toBe(200);
  return { csrf: csrfIn(page.body), cookie: `ens_csrf=${cookieOf(page, 'ens_csrf')!.value}`, body: page.body };
}

async function postLogin(app: FastifyInstance, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const form = await anonymousForm(app, '/login');
  return app.inject({
    method: 'POST',
    url: '/login',
    headers: { ...HTML, ...FORM, cookie: form.cookie, ...headers },
    payload: encode({ _csrf: form.csrf, ...fields }),
  });
}

/** Signs in through the form and returns the session's Cookie header value. */
async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const response = await postLogin(app, { username, password });
  expect(response.statusCode).toBe(303);
  return `ens_session=${cookieOf(response, 'ens_session')!.value}`;
}

async function whoIs(app: FastifyInstance, cookie: string): Promise<string | null> {
  const response = await app.inject({ url: '/api/v1/session', headers: { cookie } });
  return (response.json() as { user: { username: string } | null }).user?.username ?? null;
}

async function csrfFor(app: FastifyInstance, cookie: string): Promise<string> {
  return (await app.inject({ url: '/api/v1/session', headers: { cookie } })).json().csrfToken as string;
}

const auditActions = (action: string) => services().audit.list(200).events.filter((e) => e.action === action);

describe('local sign-in', () => {
  it('signs in with the right password: an HttpOnly SameSite=Lax session cookie that works, and an audit entry', async () => {
    const username = unique('alice');
    await server.createAccount(username, 'editor', PASSWORD);
    const response = await postLogin(server.app, { username, password: PASSWORD, next: '/wiki/Budget?tab=2' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/wiki/Budget?tab=2');
    const line = setCookieLine(response, 'ens_session');
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).not.toMatch(/Secure/i);

    const cookie = `ens_session=${cookieOf(response, 'ens_session')!.value}`;
    expect(await whoIs(server.app, cookie)).toBe(username);
    const event = auditActions('auth.sign_in').find((e) => e.details.username === username);
    expect(event).toMatchObject({ actor: { name: username }, details: { method: 'password' } });
    expect(JSON.stringify(event)).not.toContain(PASSWORD);
  });

  it('marks the session cookie Secure when the request came over https through a trusted proxy', async () => {
    const username = unique('bea');
    await server.createAccount(username, 'reader', PASSWORD);
    const response = await postLogin(server.app, { username, password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(response.statusCode).toBe(303);
    expect(setCookieLine(response, 'ens_session')).toMatch(/Secure/i);
  });

  it('refuses a wrong password with 400 and the generic message, sets no session, and audits the attempt without the password', async () => {
    const username = unique('carl');
    await server.createAccount(username, 'editor', PASSWORD);
    const response = await postLogin(server.app, { username, password: 'not the password at all' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Username or password is wrong');
    expect(response.body).toContain(`value="${username}"`);
    expect(response.body).toContain('aria-invalid="true"');
    expect(cookieOf(response, 'ens_session')).toBeUndefined();
    const event = auditActions('auth.sign_in_failed').find((e) => e.details.username === username);
    expect(event).toBeDefined();
    expect(JSON.stringify(event)).not.toContain('not the password at all');

    // An unknown username gets exactly the same answer.
    const unknown = await postLogin(server.app, { username: unique('nobody'), password: 'whatever it is here' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Username or password is wrong');
  });

  it('answers 429 once a username has had the configured number of failures, even with the right password', async () => {
    const username = unique('dora');
    await server.createAccount(username, 'editor', PASSWORD);
    for (let i = 0; i < 3; i++) expect((await postLogin(server.app, { username, password: `wrong password ${i}` })).statusCode).toBe(400);
    const limited = await postLogin(server.app, { username, password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many sign-in attempts');
    expect(cookieOf(limited, 'ens_session')).toBeUndefined();
    expect((await postLogin(server.app, { username, password: PASSWORD })).statusCode).toBe(429);
    // The failures that tripped the limit are in the log; the refusals after it, which cost nothing to send, are not.
    expect(auditActions('auth.sign_in_failed').filter((e) => e.details.username === username)).toHaveLength(3);
  });

  it('signing out ends the session at once: the cookie stops working and its live socket closes', async () => {
    const username = unique('emma');
    const account = await server.createAccount(username, 'editor', PASSWORD);
    const cookie = await signIn(server.app, username);
    const page = await createPage(server, { title: unique('Sign-out page ') });
    const live = connectLexicalClient(server.collabUrl, page.id, { cookie, displayName: account.displayName });
    try {
      await live.synced;
      const response = await server.app.inject({ method: 'POST', url: '/logout', headers: { ...FORM, cookie }, payload: encode({ _csrf: await csrfFor(server.app, cookie) }) });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/');
      expect(await whoIs(server.app, cookie)).toBeNull();
      await waitFor(() => live.closeCodes, (codes) => codes.includes(4401), 5000, 'the socket to close with 4401');
    } finally {
      live.destroy();
    }
    expect(auditActions('auth.sign_out').some((e) => e.details.username === username)).toBe(true);
  });

  it('a disabled account cannot sign in, and its open session stops working', async () => {
    const username = unique('finn');
    const account = await server.createAccount(username, 'editor', PASSWORD);
    const cookie = await signIn(server.app, username);
    services().users.setDisabled(account.id, true, actor);
    expect(await whoIs(server.app, cookie)).toBeNull();
    const response = await postLogin(server.app, { username, password: PASSWORD });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Username or password is wrong');
  });

  it('sends a signed-in visitor of /login straight on, and never off the site', async () => {
    const signedIn = { cookie: server.accounts.reader.cookie, ...HTML };
    expect((await server.app.inject({ url: '/login?next=%2Fwiki%2FHome', headers: signedIn })).headers.location).toBe('/wiki/Home');
    expect((await server.app.inject({ url: '/login?next=%2F%2Fevil.example', headers: signedIn })).headers.location).toBe('/');
  });
});

describe('`next` after signing in', () => {
  it.each([
    ['//evil.example/path', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['evil.example', '/'],
    ['/login?next=/x', '/'],
    ['', '/'],
    ['/wiki/Budget?tab=2#costs', '/wiki/Budget?tab=2#costs'],
    ['/admin/users', '/admin/users'],
  ])('%j leads to %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it('an open-redirect attempt through the sign-in form lands on the home page', async () => {
    const username = unique('gail');
    await server.createAccount(username, 'reader', PASSWORD);
    const response = await postLogin(server.app, { username, password: PASSWORD, next: '//evil.example/phish' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
  });
});

describe('session expiry', () => {
  it('refuses a session idle for longer than the idle timeout', async () => {
    // Long enough that signing in and the first check fit in it on a busy machine.
    const short = await bareApp({ auth: { sessionIdleMs: 1000 } });
    try {
      const admin = await short.app.services.users.create({ username: 'root', role: 'admin', password: PASSWORD }, actor);
      const cookie = await signIn(short.app, admin.username);
      expect(await whoIs(short.app, cookie)).toBe('root');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await whoIs(short.app, cookie)).toBeNull();
      const account = await short.app.inject({ url: '/account', headers: { cookie, ...HTML } });
      expect(account.statusCode).toBe(302);
      expect(account.headers.location).toBe('/login?next=%2Faccount');
    } finally {
      await short.close();
    }
  });

  it('marks cookies Secure when WIKI_PUBLIC_URL is https, even on a plain connection', async () => {
    const secure = await bareApp({ publicUrl: 'https://wiki.example.gc.ca' });
    try {
      await secure.app.services.users.create({ username: 'root', role: 'admin', password: PASSWORD }, actor);
      const response = await postLogin(secure.app, { username: 'root', password: PASSWORD });
      expect(setCookieLine(response, 'ens_session')).toMatch(/Secure/i);
    } finally {
      await secure.close();
    }
  });
});

describe('first-run setup', () => {
  it('creates the first admin once, signs them in, and then answers 404', async () => {
    const fresh = await bareApp();
    try {
      const { app } = fresh;
      const home = await app.inject({ url: '/', headers: HTML });
      expect(home.body).toContain('href="/setup"');
      expect((await app.inject({ url: '/login', headers: HTML })).headers.location).toBe('/setup');

      const form = await anonymousForm(app, '/setup');
      const post = (fields: Record<string, string>) =>
        app.inject({ method: 'POST', url: '/setup', headers: { ...HTML, ...FORM, cookie: form.cookie }, payload: encode({ _csrf: form.csrf, ...fields }) });
      const mismatch = await post({ username: 'ada', displayName: 'Ada', password: PASSWORD, passwordConfirm: `${PASSWORD}!` });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.body).toContain('The two passwords are not the same.');
      expect(app.services.users.count()).toBe(0);

      const created = await post({ username: 'ada', displayName: 'Ada Lovelace', password: PASSWORD, passwordConfirm: PASSWORD });
      expect(created.statusCode).toBe(303);
      expect(created.headers.location).toBe('/admin');
      const cookie = `ens_session=${cookieOf(created, 'ens_session')!.value}`;
      expect(await whoIs(app, cookie)).toBe('ada');
      expect(app.services.users.findByUsername('ada')).toMatchObject({ role: 'admin', display_name: 'Ada Lovelace' });
      expect(app.services.audit.list(20).events.some((e) => e.action === 'setup.first_admin' && e.details.username === 'ada')).toBe(true);

      expect((await app.inject({ url: '/setup', headers: HTML })).statusCode).toBe(404);
      const again = await post({ username: 'mallory', displayName: '', password: PASSWORD, passwordConfirm: PASSWORD });
      expect(again.statusCode).toBe(404);
      expect(app.services.users.count()).toBe(1);
      expect((await app.inject({ url: '/', headers: HTML })).body).not.toContain('href="/setup"');
    } finally {
      await fresh.close();
    }
  });

  it('requires the setup token when one is configured', async () => {
    const guarded = await bareApp({ auth: { setupToken: 'a-long-setup-token-from-the-operator' } });
    try {
      const { app } = guarded;
      const form = await anonymousForm(app, '/setup');
      expect(form.body).toContain('name="setupToken"');
      const post = (setupToken: string) =>
        app.inject({
          method: 'POST',
          url: '/setup',
          headers: { ...HTML, ...FORM, cookie: form.cookie },
          payload: encode({ _csrf: form.csrf, setupToken, username: 'ada', displayName: '', password: PASSWORD, passwordConfirm: PASSWORD }),
        });
      const wrong = await post('a-guess');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('The setup token is wrong.');
      expect(app.services.users.count()).toBe(0);
      expect((await post('a-long-setup-token-from-the-operator')).statusCode).toBe(303);
      expect(app.services.users.findByUsername('ada')?.role).toBe('admin');
    } finally {
      await guarded.close();
    }
  });
});

describe('CSRF on the web forms', () => {
  const forged = 'forged-token-from-another-site';

  it('refuses a forged token on /logout, and the session goes on', async () => {
    const { cookie } = server.accounts.editor;
    const response = await server.app.inject({ method: 'POST', url: '/logout', headers: { ...FORM, cookie }, payload: encode({ _csrf: forged }) });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('WIKI_CSRF');
    expect(await whoIs(server.app, cookie)).toBe('editor');
  });

  it('refuses a forged token on /pages/new, and creates nothing', async () => {
    const title = unique('Forged page ');
    const response = await server.app.inject({
      method: 'POST',
      url: '/pages/new',
      headers: { ...FORM, ...HTML, cookie: server.accounts.editor.cookie },
      payload: encode({ _csrf: forged, title }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('The form has expired or did not come from this site');
    expect(services().pages.findBySlug(title.replace(/ /g, '-'))).toBeUndefined();
  });

  it('refuses a token bound to another session on /account/tokens, and creates no token', async () => {
    const { cookie, id } = server.accounts.reader;
    const before = services().tokens.listForUser(id).length;
    const response = await server.app.inject({
      method: 'POST',
      url: '/account/tokens',
      headers: { ...FORM, cookie },
      payload: encode({ _csrf: server.accounts.editor.csrf, name: 'stolen', scope: 'write' }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('WIKI_CSRF');
    expect(services().tokens.listForUser(id)).toHaveLength(before);
  });
});

describe('/account', () => {
  let person: TestAccount;
  let cookie: string;
  const post = async (url: string, fields: Record<string, string>) =>
    server.app.inject({ method: 'POST', url, headers: { ...FORM, ...HTML, cookie }, payload: encode({ _csrf: await csrfFor(server.app, cookie), ...fields }) });

  beforeAll(async () => {
    person = await server.createAccount(unique('hana'), 'editor', PASSWORD);
    cookie = await signIn(server.app, person.username);
  });

  it('sends visitors to sign in first', async () => {
    const response = await server.app.inject({ url: '/account', headers: HTML });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/login?next=%2Faccount');
  });

  it('changes the display name, shown in the header afterwards', async () => {
    const response = await post('/account/profile', { displayName: '  Hana   Sato ' });
    expect(response.statusCode).toBe(303);
    const page = await server.app.inject({ url: response.headers.location as string, headers: { ...HTML, cookie } });
    expect(page.body).toContain('Your display name was saved.');
    expect(page.body).toContain(`href="/users/${person.username}">Hana Sato</a>`);
  });

  it('creates a token whose secret is shown once and works, lists it, and revokes it', async () => {
    const created = await post('/account/tokens', { name: 'Team portal', scope: 'read' });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const secret = /id="new-token-secret"[^>]*value="(ens_[^"]+)"/.exec(created.body)?.[1];
    expect(secret).toBeDefined();
    const asToken = await server.app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${secret}` } });
    expect(asToken.json()).toMatchObject({ user: { username: person.username }, authenticatedBy: 'token' });

    const listed = await server.app.inject({ url: '/account', headers: { ...HTML, cookie } });
    expect(listed.body).toContain('Team portal');
    expect(listed.body).not.toContain(secret);
    const token = services().tokens.listForUser(person.id).find((t) => t.name === 'Team portal')!;
    const revoked = await post(`/account/tokens/${token.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect(services().tokens.isLive(token.id)).toBe(false);
    expect((await server.app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
  });

  it('does not revoke someone else’s token', async () => {
    const { token } = services().tokens.create(server.accounts.admin.id, { name: 'admin script', scope: 'read' }, actor);
    const response = await post(`/account/tokens/${token.id}/revoke`, {});
    expect(response.statusCode).toBe(404);
    expect(services().tokens.isLive(token.id)).toBe(true);
  });

  it('changes the password only with the current one, and signs out the other sessions', async () => {
    const other = await signIn(server.app, person.username);
    const wrong = await post('/account/password', { current: 'not my password!', password: 'a brand new password', confirm: 'a brand new password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The current password is wrong.');

    const changed = await post('/account/password', { current: PASSWORD, password: 'a brand new password', confirm: 'a brand new password' });
    expect(changed.statusCode).toBe(303);
    expect(await whoIs(server.app, other)).toBeNull();
    cookie = `ens_session=${cookieOf(changed, 'ens_session')!.value}`;
    expect(await whoIs(server.app, cookie)).toBe(person.username);
    expect((await postLogin(server.app, { username: person.username, password: 'a brand new password' })).statusCode).toBe(303);
  });
});

describe('header sign-in (WIKI_AUTH=header)', () => {
  it('believes the header from a trusted proxy, and explains sign-in instead of showing a form', async () => {
    const proxied = await bareApp({ trustedProxies: ['127.0.0.1'], auth: { mode: 'header' } });
    try {
      const { app } = proxied;
      const account = await app.inject({ url: '/account', headers: { ...HTML, 'x-remote-user': 'carol' } });
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain('href="/users/carol"');
      expect(account.body).not.toContain('action="/logout"');
      const login = await app.inject({ url: '/login', headers: HTML });
      expect(login.statusCode).toBe(200);
      expect(login.body).toContain('intranet');
      expect(login.body).not.toContain('type="password"');
      // There is no password sign-in to post to, even with a valid form token.
      const anon = await app.inject({ url: '/api/v1/session' });
      const post = await app.inject({
        method: 'POST',
        url: '/login',
        headers: { ...FORM, cookie: `ens_csrf=${cookieOf(anon, 'ens_csrf')!.value}` },
        payload: encode({ _csrf: anon.json().csrfToken, username: 'carol', password: PASSWORD }),
      });
      expect(post.statusCode).toBe(404);
    } finally {
      await proxied.close();
    }
  });

  it('ignores the header from an address that is not a configured proxy', async () => {
    const direct = await bareApp({ trustedProxies: ['10.20.30.40'], auth: { mode: 'header' } });
    try {
      const account = await direct.app.inject({ url: '/account', headers: { ...HTML, 'x-remote-user': 'carol' } });
      expect(account.statusCode).toBe(302);
      expect(account.headers.location).toBe('/login?next=%2Faccount');
      expect(direct.app.services.users.findByUsername('carol')).toBeUndefined();
    } finally {
      await direct.close();
    }
  });
});

describe('OpenID Connect (WIKI_AUTH=oidc)', () => {
  const publicUrl = 'http://wiki.test';
  let op: TestOidcProvider;

  beforeAll(async () => {
    op = await startOidcProvider({
      redirectUris: [`${publicUrl}/auth/oidc/callback`],
      account: { sub: 'user-7f3a', preferred_username: 'ada', name: 'Ada Lovelace', email: 'ada@example.gc.ca' },
    });
  });
  afterAll(async () => {
    await op?.close();
  });

  const oidcApp = (issuer: string, clientSecret = op.clientSecret) =>
    bareApp({ publicUrl, auth: { mode: 'oidc', oidc: { issuer, clientId: op.clientId, clientSecret, scopes: 'openid profile email', allowInsecureIssuer: true } } });

  it('signs in through the provider, from /auth/oidc/start to /auth/oidc/callback, and comes back to `next`', async () => {
    const wiki = await oidcApp(op.issuer);
    try {
      const { app } = wiki;
      const login = await app.inject({ url: '/login?next=%2Fwiki%2FBudget', headers: HTML });
      expect(login.body).toContain('href="/auth/oidc/start?next=%2Fwiki%2FBudget"');
      expect(login.body).not.toContain('type="password"');

      const start = await app.inject({ url: '/auth/oidc/start?next=%2Fwiki%2FBudget', headers: HTML });
      expect(start.statusCode).toBe(303);
      expect(start.headers.location).toMatch(new RegExp(`^${op.issuer}/`));
      const pending = setCookieLine(start, 'ens_oidc');
      expect(pending).toMatch(/HttpOnly/i);
      expect(pending).toMatch(/SameSite=Lax/i);
      expect(pending).toMatch(/Path=\/auth\/oidc/);

      const callback = await followAuthorization(start.headers.location as string);
      const oidcCookie = `ens_oidc=${cookieOf(start, 'ens_oidc')!.value}`;
      const done = await app.inject({ url: `/auth/oidc/callback${callback.search}`, headers: { ...HTML, cookie: oidcCookie } });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/wiki/Budget');
      const session = `ens_session=${cookieOf(done, 'ens_session')!.value}`;
      expect(await whoIs(app, session)).toBe('ada');
      expect(app.services.users.findByUsername('ada')).toMatchObject({ display_name: 'Ada Lovelace', role: 'editor' });
      expect(app.services.audit.list(20).events.some((e) => e.action === 'auth.sign_in' && e.details.method === 'oidc')).toBe(true);

      // The same callback again, without the pending sign-in it belonged to, signs nobody in.
      const replay = await app.inject({ url: `/auth/oidc/callback${callback.search}`, headers: HTML });
      expect(replay.statusCode).toBe(400);
      expect(cookieOf(replay, 'ens_session')).toBeUndefined();
    } finally {
      await wiki.close();
    }
  });

  it('shows an error page, and audits a failure, when the provider refuses the client', async () => {
    const wiki = await oidcApp(op.issuer, 'not-the-client-secret');
    try {
      const { app } = wiki;
      const start = await app.inject({ url: '/auth/oidc/start', headers: HTML });
      const callback = await followAuthorization(start.headers.location as string);
      const done = await app.inject({ url: `/auth/oidc/callback${callback.search}`, headers: { ...HTML, cookie: `ens_oidc=${cookieOf(start, 'ens_oidc')!.value}` } });
      expect(done.statusCode).toBe(400);
      expect(done.body).toContain('did not confirm who you are');
      expect(cookieOf(done, 'ens_session')).toBeUndefined();
      expect(app.services.audit.list(20).events.some((e) => e.action === 'auth.sign_in_failed' && e.details.method === 'oidc')).toBe(true);
    } finally {
      await wiki.close();
    }
  });

  it('answers a provider that cannot be reached with a clear page, and keeps serving', async () => {
    const wiki = await oidcApp('http://127.0.0.1:9');
    try {
      const start = await wiki.app.inject({ url: '/auth/oidc/start', headers: HTML });
      expect(start.statusCode).toBe(503);
      expect(start.body).toContain('cannot be reached');
      expect((await wiki.app.inject({ url: '/', headers: HTML })).statusCode).toBe(200);
    } finally {
      await wiki.close();
    }
  });
});

describe('what pages offer each viewer', () => {
  let restricted: { slug: string; title: string };
  let open: { slug: string; title: string };

  beforeAll(async () => {
    const admin = { id: server.accounts.admin.id, name: 'admin', ip: null };
    const space = services().spaces.create({ name: 'Pay', slug: 'pay', classification: 'protected-b' }, admin);
    restricted = await createPage(server, { title: 'Salary bands', space: space.slug }, server.accounts.admin);
    open = await createPage(server, { title: 'Opening hours' }, server.accounts.admin);
  });

  it('a visitor sees no create form and no Edit link, and is sent to sign in to create or edit', async () => {
    const home = await server.app.inject({ url: '/', headers: HTML });
    expect(home.body).not.toContain('action="/pages/new"');
    expect(home.body).toContain('href="/login?next=%2F"');
    const view = await server.app.inject({ url: `/wiki/${open.slug}`, headers: HTML });
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain(`/wiki/${open.slug}/edit`);
    expect(view.body).toContain('Unclassified');

    const edit = await server.app.inject({ url: `/wiki/${open.slug}/edit`, headers: HTML });
    expect(edit.statusCode).toBe(302);
    expect(edit.headers.location).toBe(`/login?next=${encodeURIComponent(`/wiki/${open.slug}/edit`)}`);

    const form = await anonymousForm(server.app, '/login');
    const create = await server.app.inject({ method: 'POST', url: '/pages/new', headers: { ...HTML, ...FORM, cookie: form.cookie }, payload: encode({ _csrf: form.csrf, title: 'Anonymous page' }) });
    expect(create.statusCode).toBe(303);
    expect(create.headers.location).toBe('/login?next=%2F');
    expect(services().pages.findBySlug('Anonymous-page')).toBeUndefined();
  });

  it('a visitor asking for a protected page gets a 401 sign-in prompt that names nothing of it', async () => {
    const response = await server.app.inject({ url: `/wiki/${restricted.slug}`, headers: HTML });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain(`href="/login?next=${encodeURIComponent(`/wiki/${restricted.slug}`)}"`);
    expect(response.body).not.toContain('Salary bands');
  });

  it('a reader gets the editor read-only, without the Edit link; the boot data says who they are', async () => {
    const { reader } = server.accounts;
    const view = await server.app.inject({ url: `/wiki/${open.slug}`, headers: { ...HTML, cookie: reader.cookie } });
    expect(view.body).not.toContain(`/wiki/${open.slug}/edit`);
    const edit = await server.app.inject({ url: `/wiki/${open.slug}/edit`, headers: { ...HTML, cookie: reader.cookie } });
    expect(edit.statusCode).toBe(200);
    const boot = JSON.parse(/<script type="application\/json" id="ensemble-boot">(.*?)<\/script>/.exec(edit.body)![1]);
    expect(boot).toMatchObject({ slug: open.slug, canWrite: false, user: { id: reader.id, displayName: reader.displayName }, csrfToken: reader.csrf });
    expect(reader.csrf).not.toBe('');
  });

  it('an admin sees the classification banner, the Edit link, the Administration link and a sign-out form', async () => {
    const { admin } = server.accounts;
    const view = await server.app.inject({ url: `/wiki/${restricted.slug}`, headers: { ...HTML, cookie: admin.cookie } });
    expect(view.statusCode).toBe(200);
    expect(view.body).toMatch(/role="note"[^>]*class="classification classification--protected-b"/);
    expect(view.body).toContain('Protected B');
    expect(view.body).toContain('Protégé B');
    expect(view.body).toContain('Space: Pay');
    expect(view.body).toContain(`href="/wiki/${restricted.slug}/edit"`);
    expect(view.body).toContain('href="/admin"');
    expect(view.body).toMatch(new RegExp(`action="/logout"[^>]*><input type="hidden" name="_csrf" value="${admin.csrf}"/>`));
    const edit = await server.app.inject({ url: `/wiki/${restricted.slug}/edit`, headers: { ...HTML, cookie: admin.cookie } });
    expect(edit.body).toContain('classification--protected-b');
    expect(edit.body).toContain('"canWrite":true');

    const asEditor = await server.app.inject({ url: '/', headers: { ...HTML, cookie: server.accounts.editor.cookie } });
    expect(asEditor.body).toContain('action="/pages/new"');
    expect(asEditor.body).not.toContain('href="/admin"');
  });

  it('a profile lists only the contributed pages the viewer may read', async () => {
    const asReader = await server.app.inject({ url: '/users/admin', headers: { ...HTML, cookie: server.accounts.reader.cookie } });
    expect(asReader.statusCode).toBe(200);
    expect(asReader.body).toContain('Opening hours');
    expect(asReader.body).not.toContain('Salary bands');
    const asVisitor = await server.app.inject({ url: '/users/admin', headers: HTML });
    expect(asVisitor.body).toContain('Opening hours');
    expect(asVisitor.body).not.toContain('Salary bands');
    const asAdmin = await server.app.inject({ url: '/users/admin', headers: { ...HTML, cookie: server.accounts.admin.cookie } });
    expect(asAdmin.body).toContain('Salary bands');
    expect((await server.app.inject({ url: '/users/no-such-person', headers: HTML })).statusCode).toBe(404);
  });

  it('a profile pages through contributions with a "more" link', async () => {
    const writer = await server.createAccount(unique('ivy'), 'editor');
    const titles: string[] = [];
    for (let i = 0; i < 21; i++) {
      const title = `Ivy note ${String(i).padStart(2, '0')}`;
      titles.push(title);
      await services().pages.create({ title }, { spaceId: 'main', userId: writer.id });
    }
    const first = await server.app.inject({ url: `/users/${writer.username}`, headers: HTML });
    const more = /href="(\/users\/[^"?]+\?after=[^"]+)" rel="next"/.exec(first.body)?.[1];
    expect(more).toBeDefined();
    const second = await server.app.inject({ url: more!.replace(/&amp;/g, '&'), headers: HTML });
    const shown = (body: string) => titles.filter((title) => body.includes(`>${title}<`));
    expect(shown(first.body)).toHaveLength(20);
    expect(shown(second.body)).toHaveLength(1);
    expect(new Set([...shown(first.body), ...shown(second.body)]).size).toBe(21);
    expect(second.body).not.toContain('rel="next"');
  });
});
