// The catalogue query the form holds and the one the address holds, parsed by the same shared code the
// server uses, so the browser and the server agree on what every address means.
import type { CatalogueViewProblem } from '../../../shared/catalogue/CatalogueView.js';
import { catalogueQueryString, parseCatalogueQuery, type CatalogueQuery } from '../../../shared/catalogue/catalogueIndex.js';
import type { Translate } from '../../../shared/i18n/index.js';

/** The form's state as a query: a new search starts on the first page. */
export function formQuery(form: HTMLFormElement): CatalogueQuery {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value);
  const { query } = parseCatalogueQuery(params);
  delete query.page;
  return query;
}

export function urlQuery(search: string): CatalogueQuery {
  return parseCatalogueQuery(new URLSearchParams(search)).query;
}

/** What was wrong with the address, worded as the server words it. */
export function queryProblems(t: Translate, search: string): CatalogueViewProblem[] {
  return parseCatalogueQuery(new URLSearchParams(search)).problems.map((p) => ({ param: p.param, message: t(`catalogue.query.${p.code}`, p.params) }));
}

/** The address of a query on this page: "?q=…&level=…", or "" for the whole catalogue. */
export function searchOf(query: CatalogueQuery): string {
  const qs = catalogueQueryString(query);
  return qs ? `?${qs}` : '';
}

export function sameQuery(a: CatalogueQuery, b: CatalogueQuery): boolean {
  return searchOf(a) === searchOf(b);
}
