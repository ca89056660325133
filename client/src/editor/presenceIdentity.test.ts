// Presence identity: the account's own name, and one colour per account wherever it signs in.
import { colorForAccount, presenceIdentity, presencePalette } from './presenceIdentity.js';
import { translator } from '../../../shared/i18n/index.js';

describe('presence identity', () => {
  it('uses the account’s display name as the presence name', () => {
    expect(presenceIdentity({ id: 'u1a2b3c4d5e6', displayName: 'Amélie Roy' }, translator('fr')).name).toBe('Amélie Roy');
  });

  it('gives an account the same palette colour every time', () => {
    const color = colorForAccount('u1a2b3c4d5e6');
    expect(presencePalette).toContain(color);
    expect(colorForAccount('u1a2b3c4d5e6')).toBe(color);
    expect(presenceIdentity({ id: 'u1a2b3c4d5e6', displayName: 'A' }, translator('en')).color).toBe(color);
  });

  it('spreads accounts over the palette', () => {
    const colors = new Set(Array.from({ length: 60 }, (_, i) => colorForAccount(`account${i}`)));
    expect(colors.size).toBeGreaterThan(presencePalette.length / 2);
  });

  it('names a visitor who is not signed in in the page language', () => {
    expect(presenceIdentity(null, translator('en')).name).toBe('Visitor');
    expect(presenceIdentity(null, translator('fr')).name).toBe('Visiteur');
  });
});
