// Human-facing, server-rendered routes: home, page view, editor shell, permanent links, page creation form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { AppError } from '../plugins/errors.js';
import type { PagesService } from '../pages/pages.service.js';
import { pageUrl } from '../pages/presenter.js';
import { assertCanRead, spaceForNewPage } from '../pages/pageAccess.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import type { ClientAssets } from './assets.js';
import { EditPage } from './views/EditPage.js';
import { HomePage } from './views/HomePage.js';
import type { ViewContext } from './views/Layout.js';
import { MessagePage } from './views/MessagePage.js';
import { PageView } from './views/PageView.js';

export interface WebDeps {
  pages: PagesService;
  spaces: SpacesService;
  assets: ClientAssets;
}

export function viewContext(request: FastifyRequest, assets: ClientAssets): ViewContext {
  return { locale: request.locale, t: request.t, path: request.url, styles: assets.entry('site').styles };
}

export function sendView(reply: FastifyReply, element: ReactElement, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(`<!doctype html>${renderToStaticMarkup(element)}`);
}

/** Renders an AppError as a page, for the error handler. */
export function renderErrorPage(request: FastifyRequest, assets: ClientAssets, error: AppError): string {
  const ctx = viewContext(request, assets);
  const title = error.statusCode === 404 ? ctx.t('page.notFoundTitle') : ctx.t('error.title');
  return `<!doctype html>${renderToStaticMarkup(
    <MessagePage ctx={ctx} title={title}>
      <p>{error.message}</p>
    </MessagePage>,
  )}`;
}

const recentOnHome = 20;

/** Two overlapping speech bubbles in the GC Design System's primary blue. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="4" width="18" height="14" rx="3" fill="#26374a"/><rect x="12" y="12" width="18" height="14" rx="3" fill="#1354ec"/></svg>`;

export async function webRoutes(app: FastifyInstance, { pages, spaces, assets }: WebDeps) {
  const home = (request: FastifyRequest, reply: FastifyReply, form?: { error: string; title: string }) =>
    sendView(
      reply,
      <HomePage
        ctx={viewContext(request, assets)}
        recent={pages.listRecent(spaces.readableIds(request.principal), recentOnHome).rows}
        error={form?.error}
        titleValue={form?.title}
      />,
      form ? 400 : 200,
    );

  app.get('/', async (request, reply) => home(request, reply));

  app.get('/favicon.svg', async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
  );
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/favicon.svg', 301));

  app.post<{ Body: { title?: unknown } }>('/pages/new', async (request, reply) => {
    const title = typeof request.body?.title === 'string' ? request.body.title : '';
    try {
      const spaceId = spaceForNewPage(spaces, request.principal, undefined);
      const userId = request.principal.kind === 'user' ? request.principal.account.id : null;
      const page = await pages.create({ title }, { spaceId, userId });
      return reply.redirect(`${pageUrl(page.slug)}/edit`, 303);
    } catch (error) {
      if (error instanceof AppError && error.statusCode < 500) {
        return home(request, reply, { error: error.message, title });
      }
      throw error;
    }
  });

  app.get<{ Params: { id: string } }>('/p/:id', async (request, reply) => {
    const page = pages.findById(request.params.id);
    if (!page) return notFound(request, reply, request.params.id);
    assertCanRead(spaces, request.principal, page);
    return reply.redirect(pageUrl(page.slug), 301);
  });

  app.get<{ Params: { slug: string } }>('/wiki/:slug', async (request, reply) => {
    const page = pageBySlug(pages, request.params.slug);
    if (!page) return notFound(request, reply, request.params.slug);
    assertCanRead(spaces, request.principal, page);
    if (page.slug !== request.params.slug) return reply.redirect(pageUrl(page.slug), 301);
    return sendView(reply, <PageView ctx={viewContext(request, assets)} page={page} />);
  });

  app.get<{ Params: { slug: string } }>('/wiki/:slug/edit', async (request, reply) => {
    const page = pageBySlug(pages, request.params.slug);
    if (!page) return notFound(request, reply, request.params.slug);
    assertCanRead(spaces, request.principal, page);
    if (page.slug !== request.params.slug) return reply.redirect(`${pageUrl(page.slug)}/edit`, 301);
    return sendView(
      reply,
      <EditPage
        ctx={{ ...viewContext(request, assets), styles: [...assets.entry('site').styles, ...assets.entry('editor').styles] }}
        page={page}
        scripts={assets.entry('editor').scripts}
      />,
    );
  });

  function notFound(request: FastifyRequest, reply: FastifyReply, slug: string) {
    const ctx = viewContext(request, assets);
    const suggestedTitle = slug.replace(/-/g, ' ');
    return sendView(
      reply,
      <MessagePage ctx={ctx} title={ctx.t('page.notFoundTitle')}>
        <p>{ctx.t('page.notFoundBody', { slug })}</p>
        <form method="post" action="/pages/new">
          <input type="hidden" name="title" value={suggestedTitle} />
          <button type="submit" className="button button--primary">
            {ctx.t('page.createIt')}
          </button>
        </form>
      </MessagePage>,
      404,
    );
  }
}

function pageBySlug(pages: PagesService, slug: string) {
  return pages.findBySlug(slug);
}
