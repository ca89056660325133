// REST routes for pages under /api/v1. Each handler validates (schema), authorizes, calls the service, presents.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canAdminister } from '../auth/permissions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CollabHub } from '../collab/collabHub.js';
import { errors } from '../plugins/errors.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import { assertCanRead, assertCanWrite, spaceForNewPage } from './pageAccess.js';
import type { PageMover } from './pageMover.js';
import { deletePage } from './pageDeleter.js';
import type { PagesService } from './pages.service.js';
import { readCheck } from './templates.js';
import { decodeCursor, encodeCursor, pageUrl, presentPage, presentSummary } from './presenter.js';
import { CreatePageBody, CreatedPage, ErrorSchema, ListPagesQuery, MovedPage, MovePageBody, Page, PageIdParams, PageList, PageParams, RedirectList, TemplateList, TemplatesQuery } from './schema.js';

const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 415: ErrorSchema };

export interface PagesRouteDeps {
  pages: PagesService;
  spaces: SpacesService;
  hub: CollabHub;
  audit: AuditService;
  mover: PageMover;
}

export const pagesRoutes: FastifyPluginAsyncTypebox<PagesRouteDeps> = async (app, { pages, spaces, hub, audit, mover }) => {
  app.post(
    '/pages',
    {
      schema: {
        tags: ['pages'],
        summary: 'Create a page',
        description: 'Needs write access to the space (an editor, or a write-scoped token).',
        body: CreatePageBody,
        response: { 201: CreatedPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const spaceId = spaceForNewPage(spaces, request.principal, request.body.space);
      const userId = request.principal.kind === 'user' ? request.principal.account.id : null;
      const canRead = readCheck(spaces, request.principal);
      const page = presentPage(await pages.create(request.body, { spaceId, userId, canRead }), spaces);
      return reply.status(201).header('location', `/api/v1/pages/${page.id}`).send({
        id: page.id,
        slug: page.slug,
        title: page.title,
        url: page.url,
      });
    },
  );

  app.get(
    '/templates',
    {
      schema: {
        tags: ['pages'],
        summary: 'List the templates you may start a page from',
        description: 'The built-in templates, and the pages of the Templates space that you may read.',
        querystring: TemplatesQuery,
        response: { 200: TemplateList, ...errorResponses },
      },
    },
    async (request) => ({
      items: pages.templates.list(request.query.lang ?? request.locale, readCheck(spaces, request.principal)),
    }),
  );

  app.get(
    '/pages/:idOrSlug',
    {
      schema: {
        tags: ['pages'],
        summary: 'Get a page by id or slug',
        description: 'An old address of a renamed page answers for the page, as its id would (no redirect): the answer carries the current slug and url.',
        params: PageParams,
        response: { 200: Page, ...errorResponses },
      },
    },
    async (request) => {
      const page = pages.get(request.params.idOrSlug);
      assertCanRead(spaces, request.principal, page);
      return presentPage(page, spaces);
    },
  );

  app.post(
    '/pages/:id/move',
    {
      schema: {
        tags: ['pages'],
        summary: 'Rename a page: its title, its address, or both',
        description:
          'Needs write access to the page. The old address keeps leading to the page (a 301 on /wiki/, the page itself on the API), ' +
          'and so does every earlier one. 409 WIKI_SLUG_TAKEN when another page has the address; 409 WIKI_SLUG_REDIRECTS when it is ' +
          'an old address of another page, unless reuseRedirect is true. The title changes in the live document too.',
        params: PageIdParams,
        body: MovePageBody,
        response: { 200: MovedPage, ...errorResponses },
      },
    },
    async (request) => {
      // Visitors are asked to sign in before the page is looked up, so the answer says nothing about which pages exist.
      if (request.principal.kind === 'anonymous') throw errors.signInRequired();
      const page = pages.get(request.params.id);
      assertCanWrite(spaces, request.principal, page);
      const { page: moved, redirects } = await mover.move(page, request.body, request.actor, readCheck(spaces, request.principal));
      return { id: moved.id, slug: moved.slug, title: moved.title, url: pageUrl(moved.slug), redirects: redirects.map((r) => r.slug) };
    },
  );

  app.get(
    '/pages/:id/redirects',
    {
      schema: {
        tags: ['pages'],
        summary: 'List the old addresses of a page, newest first',
        description: 'Whoever may read the page may read them.',
        params: PageIdParams,
        response: { 200: RedirectList, ...errorResponses },
      },
    },
    async (request) => {
      const page = pages.get(request.params.id);
      assertCanRead(spaces, request.principal, page);
      return {
        items: pages.redirectsOf(page.id).map((r) => ({ slug: r.slug, url: pageUrl(r.slug), createdAt: new Date(r.created_at).toISOString() })),
      };
    },
  );

  app.delete(
    '/pages/:id',
    {
      schema: {
        tags: ['pages'],
        summary: 'Delete a page and its history (admins only)',
        params: PageIdParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (request.principal.kind === 'anonymous') throw errors.signInRequired();
      const page = pages.findById(request.params.id);
      if (!page) throw errors.pageNotFound();
      assertCanRead(spaces, request.principal, page);
      if (!canAdminister(request.principal, true)) throw errors.forbidden();
      deletePage({ pages, hub, audit }, page, request.actor);
      return reply.status(204).send();
    },
  );

  app.get(
    '/pages',
    {
      schema: {
        tags: ['pages'],
        summary: 'List the pages you may read, most recently changed first',
        querystring: ListPagesQuery,
        response: { 200: PageList, ...errorResponses },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      let after: { updatedAt: number; id: string } | undefined;
      if (request.query.cursor !== undefined) {
        const decoded = decodeCursor(request.query.cursor);
        if (!decoded) throw errors.badRequest('The cursor is not one this server issued.');
        after = decoded;
      }
      let spaceIds = spaces.readableIds(request.principal);
      if (request.query.space !== undefined) {
        const space = spaces.find(request.query.space);
        if (!space || !spaceIds.has(space.id)) throw errors.notFound('space');
        spaceIds = new Set([space.id]);
      }
      const { rows, more, total } = pages.listRecent(spaceIds, limit, after);
      return {
        items: rows.map((row) => presentSummary(row, spaces)),
        total,
        nextCursor: more ? encodeCursor(rows[rows.length - 1]) : null,
      };
    },
  );
};
