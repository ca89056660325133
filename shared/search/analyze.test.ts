import { describe, expect, it } from '@jest/globals';
import {
  SEARCH_LANGUAGES,
  analyze,
  analyzeQuery,
  foldAccents,
  searchLanguageOf,
  termOf,
  words,
  type SearchLanguage,
} from './analyze.js';

const TOKEN = /^[\p{L}\p{N}]+$/u;

/** True when some term of the query's group for each word is among the page's terms. */
function queryFinds(query: string, text: string, lang: SearchLanguage): boolean {
  const indexed = new Set(analyze(text, lang));
  const { groups } = analyzeQuery(query);
  return groups.length > 0 && groups.every((g) => g.some((t) => indexed.has(t)));
}

describe('termOf in English', () => {
  it('conflates collaborating and collaboration', () => {
    expect(termOf('collaborating', 'en')).not.toBeNull();
    expect(termOf('collaborating', 'en')).toBe(termOf('collaboration', 'en'));
  });
  it('drops the stop word "the"', () => {
    expect(termOf('the', 'en')).toBeNull();
    expect(termOf('The', 'en')).toBeNull();
  });
  it('reads possessives and contractions as one token-safe term', () => {
    expect(termOf("government's", 'en')).toBe(termOf('government', 'en'));
    expect(termOf('don’t', 'en')).toMatch(TOKEN);
  });
});

describe('termOf in French', () => {
  it('conflates gouvernements and gouvernement', () => {
    expect(termOf('gouvernements', 'fr')).toBe(termOf('gouvernement', 'fr'));
  });
  it('drops the stop word "les"', () => {
    expect(termOf('les', 'fr')).toBeNull();
  });
  it('drops the elided article of l\'équipe', () => {
    expect(termOf("l'équipe", 'fr')).toBe('equip');
    expect(termOf('L’Équipe', 'fr')).toBe('equip');
    expect(termOf("qu'elle", 'fr')).toBe(termOf('elle', 'fr'));
  });
  it('gives the same term with or without accents', () => {
    expect(termOf('données', 'fr')).toBe(termOf('donnees', 'fr'));
    expect(termOf('sécurité', 'fr')).toBe(termOf('securite', 'fr'));
  });
});

describe('termOf in Swedish', () => {
  it('conflates myndigheterna, myndigheten and myndighet', () => {
    const t = termOf('myndighet', 'sv');
    expect(t).not.toBeNull();
    expect(termOf('myndigheterna', 'sv')).toBe(t);
    expect(termOf('myndigheten', 'sv')).toBe(t);
  });
  it('conflates tjänster and tjänst', () => {
    expect(termOf('tjänster', 'sv')).toBe(termOf('tjänst', 'sv'));
  });
  it('drops the stop word "och"', () => {
    expect(termOf('och', 'sv')).toBeNull();
  });
  it('gives the same term for öppna and oppna', () => {
    expect(termOf('öppna', 'sv')).toBe(termOf('oppna', 'sv'));
    expect(termOf('öppna', 'sv')).toMatch(/^[a-z]+$/);
  });
});

describe('termOf in Dutch', () => {
  it('conflates gemeenten and gemeente', () => {
    expect(termOf('gemeenten', 'nl')).toBe(termOf('gemeente', 'nl'));
  });
  it('conflates samenwerking and samenwerken', () => {
    expect(termOf('samenwerking', 'nl')).toBe(termOf('samenwerken', 'nl'));
  });
  it('drops the stop word "de"', () => {
    expect(termOf('de', 'nl')).toBeNull();
  });
});

describe('foldAccents', () => {
  it('lower-cases and strips diacritics', () => {
    expect(foldAccents('Québec')).toBe('quebec');
    expect(foldAccents('ÖPPNA Åtgärd')).toBe('oppna atgard');
    expect(foldAccents('Straße Œuvre Ærø')).toBe('strasse oeuvre aero');
  });
  it('folds decomposed accents too', () => {
    expect(foldAccents('Que\u0301bec')).toBe('quebec');
  });
});

describe('analyze', () => {
  it('makes Québec and quebec the same term in every language', () => {
    for (const lang of SEARCH_LANGUAGES) {
      expect(analyze('Québec', lang)).toEqual(analyze('quebec', lang));
      expect(analyze('Québec', lang)).toEqual(['quebec']);
    }
  });
  it('splits hyphenated words and drops elisions, keeping order', () => {
    expect(analyze("Le plan de l'équipe inter-ministérielle", 'fr')).toEqual([
      'plan',
      'equip',
      'inter',
      termOf('ministérielle', 'fr'),
    ]);
  });
  it('only yields terms FTS5 unicode61 keeps as one token', () => {
    const text =
      "L'équipe d'aujourd'hui — co-operate, e-mail: x@y.ca; 3.5 % «guillemets» naïve Что 🚀 ja/nej Ærø don't";
    for (const lang of SEARCH_LANGUAGES) {
      const terms = analyze(text, lang);
      expect(terms.length).toBeGreaterThan(5);
      for (const t of terms) expect(t).toMatch(TOKEN);
    }
  });
  // Speed itself is measured by bench/search.ts; this guards against analysis growing faster than the text
  // (a backtracking pattern, a quadratic join), which would stall indexing of long pages. Comparing two
  // sizes in one run keeps the check independent of how loaded the machine is.
  it('takes time proportional to the length of the text', () => {
    const sentence = 'Les gouvernements collaborent avec la société civile pour publier des données ouvertes. ';
    const short = sentence.repeat(25);
    const long = sentence.repeat(25 * 20);
    expect(words(short)).toHaveLength(300);
    const timeOf = (text: string, runs: number) => {
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const t0 = performance.now();
        for (let i = 0; i < runs; i++) analyze(text, (['en', 'fr', 'sv', 'nl'] as const)[i % 4]);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    timeOf(short, 20);
    // 20 times the text, analyzed 20 times fewer: linear work takes about as long (a quadratic one, 20 times longer).
    expect(timeOf(long, 4)).toBeLessThan(timeOf(short, 80) * 4);
  });
});

describe('words', () => {
  it('gives offsets into the original text, accents and emoji included', () => {
    const text = '👩‍💻 Équipe 🇨🇦 du Québec, co-création: e\u0301te\u0301 — 💡idée';
    const ws = words(text);
    expect(ws.map((w) => w.word)).toEqual(['Équipe', 'du', 'Québec', 'co', 'création', 'e\u0301te\u0301', 'idée']);
    for (const w of ws) expect(text.slice(w.start, w.end)).toBe(w.word);
  });
  it('keeps an elided word in one piece for highlighting', () => {
    expect(words("l'équipe et l’État")).toEqual([
      { word: "l'équipe", start: 0, end: 8 },
      { word: 'et', start: 9, end: 11 },
      { word: 'l’État', start: 12, end: 18 },
    ]);
  });
  it('finds nothing in punctuation and emoji', () => {
    expect(words(' — 🚀!? ')).toEqual([]);
  });
});

describe('analyzeQuery', () => {
  it('expands each word into its terms in every language, deduplicated', () => {
    const { groups } = analyzeQuery('gouvernements ');
    expect(groups).toHaveLength(1);
    expect(groups[0]).toContain(termOf('gouvernements', 'fr'));
    expect(groups[0]).toContain(termOf('gouvernements', 'en'));
    expect(new Set(groups[0]).size).toBe(groups[0]!.length);
  });
  it('finds a French page with a French word and an English page with an English word', () => {
    expect(queryFinds('gouvernements ', 'Le gouvernement du Canada', 'fr')).toBe(true);
    expect(queryFinds('collaborating ', 'Open collaboration in government', 'en')).toBe(true);
    expect(queryFinds('myndigheterna ', 'Varje myndighet publicerar data', 'sv')).toBe(true);
    expect(queryFinds('gemeenten ', 'De gemeente Utrecht', 'nl')).toBe(true);
    expect(queryFinds('collaborating ', 'Le gouvernement du Canada', 'fr')).toBe(false);
  });
  it('matches whatever the accents in the query or the page', () => {
    expect(queryFinds('quebec ', 'La ville de Québec', 'fr')).toBe(true);
    expect(queryFinds('donnees ', 'Les données ouvertes', 'fr')).toBe(true);
    expect(queryFinds('oppna ', 'Öppna data', 'sv')).toBe(true);
    expect(queryFinds("L'ÉQUIPE ", "Rejoindre l'équipe", 'fr')).toBe(true);
  });
  it('keeps a word that is a stop word in only some languages, marked optional', () => {
    // No word is a stop word in all four lists, so "the" (stopped in English only) stays, as "the" itself.
    const { groups, optional } = analyzeQuery('the open data ');
    expect(groups).toHaveLength(3);
    expect(groups[0]).toEqual(['the']);
    expect(optional).toEqual([true, false, false]);
    expect(analyzeQuery('les gouvernements ').optional).toEqual([true, false]);
  });
  it('still searches a query made only of stop words', () => {
    expect(analyzeQuery('The Och ')).toEqual({ groups: [['the'], ['och']], prefix: false, optional: [true, true] });
  });
  it('marks the last word as a prefix while typing, not after a space', () => {
    expect(analyzeQuery('open gouv').prefix).toBe(true);
    expect(analyzeQuery('open gouv ').prefix).toBe(false);
    expect(analyzeQuery('open gouv.').prefix).toBe(false);
    expect(analyzeQuery('').prefix).toBe(false);
    expect(analyzeQuery('   ')).toEqual({ groups: [], prefix: false, optional: [] });
  });
  it('keeps a half-typed word as typed so it can be prefix-matched', () => {
    const typing = analyzeQuery('the');
    expect(typing.prefix).toBe(true);
    expect(typing.groups).toEqual([['the']]);
    const last = analyzeQuery('open collabora').groups.at(-1)!;
    expect(last).toContain('collabora');
    expect(termOf('collaboration', 'en')!.startsWith('collabor')).toBe(true);
  });
  it('only yields FTS5-safe terms', () => {
    const { groups } = analyzeQuery('"open" AND l’État -co-op* NEAR(x) 🚀');
    for (const g of groups) for (const t of g) expect(t).toMatch(TOKEN);
  });
});

describe('searchLanguageOf', () => {
  it('maps page language codes to pipelines', () => {
    expect(searchLanguageOf('en')).toBe('en');
    expect(searchLanguageOf('en-CA')).toBe('en');
    expect(searchLanguageOf('fr-CA')).toBe('fr');
    expect(searchLanguageOf('FR')).toBe('fr');
    expect(searchLanguageOf('sv')).toBe('sv');
    expect(searchLanguageOf('sv_SE')).toBe('sv');
    expect(searchLanguageOf('nl-BE')).toBe('nl');
  });
  it('falls back to English for anything else', () => {
    expect(searchLanguageOf('de')).toBe('en');
    expect(searchLanguageOf('iu-Cans-CA')).toBe('en');
    expect(searchLanguageOf('')).toBe('en');
    expect(searchLanguageOf('français')).toBe('en');
  });
});
