// Highlighted snippets cut from a page's ORIGINAL text: the window of words with the most query matches,
// HTML-escaped piece by piece, with only our own <mark> tags added around matched words.
import { foldAccents, SEARCH_LANGUAGES, termOf, words, type SearchLanguage } from '../../shared/search/analyze.js';

export const SNIPPET_WORDS = 30;
/** Longest text scanned for matches: a snippet from the first few thousand words is as good, and bounded. */
const MAX_SCANNED_CHARS = 200_000;

/** Distinct words whose terms are remembered, per language; past it the memory starts again (flat memory). */
const TERM_CACHE_SIZE = 50_000;
const termCache = new Map<SearchLanguage, Map<string, string | null>>(SEARCH_LANGUAGES.map((lang) => [lang, new Map()]));

/**
 * termOf, remembered. Text is mostly the same few thousand words, and stemming them again and again was two
 * thirds of the time to index a page (10,000 pages: 3.5 s → 0.9 s) and most of the time to mark the snippets
 * of a page of results (20 results: 10 ms → 1 ms).
 */
export function termOfWord(word: string, lang: SearchLanguage): string | null {
  const cache = termCache.get(lang)!;
  let term = cache.get(word);
  if (term === undefined) {
    if (cache.size >= TERM_CACHE_SIZE) cache.clear();
    term = termOf(word, lang);
    cache.set(word, term);
  }
  return term;
}

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

  /** Whether the word is one of the query's, in any language (the page's is tried first). */
  matches(word: string, lang: SearchLanguage): boolean {
    let hit = this.cache.get(word);
    if (hit === undefined) {
      hit = this.compute(word, lang);
      this.cache.set(word, hit);
    }
    return hit;
  }

  private compute(word: string, lang: SearchLanguage): boolean {
    // Stems keep a word's first letter, so most words are ruled out without running a stemmer, or folding
    // more than that letter.
    if (!this.firstLetters.has(foldAccents(String.fromCodePoint(word.codePointAt(0)!))[0])) return false;
    const folded = foldAccents(word);
    if (this.prefixes.some((p) => folded.startsWith(p))) return true;
    // The page's language first; the others catch words quoted from another language.
    for (const l of [lang, ...SEARCH_LANGUAGES.filter((x) => x !== lang)]) {
      const term = termOfWord(word, l);
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
