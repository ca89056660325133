// Prints the fan-out benchmark's figures: one block per run, the Ensemble/peer ratios per client count,
// and a summary table. Flags runs whose figures cannot be trusted (saturated generator, busy machine).
import os from 'node:os';
import type { LatencyHistogram } from '../lib/latencyHistogram.js';
import type { LagStats } from './ipc.js';
import type { PersistenceResult } from './persistenceCheck.js';
import { serverLabel, type ServerKind } from './servers.js';

/** Above this event-loop lag (p99) the generator, not the server, dominates the latencies. */
const GENERATOR_LAG_WARN_MS = 10;
/** CPU use by processes outside the benchmark above which a run's figures are flagged as noisy. */
const OTHER_LOAD_WARN_PCT = 20;

export interface RunResult {
  kind: ServerKind;
  clients: number;
  /** Clients that were full measuring providers. */
  measuring: number;
  workers: number;
  connectMs: number;
  measuredSent: number;
  measuredWallMs: number;
  delivered: number;
  expected: number;
  latency: LatencyHistogram;
  serverCpuPct: number;
  serverRssPeak: number;
  generatorCpuPct: number;
  /** All cores' busy time over the window, and the part of it used by processes outside this benchmark. */
  machineCpuPct: number;
  otherCpuPct: number;
  lag: LagStats;
  closes: Record<string, number>;
  /** How the server exited after SIGTERM (SIGKILL when it took longer than the servers module allows). */
  shutdown: { exit: string; ms: number };
  thinFrames: number;
  thinBytes: number;
  persistence: PersistenceResult | null;
  /** Set when the server exited before it was stopped. */
  serverDied: string | null;
  serverLog: string[];
}

export interface FailedRun {
  kind: ServerKind;
  clients: number;
  error: string;
}

export type RunOutcome = RunResult | FailedRun;


const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const pct = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(1));
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–');

export function printRun(r: RunResult, ratePerClient: number): void {
  const lines = [
    `── ${serverLabel[r.kind]}, N=${r.clients} ──`,
    `  clients:    ${describeClients(r)} in ${r.workers} load-generator process${r.workers > 1 ? 'es' : ''}` +
      `, all synced in ${(r.connectMs / 1000).toFixed(1)} s`,
    `  generator:  CPU ${pct(r.generatorCpuPct)}% of one core, event-loop lag p50 ${ms(r.lag.p50Ms)} ms, ` +
      `p99 ${ms(r.lag.p99Ms)} ms, max ${ms(r.lag.maxMs)} ms (worst process)`,
    `  sent:       ${r.measuredSent} updates in ${(r.measuredWallMs / 1000).toFixed(1)} s ` +
      `(${(r.measuredSent / (r.measuredWallMs / 1000)).toFixed(1)}/s, target ${(r.clients * ratePerClient).toFixed(1)}/s)`,
    `  delivered:  ${r.delivered} of ${r.expected} expected (${((r.delivered / Math.max(1, r.expected)) * 100).toFixed(2)}%)` +
      (r.measuring === r.clients ? ' = sent × (N−1)' : ` to the ${r.measuring} measuring clients`),
    `  latency:    p50 ${ms(r.latency.quantileMs(0.5))} ms, p99 ${ms(r.latency.quantileMs(0.99))} ms, ` +
      `max ${ms(r.latency.maxMs())} ms (mean ${ms(r.latency.meanMs())} ms)`,
    `  server:     CPU ${pct(r.serverCpuPct)}% of one core, RSS peak ${mib(r.serverRssPeak)} MiB`,
    `  machine:    ${os.availableParallelism()} cores, busy ${pct(r.machineCpuPct)}% of one core over the window, ` +
      `${pct(r.otherCpuPct)}% of it outside this benchmark`,
  ];
  if (r.measuring < r.clients) {
    const thin = r.clients - r.measuring;
    lines.push(`  thin:       the ${thin} thin clients read ${r.thinFrames} frames, ${mib(r.thinBytes)} MiB`);
  }
  if (r.persistence) {
    const p = r.persistence;
    const pending = p.pending ? ', with missing dependencies!' : '';
    lines.push(`  persisted:  ${p.persisted} of ${p.sent} (from ${p.rows} update-log rows${pending})`);
  }
  if (r.serverDied) {
    lines.push(`  SERVER DIED: it exited mid-run with ${r.serverDied}; the figures above cover only its lifetime`);
  } else if (r.kind === 'ensemble' || r.shutdown.exit !== 'signal SIGTERM') {
    const clean = r.kind === 'ensemble' ? r.shutdown.exit === 'code 0' : r.shutdown.exit === 'signal SIGTERM';
    lines.push(
      `  shutdown:   SIGTERM → exited with ${r.shutdown.exit} after ${ms(r.shutdown.ms)} ms` +
        (clean ? '' : ' — WARNING: not a clean shutdown (SIGKILL is sent after 10 s)'),
    );
  }
  const closes = Object.entries(r.closes);
  if (closes.length > 0) {
    lines.push(`  dropped:    connections closed mid-run: ${closes.map(([code, n]) => `${n}× ${code}`).join(', ')}`);
  }
  if (r.lag.p99Ms > GENERATOR_LAG_WARN_MS) {
    lines.push(
      `  WARNING:    the load generator is saturated (lag p99 > ${GENERATOR_LAG_WARN_MS} ms): ` +
        'latencies include client-side queueing',
    );
  }
  if (r.otherCpuPct > OTHER_LOAD_WARN_PCT) {
    lines.push(`  WARNING:    other processes kept ${pct(r.otherCpuPct)}% of a core busy during the window: figures are noisy`);
  }
  if (r.serverLog.length > 0) {
    lines.push(`  server log (last ${r.serverLog.length} lines):`, ...r.serverLog.map((line) => `    ${line}`));
  }
  console.log(lines.join('\n'));
}

function describeClients(r: RunResult): string {
  if (r.measuring === r.clients) return `${r.clients} stock WebsocketProviders (all measuring)`;
  return `${r.clients} clients (${r.measuring} stock WebsocketProviders measuring, ${r.clients - r.measuring} thin)`;
}

export function printRatios(ensemble: RunResult | undefined, peer: RunResult | undefined): void {
  if (!ensemble || !peer) return;
  console.log(
    `── N=${ensemble.clients}: Ensemble/peer ` +
      `p99 latency ${ratio(ensemble.latency.quantileMs(0.99), peer.latency.quantileMs(0.99))}, ` +
      `CPU ${ratio(ensemble.serverCpuPct, peer.serverCpuPct)}\n`,
  );
}

export function printSummary(outcomes: RunOutcome[]): void {
  const header = ['server', 'N', 'measuring', 'workers', 'sent', 'delivered', 'p50 ms', 'p99 ms', 'max ms'];
  header.push('CPU %', 'RSS MiB', 'persisted', 'gen lag p99', 'other CPU %');
  const results = outcomes.filter((r): r is RunResult => !('error' in r));
  const rows = results.map((r) => [
    r.kind === 'ensemble' ? 'Ensemble' : 'peer',
    String(r.clients),
    String(r.measuring),
    String(r.workers),
    String(r.measuredSent),
    `${((r.delivered / Math.max(1, r.expected)) * 100).toFixed(2)}%`,
    ms(r.latency.quantileMs(0.5)),
    ms(r.latency.quantileMs(0.99)),
    ms(r.latency.maxMs()),
    pct(r.serverCpuPct),
    mib(r.serverRssPeak),
    r.persistence ? `${r.persistence.persisted}/${r.persistence.sent}` : 'n/a',
    `${ms(r.lag.p99Ms)} ms`,
    pct(r.otherCpuPct),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const failed = outcomes
    .filter((r): r is FailedRun => 'error' in r)
    .map((r) => `${r.kind === 'ensemble' ? 'Ensemble' : 'peer'} N=${r.clients}: failed (${r.error.split('\n')[0]})`);
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  console.log(['Summary', format(header), rule, ...rows.map(format), ...failed].join('\n'));
}

