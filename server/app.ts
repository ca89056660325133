// Builds the Fastify app: infrastructure plugins at the root, features as encapsulated plugins.
// buildApp() is kept apart from listen() so tests can use app.inject() or their own port.
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Config } from './plugins/config.js';
import dbPlugin, { migrate, openDatabase, type Db } from './plugins/db.js';
import errorsPlugin from './plugins/errors.js';
import i18nPlugin from './plugins/i18n.js';
import securityHeaders from './plugins/securityHeaders.js';
import corsPlugin from './plugins/cors.js';
import { CollabHub } from './collab/collabHub.js';
import { collabRoutes } from './collab/routes.js';
import { healthRoutes } from './health/routes.js';
import { metricsRoutes } from './metrics/metrics.js';
import fp from 'fastify-plugin';
import { loadStoredState } from './collab/storedState.js';
import { UpdateLogRepo } from './collab/updateLog.repo.js';
import { PagesRepo } from './pages/pages.repo.js';
import { pagesRoutes } from './pages/routes.js';
import { PagesService } from './pages/pages.service.js';
import { PageMover } from './pages/pageMover.js';
import { ErrorSchema } from './pages/schema.js';
import { RenderPool } from './render/renderPool.js';
import { RenderScheduler } from './render/renderScheduler.js';
import { ClientAssets } from './web/assets.js';
import { renderErrorPage, webRoutes } from './web/routes.js';
import { authWebRoutes } from './auth/webRoutes.js';
import { oidcRoutes } from './auth/oidcRoutes.js';
import { accountRoutes } from './auth/accountRoutes.js';
import { adminRoutes } from './admin/routes.js';
import { spacesWebRoutes } from './spaces/webRoutes.js';
import { AuditRepo } from './audit/audit.repo.js';
import { AuditService } from './audit/audit.service.js';
import { AttemptLimiter } from './auth/attemptLimiter.js';
import { Authenticator } from './auth/authenticator.js';
import { SessionsRepo } from './auth/sessions.repo.js';
import { SessionsService } from './auth/sessions.service.js';
import { GroupsRepo } from './groups/groups.repo.js';
import { GroupsService } from './groups/groups.service.js';
import authPlugin from './plugins/auth.js';
import { sessionRoutes } from './auth/sessionRoutes.js';
import { anonymous, type Principal } from './auth/permissions.js';
import { loadOrCreateSecret } from './plugins/secret.js';
import { SpacesRepo } from './spaces/spaces.repo.js';
import { SpacesService } from './spaces/spaces.service.js';
import { TokensRepo } from './tokens/tokens.repo.js';
import { TokensService } from './tokens/tokens.service.js';
import { UsersRepo } from './users/users.repo.js';
import { UsersService } from './users/users.service.js';
import { usersRoutes } from './users/routes.js';
import { groupsRoutes } from './groups/routes.js';
import { spacesRoutes } from './spaces/routes.js';
import { tokensRoutes } from './tokens/routes.js';
import { auditRoutes } from './audit/routes.js';
import { HistoryService } from './history/history.service.js';
import { RevisionsRepo } from './history/revisions.repo.js';
import { systemClock, type Clock } from './history/revisionRecorder.js';
import { historyRoutes } from './history/routes.js';
import { historyWebRoutes } from './history/webRoutes.js';
import { searchWebRoutes } from './search/webRoutes.js';
import { embedRoutes } from './embed/routes.js';
import { SearchRepo } from './search/search.repo.js';
import { searchRoutes } from './search/routes.js';
import { SearchService } from './search/search.service.js';
import { CatalogueRepo } from './catalogue/catalogue.repo.js';
import { CatalogueService } from './catalogue/catalogue.service.js';
import { catalogueApiRoutes, catalogueIndexRoute } from './catalogue/routes.js';
import { catalogueWebRoutes } from './catalogue/webRoutes.js';
import { FeedsRepo } from './feeds/feeds.repo.js';
import { FeedsService } from './feeds/feeds.service.js';
import { feedRoutes } from './feeds/routes.js';
import { redactQueryToken } from './auth/authenticator.js';
import { LinksRepo } from './links/links.repo.js';
import { LinksService } from './links/links.service.js';
import { linksRoutes } from './links/routes.js';
import { linksWebRoutes } from './links/webRoutes.js';
import { widgetApiRoutes, widgetScriptRoute } from './widgets/routes.js';
import { widgetsWebRoutes } from './widgets/webRoutes.js';

export interface Services {
  db: Db;
  pages: PagesService;
  /** Renames pages (title and address), leaving the old address as a redirect. */
  mover: PageMover;
  hub: CollabHub;
  renderer: RenderScheduler;
  updateLog: UpdateLogRepo;
  history: HistoryService;
  search: SearchService;
  catalogue: CatalogueService;
  links: LinksService;
  users: UsersService;
  groups: GroupsService;
  spaces: SpacesService;
  sessions: SessionsService;
  tokens: TokensService;
  audit: AuditService;
  authenticator: Authenticator;
  signInLimiter: AttemptLimiter;
  /** Re-checks the permissions of open live connections (all, or one account's) after a change. */
  accessChanged(userId?: string): void;
}

/** The account-side services, built from a database alone: shared by the server and the CLI. */
export function buildAccountServices(db: Db, config: Config, accessChanged: (userId?: string) => void = () => {}) {
  const audit = new AuditService(new AuditRepo(db));
  const usersRepo = new UsersRepo(db);
  const groupsRepo = new GroupsRepo(db);
  const users = new UsersService({
    repo: usersRepo,
    audit,
    scryptCost: config.auth.scryptCost,
    defaultRole: config.auth.defaultRole,
    onAccessChanged: (userId) => accessChanged(userId),
  });
  let spaces: SpacesService;
  const groups = new GroupsService({
    repo: groupsRepo,
    users: usersRepo,
    audit,
    onAccessChanged: (userId) => {
      spaces.refresh();
      accessChanged(userId);
    },
  });
  spaces = new SpacesService({
    repo: new SpacesRepo(db),
    groups: groupsRepo,
    audit,
    policy: { anonymousRead: config.auth.anonymousRead },
    onAccessChanged: () => accessChanged(),
  });
  const sessions = new SessionsService({ repo: new SessionsRepo(db), idleMs: config.auth.sessionIdleMs, maxAgeMs: config.auth.sessionMaxAgeMs });
  const tokens = new TokensService({ repo: new TokensRepo(db), audit, onRevoked: () => accessChanged() });
  return { audit, users, groups, spaces, sessions, tokens };
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    services: Services;
  }
}

/**
 * Query strings and params arrive as text and are coerced ("20" → 20); JSON bodies are typed by the client
 * and are not, so {"title": 42} is an error rather than the title "42".
 */
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validators = (() => {
  const make = (coerceTypes: false | 'array') => {
    const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
    addFormats(ajv);
    return ajv;
  };
  return { body: make(false), other: make('array') };
})();

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Where the app's own logger writes (standard output by default); tests read what it logs. */
  logStream?: { write(line: string): void };
  assets?: ClientAssets;
  /** The clock revision rules run on (tests drive it by hand). */
  clock?: Clock;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const db = openDatabase(config.databaseFile, config.sqliteSynchronous);
  migrate(db);

  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      // Credentials never reach the log: bearer tokens, session cookies, CSRF tokens.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      // Feed addresses may carry an API token (?token=): logged URLs never do. Otherwise Fastify's own fields.
      serializers: {
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: redactQueryToken(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 300 },
    // X-Forwarded-For/-Proto are believed only from configured proxies.
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? validators.body : validators.other).compile(schema));

  const assets = options.assets ?? new ClientAssets();
  const search = new SearchService({ repo: new SearchRepo(db), log: app.log });
  const catalogue = new CatalogueService({ repo: new CatalogueRepo(db), log: app.log });
  const links = new LinksService({ repo: new LinksRepo(db), log: app.log });
  // Search takes the renderer's headings when it has them; the catalogue, the entry read from the document.
  const pagesRepo = new PagesRepo(db, [{ indexPage: (pageId, rendering) => search.indexPage(pageId, rendering.headings) }, catalogue, links]);
  const updateLog = new UpdateLogRepo(db);

  let hubRef: CollabHub | null = null;
  const accounts = buildAccountServices(db, config, (userId) => hubRef?.revalidate(userId));
  const authenticator = new Authenticator({ ...accounts, auth: config.auth, trustedProxies: config.trustedProxies });
  const signInLimiter = new AttemptLimiter({
    maxFailuresPerUsername: config.auth.maxFailuresPerUsername,
    maxAttemptsPerAddress: config.auth.maxAttemptsPerAddress,
    windowMs: config.auth.attemptWindowMs,
  });

  const renderPool = new RenderPool(config.render.workerIdleMs);
  const revisionsRepo = new RevisionsRepo(db);
  const history = new HistoryService({
    repo: revisionsRepo,
    updateLog,
    users: new UsersRepo(db),
    render: (state) => renderPool.render(state),
    clock: options.clock ?? systemClock,
    limits: config.history,
    log: app.log,
    renderPage: (pageId) => renderer.renderNow(pageId),
  });
  const pages = new PagesService({
    repo: pagesRepo,
    render: (state) => renderPool.render(state),
    maxTitleLength: config.pages.maxTitleLength,
    // A template page open for live editing is copied as its editors see it, queued keystrokes included.
    loadState: (pageId) => hub.committedState(pageId) ?? loadStoredState(updateLog, pageId),
    onCreated: (pageId, seed, rendered, userId) => history.recordCreated(pageId, seed, rendered, userId),
  });
  let renderer: RenderScheduler;
  const hub = new CollabHub({
    updateLog,
    pageExists: (pageId) => pagesRepo.findById(pageId) !== undefined,
    onPagesChanged: (pageIds) => {
      pageIds.forEach((id) => renderer.touch(id));
      history.recorder.changed(pageIds);
    },
    config: config.collab,
    log: app.log,
    accessChecker: () => {
      // One pass re-checks every socket: look each page and each credential up once.
      const spaceOf = new Map<string, string | null>();
      const principals = new Map<string, Principal | null>();
      return (identity, pageId) => {
        if (!spaceOf.has(pageId)) spaceOf.set(pageId, pagesRepo.findById(pageId)?.space_id ?? null);
        const spaceId = spaceOf.get(pageId);
        if (!spaceId) return 'none';
        let principal: Principal = anonymous;
        if (identity) {
          const { credential } = identity;
          const key = `${identity.userId}:${credential.kind === 'session' ? credential.sessionHash : credential.kind === 'token' ? credential.tokenId : ''}`;
          if (!principals.has(key)) principals.set(key, authenticator.recheck(identity.userId, credential));
          const current = principals.get(key);
          if (!current) return 'signed-out';
          principal = current;
        }
        return accounts.spaces.access(principal, spaceId);
      };
    },
    isFormerName: (userId, name) => accounts.users.wasRecentlyNamed(userId, name),
    clientOwners: (pageId) => revisionsRepo.clientOwners(pageId),
    recordEdits: (edits, now) => history.recordEdits(edits, now),
    lastBoundary: (pageId) => history.lastBoundary(pageId),
    onWritersChanged: (pageId, writers) => history.recorder.writersChanged(pageId, writers),
    beforeEvict: (pageId) => history.recorder.cut(pageId, 'left'),
    onContributed: (contributions) => {
      const now = Date.now();
      db.transaction(() => {
        for (const [pageId, userIds] of contributions) pagesRepo.recordContributors(pageId, userIds, now);
      })();
    },
  });
  hubRef = hub;
  history.attachHub(hub);
  renderer = new RenderScheduler({
    loadState: (pageId) => {
      if (pagesRepo.version(pageId) === undefined) return null;
      const state = hub.committedState(pageId) ?? loadStoredState(updateLog, pageId);
      // Read after the state: committedState may have committed queued updates and bumped the version.
      return { state, version: pagesRepo.version(pageId)! };
    },
    render: (state) => renderPool.render(state),
    store: (pageId, rendered, version) => pagesRepo.storeRendering(pageId, rendered, version),
    stalePageIds: () => pagesRepo.stalePageIds(),
    debounceMs: config.render.debounceMs,
    maxWaitMs: config.render.maxWaitMs,
    log: app.log,
  });

  const mover = new PageMover({
    pages,
    repo: pagesRepo,
    hub,
    audit: accounts.audit,
    maxTitleLength: config.pages.maxTitleLength,
    loadState: (pageId) => hub.committedState(pageId) ?? loadStoredState(updateLog, pageId),
    renderPage: (pageId) => renderer.renderNow(pageId),
  });

  app.decorate('config', config);
  const accessChanged = (userId?: string) => hub.revalidate(userId);
  app.decorate('services', { db, pages, mover, hub, renderer, updateLog, history, search, catalogue, links, ...accounts, authenticator, signInLimiter, accessChanged });

  await app.register(errorsPlugin, { renderHtml: (request, _reply, error) => renderErrorPage(request, assets, error) });
  await app.register(dbPlugin, { db });
  await app.register(securityHeaders, { embedOrigins: config.embed.origins });
  await app.register(corsPlugin, { origins: config.embed.origins, publicUrl: config.publicUrl });
  await app.register(cookie);
  await app.register(i18nPlugin);
  await app.register(authPlugin, {
    authenticator,
    sessions: accounts.sessions,
    csrfSecret: config.auth.secret ?? loadOrCreateSecret(db, 'csrf_secret'),
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
  });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(websocket, { options: { maxPayload: config.collab.maxMessageBytes } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Ensemble API', version: '1', description: 'Pages of the Ensemble wiki.' },
    },
  });
  app.addSchema(ErrorSchema);

  if (assets.built) {
    await app.register(fastifyStatic, {
      root: path.join(assets.directory, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  }

  await app.register(
    async (api) => {
      // The API speaks JSON only; anything else is a 415, not a string body.
      api.removeContentTypeParser(['text/plain']);
      await api.register(sessionRoutes);
      await api.register(pagesRoutes, { pages, spaces: accounts.spaces, hub, audit: accounts.audit, mover });
      await api.register(usersRoutes);
      await api.register(groupsRoutes);
      await api.register(spacesRoutes);
      await api.register(tokensRoutes);
      await api.register(auditRoutes);
      await api.register(historyRoutes, { history, pages, spaces: accounts.spaces });
      await api.register(searchRoutes, { search, spaces: accounts.spaces });
      await api.register(catalogueApiRoutes, { catalogue, spaces: accounts.spaces });
      await api.register(linksRoutes, { links, pages, spaces: accounts.spaces });
      await api.register(widgetApiRoutes, { pages, spaces: accounts.spaces });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  await app.register(collabRoutes, { hub, pages: pagesRepo, spaces: accounts.spaces, publicUrl: config.publicUrl });
  await app.register(healthRoutes, { db, hub });
  await app.register(fp(metricsRoutes), { hub, renderer });
  await app.register(webRoutes, { pages, spaces: accounts.spaces, assets });
  await app.register(authWebRoutes, { assets });
  await app.register(oidcRoutes, { assets });
  await app.register(accountRoutes, { assets });
  await app.register(adminRoutes, { assets });
  await app.register(spacesWebRoutes, { assets });
  await app.register(historyWebRoutes, { assets });
  await app.register(searchWebRoutes, { assets });
  await app.register(embedRoutes);
  await app.register(widgetScriptRoute);
  await app.register(widgetsWebRoutes, { assets });
  await app.register(catalogueIndexRoute, { catalogue, spaces: accounts.spaces });
  await app.register(catalogueWebRoutes, { assets });
  await app.register(linksWebRoutes, { assets });
  const feeds = new FeedsService({ repo: new FeedsRepo(db), revisions: revisionsRepo, history, search, catalogue, pages, log: app.log });
  await app.register(feedRoutes, { prefix: '/feeds', feeds });

  // Expired sessions are refused when presented; this only keeps the table small.
  const purgeSessions = setInterval(() => accounts.sessions.purgeExpired(), 3600_000);
  purgeSessions.unref();
  app.addHook('onReady', async () => {
    accounts.sessions.purgeExpired();
    void renderer.renderStale();
    void search.indexMissing().catch((err) => app.log.error({ err }, 'indexing pages for search failed'));
    void catalogue.warm().catch((err) => app.log.error({ err }, 'analyzing catalogue entries failed'));
    void history.recover();
  });
  // Order matters on close: stop taking edits and store them, bring renderings up to date, then close the file.
  app.addHook('preClose', async () => {
    hub.close();
    await history.stop();
  });
  app.addHook('onClose', async () => {
    clearInterval(purgeSessions);
    await renderer.stop();
    await renderPool.close();
    search.stop();
    catalogue.stop();
    db.close();
  });
  return app;
}
