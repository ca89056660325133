// How catalogue values are named to people, in the interface language: levels, kinds and statuses from the
// message catalogues, countries and languages from Intl.DisplayNames, problems from `catalogue.problem.*`.
// Shared by the server's pages and the browser (the entry form, instant search).
import type { Locale, MessageKey, Translate } from '../i18n/index.js';
import type { EntryFieldName, EntryProblem, Facet, Kind, Level, Status } from './fields.js';

const displayNames = new Map<string, Intl.DisplayNames>();
function names(locale: Locale, type: 'region' | 'language'): Intl.DisplayNames {
  const key = `${locale}:${type}`;
  let found = displayNames.get(key);
  if (!found) {
    found = new Intl.DisplayNames([locale], { type, fallback: 'code' });
    displayNames.set(key, found);
  }
  return found;
}

/** "CA" → "Canada"; "EU" → "European Union" / "Union européenne". */
export function countryName(code: string, locale: Locale): string {
  try {
    return names(locale, 'region').of(code) ?? code;
  } catch {
    return code;
  }
}

/** "sv" → "Swedish" / "suédois". */
export function languageName(code: string, locale: Locale): string {
  try {
    return names(locale, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

export const levelName = (t: Translate, level: Level) => t(`catalogue.level.${level}` satisfies MessageKey);
export const kindName = (t: Translate, kind: Kind) => t(`catalogue.kind.${kind}` satisfies MessageKey);
export const statusName = (t: Translate, status: Status) => t(`catalogue.status.${status}` satisfies MessageKey);
export const fieldLabel = (t: Translate, field: EntryFieldName) => t(`catalogue.field.${field}` satisfies MessageKey);
export const facetLabel = (t: Translate, facet: Facet) => t(`catalogue.facet.${facet}` satisfies MessageKey);

/** A facet value as shown beside its checkbox. Tags carry their own spelling (`label`). */
export function facetValueName(t: Translate, locale: Locale, facet: Facet, value: string, label?: string): string {
  switch (facet) {
    case 'level':
      return levelName(t, value as Level);
    case 'kind':
      return kindName(t, value as Kind);
    case 'status':
      return statusName(t, value as Status);
    case 'country':
      return countryName(value, locale);
    case 'language':
      return languageName(value, locale);
    case 'year':
      return value;
    case 'tag':
      return label ?? value;
  }
}

/** A field's problem in words, e.g. "Enter at most 300 characters." */
export function problemMessage(t: Translate, problem: EntryProblem): string {
  return t(`catalogue.problem.${problem.code}` satisfies MessageKey, problem.params);
}
