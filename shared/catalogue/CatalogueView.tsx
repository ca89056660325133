// The catalogue's query form, facets and results: rendered by the server for /catalogue (works without
// JavaScript: a GET form whose address is the query) and re-rendered by the browser as the reader types, from
// the same props, so both show the same thing. Pure: no server imports, no effects, no state.
//
// Stable ids the browser relies on: the form `catalogue-form`, the text box `catalogue-q`, the results region
// `catalogue-results`, the live status `catalogue-status` ("N entries"), and one checkbox per facet value
// (`catalogue-<facet>-<value>`).
import type { Locale, Translate } from '../i18n/index.js';
import { FACETS, type Facet } from './fields.js';
import {
  CATALOGUE_PAGE_SIZE,
  catalogueUrl,
  MAX_QUERY_LENGTH,
  selectedValues,
  type CatalogueHit,
  type CatalogueQuery,
  type CatalogueResult,
} from './catalogueIndex.js';
import { countryName, facetLabel, facetValueName, fieldLabel, kindName, levelName, statusName } from './labels.js';

export const CATALOGUE_FORM_ID = 'catalogue-form';
export const CATALOGUE_RESULTS_ID = 'catalogue-results';
export const CATALOGUE_STATUS_ID = 'catalogue-status';
export const CATALOGUE_Q_ID = 'catalogue-q';

/** A problem with a parameter of the request, in words (the server's 400 page). */
export interface CatalogueViewProblem {
  param: 'q' | Facet | 'page';
  message: string;
}

export interface CatalogueViewProps {
  result: CatalogueResult;
  query: CatalogueQuery;
  t: Translate;
  locale: Locale;
  problems?: CatalogueViewProblem[];
}

export const entryUrl = (slug: string) => `/wiki/${encodeURIComponent(slug)}`;

/** The id of a facet value's checkbox: letters, digits and hyphens kept, anything else as _hex_ (unique, stable). */
export function facetInputId(facet: Facet, value: string): string {
  const safe = [...value].map((c) => (/^[A-Za-z0-9-]$/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}_`)).join('');
  return `catalogue-${facet}-${safe}`;
}

/** "12 entries", "1 entry", "No entries": the live status text. */
export function entryCountText(t: Translate, total: number): string {
  if (total === 0) return t('catalogue.results.countNone');
  return total === 1 ? t('catalogue.results.countOne') : t('catalogue.results.count', { count: total });
}

/** The page of results to show, and the last page there is. */
export function pageOf(result: CatalogueResult, query: CatalogueQuery): { page: number; last: number; entries: CatalogueHit[] } {
  const page = query.page ?? 1;
  const last = Math.max(1, Math.ceil(result.total / CATALOGUE_PAGE_SIZE));
  return { page, last, entries: result.entries.slice((page - 1) * CATALOGUE_PAGE_SIZE, page * CATALOGUE_PAGE_SIZE) };
}

function messageFor(problems: CatalogueViewProblem[], param: CatalogueViewProblem['param']): string | undefined {
  const found = problems.filter((p) => p.param === param).map((p) => p.message);
  return found.length > 0 ? found.join(' ') : undefined;
}

function TextBox(props: { t: Translate; query: CatalogueQuery; error?: string }) {
  const { t, error } = props;
  const hintId = `${CATALOGUE_Q_ID}-hint`;
  const errorId = `${CATALOGUE_Q_ID}-error`;
  return (
    <div className="form-field catalogue__text">
      <label htmlFor={CATALOGUE_Q_ID}>{t('catalogue.form.q')}</label>
      <p id={hintId} className="field-hint">
        {t('catalogue.form.qHint')}
      </p>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <input
        type="search"
        id={CATALOGUE_Q_ID}
        name="q"
        defaultValue={props.query.q}
        maxLength={MAX_QUERY_LENGTH}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      />{' '}
      <button type="submit" className="button button--primary">
        {t('catalogue.form.search')}
      </button>
    </div>
  );
}

function FacetFieldset(props: { t: Translate; locale: Locale; facet: Facet; result: CatalogueResult; query: CatalogueQuery; error?: string }) {
  const { t, locale, facet, error } = props;
  const values = props.result.facets[facet];
  const chosen = new Set(selectedValues(props.query, facet));
  const errorId = `catalogue-${facet}-error`;
  // A facet with nothing to offer is left out, unless a problem with it has to be shown.
  if (values.length === 0 && !error) return null;
  return (
    <fieldset id={`catalogue-facet-${facet}`} className="form-field catalogue-facet" aria-describedby={error ? errorId : undefined}>
      <legend>{facetLabel(t, facet)}</legend>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {values.length > 0 && (
        <ul className="catalogue-facet__values">
          {values.map((v) => {
            const id = facetInputId(facet, v.value);
            return (
              <li key={v.value} className="radio catalogue-facet__value">
                <input type="checkbox" id={id} name={facet} value={v.value} defaultChecked={chosen.has(v.value)} />
                <label htmlFor={id}>{t('catalogue.facets.option', { name: facetValueName(t, locale, facet, v.value, v.label), count: v.count })}</label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}

function Entry(props: { t: Translate; locale: Locale; entry: CatalogueHit }) {
  const { t, locale, entry } = props;
  const { fields } = entry;
  const details: [string, string][] = [];
  if (fields.organisation) details.push([fieldLabel(t, 'organisation'), fields.organisation]);
  if (fields.country) details.push([fieldLabel(t, 'country'), countryName(fields.country, locale)]);
  if (fields.level) details.push([fieldLabel(t, 'level'), levelName(t, fields.level)]);
  if (fields.kind) details.push([fieldLabel(t, 'kind'), kindName(t, fields.kind)]);
  if (fields.year !== null) details.push([fieldLabel(t, 'year'), String(fields.year)]);
  if (fields.status) details.push([fieldLabel(t, 'status'), statusName(t, fields.status)]);
  return (
    <li className="search-result catalogue-result">
      <h3 className="search-result__title">
        <a href={entryUrl(entry.slug)} lang={entry.lang}>
          {entry.title}
        </a>
      </h3>
      {fields.summary && (
        <p className="search-result__snippet" lang={entry.lang}>
          {fields.summary}
        </p>
      )}
      {details.length > 0 && (
        <ul className="search-result__meta" aria-label={t('catalogue.result.details')}>
          {details.map(([label, value]) => (
            <li key={label}>
              <span className="visually-hidden">{label}: </span>
              {value}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Results(props: { t: Translate; locale: Locale; result: CatalogueResult; query: CatalogueQuery }) {
  const { t, locale, result, query } = props;
  const { page, last, entries } = pageOf(result, query);
  const first = (page - 1) * CATALOGUE_PAGE_SIZE + 1;
  return (
    <section id={CATALOGUE_RESULTS_ID} aria-labelledby="catalogue-results-heading" className="search-results catalogue__results">
      <h2 id="catalogue-results-heading">{t('catalogue.results.heading')}</h2>
      <p id={CATALOGUE_STATUS_ID} role="status" aria-live="polite" className="search-results__count">
        {entryCountText(t, result.total)}
      </p>
      {result.total === 0 ? (
        <div className="notice search-results__none">
          <p>{t('catalogue.results.none')}</p>
          <p>{t('catalogue.results.tipFewer')}</p>
        </div>
      ) : entries.length === 0 ? (
        <p>
          {t('catalogue.results.pastEnd', { page, last })} <a href={catalogueUrl({ ...query, page: last })}>{t('catalogue.results.lastPage')}</a>
        </p>
      ) : (
        <>
          {last > 1 && (
            <p className="search-results__range">{t('catalogue.results.range', { from: first, to: first + entries.length - 1, total: result.total })}</p>
          )}
          <ol className="search-results__list" start={first}>
            {entries.map((entry) => (
              <Entry key={entry.id} t={t} locale={locale} entry={entry} />
            ))}
          </ol>
        </>
      )}
      {last > 1 && page <= last && (
        <nav aria-label={t('catalogue.pagination.label')} className="search-pagination">
          <ul>
            {page > 1 && (
              <li>
                <a href={catalogueUrl({ ...query, page: page - 1 })} rel="prev">
                  {t('catalogue.pagination.previous')}
                </a>
              </li>
            )}
            <li>{t('catalogue.pagination.position', { page, last })}</li>
            {page < last && (
              <li>
                <a href={catalogueUrl({ ...query, page: page + 1 })} rel="next">
                  {t('catalogue.pagination.next')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </section>
  );
}

export function CatalogueView(props: CatalogueViewProps) {
  const { t, locale, result, query } = props;
  const problems = props.problems ?? [];
  const anyFacet = FACETS.some((facet) => query[facet].length > 0);
  return (
    <div className="catalogue">
      <form id={CATALOGUE_FORM_ID} role="search" method="get" action="/catalogue" className="search-form catalogue__form" aria-label={t('catalogue.form.label')} noValidate>
        <TextBox t={t} query={query} error={messageFor(problems, 'q')} />
        <section aria-labelledby="catalogue-facets-heading" className="catalogue__facets">
          <h2 id="catalogue-facets-heading">{t('catalogue.facets.heading')}</h2>
          <p className="field-hint">{t('catalogue.facets.hint')}</p>
          {FACETS.map((facet) => (
            <FacetFieldset key={facet} t={t} locale={locale} facet={facet} result={result} query={query} error={messageFor(problems, facet)} />
          ))}
          <div className="button-row">
            <button type="submit" className="button button--secondary">
              {t('catalogue.form.apply')}
            </button>
            {anyFacet && <a href={catalogueUrl({ q: query.q })}>{t('catalogue.form.clear')}</a>}
          </div>
        </section>
      </form>
      <Results t={t} locale={locale} result={result} query={query} />
    </div>
  );
}
