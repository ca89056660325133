// Who this browser is to co-editors until accounts exist: a guest name and a cursor colour, kept in
// localStorage so a person keeps the same identity across pages and reloads.
import type { Translate } from '../../../shared/i18n/index.js';

/**
 * Cursor and presence colours. Each gives at least 6:1 contrast with white, so the white name label on a
 * remote cursor and the colour swatch on the white page both pass WCAG AA.
 */
export const guestPalette = [
  '#1d5fa8',
  '#a4262c',
  '#2a7040',
  '#7a3e9d',
  '#9c4a00',
  '#006b75',
  '#b3226a',
  '#4b5a15',
  '#3c4fb0',
  '#8a4513',
  '#0f6b5a',
  '#6b4fa0',
] as const;

export const GUEST_NAME_MAX_LENGTH = 60;
const STORAGE_KEY = 'ensemble.guest';

/** What is stored. `name` is absent until the person types one, so "Guest 12" follows the interface language. */
export interface StoredGuest {
  n: number;
  color: string;
  name?: string;
}

export interface GuestIdentity {
  name: string;
  color: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage is refused in some privacy modes; the identity then lasts for the page only.
    return null;
  }
}

function isStoredGuest(value: unknown): value is StoredGuest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isInteger(v.n) &&
    typeof v.color === 'string' &&
    (guestPalette as readonly string[]).includes(v.color) &&
    (v.name === undefined || typeof v.name === 'string')
  );
}

export function loadStoredGuest(storage: Storage | null = safeStorage(), random: () => number = Math.random): StoredGuest {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (isStoredGuest(parsed)) return parsed;
  } catch {
    // A damaged entry is replaced below.
  }
  const fresh: StoredGuest = {
    n: 1 + Math.floor(random() * 999),
    color: guestPalette[Math.floor(random() * guestPalette.length)],
  };
  writeStoredGuest(fresh, storage);
  return fresh;
}

export function writeStoredGuest(guest: StoredGuest, storage: Storage | null = safeStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(guest));
  } catch {
    // Quota or privacy mode: keep working with the in-memory identity.
  }
}

/** Trims and shortens a typed name; an empty name falls back to the numbered guest name. */
export function cleanGuestName(typed: string): string {
  return typed.replace(/\s+/g, ' ').trim().slice(0, GUEST_NAME_MAX_LENGTH);
}

export function guestIdentity(stored: StoredGuest, t: Translate): GuestIdentity {
  const name = stored.name ? cleanGuestName(stored.name) : '';
  return { name: name || t('editor.guest', { n: stored.n }), color: stored.color };
}
