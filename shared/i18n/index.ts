// Message catalogues and the translate function used by server-rendered views and the browser.
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type { MessageKey };
export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, fr };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Returns a translate function for one locale. `{name}` placeholders are filled from params. */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    const template = catalogue[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
  };
}

/** The subset of a catalogue that the browser needs, keyed by prefix, to keep the bundle small. */
export function messagesWithPrefix(locale: Locale, prefixes: string[]): Partial<Record<MessageKey, string>> {
  const out: Partial<Record<MessageKey, string>> = {};
  for (const [key, value] of Object.entries(catalogues[locale]) as [MessageKey, string][]) {
    if (prefixes.some((p) => key.startsWith(p))) out[key] = value;
  }
  return out;
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'fr' : 'en';
}
