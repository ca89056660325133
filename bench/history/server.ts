// An Ensemble server in this process (so the bench can call the revision recorder and read the database),
// listening on loopback, on a temporary data directory that close() removes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth/authenticator.js';
import { loadConfig } from '../../server/plugins/config.js';
import { createBenchAccount, type BenchCredentials } from '../lib/benchAccount.js';

/** The bench types far faster than a person; the per-socket message budget would otherwise close its socket. */
export const BENCH_MESSAGES_PER_SECOND = 100_000;

export interface InProcessServer {
  app: FastifyInstance;
  url: string;
  collabUrl: string;
  credentials: BenchCredentials & { authorization: string };
  /** `Cookie` header of a live session of the bench account, for the web pages. */
  cookie: string;
  close(): Promise<void>;
}

export async function startInProcess(): Promise<InProcessServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-history-'));
  let app: FastifyInstance | null = null;
  const close = async () => {
    try {
      await app?.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  try {
    const credentials = await createBenchAccount(dataDir);
    if (!credentials.authorization) throw new Error('the bench account has no token');
    const config = loadConfig(
      { WIKI_DATA_DIR: dataDir, LOG_LEVEL: 'silent', WIKI_SQLITE_SYNCHRONOUS: 'NORMAL' },
      { collab: { maxMessagesPerSecond: BENCH_MESSAGES_PER_SECOND, messageBurst: BENCH_MESSAGES_PER_SECOND } },
    );
    app = await buildApp(config, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
    const user = app.services.users.findByUsername('bench');
    if (!user) throw new Error('the bench account is missing');
    const session = app.services.sessions.create(user.id);
    return {
      app,
      url: `http://127.0.0.1:${address.port}`,
      collabUrl: `ws://127.0.0.1:${address.port}/collab`,
      credentials: { ...credentials, authorization: credentials.authorization },
      cookie: `${SESSION_COOKIE}=${session.cookie}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
