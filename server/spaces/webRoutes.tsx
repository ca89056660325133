// /spaces and /spaces/:slug: browsing spaces and creating a page in one. A space someone may not read does
// not exist for them (404), except that visitors are asked to sign in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canMutate } from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import { decodeCursor, encodeCursor, pageUrl } from '../pages/presenter.js';
import { spaceForNewPage } from '../pages/pageAccess.js';
import { readCheck } from '../pages/templates.js';
import type { FormState } from '../admin/views/fields.js';
import { createPageInput, createPageProblem, readCreatePageForm } from '../web/views/CreatePageForm.js';
import type { ClientAssets } from '../web/assets.js';
import { sendView, viewContext } from '../web/routes.js';
import { spaceFeedLink } from '../feeds/discovery.js';
import type { Space } from './spaces.service.js';
import { SpacePage } from './views/SpacePage.js';
import { SpacesPage, spaceUrl } from './views/SpacesPage.js';

const pagesPerScreen = 30;

export async function spacesWebRoutes(app: FastifyInstance, { assets }: { assets: ClientAssets }) {
  const { spaces, pages } = app.services;

  /** The space at this address if the principal may read it; otherwise a 404 (or a sign-in prompt). */
  function readableSpace(request: FastifyRequest, slug: string): Space {
    const space = spaces.find(slug);
    if (space && spaces.access(request.principal, space.id) !== 'none') return space;
    if (request.principal.kind === 'anonymous') throw errors.signInRequired();
    throw errors.notFound('space');
  }

  function renderSpace(request: FastifyRequest, reply: FastifyReply, space: Space, form?: FormState) {
    const raw = (request.query as { after?: unknown }).after;
    const after = typeof raw === 'string' ? decodeCursor(raw) : undefined;
    if (after === null) throw errors.badRequest('The page cursor is not valid.');
    const { rows, more } = pages.listRecent([space.id], pagesPerScreen, after);
    const last = rows[rows.length - 1];
    const canCreate = canMutate(request.principal) && spaces.access(request.principal, space.id) === 'write';
    return sendView(
      reply,
      <SpacePage
        ctx={{ ...viewContext(request, assets), feeds: spaceFeedLink(request, space) }}
        space={space}
        pages={rows}
        moreUrl={more && last ? `${spaceUrl(space.slug)}?after=${encodeCursor(last)}` : null}
        canCreate={canCreate}
        templates={canCreate ? pages.templates.list(request.locale, readCheck(spaces, request.principal)) : []}
        form={form}
      />,
      form ? 400 : 200,
    );
  }

  app.get('/spaces', async (request, reply) => {
    const readable = spaces.readableIds(request.principal);
    if (readable.size === 0 && request.principal.kind === 'anonymous') throw errors.signInRequired();
    const counts = spaces.pageCounts();
    const list = spaces
      .list()
      .filter((space) => readable.has(space.id))
      .map((space) => ({ space, pages: counts.get(space.id) ?? 0, access: spaces.access(request.principal, space.id) }));
    return sendView(reply, <SpacesPage ctx={viewContext(request, assets)} spaces={list} />);
  });

  app.get<{ Params: { slug: string } }>('/spaces/:slug', async (request, reply) => {
    const space = readableSpace(request, request.params.slug);
    if (space.slug !== request.params.slug) return reply.redirect(spaceUrl(space.slug), 301);
    return renderSpace(request, reply, space);
  });

  app.post<{ Params: { slug: string } }>('/spaces/:slug/pages', async (request, reply) => {
    const space = readableSpace(request, request.params.slug);
    const principal = request.principal;
    if (principal.kind === 'anonymous') throw errors.signInRequired();
    const values = readCreatePageForm(request.body, request.locale);
    const spaceId = spaceForNewPage(spaces, principal, space.id);
    try {
      const page = await pages.create(createPageInput(values), { spaceId, userId: principal.account.id, canRead: readCheck(spaces, principal) });
      return reply.redirect(`${pageUrl(page.slug)}/edit`, 303);
    } catch (error) {
      return renderSpace(request, reply, space, createPageProblem(request.t, error, values));
    }
  });
}
