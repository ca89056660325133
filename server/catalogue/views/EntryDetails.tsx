// A catalogue entry's fields on its page, above the body: a definition list with the summary first, each
// choice linked to the catalogue filtered by it, the website as a link only when it is a web address. The
// people who may edit the page also see which values were refused and why, so they can correct them.
import { Fragment, type ReactNode } from 'react';
import { catalogueUrl, tagKey } from '../../../shared/catalogue/catalogueQuery.js';
import { ENTRY_FIELD_NAMES, type EntryFieldName, type EntryFields, type EntryProblem } from '../../../shared/catalogue/fields.js';
import { countryName, fieldLabel, kindName, languageName, levelName, problemMessage, statusName } from '../../../shared/catalogue/labels.js';
import { isAllowedHref } from '../../../shared/linkPolicy.js';
import type { ViewContext } from '../../web/views/Layout.js';

function isWebAddress(url: string): boolean {
  return /^https?:\/\//i.test(url) && isAllowedHref(url);
}

/** Several values, each a link, separated by commas. */
function joined(items: { key: string; node: ReactNode }[]): ReactNode {
  return items.map((item, i) => (
    <span key={item.key}>
      {i > 0 && ', '}
      {item.node}
    </span>
  ));
}

/** The value of each field that has one, as shown in the list (free text in the entry's language). */
function valueOf(ctx: ViewContext, fields: EntryFields, field: EntryFieldName): ReactNode | null {
  const { t, locale } = ctx;
  switch (field) {
    case 'summary':
    case 'organisation':
    case 'region':
    case 'contact':
      return fields[field] || null;
    case 'country':
      return fields.country && <a href={catalogueUrl({ country: [fields.country] })}>{countryName(fields.country, locale)}</a>;
    case 'level':
      return fields.level && <a href={catalogueUrl({ level: [fields.level] })}>{levelName(t, fields.level)}</a>;
    case 'kind':
      return fields.kind && <a href={catalogueUrl({ kind: [fields.kind] })}>{kindName(t, fields.kind)}</a>;
    case 'status':
      return fields.status && <a href={catalogueUrl({ status: [fields.status] })}>{statusName(t, fields.status)}</a>;
    case 'year':
      return fields.year === null ? null : <a href={catalogueUrl({ year: [fields.year] })}>{fields.year}</a>;
    case 'tools':
      return fields.tools.length > 0 ? fields.tools.join(', ') : null;
    case 'languages':
      return fields.languages.length > 0
        ? joined(fields.languages.map((code) => ({ key: code, node: <a href={catalogueUrl({ language: [code] })}>{languageName(code, locale)}</a> })))
        : null;
    case 'tags':
      return fields.tags.length > 0 ? joined(fields.tags.map((tag) => ({ key: tag, node: <a href={catalogueUrl({ tag: [tagKey(tag)] })}>{tag}</a> }))) : null;
    case 'website':
      return fields.website && isWebAddress(fields.website) ? (
        <a href={fields.website} rel="noopener noreferrer external">
          {fields.website}
        </a>
      ) : null;
  }
}

/** Free-text fields are written in the entry's language; names of choices are in the interface's. */
const writtenInEntryLanguage = new Set<EntryFieldName>(['summary', 'organisation', 'region', 'contact', 'tools', 'tags']);

export function EntryDetails(props: { ctx: ViewContext; entry: { fields: EntryFields; problems: EntryProblem[] }; lang: string; canWrite: boolean }) {
  const { ctx, entry, lang } = props;
  const { t } = ctx;
  const rows = ENTRY_FIELD_NAMES.map((field) => ({ field, value: valueOf(ctx, entry.fields, field) })).filter((row) => row.value !== null && row.value !== '');
  return (
    <section aria-labelledby="catalogue-entry-heading" className="catalogue-entry">
      <h2 id="catalogue-entry-heading" className="visually-hidden">
        {t('catalogue.entry.label')}
      </h2>
      {rows.length > 0 && (
        <dl className="admin-facts catalogue-entry__fields">
          {rows.map(({ field, value }) => (
            <Fragment key={field}>
              <dt>{fieldLabel(t, field)}</dt>
              <dd lang={writtenInEntryLanguage.has(field) ? lang : undefined}>{value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {props.canWrite && entry.problems.length > 0 && (
        <div className="notice catalogue-entry__problems" role="note" aria-labelledby="catalogue-entry-problems">
          <h3 id="catalogue-entry-problems">{t('catalogue.entry.problemsHeading')}</h3>
          <p>{t('catalogue.entry.problemsIntro')}</p>
          <ul>
            {entry.problems.map((problem, i) => (
              <li key={i}>{t('catalogue.entry.problem', { field: fieldLabel(t, problem.field), message: problemMessage(t, problem) })}</li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <a href="/catalogue">{t('catalogue.entry.back')}</a>
      </p>
    </section>
  );
}
