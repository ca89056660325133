// REST routes for search under /api/v1. Results only ever include pages in spaces the caller may read:
// the filter is applied in SQL, so totals and snippets never reveal anything else.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { pageUrl, presentSpaceRef } from '../pages/presenter.js';
import { ErrorSchema } from '../pages/schema.js';
import { errors } from '../plugins/errors.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import type { SearchService } from './search.service.js';
import { DEFAULT_RESULTS_PER_PAGE, MAX_TITLE_SUGGESTIONS, SearchQuery, SearchResults, TitleQuery, TitleSuggestions } from './schema.js';

const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

export interface SearchRouteDeps {
  search: SearchService;
  spaces: SpacesService;
}

export const searchRoutes: FastifyPluginAsyncTypebox<SearchRouteDeps> = async (app, { search, spaces }) => {
  /** The spaces to search: all the caller may read, or the one asked for (404 when unknown or unreadable, as elsewhere). */
  const spacesFor = (request: FastifyRequest, requested: string | undefined): Set<string> => {
    const readable = spaces.readableIds(request.principal);
    if (requested === undefined) return readable;
    const space = spaces.find(requested);
    if (!space || !readable.has(space.id)) throw errors.notFound('space');
    return new Set([space.id]);
  };

  app.get(
    '/search',
    {
      config: { cors: true },
      schema: {
        tags: ['search'],
        summary: 'Search the pages you may read',
        description: 'Full text over titles, headings and body, ranked with bm25. A query of stop words only finds nothing.',
        querystring: SearchQuery,
        response: { 200: SearchResults, ...errorResponses },
      },
    },
    async (request) => {
      const { q, space, lang, limit = DEFAULT_RESULTS_PER_PAGE, offset = 0 } = request.query;
      if (q.trim() === '') throw errors.badRequest('The query is empty.');
      const { total, totalExact, hits } = search.search(q, { spaceIds: spacesFor(request, space), lang, limit, offset });
      return {
        total,
        totalExact,
        results: hits.map((hit) => ({
          id: hit.id,
          slug: hit.slug,
          title: hit.title,
          url: pageUrl(hit.slug),
          snippet: hit.snippet,
          score: hit.score,
          space: presentSpaceRef(spaces, hit.spaceId),
          lang: hit.lang,
        })),
      };
    },
  );

  app.get(
    '/search/titles',
    {
      config: { cors: true },
      schema: {
        tags: ['search'],
        summary: 'Pages you may read whose titles start like the query (typeahead)',
        querystring: TitleQuery,
        response: { 200: TitleSuggestions, ...errorResponses },
      },
    },
    async (request) => {
      if (request.query.q.trim() === '') throw errors.badRequest('The query is empty.');
      return { results: search.titles(request.query.q, spacesFor(request, request.query.space), MAX_TITLE_SUGGESTIONS) };
    },
  );
};
