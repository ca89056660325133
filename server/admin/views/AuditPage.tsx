// /admin/audit: the audit log, newest first, a page at a time (keyset pagination on the event id).
import type { AuditEvent } from '../../audit/audit.service.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { AdminLayout, When, type AdminViewContext } from './AdminLayout.js';

/** What the page knows about an event's target: a label and, when it still exists, where to manage it. */
export interface TargetLabel {
  name: string;
  href?: string;
}

const targetTypes: Record<string, MessageKey> = {
  user: 'admin.audit.targetUser',
  group: 'admin.audit.targetGroup',
  space: 'admin.audit.targetSpace',
  token: 'admin.audit.targetToken',
  page: 'admin.audit.targetPage',
};

export function AuditPage(props: {
  ctx: AdminViewContext;
  events: AuditEvent[];
  /** The id to continue from for older events, when there are any. */
  olderBefore: number | null;
  /** Whether this is a later page (so a link back to the newest is useful). */
  paged: boolean;
  actionLabel: (action: string) => string;
  target: (target: { type: string; id: string }) => TargetLabel;
  formatDetail: (key: string, value: unknown) => string;
}) {
  const { ctx, events } = props;
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} section="audit" sectionIndex={!props.paged} title={t('admin.audit.title')}>
      {events.length === 0 ? (
        <p>{t('admin.audit.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table admin-table--audit">
            <caption>{t('admin.audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.time')}</th>
                <th scope="col">{t('admin.audit.actor')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                <th scope="col">{t('admin.audit.target')}</th>
                <th scope="col">{t('admin.audit.details')}</th>
                <th scope="col">{t('admin.audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => {
                const target = event.target ? props.target(event.target) : null;
                const details = Object.entries(event.details);
                return (
                  <tr key={event.id}>
                    <th scope="row">
                      <When ms={event.at} locale={ctx.locale} />
                    </th>
                    <td>{event.actor.id ? <a href={`/admin/users/${event.actor.id}`}>{event.actor.name}</a> : event.actor.name}</td>
                    <td>{props.actionLabel(event.action)}</td>
                    <td>
                      {event.target && target && (
                        <>
                          {targetTypes[event.target.type] ? t(targetTypes[event.target.type]) : event.target.type}:{' '}
                          {target.href ? <a href={target.href}>{target.name}</a> : target.name}
                        </>
                      )}
                    </td>
                    <td>
                      {details.length > 0 && (
                        <ul className="admin-details">
                          {details.map(([key, value]) => (
                            <li key={key}>
                              <span className="admin-details__key">{key}</span>: {props.formatDetail(key, value)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{event.ip ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {(props.paged || props.olderBefore !== null) && (
        <nav aria-label={t('admin.audit.pagination')} className="admin-pagination">
          <ul>
            {props.paged && (
              <li>
                <a href="/admin/audit">{t('admin.audit.newer')}</a>
              </li>
            )}
            {props.olderBefore !== null && (
              <li>
                <a href={`/admin/audit?before=${props.olderBefore}`} rel="next">
                  {t('admin.audit.older')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </AdminLayout>
  );
}
