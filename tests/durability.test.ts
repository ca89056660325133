// Crash and restart: the server runs as its own process and is killed with SIGKILL while a client types.
// Every update any client received from the server must be in the stored page after a restart.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPage, getPage, tempDataDir, waitFor } from './helpers/testServer.js';
import { seedChildAccounts, startChildServer, type ChildServer } from './helpers/childServer.js';
import { connectLexicalClient, type LexicalClient } from './helpers/lexicalClient.js';
import type { TestAccount, TestRole } from './helpers/testServer.js';

import { jest } from '@jest/globals';

jest.setTimeout(60_000);

let dataDir: string;
let accounts: Record<TestRole, TestAccount>;
let servers: ChildServer[] = [];
let clients: LexicalClient[] = [];

beforeEach(async () => {
  dataDir = tempDataDir();
  accounts = await seedChildAccounts(dataDir);
});
afterEach(async () => {
  for (const c of clients) c.destroy();
  for (const s of servers) {
    if (s.process.exitCode === null && s.process.signalCode === null) s.process.kill('SIGKILL');
    await s.exited;
  }
  clients = [];
  servers = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ChildServer> {
  // The writer types every 2 ms, far past any person's pace: the message-rate limit is not under test here.
  const server = await startChildServer(dataDir, accounts, { WIKI_EVICT_IDLE_MS: '60000', WIKI_COLLAB_MAX_MESSAGES_PER_SECOND: '100000' });
  servers.push(server);
  return server;
}

/** A stock client signed in as one of the seeded accounts, under its own name. */
function connect(server: ChildServer, pageId: string, as: TestAccount): LexicalClient {
  const c = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  clients.push(c);
  return c;
}

function tokensIn(text: string): Set<string> {
  return new Set(text.match(/t\d+/g) ?? []);
}

/** Types "t0 t1 t2 …" through Lexical as fast as timers allow, until stopped. */
function typeContinuously(writer: LexicalClient): () => number {
  let n = 0;
  const timer = setInterval(() => {
    writer.typeAtEnd(`t${n++} `);
  }, 2);
  return () => {
    clearInterval(timer);
    return n;
  };
}

test.each([150, 400, 900])('kill -9 %i ms into continuous typing loses nothing any client received', async (typingMs) => {
  const first = await start();
  const page = await createPage(first, { title: 'Crash test' });
  const writer = connect(first, page.id, accounts.editor);
  const observer = connect(first, page.id, accounts.admin);
  await Promise.all([writer.synced, observer.synced]);

  // The observer's doc only ever holds what the server sent it.
  let received = new Set<string>();
  observer.doc.on('update', () => {
    received = tokensIn(observer.text());
  });
  const stop = typeContinuously(writer);
  // Kill at a point defined by progress, not by the clock alone: on a loaded machine 150 ms of timers may
  // be only a few keystrokes. Once the observer has seen typing arrive, keep typing for typingMs, then kill.
  await waitFor(() => received.size, (n) => n >= 10, 20_000, 'the observer to receive the first words');
  await new Promise((r) => setTimeout(r, typingMs));
  first.process.kill('SIGKILL');
  const typed = stop();
  const snapshot = new Set(received);
  await first.exited;
  writer.provider.disconnect();
  observer.provider.disconnect();

  expect(snapshot.size).toBeGreaterThanOrEqual(10);
  expect(typed).toBeGreaterThanOrEqual(snapshot.size);

  const second = await start();
  const reader = connect(second, page.id, accounts.admin);
  await reader.synced;
  const stored = tokensIn(reader.text());
  const lost = [...snapshot].filter((t) => !stored.has(t));
  expect(lost).toEqual([]);

  // The rendering left stale by the crash is redone on boot.
  const rendered = await waitFor(() => getPage(second, page.id), (p) => tokensIn(p.text).size >= stored.size, 10_000, 'boot re-render');
  expect(tokensIn(rendered.text)).toEqual(stored);

  // The edits no revision had taken become one on start, credited to the person who typed them: who wrote
  // what is stored in the same transaction as what was written.
  const api = (url: string) => fetch(`${second.url}/api/v1/pages/${page.id}${url}`, { headers: { authorization: accounts.admin.bearer } }).then((r) => r.json());
  const history = await waitFor(() => api('/revisions'), (h) => h.items[0]?.trigger === 'recovered', 10_000, 'recovered revision');
  const [recovered] = history.items as { number: number; authors: { username: string; inserted: number }[] }[];
  expect(recovered.authors.map((a) => a.username)).toEqual(['editor']);
  expect(recovered.authors[0].inserted).toBeGreaterThanOrEqual(reader.text().replace(/\s/g, '').length);
  expect(tokensIn((await api(`/revisions/${recovered.number}`)).text)).toEqual(stored);
});

test('SIGTERM stores every update and renders every page before exiting', async () => {
  const server = await start();
  const page = await createPage(server, { title: 'Graceful' });
  const writer = connect(server, page.id, accounts.editor);
  const observer = connect(server, page.id, accounts.admin);
  await Promise.all([writer.synced, observer.synced]);
  for (let i = 0; i < 50; i++) writer.typeAtEnd(`t${i} `);
  await waitFor(() => tokensIn(observer.text()).size, (n) => n === 50, 5000, 'observer catches up');

  server.process.kill('SIGTERM');
  const { code } = await server.exited;
  expect(code).toBe(0);

  const db = new Database(path.join(dataDir, 'ensemble.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT text, version, rendered_version FROM pages WHERE id = ?').get(page.id) as {
      text: string;
      version: number;
      rendered_version: number;
    };
    expect(row.rendered_version).toBe(row.version);
    expect(tokensIn(row.text).size).toBe(50);
    // People were disconnected: what they wrote became a revision, rendered before the process ended.
    const revision = db.prepare('SELECT trigger, html IS NOT NULL AS rendered FROM page_revisions WHERE page_id = ? ORDER BY number DESC LIMIT 1').get(page.id);
    expect(revision).toEqual({ trigger: 'left', rendered: 1 });
  } finally {
    db.close();
  }
});
