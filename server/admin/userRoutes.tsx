// /admin/users: list and create accounts; per account: role, disable / enable, password, API tokens.
// The users service audits each change and closes or downgrades the account's live sockets.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import type { UserRow } from '../users/users.repo.js';
import { field, passwordError } from '../web/forms.js';
import { handleForm, newUserErrors, roleError } from './forms.js';
import type { AdminKit } from './routes.js';
import type { FormState } from './views/fields.js';
import { UserPage, type UserForm } from './views/UserPage.js';
import { UsersPage } from './views/UsersPage.js';

type WithId = { Params: { id: string } };

export function userRoutes(app: FastifyInstance, kit: AdminKit) {
  const { users, groups, tokens } = app.services;

  const listPage = (request: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) =>
    kit.render(reply, <UsersPage ctx={kit.context(request, '/admin/users')} users={users.list()} form={form} />, status);

  const userPage = (request: FastifyRequest, reply: FastifyReply, user: UserRow, failed?: { form: UserForm; state: FormState }, status = 200) => {
    const memberOf = new Set(users.groupIds(user.id));
    return kit.render(
      reply,
      <UserPage
        ctx={kit.context(request, `/admin/users/${user.id}`)}
        user={user}
        groups={groups.list().filter((g) => memberOf.has(g.id))}
        tokens={tokens.listForUser(user.id)}
        proxySignIn={app.config.auth.mode === 'header'}
        failed={failed}
      />,
      status,
    );
  };

  app.get('/admin/users', async (request, reply) => listPage(request, reply));

  app.post('/admin/users', async (request, reply) => {
    const values = {
      username: field(request.body, 'username'),
      displayName: field(request.body, 'displayName'),
      role: field(request.body, 'role'),
      password: field(request.body, 'password'),
    };
    const outcome = await handleForm(request.t, values, newUserErrors(request.t, values), () =>
      users.create({ username: values.username, displayName: values.displayName, role: values.role as Role, password: values.password }, request.actor),
    );
    if (outcome.ok) return kit.done(reply, `/admin/users/${outcome.result.id}`, 'user-created');
    return listPage(request, reply, outcome.state, outcome.status);
  });

  app.get<WithId>('/admin/users/:id', async (request, reply) => userPage(request, reply, users.get(request.params.id)));

  app.post<WithId>('/admin/users/:id/role', async (request, reply) => {
    const user = users.get(request.params.id);
    const values = { role: field(request.body, 'role') };
    const problem = roleError(request.t, values.role);
    const outcome = await handleForm(request.t, values, problem ? [problem] : [], () => users.setRole(user.id, values.role as Role, request.actor));
    if (outcome.ok) return kit.done(reply, `/admin/users/${user.id}`, 'role-changed');
    return userPage(request, reply, user, { form: 'role', state: outcome.state }, outcome.status);
  });

  for (const disabled of [true, false]) {
    app.post<WithId>(`/admin/users/:id/${disabled ? 'disable' : 'enable'}`, async (request, reply) => {
      const user = users.get(request.params.id);
      const outcome = await handleForm(request.t, {}, [], () => users.setDisabled(user.id, disabled, request.actor));
      if (outcome.ok) return kit.done(reply, `/admin/users/${user.id}`, disabled ? 'user-disabled' : 'user-enabled');
      return userPage(request, reply, user, { form: 'access', state: outcome.state }, outcome.status);
    });
  }

  app.post<WithId>('/admin/users/:id/password', async (request, reply) => {
    const user = users.get(request.params.id);
    const values = { password: field(request.body, 'password') };
    const problem = passwordError(request.t, values.password);
    const outcome = await handleForm(request.t, values, problem ? [problem] : [], () => users.setPassword(user.id, values.password, request.actor));
    if (outcome.ok) return kit.done(reply, `/admin/users/${user.id}`, 'password-reset');
    return userPage(request, reply, user, { form: 'password', state: { ...outcome.state, values: {} } }, outcome.status);
  });

  app.post<{ Params: { id: string; tokenId: string } }>('/admin/users/:id/tokens/:tokenId/revoke', async (request, reply) => {
    const user = users.get(request.params.id);
    // The token must belong to the account in the address: ids nested in a request are authorized too.
    const token = tokens.find(request.params.tokenId);
    if (!token || token.user_id !== user.id) throw errors.notFound('token');
    tokens.revoke(token.id, request.actor);
    return kit.done(reply, `/admin/users/${user.id}`, 'token-revoked');
  });
}
