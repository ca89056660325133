// /admin: one card per section, with what it holds.
import { AdminLayout, When, type AdminViewContext } from './AdminLayout.js';

export interface OverviewCounts {
  users: number;
  admins: number;
  disabled: number;
  groups: number;
  spaces: number;
  restricted: number;
  latestEventAt: number | null;
}

export function OverviewPage(props: { ctx: AdminViewContext; counts: OverviewCounts }) {
  const { ctx, counts } = props;
  const { t } = ctx;
  const cards = [
    { id: 'users', href: '/admin/users', title: t('admin.users.title'), body: t('admin.overview.usersBody'), facts: t('admin.overview.usersCount', { count: counts.users, admins: counts.admins, disabled: counts.disabled }) },
    { id: 'groups', href: '/admin/groups', title: t('admin.groups.title'), body: t('admin.overview.groupsBody'), facts: t('admin.overview.groupsCount', { count: counts.groups }) },
    { id: 'spaces', href: '/admin/spaces', title: t('admin.spaces.title'), body: t('admin.overview.spacesBody'), facts: t('admin.overview.spacesCount', { count: counts.spaces, restricted: counts.restricted }) },
  ];
  return (
    <AdminLayout ctx={ctx} section="overview" title={t('admin.title')}>
      <p>{t('admin.intro')}</p>
      <ul className="admin-cards">
        {cards.map((card) => (
          <li key={card.id} className="admin-card">
            <h2>
              <a href={card.href}>{card.title}</a>
            </h2>
            <p>{card.body}</p>
            <p className="admin-card__facts">{card.facts}</p>
          </li>
        ))}
        <li className="admin-card">
          <h2>
            <a href="/admin/audit">{t('admin.audit.title')}</a>
          </h2>
          <p>{t('admin.overview.auditBody')}</p>
          <p className="admin-card__facts">
            {counts.latestEventAt === null ? (
              t('admin.overview.auditEmpty')
            ) : (
              <LatestEvent ctx={ctx} at={counts.latestEventAt} />
            )}
          </p>
        </li>
      </ul>
    </AdminLayout>
  );
}

/** "Latest event: <time>." with the time element inside the translated sentence. */
function LatestEvent(props: { ctx: AdminViewContext; at: number }) {
  const [before, after] = props.ctx.t('admin.overview.auditLatest').split('{when}');
  return (
    <>
      {before}
      <When ms={props.at} locale={props.ctx.locale} />
      {after}
    </>
  );
}
