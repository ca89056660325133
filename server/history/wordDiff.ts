// Word diff of two revisions' plain text (Lexical's `$getRoot().getTextContent()`), for the diff view and API.
//
// Two levels, both on jsdiff's Myers implementation: the block lists are aligned first (cheap whole-string
// comparisons), then only blocks that changed are word-diffed. That keeps an edit in one paragraph of a long
// page from costing a word diff of the whole page, and lets a rewritten paragraph read as "this paragraph was
// replaced" rather than a confetti of one-word changes.
import { Diff, diffArrays, type ChangeObject } from 'diff';
import type { DiffBlock, DiffPart, TextDiff } from './types.js';

/** Lexical joins top-level blocks with a blank line; inside a block, lines and list items are joined by "\n". */
export const BLOCK_SEPARATOR = '\n\n';

/**
 * A word: letters, marks and digits, kept whole across an inner apostrophe ("l'équipe", "aujourd’hui") and
 * across a decimal or thousands separator between digits ("3.5", "5,000").
 */
const WORD = String.raw`[\p{L}\p{M}\p{N}_]+(?:(?:['’]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}_]+)*`;
/**
 * The tokens of diffWordsWithSpace (each newline alone, runs of other whitespace, words, single other
 * characters), but with a Unicode-aware notion of a word: jsdiff's own regex splits "l'équipe" at the
 * apostrophe and cuts Greek or Cyrillic text into single letters, which makes diffs match stray letters.
 * `[^]` with the u flag takes a whole code point, so an emoji is never split into surrogate halves.
 */
const TOKEN = new RegExp(String.raw`\r?\n|${WORD}|[^\S\r\n]+|[^]`, 'gu');
const WORDS = new RegExp(WORD, 'gu');

/** jsdiff's extension point for a custom tokenizer: everything else (Myers, bounds, joining) is the library's. */
class WikiWordDiff extends Diff<string, string> {
  override tokenize(value: string): string[] {
    return value.match(TOKEN) ?? [];
  }
}
const wordDiffer = new WikiWordDiff();

/**
 * Bounds on the work. Beyond them we show whole blocks as deleted and inserted, which is still a correct
 * and complete diff, only a coarser one. jsdiff's Myers costs about D² steps for D edits (roughly 0.1 µs
 * each here: 1,000 edits ≈ 100 ms), so the bounds are edit lengths, and one diffTexts call shares a budget
 * of D² units between the block pairings and word diffs. The budget is counted, not timed, so the same two
 * texts always give the same diff; the time limit is only a safety net for a slow or busy machine.
 */
const LIMITS = {
  /** Block-level edits when aligning the two block lists (past it: keep common ends, replace the middle). */
  blockEdits: 1000,
  /** Edits when pairing a run of removed blocks with a run of added ones (each step compares two blocks). */
  pairEdits: 100,
  /** Token edits inside one modified block (about half are words, half the spaces between them). */
  wordEdits: 1000,
  /** D² units shared by all pairings and word diffs of one call. */
  work: 1_500_000,
  /** Wall-clock safety net for one call. */
  timeoutMs: 1000,
};

/** Two blocks are shown as one modified block when at least half their words are shared (Dice coefficient). */
const SIMILARITY = 0.5;

/** What is left of one diffTexts call's allowance. */
class Budget {
  private work = LIMITS.work;
  private readonly deadline = Date.now() + LIMITS.timeoutMs;

  /** jsdiff bounds for one diff, or null if unaffordable. The once-per-call block alignment is not shared. */
  bounds(maxEdits: number, shared = true): { maxEditLength: number; timeout: number } | null {
    const maxEditLength = shared ? Math.min(maxEdits, Math.floor(Math.sqrt(this.work))) : maxEdits;
    const timeout = this.deadline - Date.now();
    return maxEditLength >= 1 && timeout > 0 ? { maxEditLength, timeout } : null;
  }

  /** Charges a diff that took `edits` edits (its maxEditLength if it gave up) over `size` input units. */
  charge(edits: number, size: number): void {
    this.work = Math.max(0, this.work - edits * edits - size);
  }
}

/** The edit length jsdiff found: the number of tokens it marked as added or removed. */
const editLength = (changes: { added: boolean; removed: boolean; count: number }[]) =>
  changes.reduce((sum, change) => sum + (change.added || change.removed ? change.count : 0), 0);

export function splitBlocks(text: string): string[] {
  // An empty text has no blocks (not one empty block), so "" vs "Hello" is one inserted block.
  return text === '' ? [] : text.split(BLOCK_SEPARATOR);
}

/**
 * Word diff of two texts. Block parts keep their "\n" so views can render line breaks. Equal, inserted and
 * deleted blocks have exactly one part (empty text for an empty paragraph); a modified block's parts are
 * never empty, no two neighbours share a type, and a change's delete comes before its insert.
 */
export function diffTexts(from: string, to: string): TextDiff {
  const budget = new Budget();
  const oldBlocks = splitBlocks(from);
  const newBlocks = splitBlocks(to);
  const blocks: DiffBlock[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    // Loops rather than push(...spread): a page of thousands of empty paragraphs would overflow the stack.
    if (removed.length || added.length) for (const block of pairRun(removed, added, budget)) blocks.push(block);
    removed = [];
    added = [];
  };
  for (const change of alignBlocks(oldBlocks, newBlocks, budget)) {
    if (change.removed) removed = removed.concat(change.value);
    else if (change.added) added = added.concat(change.value);
    else {
      flush();
      for (const block of change.value) blocks.push({ change: 'equal', parts: [{ type: 'equal', text: block }] });
    }
  }
  flush();
  let insertedWords = 0;
  let deletedWords = 0;
  for (const block of blocks) {
    for (const part of block.parts) {
      if (part.type === 'insert') insertedWords += countWords(part.text);
      else if (part.type === 'delete') deletedWords += countWords(part.text);
    }
  }
  return { blocks, insertedWords, deletedWords };
}

/** Word diff of two short strings such as titles; null when they are equal. */
export function diffWords(from: string, to: string): DiffPart[] | null {
  if (from === to) return null;
  return wordParts(from, to, new Budget()) ?? replacement(from, to);
}

/**
 * One side of a diff as text: 'from' joins equal and delete parts, 'to' equal and insert parts. This is the
 * diff's completeness property (it reproduces the compared texts exactly), and how a view can show one side.
 */
export function diffSideText(diff: TextDiff, side: 'from' | 'to'): string {
  const skipBlock = side === 'from' ? 'inserted' : 'deleted';
  const skipPart = side === 'from' ? 'insert' : 'delete';
  return diff.blocks
    .filter((block) => block.change !== skipBlock)
    .map((block) => block.parts.filter((part) => part.type !== skipPart).map((part) => part.text).join(''))
    .join(BLOCK_SEPARATOR);
}

/** The same for a word diff of short strings (diffWords); pass the original string when it returned null. */
export function partsSideText(parts: DiffPart[], side: 'from' | 'to'): string {
  const skip = side === 'from' ? 'insert' : 'delete';
  return parts.filter((part) => part.type !== skip).map((part) => part.text).join('');
}

export function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(WORDS)) count++;
  return count;
}

/** Aligns the block lists; past the bounds, keeps the common first and last blocks and replaces the middle. */
function alignBlocks(a: string[], b: string[], budget: Budget): ChangeObject<string[]>[] {
  const bounds = budget.bounds(LIMITS.blockEdits, false);
  const changes = bounds ? diffArrays(a, b, bounds) : undefined;
  if (changes) return changes;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const run = (value: string[], kind: 'equal' | 'removed' | 'added'): ChangeObject<string[]> =>
    ({ value, count: value.length, added: kind === 'added', removed: kind === 'removed' });
  return [
    run(a.slice(0, start), 'equal'),
    run(a.slice(start, a.length - end), 'removed'),
    run(b.slice(start, b.length - end), 'added'),
    run(a.slice(a.length - end), 'equal'),
  ].filter((change) => change.count > 0);
}

/** A block's words (lower-cased, with counts), to judge similarity. */
interface Profile {
  words: Map<string, number>;
  total: number;
}

function profile(text: string): Profile {
  const words = new Map<string, number>();
  let total = 0;
  for (const [word] of text.matchAll(WORDS)) {
    const key = word.toLowerCase();
    words.set(key, (words.get(key) ?? 0) + 1);
    total++;
  }
  return { words, total };
}

function similar(a: Profile, b: Profile): boolean {
  // Word-less blocks (a rule "---", an empty paragraph) are only worth pairing with another word-less block.
  if (a.total === 0 || b.total === 0) return a.total === b.total;
  const [small, large] = a.total <= b.total ? [a, b] : [b, a];
  // Dice can only reach the threshold when the smaller block is at least a third of the larger one.
  if (2 * small.total < SIMILARITY * (a.total + b.total)) return false;
  let common = 0;
  for (const [word, n] of small.words) common += Math.min(n, large.words.get(word) ?? 0);
  return (2 * common) / (a.total + b.total) >= SIMILARITY;
}

/**
 * Turns a run of removed blocks and the added blocks that replaced them into diff blocks: an order-preserving
 * pairing of similar blocks (jsdiff again, with similarity as equality) becomes 'modified' blocks; the rest
 * are whole-block deletions and insertions.
 */
function pairRun(removed: string[], added: string[], budget: Budget): DiffBlock[] {
  const whole = (): DiffBlock[] => [...removed.map(deletedBlock), ...added.map(insertedBlock)];
  const bounds = removed.length && added.length ? budget.bounds(LIMITS.pairEdits) : null;
  if (!bounds) return whole();
  const oldProfiles = removed.map(profile);
  const newProfiles = added.map(profile);
  const pairing = diffArrays(oldProfiles, newProfiles, { comparator: similar, ...bounds });
  // Each step compares two blocks' word lists, hence the size term.
  budget.charge(pairing ? editLength(pairing) : bounds.maxEditLength, (removed.length + added.length) * 8);
  if (!pairing) return whole();
  const blocks: DiffBlock[] = [];
  // Counts, not values: for "equal" (similar) runs jsdiff reports only the new side's values.
  let i = 0;
  let j = 0;
  for (const change of pairing) {
    if (change.removed) {
      for (let k = 0; k < change.count; k++) blocks.push(deletedBlock(removed[i++]));
    } else if (change.added) {
      for (let k = 0; k < change.count; k++) blocks.push(insertedBlock(added[j++]));
    } else {
      for (let k = 0; k < change.count; k++) blocks.push(...modifiedBlock(removed[i++], added[j++], budget));
    }
  }
  return blocks;
}

function modifiedBlock(from: string, to: string, budget: Budget): DiffBlock[] {
  const parts = wordParts(from, to, budget);
  if (!parts) return [deletedBlock(from), insertedBlock(to)];
  const changed = parts.some((part) => part.type !== 'equal');
  // Identical blocks can meet here when the block alignment gave up and replaced a whole middle section.
  return [changed ? { change: 'modified', parts } : { change: 'equal', parts: [{ type: 'equal', text: from }] }];
}

const deletedBlock = (text: string): DiffBlock => ({ change: 'deleted', parts: [{ type: 'delete', text }] });
const insertedBlock = (text: string): DiffBlock => ({ change: 'inserted', parts: [{ type: 'insert', text }] });

function replacement(from: string, to: string): DiffPart[] {
  const parts: DiffPart[] = [];
  if (from) parts.push({ type: 'delete', text: from });
  if (to) parts.push({ type: 'insert', text: to });
  return parts;
}

/** A change between two equal parts: what was deleted there and what was inserted. */
interface Hunk {
  del: string;
  ins: string;
}

/** Word diff as parts, or undefined when it exceeds the bounds. */
function wordParts(from: string, to: string, budget: Budget): DiffPart[] | undefined {
  const bounds = budget.bounds(LIMITS.wordEdits);
  if (!bounds) return undefined;
  const changes = wordDiffer.diff(from, to, bounds);
  // About one token per two characters; tokenizing and matching equal runs cost that much.
  budget.charge(changes ? editLength(changes) : bounds.maxEditLength, (from.length + to.length) / 2);
  if (!changes) return undefined;
  // Equal strings and hunks, alternating; jsdiff may emit a hunk's inserts and deletes in several pieces.
  const segments: (string | Hunk)[] = [];
  for (const change of changes) {
    if (!change.value) continue;
    const last = segments[segments.length - 1];
    if (!change.added && !change.removed) {
      if (typeof last === 'string') segments[segments.length - 1] = last + change.value;
      else segments.push(change.value);
      continue;
    }
    const hunk = typeof last === 'object' ? last : { del: '', ins: '' };
    if (hunk !== last) segments.push(hunk);
    if (change.added) hunk.ins += change.value;
    else hunk.del += change.value;
  }
  // With spaces as tokens, a rewritten phrase keeps its spaces as "equal": "-one +three _ -two +four".
  // Folding a whitespace-only equal between two replacements gives the readable "-one two +three four".
  const folded: (string | Hunk)[] = [];
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k];
    const previous = folded[folded.length - 1];
    const next = segments[k + 1];
    if (typeof segment === 'string' && /^\s+$/.test(segment) && isReplacement(previous) && isReplacement(next)) {
      previous.del += segment + next.del;
      previous.ins += segment + next.ins;
      k++;
    } else {
      folded.push(segment);
    }
  }
  return folded.flatMap((segment): DiffPart[] =>
    typeof segment === 'string' ? [{ type: 'equal', text: segment }] : replacement(segment.del, segment.ins),
  );
}

const isReplacement = (segment: string | Hunk | undefined): segment is Hunk =>
  typeof segment === 'object' && segment.del !== '' && segment.ins !== '';
