// Decides whether a socket's awareness (presence) update may be applied, before it touches the room's state.
// A socket publishes only under its account's display name, for client ids no other account has published
// in the room, so nobody can appear as someone else or move or remove someone else's caret.
import * as decoding from 'lib0/decoding';
import type { Awareness } from 'y-protocols/awareness';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/**
 * apply: check passed. ignore: drop the update and keep the socket (anonymous readers, states without a
 * name, removals of other people's states). malformed / too-many: 4400. foreign-identity: another name,
 * or another account's client id (4403).
 */
export type PresenceVerdict = 'apply' | 'ignore' | 'malformed' | 'too-many' | 'foreign-identity';

export class PresenceGuard {
  /**
   * The account that first published each client id in this room. Only that account may publish it again,
   * even after its socket left: a reconnecting tab keeps its client id, and nobody may take it meanwhile.
   */
  private readonly clientAccounts = new Map<number, string>();

  constructor(
    private readonly awareness: Awareness,
    private readonly maxStatesPerConnection: number,
    /** A tab opened before its account was renamed keeps the old name until reloaded; it is still that account. */
    private readonly isFormerName: (userId: string, name: string) => boolean = () => false,
  ) {}

  /**
   * `account` is the socket's account (null: anonymous), `publishing` the client ids it publishes now.
   * Entries that would change nothing are not judged: the stock client sends every state it receives back
   * to the server, and y-protocols ignores those echoes anyway.
   */
  check(account: { userId: string; displayName: string } | null, publishing: ReadonlySet<number>, update: Uint8Array): PresenceVerdict {
    const entries = readAwarenessEntries(update);
    if (entries === null) return 'malformed';
    // Anonymous readers have no name to show.
    if (account === null) return 'ignore';
    const published = new Set(publishing);
    const claimed: number[] = [];
    for (const { clientId, clock, state } of entries) {
      if (!this.changesState(clientId, clock, state)) continue;
      const owner = this.clientAccounts.get(clientId);
      if (state === null) {
        // Removing a state this account never published: a client whose view of someone went stale sends
        // exactly that when it times them out, so it is dropped rather than punished.
        if (owner !== account.userId) return 'ignore';
        continue;
      }
      if (owner !== undefined && owner !== account.userId) return 'foreign-identity';
      // A stock provider that was never given a name publishes `{}` and renews it every 15 s. It claims
      // nobody's identity, so it keeps its socket, but a state nobody can attribute is not relayed.
      if (typeof state !== 'object' || Array.isArray(state) || !('name' in state)) return 'ignore';
      const name = (state as { name: unknown }).name;
      if (name !== account.displayName && !(typeof name === 'string' && this.isFormerName(account.userId, name))) return 'foreign-identity';
      published.add(clientId);
      claimed.push(clientId);
    }
    if (published.size > this.maxStatesPerConnection) return 'too-many';
    for (const clientId of claimed) this.clientAccounts.set(clientId, account.userId);
    return 'apply';
  }

  /** Whether y-protocols would apply this entry: a newer clock, or the removal of a present state. */
  private changesState(clientId: number, clock: number, state: unknown): boolean {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    return current < clock || (current === clock && state === null && this.awareness.states.has(clientId));
  }
}

/** The entries of a y-protocols awareness update (a varUint count, then client id, clock and JSON state each); null when malformed. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) as unknown });
    }
    return entries;
  } catch {
    return null;
  }
}
