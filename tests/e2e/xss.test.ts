// Stored XSS: whatever a hostile client writes into a page (body text, link URLs and titles through the live
// Y.Doc, titles through the REST API), no script of theirs runs in a reader's chromium: not in the
// server-rendered page, the home page or the live editor (under the site's CSP), nor in the API's sanitized
// HTML loaded with the CSP switched off, so the sanitizer is tested on its own. Payloads are escaped text,
// not dropped. Needs the client bundle (`npm test` builds it first) and /usr/bin/chromium.
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { $createLinkNode } from '@lexical/link';
import type { Browser, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { assertClientBuilt, editorBody, launchChromium, waitUntilEditable } from '../helpers/chromium.js';
import { connectLexicalClient, type LexicalClient } from '../helpers/lexicalClient.js';
import { createPage, getPage, startTestServer, waitFor, type TestServer } from '../helpers/testServer.js';
import { xssCorpus, xssMarker, type XssPayload } from '../helpers/xssCorpus.js';
import { openProbeTab, problemsInAll as probeAll, squash, type ProbeTab, type View } from '../helpers/xssProbe.js';
import { BODY_ROOT, TITLE_TEXT } from '../../shared/collabProtocol.js';

jest.setTimeout(120_000);

/** Upper bound for anything that crosses the network or waits for a re-render (debounced 0.4–1.5 s). */
const SETTLE_MS = 15_000;
/** Payloads written into one page body; keeps pages few and renders quick. */
const PER_PAGE = 17;
/** The home page lists the 20 most recently changed pages, so titles are checked 20 at a time. */
const TITLES_PER_BATCH = 20;
/** The API's limit on a title; several payloads share a title up to it, separated by a space. */
const MAX_TITLE_LENGTH = 200;
const TABS_AT_ONCE = 3;

let server: TestServer;
let browser: Browser;
const clients: LexicalClient[] = [];

beforeAll(async () => {
  assertClientBuilt();
  // A short render debounce: the suite waits for a few hundred renders, not for the debounce itself.
  server = await startTestServer({ render: { debounceMs: 100, maxWaitMs: 400 } });
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

// ---- what a reader opens ----

/** Every view, TABS_AT_ONCE tabs at a time, through the shared probe. */
const problemsInAll = (views: View[]) => probeAll(browser, views, TABS_AT_ONCE);

const goto = (path: string, status = 200) => async (tab: ProbeTab) => {
  const response = await tab.page.goto(`${server.url}${path}`);
  if (response?.status() !== status) throw new Error(`${path} answered ${response?.status()}, expected ${status}`);
};

/** Reader view, editor and the API's html (CSP off) of a page whose body holds `expected` as text. */
function bodyViews(label: string, page: { id: string; slug: string }, expected: string[]): View[] {
  return [
    {
      name: `reader /wiki/${page.slug} (${label})`,
      open: goto(`/wiki/${page.slug}`),
      visibleText: (p) => p.locator('main .ens-content').innerText(),
      expectVisible: expected,
    },
    {
      name: `editor /wiki/${page.slug}/edit (${label})`,
      open: goto(`/wiki/${page.slug}/edit`),
      ready: async (p) => {
        await waitUntilEditable(p);
        await waitFor(() => editorBody(p).innerText(), (text) => expected.every((e) => squash(text).includes(squash(e))), SETTLE_MS, 'the editor to show the page');
      },
      visibleText: (p) => editorBody(p).innerText(),
      expectVisible: expected,
    },
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

/** Reader view and editor of a page titled `title`; in the editor, `presence` must be listed too. */
function titleViews(label: string, page: { slug: string }, title: string, presence?: string): View[] {
  return [
    {
      name: `reader /wiki/${page.slug} (${label})`,
      open: goto(`/wiki/${page.slug}`),
      visibleText: async (p) => `${await p.locator('main h1').innerText()} | ${await p.title()}`,
      expectVisible: [title],
    },
    {
      name: `editor /wiki/${page.slug}/edit (${label})`,
      open: goto(`/wiki/${page.slug}/edit`),
      ready: async (p) => {
        await waitUntilEditable(p);
        await waitFor(() => p.getByLabel('Page title').inputValue(), (value) => squash(value) === squash(title), SETTLE_MS, 'the title field');
        if (presence) await p.getByRole('list', { name: 'People editing' }).getByText(presence.trim(), { exact: true }).waitFor({ timeout: SETTLE_MS });
      },
      visibleText: async (p) => `${await p.getByLabel('Page title').inputValue()} | ${await p.getByRole('list', { name: 'People editing' }).innerText()}`,
      expectVisible: presence ? [title, presence] : [title],
    },
  ];
}

const homeView = (label: string, titles: string[]): View => ({
  name: `home / (${label})`,
  open: goto('/'),
  visibleText: (p) => p.locator('main').innerText(),
  expectVisible: titles,
});

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

async function hostileClient(pageId: string): Promise<LexicalClient> {
  const client = connectLexicalClient(server.collabUrl, pageId, 'hostile');
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

describe('stored XSS: no payload runs in a reader’s browser', () => {
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

  it('shows titles written into the live title Y.Text, and payload presence names, as inert text', async () => {
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
          // Other editors list this client by name, with its colour as a swatch.
          client.provider.awareness.setLocalStateField('name', titles[i]);
          client.provider.awareness.setLocalStateField('color', `red;background:url(javascript:${xssMarker(0)})`);
        }),
      );
      await Promise.all(
        pages.map((page, i) => waitForRender(page.id, (r) => squash(r.title) === squash(titles[i]), `page ${page.id} to take its live title`)),
      );
      problems.push(...(await problemsInAll([homeView(`live titles, batch ${n + 1}`, titles)])));
      problems.push(...(await problemsInAll(pages.flatMap((page, i) => titleViews('live title', page, titles[i], titles[i])))));
      for (const client of clients.splice(0)) client.destroy();
    }
    expect(problems).toEqual([]);
  });

  it('shows titles given to the REST API as inert text', async () => {
    const problems: string[] = [];
    for (const [n, titles] of chunk(packTitles(xssCorpus), TITLES_PER_BATCH).entries()) {
      const pages = await Promise.all(titles.map((title) => createPage(server, { title })));
      problems.push(...(await problemsInAll([homeView(`API titles, batch ${n + 1}`, titles)])));
      problems.push(...(await problemsInAll(pages.flatMap((page, i) => titleViews('API title', page, titles[i])))));
    }
    expect(problems).toEqual([]);
  });

  it('refuses every payload as a slug and creates no page', async () => {
    const before = (await (await fetch(`${server.url}/api/v1/pages?limit=1`)).json()) as { total: number };
    for (const p of xssCorpus) {
      const response = await fetch(`${server.url}/api/v1/pages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Slug ${p.id}`, slug: p.payload }),
      });
      expect({ id: p.id, status: response.status }).toEqual({ id: p.id, status: 400 });
      expect(((await response.json()) as { code: string }).code).toMatch(/^WIKI_(INVALID_SLUG|BAD_REQUEST)$/);
    }
    const after = (await (await fetch(`${server.url}/api/v1/pages?limit=1`)).json()) as { total: number };
    expect(after.total).toBe(before.total);
  });
});
