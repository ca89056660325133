// Stored XSS: whatever a hostile signed-in editor writes into a page (body text, link URLs and titles through
// the live Y.Doc, titles through the REST API), and whatever display name a hostile account gives itself, no
// script of theirs runs in chromium, for an anonymous visitor or a signed-in reader: not in the server-rendered
// page, the home page or the live editor (under the site's CSP; read-only for the reader, and checked for a
// signed-in editor too), nor in the API's sanitized HTML loaded with the CSP switched off, so the sanitizer is
// tested on its own. Payloads are escaped text, not dropped. Needs the client bundle (`npm test` builds it
// first) and /usr/bin/chromium.
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { $createLinkNode } from '@lexical/link';
import type { Browser, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { translator } from '../../shared/i18n/index.js';
import { assertClientBuilt, editorBody, launchChromium } from '../helpers/chromium.js';
import { connectLexicalClient, type LexicalClient } from '../helpers/lexicalClient.js';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../helpers/testServer.js';
import { xssCorpus, xssMarker, type XssPayload } from '../helpers/xssCorpus.js';
import { openProbeTab, problemsInAll as probeAll, squash, type ProbeTab, type ProbeViewer, type View } from '../helpers/xssProbe.js';
import { BODY_ROOT, TITLE_TEXT } from '../../shared/collabProtocol.js';

jest.setTimeout(180_000);

/** Upper bound for anything that crosses the network or waits for a re-render (debounced 0.4–1.5 s). */
const SETTLE_MS = 15_000;
/** Payloads written into one page body (or present on one page); keeps pages few and renders quick. */
const PER_PAGE = 17;
/** The home page lists the 20 most recently changed pages, so titles are checked 20 at a time. */
const TITLES_PER_BATCH = 20;
/** The API's limit on a title; several payloads share a title up to it, separated by a space. */
const MAX_TITLE_LENGTH = 200;
const TABS_AT_ONCE = 3;
const t = translator('en');

let server: TestServer;
let browser: Browser;
/** The editor whose live client and API token write the payloads. */
let hostile: TestAccount;
const clients: LexicalClient[] = [];

beforeAll(async () => {
  assertClientBuilt();
  // A short render debounce: the suite waits for a few hundred renders, not for the debounce itself.
  server = await startTestServer({ render: { debounceMs: 100, maxWaitMs: 400 } });
  hostile = await server.createAccount('hostile', 'editor');
  browser = await launchChromium();
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

// ---- who looks, and at what ----

interface Viewer {
  label: string;
  /** Null for an anonymous visitor. */
  probe: ProbeViewer | null;
}

const viewerFor = (label: string, account: TestAccount | null): Viewer => ({
  label,
  probe: account ? { url: server.url, sessionCookie: account.sessionCookie } : null,
});
/** Who reads pages: an anonymous visitor and a signed-in reader. */
const readers = (): Viewer[] => [viewerFor('anonymous', null), viewerFor('signed-in reader', server.accounts.reader)];
/**
 * Who opens the live editor: a signed-in reader (read-only) and a signed-in editor. Anonymous visitors are
 * sent to sign in (permissions.test.ts).
 */
const editorViewers = (): Viewer[] => [viewerFor('signed-in reader', server.accounts.reader), viewerFor('signed-in editor', server.accounts.editor)];

/** Every view, TABS_AT_ONCE tabs at a time, through the shared probe. */
const problemsInAll = (views: View[]) => probeAll(browser, views, TABS_AT_ONCE);

const goto = (path: string, status = 200) => async (tab: ProbeTab) => {
  const response = await tab.page.goto(`${server.url}${path}`);
  if (response?.status() !== status) throw new Error(`${path} answered ${response?.status()}, expected ${status}`);
};

const presenceList = (p: Page) => p.getByRole('list', { name: t('editor.presence') });

/** Waits until the editor body shows each of `expected` (it syncs after it loads, editable or not). */
async function editorShows(p: Page, expected: string[]): Promise<void> {
  await editorBody(p).waitFor();
  await waitFor(() => editorBody(p).innerText(), (text) => expected.every((e) => squash(text).includes(squash(e))), SETTLE_MS, 'the editor to show the page');
}

/** Reader view (for each reader), editor (for each editor viewer) and the API's html (CSP off) of a page whose body holds `expected` as text. */
function bodyViews(label: string, page: { id: string; slug: string }, expected: string[]): View[] {
  return [
    ...readers().map(
      (viewer): View => ({
        name: `reader /wiki/${page.slug} as ${viewer.label} (${label})`,
        viewer: viewer.probe,
        open: goto(`/wiki/${page.slug}`),
        visibleText: (p) => p.locator('main .ens-content').innerText(),
        expectVisible: expected,
      }),
    ),
    ...editorViewers().map(
      (viewer): View => ({
        name: `editor /wiki/${page.slug}/edit as ${viewer.label} (${label})`,
        viewer: viewer.probe,
        open: goto(`/wiki/${page.slug}/edit`),
        ready: (p) => editorShows(p, expected),
        visibleText: (p) => editorBody(p).innerText(),
        expectVisible: expected,
      }),
    ),
    {
      name: `API html of ${page.id} loaded without CSP (${label})`,
      bypassCSP: true,
      // Served from the wiki's origin, so relative links resolve as on the site, but with no CSP at all.
      open: async (tab) => tab.openHtml(`${server.url}/__sanitized-html/${page.id}`, `<!doctype html><title>html</title><body>${(await getPage(server, page.id)).html}`),
      visibleText: (p) => p.locator('body').innerText(),
      expectVisible: expected,
    },
  ];
}

/** Reader view (for each reader) and editor (for each editor viewer) of a page titled `title`. */
function titleViews(label: string, page: { slug: string }, title: string): View[] {
  return [
    ...readers().map(
      (viewer): View => ({
        name: `reader /wiki/${page.slug} as ${viewer.label} (${label})`,
        viewer: viewer.probe,
        open: goto(`/wiki/${page.slug}`),
        visibleText: async (p) => `${await p.locator('main h1').innerText()} | ${await p.title()}`,
        expectVisible: [title],
      }),
    ),
    ...editorViewers().map(
      (viewer): View => ({
        name: `editor /wiki/${page.slug}/edit as ${viewer.label} (${label})`,
        viewer: viewer.probe,
        open: goto(`/wiki/${page.slug}/edit`),
        ready: async (p) => {
          await waitFor(() => p.getByLabel(t('editor.titleLabel')).inputValue(), (value) => squash(value) === squash(title), SETTLE_MS, 'the title field');
        },
        visibleText: (p) => p.getByLabel(t('editor.titleLabel')).inputValue(),
        expectVisible: [title],
      }),
    ),
  ];
}

/**
 * The editor (for each editor viewer) of a page where people named `names` are present, each with a caret in
 * the text: the names must be listed as text in the presence list and on their carets.
 */
function presenceViews(label: string, page: { slug: string }, names: string[]): View[] {
  const cursorNames = async (p: Page) => (await p.locator('.ens-cursor__name').evaluateAll((els) => els.map((el) => el.textContent ?? ''))).join(' | ');
  return editorViewers().map(
    (viewer): View => ({
      name: `editor /wiki/${page.slug}/edit as ${viewer.label} (${label})`,
      viewer: viewer.probe,
      open: goto(`/wiki/${page.slug}/edit`),
      ready: async (p) => {
        await waitFor(() => presenceList(p).innerText(), (text) => names.every((n) => squash(text).includes(squash(n))), SETTLE_MS, 'the presence list to list everyone');
        await waitFor(() => cursorNames(p), (text) => names.every((n) => squash(text).includes(squash(n))), SETTLE_MS, 'a named caret for everyone');
      },
      visibleText: async (p) => `${await presenceList(p).innerText()} | ${await cursorNames(p)}`,
      expectVisible: names,
    }),
  );
}

/** The profile page of `username` (for each reader), which shows the display name as its heading and title. */
const profileViews = (label: string, username: string, name: string): View[] =>
  readers().map((viewer) => ({
    name: `profile /users/${username} as ${viewer.label} (${label})`,
    viewer: viewer.probe,
    open: goto(`/users/${encodeURIComponent(username)}`),
    visibleText: async (p) => `${await p.locator('main h1').innerText()} | ${await p.title()}`,
    expectVisible: [name],
  }));

const homeViews = (label: string, titles: string[]): View[] =>
  readers().map((viewer) => ({
    name: `home / as ${viewer.label} (${label})`,
    viewer: viewer.probe,
    open: goto('/'),
    visibleText: (p) => p.locator('main').innerText(),
    expectVisible: titles,
  }));

// ---- how a hostile client writes ----

/** Payloads packed, in order, into as few titles as fit; each title is the payloads joined by a space. */
function packTitles(payloads: readonly XssPayload[]): string[] {
  const titles: string[] = [];
  for (const { payload } of payloads) {
    const last = titles.length - 1;
    if (last >= 0 && titles[last].length + 1 + payload.length <= MAX_TITLE_LENGTH) titles[last] += ` ${payload}`;
    else titles.push(payload);
  }
  return titles;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A live client signed in with the hostile editor's token and presence under its own display name. */
async function hostileClient(pageId: string): Promise<LexicalClient> {
  return liveClient(pageId, hostile.bearer, hostile.displayName);
}

async function liveClient(pageId: string, bearer: string, displayName: string): Promise<LexicalClient> {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer, displayName });
  clients.push(client);
  await client.synced;
  return client;
}

function appendParagraphs(client: LexicalClient, build: () => void): void {
  client.editor.update(build, { discrete: true });
}

/** Every element node's XmlText in the body, depth first (text nodes are Y.Maps and are skipped). */
function elementTexts(xmlText: Y.XmlText): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  for (const op of xmlText.toDelta() as Array<{ insert: unknown }>) {
    if (op.insert instanceof Y.XmlText) out.push(op.insert, ...elementTexts(op.insert));
  }
  return out;
}

const linkLabel = (payload: XssPayload) => `[xss link ${payload.id}]`;
const placeholderUrl = (payload: XssPayload) => `https://example.org/placeholder-${payload.id}`;

async function waitForRender<T>(pageId: string, accept: (page: { html: string; text: string; title: string }) => boolean, what: string) {
  return waitFor(() => getPage(server, pageId), accept, SETTLE_MS, what);
}

describe('stored XSS: no payload runs in a reader’s browser, anonymous or signed in', () => {
  it('has a corpus of distinct payloads, and its probe sees the samples run when nothing sanitizes them', async () => {
    expect(xssCorpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(xssCorpus.map((p) => p.payload)).size).toBe(xssCorpus.length);
    const samples = xssCorpus.filter((p) => p.runsUnsanitizedAs);
    expect(samples.length).toBeGreaterThanOrEqual(10);
    // A clean result below means something only if the same probe catches these when served as they are.
    const tab = await openProbeTab(browser, { bypassCSP: true });
    const missed: string[] = [];
    try {
      for (const p of samples) {
        const body = p.runsUnsanitizedAs === 'href' ? `<a href="${p.payload}">sample</a>` : p.payload;
        tab.begin();
        await tab.openHtml(`${server.url}/__unsanitized/${p.id}`, `<!doctype html><title>sample</title><body><p>${body}</p>`);
        const { markers } = await tab.provokeAndCollect();
        if (!markers.some((m) => m.split(/[,: ]/).includes(String(p.id)))) missed.push(`#${p.id} ${JSON.stringify(p.payload)}: ${markers.join(' | ')}`);
      }
    } finally {
      await tab.close();
    }
    expect(missed).toEqual([]);
  });

  it('its probe reports what the CSP refuses on a real page', async () => {
    const page = await createPage(server, { title: 'XSS probe check' });
    const tab = await openProbeTab(browser);
    try {
      tab.begin();
      await tab.page.goto(`${server.url}/wiki/${page.slug}`);
      await tab.page.evaluate((handler) => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<img src="/nothing.png" onerror="${handler}">`), xssMarker(0));
      const findings = await tab.provokeAndCollect();
      expect(findings.markers).toEqual([]);
      expect(findings.cspViolations.length).toBeGreaterThan(0);
      expect(findings.dangerousMarkup).toEqual([expect.stringContaining('event handler onerror')]);
    } finally {
      await tab.close();
    }
  });

  it('keeps payloads written as paragraph text by a live client as visible, inert text', async () => {
    const views: View[] = [];
    for (const [n, group] of chunk(xssCorpus, PER_PAGE).entries()) {
      const page = await createPage(server, { title: `XSS paragraphs ${n + 1}` });
      const client = await hostileClient(page.id);
      appendParagraphs(client, () => {
        for (const p of group) $getRoot().append($createParagraphNode().append($createTextNode(p.payload)));
      });
      views.push(...bodyViews('paragraph text', page, group.map((p) => p.payload)));
      await waitForRender(page.id, (r) => group.every((p) => r.text.includes(p.payload)), `page ${page.id} to render its paragraphs`);
    }
    expect(await problemsInAll(views)).toEqual([]);
  });

  it('never makes a script link of a link URL, whether written through Lexical or straight into the Y.Doc', async () => {
    const views: View[] = [];
    for (const [n, group] of chunk(xssCorpus, PER_PAGE).entries()) {
      // Through Lexical, as a client running the stock editor code would write it.
      const viaLexical = await createPage(server, { title: `XSS links ${n + 1}` });
      const lexicalClient = await hostileClient(viaLexical.id);
      appendParagraphs(lexicalClient, () => {
        for (const p of group) {
          $getRoot().append($createParagraphNode().append($createLinkNode(p.payload).append($createTextNode(linkLabel(p)))));
        }
      });

      // Straight into the Yjs structure: a harmless link, then its `__url` and `__title` attributes replaced
      // with the Yjs API, as a client that skips Lexical (and any check it might make) would.
      const viaYjs = await createPage(server, { title: `XSS raw links ${n + 1}` });
      const rawClient = await hostileClient(viaYjs.id);
      appendParagraphs(rawClient, () => {
        for (const p of group) {
          $getRoot().append($createParagraphNode().append($createLinkNode(placeholderUrl(p)).append($createTextNode(linkLabel(p)))));
        }
      });
      const links = elementTexts(rawClient.doc.get(BODY_ROOT, Y.XmlText)).filter((x) => x.getAttribute('__type') === 'link');
      expect(links.map((x) => x.getAttribute('__url'))).toEqual(group.map(placeholderUrl));
      rawClient.doc.transact(() => {
        for (const [i, link] of links.entries()) {
          link.setAttribute('__url', group[i].payload);
          link.setAttribute('__title', group[i].payload);
        }
      });

      const labels = group.map(linkLabel);
      views.push(...bodyViews('link URL via Lexical', viaLexical, labels), ...bodyViews('link URL via raw Yjs', viaYjs, labels));
      await waitForRender(viaLexical.id, (r) => labels.every((l) => r.text.includes(l)), `page ${viaLexical.id} to render its links`);
      await waitForRender(viaYjs.id, (r) => labels.every((l) => r.text.includes(l)) && !r.html.includes('placeholder-'), `page ${viaYjs.id} to render the rewritten links`);
    }
    expect(await problemsInAll(views)).toEqual([]);
  });

  it('shows titles written into the live title Y.Text as inert text', async () => {
    const problems: string[] = [];
    for (const [n, titles] of chunk(packTitles(xssCorpus), TITLES_PER_BATCH).entries()) {
      const pages = await Promise.all(titles.map((_, i) => createPage(server, { title: `XSS live title ${n + 1}-${i + 1}` })));
      await Promise.all(
        pages.map(async (page, i) => {
          const client = await hostileClient(page.id);
          const title = client.doc.getText(TITLE_TEXT);
          client.doc.transact(() => {
            title.delete(0, title.length);
            title.insert(0, titles[i]);
          });
        }),
      );
      await Promise.all(
        pages.map((page, i) => waitForRender(page.id, (r) => squash(r.title) === squash(titles[i]), `page ${page.id} to take its live title`)),
      );
      problems.push(...(await problemsInAll(homeViews(`live titles, batch ${n + 1}`, titles))));
      problems.push(...(await problemsInAll(pages.flatMap((page, i) => titleViews('live title', page, titles[i])))));
      for (const client of clients.splice(0)) client.destroy();
    }
    expect(problems).toEqual([]);
  });

  it('shows payload display names, in the presence list, on carets and on profile pages, as inert text', async () => {
    const problems: string[] = [];
    const closeCodes: string[] = [];
    for (const [n, group] of chunk(xssCorpus, PER_PAGE).entries()) {
      const page = await createPage(server, { title: `XSS presence ${n + 1}` });
      const writer = await hostileClient(page.id);
      appendParagraphs(writer, () => $getRoot().append($createParagraphNode().append($createTextNode('Everyone has a caret here.'))));
      await waitForRender(page.id, (r) => r.text.includes('Everyone has a caret here.'), `page ${page.id} to store the paragraph`);
      const present = await Promise.all(
        group.map(async (p) => {
          // A display name is set through the account, as a person renaming themself would; the server
          // cleans it (control characters, white space) and the live channel accepts only that name.
          const account = await server.createAccount(`xss-presence-${p.id}`, 'editor');
          const name = server.app.services.users.setProfile(account.id, { displayName: p.short }).display_name;
          const client = await liveClient(page.id, account.bearer, name);
          await waitFor(() => client.text(), (text) => text.includes('Everyone has a caret here.'), SETTLE_MS, `client ${p.id} to hold the paragraph`);
          // A caret at the start of the last paragraph, as the stock editor publishes it, and a colour that
          // tries to smuggle a declaration into the caret's and swatch's style.
          const paragraph = elementTexts(client.doc.get(BODY_ROOT, Y.XmlText)).at(-1)!;
          const caret = Y.createRelativePositionFromTypeIndex(paragraph, 0);
          client.provider.awareness.setLocalStateField('color', `red;background:url(javascript:${xssMarker(p.id)})`);
          client.provider.awareness.setLocalStateField('anchorPos', caret);
          client.provider.awareness.setLocalStateField('focusPos', caret);
          client.provider.awareness.setLocalStateField('focusing', true);
          return { p, name, client, username: account.username };
        }),
      );
      problems.push(...(await problemsInAll(presenceViews(`payload display names ${n + 1}`, page, present.map(({ name }) => name)))));
      problems.push(...(await problemsInAll(present.flatMap(({ p, name, username }) => profileViews(`display name #${p.id}`, username, name)))));
      // The server took every name as the account's own: no socket was closed for a foreign identity.
      for (const { p, client } of present) if (client.closeCodes.length > 0) closeCodes.push(`#${p.id}: ${client.closeCodes.join(', ')}`);
      for (const client of clients.splice(0)) client.destroy();
    }
    expect(problems).toEqual([]);
    expect(closeCodes).toEqual([]);
  });

  it('shows titles given to the REST API as inert text', async () => {
    const problems: string[] = [];
    for (const [n, titles] of chunk(packTitles(xssCorpus), TITLES_PER_BATCH).entries()) {
      const pages = await Promise.all(titles.map((title) => createPage(server, { title }, hostile)));
      problems.push(...(await problemsInAll(homeViews(`API titles, batch ${n + 1}`, titles))));
      problems.push(...(await problemsInAll(pages.flatMap((page, i) => titleViews('API title', page, titles[i])))));
    }
    expect(problems).toEqual([]);
  });

  it('refuses every payload as a slug and creates no page', async () => {
    const total = async () => ((await (await fetch(`${server.url}/api/v1/pages?limit=1`, { headers: { authorization: hostile.bearer } })).json()) as { total: number }).total;
    const before = await total();
    for (const p of xssCorpus) {
      const response = await fetch(`${server.url}/api/v1/pages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: hostile.bearer },
        body: JSON.stringify({ title: `Slug ${p.id}`, slug: p.payload }),
      });
      expect({ id: p.id, status: response.status }).toEqual({ id: p.id, status: 400 });
      expect(((await response.json()) as { code: string }).code).toMatch(/^WIKI_(INVALID_SLUG|BAD_REQUEST)$/);
    }
    expect(await total()).toBe(before);
  });
});
