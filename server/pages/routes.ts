// REST routes for pages under /api/v1. Each handler validates (schema), calls the service, presents.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../plugins/errors.js';
import type { PagesService } from './pages.service.js';
import { decodeCursor, encodeCursor, presentPage, presentSummary } from './presenter.js';
import { CreatePageBody, CreatedPage, ErrorSchema, ListPagesQuery, Page, PageList, PageParams } from './schema.js';

const errorResponses = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 415: ErrorSchema };

export const pagesRoutes: FastifyPluginAsyncTypebox<{ pages: PagesService }> = async (app, { pages }) => {
  app.post(
    '/pages',
    {
      schema: {
        tags: ['pages'],
        summary: 'Create a page',
        body: CreatePageBody,
        response: { 201: CreatedPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = presentPage(await pages.create(request.body));
      return reply.status(201).header('location', `/api/v1/pages/${page.id}`).send({
        id: page.id,
        slug: page.slug,
        title: page.title,
        url: page.url,
      });
    },
  );

  app.get(
    '/pages/:idOrSlug',
    {
      schema: {
        tags: ['pages'],
        summary: 'Get a page by id or slug',
        params: PageParams,
        response: { 200: Page, ...errorResponses },
      },
    },
    async (request) => presentPage(pages.get(request.params.idOrSlug)),
  );

  app.get(
    '/pages',
    {
      schema: {
        tags: ['pages'],
        summary: 'List pages, most recently changed first',
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
      const { rows, more, total } = pages.listRecent(limit, after);
      return {
        items: rows.map(presentSummary),
        total,
        nextCursor: more ? encodeCursor(rows[rows.length - 1]) : null,
      };
    },
  );
};
