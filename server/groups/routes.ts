// REST routes for groups under /api/v1/groups, all for admins (reads also with an admin's read-only token).
// Membership changes take effect on open live connections at once (through the service).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireAdmin } from '../auth/guards.js';
import type { GroupRow } from './groups.repo.js';
import { CreateGroupBody, errorResponses, Group, GroupList, GroupParams, MemberList, MemberParams, UpdateGroupBody } from './schema.js';

function presentGroup(row: GroupRow, memberCount: number): Group {
  return { id: row.id, name: row.name, description: row.description, memberCount, createdAt: new Date(row.created_at).toISOString() };
}

const noContent = { 204: { type: 'null' } } as const;

export const groupsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { groups } = app.services;
  app.addHook('preValidation', requireAdmin);
  const present = (id: string) => presentGroup(groups.get(id), groups.members(id).length);

  app.get('/groups', { schema: { tags: ['groups'], summary: 'List groups (admins)', response: { 200: GroupList, ...errorResponses } } }, async () => ({
    items: groups.list().map((row) => presentGroup(row, row.memberCount)),
  }));

  app.post(
    '/groups',
    { schema: { tags: ['groups'], summary: 'Create a group (admins)', body: CreateGroupBody, response: { 201: Group, ...errorResponses } } },
    async (request, reply) => {
      const row = groups.create(request.body, request.actor);
      return reply.status(201).header('location', `/api/v1/groups/${row.id}`).send(presentGroup(row, 0));
    },
  );

  app.get(
    '/groups/:id',
    { schema: { tags: ['groups'], summary: 'Get a group (admins)', params: GroupParams, response: { 200: Group, ...errorResponses } } },
    async (request) => present(request.params.id),
  );

  app.patch(
    '/groups/:id',
    {
      schema: { tags: ['groups'], summary: 'Rename a group or change its description (admins)', params: GroupParams, body: UpdateGroupBody, response: { 200: Group, ...errorResponses } },
    },
    async (request) => {
      groups.update(request.params.id, request.body, request.actor);
      return present(request.params.id);
    },
  );

  app.delete(
    '/groups/:id',
    {
      schema: {
        tags: ['groups'],
        summary: 'Delete a group (admins)',
        description: 'Its members lose the access its grants gave them, on open live connections too.',
        params: GroupParams,
        response: { ...noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      groups.delete(request.params.id, request.actor);
      return reply.status(204).send();
    },
  );

  app.get(
    '/groups/:id/members',
    { schema: { tags: ['groups'], summary: 'List the members of a group (admins)', params: GroupParams, response: { 200: MemberList, ...errorResponses } } },
    async (request) => ({
      items: groups.members(request.params.id).map((m) => ({ id: m.id, username: m.username, displayName: m.display_name })),
    }),
  );

  app.put(
    '/groups/:id/members/:userId',
    {
      schema: { tags: ['groups'], summary: 'Add an account to a group (admins; idempotent)', params: MemberParams, response: { ...noContent, ...errorResponses } },
    },
    async (request, reply) => {
      groups.addMember(request.params.id, request.params.userId, request.actor);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/groups/:id/members/:userId',
    {
      schema: { tags: ['groups'], summary: 'Remove an account from a group (admins; idempotent)', params: MemberParams, response: { ...noContent, ...errorResponses } },
    },
    async (request, reply) => {
      groups.removeMember(request.params.id, request.params.userId, request.actor);
      return reply.status(204).send();
    },
  );
};
