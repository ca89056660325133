// REST routes for links under /api/v1: what links to a page. Only source pages the caller may read are listed
// or counted; the page itself must be readable (401 to visitors, 404 to signed-in people, as elsewhere).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assertCanRead } from '../pages/pageAccess.js';
import type { PagesService } from '../pages/pages.service.js';
import { pageUrl, presentSpaceRef } from '../pages/presenter.js';
import { ErrorSchema } from '../pages/schema.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import type { LinksService } from './links.service.js';
import { Backlinks, BacklinksParams, BacklinksQuery, DEFAULT_BACKLINKS_PER_REQUEST } from './schema.js';

const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

export interface LinksRouteDeps {
  links: LinksService;
  pages: PagesService;
  spaces: SpacesService;
}

export const linksRoutes: FastifyPluginAsyncTypebox<LinksRouteDeps> = async (app, { links, pages, spaces }) => {
  app.get(
    '/pages/:id/backlinks',
    {
      schema: {
        tags: ['pages'],
        summary: 'What links here: the pages you may read that link to this one',
        description: 'Links by permanent link (/p/<id>), by address, and wanted-page links made before the page existed. By title.',
        params: BacklinksParams,
        querystring: BacklinksQuery,
        response: { 200: Backlinks, ...errorResponses },
      },
    },
    async (request) => {
      const page = pages.get(request.params.id);
      assertCanRead(spaces, request.principal, page);
      const { limit = DEFAULT_BACKLINKS_PER_REQUEST, offset = 0 } = request.query;
      const { rows, total } = links.backlinks(page, spaces.readableIds(request.principal), limit, offset);
      return {
        items: rows.map((row) => ({ id: row.id, slug: row.slug, title: row.title, url: pageUrl(row.slug), space: presentSpaceRef(spaces, row.space_id) })),
        total,
      };
    },
  );
};
