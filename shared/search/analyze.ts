// Language analysis for whole-wiki search: the same code turns page text into FTS5 terms on the server and
// queries into terms on both sides, so both must agree exactly. Stemmers and stop words are lunr's and
// lunr-languages'; this module only decides how words are cut and how their terms are normalised.
// No Node-only APIs: it also runs in the browser.
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import lunrFr from 'lunr-languages/lunr.fr.js';
import lunrSv from 'lunr-languages/lunr.sv.js';
import lunrNl from 'lunr-languages/lunr.nl.js';

export type SearchLanguage = 'en' | 'fr' | 'sv' | 'nl';
export const SEARCH_LANGUAGES: readonly SearchLanguage[] = Object.freeze(['en', 'fr', 'sv', 'nl'] as const);

type PipelineFn = (token: lunr.Token) => lunr.Token | undefined;
type LanguagePlugin = { stemmer: PipelineFn; stopWordFilter: PipelineFn };
type LunrWithLanguages = Record<string, unknown> & { fr?: LanguagePlugin; sv?: LanguagePlugin; nl?: LanguagePlugin };

// The plugins attach themselves to the shared lunr object; the catalogue index may load them too, and
// registering twice makes lunr warn about overwritten pipeline functions.
const L = lunr as unknown as LunrWithLanguages;
if (!('stemmerSupport' in L)) stemmerSupport(L);
if (!L.fr) lunrFr(L);
if (!L.sv) lunrSv(L);
if (!L.nl) lunrNl(L);

interface Pipeline {
  stopWord: PipelineFn;
  stem: PipelineFn;
}

const PIPELINES: Record<SearchLanguage, Pipeline> = {
  en: { stopWord: lunr.stopWordFilter as PipelineFn, stem: lunr.stemmer as PipelineFn },
  fr: { stopWord: L.fr!.stopWordFilter, stem: L.fr!.stemmer },
  sv: { stopWord: L.sv!.stopWordFilter, stem: L.sv!.stemmer },
  nl: { stopWord: L.nl!.stopWordFilter, stem: L.nl!.stemmer },
};

// Letters that NFD does not decompose but that people routinely type without.
const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't',
};
const SPECIAL_FOLD_RE = /[ßẞæœøđðłþıħŧ]/g;
const MARKS_RE = /\p{M}+/gu;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY_RE = /^[\x00-\x7f]*$/;

/** Lower-case and strip diacritics (é→e, å→a, ß→ss, æ→ae), so accents never matter. */
export function foldAccents(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII_ONLY_RE.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS_RE, '').replace(SPECIAL_FOLD_RE, (c) => SPECIAL_FOLDS[c] ?? c).normalize('NFC');
}

// A word is a run of letters and digits (with their combining marks), possibly joined by apostrophes
// ("l'équipe", "don't"). Hyphens, dots and everything else separate words, as in FTS5's unicode61.
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’ʼ][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
const APOSTROPHES_RE = /['’ʼ]/g;

/** Words of a text with their positions in the ORIGINAL string (UTF-16 offsets), for highlighting snippets. */
export function words(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m !== null; m = WORD_RE.exec(text)) {
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// French elided articles and pronouns ("l'", "d'", "qu'", "jusqu'"…) are separate words glued to the next one.
const FR_ELISION_RE = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'/;
// English possessive: "government's", "governments'".
const EN_POSSESSIVE_RE = /'s?$/;
// What unicode61 keeps in one token; lunr's own trimmers are ASCII- or Latin-only and would eat "café"'s é
// or a whole Cyrillic word, so the trimming is done here on the Unicode classes instead.
const NON_TOKEN_RE = /[^\p{L}\p{N}]+/gu;
const EDGE_RE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu;

/** Lower-cases and strips apostrophes and edges of a word, per language; '' when nothing is left. */
function normalizeWord(word: string, lang: SearchLanguage): string {
  let w = word.toLowerCase();
  if (!ASCII_ONLY_RE.test(w)) w = w.normalize('NFC').replace(APOSTROPHES_RE, "'");
  w = w.replace(EDGE_RE, '');
  if (w.includes("'")) {
    if (lang === 'fr') w = w.replace(FR_ELISION_RE, '');
    else if (lang === 'en') w = w.replace(EN_POSSESSIVE_RE, '');
    w = w.replace(APOSTROPHES_RE, '');
  }
  return w;
}

// Stop words are checked as written (the lists hold "été", "för", "är"), but stemming runs on the folded word,
// as lunr-languages' own French pipeline does: stemmers treat accented suffixes differently ("données"→"don"
// but "donnees"→"donne"), and folding first is what makes a query typed without accents find the page.
function runPipeline(w: string, lang: SearchLanguage): string | null {
  const p = PIPELINES[lang];
  if (!p.stopWord(new lunr.Token(w, {}))) return null;
  const folded = foldAccents(w);
  const stemmed = p.stem(new lunr.Token(folded, {}));
  const term = (stemmed ? stemmed.toString() : folded).toLowerCase().replace(NON_TOKEN_RE, '');
  return term === '' ? null : term;
}

/** The index terms of one word in a language: trimmed, stop word → null, else accent-folded then stemmed. */
export function termOf(word: string, lang: SearchLanguage): string | null {
  const w = normalizeWord(word, lang);
  return w === '' ? null : runPipeline(w, lang);
}

/** All index terms of a text in the page's language, in order (for FTS5 columns: joined with spaces). */
export function analyze(text: string, lang: SearchLanguage): string[] {
  const out: string[] = [];
  for (const { word } of words(text)) {
    const t = termOf(word, lang);
    if (t !== null) out.push(t);
  }
  return out;
}

/**
 * A query as groups: one group per query word, holding that word's terms in every language (deduplicated);
 * words that are stop words in every language are dropped; if everything was dropped, fall back to the
 * folded words themselves. `prefix` marks the last word when the query does not end with a space (typeahead).
 *
 * When `prefix` is set, the last group also holds the folded unstemmed word (a half-typed word stems
 * unpredictably, and must not be dropped as a stop word: "the" may become "theory").
 * `optional[i]` is true when group i's word is a stop word in at least one language: pages in that language
 * never index it, so a caller that ANDs groups may want to let such a group be missing.
 */
export function analyzeQuery(query: string): { groups: string[][]; prefix: boolean; optional: boolean[] } {
  const ws = words(query);
  const last = ws[ws.length - 1];
  const prefix = last !== undefined && last.end === query.length;
  const groups: string[][] = [];
  const optional: boolean[] = [];
  ws.forEach(({ word }, i) => {
    const isPrefixWord = prefix && i === ws.length - 1;
    const terms = new Set<string>();
    let stoppedSomewhere = false;
    for (const lang of SEARCH_LANGUAGES) {
      const w = normalizeWord(word, lang);
      if (w === '') continue;
      const t = runPipeline(w, lang);
      if (t === null) {
        stoppedSomewhere = true;
        continue;
      }
      terms.add(t);
    }
    if (isPrefixWord) {
      const raw = foldAccents(normalizeWord(word, 'en')).replace(NON_TOKEN_RE, '');
      if (raw !== '') terms.add(raw);
    }
    if (terms.size > 0) {
      groups.push([...terms]);
      optional.push(stoppedSomewhere);
    }
  });
  if (groups.length === 0) {
    for (const { word } of ws) {
      const raw = foldAccents(word).replace(NON_TOKEN_RE, '');
      if (raw !== '') {
        groups.push([raw]);
        optional.push(false);
      }
    }
  }
  return { groups, prefix: prefix && groups.length > 0, optional };
}

const LANGUAGE_CODES: Record<string, SearchLanguage> = {
  en: 'en', eng: 'en',
  fr: 'fr', fra: 'fr', fre: 'fr',
  sv: 'sv', swe: 'sv',
  nl: 'nl', nld: 'nl', dut: 'nl',
};

/** Maps a page's lang code ('en', 'fr-CA', 'sv', 'nl-BE', anything else) to a pipeline; unknown → 'en'. */
export function searchLanguageOf(lang: string): SearchLanguage {
  const primary = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return LANGUAGE_CODES[primary] ?? 'en';
}
