// /wiki/:slug/revisions/:n: an old revision as it was, under a banner that says so in words, with the way back
// to the current page. Writers may restore it: a new forward edit, which the form explains before they press.
import { pageUrl } from '../../pages/presenter.js';
import { CsrfInput, type ViewContext } from '../../web/views/Layout.js';
import type { RevisionDetail } from '../types.js';
import { AuthorNames, diffUrl, HistoryFrame, historyUrl, revisionUrl, Rich, When, type HistoryPageRef } from './historyParts.js';

export function RevisionPage(props: {
  ctx: ViewContext;
  of: HistoryPageRef;
  revision: RevisionDetail;
  /** The newest revision's number: that one is not "an old version", and restoring it would change nothing. */
  latest: number;
  canWrite: boolean;
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
