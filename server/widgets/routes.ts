// The portal widgets: their script (/widgets.js) and the one endpoint of their own, GET /api/v1/recent (the
// search widget reads /api/v1/search/titles). Both are readable by the configured portal origins
// (`config.cors`, server/plugins/cors.ts), which read as an anonymous visitor; the docs page is webRoutes.tsx.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { permanentPath, siteOrigin } from '../embed/pageLinks.js';
import type { PagesService } from '../pages/pages.service.js';
import { presentSpaceRef } from '../pages/presenter.js';
import { ErrorSchema } from '../pages/schema.js';
import { errors } from '../plugins/errors.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import { DEFAULT_RECENT, RecentPages, RecentQuery } from './schema.js';
import { widgetsScript } from './widgetsScript.js';

/** Hashed assets are cached for a year; an address without the current hash is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface WidgetApiDeps {
  pages: PagesService;
  spaces: SpacesService;
}

/** Registered under /api/v1. */
export const widgetApiRoutes: FastifyPluginAsyncTypebox<WidgetApiDeps> = async (app, { pages, spaces }) => {
  app.get(
    '/recent',
    {
      config: { cors: true },
      schema: {
        tags: ['widgets'],
        summary: 'Recently changed pages you may read (for portal widgets)',
        description:
          'Most recently changed first, each with its absolute permanent link. Portals listed in WIKI_EMBED_ORIGINS may read it from the browser (CORS, without credentials: as an anonymous visitor). An unknown or unreadable space is a 404.',
        querystring: RecentQuery,
        response: { 200: RecentPages, 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { space, limit = DEFAULT_RECENT } = request.query;
      let spaceIds = spaces.readableIds(request.principal);
      if (space !== undefined) {
        const found = spaces.find(space);
        if (!found || !spaceIds.has(found.id)) throw errors.notFound('space');
        spaceIds = new Set([found.id]);
      }
      const origin = siteOrigin(request);
      const { rows } = pages.listRecent(spaceIds, limit);
      return {
        items: rows.map((row) => {
          const { slug, name } = presentSpaceRef(spaces, row.space_id);
          return {
            id: row.id,
            slug: row.slug,
            title: row.title,
            url: `${origin}${permanentPath(row.id)}`,
            space: { slug, name },
            updatedAt: new Date(row.updated_at).toISOString(),
          };
        }),
      };
    },
  );
};

/** /widgets.js: any origin may load it (it holds nothing per-user); the configured portals may also read it. */
export const widgetScriptRoute: FastifyPluginAsync = async (app) => {
  const [pathname, version] = widgetsScript.url.split('?v=');
  app.get<{ Querystring: { v?: string } }>(pathname, { config: { embed: 'subresource', cors: true } }, async (request, reply) => {
    reply
      .type(widgetsScript.contentType)
      .header('etag', widgetsScript.etag)
      .header('cache-control', request.query.v === version ? IMMUTABLE : 'public, no-cache');
    if (request.headers['if-none-match'] === widgetsScript.etag) return reply.status(304).send();
    return reply.send(widgetsScript.body);
  });
};
