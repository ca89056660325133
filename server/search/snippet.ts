// Highlighted snippets cut from a page's ORIGINAL text: the window of words with the most query matches,
// HTML-escaped piece by piece, with only our own <mark> tags added around matched words.
import { foldAccents, SEARCH_LANGUAGES, termOf, words, type SearchLanguage } from '../../shared/search/analyze.js';

export const SNIPPET_WORDS = 30;
/** Longest text scanned for matches: a snippet from the first few thousand words is as good, and bounded. */
const MAX_SCANNED_CHARS = 200_000;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Decides whether a word of a page matches the query's terms; remembers each distinct word's answer. */
export class TermMatcher {
  private readonly cache = new Map<string, boolean>();
  private readonly firstLetters: Set<string>;

  constructor(
    private readonly exact: ReadonlySet<string>,
    private readonly prefixes: readonly string[],
  ) {
    this.firstLetters = new Set([...exact, ...prefixes].map((t) => t[0]));
  }

  get empty(): boolean {
    return this.exact.size === 0 && this.prefixes.length === 0;
  }

  matches(word: string, lang: SearchLanguage): boolean {
    const key = `${lang}:${word}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.compute(word, lang);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private compute(word: string, lang: SearchLanguage): boolean {
    const folded = foldAccents(word);
    // Stems keep a word's first letter, so most words are ruled out without running a stemmer.
    if (!this.firstLetters.has(folded[0])) return false;
    if (this.prefixes.some((p) => folded.startsWith(p))) return true;
    // The page's language first; the others catch words quoted from another language.
    for (const l of [lang, ...SEARCH_LANGUAGES.filter((x) => x !== lang)]) {
      const term = termOf(word, l);
      if (term === null) continue;
      if (this.exact.has(term) || this.prefixes.some((p) => term.startsWith(p))) return true;
    }
    return false;
  }
}

/** A snippet of about `size` words around the densest cluster of matches, as safe HTML. */
export function snippet(text: string, lang: SearchLanguage, matcher: TermMatcher, size = SNIPPET_WORDS): string {
  const scanned = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
  const ws = words(scanned);
  if (ws.length === 0) return '';
  const hits = matcher.empty ? [] : ws.map((w) => matcher.matches(w.word, lang));

  // Sliding window: the start whose `size` words hold the most matches (the earliest on a tie).
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < ws.length; i++) {
    if (hits[i]) count++;
    if (i >= size && hits[i - size]) count--;
    const start = Math.max(0, i - size + 1);
    if (i >= Math.min(size, ws.length) - 1 && count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Start a little before the first match, so it reads in context.
  const firstHit = hits.indexOf(true, best);
  if (firstHit > best + 3) best = Math.max(0, Math.min(firstHit - 3, ws.length - size));
  const end = Math.min(ws.length, best + size);

  let html = '';
  for (let i = best; i < end; i++) {
    if (i > best) html += escapeHtml(collapse(scanned.slice(ws[i - 1].end, ws[i].start)));
    const word = escapeHtml(ws[i].word);
    html += hits[i] ? `<mark>${word}</mark>` : word;
  }
  const before = best > 0;
  const after = end < ws.length || scanned.length < text.length;
  // Uncut ends keep their punctuation ("(see below).") rather than stopping at the last letter.
  const lead = before ? '… ' : escapeHtml(collapse(scanned.slice(0, ws[0].start)).trimStart());
  const tail = after ? ' …' : escapeHtml(collapse(scanned.slice(ws[end - 1].end)).trimEnd());
  return `${lead}${html}${tail}`;
}

/** Paragraph breaks and runs of white space read as one space in a one-line snippet. */
function collapse(between: string): string {
  return /\s/.test(between) ? between.replace(/\s+/g, ' ') : between;
}
