// /catalogue, server-rendered and usable without JavaScript: the address is the query (text and facets), so any
// view of the catalogue can be shared. Entries and counts come only from spaces the viewer may read. Bad
// parameters show the page with what is wrong (400). POST /catalogue/entries starts a new entry in the
// Catalogue space for people who may write there, then opens it in the editor.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { canMutate, type Principal } from '../auth/permissions.js';
import type { FormState } from '../admin/views/fields.js';
import { parseCatalogueQuery } from '../../shared/catalogue/catalogueQuery.js';
import type { CatalogueViewProblem } from '../../shared/catalogue/CatalogueView.js';
import { spaceForNewPage } from '../pages/pageAccess.js';
import { pageUrl } from '../pages/presenter.js';
import { errors } from '../plugins/errors.js';
import type { ClientAssets } from '../web/assets.js';
import { field } from '../web/forms.js';
import { sendView, viewContext } from '../web/routes.js';
import { catalogueFeedLink } from '../feeds/discovery.js';
import { createPageInput, createPageProblem } from '../web/views/CreatePageForm.js';
import { CATALOGUE_SPACE_ID } from './catalogue.service.js';
import { CataloguePage } from './views/CataloguePage.js';

/** The built-in template of a new entry: the entry map, and headings for its description (server/pages/templates.ts). */
const ENTRY_TEMPLATE = 'catalogue-entry';

export const catalogueWebRoutes: FastifyPluginAsync<{ assets: ClientAssets }> = async (app, { assets }) => {
  const { catalogue, spaces, pages } = app.services;

  const canAdd = (principal: Principal) => canMutate(principal) && spaces.access(principal, CATALOGUE_SPACE_ID) === 'write';

  function render(request: FastifyRequest, reply: FastifyReply, addForm?: FormState) {
    const readable = spaces.readableIds(request.principal);
    // As on /search: a visitor who may read nothing is asked to sign in rather than shown an empty catalogue.
    if (request.principal.kind === 'anonymous' && readable.size === 0) throw errors.signInRequired();
    const { query, problems } = parseCatalogueQuery((request.method === 'GET' ? request.query : {}) as Record<string, string | string[]>);
    const t = request.t;
    const viewProblems: CatalogueViewProblem[] = problems.map((p) => ({ param: p.param, message: t(`catalogue.query.${p.code}`, p.params) }));
    const catalogueEntry = assets.entry('catalogue');
    const ctx = viewContext(request, assets);
    return sendView(
      reply,
      <CataloguePage
        ctx={{ ...ctx, styles: [...ctx.styles, ...catalogueEntry.styles], feeds: problems.length === 0 ? catalogueFeedLink(request, query) : undefined }}
        query={query}
        result={catalogue.search(readable, query)}
        problems={viewProblems}
        addForm={canAdd(request.principal) ? { form: addForm } : undefined}
        scripts={catalogueEntry.scripts}
      />,
      problems.length > 0 || (addForm?.errors.length ?? 0) > 0 ? 400 : 200,
    );
  }

  app.get('/catalogue', async (request, reply) => render(request, reply));

  app.post('/catalogue/entries', async (request, reply) => {
    const principal = request.principal;
    if (principal.kind === 'anonymous') throw errors.signInRequired();
    const values = { title: field(request.body, 'title'), lang: field(request.body, 'lang') || request.locale, template: ENTRY_TEMPLATE };
    const spaceId = spaceForNewPage(spaces, principal, CATALOGUE_SPACE_ID);
    try {
      const page = await pages.create(createPageInput(values), { spaceId, userId: principal.account.id });
      return reply.redirect(`${pageUrl(page.slug)}/edit`, 303);
    } catch (error) {
      return render(request, reply, createPageProblem(request.t, error, values));
    }
  });
};
