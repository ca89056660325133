// Messages between the benchmark's coordinator and its load-generator worker processes.
// The coordinator drives every worker through the same phases: connect, warm-up, measure, stop, drain, close.
import type { HistogramSnapshot } from '../lib/latencyHistogram.js';
import type { Phase } from './insertToken.js';

export interface WorkerConfig {
  /** Passed to WebsocketProvider as serverUrl; the room is appended as "/<room>". */
  serverUrl: string;
  room: string;
  /** `Authorization` header for the upgrade (null: none), and the name every client publishes as presence. */
  authorization: string | null;
  displayName: string;
  /** This worker drives clients [firstClient, firstClient + clientCount). */
  firstClient: number;
  clientCount: number;
  /** Global indexes of the clients that are full, measuring y-websocket providers; null: all of them. */
  measuringClients: number[] | null;
  updatesPerSecond: number;
  /** Cross-process clock origin: tokens carry send times relative to it. */
  epochMs: number;
  /** Clients opened at once while connecting. */
  connectBatch: number;
  connectTimeoutMs: number;
}

export interface LagStats {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type ToWorker =
  | { type: 'connect'; config: WorkerConfig }
  | { type: 'send'; phase: Phase }
  | { type: 'stop' }
  | { type: 'drain'; measuredSentTotal: number; timeoutMs: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'synced'; connectMs: number }
  | {
      type: 'stopped';
      /** Inserts sent by each client of this worker (all phases), indexed from firstClient. */
      sentPerClient: number[];
      measuredSent: number;
      /** Event-loop delay over the measurement window. */
      lag: LagStats;
    }
  | {
      type: 'drained';
      delivered: number;
      expected: number;
      latency: HistogramSnapshot;
      /** What the thin clients read (they integrate nothing, so only frames and bytes are known). */
      thinFrames: number;
      thinBytes: number;
      /** Connections that dropped during the run, by close code. */
      closes: Record<string, number>;
    }
  | { type: 'error'; message: string };
