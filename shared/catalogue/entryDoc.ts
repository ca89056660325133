// Where a catalogue entry's fields live in its page's Y.Doc, and the one validation every reader applies.
//
// - The Y.Map `entry` marks the page as an entry (`schema: 1`) and holds the choice fields as plain values:
//   country, level, kind, status (strings), year (number), languages (string array). Last writer wins.
// - Each free-text field is a top-level Y.Text `entry.<field>`, co-edited character by character like the
//   title (tools and tags as comma-separated text).
//
// Anyone who may write the page may write anything there (the live channel accepts characters and plain
// values in top-level types other than the body), so nothing read from a document is trusted: readEntry
// validates every value, keeps what passes and reports what does not.
import type * as Y from 'yjs';
import {
  CHOICE_FIELDS,
  COUNTRIES,
  emptyEntry,
  KINDS,
  LANGUAGES,
  LEVELS,
  LIMITS,
  MIN_YEAR,
  STATUSES,
  TEXT_FIELDS,
  type EntryFieldName,
  type EntryFields,
  type EntryProblem,
  type TextField,
} from './fields.js';

export const ENTRY_MAP = 'entry';
export const ENTRY_SCHEMA_KEY = 'schema';
export const ENTRY_SCHEMA_VERSION = 1;

/** Name of the top-level Y.Text holding a free-text field. */
export function entryTextName(field: TextField): string {
  return `entry.${field}`;
}

const countrySet = new Set(COUNTRIES);
const languageSet = new Set(LANGUAGES);

/** True when the document is a catalogue entry. Never creates the map. */
export function isEntryDoc(doc: Y.Doc): boolean {
  if (!doc.share.has(ENTRY_MAP)) return false;
  return doc.getMap(ENTRY_MAP).get(ENTRY_SCHEMA_KEY) === ENTRY_SCHEMA_VERSION;
}

/** The entry's validated fields and the problems of the values that failed, or null if the page is not an entry. */
export function readEntry(doc: Y.Doc, now: Date = new Date()): { fields: EntryFields; problems: EntryProblem[] } | null {
  if (!isEntryDoc(doc)) return null;
  const map = doc.getMap<unknown>(ENTRY_MAP);
  const raw: Partial<Record<EntryFieldName, unknown>> = {};
  for (const field of CHOICE_FIELDS) raw[field] = map.get(field);
  for (const field of TEXT_FIELDS) raw[field] = doc.share.has(entryTextName(field)) ? doc.getText(entryTextName(field)).toString() : '';
  return validateEntry(raw, now);
}

/** Validates raw values (from a document, a form or the seed) into fields plus problems. Absent values are fine. */
export function validateEntry(raw: Partial<Record<EntryFieldName, unknown>>, now: Date = new Date()): { fields: EntryFields; problems: EntryProblem[] } {
  const fields = emptyEntry();
  const problems: EntryProblem[] = [];
  const record = fields as unknown as Record<EntryFieldName, unknown>;
  for (const field of Object.keys(fields) as EntryFieldName[]) {
    if (raw[field] === undefined || raw[field] === null) continue;
    const result = validateEntryField(field, raw[field], now);
    if (result.problem) problems.push(result.problem);
    else record[field] = result.value;
  }
  return { fields, problems };
}

type FieldResult = { value: unknown; problem?: undefined } | { value?: undefined; problem: EntryProblem };

/**
 * One field's value as the form holds it (text for text fields, a code, a number, a list of codes) →
 * the normalized value, or the problem. Empty text is a valid empty value.
 */
export function validateEntryField(field: EntryFieldName, value: unknown, now: Date = new Date()): FieldResult {
  const problem = (code: EntryProblem['code'], params?: EntryProblem['params']): FieldResult => ({ problem: { field, code, ...(params ? { params } : {}) } });
  switch (field) {
    case 'summary':
    case 'organisation':
    case 'region':
    case 'contact': {
      if (typeof value !== 'string') return problem('unknownChoice');
      const text = oneLine(value);
      return text.length > LIMITS[field] ? problem('tooLong', { max: LIMITS[field] }) : { value: text };
    }
    case 'website': {
      if (typeof value !== 'string') return problem('notAUrl');
      const text = value.trim();
      if (text === '') return { value: null };
      if (text.length > LIMITS.website) return problem('tooLong', { max: LIMITS.website });
      return isWebUrl(text) ? { value: text } : problem('notAUrl');
    }
    case 'tools':
    case 'tags': {
      const max = field === 'tools' ? LIMITS.tools : LIMITS.tags;
      const itemMax = field === 'tools' ? LIMITS.tool : LIMITS.tag;
      const textMax = field === 'tools' ? LIMITS.toolsText : LIMITS.tagsText;
      let items: string[];
      if (typeof value === 'string') {
        if (value.length > textMax) return problem('tooLong', { max: textMax });
        items = splitList(value);
      } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        items = (value as string[]).map(oneLine).filter((v) => v !== '');
      } else {
        return problem('unknownChoice');
      }
      const unique = dedupe(items);
      const long = unique.find((item) => item.length > itemMax);
      if (long !== undefined) return problem('itemTooLong', { max: itemMax, item: long.slice(0, itemMax) + '…' });
      return unique.length > max ? problem('tooMany', { max }) : { value: unique };
    }
    case 'country': {
      if (value === '') return { value: null };
      return typeof value === 'string' && countrySet.has(value.toUpperCase()) ? { value: value.toUpperCase() } : problem('unknownCountry');
    }
    case 'level':
      return oneOf(value, LEVELS) ? { value } : value === '' ? { value: null } : problem('unknownChoice');
    case 'kind':
      return oneOf(value, KINDS) ? { value } : value === '' ? { value: null } : problem('unknownChoice');
    case 'status':
      return oneOf(value, STATUSES) ? { value } : value === '' ? { value: null } : problem('unknownChoice');
    case 'year': {
      if (value === '') return { value: null };
      const year = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(year)) return problem('notAYear');
      const max = now.getUTCFullYear() + 1;
      return year < MIN_YEAR || year > max ? problem('yearRange', { min: MIN_YEAR, max }) : { value: year };
    }
    case 'languages': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return problem('unknownLanguage');
      const codes = dedupe((value as string[]).map((v) => v.trim().toLowerCase()).filter((v) => v !== ''));
      if (codes.length > LIMITS.languages) return problem('tooMany', { max: LIMITS.languages });
      const unknown = codes.find((code) => !languageSet.has(code));
      return unknown === undefined ? { value: codes } : problem('unknownLanguage', { code: unknown.slice(0, 20) });
    }
  }
}

/**
 * Writes fields into a document (seeding a new entry, or a script's edit), marking it an entry. Text fields
 * replace their whole text; lists are written as comma-separated text. Values are written as given: callers
 * validate first (readEntry validates again on the way out).
 */
export function writeEntryFields(doc: Y.Doc, fields: Partial<EntryFields>): void {
  doc.transact(() => {
    const map = doc.getMap<unknown>(ENTRY_MAP);
    if (map.get(ENTRY_SCHEMA_KEY) !== ENTRY_SCHEMA_VERSION) map.set(ENTRY_SCHEMA_KEY, ENTRY_SCHEMA_VERSION);
    for (const field of CHOICE_FIELDS) {
      const value = fields[field];
      if (value === undefined) continue;
      if (value === null || (Array.isArray(value) && value.length === 0)) map.delete(field);
      else map.set(field, Array.isArray(value) ? [...value] : value);
    }
    for (const field of TEXT_FIELDS) {
      const value = fields[field];
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
      const ytext = doc.getText(entryTextName(field));
      if (ytext.toString() === text) continue;
      if (ytext.length > 0) ytext.delete(0, ytext.length);
      if (text) ytext.insert(0, text);
    }
  });
}

/** "a, b,, c " → ["a", "b", "c"]: commas (and semicolons, and new lines) separate list items. */
export function splitList(text: string): string[] {
  return text.split(/[,;\n]/).map(oneLine).filter((item) => item !== '');
}

/** Collapses white space and drops control characters: every text field is one line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

function dedupe(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
