// What the /catalogue page hands its script (#catalogue-boot, server/catalogue/views/CataloguePage.tsx): the
// interface language, where the index is, and the `catalogue.` messages, so the bundle carries no message
// catalogue of its own.
import type { Locale, MessageKey, Translate } from '../../../shared/i18n/index.js';

export interface CatalogueBootData {
  locale: Locale;
  indexUrl: string;
  t: Translate;
}

/** A translate function over the messages the page sent; a missing key shows as itself rather than throwing. */
export function translateFrom(messages: Partial<Record<MessageKey, string>>): Translate {
  return (key, params) => {
    const template = messages[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
  };
}

export function readBoot(): CatalogueBootData | null {
  const element = document.getElementById('catalogue-boot');
  if (!element?.textContent) return null;
  const raw = JSON.parse(element.textContent) as Record<string, unknown>;
  const locale: Locale = raw.locale === 'fr' ? 'fr' : 'en';
  // Only an address of this site.
  const indexUrl = typeof raw.indexUrl === 'string' && raw.indexUrl.startsWith('/') && !raw.indexUrl.startsWith('//') ? raw.indexUrl : null;
  if (!indexUrl || typeof raw.messages !== 'object' || raw.messages === null) return null;
  return { locale, indexUrl, t: translateFrom(raw.messages as Partial<Record<MessageKey, string>>) };
}
