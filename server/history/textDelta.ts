// Storage codec for a revision's rendered HTML and text. Each revision is stored against the previous one,
// so keeping every revision costs about the size of the edits, not pages × revisions.
//
// A revision often edits in several places (typing at the end and fixing a word near the top), so the delta
// is a list of edited spans, found by jsdiff over chunks of the texts (lines, and tags apart from text runs),
// each span then trimmed to the characters that differ. Only the literal text of the spans is stored, with
// character counts for what is kept from `previous`, so applying a delta never re-chunks or diffs anything.
// The diff's cost is bounded (maxEditLength); past that, or whenever it is smaller, the delta is the single
// span between the common prefix and suffix, found in linear time: the layout this codec started with.
//
// Two layouts, told apart by the flag byte; lengths are UTF-16 code units (JavaScript string indices), as
// unsigned LEB128 varints. Both carry a CRC-32 of `next` as UTF-8 just before the literal text that ends the
// delta (it catches corruption anywhere, including in uncompressed literals, and a delta applied to the
// wrong base).
//   Single span, flags 0 (middle is raw UTF-8) and 1 (middle is deflate-raw UTF-8):
//     flag, varint length of `previous`, varint prefix length, varint suffix length, CRC, the middle of `next`
//   Edited spans, flags 2 (literals are raw UTF-8) and 3 (literals are deflate-raw UTF-8):
//     flag, varint length of `previous`, varint span count,
//     per span: varint kept (copied from `previous` since the last span), varint deleted, varint inserted,
//     CRC, the inserted literals concatenated; what follows the last span in `previous` is kept.
//
// Strings are stored as UTF-8, like every TEXT column in SQLite: a lone surrogate (Yjs can leave one
// behind when an emoji is cut in half) comes back as U+FFFD. Well-formed strings round-trip exactly: no
// span boundary ever falls inside a surrogate pair of `next`.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { diffArrays } from 'diff';

const SPAN_RAW = 0;
const SPAN_DEFLATED = 1;
const EDITS_RAW = 2;
const EDITS_DEFLATED = 3;
/** Below this, deflate's block overhead eats the gain; above it we still keep the smaller of the two. */
const COMPRESS_FROM_BYTES = 64;
/** Reconstructing a revision applies at most this many deltas after its full copy. */
export const MAX_CHAIN_LENGTH = 64;
/**
 * Chunks inserted plus chunks deleted, over all the diffs of one encodeDelta, beyond which it stops diffing
 * (jsdiff's maxEditLength). Myers' diff costs about (chunks + D²) for D chunks changed, so this keeps a
 * rewrite of a 200 KB page to tens of milliseconds, while a revision's worth of typing (a few chunks per
 * place edited) stays far below it.
 */
const MAX_EDIT_CHUNKS = 500;
/** Single spans shorter than this (both sides, code units) are stored as they are: splitting saves nothing. */
const DIFF_FROM_UNITS = 48;
/** Two spans closer than this are stored as one: a span's three varints cost about what the gap would. */
const MIN_GAP_UNITS = 4;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Replace previous[prevStart, prevEnd) by next[nextStart, nextEnd). */
interface Edit {
  prevStart: number;
  prevEnd: number;
  nextStart: number;
  nextEnd: number;
}

export function encodeDelta(previous: string, next: string): Buffer {
  const checksum = crc32(Buffer.from(next, 'utf8'));
  const span = trimmedSpan(previous, next);
  const single = encodeSpan(previous, next, span, checksum);
  if (
    span.prevEnd === span.prevStart ||
    span.nextEnd === span.nextStart ||
    (span.prevEnd - span.prevStart < DIFF_FROM_UNITS && span.nextEnd - span.nextStart < DIFF_FROM_UNITS)
  ) {
    return single; // a pure insertion or deletion, or a small change: one span is already the best
  }
  const edits = diffEdits(previous, next, span, { left: MAX_EDIT_CHUNKS }, false);
  if (!edits) return single;
  const split = encodeEdits(previous, next, edits, checksum);
  return split.length < single.length ? split : single;
}

/**
 * The single-span layout (flags 0 and 1), which every delta used before edited spans and which encodeDelta
 * still returns when it is the smaller.
 */
export function encodeTrimmedDelta(previous: string, next: string): Buffer {
  return encodeSpan(previous, next, trimmedSpan(previous, next), crc32(Buffer.from(next, 'utf8')));
}

export function applyDelta(previous: string, delta: Buffer): string {
  const reader = { offset: 0 };
  if (delta.length < 1) throw corrupt('empty');
  const flag = delta[reader.offset++];
  if (flag > EDITS_DEFLATED) throw corrupt(`unknown flag ${flag}`);
  const baseLength = readVarint(delta, reader);
  if (baseLength !== previous.length) {
    throw corrupt(`it was made against a text of ${baseLength} code units, not ${previous.length}`);
  }
  const { text, checksum } = flag === SPAN_RAW || flag === SPAN_DEFLATED ? applySpan(previous, delta, reader) : applyEdits(previous, delta, reader);
  if (crc32(Buffer.from(text, 'utf8')) !== checksum) throw corrupt('checksum mismatch');
  return text;
}

/** A self-contained copy (the first revision, and every keyframe): plain deflate-raw of the UTF-8 text. */
export function encodeFull(text: string): Buffer {
  return deflateRawSync(Buffer.from(text, 'utf8'));
}

export function decodeFull(data: Buffer): string {
  try {
    return utf8.decode(inflateRawSync(data));
  } catch (error) {
    throw new Error(`Corrupt full text copy: ${(error as Error).message}`);
  }
}

/**
 * The keyframe policy: whether to store this revision as a full copy rather than as a delta.
 *
 * `chain` describes the deltas that reading this revision would need if it were stored as a delta, counting
 * the candidate delta itself: `{ length: deltasSinceLastFull + 1, bytes: theirBytes + candidate.length }`.
 * `fullBytes` is the size of this revision's compressed full copy (encodeFull(text).length).
 *
 * Why these two rules:
 * - Bytes: once the deltas since the last full copy weigh as much as a full copy, reading the revision
 *   costs more than reading a copy would, and a copy now costs no more storage than those deltas already
 *   did, so total storage stays within about twice the pure-delta size while reads stay bounded by about
 *   two full copies' worth of bytes. It also makes a total rewrite (a delta as big as the page) a copy.
 * - Length: many tiny edits never reach the byte rule, yet each delta is a decode, a string rebuild and a
 *   checksum of the whole text; 64 keeps reconstructing a 100 KB page to a few milliseconds.
 */
export function needsFullCopy(chain: { length: number; bytes: number }, fullBytes: number): boolean {
  return chain.length >= MAX_CHAIN_LENGTH || chain.bytes >= fullBytes;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The span between the common prefix and suffix, widened so that no surrogate pair of `next` is cut. */
function trimmedSpan(previous: string, next: string): Edit {
  const max = Math.min(previous.length, next.length);
  let prefix = 0;
  while (prefix < max && previous.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = max - prefix; // prefix and suffix must not overlap in either string
  while (suffix < room && previous.charCodeAt(previous.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) {
    suffix++;
  }
  return trimEdit(previous, next, { prevStart: 0, prevEnd: previous.length, nextStart: 0, nextEnd: next.length }, prefix, suffix);
}

/**
 * Narrows an edit by `prefix` and `suffix` code units that both sides share. Equal high surrogates followed
 * by different low ones: cutting between them would leave half a character on each side, which UTF-8
 * cannot carry, so the high surrogate stays in the edit; likewise a shared low surrogate on the right.
 */
function trimEdit(previous: string, next: string, edit: Edit, prefix: number, suffix: number): Edit {
  if (prefix > 0 && isHighSurrogate(next.charCodeAt(edit.nextStart + prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(next.charCodeAt(edit.nextEnd - suffix))) suffix--;
  return {
    prevStart: edit.prevStart + prefix,
    prevEnd: edit.prevEnd - suffix,
    nextStart: edit.nextStart + prefix,
    nextEnd: edit.nextEnd - suffix,
  };
}

/** Narrows an edit to the characters that differ at its two ends. */
function narrow(previous: string, next: string, edit: Edit): Edit {
  const max = Math.min(edit.prevEnd - edit.prevStart, edit.nextEnd - edit.nextStart);
  let prefix = 0;
  while (prefix < max && previous.charCodeAt(edit.prevStart + prefix) === next.charCodeAt(edit.nextStart + prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && previous.charCodeAt(edit.prevEnd - 1 - suffix) === next.charCodeAt(edit.nextEnd - 1 - suffix)) {
    suffix++;
  }
  return trimEdit(previous, next, edit, prefix, suffix);
}

/**
 * Splits text after each line break and each '>': lines of the plain text, and in HTML each tag apart from
 * the text run before it. Every cut follows an ASCII character, so none falls inside a surrogate pair.
 */
function chunks(text: string, start: number, end: number, cutAfter: (code: number) => boolean): string[] {
  const out: string[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (cutAfter(text.charCodeAt(i))) {
      out.push(text.slice(from, i + 1));
      from = i + 1;
    }
  }
  if (from < end) out.push(text.slice(from, end));
  return out;
}

const isLineOrTagEnd = (code: number) => code === 0x0a || code === 0x3e;
const isWordEnd = (code: number) => code === 0x20 || code === 0x0a || code === 0x3e;

/**
 * The edited spans inside `span`, from jsdiff over chunks of lines and tags, then of words within each
 * replaced run of at least DIFF_FROM_UNITS (a paragraph is one chunk, however many places it was edited in),
 * each narrowed to the characters that differ. Null when the diff needs more chunk changes than the budget
 * has left; a word-level diff over budget keeps its run whole.
 */
function diffEdits(previous: string, next: string, span: Edit, budget: { left: number }, byWords: boolean): Edit[] | null {
  if (budget.left <= 0) return null;
  // Chunks become small integers, so the diff compares numbers rather than strings.
  const ids = new Map<string, number>();
  const intern = (chunk: string) => {
    let id = ids.get(chunk);
    if (id === undefined) ids.set(chunk, (id = ids.size));
    return id;
  };
  const cutAfter = byWords ? isWordEnd : isLineOrTagEnd;
  const before = chunks(previous, span.prevStart, span.prevEnd, cutAfter);
  const after = chunks(next, span.nextStart, span.nextEnd, cutAfter);
  const refine = (edit: Edit): Edit[] => {
    if (byWords || edit.prevEnd - edit.prevStart < DIFF_FROM_UNITS || edit.nextEnd - edit.nextStart < DIFF_FROM_UNITS) {
      return [narrow(previous, next, edit)];
    }
    return diffEdits(previous, next, edit, budget, true) ?? [narrow(previous, next, edit)];
  };
  const changes = diffArrays(before.map(intern), after.map(intern), { maxEditLength: budget.left });
  if (!changes) {
    budget.left = 0;
    return null;
  }
  for (const change of changes) if (change.added || change.removed) budget.left -= change.count;

  const edits: Edit[] = [];
  let prevAt = span.prevStart;
  let nextAt = span.nextStart;
  let prevChunk = 0;
  let nextChunk = 0;
  let open: Edit | null = null;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (open) edits.push(...refine(open));
      open = null;
      for (let i = 0; i < change.count; i++) {
        prevAt += before[prevChunk++].length;
        nextAt += after[nextChunk++].length;
      }
      continue;
    }
    open ??= { prevStart: prevAt, prevEnd: prevAt, nextStart: nextAt, nextEnd: nextAt };
    for (let i = 0; i < change.count; i++) {
      if (change.removed) prevAt += before[prevChunk++].length;
      else nextAt += after[nextChunk++].length;
    }
    open.prevEnd = prevAt;
    open.nextEnd = nextAt;
  }
  if (open) edits.push(...refine(open));

  // Merge edits separated by a short gap; narrowing may also have emptied an edit entirely.
  const merged: Edit[] = [];
  for (const edit of edits) {
    if (edit.prevStart === edit.prevEnd && edit.nextStart === edit.nextEnd) continue;
    const last = merged[merged.length - 1];
    if (last && edit.prevStart - last.prevEnd < MIN_GAP_UNITS) {
      last.prevEnd = edit.prevEnd;
      last.nextEnd = edit.nextEnd;
    } else {
      merged.push({ ...edit });
    }
  }
  return merged;
}

function encodeSpan(previous: string, next: string, span: Edit, checksum: number): Buffer {
  const { deflated, body } = literals(next.slice(span.nextStart, span.nextEnd));
  const header: number[] = [deflated ? SPAN_DEFLATED : SPAN_RAW];
  writeVarint(header, previous.length);
  writeVarint(header, span.prevStart);
  writeVarint(header, previous.length - span.prevEnd);
  return Buffer.concat([Buffer.from(header), uint32(checksum), body]);
}

function encodeEdits(previous: string, next: string, edits: Edit[], checksum: number): Buffer {
  const { deflated, body } = literals(edits.map((edit) => next.slice(edit.nextStart, edit.nextEnd)).join(''));
  const header: number[] = [deflated ? EDITS_DEFLATED : EDITS_RAW];
  writeVarint(header, previous.length);
  writeVarint(header, edits.length);
  let kept = 0;
  for (const edit of edits) {
    writeVarint(header, edit.prevStart - kept);
    writeVarint(header, edit.prevEnd - edit.prevStart);
    writeVarint(header, edit.nextEnd - edit.nextStart);
    kept = edit.prevEnd;
  }
  return Buffer.concat([Buffer.from(header), uint32(checksum), body]);
}

/** The UTF-8 of `text`, deflated when that is smaller. */
function literals(text: string): { deflated: boolean; body: Buffer } {
  const raw = Buffer.from(text, 'utf8');
  if (raw.length >= COMPRESS_FROM_BYTES) {
    const deflated = deflateRawSync(raw);
    if (deflated.length < raw.length) return { deflated: true, body: deflated };
  }
  return { deflated: false, body: raw };
}

type Reader = { offset: number };
/** A delta's result before its checksum is verified, and the checksum it carries. */
type Applied = { text: string; checksum: number };

function applySpan(previous: string, delta: Buffer, reader: Reader): Applied {
  const prefix = readVarint(delta, reader);
  const suffix = readVarint(delta, reader);
  if (prefix + suffix > previous.length) throw corrupt('prefix and suffix are longer than the base text');
  const { text: middle, checksum } = readLiterals(delta, reader, delta[0] === SPAN_DEFLATED);
  return { text: previous.slice(0, prefix) + middle + previous.slice(previous.length - suffix), checksum };
}

function applyEdits(previous: string, delta: Buffer, reader: Reader): Applied {
  const count = readVarint(delta, reader);
  // Each span takes at least three bytes: a count beyond that is corruption, not a reason to loop.
  if (count * 3 > delta.length - reader.offset) throw corrupt('more spans than the delta has room for');
  const spans: { kept: number; deleted: number; inserted: number }[] = [];
  let consumed = 0;
  for (let i = 0; i < count; i++) {
    const span = { kept: readVarint(delta, reader), deleted: readVarint(delta, reader), inserted: readVarint(delta, reader) };
    consumed += span.kept + span.deleted;
    if (consumed > previous.length) throw corrupt('spans reach beyond the base text');
    spans.push(span);
  }
  const { text: inserted, checksum } = readLiterals(delta, reader, delta[0] === EDITS_DEFLATED);
  const parts: string[] = [];
  let prevAt = 0;
  let literalAt = 0;
  for (const span of spans) {
    parts.push(previous.slice(prevAt, prevAt + span.kept), inserted.slice(literalAt, literalAt + span.inserted));
    prevAt += span.kept + span.deleted;
    literalAt += span.inserted;
  }
  if (literalAt !== inserted.length) throw corrupt(`spans insert ${literalAt} code units, the literals hold ${inserted.length}`);
  parts.push(previous.slice(prevAt));
  return { text: parts.join(''), checksum };
}

/** Reads the checksum and the literal text after it, which runs to the end of the delta. */
function readLiterals(delta: Buffer, reader: Reader, deflated: boolean): Applied {
  if (reader.offset + 4 > delta.length) throw corrupt('truncated checksum');
  const checksum = delta.readUInt32LE(reader.offset);
  const body = delta.subarray(reader.offset + 4);
  try {
    return { text: utf8.decode(deflated ? inflateRawSync(body) : body), checksum };
  } catch (error) {
    throw corrupt(`unreadable literal text (${(error as Error).message})`);
  }
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value);
  return out;
}

function corrupt(why: string): Error {
  return new Error(`Corrupt text delta: ${why}`);
}

function writeVarint(out: number[], value: number): void {
  // Arithmetic rather than bit operators: string lengths can exceed 2^31 in principle, bit ops are 32-bit.
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function readVarint(data: Buffer, reader: Reader): number {
  let value = 0;
  let scale = 1;
  // 5 bytes cover 2^35, beyond any JavaScript string length; more means a corrupt buffer, not a big number.
  for (let i = 0; i < 5; i++) {
    if (reader.offset >= data.length) throw corrupt('truncated header');
    const byte = data[reader.offset++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 0x80;
  }
  throw corrupt('overlong length');
}
