// Links on the human side, server-rendered and usable without JavaScript: "What links here" (/wiki/:slug/links)
// and where a red link leads (GET /pages/new?title=…): the page itself once someone has created it, otherwise
// the creation form with the title filled in (POST /pages/new, in server/web/routes.tsx, creates it).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { canMutate, type Principal } from '../auth/permissions.js';
import { assertCanRead } from '../pages/pageAccess.js';
import { pageUrl, presentSpaceRef } from '../pages/presenter.js';
import { readCheck } from '../pages/templates.js';
import { errors } from '../plugins/errors.js';
import { MAIN_SPACE_ID } from '../spaces/spaces.service.js';
import type { ClientAssets } from '../web/assets.js';
import { sendView, viewContext } from '../web/routes.js';
import { MessagePage } from '../web/views/MessagePage.js';
import { slugFromTitle } from '../../shared/slug.js';
import { defaults } from '../plugins/config.js';
import { BacklinksPage, backlinksUrl } from './views/BacklinksPage.js';
import { WantedPage } from './views/WantedPage.js';

const perScreen = 100;
/** Screens past this are refused rather than counted through: a page with 100,000 links to it is an outlier. */
const maxScreen = 1000;

/** One value of a query parameter; a repeated one counts by its first value. */
function single(value: unknown): string {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' ? value : '';
}

export const linksWebRoutes: FastifyPluginAsync<{ assets: ClientAssets }> = async (app, { assets }) => {
  const { pages, spaces, links } = app.services;

  /** As the home page's form: pages are created in the default space. */
  const canCreate = (principal: Principal) => canMutate(principal) && spaces.access(principal, MAIN_SPACE_ID) === 'write';

  function pageNotFound(request: FastifyRequest, slug: string) {
    const ctx = viewContext(request, assets);
    return <MessagePage ctx={ctx} title={ctx.t('page.notFoundTitle')}><p>{ctx.t('page.notFoundBody', { slug })}</p></MessagePage>;
  }

  app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/wiki/:slug/links', async (request, reply) => {
    const page = pages.findBySlug(request.params.slug);
    if (!page) return sendView(reply, pageNotFound(request, request.params.slug), 404);
    assertCanRead(spaces, request.principal, page);
    const rawScreen = single((request.query as Record<string, unknown>).page);
    const screen = rawScreen === '' ? 1 : /^[1-9][0-9]{0,5}$/.test(rawScreen) ? Number(rawScreen) : 0;
    if (screen < 1 || screen > maxScreen) throw errors.badRequest('The page number is not valid.');
    if (page.slug !== request.params.slug) return reply.redirect(`${backlinksUrl(page.slug)}${screen > 1 ? `?page=${screen}` : ''}`, 301);
    const { rows, total } = links.backlinks(page, spaces.readableIds(request.principal), perScreen, (screen - 1) * perScreen);
    const at = (n: number) => `${backlinksUrl(page.slug)}${n > 1 ? `?page=${n}` : ''}`;
    return sendView(
      reply,
      <BacklinksPage
        ctx={viewContext(request, assets)}
        page={page}
        space={presentSpaceRef(spaces, page.space_id)}
        items={rows.map((row) => ({ id: row.id, slug: row.slug, title: row.title, spaceName: presentSpaceRef(spaces, row.space_id).name }))}
        total={total}
        previous={screen > 1 ? at(screen - 1) : null}
        next={screen * perScreen < total && screen < maxScreen ? at(screen + 1) : null}
      />,
    );
  });

  app.get('/pages/new', async (request, reply) => {
    const title = single((request.query as Record<string, unknown>).title).replace(/\s+/g, ' ').trim().slice(0, defaults.pages.maxTitleLength);
    if (title === '') return reply.redirect('/', 303);
    // Created since the link was made (under the address its title gives): go there, if the reader may.
    const existing = pages.findBySlug(slugFromTitle(title));
    if (existing && spaces.access(request.principal, existing.space_id) !== 'none') return reply.redirect(pageUrl(existing.slug), 303);
    if (request.principal.kind === 'anonymous') throw errors.signInRequired();
    const allowed = canCreate(request.principal);
    return sendView(
      reply,
      <WantedPage
        ctx={viewContext(request, assets)}
        title={title}
        canCreate={allowed}
        templates={allowed ? pages.templates.list(request.locale, readCheck(spaces, request.principal)) : []}
      />,
      allowed ? 200 : 403,
    );
  });
};
