// Child processes for bench/capacity.ts: Ensemble on a temporary data directory, and the load-generator
// workers. Both are started through `sh -c 'ulimit -n …; exec node …'` so their open-file limit can be raised
// to what 10,000 sockets need (exec keeps the pid, so /proc still reads the right process).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchAccount, type BenchCredentials } from '../lib/benchAccount.js';
import type { FromWorker, ToWorker } from './loadWorker.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

/** The soft and hard "Max open files" limits of this process ('unlimited' as Infinity). */
export function openFileLimits(): { soft: number; hard: number } {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files')) ?? '';
  const [soft, hard] = line.replace('Max open files', '').trim().split(/\s+/).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  return { soft, hard };
}

function spawnNode(args: string[], env: NodeJS.ProcessEnv, openFiles: number, ipc: boolean): ChildProcess {
  const raise = Number.isFinite(openFiles) ? `ulimit -n ${openFiles} 2>/dev/null; ` : '';
  return spawn('/bin/sh', ['-c', `${raise}exec "$0" "$@"`, process.execPath, ...args], {
    cwd: repoRoot,
    env,
    stdio: ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
}

export interface Ensemble {
  pid: number;
  baseUrl: string;
  wsUrl: string;
  dataDir: string;
  credentials: BenchCredentials & { authorization: string };
  child: ChildProcess;
  logTail(): string[];
  stop(): Promise<string>;
  kill(): void;
  cleanup(): void;
}

export async function startEnsemble(extraEnv: Record<string, string>, openFiles: number): Promise<Ensemble> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ensemble-capacity-'));
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  let credentials: BenchCredentials;
  try {
    credentials = await createBenchAccount(dataDir);
  } catch (error) {
    cleanup();
    throw error;
  }
  // Only what is measured may differ from the defaults: drop the caller's WIKI_* settings.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('WIKI_')) env[key] = value;
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', WIKI_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv });
  const child = spawnNode(['--import', 'tsx', 'server/main.ts'], env, openFiles, false);
  if (child.pid === undefined) throw new Error('could not start Ensemble');
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) tail.push(line.slice(0, 300));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const server: Ensemble = {
    pid: child.pid,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    credentials: { ...credentials, authorization: credentials.authorization! },
    child,
    logTail: () => [...tail],
    async stop() {
      if (alive()) child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), 15_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    kill: () => void (alive() && child.kill('SIGKILL')),
    cleanup,
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!alive()) throw new Error(`Ensemble exited before answering:\n  ${tail.join('\n  ')}`);
    try {
      const response = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      server.kill();
      throw new Error('Ensemble did not answer /healthz within 30 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** One forked load generator; `next` awaits its next reply of a type, with a deadline. */
export class Worker {
  readonly pid: number;
  private readonly child: ChildProcess;
  private readonly inbox: FromWorker[] = [];
  private waiter: { type: string; resolve(m: FromWorker): void; reject(e: Error): void } | null = null;
  private exit: string | null = null;

  constructor(
    readonly name: string,
    openFiles: number,
  ) {
    this.child = spawnNode(['--import', 'tsx', path.join(here, 'loadWorker.ts')], process.env, openFiles, true);
    if (this.child.pid === undefined) throw new Error(`could not start ${name}`);
    this.pid = this.child.pid;
    this.child.on('message', (message: FromWorker) => {
      this.inbox.push(message);
      this.pump();
    });
    this.child.on('exit', (code, signal) => {
      this.exit = signal ? `signal ${signal}` : `code ${code}`;
      this.pump();
    });
  }

  send(message: ToWorker): void {
    if (this.exit === null) this.child.send(message);
  }

  next<T extends FromWorker['type']>(type: T, timeoutMs: number): Promise<Reply<T>> {
    return new Promise<FromWorker>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`${this.name}: no '${type}' reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        type,
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
      this.pump();
    }) as Promise<Reply<T>>;
  }

  kill(): void {
    if (this.exit === null && this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  private pump(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const index = this.inbox.findIndex((m) => m.type === waiter.type || m.type === 'error');
    if (index >= 0) {
      this.waiter = null;
      const [message] = this.inbox.splice(index, 1);
      if (message.type === 'error') waiter.reject(new Error(`${this.name}: ${message.message}`));
      else waiter.resolve(message);
    } else if (this.exit !== null) {
      this.waiter = null;
      waiter.reject(new Error(`${this.name} exited (${this.exit}) while waiting for '${waiter.type}'`));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
