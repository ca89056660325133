// /account: the signed-in person's display name, password and API tokens. Every change needs a credential that
// may change things (a read-only token may not); a token is shown, once, and revoked only by its owner; a new
// password signs out every other session of the account.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError, FormState } from '../admin/views/fields.js';
import { startSession } from '../plugins/auth.js';
import { errors } from '../plugins/errors.js';
import type { UserRow } from '../users/users.repo.js';
import type { ClientAssets } from '../web/assets.js';
import { displayNameError, field, passwordError } from '../web/forms.js';
import { sendView, viewContext } from '../web/routes.js';
import { AccountPage, type AccountForm } from '../web/views/AccountPage.js';
import { signInUrl } from '../web/views/Layout.js';
import { canMutate } from './permissions.js';
import { secureCookies, tooManyAttemptsError } from './signIn.js';

const accountNotices = {
  profile: 'account.done.profile',
  password: 'account.done.password',
  revoked: 'account.done.revoked',
} as const;

export async function accountRoutes(app: FastifyInstance, { assets }: { assets: ClientAssets }) {
  const { users, sessions, tokens, signInLimiter, hub } = app.services;
  const { auth } = app.config;

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
    const error = displayNameError(request.t, displayName);
    if (error) return accountPage(request, reply, user, { failed: { form: 'profile', state: { values: { displayName }, errors: [error] } }, status: 400 });
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
    if (!signInLimiter.allow(user.username, request.ip)) return failed([tooManyAttemptsError(t, auth.attemptWindowMs)], 429);
    if (!(await users.authenticate(user.username, current))) {
      signInLimiter.fail(user.username);
      return failed([{ field: 'current', message: t('account.currentPasswordWrong') }], 400);
    }
    signInLimiter.succeed(user.username);
    await users.setPassword(user.id, password, request.actor);
    // Whoever else holds a session of this account (the reason to change a password, often) is signed out;
    // this browser carries on in a new session.
    sessions.destroyForUser(user.id);
    startSession(request, reply, sessions, user.id, secureCookies(app));
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
