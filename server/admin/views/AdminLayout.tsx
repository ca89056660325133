// The frame of every administration page, inside the site layout: a breadcrumb back to the section, the
// page's one h1, the section navigation, and the status message left by the last change (POST-redirect-GET).
import type { ReactNode } from 'react';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { Breadcrumb, Layout, type ViewContext } from '../../web/views/Layout.js';

export { When } from '../../web/views/Layout.js';

export interface AdminViewContext extends ViewContext {
  /** The CSRF token every form posts back in `_csrf`. */
  csrf: string;
  /** What the last change did, shown once after the redirect. */
  notice?: string;
}

export type AdminSection = 'overview' | 'users' | 'groups' | 'spaces' | 'audit';

export const sectionLinks: { section: Exclude<AdminSection, 'overview'>; href: string; label: MessageKey }[] = [
  { section: 'users', href: '/admin/users', label: 'admin.users.title' },
  { section: 'groups', href: '/admin/groups', label: 'admin.groups.title' },
  { section: 'spaces', href: '/admin/spaces', label: 'admin.spaces.title' },
  { section: 'audit', href: '/admin/audit', label: 'admin.audit.title' },
];

export function AdminLayout(props: {
  ctx: AdminViewContext;
  section: AdminSection;
  title: string;
  /** Pages above this one, after "Administration"; the section index pages have none. */
  trail?: { href: string; label: string }[];
  /** True on the section's own index page, which its navigation link then marks as current. */
  sectionIndex?: boolean;
  children: ReactNode;
}) {
  const { ctx, section } = props;
  const { t } = ctx;
  const trail = section === 'overview' ? [] : [{ href: '/admin', label: t('admin.title') }, ...(props.trail ?? [])];
  return (
    <Layout ctx={ctx} title={props.title}>
      {trail.length > 0 && <Breadcrumb label={t('admin.breadcrumb')} trail={trail} />}
      <h1>{props.title}</h1>
      <nav aria-label={t('admin.sections')} className="admin-nav">
        <ul>
          {sectionLinks.map((link) => (
            <li key={link.section}>
              <a
                href={link.href}
                className={link.section === section ? 'admin-nav__current' : undefined}
                aria-current={link.section === section ? (props.sectionIndex ? 'page' : 'location') : undefined}
              >
                {t(link.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {ctx.notice && (
        <div className="admin-notice" role="status">
          <p>{ctx.notice}</p>
        </div>
      )}
      {props.children}
    </Layout>
  );
}

