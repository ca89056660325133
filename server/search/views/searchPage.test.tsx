// The results summary of the search page: exact totals, and totals that are only a lower bound (a search
// matching more pages than the service counts says "or more" rather than a number it did not count).
import { describe, expect, test } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { translator, type Locale } from '../../../shared/i18n/index.js';
import type { ViewContext } from '../../web/views/Layout.js';
import { SearchPage, type SearchOutcome } from './SearchPage.js';

const ctx = (locale: Locale): ViewContext => ({ locale, t: translator(locale), path: '/search?q=wiki', styles: [], viewer: null, csrf: '' });

function outcome(total: number, totalExact: boolean): SearchOutcome {
  return {
    total,
    totalExact,
    results: [{ slug: 'Wiki', title: 'Wiki', snippet: 'A <mark>wiki</mark>.', lang: 'en', space: { name: 'Main', classification: 'unclassified' } }],
    first: 1,
    previous: null,
    next: '/search?q=wiki&page=2',
    lastPage: 128,
    withoutFilters: null,
  };
}

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('the results summary', () => {
  test('gives an exact total as a number', () => {
    const html = renderToStaticMarkup(<SearchPage ctx={ctx('en')} params={{ q: 'wiki', space: '', in: '', page: 1 }} spaces={[]} outcome={outcome(1234, true)} />);
    expect(text(html)).toContain('1,234 results for “wiki”');
    expect(text(html)).toContain('Showing results 1 to 1 of 1,234.');
  });

  test('says "or more" when the total is a lower bound, in both languages', () => {
    const en = text(renderToStaticMarkup(<SearchPage ctx={ctx('en')} params={{ q: 'wiki', space: '', in: '', page: 1 }} spaces={[]} outcome={outcome(3000, false)} />));
    expect(en).toContain('3,000 or more results for “wiki”');
    expect(en).toContain('of 3,000 or more.');
    const fr = text(renderToStaticMarkup(<SearchPage ctx={ctx('fr')} params={{ q: 'wiki', space: '', in: '', page: 1 }} spaces={[]} outcome={outcome(3000, false)} />));
    expect(fr).toMatch(/3\s000 résultats ou plus pour « wiki »/);
  });
});
