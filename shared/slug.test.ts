import { slugFromTitle, slugKey, slugProblem } from './slug.js';

describe('slugs', () => {
  test.each([
    ['Plan de justification', 'Plan-de-justification'],
    ['Étude de cas : GCpedia', 'Etude-de-cas-GCpedia'],
    ['Œuvre à l’été — Ça va?', 'OEuvre-a-lete-Ca-va'],
    ['Ambtenaar 2.0', 'Ambtenaar-20'],
    ['Smörgåsbord för myndigheter', 'Smorgasbord-for-myndigheter'],
    ['   ', 'Page'],
    ['!!!', 'Page'],
  ])('derives %j → %j', (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
    expect(slugProblem(slugFromTitle(title))).toBeNull();
  });

  test('cuts long titles at a word boundary within the limit', () => {
    const slug = slugFromTitle('word '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(100);
    expect(slug.endsWith('-')).toBe(false);
    expect(slugProblem(slug)).toBeNull();
  });

  test('identity ignores case', () => {
    expect(slugKey('Plan-De-Justification')).toBe(slugKey('plan-de-justification'));
  });

  test.each(['', 'a b', 'é', '-a', 'a-', 'a--b', 'a/b', 'x'.repeat(101)])('rejects %j', (slug) => {
    expect(slugProblem(slug)).not.toBeNull();
  });
});
