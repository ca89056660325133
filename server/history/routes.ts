// REST routes for page history under /api/v1/pages/:id/…. Whoever may read a page may read its history;
// naming and restoring need write access. Each handler resolves the page, authorizes, calls the service, presents.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireSignedIn } from '../auth/guards.js';
import type { Principal } from '../auth/permissions.js';
import { assertCanRead, assertCanWrite } from '../pages/pageAccess.js';
import type { PageRow } from '../pages/pages.repo.js';
import type { PagesService } from '../pages/pages.service.js';
import { errors } from '../plugins/errors.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import type { HistoryService } from './history.service.js';
import { presentDiff, presentRevision, presentRevisionDetail } from './presenter.js';
import {
  Attribution,
  DiffQuery,
  errorResponses,
  ListRevisionsQuery,
  NameBody,
  NamedVersionList,
  PageRefParams,
  RestoreBody,
  RevisionDetail,
  RevisionDiff,
  RevisionList,
  RevisionParams,
  RevisionSummary,
  defaultListLimit,
} from './schema.js';
import type { Actor } from './types.js';

export interface HistoryRouteDeps {
  history: HistoryService;
  pages: PagesService;
  spaces: SpacesService;
}

const revisionNotFound = () => errors.notFound('revision');

function actorOf(principal: Principal): Actor {
  if (principal.kind !== 'user') throw errors.signInRequired();
  return { userId: principal.account.id, displayName: principal.account.displayName };
}

/** A restore takes no input: an empty body counts as {}, so the schema can still refuse unknown fields. */
async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

const revisionUrl = (pageId: string, number: number) => `/api/v1/pages/${pageId}/revisions/${number}`;

export const historyRoutes: FastifyPluginAsyncTypebox<HistoryRouteDeps> = async (app, { history, pages, spaces }) => {
  const readable = (request: FastifyRequest, idOrSlug: string): PageRow => {
    const page = pages.get(idOrSlug);
    assertCanRead(spaces, request.principal, page);
    return page;
  };
  const writable = (request: FastifyRequest, idOrSlug: string): PageRow => {
    const page = pages.get(idOrSlug);
    assertCanWrite(spaces, request.principal, page);
    return page;
  };

  app.get(
    '/pages/:id/revisions',
    {
      schema: {
        tags: ['history'],
        summary: 'List the revisions of a page, newest first',
        description: 'Paginated: pass nextCursor as `before` for older revisions.',
        params: PageRefParams,
        querystring: ListRevisionsQuery,
        response: { 200: RevisionList, ...errorResponses },
      },
    },
    async (request) => {
      const page = readable(request, request.params.id);
      const { before, limit = defaultListLimit } = request.query;
      const result = history.list(page.id, { ...(before !== undefined ? { before } : {}), limit });
      return { items: result.items.map(presentRevision), total: result.total, nextCursor: result.nextCursor };
    },
  );

  app.get(
    '/pages/:id/revisions/named',
    {
      schema: {
        tags: ['history'],
        summary: 'List the named versions of a page, newest first',
        params: PageRefParams,
        response: { 200: NamedVersionList, ...errorResponses },
      },
    },
    async (request) => {
      const page = readable(request, request.params.id);
      return { items: history.namedVersions(page.id).map(presentRevision) };
    },
  );

  app.get(
    '/pages/:id/revisions/diff',
    {
      schema: {
        tags: ['history'],
        summary: 'Compare two revisions of a page word by word',
        params: PageRefParams,
        querystring: DiffQuery,
        response: { 200: RevisionDiff, ...errorResponses },
      },
    },
    async (request) => {
      const page = readable(request, request.params.id);
      const diff = await history.diff(page.id, request.query.from, request.query.to);
      if (!diff) throw revisionNotFound();
      return presentDiff(diff);
    },
  );

  app.get(
    '/pages/:id/revisions/:number',
    {
      schema: {
        tags: ['history'],
        summary: 'Get one revision of a page, with its title, HTML and text',
        params: RevisionParams,
        response: { 200: RevisionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const page = readable(request, request.params.id);
      const revision = await history.get(page.id, request.params.number);
      if (!revision) throw revisionNotFound();
      return presentRevisionDetail(revision);
    },
  );

  app.post(
    '/pages/:id/revisions',
    {
      preValidation: requireSignedIn,
      schema: {
        tags: ['history'],
        summary: 'Save a named version of the page as it is now',
        description: 'Needs write access to the page. If nothing changed since the last revision and it has no name, that revision gets the name.',
        params: PageRefParams,
        body: NameBody,
        response: { 201: RevisionSummary, ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = writable(request, request.params.id);
      const revision = history.saveVersion(page.id, request.body, actorOf(request.principal));
      return reply.status(201).header('location', revisionUrl(page.id, revision.number)).send(presentRevision(revision));
    },
  );

  app.patch(
    '/pages/:id/revisions/:number',
    {
      preValidation: requireSignedIn,
      schema: {
        tags: ['history'],
        summary: 'Name (or rename) an existing revision',
        description: 'Needs write access to the page.',
        params: RevisionParams,
        body: NameBody,
        response: { 200: RevisionSummary, ...errorResponses },
      },
    },
    async (request) => {
      const page = writable(request, request.params.id);
      const revision = history.nameRevision(page.id, request.params.number, request.body, actorOf(request.principal));
      if (!revision) throw revisionNotFound();
      return presentRevision(revision);
    },
  );

  app.post(
    '/pages/:id/revisions/:number/restore',
    {
      preValidation: [requireSignedIn, emptyBodyAsObject],
      schema: {
        tags: ['history'],
        summary: 'Restore a revision as a new revision of the page',
        description:
          'Needs write access to the page. The restore is a forward edit: people editing the page see it at once. ' +
          'Answers with the new revision (trigger "restored").',
        params: RevisionParams,
        body: RestoreBody,
        response: { 201: RevisionSummary, ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = writable(request, request.params.id);
      const revision = await history.restore(page.id, request.params.number, actorOf(request.principal));
      if (!revision) throw revisionNotFound();
      return reply.status(201).header('location', revisionUrl(page.id, revision.number)).send(presentRevision(revision));
    },
  );

  app.get(
    '/pages/:id/authors',
    {
      schema: {
        tags: ['history'],
        summary: 'Who wrote each part of the page’s current text',
        params: PageRefParams,
        response: { 200: Attribution, ...errorResponses },
      },
    },
    async (request) => {
      const page = readable(request, request.params.id);
      return history.attribution(page.id);
    },
  );
};
