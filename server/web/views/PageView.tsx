// A page as readers see it: server-rendered, sanitized HTML that needs no JavaScript, under the banner of its
// space's classification. Only people who may change the page see the link to the editor; everyone who may
// read it sees its history and authors.
import type { Classification } from '../../auth/permissions.js';
import type { PageRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { ClassificationBanner, formatWhen, Layout, type ViewContext } from './Layout.js';
import { EntryDetails } from '../../catalogue/views/EntryDetails.js';
import type { StoredEntry } from '../../catalogue/catalogue.service.js';

export interface SpaceLabel {
  name: string;
  classification: Classification;
}

/** The latest named version of a page, and the page's latest revision. */
export interface NamedVersionRef {
  number: number;
  name: string;
  latest: number;
}

export function PageView(props: {
  ctx: ViewContext;
  page: PageRow;
  space: SpaceLabel;
  canWrite: boolean;
  canDelete?: boolean;
  restored?: number | null;
  /** The rename form comes back to the page with ?renamed=1, to say the old links still lead here. */
  renamed?: boolean;
  namedVersion?: NamedVersionRef | null;
  /** The page's catalogue entry fields, when it is an entry. */
  entry?: StoredEntry | null;
}) {
  const { ctx, page } = props;
  const { t } = ctx;
  const url = pageUrl(page.slug);
  const restored = props.restored ?? null;
  return (
    <Layout ctx={ctx} title={page.title} head={<link rel="canonical" href={url} />}>
      <ClassificationBanner ctx={ctx} space={props.space} />
      {props.renamed && (
        <div className="admin-notice" role="status">
          <p>{t('renames.done')}</p>
        </div>
      )}
      {restored !== null && (
        <div className="admin-notice" role="status">
          <p>{t('history.restore.done', { n: restored })}</p>
        </div>
      )}
      <article className="page" lang={page.lang}>
        <header className="page__header">
          <h1>{page.title}</h1>
          <nav aria-label={t('page.actions')} className="page__actions">
            <ul>
              {props.canWrite && (
                <li>
                  <a className="button button--secondary" href={`${url}/edit`}>
                    {t('page.edit')}
                  </a>
                </li>
              )}
              {props.canWrite && (
                <li>
                  <a href={`${url}/move`}>{t('renames.action')}</a>
                </li>
              )}
              <li>
                <a href={`${url}/history`}>{t('page.history')}</a>
              </li>
              <li>
                <a href={`${url}/authors`}>{t('history.pageAuthors')}</a>
              </li>
              <li>
                <a href={`${url}/links`}>{t('links.whatLinksHere')}</a>
              </li>
              <li>
                <a href={`/p/${page.id}`}>{t('page.permalink')}</a>
              </li>
              {props.canDelete && (
                <li>
                  <a href={`${url}/delete`}>{t('page.delete')}</a>
                </li>
              )}
            </ul>
          </nav>
          <p className="page__meta">
            <time dateTime={new Date(page.updated_at).toISOString()}>
              {t('page.lastUpdated', { when: formatWhen(page.updated_at, ctx.locale) })}
            </time>
          </p>
          {props.namedVersion && (
            <p className="page__meta">
              <a href={`${url}/revisions/${props.namedVersion.number}`}>
                {t('page.namedVersion', { name: props.namedVersion.name, n: props.namedVersion.number })}
              </a>
              {props.namedVersion.latest > props.namedVersion.number && (
                <>
                  {' · '}
                  <a href={`${url}/diff?from=${props.namedVersion.number}&to=${props.namedVersion.latest}`}>{t('page.changedSinceNamed')}</a>
                </>
              )}
            </p>
          )}
        </header>
        {props.entry && <EntryDetails ctx={ctx} entry={props.entry} lang={page.lang} canWrite={props.canWrite} />}
        {page.text.trim() === '' ? (
          <p className="page__empty">{t('page.empty')}</p>
        ) : (
          <div className="ens-content" dangerouslySetInnerHTML={{ __html: page.html }} />
        )}
      </article>
    </Layout>
  );
}

