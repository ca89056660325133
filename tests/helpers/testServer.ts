// Starts a real Ensemble server on a loopback port with its own SQLite file in a temp directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config, type DeepPartial } from '../../server/plugins/config.js';

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/collab — the WebsocketProvider server URL. */
  collabUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-test-'));
}

export async function startTestServer(overrides: DeepPartial<Config> = {}, dataDir = tempDataDir()): Promise<TestServer> {
  const config = loadConfig(
    { WIKI_DATA_DIR: dataDir, WIKI_SQLITE_SYNCHRONOUS: 'NORMAL', LOG_LEVEL: 'silent' },
    overrides,
  );
  const app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
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

export async function createPage(server: { url: string }, body: Record<string, unknown>): Promise<{ id: string; slug: string; title: string; url: string }> {
  const response = await fetch(`${server.url}/api/v1/pages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; slug: string; title: string; url: string };
}

export async function getPage(server: { url: string }, idOrSlug: string): Promise<{ text: string; html: string; title: string }> {
  const response = await fetch(`${server.url}/api/v1/pages/${encodeURIComponent(idOrSlug)}`);
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
