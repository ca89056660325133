// Capacity benchmark (PRODUCT.md, Targets → Capacity): "10,000 open connections across 1,000 pages in one
// process, under 1 GiB RSS. Idle pages leave memory after their state is safely stored."
//
// How: Ensemble runs as a child process on a temporary data directory with a short WIKI_EVICT_IDLE_MS, so
// /proc gives its own RSS and CPU. The bench account (bench/lib/benchAccount.ts) creates the pages through
// the API, then the connections are opened evenly across the pages (connection i joins page i mod pages)
// from forked load-generator processes (bench/capacity/loadWorker.ts), each a thin y-protocols client with a
// bearer header. Once all have synced, one connection per page types a small token every --interval seconds
// for --duration seconds, and a second connection of the same page (in another process when there are
// several) records the delivery latency. Then every client closes, the bench waits for the server to evict
// every room (rooms must reach 0), stops the server and rebuilds each page from its SQLite update log to
// check that every token sent is stored. Server heap and event-loop lag come from its /metrics.
//
//   npx tsx bench/capacity.ts [--pages 1000] [--connections 10000] [--workers auto|N] [--duration 20]
//                             [--interval 5] [--evict-ms 2000]
// Exit code: 0 when every check passed, 1 when one failed or the run could not finish, 2 for bad arguments.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { LatencyHistogram } from './lib/latencyHistogram.js';
import { CpuWindow, RssSampler, statusBytes } from './lib/procStats.js';
import type { ConnectionPlan } from './capacity/loadWorker.js';
import { openFileLimits, startEnsemble, Worker, type Ensemble } from './capacity/processes.js';

const GIB = 1024 ** 3;
const CONNECT_BATCH = 100;
const REPLY_MS = 15_000;
const HARD_LIMIT_MS = 15 * 60_000;

const USAGE = `usage: npx tsx bench/capacity.ts [--pages 1000] [--connections 10000] [--workers auto|N]
                                  [--duration 20] [--interval 5] [--evict-ms 2000]`;

const live = { server: null as Ensemble | null, workers: [] as Worker[] };
function killEverything(): void {
  for (const worker of live.workers) worker.kill();
  live.server?.kill();
  live.server?.cleanup();
}

function options() {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '1000' },
      connections: { type: 'string', default: '10000' },
      workers: { type: 'string', default: 'auto' },
      duration: { type: 'string', default: '20' },
      interval: { type: 'string', default: '5' },
      'evict-ms': { type: 'string', default: '2000' },
    },
  });
  const int = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return n;
  };
  const pages = int('pages', values.pages, 1, 10_000);
  const connections = int('connections', values.connections, pages, 50_000);
  const workers = values.workers === 'auto' ? Math.min(4, Math.max(1, Math.ceil(connections / 2500))) : int('workers', values.workers, 1, 16);
  return {
    pages,
    connections,
    workers,
    duration: int('duration', values.duration, 1, 300),
    interval: int('interval', values.interval, 1, 60),
    evictMs: int('evict-ms', values['evict-ms'], 100, 60_000),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 ** 2).toFixed(1)} MiB`);
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');

async function json<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as T };
}

async function health(server: Ensemble): Promise<{ rooms: number; connections: number }> {
  return (await json<{ rooms: number; connections: number }>(`${server.baseUrl}/healthz`)).body;
}

/** Heap used and event-loop lag (p99, max since the last scrape: prom-client resets its histogram) from /metrics. */
async function serverMetrics(server: Ensemble): Promise<{ heapUsed: number | null; lagP99Ms: number; lagMaxMs: number }> {
  try {
    const response = await fetch(`${server.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    const read = (name: string) => {
      const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
      return match ? Number(match[1]) : NaN;
    };
    const heap = read('ensemble_nodejs_heap_size_used_bytes');
    return {
      heapUsed: Number.isFinite(heap) ? heap : null,
      lagP99Ms: read('ensemble_nodejs_eventloop_lag_p99_seconds') * 1000,
      lagMaxMs: read('ensemble_nodejs_eventloop_lag_max_seconds') * 1000,
    };
  } catch {
    return { heapUsed: null, lagP99Ms: NaN, lagMaxMs: NaN };
  }
}

async function createPages(server: Ensemble, count: number): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  const one = async () => {
    for (let i = next++; i < count; i = next++) {
      const { status, body } = await json<{ id?: string }>(`${server.baseUrl}/api/v1/pages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: server.credentials.authorization },
        body: JSON.stringify({ title: `Capacity ${i + 1}` }),
      });
      if (status !== 201 || typeof body.id !== 'string') throw new Error(`POST /api/v1/pages answered ${status} ${JSON.stringify(body)}`);
      ids[i] = body.id;
    }
  };
  await Promise.all(Array.from({ length: 16 }, one));
  return ids;
}

/** Rebuilds each page that was written to from the stopped server's SQLite file and counts the tokens found. */
function persistedTokens(databaseFile: string, pageIds: string[], sentPerPage: Record<number, number>): number {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  const load = db.prepare('SELECT data FROM page_updates WHERE page_id = ? ORDER BY id').pluck();
  let found = 0;
  try {
    for (const [pageText, sent] of Object.entries(sentPerPage)) {
      const page = Number(pageText);
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const row of load.all(pageIds[page]) as Buffer[]) Y.applyUpdate(doc, row);
      });
      const seqs = new Set<number>();
      for (const token of doc.getText('bench').toString().split(';')) {
        const [p, seq] = token.split(':').map(Number);
        if (p === page && seq < sent) seqs.add(seq);
      }
      found += seqs.size;
      doc.destroy();
    }
  } finally {
    db.close();
  }
  return found;
}

async function run(): Promise<boolean> {
  const opts = options();
  const perWorker = Math.ceil(opts.connections / opts.workers);
  const limits = openFileLimits();
  const serverFiles = opts.connections + 1024;
  const workerFiles = perWorker + 1024;
  const needed = Math.max(serverFiles, workerFiles);
  if (limits.hard < needed) {
    throw new Error(`the hard open-file limit is ${limits.hard}, but the server needs ~${serverFiles} and each worker ~${workerFiles}: ` +
      `raise it (ulimit -Hn as root, or LimitNOFILE) or use fewer --connections / more --workers`);
  }
  console.log(
    `capacity: ${opts.connections} connections across ${opts.pages} pages, ${opts.workers} load workers, ` +
      `1 update per page every ${opts.interval} s for ${opts.duration} s, WIKI_EVICT_IDLE_MS=${opts.evictMs}; ` +
      `node ${process.version}, ${os.availableParallelism()} cores, open files soft/hard ${limits.soft}/${limits.hard}` +
      `${limits.soft < needed ? ` (raised to ${needed} in the child processes)` : ''}\n`,
  );
  const checks: [string, boolean][] = [];

  const server = await startEnsemble({ WIKI_EVICT_IDLE_MS: String(opts.evictMs) }, needed);
  live.server = server;
  const rss = new RssSampler(server.pid);
  const idleRss = statusBytes(server.pid, 'VmRSS');
  let started = performance.now();
  let phaseRss = new RssSampler(server.pid);
  const pageIds = await createPages(server, opts.pages);
  console.log(`pages created:      ${opts.pages} in ${((performance.now() - started) / 1000).toFixed(1)} s; server RSS ${mib(statusBytes(server.pid, 'VmRSS'))}, peak ${mib(phaseRss.stop())} (at start ${mib(idleRss)})`);

  // Connection i joins page i mod pages; the first of each page sends, the second receives.
  const plans: ConnectionPlan[] = Array.from({ length: opts.connections }, (_, i) => {
    const slot = Math.floor(i / opts.pages);
    return { page: i % opts.pages, role: slot === 0 ? 'sender' : slot === 1 ? 'receiver' : 'idle' };
  });
  const connectTimeoutMs = Math.max(60_000, opts.connections * 20);
  for (let w = 0; w < opts.workers; w++) {
    const worker = new Worker(`load worker ${w + 1}/${opts.workers}`, needed);
    live.workers.push(worker);
    worker.send({
      type: 'connect',
      serverUrl: server.wsUrl,
      pageIds,
      authorization: server.credentials.authorization,
      displayName: server.credentials.displayName,
      plans: plans.slice(w * perWorker, (w + 1) * perWorker),
      batch: CONNECT_BATCH,
      timeoutMs: connectTimeoutMs,
    });
  }
  started = performance.now();
  phaseRss = new RssSampler(server.pid);
  const connectCpu = new CpuWindow({ server: [server.pid] });
  const synced = await Promise.all(live.workers.map((w) => w.next('synced', connectTimeoutMs + REPLY_MS)));
  const connectSeconds = (performance.now() - started) / 1000;
  const connectCpuPct = connectCpu.finish().groups.server;
  const connectPeakRss = phaseRss.stop();
  const openClients = synced.reduce((sum, s) => sum + s.open, 0);
  await sleep(3_000);
  const afterConnect = await health(server);
  const connectedRss = statusBytes(server.pid, 'VmRSS');
  const connectedMetrics = await serverMetrics(server);
  console.log(`connected:          ${openClients} of ${opts.connections} synced in ${connectSeconds.toFixed(1)} s (server CPU ${connectCpuPct.toFixed(0)}% of a core, RSS peak ${mib(connectPeakRss)})`);
  console.log(`server says:        ${afterConnect.connections} connections, ${afterConnect.rooms} pages open`);
  console.log(`server RSS (steady, all connected, 3 s after sync): ${mib(connectedRss)}; heap used ${mib(connectedMetrics.heapUsed)}`);
  checks.push([`all ${opts.connections} connections open`, afterConnect.connections === opts.connections && openClients === opts.connections]);
  checks.push([`all ${opts.pages} pages open`, afterConnect.rooms === opts.pages]);

  const senders = plans.filter((p) => p.role === 'sender').length;
  const receivers = plans.filter((p) => p.role === 'receiver').length;
  phaseRss = new RssSampler(server.pid);
  const window = new CpuWindow({ server: [server.pid], generator: live.workers.map((w) => w.pid) });
  for (const worker of live.workers) worker.send({ type: 'send', intervalMs: opts.interval * 1000 });
  await sleep(opts.duration * 1000);
  for (const worker of live.workers) worker.send({ type: 'stop' });
  const stopped = await Promise.all(live.workers.map((w) => w.next('stopped', REPLY_MS)));
  const cpu = window.finish();
  const sendPeakRss = phaseRss.stop();
  const sentPerPage: Record<number, number> = Object.assign({}, ...stopped.map((s) => s.sentPerPage));
  for (const worker of live.workers) worker.send({ type: 'drain', sentPerPage, timeoutMs: 10_000 });
  const drained = await Promise.all(live.workers.map((w) => w.next('drained', 10_000 + REPLY_MS)));
  const windowMetrics = await serverMetrics(server);
  const duringHealth = await health(server);
  const steadyRss = statusBytes(server.pid, 'VmRSS');
  const latency = new LatencyHistogram();
  for (const d of drained) latency.merge(d.latency);
  const sent = Object.values(sentPerPage).reduce((sum, n) => sum + n, 0);
  const delivered = drained.reduce((sum, d) => sum + d.delivered, 0);
  const expected = drained.reduce((sum, d) => sum + d.expected, 0);
  const closes: Record<string, number> = {};
  for (const d of drained) for (const [code, n] of Object.entries(d.closes)) closes[code] = (closes[code] ?? 0) + n;
  console.log(`\nupdates:            ${senders} senders sent ${sent} in ${(cpu.wallMs / 1000).toFixed(1)} s; ${receivers} receivers got ${delivered} of ${expected}`);
  console.log(`delivery latency:   p50 ${ms(latency.quantileMs(0.5))}, p99 ${ms(latency.quantileMs(0.99))}, max ${ms(latency.maxMs())}`);
  console.log(`server during:      CPU ${cpu.groups.server.toFixed(1)}% of a core; RSS peak ${mib(sendPeakRss)}, at end ${mib(steadyRss)}; heap used ${mib(windowMetrics.heapUsed)}; ` +
    `event-loop lag p99 ${ms(windowMetrics.lagP99Ms)}, max ${ms(windowMetrics.lagMaxMs)}`);
  console.log(`load generator:     CPU ${cpu.groups.generator.toFixed(1)}% of a core; event-loop lag p99 ${ms(Math.max(...stopped.map((s) => s.lagP99Ms)))}`);
  console.log(`still open:         ${duringHealth.connections} connections, ${duringHealth.rooms} pages; unexpected closes ${JSON.stringify(closes)}`);
  checks.push(['every update reached the other client of its page', expected > 0 && delivered === expected]);
  checks.push(['no connection dropped', Object.keys(closes).length === 0 && duringHealth.connections === opts.connections]);

  const peakRss = rss.stop();
  console.log(`server RSS peak (whole run, connected): ${mib(peakRss)}`);
  checks.push(['server RSS peak under 1 GiB', peakRss < GIB]);

  started = performance.now();
  await Promise.all(live.workers.map((w) => (w.send({ type: 'close', timeoutMs: 10_000 }), w.next('closed', 10_000 + REPLY_MS))));
  for (const worker of live.workers) worker.kill();
  const closedSeconds = (performance.now() - started) / 1000;
  let after = await health(server);
  const evictDeadline = performance.now() + opts.evictMs + 60_000;
  while ((after.rooms > 0 || after.connections > 0) && performance.now() < evictDeadline) {
    await sleep(100);
    after = await health(server);
  }
  const evictedSeconds = (performance.now() - started) / 1000;
  const evictedRss = statusBytes(server.pid, 'VmRSS');
  await sleep(5_000);
  const settledRss = statusBytes(server.pid, 'VmRSS');
  const settledMetrics = await serverMetrics(server);
  console.log(`\nclients closed in ${closedSeconds.toFixed(1)} s; rooms ${after.rooms}, connections ${after.connections} ${evictedSeconds.toFixed(1)} s after closing began`);
  console.log(`server RSS after eviction: ${mib(evictedRss)} at once, ${mib(settledRss)} 5 s later (peak was ${mib(peakRss)}); heap used ${mib(settledMetrics.heapUsed)}`);
  checks.push(['rooms fall to 0 after clients leave', after.rooms === 0 && after.connections === 0]);

  const exit = await server.stop();
  const found = persistedTokens(path.join(server.dataDir, 'ensemble.db'), pageIds, sentPerPage);
  console.log(`server stopped (${exit}); SQLite holds ${found} of ${sent} sent updates`);
  checks.push(['every sent update is stored', found === sent]);
  server.cleanup();
  live.server = null;

  console.log('\nchecks:');
  for (const [name, ok] of checks) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}`);
  return checks.every(([, ok]) => ok);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killEverything();
    process.exit(130);
  });
}
const hardLimit = setTimeout(() => {
  process.stderr.write(`capacity: still running after ${HARD_LIMIT_MS / 60_000} min; stopping\n`);
  killEverything();
  process.exit(1);
}, HARD_LIMIT_MS);

run().then(
  (ok) => {
    clearTimeout(hardLimit);
    process.exit(ok ? 0 : 1);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const log = live.server?.logTail() ?? [];
    process.stderr.write(`capacity failed: ${message}\n${log.length ? `  server output:\n    ${log.join('\n    ')}\n` : ''}${USAGE}\n`);
    killEverything();
    process.exit(/^--|Unknown option|Unexpected argument/.test(message) ? 2 : 1);
  },
);
