// REST routes for spaces under /api/v1/spaces. Anyone sees the spaces they may read (others do not exist
// for them: 404); admins create and change spaces. Group ids nested in grants are checked to exist.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canAdminister, type Principal } from '../auth/permissions.js';
import type { GroupsService } from '../groups/groups.service.js';
import { AppError, errors } from '../plugins/errors.js';
import { requireAdmin } from '../auth/guards.js';
import { CreateSpaceBody, errorResponses, Space, SpaceIdParams, SpaceList, SpaceParams, UpdateSpaceBody } from './schema.js';
import type { Space as SpaceModel, SpacesService } from './spaces.service.js';

function presentSpace(space: SpaceModel, principal: Principal, spaces: SpacesService, groups: GroupsService): Space {
  const access = spaces.access(principal, space.id);
  return {
    id: space.id,
    slug: space.slug,
    name: space.name,
    description: space.description,
    classification: space.classification,
    access: space.access,
    yourAccess: access === 'write' ? 'write' : 'read',
    ...(canAdminister(principal, false)
      ? { grants: space.grants.map((g) => ({ groupId: g.groupId, groupName: groups.find(g.groupId)?.name ?? g.groupId, role: g.role })) }
      : {}),
    createdAt: new Date(space.created_at).toISOString(),
    updatedAt: new Date(space.updated_at).toISOString(),
  };
}

/** A group id inside a body names something the request does not address: unknown is a bad request, not a 404. */
function assertGroupsExist(groups: GroupsService, grants: { groupId: string }[] | undefined): void {
  for (const grant of grants ?? []) {
    if (!groups.find(grant.groupId)) throw new AppError(400, 'WIKI_UNKNOWN_GROUP', `There is no group with the id "${grant.groupId}".`);
  }
}

export const spacesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { spaces, groups } = app.services;
  const present = (space: SpaceModel, principal: Principal) => presentSpace(space, principal, spaces, groups);

  app.get(
    '/spaces',
    { schema: { tags: ['spaces'], summary: 'List the spaces you may read', response: { 200: SpaceList, ...errorResponses } } },
    async (request) => {
      const readable = spaces.readableIds(request.principal);
      return { items: spaces.list().filter((s) => readable.has(s.id)).map((s) => present(s, request.principal)) };
    },
  );

  app.get(
    '/spaces/:idOrSlug',
    {
      schema: {
        tags: ['spaces'],
        summary: 'Get a space by id or address',
        description: 'A space you may not read answers 404, as if it did not exist.',
        params: SpaceParams,
        response: { 200: Space, ...errorResponses },
      },
    },
    async (request) => {
      const space = spaces.find(request.params.idOrSlug);
      if (!space || spaces.access(request.principal, space.id) === 'none') throw errors.notFound('space');
      return present(space, request.principal);
    },
  );

  app.post(
    '/spaces',
    {
      preValidation: requireAdmin,
      schema: { tags: ['spaces'], summary: 'Create a space (admins)', body: CreateSpaceBody, response: { 201: Space, ...errorResponses } },
    },
    async (request, reply) => {
      assertGroupsExist(groups, request.body.grants);
      const space = spaces.create(request.body, request.actor);
      return reply.status(201).header('location', `/api/v1/spaces/${space.id}`).send(present(space, request.principal));
    },
  );

  app.patch(
    '/spaces/:id',
    {
      preValidation: requireAdmin,
      schema: {
        tags: ['spaces'],
        summary: 'Change a space (admins)',
        description: 'Access changes take effect on open live connections at once.',
        params: SpaceIdParams,
        body: UpdateSpaceBody,
        response: { 200: Space, ...errorResponses },
      },
    },
    async (request) => {
      if (spaces.find(request.params.id)?.id !== request.params.id) throw errors.notFound('space');
      assertGroupsExist(groups, request.body.grants);
      return present(spaces.update(request.params.id, request.body, request.actor), request.principal);
    },
  );
};
