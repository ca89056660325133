// The editor's keyboard shortcuts: one table that drives key handling, tooltips and aria-keyshortcuts,
// so what the interface promises is what the keys do.
import type { Translate } from '../../../shared/i18n/index.js';

export type ShortcutAction =
  | 'bold'
  | 'italic'
  | 'link'
  | 'paragraph'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'numberedList'
  | 'bulletList'
  | 'quote'
  | 'codeBlock'
  | 'undo'
  | 'redo'
  | 'toolbar';

/** `mod` is Ctrl, or Cmd on Apple devices. */
export interface Combo {
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
  /** A lower-case letter, a digit, or a named key such as F10. */
  key: string;
}

export const shortcutTable: Record<ShortcutAction, Combo> = {
  bold: { mod: true, key: 'b' },
  italic: { mod: true, key: 'i' },
  link: { mod: true, key: 'k' },
  paragraph: { mod: true, alt: true, key: '0' },
  h1: { mod: true, alt: true, key: '1' },
  h2: { mod: true, alt: true, key: '2' },
  h3: { mod: true, alt: true, key: '3' },
  numberedList: { mod: true, shift: true, key: '7' },
  bulletList: { mod: true, shift: true, key: '8' },
  quote: { mod: true, shift: true, key: '9' },
  codeBlock: { mod: true, alt: true, key: 'c' },
  undo: { mod: true, key: 'z' },
  redo: { mod: true, shift: true, key: 'z' },
  toolbar: { alt: true, key: 'F10' },
};

/** Bold, italic, undo and redo are handled by Lexical itself; the rest are ours. */
export const customShortcuts: ShortcutAction[] = [
  'link',
  'paragraph',
  'h1',
  'h2',
  'h3',
  'numberedList',
  'bulletList',
  'quote',
  'codeBlock',
  'toolbar',
];

export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

export const isApplePlatform: boolean =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/i.test(navigator.platform || navigator.userAgent);

export function matchesCombo(event: KeyLike, combo: Combo, apple = isApplePlatform): boolean {
  // Exactly one of Ctrl and Cmd, so Ctrl+Alt+2 also works on a Mac keyboard and Cmd+Option+2 works too.
  const modDown = event.ctrlKey !== event.metaKey;
  if (combo.mod ? !modDown : event.ctrlKey || event.metaKey) return false;
  if (Boolean(combo.alt) !== event.altKey || Boolean(combo.shift) !== event.shiftKey) return false;

  const { key } = combo;
  if (key.length > 1) return event.key === key;
  // AltGr arrives as Ctrl+Alt on Windows and Linux; when it types a character (e.g. "@" with AltGr+2 on a
  // Canadian French keyboard) the person is writing, not asking for a heading.
  const altGrMayType = combo.alt && combo.mod && !apple && event.key.length === 1;
  if (/^\d$/.test(key)) {
    if (event.code !== `Digit${key}` && event.code !== `Numpad${key}`) return false;
    return !(altGrMayType && !combo.shift && event.key !== key);
  }
  const typed = event.key.toLowerCase();
  if (typed === key) return true;
  if (altGrMayType) return false;
  // Non-Latin layouts and macOS Option produce another character; fall back to the physical key.
  return (typed.length !== 1 || typed.charCodeAt(0) > 127) && event.code === `Key${key.toUpperCase()}`;
}

export function findShortcut(event: KeyLike, actions: ShortcutAction[], apple = isApplePlatform): ShortcutAction | null {
  return actions.find((action) => matchesCombo(event, shortcutTable[action], apple)) ?? null;
}

/** Human label, e.g. "Ctrl+Alt+2", "Ctrl+Maj+7" in French, "Cmd+B" on a Mac. */
export function shortcutLabel(action: ShortcutAction, t: Translate, apple = isApplePlatform): string {
  const combo = shortcutTable[action];
  const parts: string[] = [];
  if (combo.mod) parts.push(apple ? t('editor.keyCmd') : t('editor.keyCtrl'));
  if (combo.alt) parts.push(apple ? t('editor.keyOption') : t('editor.keyAlt'));
  if (combo.shift) parts.push(t('editor.keyShift'));
  parts.push(combo.key.toUpperCase());
  return parts.join('+');
}

/** Value for aria-keyshortcuts, which uses fixed English key names. */
export function ariaKeyShortcut(action: ShortcutAction, apple = isApplePlatform): string {
  const combo = shortcutTable[action];
  const parts: string[] = [];
  if (combo.mod) parts.push(apple ? 'Meta' : 'Control');
  if (combo.alt) parts.push('Alt');
  if (combo.shift) parts.push('Shift');
  parts.push(combo.key.length === 1 ? combo.key.toUpperCase() : combo.key);
  return parts.join('+');
}

/** Tooltip text: "Bold (Ctrl+B)". */
export function withShortcut(label: string, action: ShortcutAction, t: Translate): string {
  return t('editor.withShortcut', { label, shortcut: shortcutLabel(action, t) });
}
