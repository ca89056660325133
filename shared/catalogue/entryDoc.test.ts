// Validation of catalogue entry fields, as every reader applies it: each refusal has its problem code, good
// values come out normalized, and whatever a co-editor writes into the Y.Doc gives problems, never exceptions.
import * as Y from 'yjs';
import { emptyEntry, LIMITS, MIN_YEAR } from './fields.js';
import { entryTextName, isEntryDoc, readEntry, validateEntry, validateEntryField, writeEntryFields, ENTRY_MAP } from './entryDoc.js';

const now = new Date('2026-06-01T00:00:00Z');

describe('validateEntryField refuses each bad value with its problem code', () => {
  test.each([
    ['summary', 'x'.repeat(LIMITS.summary + 1), 'tooLong', { max: LIMITS.summary }],
    ['organisation', 42, 'unknownChoice', undefined],
    ['website', 'javascript:alert(1)', 'notAUrl', undefined],
    ['website', 'ftp://example.org/file', 'notAUrl', undefined],
    ['website', 'not a url', 'notAUrl', undefined],
    ['website', `https://example.org/${'a'.repeat(LIMITS.website)}`, 'tooLong', { max: LIMITS.website }],
    ['country', 'XX', 'unknownCountry', undefined],
    ['country', 7, 'unknownCountry', undefined],
    ['level', 'galactic', 'unknownChoice', undefined],
    ['kind', 'Open data', 'unknownChoice', undefined],
    ['status', true, 'unknownChoice', undefined],
    ['languages', ['en', 'klingon'], 'unknownLanguage', { code: 'klingon' }],
    ['languages', 'en', 'unknownLanguage', undefined],
    ['languages', Array.from({ length: LIMITS.languages + 1 }, (_, i) => ['en', 'fr', 'sv', 'nl', 'de', 'es', 'it', 'pt', 'da', 'fi', 'nb', 'nn', 'is', 'et', 'lv', 'lt', 'pl', 'cs', 'sk', 'hu', 'ro'][i]), 'tooMany', { max: LIMITS.languages }],
    ['year', 'soon', 'notAYear', undefined],
    ['year', 2015.5, 'notAYear', undefined],
    ['year', MIN_YEAR - 1, 'yearRange', { min: MIN_YEAR, max: 2027 }],
    ['year', 2028, 'yearRange', { min: MIN_YEAR, max: 2027 }],
    ['tags', Array.from({ length: LIMITS.tags + 1 }, (_, i) => `tag${i}`).join(', '), 'tooMany', { max: LIMITS.tags }],
    ['tools', 'x'.repeat(LIMITS.toolsText + 1), 'tooLong', { max: LIMITS.toolsText }],
    ['tools', `ok, ${'y'.repeat(LIMITS.tool + 1)}`, 'itemTooLong', { max: LIMITS.tool, item: `${'y'.repeat(LIMITS.tool)}…` }],
    ['tags', [{ name: 'object' }], 'unknownChoice', undefined],
  ] as const)('%s = %j → %s', (field, value, code, params) => {
    const result = validateEntryField(field, value, now);
    expect(result.value).toBeUndefined();
    expect(result.problem).toEqual({ field, code, ...(params ? { params } : {}) });
  });
});

describe('validateEntryField normalizes good values', () => {
  test.each([
    ['summary', '  A wiki\n\tfor   everyone ', 'A wiki for everyone'],
    ['country', 'ca', 'CA'],
    ['country', 'EU', 'EU'],
    ['country', '', null],
    ['year', ' 2015 ', 2015],
    ['year', 2027, 2027],
    ['year', '', null],
    ['languages', [' EN', 'fr', 'en'], ['en', 'fr']],
    ['tags', 'Open data; open DATA, Transparency,, ', ['Open data', 'Transparency']],
    ['tools', ['MediaWiki', ' ', 'Drupal'], ['MediaWiki', 'Drupal']],
    ['website', ' https://open.canada.ca/en ', 'https://open.canada.ca/en'],
    ['website', '', null],
    ['kind', '', null],
  ] as const)('%s = %j → %j', (field, value, expected) => {
    expect(validateEntryField(field, value, now)).toEqual({ value: expected });
  });

  test('validateEntry keeps what passes, reports the rest, and leaves absent fields empty', () => {
    const { fields, problems } = validateEntry({ country: 'se', year: 'next year', summary: 'Fine', website: 'javascript:x' }, now);
    expect(fields).toEqual({ ...emptyEntry(), country: 'SE', summary: 'Fine' });
    expect(problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual(['website:notAUrl', 'year:notAYear']);
  });
});

describe('readEntry on a document', () => {
  const docWith = (write: (doc: Y.Doc) => void): Y.Doc => {
    const doc = new Y.Doc();
    write(doc);
    // Read it as the server does: from the encoded state, in a fresh document.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return copy;
  };

  test('a page without the entry map is not an entry, and reading it creates nothing', () => {
    const doc = docWith((d) => d.getText('title').insert(0, 'Plain page'));
    expect(readEntry(doc, now)).toBeNull();
    expect(doc.share.has(ENTRY_MAP)).toBe(false);
  });

  test('fields written with writeEntryFields read back the same', () => {
    const fields = { ...emptyEntry(), country: 'CA', level: 'national' as const, kind: 'open-data' as const, year: 2011, status: 'active' as const,
      languages: ['en', 'fr'], tags: ['Open data', 'Transparency'], tools: ['CKAN'], summary: 'Open data portal', organisation: 'Treasury Board',
      region: '', website: 'https://open.canada.ca', contact: 'open-ouvert@example.ca' };
    const doc = docWith((d) => writeEntryFields(d, fields));
    expect(isEntryDoc(doc)).toBe(true);
    expect(readEntry(doc, now)).toEqual({ fields, problems: [] });
  });

  test('hostile values written as a co-editor could are problems, never exceptions', () => {
    const doc = docWith((d) => {
      writeEntryFields(d, { summary: 'Kept' });
      const map = d.getMap<unknown>(ENTRY_MAP);
      map.set('country', 42);
      map.set('level', { toString: 'national' });
      map.set('kind', ['open-data']);
      map.set('year', '1e3');
      map.set('languages', [{ code: 'en' }]);
      map.set('summary', 12345); // not where the summary lives: ignored
      const nested = new Y.Map();
      map.set('status', nested); // a shared type where a value is expected
      d.getText(entryTextName('website')).insert(0, 'javascript:alert(document.cookie)');
      d.getText(entryTextName('tags')).insert(0, 'a'.repeat(LIMITS.tag + 5));
      d.getText(entryTextName('organisation')).insert(0, 'x'.repeat(LIMITS.organisation + 1));
      // An embed in a text field: not text, so not part of the value.
      d.getText(entryTextName('contact')).insert(0, 'Call us');
      d.getText(entryTextName('contact')).insertEmbed(3, { evil: true });
    });
    let read: ReturnType<typeof readEntry> = null;
    expect(() => (read = readEntry(doc, now))).not.toThrow();
    const { fields, problems } = read!;
    expect(fields).toEqual({ ...emptyEntry(), summary: 'Kept', contact: 'Call us' });
    expect(problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual([
      'country:unknownCountry',
      'kind:unknownChoice',
      'languages:unknownLanguage',
      'level:unknownChoice',
      'organisation:tooLong',
      'status:unknownChoice',
      'tags:itemTooLong',
      'website:notAUrl',
      'year:notAYear',
    ]);
  });

  test('a document marked with another schema version is not read as an entry', () => {
    const doc = docWith((d) => d.getMap(ENTRY_MAP).set('schema', 2));
    expect(readEntry(doc, now)).toBeNull();
  });
});
