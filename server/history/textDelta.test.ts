// The revision rendering codec: exact round trips (including emoji cut at the edit's edges), deltas about
// the size of the edits wherever they are, buffers of the single-span layout still readable, corrupt
// buffers refused with a clear error, and the keyframe policy over a long history of edits.
import { deflateRawSync } from 'node:zlib';
import {
  MAX_CHAIN_LENGTH,
  applyDelta,
  decodeFull,
  encodeDelta,
  encodeFull,
  encodeTrimmedDelta,
  needsFullCopy,
} from './textDelta.js';
import { seededRandom } from '../../tests/helpers/seededRandom.js';

const roundTrip = (previous: string, next: string) => applyDelta(previous, encodeDelta(previous, next));

const random = seededRandom;

/** Text mixing ASCII, accents, astral emoji (surrogate pairs) and markup, as revision HTML holds. */
const ALPHABET = ['a', 'b', 'e', ' ', '\n', 'é', 'à', 'ç', '’', '😀', '😁', '👩‍💻', '<p>', '</p>', '"', '中'];
/** Drops surrogate halves left alone by a random cut: real edits never split a character. */
const wellFormed = (text: string) =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');

function randomText(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

describe('encodeDelta / applyDelta', () => {
  test.each([
    ['an edit at the start', 'Hello world, this is the page.', 'Howdy world, this is the page.'],
    ['an edit in the middle', 'The plan costs 5 dollars in total.', 'The plan costs 7 dollars in total.'],
    ['an edit at the end', 'The plan costs 5 dollars.', 'The plan costs 5 dollars in 2026.'],
    ['an insertion only', '<p>One</p><p>Three</p>', '<p>One</p><p>Two</p><p>Three</p>'],
    ['a deletion only', '<p>One</p><p>Two</p><p>Three</p>', '<p>One</p><p>Three</p>'],
    ['identical texts', 'Nothing changed here.', 'Nothing changed here.'],
    ['empty to text', '', 'A new page'],
    ['text to empty', 'An emptied page', ''],
    ['empty to empty', '', ''],
    ['a repeated character (prefix and suffix must not overlap)', 'aaaa', 'aaaaaa'],
    ['a repeated character, shrinking', 'aaaaaa', 'aa'],
    ['French accents', "L'équipe s'est réunie à Montréal.", "L'équipe s'était réunie à Québec."],
    ['one emoji for another sharing its high surrogate', 'a😀b', 'a😁b'],
    ['emoji at the very start', '😀 start', '😁 start'],
    ['emoji at the very end', 'end 😀', 'end 😁'],
    ['a whole string of one emoji', '😀', '😁'],
    ['an emoji appended after the same emoji', 'x😀', 'x😀😀'],
    ['an emoji removed between two', '😀😁😀', '😀😀'],
    ['a ZWJ sequence changed', 'dev 👩‍💻 here', 'dev 👨‍💻 here'],
    ['an emoji replaced by a BMP character', 'a😀b', 'a中b'],
  ])('round-trips %s', (_name, previous, next) => {
    expect(roundTrip(previous, next)).toBe(next);
  });

  test('round-trips random edits of large random texts', () => {
    const next = random(2026);
    let text = randomText(next, 50_000);
    for (let edit = 0; edit < 60; edit++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(next() * (edit % 10 === 0 ? 20_000 : 40)));
      const inserted = randomText(next, Math.floor(next() * (edit % 7 === 0 ? 5_000 : 30)));
      const edited = wellFormed(text.slice(0, start) + inserted + text.slice(end));
      expect(roundTrip(text, edited)).toBe(edited);
      text = edited;
    }
  });

  test('a small edit in a 100 KB text costs under 100 bytes, insertions and deletions alike', () => {
    const page = randomText(random(7), 100_000);
    const middle = 50_000;
    const edited = `${page.slice(0, middle)}Ajouté par l'équipe.${page.slice(middle)}`;
    expect(encodeDelta(page, edited).length).toBeLessThan(100);
    expect(encodeDelta(edited, page).length).toBeLessThan(100);
    expect(encodeDelta(page, page).length).toBeLessThan(20);
  });

  test('compresses a large inserted middle, and only when that wins', () => {
    const table = '<tr><td>Ligne</td><td>Montant</td></tr>'.repeat(500);
    const previous = '<p>Before</p><p>After</p>';
    const next = `<p>Before</p>${table}<p>After</p>`;
    const delta = encodeDelta(previous, next);
    expect(delta.length).toBeLessThan(table.length / 10);
    expect(applyDelta(previous, delta)).toBe(next);
    // Random text does not compress: stored as is, so the delta is the middle plus a few header bytes.
    const noise = randomText(random(3), 2_000).replace(/[^\x20-\x7e]/g, 'x');
    expect(encodeDelta('', noise).length).toBeLessThan(noise.length + 16);
    expect(roundTrip('', noise)).toBe(noise);
  });

  test('stores lone surrogates as U+FFFD, as any UTF-8 column would, and stays consistent', () => {
    expect(roundTrip('a', 'a\ud83db')).toBe('a\ufffdb');
    expect(roundTrip('a\ud83db', 'a\ud83dbc')).toBe('a\ud83dbc'); // the broken character is in the kept prefix
  });

  describe('refuses a corrupt or misapplied single-span delta with a clear error', () => {
    const previous = 'The plan costs 5 dollars in total.';
    const next = 'The plan costs 7 dollars in total, approved.';
    const delta = encodeTrimmedDelta(previous, next);
    const changed = (mutate: (copy: Buffer) => void) => {
      const copy = Buffer.from(delta);
      mutate(copy);
      return copy;
    };

    test.each([
      ['an empty buffer', Buffer.alloc(0)],
      ['an unknown flag', changed((copy) => (copy[0] = 7))],
      ['a truncated header', delta.subarray(0, 2)],
      ['a truncated checksum', delta.subarray(0, 5)],
      ['an overlong length', Buffer.from([0, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])],
      ['a flipped byte in the middle text', changed((copy) => (copy[copy.length - 2] ^= 0x01))],
      ['a flipped checksum byte', changed((copy) => (copy[5] ^= 0xff))],
      ['a prefix longer than the base', changed((copy) => (copy[2] = 0x7f))],
      ['invalid UTF-8 in the middle', Buffer.concat([delta.subarray(0, delta.length - 8), Buffer.from([0xff, 0xfe])])],
      [
        'a deflated middle that does not inflate',
        Buffer.concat([Buffer.from([1]), delta.subarray(1, delta.length - 8), Buffer.from([0xff, 0xff])]),
      ],
    ])('%s', (_name, corrupt) => {
      expect(() => applyDelta(previous, corrupt)).toThrow(/^Corrupt text delta: /);
    });

    test('a delta applied to a different base text', () => {
      expect(() => applyDelta('Something else entirely', delta)).toThrow(/Corrupt text delta: it was made against a text of 34/);
      // Same length, different content: only the checksum can tell.
      expect(() => applyDelta(previous.replace('plan', 'PLAN'), delta)).toThrow('Corrupt text delta: checksum mismatch');
    });
  });
});

/** Prose with accents and emoji, in lines, as a revision's plain text holds. */
const WORDS = ['le', 'plan', 'équipe', 'réunie', 'à', 'Montréal', 'ça', 's’est', 'budget', 'approved', 'the', 'team', '😀', '中文', '👩‍💻'];
function prose(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += WORDS[Math.floor(next() * WORDS.length)] + (next() < 0.04 ? '.\n' : ' ');
  return text;
}
/** A page's rendered HTML: one text run per paragraph, as headless Lexical exports it. */
const paragraph = (text: string) => `<p class="ens-p"><span style="white-space:pre-wrap">${text}</span></p>`;
/** Replaces `deleted` code units at `at` by `inserted`. */
const splice = (text: string, at: number, deleted: number, inserted: string) => text.slice(0, at) + inserted + text.slice(at + deleted);
/** Layouts: 0 and 1 are a single span (raw or deflated), 2 and 3 a list of edited spans. */
const isSpans = (delta: Buffer) => delta[0] === 2 || delta[0] === 3;

describe('encodeDelta with edits in several places', () => {
  test('an edit at the top and one at the end of a 100 KB text cost under 300 bytes', () => {
    const page = prose(random(5), 100_000);
    const edited = `${splice(page, page.indexOf(' ', 200), 1, ' corrigé ')}Ajouté à la fin par l'équipe 😀.`;
    const delta = encodeDelta(page, edited);
    expect(delta.length).toBeLessThan(300);
    expect(isSpans(delta)).toBe(true);
    expect(applyDelta(page, delta)).toBe(edited);
    // What the single span costs: everything between the two edits.
    expect(encodeTrimmedDelta(page, edited).length).toBeGreaterThan(10_000);
  });

  test('three scattered edits (a replacement, a deletion, an insertion) cost under 300 bytes', () => {
    const page = prose(random(6), 100_000);
    let edited = splice(page, 90_000, 0, 'Une phrase insérée 👩‍💻 ici. ');
    edited = wellFormed(splice(edited, 50_000, 400, ''));
    edited = wellFormed(splice(edited, 10_000, 5, 'remplacé'));
    const delta = encodeDelta(page, edited);
    expect(delta.length).toBeLessThan(300);
    expect(applyDelta(page, delta)).toBe(edited);
    expect(encodeDelta(edited, page).length).toBeLessThan(700); // undoing it stores the deleted 400 back
    expect(applyDelta(edited, encodeDelta(edited, page))).toBe(page);
  });

  test('HTML edited in two paragraphs, and in two places of one long paragraph, costs about the edits', () => {
    const next = random(8);
    const paragraphs = Array.from({ length: 300 }, () => prose(next, 300).replace(/\n/g, ' '));
    const html = paragraphs.map(paragraph).join('');
    const twoParagraphs = paragraphs.map((text, i) => (i === 20 ? `${text} Révisé.` : i === 250 ? `Note : ${text}` : text));
    const delta = encodeDelta(html, twoParagraphs.map(paragraph).join(''));
    expect(delta.length).toBeLessThan(150);
    expect(applyDelta(html, delta)).toBe(twoParagraphs.map(paragraph).join(''));

    // A paragraph is a single chunk of lines and tags: its two edits are found among its words.
    const long = paragraphs.map((text, i) => (i === 100 ? paragraphs.slice(100, 104).join(' ') : text));
    const fixed = long.map((text, i) => (i === 100 ? wellFormed(splice(splice(text, 1_100, 0, 'fin '), 10, 0, 'début ')) : text));
    const [before, after] = [long.map(paragraph).join(''), fixed.map(paragraph).join('')];
    expect(encodeDelta(before, after).length).toBeLessThan(100);
    expect(encodeTrimmedDelta(before, after).length).toBeGreaterThan(300);
    expect(applyDelta(before, encodeDelta(before, after))).toBe(after);
  });

  test('keeps each emoji whole when edits start or end inside one', () => {
    const page = `${'😀 un\n'.repeat(1_000)}😀 deux\n${'😀 un\n'.repeat(1_000)}🐀 trois\n${'😀 un\n'.repeat(1_000)}`;
    // 😀 and 😁 share their high surrogate, 🐀 and 🀀 their low one; edits at both ends frame them.
    const edited = `début\n${page.replace('😀 deux', '😁 deux').replace('🐀 trois', '🀀 trois')}fin\n`;
    const delta = encodeDelta(page, edited);
    expect(isSpans(delta)).toBe(true);
    expect(delta.length).toBeLessThan(100);
    expect(applyDelta(page, delta)).toBe(edited);
  });

  test('round-trips random edits in several places, never costing more than a single span', () => {
    const next = random(4242);
    let text = randomText(next, 20_000);
    let spans = 0;
    for (let revision = 0; revision < 300; revision++) {
      let edited = text;
      const places = 1 + Math.floor(next() * 5);
      for (let place = 0; place < places; place++) {
        const at = Math.floor(next() * (edited.length + 1));
        const deleted = Math.floor(next() * (revision % 25 === 0 ? 3_000 : 40));
        edited = wellFormed(splice(edited, at, deleted, randomText(next, Math.floor(next() * 60))));
      }
      const delta = encodeDelta(text, edited);
      expect(applyDelta(text, delta)).toBe(edited);
      expect(delta.length).toBeLessThanOrEqual(encodeTrimmedDelta(text, edited).length);
      if (isSpans(delta)) spans++;
      text = edited;
    }
    expect(spans).toBeGreaterThan(150); // the multi-span layout is what was exercised, not the fallback
  });

  test('stores a single span when it is the smaller: one edit, or a rewrite too large to diff', () => {
    const page = prose(random(9), 50_000);
    expect(isSpans(encodeDelta(page, splice(page, 25_000, 10, 'modifié')))).toBe(false);
    // Every line changed: more changed chunks than the diff budget.
    const lines = page.split('\n');
    const everyLine = lines.map((line) => `${line}!`).join('\n');
    expect(lines.length * 2).toBeGreaterThan(500);
    expect(isSpans(encodeDelta(page, everyLine))).toBe(false);
    expect(applyDelta(page, encodeDelta(page, everyLine))).toBe(everyLine);
  });

  test('a 200 KB text against a completely different one is exact and no bigger than a single span', () => {
    const [before, after] = [randomText(random(1), 200_000), randomText(random(2), 200_000)];
    const delta = encodeDelta(before, after);
    expect(applyDelta(before, delta)).toBe(after);
    expect(delta).toEqual(encodeTrimmedDelta(before, after));
    // Many paragraphs each rewritten: a line diff, then word diffs, all within the one budget.
    const next = random(3);
    const page = (seed: () => number) => Array.from({ length: 100 }, (_, i) => `${prose(seed, 1_000).replace(/\n/g, ' ')}\nsame ${i}\n`).join('');
    const [old, rewritten] = [page(next), page(next)];
    expect(applyDelta(old, encodeDelta(old, rewritten))).toBe(rewritten);
  });

  test('stores lone surrogates as U+FFFD in any span', () => {
    const page = prose(random(10), 5_000);
    const edited = `${splice(page, 100, 0, 'a\ud83db')}fin\udc00`;
    expect(applyDelta(page, encodeDelta(page, edited))).toBe(`${splice(page, 100, 0, 'a\ufffdb')}fin\ufffd`);
  });
});

describe('single-span deltas written before edited spans', () => {
  // Written by the codec when every delta was a single span: they must keep decoding.
  test.each([
    ['raw', 'Le plan coûte 5 dollars 😀.', 'Le plan coûte 7 dollars 😁, approuvé.', 'ABsOARaNAnY3IGRvbGxhcnMg8J+YgSwgYXBwcm91dsOp'],
    [
      'deflated',
      '<p>Intro</p>',
      `<p>Intro</p>${'<tr><td>Ligne</td><td>Montant</td></tr>'.repeat(8)}<p>Fin</p>`,
      'AQwMANS5dvWzKSmysylJsfPJTM9LtdEvSQHzfPPzShLzSiB8fbCSUWWoygrs3DLzbPQL7AA=',
    ],
  ])('decodes a %s middle, and encodeTrimmedDelta still writes it byte for byte', (_name, previous, next, stored) => {
    const delta = Buffer.from(stored, 'base64');
    expect(applyDelta(previous, delta)).toBe(next);
    expect(encodeTrimmedDelta(previous, next)).toEqual(delta);
  });
});

describe('refuses a corrupt or misapplied multi-span delta with a clear error', () => {
  const previous = `Le plan est prêt.\n${prose(random(12), 4_000)}`;
  const next = `${previous.replace('prêt', 'validé')}Et la fin.`;
  const delta = encodeDelta(previous, next);
  const changed = (mutate: (copy: Buffer) => void) => {
    const copy = Buffer.from(delta);
    mutate(copy);
    return copy;
  };
  const varint2 = (n: number) => [(n % 128) | 0x80, Math.floor(n / 128)];

  test('is the two-span layout these cases assume', () => {
    const kept = previous.length - 'Le plan est prêt'.length;
    // flag, base length, 2 spans: (kept 12, deleted 4, inserted 6), (kept, deleted 0, inserted 10), then the CRC.
    expect([...delta.subarray(0, 11)]).toEqual([2, ...varint2(previous.length), 2, 12, 4, 6, ...varint2(kept), 0, 10]);
    expect(delta.subarray(15).toString('utf8')).toBe('validéEt la fin.');
    expect(applyDelta(previous, delta)).toBe(next);
  });

  test.each([
    ['an unknown flag', changed((copy) => (copy[0] = 4))],
    ['a truncated header', delta.subarray(0, 3)],
    ['a span list cut short', delta.subarray(0, 6)],
    ['more spans than there is room for', changed((copy) => (copy[3] = 0x7f))],
    ['a truncated checksum', delta.subarray(0, 13)],
    ['spans reaching beyond the base text', changed((copy) => (copy[4] = 0x7f))],
    ['spans inserting more than the literals hold', changed((copy) => (copy[6] += 1))],
    ['spans inserting less than the literals hold', changed((copy) => (copy[10] -= 1))],
    ['a flipped byte in the literals', changed((copy) => (copy[copy.length - 2] ^= 0x01))],
    ['a flipped checksum byte', changed((copy) => (copy[11] ^= 0xff))],
    ['invalid UTF-8 in the literals', Buffer.concat([delta, Buffer.from([0xff])])],
    ['literals that do not inflate', changed((copy) => (copy[0] = 3))],
  ])('%s', (_name, corrupt) => {
    expect(() => applyDelta(previous, corrupt)).toThrow(/^Corrupt text delta: /);
  });

  test('a delta applied to a different base text', () => {
    expect(() => applyDelta(previous.slice(1), delta)).toThrow(`Corrupt text delta: it was made against a text of ${previous.length} code units`);
    expect(() => applyDelta(`X${previous.slice(1)}`, delta)).toThrow('Corrupt text delta: checksum mismatch');
  });
});

describe('encodeFull / decodeFull', () => {
  test.each([
    ['empty', ''],
    ['French text', "L'équipe s'est réunie à Montréal, où ça s’est bien passé."],
    ['emoji', '😀 👩‍💻 中文'],
    ['a large page', randomText(random(11), 100_000)],
  ])('round-trips %s', (_name, text) => {
    expect(decodeFull(encodeFull(text))).toBe(text);
  });

  test('is plain deflate-raw of UTF-8, readable by any zlib', () => {
    expect(encodeFull('Bonjour à tous')).toEqual(deflateRawSync(Buffer.from('Bonjour à tous', 'utf8')));
    expect(encodeFull('<p>Row</p>'.repeat(1000)).length).toBeLessThan(100);
  });

  test('refuses bytes that are not a deflate stream or not UTF-8', () => {
    expect(() => decodeFull(Buffer.from([0xff, 0xff, 0xff]))).toThrow(/^Corrupt full text copy: /);
    expect(() => decodeFull(deflateRawSync(Buffer.from([0x61, 0xff, 0x62])))).toThrow(/^Corrupt full text copy: /);
  });
});

describe('needsFullCopy (the keyframe policy)', () => {
  test('stores a delta while the chain is short and lighter than a full copy', () => {
    expect(needsFullCopy({ length: 1, bytes: 40 }, 5_000)).toBe(false);
    expect(needsFullCopy({ length: MAX_CHAIN_LENGTH - 1, bytes: 4_999 }, 5_000)).toBe(false);
  });

  test('stores a full copy once the deltas weigh as much as one', () => {
    expect(needsFullCopy({ length: 3, bytes: 5_000 }, 5_000)).toBe(true);
    expect(needsFullCopy({ length: 1, bytes: 9_000 }, 5_000)).toBe(true); // a rewrite: the delta alone is bigger
  });

  test('stores a full copy when the chain reaches 64 deltas, however small', () => {
    expect(MAX_CHAIN_LENGTH).toBe(64);
    expect(needsFullCopy({ length: 64, bytes: 64 * 20 }, 5_000)).toBe(true);
  });

  test('over a long history every revision rebuilds exactly, from chains of bounded length and weight', () => {
    const next = random(99);
    const stored: { full: boolean; data: Buffer }[] = [];
    const texts: string[] = [];
    let text = randomText(next, 10_000);
    let chain = { length: 0, bytes: 0 };
    const keyframes = { byLength: 0, byBytes: 0 };
    for (let revision = 0; revision < 200; revision++) {
      if (revision > 0) {
        const at = Math.floor(next() * text.length);
        const edit = randomText(next, 1 + Math.floor(next() * 40));
        // Now and then the page is rewritten from scratch.
        const edited = wellFormed(text.slice(0, at) + edit + text.slice(at + Math.floor(next() * 30)));
        text = revision % 90 === 0 ? randomText(next, 10_000) : edited;
      }
      const full = encodeFull(text);
      const delta = revision > 0 ? encodeDelta(texts[revision - 1], text) : null;
      const candidate = delta && { length: chain.length + 1, bytes: chain.bytes + delta.length };
      if (!candidate || needsFullCopy(candidate, full.length)) {
        if (candidate) keyframes[candidate.length >= MAX_CHAIN_LENGTH ? 'byLength' : 'byBytes']++;
        stored.push({ full: true, data: full });
        chain = { length: 0, bytes: 0 };
      } else {
        stored.push({ full: false, data: delta });
        chain = candidate;
        expect(chain.length).toBeLessThan(MAX_CHAIN_LENGTH);
        expect(chain.bytes).toBeLessThan(full.length);
      }
      texts.push(text);
    }
    // Both rules fired (a rewrite outweighs a full copy; runs of small edits hit the length cap).
    expect(keyframes.byLength).toBeGreaterThan(0);
    expect(keyframes.byBytes).toBeGreaterThan(0);
    expect(stored.filter((entry) => !entry.full).length).toBeGreaterThan(150);
    // Rebuilding each revision from its full copy and the deltas after it, walking forward once.
    let rebuilt = '';
    stored.forEach((entry, revision) => {
      rebuilt = entry.full ? decodeFull(entry.data) : applyDelta(rebuilt, entry.data);
      expect(rebuilt).toBe(texts[revision]);
    });
  });
});
