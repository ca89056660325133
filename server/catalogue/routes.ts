// The catalogue over HTTP: GET /api/v1/catalogue (entries and facet counts as JSON) and GET
// /catalogue/index.json (the lunr index of what the caller may read, for instant search in the browser).
// Both hold only entries in spaces the caller may read: the service builds each reader's index from those alone.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { parseCatalogueQuery, type CatalogueQueryProblem } from '../../shared/catalogue/catalogueQuery.js';
import { translator } from '../../shared/i18n/index.js';
import { ErrorSchema } from '../pages/schema.js';
import { errors } from '../plugins/errors.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import type { CatalogueService } from './catalogue.service.js';
import { presentEntry } from './presenter.js';
import { CatalogueApiQuery, CatalogueResults, DEFAULT_ENTRIES_PER_PAGE } from './schema.js';

export interface CatalogueRouteDeps {
  catalogue: CatalogueService;
  spaces: SpacesService;
}

const english = translator('en');

/** The problems of a query, in one sentence per parameter, for an API error message. */
export function describeProblems(problems: CatalogueQueryProblem[]): string {
  return problems.map((p) => `${p.param}: ${english(`catalogue.query.${p.code}`, p.params)}`).join(' ');
}

export const catalogueApiRoutes: FastifyPluginAsyncTypebox<CatalogueRouteDeps> = async (app, { catalogue, spaces }) => {
  app.get(
    '/catalogue',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Browse the Gov 2.0 catalogue: entries you may read and facet counts',
        description: 'Facets combine: any of the values given for one facet, and all facets given. Without q, entries come by name.',
        querystring: CatalogueApiQuery,
        response: { 200: CatalogueResults, 400: ErrorSchema, 401: ErrorSchema },
      },
    },
    async (request) => {
      const { limit = DEFAULT_ENTRIES_PER_PAGE, offset = 0, ...params } = request.query;
      const { query, problems } = parseCatalogueQuery(params as Record<string, string | string[] | undefined>);
      if (problems.length > 0) throw errors.badRequest(describeProblems(problems));
      const result = catalogue.search(spaces.readableIds(request.principal), query);
      return {
        total: result.total,
        entries: result.entries.slice(offset, offset + limit).map(presentEntry),
        facets: result.facets,
      };
    },
  );
};

/** True when the request's If-None-Match names this ETag (or is "*"). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** True when Accept-Encoding lists gzip (or *) without q=0. */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

export const catalogueIndexRoute: FastifyPluginAsync<CatalogueRouteDeps> = async (app, { catalogue, spaces }) => {
  app.get('/catalogue/index.json', async (request, reply) => {
    const serialized = catalogue.serialized(spaces.readableIds(request.principal));
    // Each reader's copy differs with what they may read, so no shared cache keeps it; the browser revalidates.
    reply.header('cache-control', 'private, no-cache').header('etag', serialized.etag).header('vary', 'accept-encoding');
    if (matches(request.headers['if-none-match'], serialized.etag)) return reply.status(304).send();
    reply.type('application/json; charset=utf-8');
    // Large catalogues make megabytes of JSON that compress four to one; the gzip is made once per index.
    if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(await serialized.gzipped());
    return reply.send(serialized.json);
  });
};
