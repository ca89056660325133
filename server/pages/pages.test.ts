// The pages REST API through app.inject(), against a real SQLite file.
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import { buildApp } from '../app.js';
import { loadConfig } from '../plugins/config.js';
import { makeAccount, tempDataDir } from '../../tests/helpers/testServer.js';

let app: FastifyInstance;
let dataDir: string;
/** An editor's write token: creating pages needs a signed-in editor. */
let editorAuth: string;
let editor: Awaited<ReturnType<typeof makeAccount>>;

beforeEach(async () => {
  dataDir = tempDataDir();
  app = await buildApp(loadConfig({ WIKI_DATA_DIR: dataDir }), { logger: false });
  editor = await makeAccount(app, 'editor', 'editor');
  editorAuth = editor.bearer;
});
afterEach(async () => {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const create = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/pages', headers: { authorization: editorAuth }, payload: payload as object });

describe('POST /api/v1/pages', () => {
  test('creates a page with a readable slug folded from a French title', async () => {
    const response = await create({ title: 'Plan de justification : outil de collaboration (Été 2026)' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[a-z0-9]{12}$/),
      slug: 'Plan-de-justification-outil-de-collaboration-Ete-2026',
      title: 'Plan de justification : outil de collaboration (Été 2026)',
      url: '/wiki/Plan-de-justification-outil-de-collaboration-Ete-2026',
    });
    expect(response.headers.location).toBe(`/api/v1/pages/${body.id}`);
  });

  test('gives a second page with the same title a distinct slug', async () => {
    const first = (await create({ title: 'Meeting plan' })).json();
    const second = (await create({ title: 'Meeting plan' })).json();
    expect(first.slug).toBe('Meeting-plan');
    expect(second.slug).toBe('Meeting-plan-2');
    expect(second.id).not.toBe(first.id);
  });

  test('accepts an explicit slug and refuses it when taken, ignoring case', async () => {
    expect((await create({ title: 'A', slug: 'Plan-de-justification' })).statusCode).toBe(201);
    const clash = await create({ title: 'B', slug: 'plan-de-justification' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toEqual({ code: 'WIKI_SLUG_TAKEN', message: expect.any(String) });
  });

  test.each([
    ['spaces inside', 'has spaces'],
    ['accents', 'Été'],
    ['a slash', 'a/b'],
    ['a leading hyphen', '-lead'],
    ['two hyphens', 'a--b'],
    ['too long', 'x'.repeat(101)],
  ])('refuses an explicit slug with %s', async (_label, slug) => {
    const response = await create({ title: 'Fine title', slug });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toMatch(/^WIKI_(INVALID_SLUG|BAD_REQUEST)$/);
    const list = await app.inject({ url: '/api/v1/pages' });
    expect(list.json().total).toBe(0);
  });

  test.each([
    ['an empty title', { title: '' }],
    ['a blank title', { title: '   \n\t ' }],
    ['a title that is not a string', { title: 42 }],
    ['a missing title', {}],
    ['an unknown field', { title: 'x', owner: 'admin' }],
    ['an unknown template', { title: 'x', template: 'nope' }],
    ['an unknown space', { title: 'x', space: 'Secret' }],
    ['a title over 200 characters', { title: 'x'.repeat(201) }],
  ])('refuses %s with a 400 and creates nothing', async (_label, payload) => {
    const response = await create(payload);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body.code).toMatch(/^WIKI_/);
    expect((await app.inject({ url: '/api/v1/pages' })).json().total).toBe(0);
  });

  test('refuses malformed JSON and non-JSON bodies with clear errors', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/v1/pages', headers: { authorization: editorAuth, 'content-type': 'application/json' }, payload: '{"title":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('WIKI_BAD_REQUEST');
    const text = await app.inject({ method: 'POST', url: '/api/v1/pages', headers: { authorization: editorAuth, 'content-type': 'text/plain' }, payload: 'title' });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('WIKI_UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('GET /api/v1/pages/:idOrSlug', () => {
  test('finds a page by id and by slug in any case, with its html and text', async () => {
    const { id } = (await create({ title: 'Case study: GCpedia' })).json();
    for (const key of [id, 'Case-study-GCpedia', 'case-study-gcpedia']) {
      const response = await app.inject({ url: `/api/v1/pages/${key}` });
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page).toMatchObject({ id, slug: 'Case-study-GCpedia', title: 'Case study: GCpedia', text: '' });
      expect(typeof page.html).toBe('string');
      expect(Date.parse(page.updatedAt)).not.toBeNaN();
      expect(page).not.toHaveProperty('slug_key');
      expect(page).not.toHaveProperty('version');
    }
  });

  test('answers 404 with a JSON error for an unknown page', async () => {
    const response = await app.inject({ url: '/api/v1/pages/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'WIKI_PAGE_NOT_FOUND', message: expect.any(String) });
  });
});

describe('GET /api/v1/pages', () => {
  test('pages through every page exactly once, most recent first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await create({ title: `Page ${i}` })).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const body = (await app.inject({ url: `/api/v1/pages${query}` })).json();
      expect(body.total).toBe(7);
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((p: { id: string }) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  test('refuses a forged cursor and an out-of-range limit', async () => {
    expect((await app.inject({ url: '/api/v1/pages?cursor=bm90LWEtY3Vyc29y' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/pages?limit=0' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/pages?limit=1000' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/pages?limit=ten' })).statusCode).toBe(400);
  });
});

describe('health', () => {
  test('/healthz reports the database and live-sync state', async () => {
    const response = await app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok', rooms: 0, connections: 0 });
  });
});

describe('metrics', () => {
  test('/metrics exposes Prometheus text with request and live-sync figures', async () => {
    await app.inject({ url: '/api/v1/pages' });
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(/ensemble_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/pages",status="200"\} 1/);
    expect(response.body).toContain('ensemble_collab_connections 0');
  });
});

describe('OpenAPI', () => {
  test('describes the pages routes at /api/v1/openapi.json', async () => {
    const response = await app.inject({ url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/pages', '/api/v1/pages/{idOrSlug}']));
    expect(doc.paths['/api/v1/pages'].post.responses['201']).toBeDefined();
  });
});

describe('server-rendered pages', () => {
  test('/wiki/:slug is a complete accessible page that needs no script', async () => {
    const { id } = (await create({ title: 'Justification' })).json();
    const response = await app.inject({ url: '/wiki/Justification', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/^<!doctype html><html lang="en">/);
    expect(response.body).toContain('<main id="main"');
    expect(response.body).toContain('<h1>Justification</h1>');
    expect(response.body).toContain(`href="/p/${id}"`);
    // The content needs no script; the only ones are the site's own bundles (the header search's suggestions).
    const main = response.body.slice(response.body.indexOf('<main'), response.body.indexOf('</main>'));
    expect(main).not.toContain('<script');
    for (const tag of response.body.match(/<script\b[^>]*>/gi) ?? []) expect(tag).toMatch(/ src="\/assets\/[^"]+\.js"/);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('/wiki/:slug is in French when asked, and remembers it', async () => {
    await create({ title: 'Justification' });
    const response = await app.inject({ url: '/wiki/Justification?lang=fr', headers: { cookie: editor.cookie } });
    expect(response.body).toContain('<html lang="fr">');
    expect(response.body).toContain('Modifier');
    const cookie = response.cookies.find((c) => c.name === 'ens_lang');
    expect(cookie?.value).toBe('fr');
    const next = await app.inject({ url: '/', cookies: { ens_lang: 'fr' } });
    expect(next.body).toContain('<html lang="fr">');
    const byHeader = await app.inject({ url: '/', headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } });
    expect(byHeader.body).toContain('<html lang="fr">');
  });

  test('/p/:id answers 301 to the current slug, and a wrong-case slug redirects to the canonical one', async () => {
    const { id } = (await create({ title: 'Budget 2027' })).json();
    const permalink = await app.inject({ url: `/p/${id}` });
    expect(permalink.statusCode).toBe(301);
    expect(permalink.headers.location).toBe('/wiki/Budget-2027');
    const lower = await app.inject({ url: '/wiki/budget-2027' });
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe('/wiki/Budget-2027');
    expect((await app.inject({ url: '/p/unknownid000' })).statusCode).toBe(404);
  });

  test('an unknown page answers 404 and offers an editor to create it, and a visitor to sign in first', async () => {
    const response = await app.inject({ url: '/wiki/Nouvelle-page', headers: { accept: 'text/html', cookie: editor.cookie } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('action="/pages/new"');
    expect(response.body).toContain('value="Nouvelle page"');
    const visitor = await app.inject({ url: '/wiki/Nouvelle-page', headers: { accept: 'text/html' } });
    expect(visitor.statusCode).toBe(404);
    expect(visitor.body).not.toContain('action="/pages/new"');
    expect(visitor.body).toContain('href="/login?next=');
  });

  test('the home form creates a page and opens its editor; a blank title is explained', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie: editor.cookie };
    const csrf = `_csrf=${encodeURIComponent(editor.csrf)}`;
    const created = await app.inject({ method: 'POST', url: '/pages/new', payload: `title=Team+charter&${csrf}`, headers: form });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/wiki/Team-charter/edit');
    const home = await app.inject({ url: '/', headers: { cookie: editor.cookie } });
    expect(home.body).toContain('href="/wiki/Team-charter"');

    const blank = await app.inject({ method: 'POST', url: '/pages/new', payload: `title=+&${csrf}`, headers: form });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('role="alert"');
    expect(blank.body).toContain('aria-invalid="true"');
  });

  test('stored content is served as sanitized html', async () => {
    const { id } = (await create({ title: 'Safe' })).json();
    // Write hostile markup straight into the stored rendering path: the renderer's output is what is served.
    const { renderPageState } = await import('../render/pageRenderer.js');
    const { seedPageState } = await import('../render/docSeeder.js');
    const rendered = renderPageState(seedPageState('Safe', [{ kind: 'paragraph', text: '<img src=x onerror=alert(1)><script>alert(1)</script>' }]));
    expect(rendered.html).not.toMatch(/<img|<script/i);
    expect(rendered.html).toContain('&lt;script&gt;');
    expect(id).toBeTruthy();
  });
});
