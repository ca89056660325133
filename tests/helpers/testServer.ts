// Starts a real Ensemble server on a loopback port with its own SQLite file in a temp directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../server/app.js';
import { loadConfig, type Config, type DeepPartial } from '../../server/plugins/config.js';

export type TestRole = 'admin' | 'editor' | 'reader';

/** An account made for a test, with a write-scoped API token and a signed-in session cookie. */
export interface TestAccount {
  id: string;
  username: string;
  displayName: string;
  role: TestRole;
  /** `Authorization` header value. */
  bearer: string;
  token: string;
  /** `Cookie` header value of a live session. */
  cookie: string;
  /** The raw session cookie value, e.g. for a browser context. */
  sessionCookie: string;
  /** CSRF token bound to that session. */
  csrf: string;
}

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/collab — the WebsocketProvider server URL. */
  collabUrl: string;
  dataDir: string;
  /** Accounts created at start: one per role. */
  accounts: Record<TestRole, TestAccount>;
  /** Creates another account (no password unless given). */
  createAccount(username: string, role: TestRole, password?: string): Promise<TestAccount>;
  close(): Promise<void>;
}

/** Config that pushes the automatic revision rules out of a test's reach: revisions are cut only when it says. */
export const explicitRevisionsOnly = { history: { quietMs: 86_400_000, leaveGraceMs: 3_600_000, maxIntervalMs: 86_400_000 } };

/** Cheap scrypt for tests: hashing cost is not what they check. */
export const testScryptCost = { N: 2 ** 10, r: 8, p: 1 };

/** Creates an account with a write token and a live session straight through the services (no CSRF token). */
export async function seedAccount(
  services: Pick<FastifyInstance['services'], 'users' | 'tokens' | 'sessions'>,
  username: string,
  role: TestRole,
  password?: string,
): Promise<TestAccount> {
  const actor = { id: null, name: 'test', ip: null };
  const displayName = `${username[0].toUpperCase()}${username.slice(1)} Test`;
  const row = await services.users.create({ username, role, password: password ?? null, displayName }, actor);
  const { secret } = services.tokens.create(row.id, { name: 'test', scope: 'write' }, actor);
  const session = services.sessions.create(row.id);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role,
    token: secret,
    bearer: `Bearer ${secret}`,
    cookie: `ens_session=${session.cookie}`,
    sessionCookie: session.cookie,
    csrf: '',
  };
}

/** seedAccount on a running app, plus the CSRF token bound to the account's session. */
export async function makeAccount(app: FastifyInstance, username: string, role: TestRole, password?: string): Promise<TestAccount> {
  const account = await seedAccount(app.services, username, role, password);
  const session = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: account.cookie } });
  return { ...account, csrf: (session.json() as { csrfToken: string }).csrfToken };
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-test-'));
}

export async function startTestServer(overrides: DeepPartial<Config> = {}, dataDir = tempDataDir(), options: Pick<BuildOptions, 'clock'> = {}): Promise<TestServer> {
  const config = loadConfig(
    { WIKI_DATA_DIR: dataDir, WIKI_SQLITE_SYNCHRONOUS: 'NORMAL', LOG_LEVEL: 'silent' },
    { ...overrides, auth: { scryptCost: testScryptCost, ...overrides.auth } },
  );
  const app = await buildApp(config, { logger: false, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  const accounts = {
    admin: await makeAccount(app, 'admin', 'admin'),
    editor: await makeAccount(app, 'editor', 'editor'),
    reader: await makeAccount(app, 'reader', 'reader'),
  };
  return {
    accounts,
    createAccount: (username, role, password) => makeAccount(app, username, role, password),
    app,
    config,
    url,
    collabUrl: `ws://127.0.0.1:${address.port}/collab`,
    dataDir,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a page through the API as the given account (the server's editor by default). */
export async function createPage(
  server: { url: string; accounts: Record<TestRole, TestAccount> },
  body: Record<string, unknown>,
  as: TestAccount = server.accounts.editor,
): Promise<{ id: string; slug: string; title: string; url: string }> {
  const response = await fetch(`${server.url}/api/v1/pages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: as.bearer },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; slug: string; title: string; url: string };
}

/** Reads a page through the API, anonymously unless an account is given. */
export async function getPage(server: { url: string }, idOrSlug: string, as?: TestAccount): Promise<{ text: string; html: string; title: string }> {
  const response = await fetch(`${server.url}/api/v1/pages/${encodeURIComponent(idOrSlug)}`, {
    headers: as ? { authorization: as.bearer } : {},
  });
  if (response.status !== 200) throw new Error(`get failed: ${response.status}`);
  return (await response.json()) as { text: string; html: string; title: string };
}

/** Polls until the predicate holds, or fails after `timeoutMs` with the last value seen. */
export async function waitFor<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 25));
    last = await probe();
  }
  return last;
}

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls /api/v1 through app.inject() as an account (its bearer token), a raw Authorization value, or nobody. */
export function apiCall(server: TestServer, method: ApiMethod, url: string, as: TestAccount | string | null, payload?: object) {
  return server.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: as === null ? {} : { authorization: typeof as === 'string' ? as : as.bearer },
    ...(payload ? { payload } : {}),
  });
}

/** The audit events with this action, newest first. */
export function auditedEvents(server: TestServer, action: string) {
  return server.app.services.audit.list(200).events.filter((e) => e.action === action);
}
