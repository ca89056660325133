// Guest identity: stable per browser, named in the interface language until the person types a name.
import { cleanGuestName, guestIdentity, guestPalette, loadStoredGuest, writeStoredGuest } from './guestIdentity.js';
import { translator } from '../../../shared/i18n/index.js';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('guest identity', () => {
  it('creates a numbered guest with a palette colour once, then keeps it', () => {
    const storage = memoryStorage();
    const first = loadStoredGuest(storage, () => 0.5);
    expect(guestPalette).toContain(first.color);
    expect(loadStoredGuest(storage, () => 0.1)).toEqual(first);
  });

  it('names an unnamed guest in the page language, and a named one as typed', () => {
    expect(guestIdentity({ n: 12, color: guestPalette[0] }, translator('en')).name).toBe('Guest 12');
    expect(guestIdentity({ n: 12, color: guestPalette[0] }, translator('fr')).name).toBe('Invité 12');
    expect(guestIdentity({ n: 12, color: guestPalette[0], name: '  Amélie   Roy ' }, translator('fr')).name).toBe('Amélie Roy');
  });

  it('replaces a damaged or foreign stored value', () => {
    const storage = memoryStorage();
    storage.setItem('ensemble.guest', '{"n":3,"color":"red"}');
    expect(guestPalette).toContain(loadStoredGuest(storage, () => 0).color);
    writeStoredGuest({ n: 4, color: guestPalette[1] }, storage);
    expect(loadStoredGuest(storage).n).toBe(4);
  });

  it('collapses whitespace and caps the length of typed names', () => {
    expect(cleanGuestName(' a\n b ')).toBe('a b');
    expect(cleanGuestName('x'.repeat(100))).toHaveLength(60);
  });
});
