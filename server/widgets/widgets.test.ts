// Portal widgets against a real server (app.inject): the script and how it may be loaded, which routes a portal
// may read cross-origin and as whom (CORS for the configured origins only, on opted-in routes only, never with
// credentials, always anonymous), and GET /api/v1/recent: only readable pages, newest first, bounded limits.
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { apiCall, startTestServer, type TestServer } from '../../tests/helpers/testServer.js';
import { MAX_RECENT } from './schema.js';
import { widgetsScript } from './widgetsScript.js';

const PORTAL = 'https://portal.example.gc.ca';
const STRANGER = 'https://elsewhere.example.com';
/** app.inject() sends Host: localhost:80, so the site's origin as the app computes it is: */
const SITE = 'http://localhost';

let server: TestServer;
let openPage: { id: string; slug: string };
let protectedAPage: { id: string; slug: string };
let cabinetPage: { id: string; slug: string };
let cabinetSlug: string;

interface RecentItem {
  id: string;
  slug: string;
  title: string;
  url: string;
  space: { slug: string; name: string };
  updatedAt: string;
}

const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers });
const recentIds = (body: { items: RecentItem[] }) => body.items.map((item) => item.id);

beforeAll(async () => {
  server = await startTestServer({ embed: { origins: [PORTAL] } });
  const actor = { id: null, name: 'test', ip: null };
  const { spaces, pages } = server.app.services;
  // Open to every signed-in reader, closed to visitors (Protected A), and restricted to nobody's group (Protected B).
  const policies = spaces.create({ name: 'Policies', classification: 'protected-a', access: 'open' }, actor);
  const cabinet = spaces.create({ name: 'Cabinet', classification: 'protected-b', access: 'restricted' }, actor);
  cabinetSlug = cabinet.slug;
  const userId = server.accounts.editor.id;
  openPage = await pages.create({ title: 'Portal news', blocks: [{ kind: 'paragraph', text: 'Open to all.' }] }, { spaceId: 'main', userId });
  protectedAPage = await pages.create({ title: 'Portal policy draft', blocks: [{ kind: 'paragraph', text: 'Staff only.' }] }, { spaceId: policies.id, userId });
  cabinetPage = await pages.create({ title: 'Portal cabinet note', blocks: [{ kind: 'paragraph', text: 'Closed.' }] }, { spaceId: cabinet.id, userId });
});

afterAll(async () => {
  await server.close();
});

describe('GET /widgets.js', () => {
  it('serves a script any origin may load, revalidated at its plain address and cached for a year at its hashed one', async () => {
    const plain = await get('/widgets.js');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['cache-control']).toBe('public, no-cache');
    expect(plain.headers.etag).toBe(widgetsScript.etag);
    expect(plain.body).toBe(widgetsScript.body);

    const hashed = await get(widgetsScript.url);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(widgetsScript.url).toMatch(/^\/widgets\.js\?v=[\w-]{16}$/);

    const again = await get('/widgets.js', { 'if-none-match': widgetsScript.etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('is valid JavaScript defining both elements, with the English and French strings built in', () => {
    const body = widgetsScript.body;
    expect(() => new vm.Script(body)).not.toThrow();
    expect(body).toContain("customElements.define('ensemble-search'");
    expect(body).toContain("customElements.define('ensemble-recent'");
    expect(body).toContain('Search Ensemble');
    expect(body).toContain('Rechercher dans Ensemble');
    expect(body).not.toContain('__MESSAGES__');
    // Data reaches the page as text only.
    expect(body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('defines both elements when it runs, and nothing more when a portal includes it twice', () => {
    const defined: Record<string, unknown> = {};
    let definitions = 0;
    class FakeElement {}
    const sandbox = {
      window: {} as Record<string, unknown>,
      document: { currentScript: { src: 'https://wiki.example.gc.ca/widgets.js?v=abc' } },
      HTMLElement: FakeElement,
      URL,
    };
    sandbox.window = {
      customElements: {
        get: (name: string) => defined[name],
        define: (name: string, ctor: unknown) => {
          definitions++;
          defined[name] = ctor;
        },
      },
      location: { href: 'https://portal.example.gc.ca/' },
    };
    const context = vm.createContext(sandbox);
    vm.runInContext(widgetsScript.body, context);
    expect(Object.keys(defined).sort()).toEqual(['ensemble-recent', 'ensemble-search']);
    vm.runInContext(widgetsScript.body, context);
    expect(definitions).toBe(2);
  });
});

describe('cross-origin reads (CORS) for the configured portals', () => {
  const optedIn = ['/api/v1/search/titles?q=portal', '/api/v1/search?q=portal', '/api/v1/recent', '/widgets.js'];

  it.each(optedIn)('%s: the configured portal may read it, without credentials, and the answer varies by Origin', async (url) => {
    const response = await get(url, { origin: PORTAL });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(response.headers.vary)).toMatch(/\bOrigin\b/);
  });

  it.each(optedIn)('%s: another origin, or none, gets no CORS header', async (url) => {
    for (const headers of [{ origin: STRANGER }, { origin: 'null' }, {}] as Record<string, string>[]) {
      const response = await get(url, headers);
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(response.headers.vary)).toMatch(/\bOrigin\b/);
    }
  });

  it('routes that did not opt in never answer a portal with CORS headers', async () => {
    for (const url of ['/api/v1/pages', `/api/v1/pages/${openPage.id}`, '/api/v1/session', '/api/v1/spaces', '/embed.js', '/widgets', `/wiki/${openPage.slug}`]) {
      const response = await get(url, { origin: PORTAL });
      expect([url, response.statusCode]).toEqual([url, 200]);
      expect([url, response.headers['access-control-allow-origin']]).toEqual([url, undefined]);
    }
  });

  it('refusals carry the headers too, so a widget can tell why', async () => {
    const response = await get('/api/v1/recent?limit=0', { origin: PORTAL });
    expect(response.statusCode).toBe(400);
    expect(response.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(response.json().code).toBe('WIKI_BAD_REQUEST');
  });

  it('a preflight is answered: GET only, no extra header allowed, no credentials; nothing for other origins', async () => {
    const preflight = (origin: string) =>
      server.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/recent?limit=3',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(PORTAL);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(allowed.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(allowed.headers['access-control-allow-headers']).toBeUndefined();
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();

    const other = await preflight(STRANGER);
    expect(other.statusCode).toBe(204);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['access-control-allow-methods']).toBeUndefined();

    // The preflight routes are not part of the documented API.
    const spec = (await get('/api/v1/openapi.json')).json() as { paths: Record<string, object> };
    expect(Object.keys(spec.paths['/api/v1/recent'])).toEqual(['get']);
    expect(Object.keys(spec.paths['/api/v1/search/titles'])).toEqual(['get']);

    // Routes that did not opt in get no preflight route at all.
    const pages = await server.app.inject({ method: 'OPTIONS', url: '/api/v1/pages', headers: { origin: PORTAL, 'access-control-request-method': 'GET' } });
    expect(pages.statusCode).toBe(404);
    expect(pages.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a cross-origin request is answered as to an anonymous visitor, whatever credentials it carries', async () => {
    const { admin } = server.accounts;
    for (const credentials of [{ authorization: admin.bearer }, { cookie: admin.cookie }] as Record<string, string>[]) {
      const own = (await get('/api/v1/recent?limit=50', credentials)).json();
      expect(recentIds(own)).toEqual(expect.arrayContaining([openPage.id, protectedAPage.id, cabinetPage.id]));
      for (const origin of [PORTAL, STRANGER]) {
        const recent = await get('/api/v1/recent?limit=50', { ...credentials, origin });
        expect(recentIds(recent.json())).toContain(openPage.id);
        expect(recentIds(recent.json())).not.toContain(protectedAPage.id);
        expect(recentIds(recent.json())).not.toContain(cabinetPage.id);
        const titles = await get('/api/v1/search/titles?q=portal', { ...credentials, origin });
        expect(titles.json().results.map((r: { id: string }) => r.id)).toEqual([openPage.id]);
      }
    }
    // The wiki's own pages (no Origin on a same-origin GET, or this site's own) keep the session.
    const same = await get('/api/v1/recent?limit=50', { authorization: admin.bearer, origin: SITE });
    expect(recentIds(same.json())).toContain(cabinetPage.id);
  });
});

describe('GET /api/v1/recent', () => {
  it('lists what an anonymous visitor may read, newest first, with absolute permanent links and the space', async () => {
    const response = await get('/api/v1/recent');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { items: RecentItem[] };
    const ids = recentIds(body);
    expect(ids).toContain(openPage.id);
    expect(ids).not.toContain(protectedAPage.id);
    expect(ids).not.toContain(cabinetPage.id);
    expect(response.body).not.toContain('Portal cabinet note');
    const item = body.items.find((i) => i.id === openPage.id)!;
    expect(item).toEqual({
      id: openPage.id,
      slug: openPage.slug,
      title: 'Portal news',
      url: `${SITE}/p/${openPage.id}`,
      space: { slug: 'Main', name: expect.any(String) },
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const times = body.items.map((i) => Date.parse(i.updatedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('lists for each caller only the spaces they may read', async () => {
    const { reader, admin } = server.accounts;
    const asReader = recentIds((await apiCall(server, 'GET', '/recent?limit=50', reader)).json());
    expect(asReader).toEqual(expect.arrayContaining([openPage.id, protectedAPage.id]));
    expect(asReader).not.toContain(cabinetPage.id);
    const asAdmin = recentIds((await apiCall(server, 'GET', '/recent?limit=50', admin)).json());
    expect(asAdmin).toEqual(expect.arrayContaining([openPage.id, protectedAPage.id, cabinetPage.id]));
  });

  it('one space: by address; unknown and unreadable spaces are the same 404', async () => {
    const main = await get('/api/v1/recent?space=Main&limit=50');
    expect(main.statusCode).toBe(200);
    expect((main.json() as { items: RecentItem[] }).items.every((i) => i.space.slug === 'Main')).toBe(true);

    const unknown = await get('/api/v1/recent?space=Nowhere', { origin: PORTAL });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 'WIKI_SPACE_NOT_FOUND', message: expect.any(String) });
    expect(unknown.headers['access-control-allow-origin']).toBe(PORTAL);

    const closed = await get(`/api/v1/recent?space=${encodeURIComponent(cabinetSlug)}`);
    expect(closed.statusCode).toBe(404);
    expect(closed.json().code).toBe('WIKI_SPACE_NOT_FOUND');
    const asAdmin = await apiCall(server, 'GET', `/recent?space=${encodeURIComponent(cabinetSlug)}`, server.accounts.admin);
    expect(recentIds(asAdmin.json())).toEqual([cabinetPage.id]);
  });

  it('takes a limit from 1 to 50 (10 by default) and refuses anything else with 400', async () => {
    const { pages } = server.app.services;
    for (let i = 0; i < 12; i++) await pages.create({ title: `Bulletin ${i}` }, { spaceId: 'main', userId: null });
    expect((await get('/api/v1/recent')).json().items).toHaveLength(10);
    expect((await get('/api/v1/recent?limit=1')).json().items).toHaveLength(1);
    expect((await get(`/api/v1/recent?limit=${MAX_RECENT}`)).statusCode).toBe(200);
    for (const bad of ['0', '-1', String(MAX_RECENT + 1), 'ten', '2.5', '']) {
      const response = await get(`/api/v1/recent?limit=${bad}`);
      expect([bad, response.statusCode]).toEqual([bad, 400]);
      expect(response.json()).toEqual({ code: 'WIKI_BAD_REQUEST', message: expect.any(String) });
    }
    expect((await get('/api/v1/recent?unknown=1')).statusCode).toBe(400);
  });
});

describe('GET /widgets (portal authors’ page)', () => {
  it('explains the widgets in English and French and shows them live, loading the script from this origin', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const response = await get(`/widgets?lang=${lang}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(`<html lang="${lang}"`);
      expect(response.body).toContain(`<script src="${widgetsScript.url}" defer=""></script>`);
      expect(response.body).toContain('&lt;script src=&quot;http://localhost/widgets.js&quot; defer&gt;&lt;/script&gt;');
      expect(response.body).toMatch(/<ensemble-search lang="(en|fr)"><\/ensemble-search>/);
      expect(response.body).toContain('<ensemble-recent');
      expect(response.body).toContain('WIKI_EMBED_ORIGINS');
      expect(response.headers['content-security-policy']).toMatch(/script-src 'self'/);
    }
    expect((await get('/widgets?lang=fr')).body).toContain('Widgets Ensemble pour les portails intranet');
  });

  it('is linked from the footer of every page', async () => {
    expect((await get('/')).body).toContain('<a href="/widgets">');
  });
});
