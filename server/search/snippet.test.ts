// Snippets: the densest window of matches, escaped, marked, cut with "…".
import { describe, expect, test } from '@jest/globals';
import { compileQuery } from './search.service.js';
import { SEARCH_LANGUAGES, termOf } from '../../shared/search/analyze.js';
import { snippet, TermMatcher, termOfWord } from './snippet.js';

const matcherFor = (q: string) => compileQuery(q)!.matcher;

describe('snippet', () => {
  test('marks every word whose term is in the query, whatever its inflection', () => {
    expect(snippet('Collaboration helps; collaborating is fun.', 'en', matcherFor('collaborate '))).toBe(
      '<mark>Collaboration</mark> helps; <mark>collaborating</mark> is fun.',
    );
  });

  test('picks the window with the most matches, not the first one', () => {
    const text = `alpha once ${'x '.repeat(50)}alpha beta alpha beta ${'y '.repeat(50)}end`;
    const result = snippet(text, 'en', matcherFor('alpha beta '), 10);
    expect(result.match(/<mark>/g)).toHaveLength(4);
    expect(result.startsWith('… ')).toBe(true);
    expect(result.endsWith(' …')).toBe(true);
  });

  test('escapes the text before marking it, so stored markup is shown as text', () => {
    const result = snippet('<img src=x onerror="alert(1)"> & the "budget" <b>memo</b>', 'en', matcherFor('budget '));
    expect(result).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; the &quot;<mark>budget</mark>&quot; &lt;b&gt;memo&lt;/b&gt;');
  });

  test('a prefix query marks the words it would complete', () => {
    expect(snippet('Gouvernement ouvert, gouvernance.', 'fr', matcherFor('gouv'))).toBe('<mark>Gouvernement</mark> ouvert, <mark>gouvernance</mark>.');
  });

  test('without matches in the text it starts at the beginning', () => {
    const text = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(snippet(text, 'en', new TermMatcher(new Set(['zzz']), []), 5)).toBe('w0 w1 w2 w3 w4 …');
    expect(snippet('', 'en', matcherFor('x '))).toBe('');
  });

  test('paragraph breaks read as spaces', () => {
    expect(snippet('First line.\n\nSecond budget line.', 'en', matcherFor('budget '))).toBe('First line. Second <mark>budget</mark> line.');
  });
});

describe('termOfWord', () => {
  test('gives the analyzer\'s term for every word and language, the first time and the next', () => {
    const words = ["L'équipe", 'données', 'Collaborating', 'the', 'för', 'Ærøskøbing', 'gouvernements', '2026', 'ĳzer'];
    for (let round = 0; round < 2; round++) {
      for (const word of words) for (const lang of SEARCH_LANGUAGES) expect(termOfWord(word, lang)).toBe(termOf(word, lang));
    }
  });
});

describe('compileQuery', () => {
  test('builds MATCH only from quoted analyzed terms, whatever the user typed', () => {
    const compiled = compileQuery('title:"drop" OR NEAR(x) * ) budgets ');
    expect(compiled!.match).not.toMatch(/\bOR NEAR|title:/);
    for (const group of compiled!.match.split(' AND ')) expect(group).toMatch(/^\((?:"[^"]+"\*?)(?: OR "[^"]+"\*?)*\)$/);
  });

  test('the last word is a prefix while typing, and exact once followed by a space', () => {
    expect(compileQuery('budg')!.match).toContain('*');
    expect(compileQuery('budget ')!.match).not.toContain('*');
  });

  test('the whole-word form of a query is the same expression without prefixes', () => {
    const typing = compileQuery('budget plan')!;
    expect(typing.whole).toBe(typing.match.replace(/\*/g, ''));
    expect(compileQuery('budget plan ')!.whole).toBe(compileQuery('budget plan ')!.match);
  });

  test('nothing to search for → null', () => {
    expect(compileQuery('!!! ???')).toBeNull();
  });
});
