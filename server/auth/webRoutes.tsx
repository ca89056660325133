// Signing in and out as a person, in the browser: the sign-in page in the configured mode (local password,
// OpenID Connect, trusted proxy header), first-run setup, and /account (display name, password, API tokens).
// Every form carries the CSRF token (checked by the auth plugin before any handler runs); every sign-in attempt
// is audited with the username tried, never the password; `next` only ever leads to a path of this site.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit.service.js';
import { field, passwordError, serviceError, usernameError } from '../admin/forms.js';
import type { FieldError, FormState } from '../admin/views/fields.js';
import { endSession, isSecureRequest, startSession } from '../plugins/auth.js';
import { AppError, errors } from '../plugins/errors.js';
import { loadOrCreateSecret } from '../plugins/secret.js';
import type { UserRow } from '../users/users.repo.js';
import type { ClientAssets } from '../web/assets.js';
import { sendView, viewContext } from '../web/routes.js';
import { AccountPage, type AccountForm } from '../web/views/AccountPage.js';
import { signInUrl } from '../web/views/Layout.js';
import { LoginPage, SignInFailedPage } from '../web/views/LoginPage.js';
import { SetupPage } from '../web/views/SetupPage.js';
import { OidcError, OidcRelyingParty, type OidcChecks } from './oidc.js';
import { canMutate } from './permissions.js';

/** Holds the OpenID Connect checks (state, nonce, PKCE verifier) between the redirect out and the callback. */
const OIDC_COOKIE = 'ens_oidc';
const OIDC_COOKIE_PATH = '/auth/oidc';
const OIDC_PENDING_MS = 10 * 60_000;
const MAX_NEXT_LENGTH = 2000;
const MAX_DISPLAY_NAME = 100;
/** Limiter keys that are not valid usernames, so they never share a count with an account: setup-token guesses... */
const SETUP_LIMITER_KEY = '\u0000setup';
/** ...and failed OpenID Connect callbacks, which use up their address's attempts. */
const OIDC_LIMITER_KEY = '\u0000oidc';

const accountNotices = {
  profile: 'account.done.profile',
  password: 'account.done.password',
  revoked: 'account.done.revoked',
} as const;

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

function safeEqual(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

/** Authenticated encryption (AES-256-GCM) of a small value for a cookie: the browser can neither read nor forge it. */
function cookieSealer(secret: string) {
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'ensemble', 'oidc pending sign-in', 32));
  return {
    seal(value: unknown): string {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed: string): unknown {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
      } catch {
        return null;
      }
    },
  };
}

interface PendingOidc {
  checks: OidcChecks;
  next: string;
  expiresAt: number;
}

function isPendingOidc(value: unknown): value is PendingOidc {
  const v = value as PendingOidc | null;
  return (
    typeof v === 'object' && v !== null && typeof v.next === 'string' && typeof v.expiresAt === 'number' &&
    typeof v.checks?.state === 'string' && typeof v.checks?.nonce === 'string' && typeof v.checks?.codeVerifier === 'string'
  );
}

const cleanLength = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim().length;
const actorFor = (user: UserRow, request: FastifyRequest): Actor => ({ id: user.id, name: user.username, ip: request.ip });
const auditUsername = (username: string) => username.slice(0, 100);

export async function authWebRoutes(app: FastifyInstance, { assets }: { assets: ClientAssets }) {
  const { users, sessions, tokens, audit, signInLimiter, hub } = app.services;
  const { auth, publicUrl } = app.config;
  const secureCookies = publicUrl?.startsWith('https:') ?? false;
  const windowMinutes = Math.ceil(auth.attemptWindowMs / 60_000);
  const setupOpen = () => auth.mode === 'local' && users.count() === 0;

  /** A page with a form an anonymous visitor posts: it needs a CSRF token (and its cookie) of its own. */
  const formContext = (request: FastifyRequest, path: string) => ({ ...viewContext(request, assets), path, csrf: request.csrfToken() });

  const signIn = (request: FastifyRequest, reply: FastifyReply, user: UserRow, method: string, next: string) => {
    startSession(request, reply, sessions, user.id, secureCookies);
    audit.record(actorFor(user, request), 'auth.sign_in', { type: 'user', id: user.id }, { username: user.username, method });
    return reply.redirect(next, 303);
  };

  // ---- sign-in page, in the configured mode ----

  const loginPage = (request: FastifyRequest, reply: FastifyReply, next: string, form?: FormState, status = 200) => {
    const path = signInUrl(next);
    const ctx = auth.mode === 'local' ? formContext(request, path) : { ...viewContext(request, assets), path };
    return sendView(reply, <LoginPage ctx={ctx} mode={auth.mode} next={next} form={form} />, status);
  };

  app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.principal.kind === 'user') return reply.redirect(next, 303);
    // Nobody can sign in before the first account exists.
    if (setupOpen()) return reply.redirect('/setup', 303);
    return loginPage(request, reply, next);
  });

  if (auth.mode === 'local') {
    app.post('/login', async (request, reply) => {
      const { t } = request;
      const username = field(request.body, 'username').trim();
      const password = field(request.body, 'password');
      const next = safeNext(field(request.body, 'next'));
      const failed = (errors: FieldError[], status: number) => loginPage(request, reply, next, { values: { username }, errors }, status);

      const missing: FieldError[] = [];
      if (!username) missing.push({ field: 'username', message: t('login.usernameRequired') });
      if (!password) missing.push({ field: 'password', message: t('login.passwordRequired') });
      if (missing.length > 0) return failed(missing, 400);

      // Refusals by the limiter are not audited: they cost nothing to send, so they could fill the log; the
      // failures that tripped the limit are in it already.
      if (!signInLimiter.allow(username, request.ip)) {
        return failed([{ field: null, message: t('login.tooManyAttempts', { minutes: windowMinutes }) }], 429);
      }
      const user = await users.authenticate(username, password);
      if (!user) {
        signInLimiter.fail(username);
        const known = users.findByUsername(username);
        audit.record(request.actor, 'auth.sign_in_failed', known ? { type: 'user', id: known.id } : null, { username: auditUsername(username) });
        return failed([{ field: 'password', message: t('login.wrong') }], 400);
      }
      signInLimiter.succeed(username);
      return signIn(request, reply, user, 'password', next);
    });
  }

  app.post('/logout', async (request, reply) => {
    const principal = request.principal;
    const ended = endSession(request, reply, sessions);
    if (principal.kind === 'user' && ended) {
      audit.record(request.actor, 'auth.sign_out', { type: 'user', id: principal.account.id }, { username: principal.account.username });
      // The ended session's live sockets close now, not at the next periodic check.
      hub.revalidate(principal.account.id);
    }
    return reply.redirect('/', 303);
  });

  // ---- first-run setup ----

  /** Two people submitting setup at once must not both become the first admin. */
  let settingUp = false;

  const setupPage = (request: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) =>
    sendView(reply, <SetupPage ctx={formContext(request, '/setup')} needsToken={auth.setupToken !== null} form={form} />, status);

  app.get('/setup', async (request, reply) => {
    if (!setupOpen()) throw errors.routeNotFound();
    return setupPage(request, reply);
  });

  app.post('/setup', async (request, reply) => {
    if (!setupOpen() || settingUp) throw errors.routeNotFound();
    const { t } = request;
    const values = {
      username: field(request.body, 'username'),
      displayName: field(request.body, 'displayName'),
      password: field(request.body, 'password'),
      passwordConfirm: field(request.body, 'passwordConfirm'),
    };
    const shown = { username: values.username, displayName: values.displayName };
    const problems: FieldError[] = [];
    if (auth.setupToken !== null) {
      if (!signInLimiter.allow(SETUP_LIMITER_KEY, request.ip)) throw errors.tooManyAttempts();
      if (!safeEqual(field(request.body, 'setupToken'), auth.setupToken)) {
        signInLimiter.fail(SETUP_LIMITER_KEY);
        problems.push({ field: 'setupToken', message: t('setup.tokenWrong') });
      }
    }
    const checks = [
      usernameError(t, values.username),
      cleanLength(values.displayName) > MAX_DISPLAY_NAME ? { field: 'displayName', message: t('account.displayNameTooLong', { max: MAX_DISPLAY_NAME }) } : null,
      passwordError(t, values.password),
      values.password !== values.passwordConfirm ? { field: 'passwordConfirm', message: t('setup.passwordMismatch') } : null,
    ];
    problems.push(...checks.filter((e): e is FieldError => e !== null));
    if (problems.length > 0) return setupPage(request, reply, { values: shown, errors: problems }, 400);

    // The hash above took time: someone may have finished setting up meanwhile.
    if (!setupOpen() || settingUp) throw errors.routeNotFound();
    settingUp = true;
    let admin: UserRow;
    try {
      admin = await users.create(
        { username: values.username, displayName: values.displayName, role: 'admin', password: values.password },
        { id: null, name: 'first-run setup', ip: request.ip },
      );
    } catch (error) {
      const refusal = serviceError(t, error, shown);
      return setupPage(request, reply, { values: shown, errors: [refusal.error] }, refusal.status);
    } finally {
      settingUp = false;
    }
    audit.record(actorFor(admin, request), 'setup.first_admin', { type: 'user', id: admin.id }, { username: admin.username });
    return signIn(request, reply, admin, 'setup', '/admin');
  });

  // ---- OpenID Connect ----

  if (auth.mode === 'oidc' && auth.oidc) {
    const oidc = auth.oidc;
    const sealer = cookieSealer(auth.secret ?? loadOrCreateSecret(app.services.db, 'csrf_secret'));
    /** Discovered on first use and kept; a failed discovery is forgotten so the next sign-in tries again. */
    let relyingParty: Promise<OidcRelyingParty> | null = null;
    const discover = () => {
      if (relyingParty) return relyingParty;
      const attempt = OidcRelyingParty.discover(
        { issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret, scopes: oidc.scopes, redirectUri: `${publicUrl}/auth/oidc/callback` },
        { allowInsecureHttp: oidc.allowInsecureIssuer },
      );
      relyingParty = attempt;
      attempt.catch(() => {
        if (relyingParty === attempt) relyingParty = null;
      });
      return attempt;
    };

    const failedPage = (request: FastifyRequest, reply: FastifyReply, message: string, status: number, next = '/') =>
      sendView(reply, <SignInFailedPage ctx={viewContext(request, assets)} message={message} retryUrl={signInUrl(next)} />, status);

    /** The provider could not be reached or answered nonsense: say so, and keep serving everything else. */
    const unavailable = (request: FastifyRequest, reply: FastifyReply, error: unknown, next: string) => {
      request.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'OpenID Connect provider unavailable');
      return failedPage(request, reply, request.t('login.oidcUnavailable'), 503, next);
    };

    /**
     * Failed callbacks are audited within the per-address attempt budget: anyone can make one fail, and a log
     * that fills without bound is a way to bring the server down. Successful sign-ins are not counted, as a
     * whole department often shares one address.
     */
    const auditFailure = (request: FastifyRequest, username: string | null, reason: string) => {
      if (!signInLimiter.allow(OIDC_LIMITER_KEY, request.ip)) return;
      audit.record(request.actor, 'auth.sign_in_failed', null, { username: username && auditUsername(username), method: 'oidc', reason });
    };

    app.get<{ Querystring: { next?: string } }>('/auth/oidc/start', async (request, reply) => {
      const next = safeNext(request.query.next);
      let started: Awaited<ReturnType<OidcRelyingParty['begin']>>;
      try {
        started = await (await discover()).begin();
      } catch (error) {
        return unavailable(request, reply, error, next);
      }
      const pending: PendingOidc = { checks: started.checks, next, expiresAt: Date.now() + OIDC_PENDING_MS };
      reply.setCookie(OIDC_COOKIE, sealer.seal(pending), {
        path: OIDC_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: isSecureRequest(request, secureCookies),
        maxAge: OIDC_PENDING_MS / 1000,
      });
      return reply.redirect(started.url, 303);
    });

    app.get('/auth/oidc/callback', async (request, reply) => {
      const { t } = request;
      const sealed = request.cookies[OIDC_COOKIE];
      // One use only, whatever happens next.
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      const pending = sealed ? sealer.open(sealed) : null;
      if (!isPendingOidc(pending) || pending.expiresAt <= Date.now()) return failedPage(request, reply, t('login.oidcExpired'), 400);
      const next = safeNext(pending.next);

      let rp: OidcRelyingParty;
      try {
        rp = await discover();
      } catch (error) {
        return unavailable(request, reply, error, next);
      }
      let user: UserRow | null;
      let username: string | null = null;
      try {
        const identity = await rp.complete(new URL(request.url, 'http://callback.invalid'), pending.checks);
        username = identity.username;
        user = await users.provisionFromOidc(identity, request.ip);
      } catch (error) {
        if (!(error instanceof OidcError) && !(error instanceof AppError && error.statusCode < 500)) throw error;
        const reason = error instanceof OidcError ? (error.oauthError ?? error.code ?? 'failed') : 'provisioning';
        request.log.warn({ reason, message: error.message }, 'OpenID Connect sign-in failed');
        auditFailure(request, username, reason);
        return failedPage(request, reply, t('login.oidcFailed'), 400, next);
      }
      if (!user) {
        auditFailure(request, username, 'disabled');
        return failedPage(request, reply, t('login.accountDisabled'), 403, next);
      }
      return signIn(request, reply, user, 'oidc', next);
    });
  }

  // ---- /account ----

  /** The signed-in account for a change to it; refuses visitors and credentials that may not change things. */
  const changer = (request: FastifyRequest): UserRow => {
    const principal = request.principal;
    if (principal.kind === 'anonymous') throw errors.signInRequired();
    if (!canMutate(principal)) throw errors.forbidden();
    return users.get(principal.account.id);
  };
  const hasPassword = (user: UserRow) => auth.mode === 'local' && user.password_hash !== null;

  const accountPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRow,
    extra: { failed?: { form: AccountForm; state: FormState }; created?: { name: string; secret: string }; status?: number } = {},
  ) => {
    const done = request.method === 'GET' ? (request.query as { done?: unknown }).done : undefined;
    const notice = typeof done === 'string' && Object.hasOwn(accountNotices, done) ? request.t(accountNotices[done as keyof typeof accountNotices]) : undefined;
    const page = (
      <AccountPage
        ctx={{ ...viewContext(request, assets), path: '/account' }}
        user={user}
        tokens={tokens.listForUser(user.id)}
        password={hasPassword(user) ? 'change' : auth.mode === 'local' ? 'none' : 'elsewhere'}
        notice={notice}
        failed={extra.failed}
        created={extra.created}
      />
    );
    // The page with a new token's secret is never stored, by any cache.
    return sendView(reply, page, extra.status ?? 200, extra.created ? 'no-store' : undefined);
  };

  app.get('/account', async (request, reply) => {
    const principal = request.principal;
    if (principal.kind === 'anonymous') return reply.redirect(signInUrl('/account'), 302);
    return accountPage(request, reply, users.get(principal.account.id));
  });

  app.post('/account/profile', async (request, reply) => {
    const user = changer(request);
    const displayName = field(request.body, 'displayName');
    if (cleanLength(displayName) > MAX_DISPLAY_NAME) {
      const error = { field: 'displayName', message: request.t('account.displayNameTooLong', { max: MAX_DISPLAY_NAME }) };
      return accountPage(request, reply, user, { failed: { form: 'profile', state: { values: { displayName }, errors: [error] } }, status: 400 });
    }
    users.setProfile(user.id, { displayName }, request.actor);
    return reply.redirect('/account?done=profile', 303);
  });

  app.post('/account/password', async (request, reply) => {
    const user = changer(request);
    if (!hasPassword(user)) throw errors.forbidden();
    const { t } = request;
    const current = field(request.body, 'current');
    const password = field(request.body, 'password');
    const confirm = field(request.body, 'confirm');
    const failed = (errors: FieldError[], status: number) =>
      accountPage(request, reply, user, { failed: { form: 'password', state: { values: {}, errors } }, status });

    const problems = [
      current ? null : { field: 'current', message: t('account.currentPasswordWrong') },
      passwordError(t, password),
      password !== confirm ? { field: 'confirm', message: t('setup.passwordMismatch') } : null,
    ].filter((e): e is FieldError => e !== null);
    if (problems.length > 0) return failed(problems, 400);
    // A stolen session must not become a way to guess the password: the sign-in limits apply here too.
    if (!signInLimiter.allow(user.username, request.ip)) return failed([{ field: null, message: t('login.tooManyAttempts', { minutes: windowMinutes }) }], 429);
    if (!(await users.authenticate(user.username, current))) {
      signInLimiter.fail(user.username);
      return failed([{ field: 'current', message: t('account.currentPasswordWrong') }], 400);
    }
    signInLimiter.succeed(user.username);
    await users.setPassword(user.id, password, request.actor);
    // Whoever else holds a session of this account (the reason to change a password, often) is signed out;
    // this browser carries on in a new session.
    sessions.destroyForUser(user.id);
    startSession(request, reply, sessions, user.id, secureCookies);
    hub.revalidate(user.id);
    return reply.redirect('/account?done=password', 303);
  });

  app.post('/account/tokens', async (request, reply) => {
    const user = changer(request);
    const { t } = request;
    const values = { name: field(request.body, 'name'), scope: field(request.body, 'scope') };
    const problems: FieldError[] = [];
    const nameLength = values.name.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().length;
    if (nameLength < 1 || nameLength > 80) problems.push({ field: 'name', message: t('account.tokenNameInvalid') });
    if (values.scope !== 'read' && values.scope !== 'write') problems.push({ field: 'scope', message: t('account.tokenScopeInvalid') });
    if (problems.length > 0) return accountPage(request, reply, user, { failed: { form: 'token', state: { values, errors: problems } }, status: 400 });
    const { token, secret } = tokens.create(user.id, { name: values.name, scope: values.scope as 'read' | 'write' }, request.actor);
    return accountPage(request, reply, user, { created: { name: token.name, secret } });
  });

  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', async (request, reply) => {
    const user = changer(request);
    const token = tokens.find(request.params.id);
    // Someone else's token is as good as no token: its existence is not confirmed.
    if (!token || token.user_id !== user.id) throw errors.notFound('token');
    tokens.revoke(token.id, request.actor);
    return reply.redirect('/account?done=revoked', 303);
  });
}
