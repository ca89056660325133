// What each benchmark client types, and how it is read back. An insert is one token
// "<phase><client>:<seq>:<sentAt>;" (client and seq in base 36, sentAt in ms since the run's epoch), so the
// receiver needs no shared table to know who sent it and when, even across worker processes.
// Tokens are read from the struct store by (clientID, clock) range, not from the text: an insert at a random
// position may split someone else's token in the document, but each client's own characters stay contiguous
// in its clock space.
import * as Y from 'yjs';

/** Warm-up inserts are sent and stored but not measured. */
export type Phase = 'warmup' | 'measure';

const PHASE_CHAR: Record<Phase, string> = { warmup: 'w', measure: 'm' };
const MEASURE_CODE = 'm'.charCodeAt(0);

export function formatToken(phase: Phase, clientIndex: number, seq: number, sentAtMs: number): string {
  return `${PHASE_CHAR[phase]}${clientIndex.toString(36)}:${seq.toString(36)}:${sentAtMs.toFixed(2)};`;
}

export interface ParsedToken {
  measured: boolean;
  clientIndex: number;
  seq: number;
  sentAtMs: number;
}

export function parseToken(token: string): ParsedToken | null {
  const parts = token.slice(1).split(':');
  if (parts.length !== 3) return null;
  const clientIndex = parseInt(parts[0], 36);
  const seq = parseInt(parts[1], 36);
  const sentAtMs = Number(parts[2]);
  if (!Number.isInteger(clientIndex) || !Number.isInteger(seq) || !Number.isFinite(sentAtMs)) return null;
  return { measured: token.charCodeAt(0) === MEASURE_CODE, clientIndex, seq, sentAtMs };
}

/** Send time of a measured token, or null for a warm-up one. Cheaper than parseToken on the hot path. */
export function measuredSentAt(token: string): number | null {
  if (token.charCodeAt(0) !== MEASURE_CODE) return null;
  return Number(token.slice(token.lastIndexOf(':') + 1));
}

/** The characters a client inserted with clocks in [from, to), in clock order. */
export function readClientRange(doc: Y.Doc, client: number, from: number, to: number): string {
  const structs = doc.store.clients.get(client);
  if (!structs || from >= to) return '';
  let out = '';
  for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
    const struct = structs[i];
    const start = struct.id.clock;
    if (start >= to) break;
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) {
      out += struct.content.str.slice(Math.max(0, from - start), to - start);
    }
  }
  return out;
}

/** Every token in a document, whatever order its text ended up in. */
export function* allTokens(doc: Y.Doc): Generator<string> {
  for (const [client, structs] of doc.store.clients) {
    const last = structs[structs.length - 1];
    const text = readClientRange(doc, client, 0, last.id.clock + last.length);
    for (const token of text.split(';')) if (token.length > 0) yield token;
  }
}
