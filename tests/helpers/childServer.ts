// Runs Ensemble as a separate process (node + tsx), as production does, so tests can kill it for real.
// The process has no accounts of its own: seedChildAccounts writes them into its data directory first.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildAccountServices } from '../../server/app.js';
import { loadConfig } from '../../server/plugins/config.js';
import { migrate, openDatabase } from '../../server/plugins/db.js';
import { projectRoot } from '../../server/paths.js';
import { seedAccount, testScryptCost, type TestAccount, type TestRole } from './testServer.js';

export interface ChildServer {
  process: ChildProcess;
  url: string;
  collabUrl: string;
  /** The accounts seedChildAccounts created in its data directory. */
  accounts: Record<TestRole, TestAccount>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/**
 * Creates one account per role in a data directory, through the same services the server uses, before a
 * child server opens it. Their sessions are real, but they carry no CSRF token (the child's secret is its
 * own): tests act through the bearer token.
 */
export async function seedChildAccounts(dataDir: string): Promise<Record<TestRole, TestAccount>> {
  const config = loadConfig({ WIKI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, { auth: { scryptCost: testScryptCost } });
  const db = openDatabase(config.databaseFile, config.sqliteSynchronous);
  try {
    migrate(db);
    const services = buildAccountServices(db, config);
    const make = (username: string, role: TestRole) => seedAccount(services, username, role);
    return { admin: await make('admin', 'admin'), editor: await make('editor', 'editor'), reader: await make('reader', 'reader') };
  } finally {
    db.close();
  }
}

export function startChildServer(dataDir: string, accounts: Record<TestRole, TestAccount>, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/main.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      WIKI_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
        resolve({
          process: child,
          url: match[1],
          collabUrl: `ws://127.0.0.1:${match[2]}/collab`,
          accounts,
          exited,
          output: () => output,
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}
