// Shortcut matching across platforms and keyboard layouts.
import { findShortcut, matchesCombo, shortcutLabel, shortcutTable, customShortcuts, type KeyLike } from './shortcuts.js';
import { translator } from '../../../shared/i18n/index.js';

const key = (init: Partial<KeyLike> & { key: string; code: string }): KeyLike => ({
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...init,
});

describe('keyboard shortcuts', () => {
  it('recognises Ctrl+Alt+2 as heading 2 and Ctrl+Shift+8 as a bulleted list', () => {
    expect(findShortcut(key({ key: '2', code: 'Digit2', ctrlKey: true, altKey: true }), customShortcuts, false)).toBe('h2');
    // Shift+8 types "*" on a US keyboard, so digits with Shift match the physical key.
    expect(findShortcut(key({ key: '*', code: 'Digit8', ctrlKey: true, shiftKey: true }), customShortcuts, false)).toBe(
      'bulletList',
    );
  });

  it('lets AltGr type "@" on a Canadian French keyboard instead of making a heading', () => {
    expect(matchesCombo(key({ key: '@', code: 'Digit2', ctrlKey: true, altKey: true }), shortcutTable.h2, false)).toBe(false);
  });

  it('accepts Cmd on a Mac, including Cmd+Option+C where Option changes the character', () => {
    expect(matchesCombo(key({ key: 'k', code: 'KeyK', metaKey: true }), shortcutTable.link, true)).toBe(true);
    expect(matchesCombo(key({ key: 'ç', code: 'KeyC', metaKey: true, altKey: true }), shortcutTable.codeBlock, true)).toBe(true);
  });

  it('does not fire on extra modifiers or plain typing', () => {
    expect(matchesCombo(key({ key: 'k', code: 'KeyK', ctrlKey: true, shiftKey: true }), shortcutTable.link, false)).toBe(false);
    expect(matchesCombo(key({ key: '2', code: 'Digit2' }), shortcutTable.h2, false)).toBe(false);
    expect(matchesCombo(key({ key: 'F10', code: 'F10', altKey: true, ctrlKey: true }), shortcutTable.toolbar, false)).toBe(false);
  });

  it('names keys in the interface language', () => {
    expect(shortcutLabel('numberedList', translator('en'), false)).toBe('Ctrl+Shift+7');
    expect(shortcutLabel('numberedList', translator('fr'), false)).toBe('Ctrl+Maj+7');
    expect(shortcutLabel('h1', translator('en'), true)).toBe('Cmd+Option+1');
  });
});
