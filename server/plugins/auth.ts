// Root-scope authentication: every request gets `request.principal` (anonymous when nothing proves
// otherwise) and `request.actor` for the audit log. Mutations authenticated by something the browser sends
// on its own (session cookie, proxy header) must carry a CSRF token bound to that credential.
import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit.service.js';
import { QUERY_TOKEN_PARAM, SESSION_COOKIE, type Authenticator } from '../auth/authenticator.js';
import { anonymous, type Principal } from '../auth/permissions.js';
import type { SessionsService } from '../auth/sessions.service.js';
import { errors } from './errors.js';

export const CSRF_COOKIE = 'ens_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The token forms and scripts must send back with a mutation (field `_csrf` or header `x-csrf-token`). */
    csrfToken(): string;
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Set false on a mutation route that is safe without a CSRF token (none today). */
    csrf?: boolean;
    /** Set true on a read-only route that accepts an API token as `?token=` (feeds: their readers cannot send headers). */
    queryToken?: boolean;
  }
}

export interface AuthPluginOptions {
  authenticator: Authenticator;
  sessions: SessionsService;
  csrfSecret: string;
  /** True when the wiki is served over https (WIKI_PUBLIC_URL), so cookies get Secure. */
  secureCookies: boolean;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hmac(secret: string, value: string): string {
  return crypto.createHmac('sha256', secret).update(value).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function isSecureRequest(request: FastifyRequest, secureCookies: boolean): boolean {
  return secureCookies || request.protocol === 'https';
}

async function authPlugin(app: FastifyInstance, opts: AuthPluginOptions) {
  const { authenticator, csrfSecret } = opts;

  app.decorateRequest('principal', null as never);
  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', function (this: FastifyRequest) {
    return hmac(csrfSecret, csrfBinding(this));
  });

  /** What the CSRF token is bound to: the session, the proxy-asserted account, or an anonymous cookie. */
  const pendingAnonCookie = new WeakMap<FastifyRequest, string>();
  function csrfBinding(request: FastifyRequest): string {
    const principal = request.principal;
    if (principal.kind === 'user' && principal.credential.kind === 'session') return `session:${principal.credential.sessionHash}`;
    if (principal.kind === 'user') return `user:${principal.account.id}`;
    let anon = request.cookies[CSRF_COOKIE] ?? pendingAnonCookie.get(request);
    if (!anon || anon.length < 20 || anon.length > 64) {
      anon = crypto.randomBytes(24).toString('base64url');
      pendingAnonCookie.set(request, anon);
    }
    return `anon:${anon}`;
  }

  app.addHook('onRequest', async (request) => {
    // Only reads, on routes that ask for it: a token in a link must never be able to change anything.
    const takesQueryToken = (request.method === 'GET' || request.method === 'HEAD') && request.routeOptions.config?.queryToken === true;
    const queryToken = takesQueryToken ? (request.query as Record<string, unknown> | undefined)?.[QUERY_TOKEN_PARAM] : undefined;
    const { principal, problem } = await authenticator.authenticate(request.raw, request.cookies, queryToken);
    request.principal = principal;
    request.actor = {
      id: principal.kind === 'user' ? principal.account.id : null,
      name: principal.kind === 'user' ? principal.account.username : 'anonymous',
      ip: request.ip,
    };
    // A bad token on the live channel is answered with a close code by the route, not an HTTP error.
    if (problem === 'invalid-token' && request.headers.upgrade?.toLowerCase() !== 'websocket') throw errors.invalidToken();
  });

  app.addHook('preHandler', async (request) => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config?.csrf === false) return;
    const principal = request.principal;
    if (principal.kind === 'user' && principal.credential.kind === 'token') return;
    const header = request.headers[CSRF_HEADER];
    const field = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const sent = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
    const anonCookie = request.cookies[CSRF_COOKIE];
    if (principal.kind === 'anonymous' && !anonCookie) throw errors.csrf();
    if (!sent || !safeEqual(sent, request.csrfToken())) throw errors.csrf();
  });

  app.addHook('onSend', async (request, reply) => {
    const anon = pendingAnonCookie.get(request);
    if (anon) {
      reply.setCookie(CSRF_COOKIE, anon, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: isSecureRequest(request, opts.secureCookies),
      });
    }
  });
}

/** Starts a session for an account and sets its cookie. */
export function startSession(request: FastifyRequest, reply: FastifyReply, sessions: SessionsService, userId: string, secureCookies: boolean): void {
  const previous = request.principal;
  if (previous.kind === 'user' && previous.credential.kind === 'session') sessions.destroy(previous.credential.sessionHash);
  const { cookie, expiresAt } = sessions.create(userId);
  reply.setCookie(SESSION_COOKIE, cookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(request, secureCookies),
    expires: new Date(expiresAt),
  });
}

/** Ends the request's session, if it has one, and clears the cookie. */
export function endSession(request: FastifyRequest, reply: FastifyReply, sessions: SessionsService): string | null {
  const principal = request.principal;
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  if (principal.kind === 'user' && principal.credential.kind === 'session') {
    sessions.destroy(principal.credential.sessionHash);
    return principal.credential.sessionHash;
  }
  return null;
}

export { anonymous };
export default fp(authPlugin, { name: 'auth', dependencies: ['@fastify/cookie'] });
