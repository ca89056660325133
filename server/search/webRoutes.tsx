// The search page, server-rendered and usable without JavaScript: /search?q=&space=&in=&page=.
// The page language filter is `in`, not `lang`: ?lang= is taken site-wide by the i18n plugin to switch (and
// remember) the interface language, so /search?q=x&lang=fr shows the search in French rather than filtering.
// Results are only pages the viewer may read: the service filters by the readable spaces given to it.
// Bad parameters show the form again with what is wrong (400); a space the viewer cannot read is a 404.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../admin/views/fields.js';
import { presentSpaceRef } from '../pages/presenter.js';
import { errors } from '../plugins/errors.js';
import type { ClientAssets } from '../web/assets.js';
import { sendView, viewContext } from '../web/routes.js';
import { searchFeedLink } from '../feeds/discovery.js';
import { MessagePage } from '../web/views/MessagePage.js';
import { DEFAULT_RESULTS_PER_PAGE, MAX_OFFSET } from './schema.js';
import { PAGE_LANGUAGES, SearchPage, searchUrl, type SearchOutcome, type SearchParams, type SpaceOption } from './views/SearchPage.js';

const perPage = DEFAULT_RESULTS_PER_PAGE;
/** The service does not page past MAX_OFFSET, so neither do the links. */
const maxPage = Math.floor(MAX_OFFSET / perPage) + 1;
/** As the API: longer queries are refused rather than cut, so what is searched is what was typed. */
const maxQueryLength = 200;

/** One value of a query parameter; a repeated one (?q=a&q=b) counts by its first value. */
function single(value: unknown): string {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' ? value : '';
}

export const searchWebRoutes: FastifyPluginAsync<{ assets: ClientAssets }> = async (app, { assets }) => {
  const { search, spaces } = app.services;

  /** The spaces the viewer may read, by name, for the space select. */
  const spaceOptions = (readable: Set<string>): SpaceOption[] =>
    spaces
      .list()
      .filter((s) => readable.has(s.id))
      .map((s) => ({ slug: s.slug, name: s.name, classification: s.classification }))
      .sort((a, b) => a.name.localeCompare(b.name));

  function spaceNotFound(request: FastifyRequest, reply: FastifyReply, params: SearchParams) {
    const ctx = viewContext(request, assets);
    return sendView(
      reply,
      <MessagePage ctx={ctx} title={ctx.t('search.spaceNotFoundTitle')}>
        <p>{ctx.t('search.spaceNotFoundBody', { space: params.space })}</p>
        <p>
          <a href={searchUrl({ ...params, space: '', page: 1 })}>{ctx.t('search.searchAllSpaces')}</a>
        </p>
      </MessagePage>,
      404,
    );
  }

  app.get('/search', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const t = request.t;
    const rawPage = single(query.page);
    const params: SearchParams = { q: single(query.q), space: single(query.space), in: single(query.in), page: 1 };

    const readable = spaces.readableIds(request.principal);
    // As on profiles: a visitor who may read nothing is asked to sign in rather than shown an empty search.
    if (request.principal.kind === 'anonymous' && readable.size === 0) throw errors.signInRequired();

    const problems: FieldError[] = [];
    if ([...params.q].length > maxQueryLength) problems.push({ field: 'q', message: t('search.error.qTooLong', { max: maxQueryLength }) });
    if (params.in !== '' && !(PAGE_LANGUAGES as readonly string[]).includes(params.in)) {
      problems.push({ field: 'in', message: t('search.error.in') });
    }
    if (rawPage !== '') {
      const page = /^[1-9][0-9]{0,5}$/.test(rawPage) ? Number(rawPage) : 0;
      if (page >= 1 && page <= maxPage) params.page = page;
      else problems.push({ field: null, message: t('search.error.page', { max: maxPage }) });
    }

    const options = spaceOptions(readable);
    const view = (outcome?: SearchOutcome) => (
      <SearchPage
        ctx={{ ...viewContext(request, assets), feeds: outcome ? searchFeedLink(request, params) : undefined }}
        params={params}
        spaces={options}
        problems={problems}
        outcome={outcome}
      />
    );
    if (problems.length > 0) return sendView(reply, view(), 400);

    let spaceIds = readable;
    if (params.space !== '') {
      const space = spaces.find(params.space);
      if (!space || !readable.has(space.id)) return spaceNotFound(request, reply, params);
      spaceIds = new Set([space.id]);
      // The select names spaces by address; an id (as the API takes) is shown as that space selected.
      params.space = space.slug;
    }

    if (params.q.trim() === '') return sendView(reply, view());

    const { total, totalExact, hits } = search.search(params.q, {
      spaceIds,
      lang: params.in || undefined,
      limit: perPage,
      offset: (params.page - 1) * perPage,
    });
    const lastPage = Math.min(maxPage, Math.max(1, Math.ceil(total / perPage)));
    const outcome: SearchOutcome = {
      total,
      totalExact,
      results: hits.map((hit) => ({
        slug: hit.slug,
        title: hit.title,
        snippet: hit.snippet,
        lang: hit.lang,
        space: presentSpaceRef(spaces, hit.spaceId),
      })),
      first: (params.page - 1) * perPage + 1,
      previous: params.page > 1 && params.page <= lastPage ? searchUrl({ ...params, page: params.page - 1 }) : null,
      next: params.page < lastPage ? searchUrl({ ...params, page: params.page + 1 }) : null,
      lastPage,
      withoutFilters: total === 0 && (params.space || params.in) ? searchUrl({ q: params.q }) : null,
    };
    return sendView(reply, view(outcome));
  });
};
