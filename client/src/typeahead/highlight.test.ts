import { highlightTitle } from './highlight.js';

const marked = (title: string, query: string) =>
  highlightTitle(title, query)
    .map((s) => (s.mark ? `[${s.text}]` : s.text))
    .join('');

describe('highlightTitle', () => {
  it('marks the start of each title word that starts with a typed word', () => {
    expect(marked('Travel budget 2026', 'bud')).toBe('Travel [bud]get 2026');
    expect(marked('Travel budget', 'tra bud')).toBe('[Tra]vel [bud]get');
  });

  it('ignores case and accents, and marks the original characters', () => {
    expect(marked('Étude de cas', 'etu')).toBe('[Étu]de de cas');
    expect(marked('Straße plan', 'STRA')).toBe('[Stra]ße plan');
  });

  it('marks the shared start of a stemmed match, not chance overlaps', () => {
    expect(marked('Budget lines', 'budgets')).toBe('[Budget] lines');
    expect(marked('Tax rules', 'taxes')).toBe('[Tax] rules');
    expect(marked('Protected project', 'protocol')).toBe('Protected project');
  });

  it('keeps the whole title, markup included, as text', () => {
    const segments = highlightTitle('<img src=x onerror=alert(1)> plan', 'plan');
    expect(segments.map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)> plan');
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['plan']);
  });

  it('marks nothing when nothing matches', () => {
    expect(highlightTitle('Meeting notes', 'zzz')).toEqual([{ text: 'Meeting notes', mark: false }]);
  });
});
