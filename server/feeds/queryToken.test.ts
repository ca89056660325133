// The API token in a feed's address (?token=): feed readers cannot send headers, so feeds take it there, and
// only there: on feed routes, for reads, at read scope, without a cookie, and never in the log, even at trace
// level, whatever the outcome. Runs the app with its own logger writing into this suite.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { buildApp } from '../app.js';
import { loadConfig } from '../plugins/config.js';
import { makeAccount, tempDataDir, testScryptCost, type TestAccount } from '../../tests/helpers/testServer.js';

const lines: string[] = [];
const actor = { id: null, name: 'test', ip: null };
let app: FastifyInstance;
let dataDir: string;
let member: TestAccount;
let outsider: TestAccount;
let cabinet: { id: string; slug: string };
let secretPage: { id: string; slug: string };

beforeAll(async () => {
  dataDir = tempDataDir();
  const env = { WIKI_DATA_DIR: dataDir, LOG_LEVEL: 'trace', WIKI_SQLITE_SYNCHRONOUS: 'NORMAL', WIKI_FEED_ENTRIES: '2' };
  app = await buildApp(loadConfig(env, { auth: { scryptCost: testScryptCost } }), { logStream: { write: (line: string) => void lines.push(line) } });
  member = await makeAccount(app, 'member', 'editor');
  outsider = await makeAccount(app, 'outsider', 'editor');
  const { groups, spaces } = app.services;
  const group = groups.create({ name: 'Cabinet team' }, actor);
  groups.addMember(group.id, member.id, actor);
  cabinet = spaces.create({ name: 'Cabinet', classification: 'protected-b', access: 'restricted', grants: [{ groupId: group.id, role: 'editor' }] }, actor);
  for (const title of ['Briefing one', 'Briefing two', 'Briefing three']) {
    const created = await app.inject({ method: 'POST', url: '/api/v1/pages', headers: { authorization: member.bearer }, payload: { title, space: cabinet.id } });
    expect(created.statusCode).toBe(201);
    secretPage = created.json();
  }
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const feedUrl = () => `/feeds/spaces/${cabinet.slug}.atom`;
const withToken = (url: string, secret: string, name = 'token') => `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(secret)}`;
const newToken = (account: TestAccount, scope: 'read' | 'write' = 'read') => app.services.tokens.create(account.id, { name: 'feed reader', scope }, actor);

describe('a token in a feed address', () => {
  test('reads the private feed its account may read, privately cached, without setting a cookie', async () => {
    const response = await app.inject({ url: withToken(feedUrl(), member.token), headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`/p/${secretPage.id}#r1`);
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).not.toContain(member.token);
    expect((await app.inject({ url: withToken('/feeds/recent.atom', member.token) })).body).toContain(`/p/${secretPage.id}#r1`);
    // Readers check for changes with HEAD too.
    const head = await app.inject({ method: 'HEAD', url: withToken(feedUrl(), member.token) });
    expect({ status: head.statusCode, etag: head.headers.etag }).toEqual({ status: 200, etag: response.headers.etag });
  });

  test('holds at most WIKI_FEED_ENTRIES entries, a number from 1 to 500', async () => {
    const body = (await app.inject({ url: withToken(feedUrl(), member.token) })).body;
    expect(body.match(/<entry>/g)).toHaveLength(2);
    expect(loadConfig({ WIKI_DATA_DIR: dataDir }).feeds.entries).toBe(50);
    expect(loadConfig({ WIKI_DATA_DIR: dataDir, WIKI_FEED_ENTRIES: '500' }).feeds.entries).toBe(500);
    for (const value of ['0', '501', 'many']) expect(() => loadConfig({ WIKI_DATA_DIR: dataDir, WIKI_FEED_ENTRIES: value })).toThrow(/WIKI_FEED_ENTRIES/);
  });

  test('acts with read scope even for a write token', async () => {
    const raw = { headers: {}, socket: {} } as unknown as IncomingMessage;
    const { principal, problem } = await app.services.authenticator.authenticate(raw, {}, member.token);
    expect(problem).toBeNull();
    expect(principal).toMatchObject({ kind: 'user', account: { id: member.id }, credential: { kind: 'token', scope: 'read' } });
  });

  test('is refused when revoked, unknown, repeated or of a disabled account (401), and gets 404 when its account may not read the space', async () => {
    const revoked = newToken(member);
    app.services.tokens.revoke(revoked.token.id, actor);
    const disabled = await makeAccount(app, 'leaver', 'editor');
    app.services.users.setDisabled(disabled.id, true, actor);
    for (const url of [withToken(feedUrl(), revoked.secret), withToken(feedUrl(), 'ens_not-a-token'), withToken(feedUrl(), disabled.token), `${withToken(feedUrl(), member.token)}&token=x`]) {
      const response = await app.inject({ url, headers: { accept: 'text/html' } });
      expect({ status: response.statusCode, type: response.headers['content-type'], code: response.json().code }).toEqual({
        status: 401,
        type: 'application/json; charset=utf-8',
        code: 'WIKI_INVALID_TOKEN',
      });
    }
    const other = await app.inject({ url: withToken(feedUrl(), newToken(outsider).secret) });
    expect({ status: other.statusCode, code: other.json().code }).toEqual({ status: 404, code: 'WIKI_SPACE_NOT_FOUND' });
  });

  test('is not a credential anywhere but the feeds, nor for anything but reading', async () => {
    const api = await app.inject({ url: withToken(`/api/v1/pages/${secretPage.id}`, member.token) });
    expect({ status: api.statusCode, code: api.json().code }).toEqual({ status: 401, code: 'WIKI_SIGN_IN_REQUIRED' });
    expect((await app.inject({ url: withToken(`/wiki/${secretPage.slug}`, member.token) })).statusCode).toBe(401);
    // Token callers need no CSRF token: being asked for one shows the request came in as a visitor.
    for (const url of [withToken('/api/v1/pages', member.token), withToken(feedUrl(), member.token)]) {
      const write = await app.inject({ method: 'POST', url, payload: { title: 'Planted by URL' } });
      expect({ status: write.statusCode, code: write.json().code }).toEqual({ status: 403, code: 'WIKI_CSRF' });
    }
    expect(app.services.pages.find('Planted-by-URL')).toBeUndefined();
  });

  test('never reaches the log, however it is spelled and whatever the answer', async () => {
    const secret = newToken(member).secret;
    const urls = [
      withToken(feedUrl(), secret),
      withToken('/feeds/recent.atom?lang=fr', secret),
      withToken(feedUrl(), secret, 'tok%65n'),
      withToken(feedUrl(), secret, 'TOKEN'),
      withToken('/feeds/no-such-feed.atom', secret),
      withToken('/feeds/pages/nosuchpage00.atom', secret),
      withToken(`/api/v1/pages/${secretPage.id}`, secret),
      `${withToken(feedUrl(), secret)}x`,
    ];
    for (const url of urls) await app.inject({ url });
    await app.inject({ method: 'POST', url: withToken('/api/v1/pages', secret), payload: { title: 42 } });
    const log = lines.join('');
    expect(log).toContain('feeds/recent.atom?lang=fr&token=[redacted]');
    expect(log).toContain('tok%65n=[redacted]');
    for (const value of [secret, encodeURIComponent(secret), member.token, member.token.slice(4)]) expect(log).not.toContain(value);
  });
});
