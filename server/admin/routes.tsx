// The administration UI at /admin: server-rendered pages and plain forms, so it works without JavaScript.
// Every route is for admins only: anonymous visitors are sent to sign in, anyone else gets a 403 page.
// Changes go through the services (which audit them and re-check live sockets), then POST-redirect-GET
// with a `done` code that the next page turns into a status message.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { auditActions, type AuditAction } from '../audit/audit.service.js';
import { canAdminister } from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import { pageUrl } from '../pages/presenter.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import type { ClientAssets } from '../web/assets.js';
import { sendView, viewContext } from '../web/routes.js';
import { MessagePage } from '../web/views/MessagePage.js';
import { groupRoutes } from './groupRoutes.js';
import { spaceRoutes } from './spaceRoutes.js';
import { userRoutes } from './userRoutes.js';
import type { AdminViewContext } from './views/AdminLayout.js';
import { AuditPage, type TargetLabel } from './views/AuditPage.js';
import { OverviewPage } from './views/OverviewPage.js';

/** What a change did, named in the redirect (`?done=…`); only these codes are ever shown. */
const notices = {
  'user-created': 'admin.done.userCreated',
  'role-changed': 'admin.done.roleChanged',
  'user-disabled': 'admin.done.userDisabled',
  'user-enabled': 'admin.done.userEnabled',
  'password-reset': 'admin.done.passwordReset',
  'token-revoked': 'admin.done.tokenRevoked',
  'group-created': 'admin.done.groupCreated',
  'group-updated': 'admin.done.groupUpdated',
  'group-deleted': 'admin.done.groupDeleted',
  'member-added': 'admin.done.memberAdded',
  'member-removed': 'admin.done.memberRemoved',
  'space-created': 'admin.done.spaceCreated',
  'space-updated': 'admin.done.spaceUpdated',
} as const satisfies Record<string, MessageKey>;
export type NoticeCode = keyof typeof notices;

const AUDIT_PAGE_SIZE = 50;

/** What the section route files share: page context, rendering and the redirect after a change. */
export interface AdminKit {
  /** `path` is the page's own GET address, used for the language switch when a POST re-renders it. */
  context(request: FastifyRequest, path?: string): AdminViewContext;
  render(reply: FastifyReply, element: ReactElement, status?: number): FastifyReply;
  done(reply: FastifyReply, location: string, notice: NoticeCode): FastifyReply;
}

export interface AdminRoutesOptions {
  assets: ClientAssets;
}

export async function adminRoutes(app: FastifyInstance, { assets }: AdminRoutesOptions) {
  const kit: AdminKit = {
    context(request, path) {
      const done = request.method === 'GET' ? new URL(request.url, 'http://x').searchParams.get('done') : null;
      const url = new URL(path ?? request.url, 'http://x');
      url.searchParams.delete('done');
      const base = viewContext(request, assets);
      return {
        ...base,
        path: `${url.pathname}${url.search}`,
        csrf: request.csrfToken(),
        notice: done && Object.hasOwn(notices, done) ? base.t(notices[done as NoticeCode]) : undefined,
      };
    },
    render: (reply, element, status = 200) => sendView(reply, element, status),
    done: (reply, location, notice) => reply.redirect(`${location}?done=${notice}`, 303),
  };

  app.addHook('onRequest', async (request, reply) => {
    const principal = request.principal;
    const reading = request.method === 'GET' || request.method === 'HEAD';
    if (principal.kind === 'anonymous') {
      // A form posted after the session ended cannot be replayed by a GET: come back to the overview.
      const next = reading ? request.url : '/admin';
      return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    }
    if (!canAdminister(principal, !reading)) {
      const ctx = viewContext(request, assets);
      return sendView(
        reply,
        <MessagePage ctx={ctx} title={ctx.t('admin.forbiddenTitle')}>
          <p>{ctx.t('admin.forbiddenBody')}</p>
        </MessagePage>,
        403,
      );
    }
  });

  const { users, groups, spaces, audit, tokens, pages } = app.services;

  app.get('/admin', async (request, reply) => {
    const accounts = users.list();
    const allSpaces = spaces.list();
    const counts = {
      users: accounts.length,
      admins: accounts.filter((u) => u.role === 'admin' && !u.disabled).length,
      disabled: accounts.filter((u) => u.disabled).length,
      groups: groups.list().length,
      spaces: allSpaces.length,
      restricted: allSpaces.filter((s) => s.access === 'restricted').length,
      latestEventAt: audit.list(1).events[0]?.at ?? null,
    };
    return kit.render(reply, <OverviewPage ctx={kit.context(request)} counts={counts} />);
  });

  app.get<{ Querystring: { before?: string } }>('/admin/audit', async (request, reply) => {
    const raw = request.query.before;
    const before = raw === undefined || raw === '' ? undefined : Number(raw);
    if (before !== undefined && !(Number.isSafeInteger(before) && before > 0)) throw errors.badRequest('The audit page cursor is not valid.');
    const { events, more } = audit.list(AUDIT_PAGE_SIZE, before);
    const t = request.t;

    const userNames = new Map(users.list().map((u) => [u.id, u.username]));
    const groupNames = new Map(groups.list().map((g) => [g.id, g.name]));
    const spaceNames = new Map(spaces.list().map((s) => [s.id, s.name]));
    const target = ({ type, id }: { type: string; id: string }): TargetLabel => {
      const known = (names: Map<string, string>, href: string): TargetLabel => {
        const name = names.get(id);
        return name === undefined ? { name: id } : { name, href };
      };
      switch (type) {
        case 'user':
          return known(userNames, `/admin/users/${id}`);
        case 'group':
          return known(groupNames, `/admin/groups/${id}`);
        case 'space':
          return known(spaceNames, `/admin/spaces/${id}`);
        case 'token':
          return { name: tokens.find(id)?.name ?? id };
        case 'page': {
          const page = pages.findById(id);
          return page ? { name: page.title, href: pageUrl(page.slug) } : { name: id };
        }
        default:
          return { name: id };
      }
    };
    const formatValue = (key: string, value: unknown): string => {
      if (value === null || value === undefined) return '';
      if (typeof value !== 'object') {
        const text = String(value);
        return key === 'owner' ? (userNames.get(text) ?? text) : text;
      }
      if (Array.isArray(value)) return value.length === 0 ? t('admin.none') : value.map((v) => formatValue(key, v)).join(', ');
      const record = value as Record<string, unknown>;
      if ('from' in record && 'to' in record) return `${formatValue(key, record.from)} → ${formatValue(key, record.to)}`;
      if (typeof record.groupId === 'string' && typeof record.role === 'string') {
        return `${groupNames.get(record.groupId) ?? record.groupId} (${record.role})`;
      }
      return JSON.stringify(record);
    };
    const actionLabel = (action: string) =>
      (auditActions as readonly string[]).includes(action) ? t(`admin.audit.action.${action as AuditAction}` satisfies MessageKey) : action;

    return kit.render(
      reply,
      <AuditPage
        ctx={kit.context(request)}
        events={events}
        olderBefore={more && events.length > 0 ? events[events.length - 1].id : null}
        paged={before !== undefined}
        actionLabel={actionLabel}
        target={target}
        formatDetail={formatValue}
      />,
    );
  });

  userRoutes(app, kit);
  groupRoutes(app, kit);
  spaceRoutes(app, kit);
}
