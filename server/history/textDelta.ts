// Storage codec for a revision's rendered HTML and text. Each revision is stored against the previous one,
// so keeping every revision costs about the size of the edits, not pages × revisions. A collaborative edit
// is almost always one contiguous region (people type in one place between two revision cuts), so trimming
// the common prefix and suffix captures it without a diff algorithm, in linear time, and the result is
// trivially exact to apply.
//
// Delta layout (lengths are UTF-16 code units, JavaScript string indices, as unsigned LEB128 varints):
//   flag byte (0 = middle is raw UTF-8, 1 = middle is deflate-raw UTF-8)
//   varint length of `previous`  (catches a delta applied to the wrong base)
//   varint prefix length, varint suffix length (both kept from `previous`)
//   uint32 LE CRC-32 of `next` as UTF-8 (catches corruption anywhere, including an uncompressed middle)
//   the middle of `next`
//
// Strings are stored as UTF-8, like every TEXT column in SQLite: a lone surrogate (Yjs can leave one
// behind when an emoji is cut in half) comes back as U+FFFD. Well-formed strings round-trip exactly.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const RAW = 0;
const DEFLATED = 1;
/** Below this, deflate's block overhead eats the gain; above it we still keep the smaller of the two. */
const COMPRESS_FROM_BYTES = 64;
/** Reconstructing a revision applies at most this many deltas after its full copy. */
export const MAX_CHAIN_LENGTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeDelta(previous: string, next: string): Buffer {
  const max = Math.min(previous.length, next.length);
  let prefix = 0;
  while (prefix < max && previous.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  // Equal high surrogates followed by different low ones: cutting between them would leave half a
  // character on each side, which UTF-8 cannot carry. Give the high surrogate to the middle.
  if (prefix > 0 && isHighSurrogate(next.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  const room = max - prefix; // prefix and suffix must not overlap in either string
  while (
    suffix < room &&
    previous.charCodeAt(previous.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Same on the right: a shared low surrogate whose high half differs stays in the middle.
  if (suffix > 0 && isLowSurrogate(next.charCodeAt(next.length - suffix))) suffix--;

  const middle = Buffer.from(next.slice(prefix, next.length - suffix), 'utf8');
  let flag = RAW;
  let body = middle;
  if (middle.length >= COMPRESS_FROM_BYTES) {
    const deflated = deflateRawSync(middle);
    if (deflated.length < middle.length) {
      flag = DEFLATED;
      body = deflated;
    }
  }
  const header: number[] = [flag];
  writeVarint(header, previous.length);
  writeVarint(header, prefix);
  writeVarint(header, suffix);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(Buffer.from(next, 'utf8')));
  return Buffer.concat([Buffer.from(header), checksum, body]);
}

export function applyDelta(previous: string, delta: Buffer): string {
  const reader = { offset: 0 };
  if (delta.length < 1) throw corrupt('empty');
  const flag = delta[reader.offset++];
  if (flag !== RAW && flag !== DEFLATED) throw corrupt(`unknown flag ${flag}`);
  const baseLength = readVarint(delta, reader);
  const prefix = readVarint(delta, reader);
  const suffix = readVarint(delta, reader);
  if (baseLength !== previous.length) {
    throw corrupt(`it was made against a text of ${baseLength} code units, not ${previous.length}`);
  }
  if (prefix + suffix > previous.length) throw corrupt('prefix and suffix are longer than the base text');
  if (reader.offset + 4 > delta.length) throw corrupt('truncated checksum');
  const expected = delta.readUInt32LE(reader.offset);
  const body = delta.subarray(reader.offset + 4);
  let middle: string;
  try {
    middle = utf8.decode(flag === DEFLATED ? inflateRawSync(body) : body);
  } catch (error) {
    throw corrupt(`unreadable middle (${(error as Error).message})`);
  }
  const result = previous.slice(0, prefix) + middle + previous.slice(previous.length - suffix);
  if (crc32(Buffer.from(result, 'utf8')) !== expected) throw corrupt('checksum mismatch');
  return result;
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

function readVarint(data: Buffer, reader: { offset: number }): number {
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
