// Home: recently changed pages and a form to start a new one (a plain POST, so it works without JavaScript).
// Visitors who are not signed in are invited to sign in instead; before the first account exists, the page
// points to the first-run setup.
import type { FormState } from '../../admin/views/fields.js';
import type { PageSummaryRow } from '../../pages/pages.repo.js';
import type { TemplateSummary } from '../../pages/templates.js';
import { RecentPageList } from './RecentPageList.js';
import { CreatePageForm } from './CreatePageForm.js';
import { Layout, signInUrl, type ViewContext } from './Layout.js';

export function HomePage(props: {
  ctx: ViewContext;
  recent: PageSummaryRow[];
  /** Whether the viewer may create pages in the default space. */
  canCreate: boolean;
  /** No account exists yet (local sign-in): show the way to /setup. */
  setupNeeded: boolean;
  /** What a new page may start from (only needed when the viewer may create pages). */
  templates: TemplateSummary[];
  /** The create form as submitted, with what was wrong with it. */
  form?: FormState;
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
        <CreatePageForm ctx={ctx} heading={t('home.create')} action="/pages/new" templates={props.templates} form={props.form} />
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
          <RecentPageList ctx={ctx} pages={recent} />
        )}
      </section>
    </Layout>
  );
}
