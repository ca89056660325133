// Atom feeds under /feeds: recent changes of the wiki (/recent.atom), of a page (/pages/:idOrSlug.atom) and of a
// space (/spaces/:slug.atom), the pages a search finds (/search.atom?q=) and the entries of a catalogue query
// (/catalogue.atom?<as /catalogue>). Each holds only what the reader may read, as the web pages do: an unknown
// or unreadable page or space is a 404, or a 401 for a visitor. Feed readers are not browsers: errors are JSON,
// whatever they accept, and no feed answer sets a cookie. They cannot send headers either, so these routes also
// take an API token as ?token= (server/plugins/auth.ts: read scope, these routes only, never logged).
import { siteOrigin } from '../embed/pageLinks.js';
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { catalogueUrl, parseCatalogueQuery, selectedValues, type CatalogueQuery } from '../../shared/catalogue/catalogueQuery.js';
import { FACETS } from '../../shared/catalogue/fields.js';
import { facetValueName } from '../../shared/catalogue/labels.js';
import { describeProblems } from '../catalogue/routes.js';
import { historyUrl } from '../history/views/historyParts.js';
import { assertCanRead } from '../pages/pageAccess.js';
import { errors, toAppError, type AppError, type ErrorBody } from '../plugins/errors.js';
import { PAGE_LANGUAGES, searchUrl } from '../search/views/SearchPage.js';
import { spaceUrl } from '../spaces/views/SpacesPage.js';
import { catalogueFeedPath, pageFeedPath, recentFeedPath, searchFeedPath, spaceFeedPath, withFeedLanguage } from './discovery.js';
import type { FeedsService } from './feeds.service.js';
import { ATOM_TYPE, catalogueFeed, revisionsFeed, searchFeed, type FeedContext, type FeedMeta } from './presenter.js';

/** As /search: longer queries are refused rather than cut. */
const MAX_QUERY_LENGTH = 200;

/** Every feed route takes the reader's API token from the address (see server/plugins/auth.ts). */
const feedRoute = { config: { queryToken: true } };

/** One value of a query parameter; a repeated one counts by its first value, as on /search. */
function single(value: unknown): string {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' ? value : '';
}

/** True when the request's If-None-Match names this ETag (or is "*"). */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  return (ifNoneMatch ?? '').split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

export const feedRoutes: FastifyPluginAsync<{ feeds: FeedsService }> = async (app, { feeds }) => {
  const { pages, spaces } = app.services;
  const limit = app.config.feeds.entries;

  const sendError = (reply: FastifyReply, error: AppError) => {
    const body: ErrorBody = { code: error.code, message: error.message };
    return reply.status(error.statusCode).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
  };
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.statusCode }, 'request rejected');
    return sendError(reply, appError);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, errors.routeNotFound()));
  // Set by the language switch (?lang=) on the way in: a feed reader keeps no cookie, and a shared cache must not store one.
  app.addHook('onSend', async (_request, reply) => {
    reply.removeHeader('set-cookie');
  });

  /** Feeds are read away from the site, so every address in them is absolute: on WIKI_PUBLIC_URL, else the request's own. */
  function originOf(request: FastifyRequest): string {
    const origin = siteOrigin(request);
    if (!URL.canParse(origin)) throw errors.badRequest('The Host header is not a host name.');
    return origin;
  }
  const contextOf = (request: FastifyRequest): FeedContext => ({ t: request.t, locale: request.locale, origin: originOf(request) });
  const metaOf = (request: FastifyRequest, meta: Omit<FeedMeta, 'selfPath'>): FeedMeta => ({
    ...meta,
    selfPath: withFeedLanguage(meta.idPath, request.locale),
  });

  /** The spaces the reader may read; a visitor who may read none is asked to sign in, as on /search. */
  function readableSpaces(request: FastifyRequest): Set<string> {
    const readable = spaces.readableIds(request.principal);
    if (request.principal.kind === 'anonymous' && readable.size === 0) throw errors.signInRequired();
    return readable;
  }

  /** A feed answer: private once a credential was used, and revalidated by ETag, since readers poll. */
  function send(request: FastifyRequest, reply: FastifyReply, xml: string) {
    const etag = `"${createHash('sha256').update(xml).digest('base64url').slice(0, 27)}"`;
    reply
      .header('cache-control', request.principal.kind === 'user' ? 'private, no-cache' : 'public, max-age=60')
      .header('vary', 'Accept-Language, Cookie, Authorization')
      .header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send();
    return reply.type(ATOM_TYPE).send(xml);
  }

  app.get('/recent.atom', feedRoute, async (request, reply) => {
    const entries = await feeds.recentChanges(readableSpaces(request), limit);
    const { t } = request;
    const meta = metaOf(request, {
      idPath: recentFeedPath(),
      alternatePath: '/',
      title: t('feeds.recent.title'),
      subtitle: t('feeds.recent.subtitle'),
      emptyUpdated: Date.now(),
    });
    return send(request, reply, revisionsFeed(contextOf(request), meta, entries));
  });

  app.get<{ Params: { id: string } }>('/pages/:id.atom', feedRoute, async (request, reply) => {
    const page = pages.find(request.params.id);
    if (!page) throw errors.pageNotFound();
    assertCanRead(spaces, request.principal, page);
    const entries = await feeds.pageChanges(page, limit);
    const { t } = request;
    const meta = metaOf(request, {
      idPath: pageFeedPath(page.id),
      alternatePath: historyUrl(page.slug),
      title: t('feeds.page.title', { title: page.title }),
      subtitle: t('feeds.page.subtitle'),
      emptyUpdated: page.updated_at,
    });
    return send(request, reply, revisionsFeed(contextOf(request), meta, entries));
  });

  app.get<{ Params: { slug: string } }>('/spaces/:slug.atom', feedRoute, async (request, reply) => {
    const space = spaces.find(request.params.slug);
    if (!space || spaces.access(request.principal, space.id) === 'none') {
      throw request.principal.kind === 'anonymous' ? errors.signInRequired() : errors.notFound('space');
    }
    const entries = await feeds.recentChanges([space.id], limit);
    const { t } = request;
    const meta = metaOf(request, {
      idPath: spaceFeedPath(space.slug),
      alternatePath: spaceUrl(space.slug),
      title: t('feeds.space.title', { space: space.name }),
      subtitle: t('feeds.space.subtitle'),
      emptyUpdated: space.updated_at,
    });
    return send(request, reply, revisionsFeed(contextOf(request), meta, entries));
  });

  app.get('/search.atom', feedRoute, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const params = { q: single(query.q), space: single(query.space), in: single(query.in) };
    if (params.q.trim() === '') throw errors.badRequest('The query is empty: give the words to search for as ?q=.');
    if ([...params.q].length > MAX_QUERY_LENGTH) throw errors.badRequest(`A query has at most ${MAX_QUERY_LENGTH} characters.`);
    if (params.in !== '' && !(PAGE_LANGUAGES as readonly string[]).includes(params.in)) {
      throw errors.badRequest(`The page language (in) is one of ${PAGE_LANGUAGES.join(', ')}.`);
    }
    let spaceIds = readableSpaces(request);
    if (params.space !== '') {
      const space = spaces.find(params.space);
      if (!space || !spaceIds.has(space.id)) throw errors.notFound('space');
      spaceIds = new Set([space.id]);
      params.space = space.slug;
    }
    const entries = feeds.searchResults(params.q, { spaceIds, lang: params.in || undefined }, limit);
    const { t } = request;
    const meta = metaOf(request, {
      idPath: searchFeedPath(params),
      alternatePath: searchUrl(params),
      title: t('feeds.search.title', { q: params.q }),
      subtitle: t('feeds.search.subtitle'),
      emptyUpdated: Date.now(),
    });
    return send(request, reply, searchFeed(contextOf(request), meta, entries));
  });

  app.get('/catalogue.atom', feedRoute, async (request, reply) => {
    const readable = readableSpaces(request);
    const { query, problems } = parseCatalogueQuery(request.query as Record<string, string | string[]>);
    if (problems.length > 0) throw errors.badRequest(describeProblems(problems));
    const feedQuery: CatalogueQuery = { ...query, page: undefined };
    const hits = feeds.catalogueResults(readable, feedQuery, limit);
    const { t } = request;
    const filters = catalogueFilters(request, feedQuery);
    const meta = metaOf(request, {
      idPath: catalogueFeedPath(feedQuery),
      alternatePath: catalogueUrl(feedQuery),
      title: filters ? t('feeds.catalogue.titleFiltered', { filters }) : t('catalogue.title'),
      subtitle: t('feeds.catalogue.subtitle'),
      emptyUpdated: Date.now(),
    });
    return send(request, reply, catalogueFeed(contextOf(request), meta, hits));
  });
};

/** What a catalogue query narrows to, in words: its text, then each chosen value by name ("wiki, Canada, Municipal"). */
function catalogueFilters(request: FastifyRequest, query: CatalogueQuery): string {
  const parts = query.q.trim() === '' ? [] : [query.q.trim()];
  for (const facet of FACETS) {
    for (const value of selectedValues(query, facet)) parts.push(facetValueName(request.t, request.locale, facet, value));
  }
  return parts.join(', ');
}
