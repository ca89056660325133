// The human side of page history, server-rendered and usable without JavaScript: the list of revisions, an old
// revision, the word diff of two, who wrote the current text, and the forms that change things (save a named
// version, name or rename an existing revision, restore a revision). Reading follows the page's read access;
// the forms need write access.
// Bad addresses answer with a page that says what is wrong (400) or that nothing is there (404), never a 500.
import { pageFeedLink } from '../feeds/discovery.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError, FormState } from '../admin/views/fields.js';
import type { Principal } from '../auth/permissions.js';
import { assertCanRead, assertCanWrite } from '../pages/pageAccess.js';
import type { PageRow } from '../pages/pages.repo.js';
import { pageUrl, presentSpaceRef } from '../pages/presenter.js';
import { errors } from '../plugins/errors.js';
import type { Translate } from '../../shared/i18n/index.js';
import type { ClientAssets } from '../web/assets.js';
import { field, serviceError } from '../web/forms.js';
import { sendView, viewContext } from '../web/routes.js';
import { MessagePage } from '../web/views/MessagePage.js';
import { MAX_VERSION_NAME, MAX_VERSION_SUMMARY } from './history.service.js';
import type { Actor, RevisionDetail } from './types.js';
import { AuthorsPage } from './views/AuthorsPage.js';
import { DiffPage } from './views/DiffPage.js';
import { historyUrl, revisionUrl, type HistoryPageRef } from './views/historyParts.js';
import { HistoryPage } from './views/HistoryPage.js';
import { RevisionPage } from './views/RevisionPage.js';

const revisionsPerScreen = 50;

/** A revision number as it appears in an address: 1, 2, 3… (no sign, no leading zero, no fraction). */
function revisionNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,14}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * A version's name and summary from a form, measured as the service measures them (runs of white space
 * count as one, ends trimmed), with what is wrong with them in the reader's language.
 */
function versionInput(t: Translate, body: unknown) {
  const values = { name: field(body, 'name'), summary: field(body, 'summary') };
  const name = values.name.replace(/\s+/g, ' ').trim();
  const summary = values.summary.trim();
  const problems: FieldError[] = [];
  if (name === '') problems.push({ field: 'name', message: t('history.save.nameRequired') });
  else if (name.length > MAX_VERSION_NAME) problems.push({ field: 'name', message: t('history.save.nameTooLong', { max: MAX_VERSION_NAME }) });
  if (summary.length > MAX_VERSION_SUMMARY) problems.push({ field: 'summary', message: t('history.save.summaryTooLong', { max: MAX_VERSION_SUMMARY }) });
  return { values, input: { name, ...(summary ? { summary } : {}) }, problems };
}

type Params = { Params: { slug: string } };
type RevisionParams = { Params: { slug: string; n: string } };

export const historyWebRoutes: FastifyPluginAsync<{ assets: ClientAssets }> = async (app, { assets }) => {
  const { pages, spaces, history } = app.services;

  const canWrite = (principal: Principal, page: PageRow) => spaces.access(principal, page.space_id) === 'write';
  const refOf = (page: PageRow): HistoryPageRef => ({ page, space: presentSpaceRef(spaces, page.space_id) });
  const latestOf = (page: PageRow) => history.latestNumber(page.id);

  /**
   * The view context, with the address a language switch or sign-in link should come back to: a form's
   * answer cannot be fetched again, so those links go to `back` (by default the history) instead.
   */
  function contextFor(request: FastifyRequest, page?: PageRow, back?: string) {
    const ctx = viewContext(request, assets);
    return request.method === 'GET' ? ctx : { ...ctx, path: back ?? (page ? historyUrl(page.slug) : '/') };
  }

  function message(request: FastifyRequest, reply: FastifyReply, status: number, title: string, body: string, page?: PageRow) {
    const ctx = contextFor(request, page);
    return sendView(
      reply,
      <MessagePage ctx={ctx} title={title}>
        <p>{body}</p>
        {page && (
          <p>
            <a href={historyUrl(page.slug)}>{ctx.t('history.backToHistory', { title: page.title })}</a>
          </p>
        )}
      </MessagePage>,
      status,
    );
  }

  const pageNotFound = (request: FastifyRequest, reply: FastifyReply, slug: string) =>
    message(request, reply, 404, request.t('page.notFoundTitle'), request.t('page.notFoundBody', { slug }));
  const revisionNotFound = (request: FastifyRequest, reply: FastifyReply, page: PageRow, n: string) =>
    message(request, reply, 404, request.t('history.revisionNotFoundTitle'), request.t('history.revisionNotFoundBody', { title: page.title, n }), page);
  const badRequest = (request: FastifyRequest, reply: FastifyReply, page: PageRow, body: string) =>
    message(request, reply, 400, request.t('history.badRequestTitle'), body, page);

  /** The page at this address if the principal may read it (else a 404, or a sign-in prompt for visitors). */
  function readable(request: FastifyRequest, slug: string): PageRow | null {
    const page = pages.findBySlug(slug);
    if (page) assertCanRead(spaces, request.principal, page);
    return page ?? null;
  }

  /** The same address with the page's own spelling of its slug, when it was reached another way. */
  function canonical(request: FastifyRequest, page: PageRow, suffix: string): string | null {
    if (page.slug === (request.params as { slug: string }).slug) return null;
    const query = request.url.indexOf('?');
    return `${pageUrl(page.slug)}${suffix}${query === -1 ? '' : request.url.slice(query)}`;
  }

  /**
   * The page at this address and who is changing it, if they may. Visitors are asked to sign in before the
   * page is looked up, so the answer says nothing about which pages exist; readers get a 403.
   */
  function writable(request: FastifyRequest, slug: string): { page: PageRow; actor: Actor } | null {
    const principal = request.principal;
    if (principal.kind !== 'user') throw errors.signInRequired();
    const page = pages.findBySlug(slug);
    if (!page) return null;
    assertCanWrite(spaces, principal, page);
    return { page, actor: { userId: principal.account.id, displayName: principal.account.displayName } };
  }

  function historyPage(request: FastifyRequest, reply: FastifyReply, page: PageRow, options: { before?: number; saveForm?: FormState } = {}) {
    // The history is the page's feed, in a browser: feed readers and browsers find the Atom version here.
    const ctx = { ...contextFor(request, page), feeds: pageFeedLink(request, page) };
    const named = history.namedVersions(page.id);
    const saved = request.method === 'GET' ? revisionNumber((request.query as { saved?: unknown }).saved) : null;
    const savedVersion = saved === null ? undefined : named.find((v) => v.number === saved);
    const revisions = history.list(page.id, { before: options.before, limit: revisionsPerScreen });
    return sendView(
      reply,
      <HistoryPage
        ctx={ctx}
        of={refOf(page)}
        named={named}
        revisions={revisions}
        latest={options.before === undefined ? (revisions.items[0]?.number ?? null) : latestOf(page)}
        before={options.before}
        canWrite={canWrite(request.principal, page)}
        notice={savedVersion ? ctx.t('history.save.done', { n: savedVersion.number, name: savedVersion.name ?? '' }) : undefined}
        saveForm={options.saveForm}
      />,
      options.saveForm ? 400 : 200,
    );
  }

  /** An old revision; with `nameForm`, its name form shown again with what was wrong (400). */
  function revisionPage(request: FastifyRequest, reply: FastifyReply, page: PageRow, revision: RevisionDetail, nameForm?: FormState) {
    return sendView(
      reply,
      <RevisionPage
        ctx={contextFor(request, page, revisionUrl(page.slug, revision.number))}
        of={refOf(page)}
        revision={revision}
        latest={latestOf(page) ?? revision.number}
        canWrite={canWrite(request.principal, page)}
        nameForm={nameForm}
      />,
      nameForm ? 400 : 200,
    );
  }

  app.get<Params>('/wiki/:slug/history', async (request, reply) => {
    const page = readable(request, request.params.slug);
    if (!page) return pageNotFound(request, reply, request.params.slug);
    const location = canonical(request, page, '/history');
    if (location) return reply.redirect(location, 301);
    const raw = (request.query as { before?: unknown }).before;
    const before = raw === undefined ? undefined : revisionNumber(raw);
    if (before === null) return badRequest(request, reply, page, request.t('history.list.badBefore'));
    return historyPage(request, reply, page, { before });
  });

  app.post<Params>('/wiki/:slug/history/versions', async (request, reply) => {
    const target = writable(request, request.params.slug);
    if (!target) return pageNotFound(request, reply, request.params.slug);
    const { page, actor } = target;
    const { values, input, problems } = versionInput(request.t, request.body);
    if (problems.length > 0) return historyPage(request, reply, page, { saveForm: { values, errors: problems } });
    let saved;
    try {
      saved = history.saveVersion(page.id, input, actor);
    } catch (error) {
      // The service stays the authority on names; what it refuses is shown on the form like our own checks.
      const refused = serviceError(request.t, error, values);
      return historyPage(request, reply, page, { saveForm: { values, errors: [refused.error] } });
    }
    return reply.redirect(`${historyUrl(page.slug)}?saved=${saved.number}`, 303);
  });

  app.get<RevisionParams>('/wiki/:slug/revisions/:n', async (request, reply) => {
    const page = readable(request, request.params.slug);
    if (!page) return pageNotFound(request, reply, request.params.slug);
    const location = canonical(request, page, `/revisions/${request.params.n}`);
    if (location) return reply.redirect(location, 301);
    const n = revisionNumber(request.params.n);
    const revision = n === null ? null : await history.get(page.id, n);
    if (!revision) return revisionNotFound(request, reply, page, request.params.n);
    return revisionPage(request, reply, page, revision);
  });

  app.post<RevisionParams>('/wiki/:slug/revisions/:n/name', async (request, reply) => {
    const target = writable(request, request.params.slug);
    if (!target) return pageNotFound(request, reply, request.params.slug);
    const { page, actor } = target;
    const n = revisionNumber(request.params.n);
    const revision = n === null ? null : await history.get(page.id, n);
    if (!revision) return revisionNotFound(request, reply, page, request.params.n);
    const { values, input, problems } = versionInput(request.t, request.body);
    if (problems.length > 0) return revisionPage(request, reply, page, revision, { values, errors: problems });
    let named;
    try {
      named = history.nameRevision(page.id, revision.number, input, actor);
    } catch (error) {
      const refused = serviceError(request.t, error, values);
      return revisionPage(request, reply, page, revision, { values, errors: [refused.error] });
    }
    if (!named) return revisionNotFound(request, reply, page, request.params.n);
    return reply.redirect(`${historyUrl(page.slug)}?saved=${named.number}`, 303);
  });

  app.post<RevisionParams>('/wiki/:slug/revisions/:n/restore', async (request, reply) => {
    const target = writable(request, request.params.slug);
    if (!target) return pageNotFound(request, reply, request.params.slug);
    const { page, actor } = target;
    const n = revisionNumber(request.params.n);
    const restored = n === null ? null : await history.restore(page.id, n, actor);
    if (!restored) return revisionNotFound(request, reply, page, request.params.n);
    return reply.redirect(`${pageUrl(page.slug)}?restored=${n}`, 303);
  });

  app.get<Params>('/wiki/:slug/diff', async (request, reply) => {
    const page = readable(request, request.params.slug);
    if (!page) return pageNotFound(request, reply, request.params.slug);
    const location = canonical(request, page, '/diff');
    if (location) return reply.redirect(location, 301);
    const query = request.query as { from?: unknown; to?: unknown };
    const from = revisionNumber(query.from);
    const to = revisionNumber(query.to);
    if (from === null || to === null) return badRequest(request, reply, page, request.t('history.diff.badParams'));
    const diff = await history.diff(page.id, from, to);
    const latest = latestOf(page) ?? 0;
    if (!diff) {
      return message(request, reply, 404, request.t('history.revisionNotFoundTitle'), request.t('history.diff.notFound', { title: page.title, latest }), page);
    }
    return sendView(reply, <DiffPage ctx={viewContext(request, assets)} of={refOf(page)} diff={diff} latest={latest} />);
  });

  app.get<Params>('/wiki/:slug/authors', async (request, reply) => {
    const page = readable(request, request.params.slug);
    if (!page) return pageNotFound(request, reply, request.params.slug);
    const location = canonical(request, page, '/authors');
    if (location) return reply.redirect(location, 301);
    const attribution = await history.attribution(page.id);
    return sendView(reply, <AuthorsPage ctx={viewContext(request, assets)} of={refOf(page)} attribution={attribution} />);
  });
};
