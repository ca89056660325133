// Finishing a sign-in in the browser, whichever way it was proved (password, first-run setup, OpenID Connect):
// a new session, an audit entry, and a redirect that only ever leads to a path of this site (safeNext).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit.service.js';
import type { FieldError } from '../admin/views/fields.js';
import { startSession } from '../plugins/auth.js';
import type { UserRow } from '../users/users.repo.js';
import type { Translate } from '../../shared/i18n/index.js';

const MAX_NEXT_LENGTH = 2000;

/**
 * Where to go after signing in: a path of this site, or '/'. A browser reads "//host", "/\host" and paths
 * with tabs or newlines (which it strips) as other sites, so those are refused along with any scheme.
 */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > MAX_NEXT_LENGTH) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
  const base = 'http://ensemble.invalid';
  const url = new URL(raw, base);
  if (url.origin !== base) return '/';
  if (['/login', '/logout', '/setup'].includes(url.pathname) || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Cookies are Secure whenever the site's public address is https, even behind a proxy that speaks http. */
export const secureCookies = (app: FastifyInstance): boolean => app.config.publicUrl?.startsWith('https:') ?? false;

export const actorFor = (user: UserRow, request: FastifyRequest): Actor => ({ id: user.id, name: user.username, ip: request.ip });

/** A username someone tried, cut to the length the audit log keeps. */
export const auditUsername = (username: string) => username.slice(0, 100);

/** The sign-in limits were reached: shown on the form, with how long to wait. */
export const tooManyAttemptsError = (t: Translate, attemptWindowMs: number): FieldError => ({
  field: null,
  message: t('login.tooManyAttempts', { minutes: Math.ceil(attemptWindowMs / 60_000) }),
});

/** Starts a session for `user`, audits the sign-in with how it was proved, and sends the browser to `next`. */
export function completeSignIn(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, user: UserRow, method: string, next: string) {
  startSession(request, reply, app.services.sessions, user.id, secureCookies(app));
  app.services.audit.record(actorFor(user, request), 'auth.sign_in', { type: 'user', id: user.id }, { username: user.username, method });
  return reply.redirect(next, 303);
}
