// Embeds, oEmbed and link previews against a real server (app.inject): which routes may be framed and by whom,
// what the embed view and the oEmbed answer hold, and that a page nobody may read leaks neither its title nor
// its text through any of them. Pages with text are seeded on the server; HTML is read as a browser would.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Window } from 'happy-dom';
import { apiCall, startTestServer, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import { ConfigError, loadConfig } from '../plugins/config.js';
import { IFRAME_SANDBOX } from './oembed.js';
import { locatePage, summaryOf } from './pageLinks.js';

const PORTAL = 'https://portal.example.gc.ca';
/** app.inject() sends Host: localhost:80, so the site's origin as the app computes it is: */
const SITE = 'http://localhost';

let server: TestServer;
let member: TestAccount;
const window = new Window();

const LONG_TEXT =
  'Portals across the public service link to this page every day. ' +
  'It explains how a team moved its meeting notes into the wiki, what it learned about writing together in both official languages, ' +
  'and which habits made the change stick after the pilot ended and the project team moved on to other work.';
const NASTY_TITLE = `Say "hi" & 'bye' <script>alert(1)</script>`;

let open: { id: string; slug: string };
let nasty: { id: string; slug: string };
let secret: { id: string; slug: string };

beforeAll(async () => {
  server = await startTestServer({ embed: { origins: [PORTAL] } });
  const { admin } = server.accounts;
  member = await server.createAccount('member', 'editor');
  const group = (await apiCall(server, 'POST', '/groups', admin, { name: 'Cabinet team' })).json().id as string;
  await apiCall(server, 'PUT', `/groups/${group}/members/${member.id}`, admin);
  // Protected B with no access rule given: restricted to the granted group.
  const cabinet = (await apiCall(server, 'POST', '/spaces', admin, { name: 'Cabinet', classification: 'protected-b', grants: [{ groupId: group, role: 'editor' }] })).json();
  const { pages } = server.app.services;
  const userId = server.accounts.editor.id;
  open = await pages.create({ title: 'Meeting notes in the wiki', blocks: [{ kind: 'paragraph', text: LONG_TEXT }] }, { spaceId: 'main', userId });
  nasty = await pages.create({ title: NASTY_TITLE, blocks: [{ kind: 'paragraph', text: 'Harmless body.' }] }, { spaceId: 'main', userId });
  secret = await pages.create({ title: 'Cabinet briefing', blocks: [{ kind: 'paragraph', text: 'Budget figures nobody outside may see.' }] }, { spaceId: cabinet.id, userId: member.id });
});
afterAll(async () => {
  await server.close();
  await window.happyDOM.close();
});

function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

const get = (url: string, as?: TestAccount | null, headers: Record<string, string> = {}) =>
  server.app.inject({ url, headers: { accept: 'text/html', ...headers, ...(as ? { cookie: as.cookie } : {}) } });
const getJson = (url: string, as?: TestAccount | null) => server.app.inject({ url, headers: as ? { cookie: as.cookie } : {} });

const csp = (headers: Record<string, unknown>) => String(headers['content-security-policy'] ?? '');
const frameAncestors = (headers: Record<string, unknown>) => /frame-ancestors ([^;]*)/.exec(csp(headers))?.[1];
const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const metaContent = (doc: Document, selector: string) => doc.querySelector(selector)?.getAttribute('content') ?? null;
const oembedUrl = (url: string, extra = '') => `/oembed?url=${encodeURIComponent(url)}${extra}`;

describe('who may frame what', () => {
  it('lets the configured portals and the site itself frame /embed/:slug and /embed/p/:id, without X-Frame-Options', async () => {
    for (const url of [`/embed/${open.slug}`, `/embed/p/${open.id}`]) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(frameAncestors(response.headers)).toBe(`'self' ${PORTAL}`);
      expect(response.headers['x-frame-options']).toBeUndefined();
      // The rest of the policy is the site's: no inline script, scripts and styles from this origin only.
      expect(csp(response.headers)).toContain("script-src 'self'");
      expect(csp(response.headers)).toContain("default-src 'self'");
      expect(csp(response.headers)).toContain("object-src 'none'");
    }
  });

  it('keeps every other page unframeable: frame-ancestors none and X-Frame-Options DENY', async () => {
    for (const url of [`/wiki/${open.slug}`, `/wiki/${open.slug}/history`, '/', '/search?q=notes', oembedUrl(`${SITE}/p/${open.id}`), `/api/v1/pages/${open.id}`, '/no-such-route']) {
      const response = await get(url);
      expect([url, frameAncestors(response.headers), response.headers['x-frame-options']]).toEqual([url, "'none'", 'DENY']);
    }
  });

  it('frames the embed sign-in prompt and the embed not-found page too, so a portal shows them rather than a browser error', async () => {
    for (const [url, status] of [[`/embed/${secret.slug}`, 401], ['/embed/No-such-page', 404]] as const) {
      const response = await get(url);
      expect(response.statusCode).toBe(status);
      expect(frameAncestors(response.headers)).toBe(`'self' ${PORTAL}`);
    }
  });

  it('with no portals configured, an embed may be framed only by the site itself and still opens directly', async () => {
    const bare = await startTestServer();
    try {
      const page = await bare.app.services.pages.create({ title: 'Alone', blocks: [{ kind: 'paragraph', text: 'Hello.' }] }, { spaceId: 'main', userId: null });
      const response = await bare.app.inject({ url: `/embed/${page.slug}` });
      expect(response.statusCode).toBe(200);
      expect(frameAncestors(response.headers)).toBe("'self'");
      expect(parse(response.body).documentElement.getAttribute('data-embed-parents')).toBe(SITE);
    } finally {
      await bare.close();
    }
  });

  it('serves the embed script and stylesheet to any origin (a sandboxed frame has an opaque one), cached by content hash', async () => {
    const doc = parse((await get(`/embed/${open.slug}`)).body);
    const scriptUrl = doc.querySelector('script')!.getAttribute('src')!;
    const styleUrl = doc.querySelector('link[rel="stylesheet"]')!.getAttribute('href')!;
    expect(scriptUrl).toMatch(/^\/embed\.js\?v=[\w-]{16}$/);
    expect(styleUrl).toMatch(/^\/embed\.css\?v=[\w-]{16}$/);
    for (const [url, type] of [[scriptUrl, /^text\/javascript/], [styleUrl, /^text\/css/]] as const) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(type);
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const again = await get(url, null, { 'if-none-match': String(response.headers.etag) });
      expect(again.statusCode).toBe(304);
      // Without the current hash the file may have changed: revalidate.
      expect((await get(url.split('?')[0])).headers['cache-control']).toBe('public, no-cache');
    }
    expect((await get(`/wiki/${open.slug}`)).headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});

describe('the embed view', () => {
  it('shows the title as the only heading, the stored HTML and a way out to the permanent link, without the site header', async () => {
    const response = await get(`/embed/${open.slug}`);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    // A frame in a portal sets nothing in the reader's browser.
    expect(response.headers['set-cookie']).toBeUndefined();
    const doc = parse(response.body);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.documentElement.getAttribute('data-embed-slug')).toBe(open.slug);
    expect(doc.documentElement.getAttribute('data-embed-parents')).toBe(`${SITE} ${PORTAL}`);
    expect([...doc.querySelectorAll('h1')].map(textOf)).toEqual(['Meeting notes in the wiki']);
    expect(textOf(doc.querySelector('main .ens-content'))).toBe(LONG_TEXT);
    expect(doc.querySelector('header, nav, form, .site-header')).toBeNull();
    expect(doc.querySelectorAll('main')).toHaveLength(1);
    const out = doc.querySelector('footer a')!;
    expect(out.getAttribute('href')).toBe(`/p/${open.id}`);
    expect(out.getAttribute('target')).toBe('_blank');
    expect(out.getAttribute('rel')).toBe('noopener');
    expect(textOf(out)).toBe('Open in Ensemble (opens in a new tab)');
    // Links in the content leave the frame too: the wiki's own pages refuse to be framed.
    expect(doc.querySelector('base')?.getAttribute('target')).toBe('_blank');
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${SITE}/p/${open.id}`);
    expect(metaContent(doc, 'meta[name="robots"]')).toBe('noindex');
    // No inline script anywhere (the CSP would refuse it).
    expect([...doc.querySelectorAll('script')].every((s) => s.getAttribute('src') && textOf(s) === '')).toBe(true);
  });

  it('speaks French when asked', async () => {
    const doc = parse((await get(`/embed/p/${open.id}?lang=fr`)).body);
    expect(doc.documentElement.getAttribute('lang')).toBe('fr');
    expect(textOf(doc.querySelector('footer a'))).toBe('Ouvrir dans Ensemble (s’ouvre dans un nouvel onglet)');
  });

  it('escapes a title with quotes and markup', async () => {
    const response = await get(`/embed/p/${nasty.id}`);
    expect(response.body).not.toContain('<script>alert');
    expect(textOf(parse(response.body).querySelector('h1'))).toBe(NASTY_TITLE);
  });

  it('asks a visitor to sign in (401) for a Protected B page, in a new tab, and shows nothing of it', async () => {
    for (const [url, next] of [[`/embed/${secret.slug}`, `/wiki/${secret.slug}`], [`/embed/p/${secret.id}`, `/p/${secret.id}`]]) {
      const response = await get(url);
      expect(response.statusCode).toBe(401);
      expect(response.body).not.toContain('Cabinet briefing');
      expect(response.body).not.toContain('Budget figures');
      const doc = parse(response.body);
      expect(textOf(doc.querySelector('h1'))).toBe('Sign in to see this page');
      const link = doc.querySelector('main a')!;
      expect(link.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(next)}`);
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener');
    }
  });

  it('answers 404 to a signed-in person who may not read the page, as to a page that does not exist', async () => {
    const refused = await get(`/embed/${secret.slug}`, server.accounts.editor);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Cabinet briefing');
    expect(refused.body).not.toContain('Budget figures');
    expect(textOf(parse(refused.body).querySelector('h1'))).toBe('Page not found');
    expect((await get('/embed/p/nosuchpageid1')).statusCode).toBe(404);
  });

  it('shows a Protected B page, under its classification, to a member whose session reaches the frame', async () => {
    const response = await get(`/embed/${secret.slug}`, member);
    expect(response.statusCode).toBe(200);
    const doc = parse(response.body);
    expect(textOf(doc.querySelector('h1'))).toBe('Cabinet briefing');
    expect(textOf(doc.querySelector('.classification'))).toContain('Protected B');
    expect(textOf(doc.querySelector('.ens-content'))).toBe('Budget figures nobody outside may see.');
  });
});

describe('links in an embed', () => {
  it('marks a link to a page that does not exist as on the page itself, with text for screen readers', async () => {
    const { pages } = server.app.services;
    const page = await pages.create(
      { title: 'Embedded with links', blocks: [{ kind: 'paragraph', text: ['See ', { text: 'the notes', url: `/p/${open.id}` }, ' and ', { text: 'Travel policy', url: '/pages/new?title=Travel%20policy' }] }] },
      { spaceId: 'main', userId: server.accounts.editor.id },
    );
    const doc = parse((await get(`/embed/${page.slug}`)).body);
    const [existing, wanted] = [...doc.querySelectorAll('a[href^="/p/"], a[href^="/pages/new"]')];
    expect(existing.classList.contains('ens-link--missing')).toBe(false);
    expect(wanted.classList.contains('ens-link--missing')).toBe(true);
    expect(textOf(wanted.querySelector('.visually-hidden'))).toContain('does not exist');
  });
});

describe('oEmbed', () => {
  it('answers a rich oEmbed 1.0 object whose html is a sandboxed iframe of the permanent embed address', async () => {
    for (const url of [`${SITE}/wiki/${open.slug}`, `${SITE}/p/${open.id}`, `${SITE}/embed/${open.slug}`, `${SITE}/embed/p/${open.id}`, `${SITE}/wiki/${open.slug}/history?x=1#top`]) {
      const response = await getJson(oembedUrl(url, '&format=json'));
      expect([url, response.statusCode]).toEqual([url, 200]);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const body = response.json();
      expect(body).toEqual({
        type: 'rich',
        version: '1.0',
        title: 'Meeting notes in the wiki',
        provider_name: 'Ensemble',
        provider_url: `${SITE}/`,
        html: expect.any(String),
        width: 640,
        height: 480,
      });
      const frames = parse(`<body>${body.html}</body>`).querySelectorAll('body > *');
      expect(frames).toHaveLength(1);
      const frame = frames[0];
      expect(frame.tagName).toBe('IFRAME');
      expect(frame.getAttribute('src')).toBe(`${SITE}/embed/p/${open.id}`);
      expect(frame.getAttribute('title')).toBe('Meeting notes in the wiki');
      expect(frame.getAttribute('sandbox')).toBe(IFRAME_SANDBOX);
      expect(frame.getAttribute('sandbox')?.split(' ')).not.toContain('allow-same-origin');
      expect([frame.getAttribute('width'), frame.getAttribute('height')]).toEqual(['640', '480']);
    }
  });

  it('keeps within maxwidth and maxheight, and carries a language asked for in the URL into the frame', async () => {
    const body = (await getJson(oembedUrl(`${SITE}/wiki/${open.slug}?lang=fr`, '&maxwidth=300&maxheight=200'))).json();
    expect([body.width, body.height]).toEqual([300, 200]);
    const frame = parse(`<body>${body.html}</body>`).querySelector('iframe')!;
    expect(frame.getAttribute('src')).toBe(`${SITE}/embed/p/${open.id}?lang=fr`);
    expect([frame.getAttribute('width'), frame.getAttribute('height')]).toEqual(['300', '200']);
    expect((await getJson(oembedUrl(`${SITE}/p/${open.id}`, '&maxwidth=0'))).statusCode).toBe(400);
  });

  it('escapes a title with quotes and <script> in the html, and gives it unchanged as the title', async () => {
    const body = (await getJson(oembedUrl(`${SITE}/p/${nasty.id}`))).json();
    expect(body.title).toBe(NASTY_TITLE);
    expect(body.html).not.toMatch(/<script/i);
    expect(body.html).toContain('title="Say &quot;hi&quot; &amp; &#39;bye&#39; &lt;script&gt;alert(1)&lt;/script&gt;"');
    const doc = parse(`<body>${body.html}</body>`);
    expect(doc.querySelectorAll('body > *')).toHaveLength(1);
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('iframe')!.getAttribute('title')).toBe(NASTY_TITLE);
  });

  it('answers 501 to format=xml and to any other format, as oEmbed asks', async () => {
    for (const format of ['xml', 'yaml']) {
      const response = await getJson(oembedUrl(`${SITE}/p/${open.id}`, `&format=${format}`));
      expect(response.statusCode).toBe(501);
      expect(response.json()).toEqual({ code: 'WIKI_OEMBED_FORMAT', message: expect.any(String) });
    }
  });

  it('refuses a missing or malformed url (400) and a URL that is not a page of this wiki (404)', async () => {
    for (const url of ['/oembed', oembedUrl('not a url'), oembedUrl('/p/' + open.id), oembedUrl(`javascript:alert(1)`)]) {
      const response = await getJson(url);
      expect([url, response.statusCode, response.json().code]).toEqual([url, 400, 'WIKI_BAD_REQUEST']);
    }
    for (const url of [`https://elsewhere.example/p/${open.id}`, `${SITE}:8080/p/${open.id}`, `${SITE}/search?q=x`, `${SITE}/p/nosuchpageid1`, `${SITE}/wiki/No-such-page`, `${SITE}/`]) {
      const response = await getJson(oembedUrl(url));
      expect([url, response.statusCode, response.json()]).toEqual([url, 404, { code: 'WIKI_PAGE_NOT_FOUND', message: expect.any(String) }]);
    }
  });

  it('answers a Protected B page like the API: 401 to visitors, 404 to others, the object to members; never the title', async () => {
    const url = oembedUrl(`${SITE}/wiki/${secret.slug}`);
    const anonymous = await getJson(url);
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'WIKI_SIGN_IN_REQUIRED']);
    const outsider = await getJson(url, server.accounts.editor);
    expect([outsider.statusCode, outsider.json().code]).toEqual([404, 'WIKI_PAGE_NOT_FOUND']);
    for (const refused of [anonymous, outsider]) expect(refused.body).not.toContain('Cabinet');
    const insider = await getJson(url, member);
    expect(insider.statusCode).toBe(200);
    expect(insider.json().title).toBe('Cabinet briefing');
  });
});

describe('link previews', () => {
  it('gives a page view OpenGraph and Twitter-card tags from its title and summary, its permanent link and oEmbed discovery', async () => {
    const doc = parse((await get(`/wiki/${open.slug}`)).body);
    const summary = summaryOf(LONG_TEXT);
    expect(summary.length).toBeLessThanOrEqual(200);
    expect(summary.endsWith('…')).toBe(true);
    expect(LONG_TEXT.startsWith(summary.slice(0, -1))).toBe(true);
    expect({
      description: metaContent(doc, 'meta[name="description"]'),
      siteName: metaContent(doc, 'meta[property="og:site_name"]'),
      title: metaContent(doc, 'meta[property="og:title"]'),
      ogDescription: metaContent(doc, 'meta[property="og:description"]'),
      type: metaContent(doc, 'meta[property="og:type"]'),
      url: metaContent(doc, 'meta[property="og:url"]'),
      locale: metaContent(doc, 'meta[property="og:locale"]'),
      alternate: metaContent(doc, 'meta[property="og:locale:alternate"]'),
      card: metaContent(doc, 'meta[name="twitter:card"]'),
      twitterTitle: metaContent(doc, 'meta[name="twitter:title"]'),
      twitterDescription: metaContent(doc, 'meta[name="twitter:description"]'),
    }).toEqual({
      description: summary,
      siteName: 'Ensemble',
      title: 'Meeting notes in the wiki',
      ogDescription: summary,
      type: 'article',
      url: `${SITE}/p/${open.id}`,
      locale: 'en_CA',
      alternate: 'fr_CA',
      card: 'summary',
      twitterTitle: 'Meeting notes in the wiki',
      twitterDescription: summary,
    });
    const discovery = doc.querySelectorAll('link[rel="alternate"][type="application/json+oembed"]');
    expect(discovery).toHaveLength(1);
    expect(discovery[0].getAttribute('href')).toBe(`${SITE}/oembed?url=${encodeURIComponent(`${SITE}/p/${open.id}`)}&format=json`);
    expect(discovery[0].getAttribute('title')).toBe('Meeting notes in the wiki');
    // The discovery link leads to a working oEmbed answer.
    expect((await getJson(discovery[0].getAttribute('href')!.slice(SITE.length))).json().title).toBe('Meeting notes in the wiki');
  });

  it('says fr_CA in French', async () => {
    const doc = parse((await get(`/wiki/${open.slug}?lang=fr`)).body);
    expect(metaContent(doc, 'meta[property="og:locale"]')).toBe('fr_CA');
    expect(metaContent(doc, 'meta[property="og:locale:alternate"]')).toBe('en_CA');
  });

  it('puts oEmbed discovery on the views of a page (history, authors) and site-wide tags on other pages', async () => {
    for (const url of [`/wiki/${open.slug}/history`, `/wiki/${open.slug}/authors`]) {
      const doc = parse((await get(url)).body);
      expect(doc.querySelector('link[type="application/json+oembed"]')?.getAttribute('title')).toBe('Meeting notes in the wiki');
      expect(metaContent(doc, 'meta[property="og:type"]')).toBe('website');
    }
    const home = parse((await get('/')).body);
    expect(home.querySelector('link[type="application/json+oembed"]')).toBeNull();
    expect(metaContent(home, 'meta[property="og:type"]')).toBe('website');
    expect(metaContent(home, 'meta[property="og:description"]')).toBe('The wiki public servants write together');
    expect(metaContent(home, 'meta[property="og:url"]')).toBe(`${SITE}/`);
    expect(metaContent(home, 'meta[name="twitter:card"]')).toBe('summary');
  });

  it('gives the sign-in and not-found answers for a Protected B page generic tags only', async () => {
    const cases: [string, TestAccount | null, number][] = [
      [`/wiki/${secret.slug}`, null, 401],
      [`/wiki/${secret.slug}/history`, null, 401],
      [`/wiki/${secret.slug}`, server.accounts.editor, 404],
      [`/wiki/${secret.slug}/history`, server.accounts.editor, 404],
    ];
    for (const [url, as, status] of cases) {
      const response = await get(url, as);
      expect([url, response.statusCode]).toEqual([url, status]);
      expect(response.body).not.toContain('Cabinet briefing');
      expect(response.body).not.toContain('Budget figures');
      expect(response.body).not.toContain(secret.id);
      const doc = parse(response.body);
      expect(doc.querySelector('link[type="application/json+oembed"]')).toBeNull();
      expect(metaContent(doc, 'meta[property="og:description"]')).toBe('The wiki public servants write together');
      expect(metaContent(doc, 'meta[property="og:type"]')).toBe('website');
    }
    // The member sees the page's own.
    const doc = parse((await get(`/wiki/${secret.slug}`, member)).body);
    expect(metaContent(doc, 'meta[property="og:description"]')).toBe('Budget figures nobody outside may see.');
  });
});

describe('addresses', () => {
  it('cuts a summary at a word boundary, and leaves short text whole', () => {
    expect(summaryOf('  Short   text.\n')).toBe('Short text.');
    expect(summaryOf('')).toBe('');
    const cut = summaryOf('word '.repeat(100));
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/^(word )+word…$/);
  });

  it('finds the page a path names, and nothing for other paths', () => {
    expect(locatePage('/p/abc')).toEqual({ id: 'abc' });
    expect(locatePage('/wiki/A-page')).toEqual({ slug: 'A-page' });
    expect(locatePage('/wiki/A-page/')).toEqual({ slug: 'A-page' });
    expect(locatePage('/wiki/A-page/diff')).toEqual({ slug: 'A-page' });
    expect(locatePage('/embed/A-page')).toEqual({ slug: 'A-page' });
    expect(locatePage('/embed/p/abc')).toEqual({ id: 'abc' });
    for (const path of ['/', '/wiki', '/wiki/', '/p/abc/more', '/search', '/wiki//x', '/wiki/%E0%A4%A', '/embed/a/b']) expect([path, locatePage(path)]).toEqual([path, null]);
  });
});

describe('WIKI_EMBED_ORIGINS', () => {
  const load = (env: Record<string, string>) => loadConfig({ WIKI_DATA_DIR: '/tmp/ensemble-config-test', ...env });

  it('is empty by default, and normalizes origins (case, default port, trailing slash) without duplicates', () => {
    expect(load({}).embed.origins).toEqual([]);
    expect(load({ WIKI_EMBED_ORIGINS: ' https://Portal.Example.gc.ca:443/ , http://intranet.example:8080,https://portal.example.gc.ca' }).embed.origins).toEqual([
      'https://portal.example.gc.ca',
      'http://intranet.example:8080',
    ]);
  });

  it('refuses wildcards, paths and anything that is not an http(s) origin, listing every problem with the others', () => {
    let error: unknown;
    try {
      load({ PORT: 'abc', WIKI_EMBED_ORIGINS: '*,https://*.example.gc.ca,https://portal.example.gc.ca/intranet,ftp://files.example,portal.example.gc.ca,https://a.example?x=1,https://user@b.example' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
    const embed = problems.filter((p) => p.startsWith('WIKI_EMBED_ORIGINS'));
    expect(embed).toHaveLength(7);
    expect(embed[0]).toMatch(/cannot hold "\*": wildcards would let any site frame the wiki/);
    expect(embed[1]).toMatch(/cannot hold "https:\/\/\*\.example\.gc\.ca"/);
    for (const [i, value] of ['https://portal.example.gc.ca/intranet', 'ftp://files.example', 'portal.example.gc.ca', 'https://a.example?x=1', 'https://user@b.example'].entries()) {
      expect(embed[i + 2]).toBe(`WIKI_EMBED_ORIGINS has "${value}", which is not an http(s) origin (scheme and host, optional port, no path), e.g. https://portal.example.gc.ca`);
    }
  });
});
