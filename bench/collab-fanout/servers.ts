// Starts the two servers the fan-out benchmark compares, each as its own child process on loopback, so their
// CPU and memory can be read from /proc: Ensemble (server/main.ts) and the yjs reference server
// @y/websocket-server, run from its published bin script with persistence off. Ensemble's clients sign in
// with an API token (bench/lib/benchAccount.ts); the peer has no accounts and ignores the header.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DISPLAY_NAME, createBenchAccount, type BenchCredentials } from '../lib/benchAccount.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const READY_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 10_000;
const LOG_TAIL_LINES = 20;

export type ServerKind = 'ensemble' | 'peer';

export const serverLabel: Record<ServerKind, string> = {
  ensemble: 'Ensemble',
  peer: '@y/websocket-server 0.1.1',
};

export interface RunningServer {
  kind: ServerKind;
  pid: number;
  /** serverUrl for WebsocketProvider, and the room it joins. */
  wsUrl: string;
  room: string;
  /** What its clients present: a bearer token for Ensemble, nothing for the peer; the same presence name for both. */
  credentials: BenchCredentials;
  /** Ensemble only: its data directory and database file. */
  dataDir: string | null;
  databaseFile: string | null;
  /** SIGTERM, then SIGKILL if it has not exited in time. Resolves with how it exited, and how long that took. */
  stop(): Promise<{ exit: string; ms: number }>;
  /** Immediate SIGKILL, for cleanup on error. Safe to call at any time. */
  kill(): void;
  /** How the server exited when it did so without being asked to (crash, OOM, someone else's kill); else null. */
  unexpectedExit(): string | null;
  /** The last lines the server printed. */
  logTail(): string[];
  /** Removes its temporary files (synchronous, so it also works from a signal handler). */
  cleanup(): void;
}

export async function startServer(kind: ServerKind, options: { cpuProfileDir?: string } = {}): Promise<RunningServer> {
  return kind === 'ensemble' ? startEnsemble(options.cpuProfileDir) : startPeer(options.cpuProfileDir);
}

async function startEnsemble(cpuProfileDir?: string): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ensemble-bench-'));
  let credentials: BenchCredentials;
  try {
    credentials = await createBenchAccount(dataDir);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const child = spawnNode(
    [...profileArgs(cpuProfileDir), '--import', 'tsx', 'server/main.ts'],
    { PORT: String(port), HOST: '127.0.0.1', WIKI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  );
  const server = wrap('ensemble', child, `ws://127.0.0.1:${port}/collab`, dataDir, credentials);
  try {
    await waitUntilAnswers(child, `http://127.0.0.1:${port}/api/v1/pages`);
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/pages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: credentials.authorization! },
      body: JSON.stringify({ title: 'Bench' }),
    });
    const body = (await response.json()) as { id?: unknown };
    if (response.status !== 201 || typeof body.id !== 'string') {
      throw new Error(`POST /api/v1/pages answered ${response.status} ${JSON.stringify(body)}`);
    }
    server.room = body.id;
    return server;
  } catch (error) {
    server.kill();
    server.cleanup();
    throw withLog(error, server);
  }
}

async function startPeer(cpuProfileDir?: string): Promise<RunningServer> {
  const port = await freePort();
  const require = createRequire(import.meta.url);
  const packageFile = require.resolve('@y/websocket-server/package.json');
  const pkg = require(packageFile) as { version: string; bin: Record<string, string> };
  if (pkg.version !== '0.1.1') throw new Error(`expected @y/websocket-server 0.1.1, found ${pkg.version}`);
  const binScript = path.join(path.dirname(packageFile), pkg.bin['y-websocket-server']);
  // The peer has no SIGTERM handler; with profiling on, give it one so node writes the profile on exit.
  const exitOnSigterm = cpuProfileDir ? ['--import', 'data:text/javascript,process.on("SIGTERM",()=>process.exit(0))'] : [];
  const child = spawnNode([...profileArgs(cpuProfileDir), ...exitOnSigterm, binScript], {
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  const server = wrap('peer', child, `ws://127.0.0.1:${port}`, null, { authorization: null, displayName: BENCH_DISPLAY_NAME }, /^running at /);
  server.room = 'bench';
  try {
    await waitUntilAnswers(child, `http://127.0.0.1:${port}/`);
    return server;
  } catch (error) {
    server.kill();
    throw withLog(error, server);
  }
}

function profileArgs(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/**
 * The child gets this machine's environment minus anything that would change what is measured:
 * YPERSISTENCE would turn on the peer's LevelDB persistence, CALLBACK_* its HTTP callbacks, and
 * WIKI_* would override Ensemble's defaults.
 */
function spawnNode(args: string[], extraEnv: Record<string, string>): ChildProcess {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'YPERSISTENCE' || key.startsWith('CALLBACK_') || key.startsWith('WIKI_') || key === 'GC') continue;
    env[key] = value;
  }
  return spawn(process.execPath, args, { cwd: repoRoot, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function wrap(
  kind: ServerKind,
  child: ChildProcess,
  wsUrl: string,
  dataDir: string | null,
  credentials: BenchCredentials,
  /** A startup banner not worth showing. */
  banner?: RegExp,
): RunningServer & { room: string } {
  if (child.pid === undefined) throw new Error(`could not start ${serverLabel[kind]}`);
  const pid = child.pid;
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '' || banner?.test(line)) continue;
      tail.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let stopRequested = false;
  let unexpectedExit: string | null = null;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!stopRequested) unexpectedExit = `${how} at ${new Date().toISOString()}`;
      resolve(how);
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    kind,
    pid,
    wsUrl,
    room: '',
    credentials,
    dataDir,
    databaseFile: dataDir ? path.join(dataDir, 'ensemble.db') : null,
    async stop() {
      const started = performance.now();
      stopRequested = true;
      if (alive()) child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
      try {
        return { exit: await exited, ms: performance.now() - started };
      } finally {
        clearTimeout(timer);
      }
    },
    kill() {
      stopRequested = true;
      if (alive()) child.kill('SIGKILL');
    },
    unexpectedExit: () => unexpectedExit,
    logTail: () => [...tail],
    cleanup() {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAnswers(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.signalCode ?? `code ${child.exitCode}`}) before answering ${url}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${READY_TIMEOUT_MS} ms`);
}

function withLog(error: unknown, server: RunningServer): Error {
  const message = error instanceof Error ? error.message : String(error);
  const log = server.logTail();
  return new Error(log.length > 0 ? `${message}\n  server output:\n    ${log.join('\n    ')}` : message);
}

/** A port that was free a moment ago on 127.0.0.1. */
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
