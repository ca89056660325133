// The two kinds of benchmark client. Both type the same tokens at the same rate and put the same bytes on
// the wire, so the server cannot tell them apart:
// - MeasuringClient: a stock y-websocket WebsocketProvider on its own Y.Doc. It integrates every update,
//   and records the propagation latency of every other client's measured insert as it integrates it.
// - ThinClient: speaks the y-websocket protocol on a bare `ws` socket with a Y.Doc holding only its own
//   inserts. It answers the server's sync request and reads every frame, but integrates nothing, because a
//   full Y.Doc costs O(clients known) per transaction (Yjs builds a state vector before and after each
//   one), so N full clients cost the generator O(N³) and saturate it long before the server.
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { LatencyHistogram } from '../lib/latencyHistogram.js';
import { formatToken, measuredSentAt, readClientRange, type Phase } from './insertToken.js';

/** Wall-clock milliseconds that agree across processes on one machine. */
export const clockMs = () => performance.timeOrigin + performance.now();

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

export interface ClientContext {
  serverUrl: string;
  room: string;
  /** Sent on the upgrade (Ensemble: the bench account's bearer token). */
  headers: Record<string, string>;
  /** Published as the presence name; Ensemble closes a socket whose presence carries another name. */
  displayName: string;
  epochMs: number;
  latency: LatencyHistogram;
  /** Counts connections closed while the run is on, by close code. */
  onUnexpectedClose(code: string): void;
}

abstract class BenchClient {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('bench');
  sent = 0;
  measuredSent = 0;
  nextSendAt = 0;
  protected closing = false;

  constructor(
    readonly index: number,
    protected readonly context: ClientContext,
  ) {}

  abstract readonly measuring: boolean;
  /** Measured inserts of other clients this client has observed (0 for thin clients). */
  abstract readonly delivered: number;
  abstract synced(): Promise<void>;
  abstract destroy(): void;

  /** Types one token at a random position, as an editor whose cursor is somewhere in the page. */
  send(phase: Phase): void {
    const token = formatToken(phase, this.index, this.sent, clockMs() - this.context.epochMs);
    this.text.insert(Math.floor(Math.random() * (this.text.length + 1)), token);
    this.sent++;
    if (phase === 'measure') this.measuredSent++;
  }
}

export class MeasuringClient extends BenchClient {
  readonly measuring = true;
  delivered = 0;
  private readonly provider: WebsocketProvider;

  constructor(index: number, context: ClientContext) {
    super(index, context);
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local) return;
      const now = clockMs() - context.epochMs;
      transaction.afterState.forEach((after, client) => {
        if (client === this.doc.clientID) return;
        const before = transaction.beforeState.get(client) ?? 0;
        if (after <= before) return;
        for (const token of readClientRange(this.doc, client, before, after).split(';')) {
          const sentAt = token.length > 0 ? measuredSentAt(token) : null;
          if (sentAt === null) continue;
          context.latency.recordMs(now - sentAt);
          this.delivered++;
        }
      });
    });
    const headers = context.headers;
    this.provider = new WebsocketProvider(context.serverUrl, context.room, this.doc, {
      WebSocketPolyfill: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      } as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    // Set in this turn, before the socket opens and publishes the local state.
    this.provider.awareness.setLocalStateField('name', context.displayName);
    this.provider.on('connection-close', (event) => {
      if (!this.closing) context.onUnexpectedClose(String(event?.code ?? 'error'));
    });
  }

  synced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return;
        this.provider.off('sync', onSync);
        resolve();
      };
      this.provider.on('sync', onSync);
    });
  }

  destroy(): void {
    this.closing = true;
    this.provider.destroy();
    this.doc.destroy();
  }
}

export class ThinClient extends BenchClient {
  readonly measuring = false;
  readonly delivered = 0;
  /** Frames and bytes received, to show the thin clients were fed. */
  framesReceived = 0;
  bytesReceived = 0;
  private readonly socket: WebSocket;
  private readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private isSynced = false;
  private onSynced: (() => void) | null = null;

  constructor(index: number, context: ClientContext) {
    super(index, context);
    this.awareness.setLocalStateField('name', context.displayName);
    this.socket = new WebSocket(`${context.serverUrl}/${context.room}`, { headers: context.headers });
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('open', () => {
      // As the stock provider does on open: ask for the server's state, then publish presence.
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(step1, this.doc);
      this.socket.send(encoding.toUint8Array(step1));
      this.sendAwareness();
    });
    this.socket.on('message', (data: Buffer) => this.receive(data));
    this.socket.on('close', (code: number) => {
      if (!this.closing) context.onUnexpectedClose(String(code));
    });
    this.socket.on('error', () => {
      // A close event follows and is counted there.
    });
    this.doc.on('update', (update: Uint8Array) => {
      if (this.socket.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.socket.send(encoding.toUint8Array(encoder));
    });
    // Presence renewals (every 15 s), as the stock provider sends them.
    this.awareness.on('update', () => this.sendAwareness());
  }

  synced(): Promise<void> {
    if (this.isSynced) return Promise.resolve();
    return new Promise((resolve) => {
      this.onSynced = resolve;
    });
  }

  destroy(): void {
    this.closing = true;
    this.awareness.destroy();
    this.socket.close();
    this.doc.destroy();
  }

  private receive(data: Buffer): void {
    this.framesReceived++;
    this.bytesReceived += data.length;
    if (data[0] !== MESSAGE_SYNC) return;
    const decoder = decoding.createDecoder(data);
    decoding.readVarUint(decoder);
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, this.doc, decoding.readVarUint8Array(decoder));
      this.socket.send(encoding.toUint8Array(encoder));
    } else if (syncType === syncProtocol.messageYjsSyncStep2 && !this.isSynced) {
      this.isSynced = true;
      this.onSynced?.();
    }
  }

  private sendAwareness(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    this.socket.send(encoding.toUint8Array(encoder));
  }
}

export type AnyBenchClient = MeasuringClient | ThinClient;
