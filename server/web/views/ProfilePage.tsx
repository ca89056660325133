// /users/:username: who someone is on the wiki and the pages they contributed to, limited to the pages the
// viewer may read (filtered in SQL), most recent contribution first, a page at a time.
import type { Role } from '../../auth/permissions.js';
import type { PageSummaryRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { formatWhen, Layout, type ViewContext } from './Layout.js';

export function ProfilePage(props: {
  ctx: ViewContext;
  person: { username: string; displayName: string; role: Role };
  pages: (PageSummaryRow & { last_at: number })[];
  /** The next page of contributions, or null at the end. */
  moreUrl: string | null;
}) {
  const { ctx, person, pages } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.profileOf', { name: person.displayName })}>
      <h1>{person.displayName}</h1>
      <dl className="admin-facts">
        <dt>{t('profile.username')}</dt>
        <dd>{person.username}</dd>
        <dt>{t('profile.role')}</dt>
        <dd>{t(`auth.role.${person.role}`)}</dd>
      </dl>
      <section aria-labelledby="contributions-heading">
        <h2 id="contributions-heading">{t('profile.contributions', { name: person.displayName })}</h2>
        {pages.length === 0 ? (
          <p>{t('profile.noContributions')}</p>
        ) : (
          <ul className="page-list">
            {pages.map((page) => (
              <li key={page.id}>
                <a href={pageUrl(page.slug)}>{page.title}</a>{' '}
                <span className="page-list__meta">{t('profile.lastContribution', { when: formatWhen(page.last_at, ctx.locale) })}</span>
              </li>
            ))}
          </ul>
        )}
        {props.moreUrl && (
          <p>
            <a href={props.moreUrl} rel="next">
              {t('profile.more')}
            </a>
          </p>
        )}
      </section>
    </Layout>
  );
}
