// Home: recently changed pages and a form to start a new one (a plain POST, so it works without JavaScript).
// Visitors who are not signed in are invited to sign in instead; before the first account exists, the page
// points to the first-run setup.
import type { PageSummaryRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { CsrfInput, formatWhen, Layout, signInUrl, type ViewContext } from './Layout.js';

export function HomePage(props: {
  ctx: ViewContext;
  recent: PageSummaryRow[];
  /** Whether the viewer may create pages in the default space. */
  canCreate: boolean;
  /** No account exists yet (local sign-in): show the way to /setup. */
  setupNeeded: boolean;
  error?: string;
  titleValue?: string;
}) {
  const { ctx, recent } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1>{t('app.tagline')}</h1>
      {props.setupNeeded && (
        <div className="notice" role="note">
          <p>
            {t('home.setupNotice')} <a href="/setup">{t('home.setupLink')}</a>
          </p>
        </div>
      )}
      {props.canCreate && (
        <section aria-labelledby="create-heading" className="panel">
          <h2 id="create-heading">{t('home.create')}</h2>
          <form method="post" action="/pages/new" className="create-form" noValidate>
            <CsrfInput token={ctx.csrf} />
            <label htmlFor="new-title">{t('home.createTitleLabel')}</label>
            {props.error && (
              <p id="new-title-error" className="field-error" role="alert">
                {props.error}
              </p>
            )}
            <div className="create-form__row">
              <input
                id="new-title"
                name="title"
                type="text"
                required
                maxLength={200}
                defaultValue={props.titleValue}
                aria-invalid={props.error ? true : undefined}
                aria-describedby={props.error ? 'new-title-error' : undefined}
                autoComplete="off"
              />
              <button type="submit" className="button button--primary">
                {t('home.createSubmit')}
              </button>
            </div>
          </form>
        </section>
      )}
      {!ctx.viewer && !props.setupNeeded && (
        <p>
          <a href={signInUrl('/')}>{t('home.signInToCreate')}</a>
        </p>
      )}
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t('home.recent')}</h2>
        {recent.length === 0 ? (
          <p>{t('home.noPages')}</p>
        ) : (
          <ul className="page-list">
            {recent.map((page) => (
              <li key={page.id}>
                <a href={pageUrl(page.slug)}>{page.title}</a>{' '}
                <span className="page-list__meta">
                  {t('home.updated', { when: formatWhen(page.updated_at, ctx.locale) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
