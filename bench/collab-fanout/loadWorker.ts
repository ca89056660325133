// A load-generator process for bench/collab-fanout.ts: it runs a slice of the clients (see benchClients.ts),
// sends their inserts on a fixed open-loop schedule and reports latency and event-loop lag.
// Forked by the coordinator and driven over IPC (see ipc.ts).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LatencyHistogram } from '../lib/latencyHistogram.js';
import { MeasuringClient, ThinClient, clockMs, type AnyBenchClient, type ClientContext } from './benchClients.js';
import type { Phase } from './insertToken.js';
import type { FromWorker, LagStats, ToWorker, WorkerConfig } from './ipc.js';

/** Sends are checked this often; each client still sends on its own schedule. */
const SEND_TICK_MS = 1;
const DRAIN_POLL_MS = 20;
const LAG_RESOLUTION_MS = 10;

// Every stock provider adds a process 'exit' listener.
process.setMaxListeners(0);

let config: WorkerConfig | null = null;
let clients: AnyBenchClient[] = [];
let phase: Phase | null = null;
let sendTimer: NodeJS.Timeout | null = null;
let measureStartedAt = 0;
const latency = new LatencyHistogram();
const closes = new Map<string, number>();
const lagMonitor = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });

function reply(message: FromWorker): void {
  process.send?.(message);
}

async function connect(cfg: WorkerConfig): Promise<void> {
  config = cfg;
  const context: ClientContext = {
    serverUrl: cfg.serverUrl,
    room: cfg.room,
    headers: cfg.authorization ? { authorization: cfg.authorization } : {},
    displayName: cfg.displayName,
    epochMs: cfg.epochMs,
    latency,
    onUnexpectedClose: (code) => closes.set(code, (closes.get(code) ?? 0) + 1),
  };
  const measuring = cfg.measuringClients ? new Set(cfg.measuringClients) : null;
  const started = clockMs();
  const deadline = started + cfg.connectTimeoutMs;
  for (let first = 0; first < cfg.clientCount; first += cfg.connectBatch) {
    const batch: AnyBenchClient[] = [];
    for (let i = first; i < Math.min(cfg.clientCount, first + cfg.connectBatch); i++) {
      const index = cfg.firstClient + i;
      batch.push(!measuring || measuring.has(index) ? new MeasuringClient(index, context) : new ThinClient(index, context));
    }
    clients.push(...batch);
    await withDeadline(Promise.all(batch.map((c) => c.synced())), deadline, () => {
      return `clients did not all sync within ${cfg.connectTimeoutMs} ms (${clients.length} of ${cfg.clientCount} opened)`;
    });
  }
  reply({ type: 'synced', connectMs: clockMs() - started });
}

function startSending(next: Phase): void {
  const cfg = config!;
  if (next === 'measure') {
    measureStartedAt = clockMs();
    lagMonitor.reset();
    lagMonitor.enable();
  }
  phase = next;
  if (sendTimer) return;
  const interval = 1000 / cfg.updatesPerSecond;
  const now = clockMs();
  for (const client of clients) client.nextSendAt = now + Math.random() * interval;
  // Open loop: a client that falls behind catches up one insert per tick, so the offered load stays fixed.
  sendTimer = setInterval(() => {
    const tickAt = clockMs();
    for (const client of clients) {
      if (client.nextSendAt > tickAt || phase === null) continue;
      client.send(phase);
      client.nextSendAt += interval;
    }
  }, SEND_TICK_MS);
}

function stopSending(): void {
  if (sendTimer) clearInterval(sendTimer);
  sendTimer = null;
  phase = null;
  lagMonitor.disable();
  const windowMs = clockMs() - measureStartedAt;
  const lag: LagStats = {
    p50Ms: lagExcessMs(lagMonitor.percentile(50), windowMs),
    p99Ms: lagExcessMs(lagMonitor.percentile(99), windowMs),
    maxMs: lagExcessMs(lagMonitor.max, windowMs),
  };
  reply({
    type: 'stopped',
    sentPerClient: clients.map((c) => c.sent),
    measuredSent: clients.reduce((sum, c) => sum + c.measuredSent, 0),
    lag,
  });
}

/**
 * The monitor records whole timer intervals, so the lag is what exceeds the resolution. A loop so busy
 * that the monitor's timer never fired in the window has no samples: report that as the window itself.
 */
function lagExcessMs(nanos: number, windowMs: number): number {
  if (lagMonitor.count === 0) return windowMs;
  return Number.isFinite(nanos) && nanos > 0 ? Math.max(0, nanos / 1e6 - LAG_RESOLUTION_MS) : 0;
}

async function drain(measuredSentTotal: number, timeoutMs: number): Promise<void> {
  const expectedOf = (c: AnyBenchClient) => (c.measuring ? measuredSentTotal - c.measuredSent : 0);
  const deadline = clockMs() + timeoutMs;
  while (clockMs() < deadline && clients.some((c) => c.delivered < expectedOf(c))) {
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
  }
  const thin = clients.filter((c): c is ThinClient => c instanceof ThinClient);
  reply({
    type: 'drained',
    delivered: clients.reduce((sum, c) => sum + c.delivered, 0),
    expected: clients.reduce((sum, c) => sum + expectedOf(c), 0),
    latency: latency.snapshot(),
    thinFrames: thin.reduce((sum, c) => sum + c.framesReceived, 0),
    thinBytes: thin.reduce((sum, c) => sum + c.bytesReceived, 0),
    closes: Object.fromEntries(closes),
  });
}

function close(): void {
  for (const client of clients) client.destroy();
  clients = [];
  // Let the close frames go out, then leave.
  setTimeout(() => process.exit(0), 200);
}

async function withDeadline<T>(work: Promise<T>, deadline: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(describe())), Math.max(0, deadline - clockMs()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function fail(error: unknown): void {
  reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  setTimeout(() => process.exit(1), 100);
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'connect':
      connect(message.config).catch(fail);
      return;
    case 'send':
      startSending(message.phase);
      return;
    case 'stop':
      stopSending();
      return;
    case 'drain':
      drain(message.measuredSentTotal, message.timeoutMs).catch(fail);
      return;
    case 'close':
      close();
      return;
  }
});
process.on('uncaughtException', fail);
// The coordinator went away: never outlive it.
process.on('disconnect', () => process.exit(1));
