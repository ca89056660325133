// /wiki/:slug/revisions/:n: an old revision as it was, under a banner that says so in words, with the way back
// to the current page. Writers may restore it (a new forward edit, which the form explains before they press)
// and name it, or rename it, after the fact: "Sent to the DG" once the page has moved on.
import type { FormState } from '../../admin/views/fields.js';
import { pageUrl } from '../../pages/presenter.js';
import { CsrfInput, type ViewContext } from '../../web/views/Layout.js';
import type { RevisionDetail } from '../types.js';
import { AuthorNames, diffUrl, HistoryFrame, historyUrl, revisionUrl, Rich, VersionForm, When, type HistoryPageRef } from './historyParts.js';

export const NAME_FORM_ID = 'name-revision';

export function RevisionPage(props: {
  ctx: ViewContext;
  of: HistoryPageRef;
  revision: RevisionDetail;
  /** The newest revision's number: that one is not "an old version", and restoring it would change nothing. */
  latest: number;
  canWrite: boolean;
  /** The name form as submitted, when it is shown again with what was wrong. */
  nameForm?: FormState;
}) {
  const { ctx, of, revision } = props;
  const { t } = ctx;
  const slug = of.page.slug;
  const n = revision.number;
  const isLatest = n >= props.latest;
  const when = <When ms={revision.createdAt} locale={ctx.locale} />;
  return (
    <HistoryFrame ctx={ctx} of={of} underHistory title={t('history.revision.title', { n, title: revision.title })}>
      <div className="notice history-banner" role="note" aria-label={t('history.revision.links')}>
        <p>
          {revision.authors.length > 0 ? (
            <Rich
              t={t}
              k="history.revision.banner"
              values={{ n, title: revision.title, when, authors: <AuthorNames locale={ctx.locale} authors={revision.authors} /> }}
            />
          ) : (
            <Rich t={t} k="history.revision.bannerNoAuthors" values={{ n, title: revision.title, when }} />
          )}{' '}
          <strong>{t(isLatest ? 'history.revision.latest' : 'history.revision.notCurrent')}</strong>
        </p>
        <ul className="history-links">
          <li>
            <a href={pageUrl(slug)}>{t('history.revision.current')}</a>
          </li>
          <li>
            <a href={historyUrl(slug)}>{t('history.revision.history')}</a>
          </li>
          {n > 1 && (
            <li>
              <a href={diffUrl(slug, n - 1, n)}>{t('history.revision.previousChanges')}</a>
            </li>
          )}
        </ul>
      </div>

      {props.canWrite && !isLatest && (
        <section aria-labelledby="restore-heading" className="panel history-restore">
          <h2 id="restore-heading">{t('history.restore.heading')}</h2>
          <p id="restore-explain">{t('history.restore.explain')}</p>
          <form method="post" action={`${revisionUrl(slug, n)}/restore`} className="button-row">
            <CsrfInput token={ctx.csrf} />
            <button type="submit" className="button button--secondary" aria-describedby="restore-explain">
              {t('history.restore.submit', { n })}
            </button>
          </form>
        </section>
      )}

      {props.canWrite && (
        <VersionForm
          ctx={ctx}
          formId={NAME_FORM_ID}
          level={2}
          className="history-name"
          action={`${revisionUrl(slug, n)}/name`}
          heading={t(revision.name === null ? 'history.name.heading' : 'history.name.renameHeading')}
          intro={revision.name === null ? t('history.name.intro', { n }) : t('history.name.renameIntro', { n, name: revision.name })}
          submit={revision.name === null ? t('history.name.submit', { n }) : t('history.name.renameSubmit')}
          form={props.nameForm}
          initial={{ name: revision.name ?? '', summary: revision.summary ?? '' }}
        />
      )}

      <article className="page history-revision" lang={of.page.lang} aria-label={t('history.revision.title', { n, title: revision.title })}>
        {revision.text.trim() === '' ? (
          <p className="page__empty">{t('page.empty')}</p>
        ) : (
          <div className="ens-content" dangerouslySetInnerHTML={{ __html: revision.html }} />
        )}
      </article>
    </HistoryFrame>
  );
}
