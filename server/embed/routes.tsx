// Ensemble inside intranet portals: the framable read-only views /embed/:slug and /embed/p/:id, the script and
// stylesheet they load, and the oEmbed provider /oembed. Only these views opt into being framed (route config
// `embed`, applied by plugins/securityHeaders.ts). Permissions are those of any page view: a visitor who may
// not read gets a sign-in prompt (401), a signed-in person a not-found (404), and neither sees a title.
// In a portal's frame the wiki is a third party: SameSite=Lax session cookies are not sent, so readers are
// usually anonymous there (a same-site portal or an SSO proxy header does carry their identity).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { PageRow } from '../pages/pages.repo.js';
import { assertCanRead, pageAccess } from '../pages/pageAccess.js';
import { presentSpaceRef } from '../pages/presenter.js';
import { ErrorSchema } from '../pages/schema.js';
import { errors, type ErrorBody } from '../plugins/errors.js';
import { sendView } from '../web/routes.js';
import { signInUrl } from '../web/views/Layout.js';
import { isLocale } from '../../shared/i18n/index.js';
import { embedScript, type EmbedAsset } from './embedScript.js';
import { embedStyles } from './embedStyles.js';
import { oembedFor } from './oembed.js';
import { locatePage, permanentPath, siteOrigin, type PageLocator } from './pageLinks.js';
import { OEmbedQuery, OEmbedRich } from './schema.js';
import { EmbeddedPage, EmbedNotFound, EmbedSignIn, type EmbedContext } from './views/EmbedPage.js';

/** Hashed assets are cached for a year; an address without the current hash is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export const embedRoutes: FastifyPluginAsync = async (app) => {
  const { pages, spaces } = app.services;
  const configured = app.config.embed.origins;

  const find = (locator: PageLocator): PageRow | undefined => ('id' in locator ? pages.findById(locator.id) : pages.findBySlug(locator.slug));

  function embedView(request: FastifyRequest, reply: FastifyReply, page: PageRow | undefined, name: string, pagePath: string) {
    const origin = siteOrigin(request);
    const ctx: EmbedContext = { locale: request.locale, t: request.t, slug: name, parents: [origin, ...configured.filter((o) => o !== origin)] };
    if (!page) return sendView(reply, <EmbedNotFound ctx={ctx} />, 404);
    if (pageAccess(spaces, request.principal, page) === 'none') {
      // As /wiki/:slug answers: 401 with the way to sign in for visitors (a new tab, where their session
      // lives), 404 for signed-in people, so a Protected page's existence is not confirmed to them.
      if (request.principal.kind !== 'anonymous') return sendView(reply, <EmbedNotFound ctx={ctx} />, 404);
      return sendView(reply, <EmbedSignIn ctx={ctx} signInHref={signInUrl(pagePath)} />, 401);
    }
    const permalink = permanentPath(page.id);
    // Red links as on the page itself, for what this reader may read.
    const html = app.services.links.markedHtml(page, spaces.readableIds(request.principal), request.t('links.missingNote'));
    return sendView(
      reply,
      <EmbeddedPage ctx={{ ...ctx, slug: page.slug }} page={{ ...page, html }} space={presentSpaceRef(spaces, page.space_id)} permalink={permalink} canonical={`${origin}${permalink}`} />,
    );
  }

  app.get<{ Params: { slug: string } }>('/embed/:slug', { config: { embed: 'frame' } }, async (request, reply) => {
    const { slug } = request.params;
    return embedView(request, reply, pages.findBySlug(slug), slug, `/wiki/${encodeURIComponent(slug)}`);
  });

  app.get<{ Params: { id: string } }>('/embed/p/:id', { config: { embed: 'frame' } }, async (request, reply) => {
    const { id } = request.params;
    return embedView(request, reply, pages.findById(id), id, permanentPath(id));
  });

  const serveAsset = (asset: EmbedAsset) => {
    const [pathname, version] = asset.url.split('?v=');
    app.get<{ Querystring: { v?: string } }>(pathname, { config: { embed: 'subresource' } }, async (request, reply) => {
      reply
        .type(asset.contentType)
        .header('etag', asset.etag)
        .header('cache-control', request.query.v === version ? IMMUTABLE : 'public, no-cache');
      if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
      return reply.send(asset.body);
    });
  };
  serveAsset(embedScript);
  serveAsset(embedStyles);

  app.get<{ Querystring: OEmbedQuery }>(
    '/oembed',
    {
      schema: {
        tags: ['embed'],
        summary: 'oEmbed for a page of this wiki',
        description:
          'oEmbed 1.0, JSON only. Answers type "rich" with a sandboxed iframe of the page’s embed view. A page the caller may not read is 401 (not signed in) or 404, as in the API.',
        querystring: OEmbedQuery,
        response: { 200: OEmbedRich, 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 501: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { url, format = 'json', maxwidth, maxheight } = request.query;
      if (format !== 'json') {
        // Answered here rather than thrown: the error handler logs every 5xx as a server failure.
        const body: ErrorBody = { code: 'WIKI_OEMBED_FORMAT', message: 'Only format=json is provided.' };
        return reply.status(501).send(body);
      }
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        throw errors.badRequest('url must be the absolute URL of a page of this wiki.');
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw errors.badRequest('url must be an http(s) URL.');
      const origin = siteOrigin(request);
      const locator = target.origin === origin ? locatePage(target.pathname) : null;
      const page = locator ? find(locator) : undefined;
      if (!page) throw errors.pageNotFound();
      assertCanRead(spaces, request.principal, page);
      const lang = target.searchParams.get('lang');
      return oembedFor(page, { origin, providerName: request.t('app.name'), maxwidth, maxheight, lang: isLocale(lang) ? lang : undefined });
    },
  );
};
