// The search page: the query form (words, space, page language) and one page of ranked results. Each result
// names its space and classification in words and its language; snippets are the service's HTML (escaped
// text with our own <mark> tags only). A form with problems comes back with an error summary and each
// problem next to its field.
import type { Classification } from '../../auth/permissions.js';
import { ErrorSummary, fieldId, type FieldError } from '../../admin/views/fields.js';
import { pageUrl } from '../../pages/presenter.js';
import type { MessageKey, Translate } from '../../../shared/i18n/index.js';
import { Layout, type ViewContext } from '../../web/views/Layout.js';

export const SEARCH_FORM_ID = 'search';

/** Languages pages can be written in, in the order the language select offers them. */
export const PAGE_LANGUAGES = ['en', 'fr', 'sv', 'nl'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** What the form shows, as asked: `space` is the address of a space, `in` a page language; '' for "all". */
export interface SearchParams {
  q: string;
  space: string;
  in: string;
  page: number;
}

export interface SpaceOption {
  slug: string;
  name: string;
  classification: Classification;
}

export interface SearchResultView {
  slug: string;
  title: string;
  /** Safe HTML from snippet.ts: escaped text with <mark> around matched words. */
  snippet: string;
  lang: string;
  space: { name: string; classification: Classification };
}

export interface SearchOutcome {
  total: number;
  /** False when more pages match than were counted: `total` is then a lower bound ("3,000 or more"). */
  totalExact: boolean;
  results: SearchResultView[];
  /** Rank of the first result shown (1-based). */
  first: number;
  /** Address of the previous and next pages of results, when there are some. */
  previous: string | null;
  next: string | null;
  lastPage: number;
  /** The same search over every space and language, offered when nothing was found with filters on. */
  withoutFilters: string | null;
}

/** /search with these parameters, leaving out the empty ones and page 1, so links stay short and shareable. */
export function searchUrl(params: Partial<SearchParams>): string {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  if (params.space) query.set('space', params.space);
  if (params.in) query.set('in', params.in);
  if (params.page && params.page > 1) query.set('page', String(params.page));
  const text = query.toString();
  return text ? `/search?${text}` : '/search';
}

export function languageName(t: Translate, lang: string): string {
  return (PAGE_LANGUAGES as readonly string[]).includes(lang) ? t(`search.lang.${lang as PageLanguage}` satisfies MessageKey) : lang;
}

function errorOf(problems: FieldError[], field: string) {
  return problems.find((p) => p.field === field)?.message;
}

function SearchForm(props: { ctx: ViewContext; params: SearchParams; spaces: SpaceOption[]; problems: FieldError[] }) {
  const { ctx, params, problems } = props;
  const { t } = ctx;
  const id = (name: string) => fieldId(SEARCH_FORM_ID, name);
  const qError = errorOf(problems, 'q');
  const inError = errorOf(problems, 'in');
  return (
    <form role="search" method="get" action="/search" className="search-form" aria-label={t('search.form.label')} noValidate>
      <div className="form-field">
        <label htmlFor={id('q')}>{t('search.form.q')}</label>
        <p id={`${id('q')}-hint`} className="field-hint">
          {t('search.form.qHint')}
        </p>
        {qError && (
          <p id={`${id('q')}-error`} className="field-error">
            {qError}
          </p>
        )}
        <input
          type="search"
          id={id('q')}
          name="q"
          defaultValue={params.q}
          maxLength={200}
          autoComplete="off"
          aria-invalid={qError ? true : undefined}
          aria-describedby={qError ? `${id('q')}-hint ${id('q')}-error` : `${id('q')}-hint`}
        />
      </div>
      <div className="search-form__filters">
        <div className="form-field">
          <label htmlFor={id('space')}>{t('search.form.space')}</label>
          <select id={id('space')} name="space" defaultValue={params.space}>
            <option value="">{t('search.form.allSpaces')}</option>
            {props.spaces.map((s) => (
              <option key={s.slug} value={s.slug}>
                {t('search.form.spaceOption', { name: s.name, classification: t(`classification.${s.classification}`) })}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={id('in')}>{t('search.form.in')}</label>
          {inError && (
            <p id={`${id('in')}-error`} className="field-error">
              {inError}
            </p>
          )}
          <select
            id={id('in')}
            name="in"
            defaultValue={inError ? '' : params.in}
            aria-invalid={inError ? true : undefined}
            aria-describedby={inError ? `${id('in')}-error` : undefined}
          >
            <option value="">{t('search.lang.any')}</option>
            {PAGE_LANGUAGES.map((lang) => (
              <option key={lang} value={lang}>
                {languageName(t, lang)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button button--primary">
        {t('search.form.submit')}
      </button>
    </form>
  );
}

function Result(props: { t: Translate; result: SearchResultView }) {
  const { t, result } = props;
  return (
    <li className="search-result">
      <h3 className="search-result__title">
        <a href={pageUrl(result.slug)} lang={result.lang}>
          {result.title}
        </a>
      </h3>
      {result.snippet && <p className="search-result__snippet" lang={result.lang} dangerouslySetInnerHTML={{ __html: result.snippet }} />}
      <ul className="search-result__meta">
        <li>{t('classification.space', { name: result.space.name })}</li>
        <li>{t('search.result.classification', { classification: t(`classification.${result.space.classification}`) })}</li>
        <li>{t('search.result.language', { language: languageName(t, result.lang) })}</li>
      </ul>
    </li>
  );
}

function Results(props: { ctx: ViewContext; params: SearchParams; outcome: SearchOutcome }) {
  const { ctx, params, outcome } = props;
  const { t } = ctx;
  const total = outcome.total.toLocaleString(ctx.locale === 'fr' ? 'fr-CA' : 'en-CA');
  const count = !outcome.totalExact
    ? t('search.results.countAtLeast', { count: total, q: params.q })
    : outcome.total === 1
      ? t('search.results.countOne', { q: params.q })
      : t('search.results.count', { count: total, q: params.q });
  return (
    <section aria-labelledby="search-results-heading" className="search-results">
      <h2 id="search-results-heading">{t('search.results.heading')}</h2>
      {outcome.total === 0 ? (
        <div className="notice search-results__none">
          <p>{t('search.results.none', { q: params.q })}</p>
          <ul>
            <li>{t('search.results.tipSpelling')}</li>
            <li>{t('search.results.tipFewer')}</li>
            {outcome.withoutFilters && (
              <li>
                <a href={outcome.withoutFilters}>{t('search.results.tipAll')}</a>
              </li>
            )}
          </ul>
        </div>
      ) : (
        <>
          <p className="search-results__count">{count}</p>
          {outcome.results.length === 0 ? (
            <p>
              {t('search.results.pastEnd', { page: params.page, last: outcome.lastPage })}{' '}
              <a href={searchUrl({ ...params, page: outcome.lastPage })}>{t('search.results.lastPage')}</a>
            </p>
          ) : (
            <>
              {outcome.lastPage > 1 && (
                <p className="search-results__range">
                  {t(outcome.totalExact ? 'search.results.range' : 'search.results.rangeAtLeast', { from: outcome.first, to: outcome.first + outcome.results.length - 1, total })}
                </p>
              )}
              <ol className="search-results__list" start={outcome.first}>
                {outcome.results.map((result) => (
                  <Result key={result.slug} t={t} result={result} />
                ))}
              </ol>
            </>
          )}
          {(outcome.previous || outcome.next) && (
            <nav aria-label={t('search.pagination.label')} className="search-pagination">
              <ul>
                {outcome.previous && (
                  <li>
                    <a href={outcome.previous} rel="prev">
                      {t('search.pagination.previous')}
                    </a>
                  </li>
                )}
                <li>{t('search.pagination.position', { page: params.page, last: outcome.lastPage })}</li>
                {outcome.next && (
                  <li>
                    <a href={outcome.next} rel="next">
                      {t('search.pagination.next')}
                    </a>
                  </li>
                )}
              </ul>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

export function SearchPage(props: {
  ctx: ViewContext;
  params: SearchParams;
  spaces: SpaceOption[];
  /** What is wrong with the request (shown with status 400); no results are shown then. */
  problems?: FieldError[];
  /** Absent when there is no query yet, or when the request has problems. */
  outcome?: SearchOutcome;
}) {
  const { ctx, params } = props;
  const { t } = ctx;
  const problems = props.problems ?? [];
  let title = t('search.title');
  if (problems.length > 0) title = t('search.titleError');
  else if (props.outcome) title = params.page > 1 ? t('search.titleWithPage', { q: params.q, page: params.page }) : t('search.titleWithQuery', { q: params.q });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{t('search.title')}</h1>
      <ErrorSummary t={t} formId={SEARCH_FORM_ID} form={problems.length > 0 ? { values: {}, errors: problems } : undefined} />
      <SearchForm ctx={ctx} params={params} spaces={props.spaces} problems={problems} />
      {props.outcome && <Results ctx={ctx} params={params} outcome={props.outcome} />}
    </Layout>
  );
}
