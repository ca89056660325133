// Secrets never reach the log: passwords, bearer tokens, session cookies and CSRF tokens, even at trace level
// and on failed requests.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../plugins/config.js';
import { makeAccount, tempDataDir, testScryptCost } from '../../tests/helpers/testServer.js';

const lines: string[] = [];
let app: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  const config = loadConfig({ WIKI_DATA_DIR: dataDir, LOG_LEVEL: 'trace', WIKI_SQLITE_SYNCHRONOUS: 'NORMAL' }, { auth: { scryptCost: testScryptCost } });
  app = await buildApp(config, { logStream: { write: (line: string) => void lines.push(line) } });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the log', () => {
  it('holds no password, token, session cookie or CSRF token, whether requests succeed or fail', async () => {
    const password = 'correct horse battery staple';
    const alice = await makeAccount(app, 'alice', 'editor', password);
    const secrets = [password, alice.token, alice.sessionCookie, alice.csrf];

    // A password sign-in, right and wrong.
    const form = await app.inject({ url: '/login' });
    const anonCookie = form.cookies.find((c) => c.name === 'ens_csrf')!.value;
    const anonCsrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1];
    for (const attempt of [password, `${password}!`]) {
      await app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ens_csrf=${anonCookie}` },
        payload: new URLSearchParams({ username: 'alice', password: attempt, _csrf: anonCsrf }).toString(),
      });
    }
    // Bearer and cookie requests, good and bad.
    await app.inject({ url: '/api/v1/pages', headers: { authorization: alice.bearer } });
    await app.inject({ url: '/api/v1/pages', headers: { authorization: `Bearer ${alice.token}x` } });
    await app.inject({ method: 'POST', url: '/api/v1/pages', headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf }, payload: { title: 42 } });
    await app.inject({ method: 'POST', url: '/api/v1/pages', headers: { cookie: alice.cookie, 'x-csrf-token': `${alice.csrf}x` }, payload: { title: 'x' } });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
