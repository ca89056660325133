// A load-generator process for bench/capacity.ts: holds a slice of the connections, each a thin y-protocols
// client on a bare `ws` socket with its own small Y.Doc (sync step 1, answers the server's step 1, one
// presence state under the account's own name). The page's sender types one token every few seconds; its
// receiver (another connection of the same page, usually in another process) records now − sentAt as the
// token arrives. Driven by the coordinator over IPC; never outlives it.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { LatencyHistogram, type HistogramSnapshot } from '../lib/latencyHistogram.js';

export type Role = 'sender' | 'receiver' | 'idle';

export interface ConnectionPlan {
  page: number;
  role: Role;
}

export type ToWorker =
  | { type: 'connect'; serverUrl: string; pageIds: string[]; authorization: string; displayName: string; plans: ConnectionPlan[]; batch: number; timeoutMs: number }
  | { type: 'send'; intervalMs: number }
  | { type: 'stop' }
  | { type: 'drain'; sentPerPage: Record<number, number>; timeoutMs: number }
  | { type: 'close'; timeoutMs: number };

export type FromWorker =
  | { type: 'synced'; open: number; connectMs: number }
  | { type: 'stopped'; sentPerPage: Record<number, number>; lagP99Ms: number; lagMaxMs: number }
  | { type: 'drained'; delivered: number; expected: number; latency: HistogramSnapshot; closes: Record<string, number> }
  | { type: 'closed'; closed: number }
  | { type: 'error'; message: string };

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const clockMs = () => performance.timeOrigin + performance.now();

const latency = new LatencyHistogram();
const closes = new Map<string, number>();
const lag = monitorEventLoopDelay({ resolution: 10 });
let clients: Client[] = [];
let sendTimers: NodeJS.Timeout[] = [];
let running = true;

class Client {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('bench');
  readonly socket: WebSocket;
  sent = 0;
  delivered = 0;
  synced = false;
  closed = false;
  private onSynced: (() => void) | null = null;

  constructor(
    readonly plan: ConnectionPlan,
    url: string,
    authorization: string,
    displayName: string,
  ) {
    this.socket = new WebSocket(url, { headers: { authorization } });
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('open', () => {
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(step1, this.doc);
      this.socket.send(encoding.toUint8Array(step1));
      // One presence state under the account's name; a renewing Awareness per socket would cost 10,000 timers.
      const awareness = new awarenessProtocol.Awareness(this.doc);
      awareness.setLocalStateField('name', displayName);
      const presence = encoding.createEncoder();
      encoding.writeVarUint(presence, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(presence, awarenessProtocol.encodeAwarenessUpdate(awareness, [this.doc.clientID]));
      this.socket.send(encoding.toUint8Array(presence));
      awareness.destroy();
    });
    this.socket.on('message', (data: Buffer) => this.receive(data));
    this.socket.on('close', (code: number) => {
      this.closed = true;
      if (running) closes.set(String(code), (closes.get(String(code)) ?? 0) + 1);
    });
    this.socket.on('error', () => {
      // A close event follows and is counted there.
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote' || this.socket.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.socket.send(encoding.toUint8Array(encoder));
    });
    if (plan.role === 'receiver') {
      this.text.observe((event, transaction) => {
        if (transaction.local) return;
        const now = clockMs();
        for (const op of event.delta) {
          if (typeof op.insert !== 'string') continue;
          for (const token of op.insert.split(';')) {
            const [page, , sentAt] = token.split(':');
            if (sentAt === undefined || Number(page) !== this.plan.page) continue;
            latency.recordMs(now - Number(sentAt));
            this.delivered++;
          }
        }
      });
    }
  }

  whenSynced(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((resolve) => (this.onSynced = resolve));
  }

  /** Appends "<page>:<seq>:<sentAt>;" to the page's text. */
  send(): void {
    this.text.insert(this.text.length, `${this.plan.page}:${this.sent}:${clockMs().toFixed(2)};`);
    this.sent++;
  }

  private receive(data: Buffer): void {
    if (data[0] !== MESSAGE_SYNC) return;
    const decoder = decoding.createDecoder(data);
    decoding.readVarUint(decoder);
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MESSAGE_SYNC);
    const syncType = syncProtocol.readSyncMessage(decoder, reply, this.doc, 'remote');
    if (encoding.length(reply) > 1) this.socket.send(encoding.toUint8Array(reply));
    if (syncType === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      this.synced = true;
      this.onSynced?.();
    }
  }
}

function reply(message: FromWorker): void {
  process.send?.(message);
}

async function connect(message: Extract<ToWorker, { type: 'connect' }>): Promise<void> {
  const started = clockMs();
  const deadline = started + message.timeoutMs;
  for (let first = 0; first < message.plans.length; first += message.batch) {
    const batch = message.plans
      .slice(first, first + message.batch)
      .map((plan) => new Client(plan, `${message.serverUrl}/${message.pageIds[plan.page]}`, message.authorization, message.displayName));
    clients.push(...batch);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const synced = clients.filter((c) => c.synced).length;
        reject(new Error(`only ${synced} of ${message.plans.length} connections synced within ${message.timeoutMs} ms (closes: ${JSON.stringify(Object.fromEntries(closes))})`));
      }, Math.max(0, deadline - clockMs()));
    });
    try {
      await Promise.race([Promise.all(batch.map((c) => c.whenSynced())), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
  reply({ type: 'synced', open: clients.filter((c) => !c.closed).length, connectMs: clockMs() - started });
}

function startSending(intervalMs: number): void {
  lag.reset();
  lag.enable();
  for (const client of clients) {
    if (client.plan.role !== 'sender') continue;
    // Senders start at random offsets so the load is spread over the interval.
    const start = setTimeout(() => {
      client.send();
      sendTimers.push(setInterval(() => client.send(), intervalMs));
    }, Math.random() * intervalMs);
    sendTimers.push(start);
  }
}

function stopSending(): void {
  for (const timer of sendTimers) {
    clearTimeout(timer);
    clearInterval(timer);
  }
  sendTimers = [];
  lag.disable();
  const sentPerPage: Record<number, number> = {};
  for (const client of clients) if (client.plan.role === 'sender') sentPerPage[client.plan.page] = client.sent;
  const ms = (nanos: number) => (Number.isFinite(nanos) && nanos > 0 ? Math.max(0, nanos / 1e6 - 10) : 0);
  reply({ type: 'stopped', sentPerPage, lagP99Ms: ms(lag.percentile(99)), lagMaxMs: ms(lag.max) });
}

async function drain(sentPerPage: Record<number, number>, timeoutMs: number): Promise<void> {
  const receivers = clients.filter((c) => c.plan.role === 'receiver');
  const expectedOf = (c: Client) => sentPerPage[c.plan.page] ?? 0;
  const deadline = clockMs() + timeoutMs;
  while (clockMs() < deadline && receivers.some((c) => c.delivered < expectedOf(c))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  reply({
    type: 'drained',
    delivered: receivers.reduce((sum, c) => sum + Math.min(c.delivered, expectedOf(c)), 0),
    expected: receivers.reduce((sum, c) => sum + expectedOf(c), 0),
    latency: latency.snapshot(),
    closes: Object.fromEntries(closes),
  });
}

async function close(timeoutMs: number): Promise<void> {
  running = false;
  for (const client of clients) client.socket.close(1000);
  const deadline = clockMs() + timeoutMs;
  while (clockMs() < deadline && clients.some((c) => !c.closed)) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const client of clients) if (!client.closed) client.socket.terminate();
  const closed = clients.length;
  for (const client of clients) client.doc.destroy();
  clients = [];
  reply({ type: 'closed', closed });
}

function fail(error: unknown): void {
  reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  setTimeout(() => process.exit(1), 100);
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'connect':
      connect(message).catch(fail);
      return;
    case 'send':
      startSending(message.intervalMs);
      return;
    case 'stop':
      stopSending();
      return;
    case 'drain':
      drain(message.sentPerPage, message.timeoutMs).catch(fail);
      return;
    case 'close':
      close(message.timeoutMs).catch(fail);
      return;
  }
});
process.on('uncaughtException', fail);
process.on('disconnect', () => process.exit(1));
