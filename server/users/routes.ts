// REST routes for accounts under /api/v1/users: admins manage everyone; anyone signed in may read their own
// account and change their display name.
import { callerId, requireAdmin, requireSignedIn } from '../auth/guards.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canAdminister, canMutate } from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import { presentUser } from './presenter.js';
import { CreateUserBody, errorResponses, UpdateUserBody, User, UserList, UserParams } from './schema.js';

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { users, db } = app.services;

  app.get(
    '/users',
    {
      preValidation: requireAdmin,
      schema: { tags: ['users'], summary: 'List accounts (admins)', response: { 200: UserList, ...errorResponses } },
    },
    async () => ({ items: users.list().map(presentUser) }),
  );

  app.post(
    '/users',
    {
      preValidation: requireAdmin,
      schema: {
        tags: ['users'],
        summary: 'Create an account (admins)',
        body: CreateUserBody,
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await users.create(request.body, request.actor);
      return reply.status(201).header('location', `/api/v1/users/${row.id}`).send(presentUser(row));
    },
  );

  app.get(
    '/users/:id',
    {
      preValidation: requireSignedIn,
      schema: {
        tags: ['users'],
        summary: 'Get an account (admins, or the account itself)',
        params: UserParams,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      // Others' ids answer 403 whether or not they exist, so the route cannot be used to probe for accounts.
      if (id !== callerId(request.principal) && !canAdminister(request.principal, false)) throw errors.forbidden();
      return presentUser(users.get(id));
    },
  );

  app.patch(
    '/users/:id',
    {
      preValidation: requireSignedIn,
      schema: {
        tags: ['users'],
        summary: 'Change an account',
        description: 'Admins may change role, disabled and displayName (the last active admin cannot be demoted or disabled: 409). Anyone else may change only their own displayName.',
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { role, disabled, displayName } = request.body;
      const principal = request.principal;
      if (!canAdminister(principal, true)) {
        const ownProfileOnly = id === callerId(principal) && role === undefined && disabled === undefined;
        if (!ownProfileOnly || !canMutate(principal)) throw errors.forbidden();
      }
      users.get(id);
      // All or nothing: a refused demotion must not leave a half-applied change behind.
      const row = db.transaction(() => {
        if (role !== undefined) users.setRole(id, role, request.actor);
        if (disabled !== undefined) users.setDisabled(id, disabled, request.actor);
        if (displayName !== undefined) users.setProfile(id, { displayName }, request.actor);
        return users.get(id);
      })();
      return presentUser(row);
    },
  );
};
