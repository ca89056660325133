// An in-process Ensemble server that can be stopped and started again on the same port and data directory,
// so clients see a server that went away and came back at the same address with everything it had stored.
// Its accounts (and their sessions and API tokens) live in that data directory, so they survive restarts.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/plugins/config.js';
import { makeAccount, tempDataDir, testScryptCost, type TestAccount, type TestRole } from './testServer.js';

export interface RestartableServer {
  readonly dataDir: string;
  /** http://127.0.0.1:PORT, the same across restarts. */
  readonly url: string;
  /** ws://127.0.0.1:PORT/collab */
  readonly collabUrl: string;
  readonly running: boolean;
  /** The running app; throws while stopped. */
  readonly app: FastifyInstance;
  /** Accounts created at first start, one per role; valid across restarts. */
  readonly accounts: Record<TestRole, TestAccount>;
  /** Creates another account; the server must be running. */
  createAccount(username: string, role: TestRole, password?: string): Promise<TestAccount>;
  /** Closes the app as a shutdown does (sockets get 1012, edits are stored); the data directory stays. */
  stop(): Promise<void>;
  /** Builds a fresh app on the same data directory and listens on the same port again. */
  start(): Promise<void>;
  /** Stops if running and deletes the data directory. */
  dispose(): Promise<void>;
}

export async function startRestartableServer(dataDir = tempDataDir()): Promise<RestartableServer> {
  let app: FastifyInstance | null = null;
  let port = 0;

  const start = async () => {
    if (app) throw new Error('already running');
    const config = loadConfig(
      { WIKI_DATA_DIR: dataDir, WIKI_SQLITE_SYNCHRONOUS: 'NORMAL', LOG_LEVEL: 'silent' },
      { auth: { scryptCost: testScryptCost } },
    );
    const built = await buildApp(config, { logger: false });
    try {
      await built.listen({ port, host: '127.0.0.1' });
    } catch (error) {
      await built.close();
      throw error;
    }
    const address = built.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    port = address.port;
    app = built;
  };
  const stop = async () => {
    const running = app;
    app = null;
    await running?.close();
  };
  const runningApp = () => {
    if (!app) throw new Error('the server is stopped');
    return app;
  };

  await start();
  let accounts: Record<TestRole, TestAccount>;
  try {
    accounts = {
      admin: await makeAccount(runningApp(), 'admin', 'admin'),
      editor: await makeAccount(runningApp(), 'editor', 'editor'),
      reader: await makeAccount(runningApp(), 'reader', 'reader'),
    };
  } catch (error) {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    dataDir,
    url: `http://127.0.0.1:${port}`,
    collabUrl: `ws://127.0.0.1:${port}/collab`,
    get running() {
      return app !== null;
    },
    get app() {
      return runningApp();
    },
    accounts,
    createAccount: (username, role, password) => makeAccount(runningApp(), username, role, password),
    start,
    stop,
    dispose: async () => {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
