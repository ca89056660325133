// Owns the open rooms and the group commit. Once per event-loop turn (or group-commit window) it writes
// every queued update in one transaction, then lets each room send; on failure nothing is sent.
// Rooms load synchronously from SQLite, so a room is complete before it reads its first client message.
// Each socket spends from a message budget (token bucket); one that overspends is closed (1008) alone.
import * as Y from 'yjs';
import type { WebSocket, RawData } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import { CloseCode } from '../../shared/collabProtocol.js';
import type { Config } from '../plugins/config.js';
import type { Access } from '../auth/permissions.js';
import { CollabRoom, RefusedMessageError, type CollabConnection, type ConnectionIdentity, type RoomEdits } from './collabRoom.js';
import type { PendingUpdate, UpdateLogRepo } from './updateLog.repo.js';

export interface CollabHubDeps {
  updateLog: UpdateLogRepo;
  pageExists(pageId: string): boolean;
  /** Called after a commit with the pages whose content changed. */
  onPagesChanged(pageIds: Set<string>): void;
  config: Config['collab'];
  log: FastifyBaseLogger;
  /**
   * A checker for one re-check pass: what a connection may do in a page now (its credential is checked
   * again: session, token, account), 'signed-out' when it no longer holds; identity null is an anonymous
   * reader. A fresh checker per pass lets it remember answers across the many sockets of one account or page.
   */
  accessChecker(): (identity: ConnectionIdentity | null, pageId: string) => Access | 'signed-out';
  /** Whether an account recently went by this display name (renamed while a tab was open). */
  isFormerName?(userId: string, name: string): boolean;
  /** Called after a commit with the accounts whose updates it stored, per page. */
  onContributed(contributions: Map<string, Set<string>>): void;
  /** Which account owns each Yjs client id that wrote to the page (see CollabRoom.claimClients). */
  clientOwners(pageId: string): Map<number, string>;
  /** Stores who wrote what, inside the transaction that stores the updates. */
  recordEdits(edits: Map<string, RoomEdits>, now: number): void;
  /** The update-log id of the page's last revision boundary: compaction never merges across it. */
  lastBoundary(pageId: string): number;
  /** The number of sockets that may edit a page changed (the last editor leaving cuts a revision). */
  onWritersChanged(pageId: string, writers: number): void;
  /** A page is about to leave memory: its pending changes become a revision first. */
  beforeEvict(pageId: string): void;
}

export interface CollabStats {
  rooms: number;
  connections: number;
  commits: number;
  committedUpdates: number;
}

export class CollabHub {
  private readonly rooms = new Map<string, CollabRoom>();
  private pendingWrites: PendingUpdate[] = [];
  private readonly roomsToFlush = new Set<CollabRoom>();
  private flushScheduled = false;
  private closed = false;
  private readonly stats = { commits: 0, committedUpdates: 0 };

  private readonly revalidateTimer: NodeJS.Timeout;

  constructor(private readonly deps: CollabHubDeps) {
    // Sessions also end by expiring, with no event to react to: re-check every socket now and then.
    this.revalidateTimer = setInterval(() => this.revalidate(), deps.config.revalidateIntervalMs);
    this.revalidateTimer.unref();
  }

  /** Attaches a socket to a page's room. Closes it with 4404 when the page does not exist. */
  connect(socket: WebSocket, pageId: string, options: { canWrite: boolean; identity: ConnectionIdentity | null }): void {
    if (this.closed) {
      socket.close(CloseCode.ServerShutdown.code, CloseCode.ServerShutdown.reason);
      return;
    }
    const room = this.openRoom(pageId);
    if (!room) {
      socket.close(CloseCode.PageNotFound.code, CloseCode.PageNotFound.reason);
      return;
    }
    const connection: CollabConnection = { socket, awarenessIds: new Set(), canWrite: options.canWrite, identity: options.identity };
    if (room.idleTimer) {
      clearTimeout(room.idleTimer);
      room.idleTimer = null;
    }
    const budget = new MessageBudget(this.deps.config.maxMessagesPerSecond, this.deps.config.messageBurst);
    socket.on('message', (data: RawData, isBinary: boolean) => this.onMessage(room, connection, budget, data, isBinary));
    socket.on('close', () => this.onClose(room, connection));
    socket.on('error', (error) => this.deps.log.debug({ err: error, pageId }, 'collab socket error'));
    room.join(connection);
    if (connection.canWrite) this.deps.onWritersChanged(pageId, room.writerCount());
  }

  /**
   * Applies permission changes to open sockets at once: a connection whose credential no longer holds is
   * closed with 4401, one that lost access with 4403, and a writer who became a reader is downgraded in
   * place. With a userId, only that account's sockets are checked.
   */
  revalidate(userId?: string): void {
    const accessOf = this.deps.accessChecker();
    for (const room of [...this.rooms.values()]) {
      for (const connection of [...room.connections]) {
        if (userId !== undefined && connection.identity?.userId !== userId) continue;
        const access = accessOf(connection.identity, room.pageId);
        if (access === 'write') continue;
        const wasWriter = connection.canWrite;
        if (access === 'read') {
          room.downgrade(connection);
        } else {
          const close = access === 'signed-out' ? CloseCode.Unauthorized : CloseCode.Forbidden;
          room.leave(connection);
          connection.socket.close(close.code, close.reason);
        }
        if (wasWriter) this.deps.onWritersChanged(room.pageId, room.writerCount());
      }
    }
  }

  /**
   * Applies an edit the server makes for someone (a restore) to the page's live document: committed,
   * broadcast to everyone editing, and credited to them. Opens the page's room if it is not open.
   */
  applyServerEdit(pageId: string, update: Uint8Array, userId: string): boolean {
    if (this.closed) return false;
    const room = this.openRoom(pageId);
    if (!room) return false;
    room.applyServerEdit(update, userId);
    this.flushNow();
    if (room.connections.size === 0 && !room.idleTimer && this.rooms.get(pageId) === room) {
      room.idleTimer = setTimeout(() => this.evict(room, false), this.deps.config.evictIdleAfterMs);
    }
    return true;
  }

  /** Closes a page's sockets (4404) and forgets its room, after storing anything queued. For deletion. */
  closePage(pageId: string): void {
    const room = this.rooms.get(pageId);
    if (!room) return;
    this.flushNow();
    for (const connection of [...room.connections]) {
      room.leave(connection);
      connection.socket.close(CloseCode.PageNotFound.code, CloseCode.PageNotFound.reason);
    }
    this.dropRoom(room);
  }

  /** The page's committed Yjs state, from memory when open (committing anything queued first). */
  committedState(pageId: string): Uint8Array | null {
    const room = this.rooms.get(pageId);
    if (!room) return null;
    if (this.pendingWrites.length > 0) this.flushNow();
    return Y.encodeStateAsUpdate(room.doc);
  }

  isOpen(pageId: string): boolean {
    return this.rooms.has(pageId);
  }

  getStats(): CollabStats {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.connections.size;
    return { rooms: this.rooms.size, connections, ...this.stats };
  }

  /** Commits and sends everything queued now, instead of at the end of the turn. */
  flushNow(): void {
    this.flushScheduled = false;
    const rooms = [...this.roomsToFlush];
    this.roomsToFlush.clear();
    for (const room of rooms) {
      for (const connection of room.applyIncoming()) {
        this.deps.log.warn({ pageId: room.pageId }, 'update could not be applied');
        room.leave(connection);
        connection.socket.close(CloseCode.BadMessage.code, CloseCode.BadMessage.reason);
      }
    }
    // Applying may have queued more flush work for these rooms; this flush covers it.
    for (const room of rooms) this.roomsToFlush.delete(room);
    const batch = this.pendingWrites;
    this.pendingWrites = [];
    if (batch.length > 0) {
      const edits = new Map<string, RoomEdits>();
      for (const room of rooms) edits.set(room.pageId, room.takeEdits());
      const now = Date.now();
      try {
        this.deps.updateLog.append(batch, now, () => this.deps.recordEdits(edits, now));
      } catch (error) {
        this.deps.log.error({ err: error, updates: batch.length }, 'could not store updates; closing affected rooms');
        const failed = new Set(batch.map((u) => u.pageId));
        for (const room of rooms) {
          if (failed.has(room.pageId)) {
            room.fail();
            // Its doc holds updates that are not stored: drop it so the next client reloads from disk.
            this.dropRoom(room);
          } else {
            room.flush();
          }
        }
        return;
      }
      this.stats.commits++;
      this.stats.committedUpdates += batch.length;
      const contributions = new Map<string, Set<string>>();
      for (const [pageId, { contributors }] of edits) {
        if (contributors.size > 0) contributions.set(pageId, contributors);
      }
      if (contributions.size > 0) {
        try {
          this.deps.onContributed(contributions);
        } catch (error) {
          this.deps.log.error({ err: error }, 'could not record contributors');
        }
      }
    }
    for (const room of rooms) room.flush();
    if (batch.length > 0) {
      const rowsByPage = new Map<string, number>();
      for (const { pageId } of batch) rowsByPage.set(pageId, (rowsByPage.get(pageId) ?? 0) + 1);
      for (const [pageId, rows] of rowsByPage) {
        const room = this.rooms.get(pageId);
        if (!room) continue;
        room.logRows += rows;
        if (room.logRows >= this.deps.config.compactAfterUpdates) this.compact(room);
      }
      this.deps.onPagesChanged(new Set(rowsByPage.keys()));
    }
  }

  /** Stores everything, closes every socket and drops every room. Used on shutdown. */
  close(): void {
    this.closed = true;
    clearInterval(this.revalidateTimer);
    this.flushNow();
    for (const room of [...this.rooms.values()]) {
      for (const connection of room.connections) {
        connection.socket.close(CloseCode.ServerShutdown.code, CloseCode.ServerShutdown.reason);
      }
      this.evict(room, true);
    }
  }

  private openRoom(pageId: string): CollabRoom | null {
    const existing = this.rooms.get(pageId);
    if (existing) return existing;
    if (!this.deps.pageExists(pageId)) return null;
    const room = new CollabRoom(pageId, {
      persist: (update) => this.pendingWrites.push({ pageId, update }),
      scheduleFlush: (r) => this.scheduleFlush(r),
      maxBufferedBytes: this.deps.config.maxBufferedBytes,
      maxAwarenessStatesPerConnection: this.deps.config.maxAwarenessStatesPerConnection,
      isFormerName: this.deps.isFormerName,
      clientOwners: this.deps.clientOwners(pageId),
    });
    room.load(this.deps.updateLog.load(pageId).updates);
    this.rooms.set(pageId, room);
    return room;
  }

  private scheduleFlush(room: CollabRoom): void {
    this.roomsToFlush.add(room);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const window = this.deps.config.groupCommitWindowMs;
    if (window > 0) setTimeout(() => this.flushScheduled && this.flushNow(), window);
    else setImmediate(() => this.flushScheduled && this.flushNow());
  }

  private onMessage(room: CollabRoom, connection: CollabConnection, budget: MessageBudget, data: RawData, isBinary: boolean): void {
    if (!room.connections.has(connection)) return;
    if (!budget.take(performance.now())) {
      this.deps.log.info({ pageId: room.pageId, userId: connection.identity?.userId }, 'collab socket over its message rate');
      room.leave(connection);
      connection.socket.close(CloseCode.RateLimited.code, CloseCode.RateLimited.reason);
      return;
    }
    if (!isBinary) {
      connection.socket.close(CloseCode.UnsupportedData.code, CloseCode.UnsupportedData.reason);
      return;
    }
    try {
      room.receive(connection, toUint8Array(data));
    } catch (error) {
      let close: { code: number; reason: string } = CloseCode.BadMessage;
      if (error instanceof RefusedMessageError) {
        close = error.close;
        if (close.code !== CloseCode.BadMessage.code) {
          this.deps.log.info({ pageId: room.pageId, userId: connection.identity?.userId, reason: error.message }, 'collab message refused');
        }
      } else {
        this.deps.log.warn({ err: error, pageId: room.pageId }, 'update could not be applied');
      }
      room.leave(connection);
      connection.socket.close(close.code, close.reason);
    }
  }

  private onClose(room: CollabRoom, connection: CollabConnection): void {
    const wasMember = room.connections.has(connection);
    room.leave(connection);
    if (this.rooms.get(room.pageId) !== room) return;
    if (wasMember && connection.canWrite) this.deps.onWritersChanged(room.pageId, room.writerCount());
    if (room.connections.size > 0) return;
    const delay = this.deps.config.evictIdleAfterMs;
    room.idleTimer = setTimeout(() => this.evict(room, false), delay);
  }

  /**
   * Drops an idle room from memory. Everything it holds is already stored (updates are committed before
   * anyone sees them), so eviction only commits what is queued, compacts, and forgets. It runs in one
   * synchronous step: a client that reconnects meanwhile simply opens a fresh room from disk.
   */
  private evict(room: CollabRoom, force: boolean): void {
    if (!force && room.connections.size > 0) return;
    if (this.rooms.get(room.pageId) !== room) return;
    this.flushNow();
    try {
      this.deps.beforeEvict(room.pageId);
    } catch (error) {
      this.deps.log.error({ err: error, pageId: room.pageId }, 'could not record a revision before eviction');
    }
    this.dropRoom(room);
  }

  private dropRoom(room: CollabRoom): void {
    if (this.rooms.get(room.pageId) === room) this.rooms.delete(room.pageId);
    this.roomsToFlush.delete(room);
    room.destroy();
  }

  /** Merges the rows written since the page's last revision boundary into one. */
  private compact(room: CollabRoom): void {
    try {
      const upTo = this.deps.updateLog.lastId(room.pageId);
      this.deps.updateLog.compactRange(room.pageId, this.deps.lastBoundary(room.pageId), upTo);
      room.logRows = 1;
    } catch (error) {
      this.deps.log.error({ err: error, pageId: room.pageId }, 'compaction failed; the log is unchanged');
    }
  }
}

/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`. Typing with caret moves is about 30
 * messages a second; a socket far past its budget is a runaway or hostile client.
 */
class MessageBudget {
  private tokens: number;
  private refilledAt = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Spends one message; false when the budget is exhausted. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
