// Human-facing, server-rendered routes: home, page view, editor shell, permanent links, page creation form,
// and people's profiles. What a page offers follows what the viewer may do: the create form and the Edit
// link only for people who can write, a sign-in link for visitors; every form carries the CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { canAdminister, canMutate, type Principal } from '../auth/permissions.js';
import { AppError, errors } from '../plugins/errors.js';
import type { PageRow } from '../pages/pages.repo.js';
import type { PagesService } from '../pages/pages.service.js';
import { pageUrl, presentSpaceRef } from '../pages/presenter.js';
import { assertCanRead, assertCanWrite, spaceForNewPage } from '../pages/pageAccess.js';
import { MovePage, moveInput, moveProblem, readMoveForm } from './views/MovePage.js';
import { deletePage } from '../pages/pageDeleter.js';
import { readCheck } from '../pages/templates.js';
import type { FormState } from '../admin/views/fields.js';
import { createPageInput, createPageProblem, readCreatePageForm } from './views/CreatePageForm.js';
import { MAIN_SPACE_ID, type SpacesService } from '../spaces/spaces.service.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import type { ClientAssets } from './assets.js';
import { EditPage } from './views/EditPage.js';
import { HomePage } from './views/HomePage.js';
import { CsrfInput, profileUrl, signInUrl, type ViewContext } from './views/Layout.js';
import { MessagePage } from './views/MessagePage.js';
import { PageView, type NamedVersionRef } from './views/PageView.js';
import type { HistoryService } from '../history/history.service.js';
import { ProfilePage } from './views/ProfilePage.js';
import { pageFeedLink, recentFeedLink } from '../feeds/discovery.js';
import { pageViewMeta, siteOrigin, viewMeta } from '../embed/pageLinks.js';

export interface WebDeps {
  pages: PagesService;
  spaces: SpacesService;
  assets: ClientAssets;
}

export function viewContext(request: FastifyRequest, assets: ClientAssets): ViewContext {
  // An error raised before authentication ran leaves no principal: such a page is shown as to a visitor.
  const principal: Principal | null = request.principal ?? null;
  const viewer =
    principal?.kind === 'user'
      ? {
          username: principal.account.username,
          displayName: principal.account.displayName,
          isAdmin: principal.account.role === 'admin',
          canSignOut: principal.credential.kind === 'session',
        }
      : null;
  return {
    locale: request.locale,
    t: request.t,
    path: request.url,
    styles: assets.entry('site').styles,
    headerScripts: assets.entry('typeahead').scripts,
    viewer,
    csrf: viewer ? request.csrfToken() : '',
    meta: viewMeta(request),
  };
}

/** Pages name who is signed in and carry their CSRF token, so no shared cache keeps them. */
export function sendView(reply: FastifyReply, element: ReactElement, status = 200, cacheControl = 'private, no-cache'): FastifyReply {
  return (
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', cacheControl)
      .send(`<!doctype html>${renderToStaticMarkup(element)}`)
  );
}

/** Errors whose message a person sees in their language on an HTML page. */
const translatedErrors: Partial<Record<string, MessageKey>> = {
  WIKI_CSRF: 'auth.error.csrf',
  WIKI_FORBIDDEN: 'auth.error.forbidden',
  WIKI_TOO_MANY_ATTEMPTS: 'auth.error.tooManyAttempts',
};

/** Renders an AppError as a page, for the error handler. A page that needs signing in says so, with the way. */
export function renderErrorPage(request: FastifyRequest, assets: ClientAssets, error: AppError): string {
  const ctx = viewContext(request, assets);
  const { t } = ctx;
  if (error.code === 'WIKI_SIGN_IN_REQUIRED') {
    // A form posted while signed out cannot be replayed by following a link: come back to the home page.
    const back = request.method === 'GET' ? request.url : '/';
    return `<!doctype html>${renderToStaticMarkup(
      <MessagePage ctx={ctx} title={t('auth.signInRequiredTitle')}>
        <p>{t('auth.signInRequiredBody')}</p>
        <p>
          <a className="button button--primary" href={signInUrl(back)}>
            {t('auth.signIn')}
          </a>
        </p>
      </MessagePage>,
    )}`;
  }
  const title = error.statusCode === 404 ? t('page.notFoundTitle') : t('error.title');
  const key = translatedErrors[error.code];
  return `<!doctype html>${renderToStaticMarkup(
    <MessagePage ctx={ctx} title={title}>
      <p>{key ? t(key) : error.message}</p>
    </MessagePage>,
  )}`;
}

const recentOnHome = 20;
const contributionsPerPage = 20;

/** Two overlapping speech bubbles in the GC Design System's primary blue. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="4" width="18" height="14" rx="3" fill="#26374a"/><rect x="12" y="12" width="18" height="14" rx="3" fill="#1354ec"/></svg>`;

/** Keyset cursor of a profile's contribution list: the last row's contribution time and page id. */
function encodeAfter(row: { last_at: number; id: string }): string {
  return Buffer.from(JSON.stringify([row.last_at, row.id])).toString('base64url');
}

function decodeAfter(cursor: string): { lastAt: number; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') return { lastAt: value[0], id: value[1] };
  } catch {
    // not a cursor we made
  }
  return null;
}

export async function webRoutes(app: FastifyInstance, { pages, spaces, assets }: WebDeps) {
  const { users, history } = app.services;

  /** Accounts are never deleted, so once one exists the answer stays "no" without asking the database again. */
  let hasAccounts = false;
  const setupNeeded = () => {
    if (app.config.auth.mode !== 'local') return false;
    hasAccounts ||= users.count() > 0;
    return !hasAccounts;
  };

  /** Whether the principal may create pages where the home form puts them (the default space). */
  const canCreate = (principal: Principal) => canMutate(principal) && spaces.access(principal, MAIN_SPACE_ID) === 'write';

  const home = (request: FastifyRequest, reply: FastifyReply, form?: FormState) =>
    sendView(
      reply,
      <HomePage
        ctx={{ ...viewContext(request, assets), feeds: recentFeedLink(request) }}
        recent={pages.listRecent(spaces.readableIds(request.principal), recentOnHome).rows}
        canCreate={canCreate(request.principal)}
        setupNeeded={setupNeeded()}
        templates={canCreate(request.principal) ? pages.templates.list(request.locale, readCheck(spaces, request.principal)) : []}
        form={form}
      />,
      form ? 400 : 200,
    );

  const spaceLabel = (page: PageRow) => presentSpaceRef(spaces, page.space_id);

  app.get('/', async (request, reply) => home(request, reply));

  app.get('/favicon.svg', async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
  );
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/favicon.svg', 301));

  app.post('/pages/new', async (request, reply) => {
    if (request.principal.kind === 'anonymous') return reply.redirect(signInUrl('/'), 303);
    const values = readCreatePageForm(request.body, request.locale);
    try {
      const spaceId = spaceForNewPage(spaces, request.principal, undefined);
      const context = { spaceId, userId: request.principal.account.id, canRead: readCheck(spaces, request.principal) };
      const page = await pages.create(createPageInput(values), context);
      return reply.redirect(`${pageUrl(page.slug)}/edit`, 303);
    } catch (error) {
      // What the service refused is shown on the form; not being allowed to create pages is an error page.
      return home(request, reply, createPageProblem(request.t, error, values));
    }
  });

  app.get<{ Params: { id: string } }>('/p/:id', async (request, reply) => {
    const page = pages.findById(request.params.id);
    if (!page) return notFound(request, reply, request.params.id);
    assertCanRead(spaces, request.principal, page);
    return reply.redirect(pageUrl(page.slug), 301);
  });

  app.get<{ Params: { slug: string }; Querystring: { restored?: string; renamed?: string } }>('/wiki/:slug', async (request, reply) => {
    const page = pages.findBySlug(request.params.slug);
    if (!page) return notFound(request, reply, request.params.slug);
    assertCanRead(spaces, request.principal, page);
    if (page.slug !== request.params.slug) return reply.redirect(canonicalUrl(request, page, ''), 301);
    const canWrite = spaces.access(request.principal, page.space_id) === 'write';
    return sendView(
      reply,
      <PageView
        ctx={{ ...viewContext(request, assets), meta: pageViewMeta(siteOrigin(request), page, request.t('app.tagline')), feeds: pageFeedLink(request, page) }}
        page={{ ...page, html: app.services.links.markedHtml(page, spaces.readableIds(request.principal), request.t('links.missingNote')) }}
        space={spaceLabel(page)}
        canWrite={canWrite}
        canDelete={canAdminister(request.principal, true)}
        restored={revisionNumber(request.query.restored)}
        renamed={request.query.renamed === '1'}
        namedVersion={lastNamedVersion(history, page.id)}
        entry={app.services.catalogue.entryOf(page.id)}
      />,
    );
  });

  /** Deleting a page (admins): a confirmation page, then a POST that closes its live sockets, deletes and audits. */
  function deletablePage(request: FastifyRequest, slug: string): PageRow {
    if (request.principal.kind === 'anonymous') throw errors.signInRequired();
    const page = pages.findBySlug(slug);
    if (!page) throw errors.pageNotFound();
    assertCanRead(spaces, request.principal, page);
    if (!canAdminister(request.principal, true)) throw errors.forbidden();
    return page;
  }

  app.get<{ Params: { slug: string } }>('/wiki/:slug/delete', async (request, reply) => {
    const page = deletablePage(request, request.params.slug);
    if (page.slug !== request.params.slug) return reply.redirect(canonicalUrl(request, page, '/delete'), 301);
    const ctx = viewContext(request, assets);
    return sendView(
      reply,
      <MessagePage ctx={ctx} title={ctx.t('page.deleteTitle', { title: page.title })}>
        <p>{ctx.t('page.deleteBody')}</p>
        <form method="post" action={`${pageUrl(page.slug)}/delete`} className="button-row">
          <CsrfInput token={ctx.csrf} />
          <button type="submit" className="button button--danger">
            {ctx.t('page.deleteConfirm')}
          </button>{' '}
          <a className="button button--secondary" href={pageUrl(page.slug)}>
            {ctx.t('page.deleteCancel')}
          </a>
        </form>
      </MessagePage>,
    );
  });

  app.post<{ Params: { slug: string } }>('/wiki/:slug/delete', async (request, reply) => {
    const page = deletablePage(request, request.params.slug);
    deletePage({ pages, hub: app.services.hub, audit: app.services.audit }, page, request.actor);
    const ctx = viewContext(request, assets);
    return sendView(
      reply,
      <MessagePage ctx={ctx} title={ctx.t('page.deleted', { title: page.title })}>
        <p>
          <a href="/">{ctx.t('nav.home')}</a>
        </p>
      </MessagePage>,
    );
  });

  app.get<{ Params: { slug: string } }>('/wiki/:slug/edit', async (request, reply) => {
    const principal = request.principal;
    // Before looking the page up, so the answer says nothing about which pages exist.
    if (principal.kind === 'anonymous') return reply.redirect(signInUrl(request.url), 302);
    const page = pages.findBySlug(request.params.slug);
    if (!page) return notFound(request, reply, request.params.slug);
    assertCanRead(spaces, principal, page);
    if (page.slug !== request.params.slug) return reply.redirect(`${pageUrl(page.slug)}/edit`, 301);
    return sendView(
      reply,
      <EditPage
        ctx={{ ...viewContext(request, assets), styles: [...assets.entry('site').styles, ...assets.entry('editor').styles] }}
        page={page}
        space={spaceLabel(page)}
        scripts={assets.entry('editor').scripts}
        user={{ id: principal.account.id, displayName: principal.account.displayName }}
        canWrite={spaces.access(principal, page.space_id) === 'write'}
      />,
    );
  });

  /** Renaming a page (writers): the form, then a POST that moves it and leaves its old address as a redirect. */
  function movablePage(request: FastifyRequest, slug: string): PageRow | null {
    // Before looking the page up, so the answer says nothing about which pages exist.
    if (request.principal.kind === 'anonymous') throw errors.signInRequired();
    const page = pages.findBySlug(slug);
    if (page) assertCanWrite(spaces, request.principal, page);
    return page ?? null;
  }

  const movePage = (request: FastifyRequest, reply: FastifyReply, page: PageRow, form?: FormState, offerReuse = false) =>
    sendView(
      reply,
      <MovePage
        ctx={request.method === 'GET' ? viewContext(request, assets) : { ...viewContext(request, assets), path: `${pageUrl(page.slug)}/move` }}
        page={page}
        space={spaceLabel(page)}
        redirects={pages.redirectsOf(page.id)}
        form={form}
        offerReuse={offerReuse}
        maxTitleLength={app.config.pages.maxTitleLength}
      />,
      form ? 400 : 200,
    );

  app.get<{ Params: { slug: string } }>('/wiki/:slug/move', async (request, reply) => {
    if (request.principal.kind === 'anonymous') return reply.redirect(signInUrl(request.url), 302);
    const page = movablePage(request, request.params.slug);
    if (!page) return notFound(request, reply, request.params.slug);
    if (page.slug !== request.params.slug) return reply.redirect(canonicalUrl(request, page, '/move'), 301);
    return movePage(request, reply, page);
  });

  app.post<{ Params: { slug: string } }>('/wiki/:slug/move', async (request, reply) => {
    const page = movablePage(request, request.params.slug);
    if (!page) return notFound(request, reply, request.params.slug);
    const values = readMoveForm(request.body);
    try {
      const { page: moved } = await app.services.mover.move(page, moveInput(values), request.actor, readCheck(spaces, request.principal));
      return reply.redirect(`${pageUrl(moved.slug)}?renamed=1`, 303);
    } catch (error) {
      // The other page is named only to someone who may read it.
      const ownerOf = (slug: string) => {
        const owner = pages.findBySlug(slug);
        return owner && spaces.access(request.principal, owner.space_id) !== 'none' ? owner.title : null;
      };
      const form = moveProblem(request.t, error, values, app.config.pages.maxTitleLength, ownerOf);
      const offerReuse = (error as { code?: string }).code === 'WIKI_SLUG_REDIRECTS' || values.reuseRedirect === 'yes';
      return movePage(request, reply, page, form, offerReuse);
    }
  });

  app.get<{ Params: { username: string }; Querystring: { after?: string } }>('/users/:username', async (request, reply) => {
    const readable = spaces.readableIds(request.principal);
    // "Anyone who can read the wiki": a visitor who may read nothing is asked to sign in first.
    if (request.principal.kind === 'anonymous' && readable.size === 0) throw errors.signInRequired();
    const person = users.findByUsername(request.params.username);
    if (!person) throw errors.routeNotFound();
    const raw = request.query.after;
    const after = raw === undefined ? undefined : typeof raw === 'string' ? decodeAfter(raw) : null;
    if (after === null) throw errors.badRequest('The page cursor is not valid.');
    const { rows, more } = pages.contributedBy(person.id, readable, contributionsPerPage, after);
    const last = rows[rows.length - 1];
    return sendView(
      reply,
      <ProfilePage
        ctx={viewContext(request, assets)}
        person={{ username: person.username, displayName: person.display_name, role: person.role }}
        pages={rows}
        moreUrl={more && last ? `${profileUrl(person.username)}?after=${encodeAfter(last)}` : null}
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
        {canCreate(request.principal) && (
          <form method="post" action="/pages/new">
            <CsrfInput token={ctx.csrf} />
            <input type="hidden" name="title" value={suggestedTitle} />
            <button type="submit" className="button button--primary">
              {ctx.t('page.createIt')}
            </button>
          </form>
        )}
        {!ctx.viewer && (
          <p>
            <a href={signInUrl(request.url)}>{ctx.t('home.signInToCreate')}</a>
          </p>
        )}
      </MessagePage>,
      404,
    );
  }
}

/**
 * The same view of a page under its own address, the query string kept: for a page reached by an old address
 * (a rename) or another spelling of its slug. Callers check the page may be read first, so the new address
 * is never shown to someone who may not read the page.
 */
function canonicalUrl(request: FastifyRequest, page: PageRow, suffix: string): string {
  const query = request.url.indexOf('?');
  return `${pageUrl(page.slug)}${suffix}${query === -1 ? '' : request.url.slice(query)}`;
}

/** The restore form comes back to the page with ?restored=N, the revision it brought back, to say so. */
function revisionNumber(value: string | undefined): number | null {
  return value !== undefined && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null;
}

/** The page's latest named version, and its latest revision, for "what changed since the version they read". */
function lastNamedVersion(history: HistoryService, pageId: string): NamedVersionRef | null {
  const named = history.latestNamed(pageId);
  if (!named) return null;
  return { number: named.number, name: named.name, latest: history.latestNumber(pageId) ?? named.number };
}
