// Who this browser is to co-editors: the signed-in account's display name (the server closes a socket that
// publishes presence under any other name) and a caret colour derived from the account id, so a person
// has the same colour on every page, in every tab and on every device.
import type { Translate } from '../../../shared/i18n/index.js';

/** The account the server put in the boot data; null for a visitor who is not signed in. */
export interface BootUser {
  id: string;
  displayName: string;
}

export interface PresenceIdentity {
  name: string;
  color: string;
}

/**
 * Caret and presence colours. Each gives at least 6:1 contrast with white, so the white name label on a
 * remote caret and the colour swatch on the white page both pass WCAG AA.
 */
export const presencePalette = [
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

/** A visitor's presence never leaves the browser (the server drops it), so one neutral colour does. */
const VISITOR_COLOR = '#26374a';

/** A palette colour chosen by a hash (FNV-1a) of the account id: stable, and spread across the palette. */
export function colorForAccount(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return presencePalette[(hash >>> 0) % presencePalette.length];
}

export function presenceIdentity(user: BootUser | null, t: Translate): PresenceIdentity {
  if (user === null) return { name: t('editor.visitor'), color: VISITOR_COLOR };
  return { name: user.displayName, color: colorForAccount(user.id) };
}
