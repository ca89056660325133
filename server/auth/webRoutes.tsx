// Signing in and out as a person, in the browser: the sign-in page in the configured mode (local password,
// OpenID Connect, trusted proxy header), the local password form, sign-out, and first-run setup. Every form
// carries the CSRF token (checked by the auth plugin before any handler runs); every sign-in attempt is audited
// with the username tried, never the password; `next` only ever leads to a path of this site (safeNext).
// The OpenID Connect round trip is in oidcRoutes.tsx, the account page in accountRoutes.tsx.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError, FormState } from '../admin/views/fields.js';
import { endSession } from '../plugins/auth.js';
import { errors } from '../plugins/errors.js';
import type { UserRow } from '../users/users.repo.js';
import type { ClientAssets } from '../web/assets.js';
import { displayNameError, field, passwordError, serviceError, usernameError } from '../web/forms.js';
import { sendView, viewContext } from '../web/routes.js';
import { signInUrl } from '../web/views/Layout.js';
import { LoginPage } from '../web/views/LoginPage.js';
import { SetupPage } from '../web/views/SetupPage.js';
import { actorFor, auditUsername, completeSignIn, safeNext, tooManyAttemptsError } from './signIn.js';

/** A limiter key that is not a valid username, so setup-token guesses never share a count with an account. */
const SETUP_LIMITER_KEY = '\u0000setup';

function safeEqual(a: string, b: string): boolean {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

export async function authWebRoutes(app: FastifyInstance, { assets }: { assets: ClientAssets }) {
  const { users, sessions, audit, signInLimiter, hub } = app.services;
  const { auth } = app.config;
  const setupOpen = () => auth.mode === 'local' && users.count() === 0;

  /** A page with a form an anonymous visitor posts: it needs a CSRF token (and its cookie) of its own. */
  const formContext = (request: FastifyRequest, path: string) => ({ ...viewContext(request, assets), path, csrf: request.csrfToken() });

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
      if (!signInLimiter.allow(username, request.ip)) return failed([tooManyAttemptsError(t, auth.attemptWindowMs)], 429);
      const user = await users.authenticate(username, password);
      if (!user) {
        signInLimiter.fail(username);
        const known = users.findByUsername(username);
        audit.record(request.actor, 'auth.sign_in_failed', known ? { type: 'user', id: known.id } : null, { username: auditUsername(username) });
        return failed([{ field: 'password', message: t('login.wrong') }], 400);
      }
      signInLimiter.succeed(username);
      return completeSignIn(app, request, reply, user, 'password', next);
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
      displayNameError(t, values.displayName),
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
    return completeSignIn(app, request, reply, admin, 'setup', '/admin');
  });
}
