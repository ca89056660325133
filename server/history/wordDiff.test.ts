// The revision word diff on known texts, on random edits (checking that each side of the diff reproduces
// its text exactly) and on a large rewrite that must fall back to whole blocks and stay complete.
import { countWords, diffSideText, diffTexts, diffWords, partsSideText } from './wordDiff.js';
import type { DiffPart, TextDiff } from './types.js';
import { seededRandom } from '../../tests/helpers/seededRandom.js';

/** Checks what every diff must satisfy, then returns it for more specific assertions. */
function checkedDiff(from: string, to: string): TextDiff {
  const diff = diffTexts(from, to);
  expect(diffSideText(diff, 'from')).toBe(from);
  expect(diffSideText(diff, 'to')).toBe(to);
  let equalWords = 0;
  for (const block of diff.blocks) {
    if (block.change === 'modified') {
      expect(block.parts.some((part) => part.type !== 'equal')).toBe(true);
      expect(block.parts.every((part) => part.text !== '')).toBe(true);
      block.parts.slice(1).forEach((part, k) => expect(part.type).not.toBe(block.parts[k].type));
    } else {
      const expected = { equal: 'equal', inserted: 'insert', deleted: 'delete' }[block.change];
      expect(block.parts).toEqual([{ type: expected, text: expect.any(String) }]);
    }
    for (const part of block.parts) if (part.type === 'equal') equalWords += countWords(part.text);
  }
  // Parts end at word boundaries, so the counts add up exactly.
  expect(diff.deletedWords + equalWords).toBe(countWords(from));
  expect(diff.insertedWords + equalWords).toBe(countWords(to));
  return diff;
}

const summary = (diff: TextDiff) => diff.blocks.map((block) => block.change);

const random = seededRandom;

const VOCABULARY = [
  ...['plan', 'budget', "l'équipe", 'été', 'réunion', 'the', 'costs', '2026', '3.5', 'ça', 'naïve', 'notes'],
  ...['😀', 'Δέλτα', 'данные', 'à', '—'],
];

function paragraph(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(next() < 0.7 ? VOCABULARY[Math.floor(next() * VOCABULARY.length)] : Math.floor(next() * 1e9).toString(36));
    if (next() < 0.05) out.push('\n');
  }
  return out.join(' ').replace(/ \n /g, '\n');
}

function randomText(next: () => number, size: number): string {
  const blocks: string[] = [];
  let length = 0;
  while (length < size) {
    const block = next() < 0.05 ? '' : paragraph(next, 1 + Math.floor(next() * 60));
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n');
}

describe('diffWords (titles and other short strings)', () => {
  test('marks a replaced number and an inserted phrase, leaving the rest equal', () => {
    expect(diffWords('The plan costs 5 dollars.', 'The plan costs 7 dollars in 2026.')).toEqual<DiffPart[]>([
      { type: 'equal', text: 'The plan costs ' },
      { type: 'delete', text: '5' },
      { type: 'insert', text: '7' },
      { type: 'equal', text: ' dollars' },
      { type: 'insert', text: ' in 2026' },
      { type: 'equal', text: '.' },
    ]);
  });

  test('is null when the strings are equal', () => {
    expect(diffWords('Budget 2026', 'Budget 2026')).toBeNull();
    expect(diffWords('', '')).toBeNull();
  });

  test('keeps French words with accents and apostrophes whole', () => {
    expect(diffWords("Réunion de l'équipe d’été", "Réunion de l'entreprise d’été")).toEqual<DiffPart[]>([
      { type: 'equal', text: 'Réunion de ' },
      { type: 'delete', text: "l'équipe" },
      { type: 'insert', text: "l'entreprise" },
      { type: 'equal', text: ' d’été' },
    ]);
    expect(diffWords('Les données été', 'Les donnees été')).toEqual<DiffPart[]>([
      { type: 'equal', text: 'Les ' },
      { type: 'delete', text: 'données' },
      { type: 'insert', text: 'donnees' },
      { type: 'equal', text: ' été' },
    ]);
  });

  test('shows a rewritten phrase as one deletion and one insertion, not word-by-word around kept spaces', () => {
    expect(diffWords('Draft one two', 'Draft three four')).toEqual<DiffPart[]>([
      { type: 'equal', text: 'Draft ' },
      { type: 'delete', text: 'one two' },
      { type: 'insert', text: 'three four' },
    ]);
  });

  test('handles an empty side and emoji without splitting them', () => {
    expect(diffWords('', 'New page')).toEqual<DiffPart[]>([{ type: 'insert', text: 'New page' }]);
    const parts = diffWords('Party 😀 time', 'Party 😁 time')!;
    expect(parts).toEqual<DiffPart[]>([
      { type: 'equal', text: 'Party ' },
      { type: 'delete', text: '😀' },
      { type: 'insert', text: '😁' },
      { type: 'equal', text: ' time' },
    ]);
    expect(partsSideText(parts, 'from')).toBe('Party 😀 time');
    expect(partsSideText(parts, 'to')).toBe('Party 😁 time');
  });
});

describe('diffTexts (revision text, block by block)', () => {
  test('identical texts give only equal blocks and zero counts', () => {
    const text = 'Title\n\nFirst paragraph.\n\n\n\nItem one\nItem two';
    const diff = checkedDiff(text, text);
    expect(summary(diff)).toEqual(['equal', 'equal', 'equal', 'equal']);
    expect(diff.insertedWords).toBe(0);
    expect(diff.deletedWords).toBe(0);
    expect(checkedDiff('', '')).toEqual({ blocks: [], insertedWords: 0, deletedWords: 0 });
  });

  test('a paragraph inserted between two is one inserted block', () => {
    const diff = checkedDiff('First paragraph.\n\nThird paragraph.', 'First paragraph.\n\nA new one here.\n\nThird paragraph.');
    expect(diff.blocks).toEqual([
      { change: 'equal', parts: [{ type: 'equal', text: 'First paragraph.' }] },
      { change: 'inserted', parts: [{ type: 'insert', text: 'A new one here.' }] },
      { change: 'equal', parts: [{ type: 'equal', text: 'Third paragraph.' }] },
    ]);
    expect(diff.insertedWords).toBe(4);
    expect(diff.deletedWords).toBe(0);
  });

  test('a deleted block is one deleted block, its words counted', () => {
    const diff = checkedDiff('Keep me.\n\nRemove this sentence now.\n\nKeep me too.', 'Keep me.\n\nKeep me too.');
    expect(summary(diff)).toEqual(['equal', 'deleted', 'equal']);
    expect(diff.blocks[1].parts).toEqual([{ type: 'delete', text: 'Remove this sentence now.' }]);
    expect(diff.deletedWords).toBe(4);
    expect(diff.insertedWords).toBe(0);
  });

  test('an edited block is modified with a word diff inside; a rewritten one is deleted then inserted', () => {
    const diff = checkedDiff(
      'Budget\n\nThe plan costs 5 dollars.\n\nMeeting notes from Monday.',
      'Budget\n\nThe plan costs 7 dollars in 2026.\n\nApproved by the board.',
    );
    expect(summary(diff)).toEqual(['equal', 'modified', 'deleted', 'inserted']);
    expect(diff.blocks[1].parts).toEqual(diffWords('The plan costs 5 dollars.', 'The plan costs 7 dollars in 2026.'));
    expect(diff.blocks[2].parts).toEqual([{ type: 'delete', text: 'Meeting notes from Monday.' }]);
    expect(diff.blocks[3].parts).toEqual([{ type: 'insert', text: 'Approved by the board.' }]);
    expect(diff.deletedWords).toBe(1 + 4);
    expect(diff.insertedWords).toBe(3 + 4);
  });

  test('keeps line breaks inside a block in its parts', () => {
    const diff = checkedDiff('Intro\n\nMilk\nBread\nEggs', 'Intro\n\nMilk\nButter\nEggs');
    expect(diff.blocks[1]).toEqual({
      change: 'modified',
      parts: [
        { type: 'equal', text: 'Milk\n' },
        { type: 'delete', text: 'Bread' },
        { type: 'insert', text: 'Butter' },
        { type: 'equal', text: '\nEggs' },
      ],
    });
  });

  test('counts French words with apostrophes and accents as single words', () => {
    const diff = checkedDiff(
      "Ordre du jour\n\nL'équipe s'est réunie.",
      "Ordre du jour\n\nL'équipe s'est réunie aujourd’hui à Montréal.",
    );
    expect(diff.blocks[1].parts).toEqual([
      { type: 'equal', text: "L'équipe s'est réunie" },
      { type: 'insert', text: ' aujourd’hui à Montréal' },
      { type: 'equal', text: '.' },
    ]);
    expect(diff.insertedWords).toBe(3);
    expect(countWords("L'équipe s'est réunie, 3.5 % du budget.")).toBe(6);
  });

  test('empty paragraphs are blocks of their own, so removing one is a deleted empty block', () => {
    const diff = checkedDiff('Above\n\n\n\nBelow', 'Above\n\nBelow');
    expect(diff.blocks).toEqual([
      { change: 'equal', parts: [{ type: 'equal', text: 'Above' }] },
      { change: 'deleted', parts: [{ type: 'delete', text: '' }] },
      { change: 'equal', parts: [{ type: 'equal', text: 'Below' }] },
    ]);
    expect(diff.deletedWords).toBe(0);
  });

  test('a page filled from empty is inserted blocks, and emptied is deleted blocks', () => {
    expect(summary(checkedDiff('', 'Hello world\n\nSecond'))).toEqual(['inserted', 'inserted']);
    const emptied = checkedDiff('Hello world\n\nSecond', '');
    expect(summary(emptied)).toEqual(['deleted', 'deleted']);
    expect(emptied.deletedWords).toBe(3);
  });

  test('random edits of mixed-script texts always give complete diffs with exact counts', () => {
    const next = random(42);
    for (let round = 0; round < 40; round++) {
      const from = randomText(next, 2000);
      const blocks = from.split('\n\n');
      for (let edit = 0; edit < 1 + round % 6; edit++) {
        const at = Math.floor(next() * (blocks.length + 1));
        const kind = next();
        if (kind < 0.25) blocks.splice(at, 0, paragraph(next, 1 + Math.floor(next() * 20)));
        else if (kind < 0.45) blocks.splice(at, 1);
        else if (at < blocks.length) {
          const words = blocks[at].split(' ');
          const replacement = paragraph(next, Math.floor(next() * 4)).split(' ');
          words.splice(Math.floor(next() * words.length), Math.floor(next() * 3), ...replacement);
          blocks[at] = words.join(' ');
        }
      }
      checkedDiff(from, blocks.join('\n\n'));
    }
  });

  test('a 200 KB text against a different 200 KB text stays complete (the bounded fallback)', () => {
    const from = randomText(random(1), 200_000);
    const to = randomText(random(2), 200_000);
    const diff = checkedDiff(from, to);
    expect(diff.deletedWords).toBeGreaterThan(0);
    expect(diff.insertedWords).toBeGreaterThan(0);
    // The same as one huge block (a long list or code block): too costly to word-diff, so replaced whole.
    const oneFrom = from.replace(/\n+/g, '\n');
    const oneTo = to.replace(/\n+/g, '\n');
    expect(summary(checkedDiff(oneFrom, oneTo))).toEqual(['deleted', 'inserted']);
  });

  test('one edited paragraph in a 200 KB page is found exactly', () => {
    const blocks = randomText(random(7), 200_000).split('\n\n');
    let middle = Math.floor(blocks.length / 2);
    while (blocks[middle] === '') middle++;
    const from = blocks.join('\n\n');
    blocks[middle] = `${blocks[middle]} Ajouté par l'équipe.`;
    const diff = checkedDiff(from, blocks.join('\n\n'));
    expect(diff.blocks.filter((block) => block.change !== 'equal')).toEqual([
      {
        change: 'modified',
        parts: [
          { type: 'equal', text: blocks[middle].slice(0, -" Ajouté par l'équipe.".length) },
          { type: 'insert', text: " Ajouté par l'équipe." },
        ],
      },
    ]);
    expect(diff.insertedWords).toBe(3);
    expect(diff.deletedWords).toBe(0);
  });
});
