// Live-sync fan-out benchmark (PRODUCT.md, Targets → Live sync): N editors in one page, each typing a fixed
// number of inserts a second, against Ensemble and against the yjs reference server @y/websocket-server 0.1.1.
//
// How: each server runs as a child process on 127.0.0.1 (so /proc gives its own CPU and RSS). The clients are
// stock y-websocket WebsocketProviders, one Y.Doc each, spread over forked load-generator processes. Every
// insert is a token "<phase><client>:<seq>:<sentAt>;" typed at a random position in doc.getText('bench');
// every client reads the tokens of other clients' transactions as it integrates them and records
// now − sentAt (one cross-process clock: performance.timeOrigin + performance.now()). After all clients have
// synced: warm-up, then the measurement window (only inserts sent in it are counted, wherever they arrive),
// then sending stops and clients wait for stragglers. Server CPU is utime+stime over the measurement window,
// as % of one core; RSS is the peak VmRSS sampled over the run. For Ensemble the server is then stopped with
// SIGTERM and the page is rebuilt from its SQLite update log to count the inserts that were stored.
//
// Caveat: the load generator shares the machine's cores with the server, and a full Y.Doc client pays
// O(clients in the doc) per transaction, so N full clients cost the generator O(N³). Its event-loop lag and
// CPU are printed; when it lags, latencies include client-side queueing and say little about the server.
// `--observers K` keeps K evenly spread clients as full measuring providers and makes the others thin
// protocol clients (benchClients.ts) that send the same inserts and read every frame without integrating
// them: the server's work is unchanged, the generator's drops to O(N²) frames, and latency is what the K
// measuring clients observe.
//
//   npx tsx bench/collab-fanout.ts [--clients 100,300,1000] [--rate 2] [--seconds 10]
//                                  [--warmup 2] [--observers all|K] [--servers ensemble,peer]
//                                  [--workers auto|N] [--cpu-prof-dir DIR]
// Exit code: 0 when every run finished, 1 when one could not (it is reported and the others still run),
// 2 for bad arguments. Both servers and all load processes are killed on every path out.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { LatencyHistogram } from './lib/latencyHistogram.js';
import { CpuWindow, RssSampler, statusBytes } from './lib/procStats.js';
import { LoadWorkerProcess } from './collab-fanout/loadWorkers.js';
import { checkPersisted } from './collab-fanout/persistenceCheck.js';
import { printRatios, printRun, printSummary, type RunOutcome, type RunResult } from './collab-fanout/report.js';
import { serverLabel, startServer, type RunningServer, type ServerKind } from './collab-fanout/servers.js';

const CLIENTS_PER_WORKER = 150;
const CONNECT_BATCH = 25;
const CONNECT_TIMEOUT_MS = 20_000;
const DRAIN_TIMEOUT_MS = 5_000;
const REPLY_TIMEOUT_MS = 10_000;

const USAGE = `usage: npx tsx bench/collab-fanout.ts [--clients 100,300,1000] [--rate 2] [--seconds 10]
                                      [--warmup 2] [--observers all|K] [--servers ensemble,peer]
                                      [--workers auto|N] [--cpu-prof-dir DIR]
  --clients       comma-separated client counts, each 2..5000 (default 100,300,1000)
  --rate          inserts per client per second, 0.1..50 (default 2)
  --seconds       measurement window in seconds, 1..60 (default 10)
  --warmup        seconds of sending before measuring, 0..30 (default 2)
  --observers     how many clients are full y-websocket providers that measure latency; the others are
                  thin protocol clients that send the same load (default all)
  --servers       which servers to run, in order (default ensemble,peer)
  --workers       load-generator processes per run, 1..16, or auto (default auto: one per ${CLIENTS_PER_WORKER}
                  clients, at most one per core)
  --cpu-prof-dir  write V8 CPU profiles of the servers and load workers there (node --cpu-prof)`;

interface Options {
  clients: number[];
  rate: number;
  seconds: number;
  warmup: number;
  observers: number | 'all';
  servers: ServerKind[];
  workers: number | 'auto';
  cpuProfileDir: string | undefined;
}

const live = { servers: new Set<RunningServer>(), workers: new Set<LoadWorkerProcess>() };

function killEverything(): void {
  for (const worker of live.workers) worker.kill();
  for (const server of live.servers) {
    server.kill();
    server.cleanup();
  }
}

class UsageError extends Error {}

/** "ensemble,peer" → ['ensemble', 'peer']; [] when any name is unknown or repeated. */
function serverList(raw: string): ServerKind[] {
  const names = raw.split(',').map((name) => name.trim());
  const valid = names.every((n): n is ServerKind => n === 'ensemble' || n === 'peer') && new Set(names).size === names.length;
  return valid ? (names as ServerKind[]) : [];
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        clients: { type: 'string', default: '100,300,1000' },
        rate: { type: 'string', default: '2' },
        seconds: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '2' },
        observers: { type: 'string', default: 'all' },
        servers: { type: 'string', default: 'ensemble,peer' },
        workers: { type: 'string', default: 'auto' },
        'cpu-prof-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const problems: string[] = [];
  const number = (name: string, raw: string, min: number, max: number, integer: boolean): number => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      problems.push(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${raw}")`);
      return NaN;
    }
    return value;
  };
  const clients = values.clients.split(',').map((part) => number('clients', part.trim(), 2, 5000, true));
  const options: Options = {
    clients,
    rate: number('rate', values.rate, 0.1, 50, false),
    seconds: number('seconds', values.seconds, 1, 60, false),
    warmup: number('warmup', values.warmup, 0, 30, false),
    observers: values.observers === 'all' ? 'all' : number('observers', values.observers, 2, 5000, true),
    servers: serverList(values.servers),
    workers: values.workers === 'auto' ? 'auto' : number('workers', values.workers, 1, 16, true),
    cpuProfileDir: values['cpu-prof-dir'],
  };
  if (options.servers.length === 0) problems.push(`--servers must list ensemble, peer or both (got "${values.servers}")`);
  if (typeof options.observers === 'number' && clients.some((n) => n < (options.observers as number))) {
    problems.push(`--observers must not exceed any --clients count (got ${options.observers})`);
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return options;
}

async function runOnce(kind: ServerKind, clients: number, options: Options): Promise<RunResult> {
  const workerCount = Math.min(
    clients,
    options.workers === 'auto'
      ? Math.min(os.availableParallelism(), Math.ceil(clients / CLIENTS_PER_WORKER))
      : options.workers,
  );
  const measuringClients = options.observers === 'all' ? null : spread(options.observers, clients);
  const server = await startServer(kind, { cpuProfileDir: options.cpuProfileDir });
  live.servers.add(server);
  const workers: LoadWorkerProcess[] = [];
  try {
    const rss = new RssSampler(server.pid);
    const epochMs = performance.timeOrigin + performance.now();
    let firstClient = 0;
    for (let w = 0; w < workerCount; w++) {
      const worker = new LoadWorkerProcess(`load worker ${w + 1}/${workerCount}`, { cpuProfileDir: options.cpuProfileDir });
      workers.push(worker);
      live.workers.add(worker);
      const clientCount = Math.floor(clients / workerCount) + (w < clients % workerCount ? 1 : 0);
      worker.send({
        type: 'connect',
        config: {
          serverUrl: server.wsUrl,
          room: server.room,
          authorization: server.credentials.authorization,
          displayName: server.credentials.displayName,
          firstClient,
          clientCount,
          measuringClients,
          updatesPerSecond: options.rate,
          epochMs,
          connectBatch: CONNECT_BATCH,
          connectTimeoutMs: CONNECT_TIMEOUT_MS,
        },
      });
      firstClient += clientCount;
    }
    const synced = await Promise.all(workers.map((w) => w.next('synced', CONNECT_TIMEOUT_MS + REPLY_TIMEOUT_MS)));
    const connectMs = Math.max(...synced.map((s) => s.connectMs));

    for (const worker of workers) worker.send({ type: 'send', phase: 'warmup' });
    await sleep(options.warmup * 1000);

    const cpuWindow = new CpuWindow({
      server: [server.pid],
      generator: workers.map((w) => w.pid),
      coordinator: [process.pid],
    });
    for (const worker of workers) worker.send({ type: 'send', phase: 'measure' });
    await sleep(options.seconds * 1000);
    for (const worker of workers) worker.send({ type: 'stop' });
    const cpu = cpuWindow.finish();
    const stopped = await Promise.all(workers.map((w) => w.next('stopped', REPLY_TIMEOUT_MS)));
    const measuredSent = stopped.reduce((sum, s) => sum + s.measuredSent, 0);
    const sentPerClient = stopped.flatMap((s) => s.sentPerClient);

    for (const worker of workers) worker.send({ type: 'drain', measuredSentTotal: measuredSent, timeoutMs: DRAIN_TIMEOUT_MS });
    const drained = await Promise.all(workers.map((w) => w.next('drained', DRAIN_TIMEOUT_MS + REPLY_TIMEOUT_MS)));
    const latency = new LatencyHistogram();
    const closes: Record<string, number> = {};
    for (const d of drained) {
      latency.merge(d.latency);
      for (const [code, count] of Object.entries(d.closes)) closes[code] = (closes[code] ?? 0) + count;
    }
    await Promise.all(workers.map((w) => w.close(REPLY_TIMEOUT_MS)));

    const serverRssPeak = Math.max(rss.stop(), statusBytes(server.pid, 'VmRSS') ?? 0);
    const shutdown = await server.stop();
    live.servers.delete(server);
    // Checked even after a SIGKILL: every update a client has seen must be stored by then anyway.
    const persistence = kind === 'ensemble' ? checkPersisted(server.databaseFile!, server.room, sentPerClient) : null;
    return {
      kind,
      clients,
      measuring: measuringClients ? measuringClients.length : clients,
      workers: workerCount,
      connectMs,
      measuredSent,
      measuredWallMs: cpu.wallMs,
      delivered: drained.reduce((sum, d) => sum + d.delivered, 0),
      expected: drained.reduce((sum, d) => sum + d.expected, 0),
      latency,
      serverCpuPct: cpu.groups.server,
      serverRssPeak,
      generatorCpuPct: cpu.groups.generator,
      machineCpuPct: cpu.machine,
      otherCpuPct: cpu.others,
      lag: {
        p50Ms: Math.max(...stopped.map((s) => s.lag.p50Ms)),
        p99Ms: Math.max(...stopped.map((s) => s.lag.p99Ms)),
        maxMs: Math.max(...stopped.map((s) => s.lag.maxMs)),
      },
      closes,
      shutdown,
      thinFrames: drained.reduce((sum, d) => sum + d.thinFrames, 0),
      thinBytes: drained.reduce((sum, d) => sum + d.thinBytes, 0),
      persistence,
      serverDied: server.unexpectedExit(),
      serverLog: server.logTail(),
    };
  } finally {
    for (const worker of workers) {
      worker.kill();
      live.workers.delete(worker);
    }
    server.kill();
    live.servers.delete(server);
    server.cleanup();
  }
}

/** k indexes spread evenly over 0..n-1, so measuring clients sit all along the server's connection list. */
function spread(k: number, n: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor((i * n) / k));
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Resolves true when every run finished. */
async function main(): Promise<boolean> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`collab-fanout: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killEverything();
      process.exit(130);
    });
  }
  console.log(
    `collab-fanout: clients ${options.clients.join(',')}, ${options.rate} updates/s each, ` +
      `${options.warmup} s warm-up + ${options.seconds} s measured; node ${process.version}, pid ${process.pid}\n`,
  );
  const outcomes: RunOutcome[] = [];
  for (const clients of options.clients) {
    const pair: Partial<Record<ServerKind, RunResult>> = {};
    for (const kind of options.servers) {
      try {
        const result = await runOnce(kind, clients, options);
        printRun(result, options.rate);
        outcomes.push(result);
        pair[kind] = result;
      } catch (error) {
        // A run that cannot finish (say, clients that never sync) is a finding too: report it, go on.
        const message = error instanceof Error ? error.message : String(error);
        console.log(`── ${serverLabel[kind]}, N=${clients} ──\n  FAILED:     ${message}`);
        outcomes.push({ kind, clients, error: message });
      }
    }
    printRatios(pair.ensemble, pair.peer);
  }
  printSummary(outcomes);
  return outcomes.every((r) => !('error' in r));
}

main().then(
  (allRan) => process.exit(allRan ? 0 : 1),
  (error: unknown) => {
    killEverything();
    process.stderr.write(`collab-fanout failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
