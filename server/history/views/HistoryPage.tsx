// /wiki/:slug/history: named versions first (the moments people chose to keep), then every revision, newest
// first, a page at a time, and a plain GET form to compare any two. Writers also get the "save a version" form.
import { pageUrl } from '../../pages/presenter.js';
import type { FormState } from '../../admin/views/fields.js';
import { formatWhen, profileUrl, type ViewContext } from '../../web/views/Layout.js';
import type { RevisionPage, RevisionSummary } from '../types.js';
import {
  authorsUrl,
  ChangeMeasure,
  diffUrl,
  HistoryFrame,
  historyUrl,
  revisionUrl,
  Rich,
  triggerLabel,
  VersionForm,
  When,
  type HistoryPageRef,
} from './historyParts.js';

export const SAVE_FORM_ID = 'save-version';

export function HistoryPage(props: {
  ctx: ViewContext;
  of: HistoryPageRef;
  named: RevisionSummary[];
  revisions: RevisionPage;
  /** The newest revision's number (null for a page without any yet). */
  latest: number | null;
  /** Where this screen of the list starts (the `before` it was asked with). */
  before?: number;
  canWrite: boolean;
  notice?: string;
  saveForm?: FormState;
}) {
  const { ctx, of, revisions } = props;
  const { t } = ctx;
  const slug = of.page.slug;
  return (
    <HistoryFrame ctx={ctx} of={of} title={t('history.page.title', { title: of.page.title })} notice={props.notice}>
      <p>{t('history.page.intro')}</p>
      <nav aria-label={t('history.page.links')}>
        <ul className="history-links">
          <li>
            <a href={authorsUrl(slug)}>{t('history.page.authorsLink')}</a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="named-heading" className="history-named">
        <h2 id="named-heading">{t('history.named.heading')}</h2>
        {props.named.length === 0 ? (
          <p>{t('history.named.none')}</p>
        ) : (
          <ul className="history-named__list">
            {props.named.map((version) => (
              <NamedVersion key={version.number} ctx={ctx} slug={slug} version={version} latest={props.latest} />
            ))}
          </ul>
        )}
        {props.canWrite && (
          <VersionForm
            ctx={ctx}
            formId={SAVE_FORM_ID}
            action={`${historyUrl(slug)}/versions`}
            heading={t('history.save.heading')}
            intro={t('history.save.intro')}
            submit={t('history.save.submit')}
            form={props.saveForm}
          />
        )}
      </section>

      <section aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">{t('history.list.heading')}</h2>
        <RevisionTable ctx={ctx} slug={slug} revisions={revisions} />
        {(revisions.nextCursor !== null || props.before !== undefined) && (
          <nav aria-label={t('history.list.pagination')} className="admin-pagination">
            <ul>
              {props.before !== undefined && (
                <li>
                  <a href={historyUrl(slug)}>{t('history.list.newest')}</a>
                </li>
              )}
              {revisions.nextCursor !== null && (
                <li>
                  <a href={`${historyUrl(slug)}?before=${revisions.nextCursor}`}>{t('history.list.older')}</a>
                </li>
              )}
            </ul>
          </nav>
        )}
      </section>

      <CompareForm ctx={ctx} slug={slug} items={revisions.items} />
    </HistoryFrame>
  );
}

function NamedVersion(props: { ctx: ViewContext; slug: string; version: RevisionSummary; latest: number | null }) {
  const { ctx, slug, version } = props;
  const { t } = ctx;
  const name = version.name ?? '';
  return (
    <li className="history-named__item">
      <h3 className="history-named__name">
        {name}
      </h3>
      <p className="history-named__meta">
        <Rich t={t} k="history.named.revision" values={{ n: version.number, when: <When ms={version.createdAt} locale={ctx.locale} /> }} />
        {version.namedBy && (
          <>
            {' · '}
            {/* Saved as a version there and then: the second date would only repeat the first. */}
            {version.namedAt === null || formatWhen(version.namedAt, ctx.locale) === formatWhen(version.createdAt, ctx.locale) ? (
              t('history.named.byOnly', { name: version.namedBy.displayName })
            ) : (
              <Rich t={t} k="history.named.by" values={{ name: version.namedBy.displayName, when: <When ms={version.namedAt} locale={ctx.locale} /> }} />
            )}
          </>
        )}
      </p>
      {version.summary && <p className="history-named__summary">{version.summary}</p>}
      <ul className="history-links">
        <li>
          <a href={revisionUrl(slug, version.number)} aria-label={t('history.named.viewLabel', { name })}>
            {t('history.named.view')}
          </a>
        </li>
        <li>
          {props.latest === null || props.latest === version.number ? (
            t('history.named.isCurrent')
          ) : (
            <a href={diffUrl(slug, version.number, props.latest)} aria-label={t('history.named.compareLabel', { name })}>
              {t('history.named.compare')}
            </a>
          )}
        </li>
      </ul>
    </li>
  );
}

function RevisionTable(props: { ctx: ViewContext; slug: string; revisions: RevisionPage }) {
  const { ctx, slug, revisions } = props;
  const { t } = ctx;
  const { items } = revisions;
  if (items.length === 0) return <p>{t('history.list.none')}</p>;
  return (
    <>
      <p>{t('history.list.showing', { from: items[items.length - 1].number, to: items[0].number, total: revisions.total })}</p>
      <div className="table-scroll">
        <table className="admin-table history-table">
          <caption>{t('history.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.list.revision')}</th>
              <th scope="col">{t('history.list.when')}</th>
              <th scope="col">{t('history.list.what')}</th>
              <th scope="col">{t('history.list.authors')}</th>
              <th scope="col">{t('history.list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((revision) => (
              <tr key={revision.number} className={revision.name ? 'history-table__named' : undefined}>
                <th scope="row" className="admin-table__number">
                  {revision.number}
                </th>
                <td>
                  <When ms={revision.createdAt} locale={ctx.locale} />
                </td>
                <td>
                  <span className={revision.trigger === 'saved' || revision.trigger === 'restored' || revision.trigger === 'created' ? undefined : 'history-quiet'}>
                    {triggerLabel(t, revision)}
                  </span>
                  {revision.name && (
                    <>
                      <br />
                      <strong>{t('history.namedAs', { name: revision.name })}</strong>
                    </>
                  )}
                </td>
                <td>
                  {revision.authors.length === 0 ? (
                    <span className="history-quiet">{t('history.noAuthors')}</span>
                  ) : (
                    <ul className="history-authors">
                      {revision.authors.map((author) => (
                        <li key={author.userId}>
                          <a href={profileUrl(author.username)}>{author.displayName}</a> <ChangeMeasure ctx={ctx} author={author} />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <ul className="history-actions">
                    <li>
                      <a href={revisionUrl(slug, revision.number)} aria-label={t('history.viewLabel', { n: revision.number })}>
                        {t('history.view')}
                      </a>
                    </li>
                    {revision.number > 1 && (
                      <li>
                        <a href={diffUrl(slug, revision.number - 1, revision.number)} aria-label={t('history.changesLabel', { n: revision.number })}>
                          {t('history.changes')}
                        </a>
                      </li>
                    )}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Two radio groups over the revisions on this screen; by default the newest one against the one before it. */
function CompareForm(props: { ctx: ViewContext; slug: string; items: RevisionSummary[] }) {
  const { ctx, slug, items } = props;
  const { t } = ctx;
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('history.compare.heading')}</h2>
      {items.length < 2 ? (
        <p>{t('history.compare.onlyOne')}</p>
      ) : (
        <form method="get" action={`${pageUrl(slug)}/diff`} className="history-compare">
          <div className="history-compare__groups">
            <RevisionRadios ctx={ctx} name="from" legend={t('history.compare.from')} items={items} checked={items[1].number} />
            <RevisionRadios ctx={ctx} name="to" legend={t('history.compare.to')} items={items} checked={items[0].number} />
          </div>
          <button type="submit" className="button button--primary">
            {t('history.compare.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

function RevisionRadios(props: { ctx: ViewContext; name: 'from' | 'to'; legend: string; items: RevisionSummary[]; checked: number }) {
  const { ctx, name } = props;
  return (
    <fieldset className="form-field history-compare__group">
      <legend>{props.legend}</legend>
      {props.items.map((revision) => {
        const id = `compare-${name}-${revision.number}`;
        return (
          <div className="radio" key={revision.number}>
            <input type="radio" id={id} name={name} value={revision.number} defaultChecked={revision.number === props.checked} />
            <label htmlFor={id}>
              {ctx.t('history.compare.option', { n: revision.number, when: formatWhen(revision.createdAt, ctx.locale) })}
              {revision.name && ` — ${revision.name}`}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
