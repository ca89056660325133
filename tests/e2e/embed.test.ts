// A page of the wiki inside an intranet portal, in chromium. The portals are tiny HTTP servers on other loopback
// ports (other origins) that embed a page the way an oEmbed consumer does: they ask /oembed for the page and
// put the html it returns (a sandboxed iframe) in their own page, with a listener that sizes the frame from
// its height messages. The configured portal gets the page and a height that matches the content; a portal
// that is not configured gets a blocked frame; nobody may frame /wiki/:slug. Needs /usr/bin/chromium (the
// embed view uses no client bundle).
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { axeViolations, launchChromium, pageFrame } from '../helpers/chromium.js';
import { startPortal, type Portal } from '../helpers/portal.js';
import { startTestServer, waitFor, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

const SETTLE_MS = 15_000;
/** How long a blocked frame is given to (wrongly) say anything before the test concludes it never will. */
const QUIET_MS = 1_500;

interface HeightMessage {
  height: number;
  slug: string;
  origin: string;
}

/** A portal page: ?page=<absolute URL> embeds that page through oEmbed; ?frame=<URL> frames a URL as is. */
async function portalPage(wiki: () => string, query: URLSearchParams): Promise<string> {
  let frame: string;
  if (query.get('page')) {
    const answer = await fetch(`${wiki()}/oembed?url=${encodeURIComponent(query.get('page')!)}&format=json`);
    frame = ((await answer.json()) as { html: string }).html;
  } else {
    frame = `<iframe src="${query.get('frame')}" title="Framed" width="640" height="300"></iframe>`;
  }
  return `<!doctype html><html lang="en"><head><title>Portal</title><script>
      window.heights = [];
      window.frameLoaded = false;
      window.addEventListener('message', function (event) {
        var frame = document.querySelector('iframe');
        if (!frame || event.source !== frame.contentWindow || !event.data || event.data.type !== 'ensemble:height') return;
        window.heights.push({ height: event.data.height, slug: event.data.slug, origin: event.origin });
        frame.style.height = event.data.height + 'px';
      });
    </script></head><body style="margin:0"><h1>Portal</h1><div id="slot">${frame}</div><script>
      document.querySelector('iframe').addEventListener('load', function () { window.frameLoaded = true; });
    </script></body></html>`;
}

let wiki: TestServer;
let allowed: Portal;
let stranger: Portal;
let browser: Browser;
const contexts: BrowserContext[] = [];
let page: { id: string; slug: string };

beforeAll(async () => {
  allowed = await startPortal((query) => portalPage(() => wiki.url, query));
  stranger = await startPortal((query) => portalPage(() => wiki.url, query));
  wiki = await startTestServer({ embed: { origins: [allowed.origin] } });
  const paragraphs = Array.from({ length: 14 }, (_, i) => ({ kind: 'paragraph' as const, text: `Paragraph ${i + 1} of the portal page. ${'Words that wrap across the frame. '.repeat(4)}` }));
  page = await wiki.app.services.pages.create({ title: 'Portal welcome', blocks: paragraphs }, { spaceId: 'main', userId: wiki.accounts.editor.id });
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await wiki?.close();
  await allowed?.close();
  await stranger?.close();
});

/** An anonymous visitor's tab (in a portal frame the wiki is a third party: no session reaches it). */
async function openTab(options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  contexts.push(context);
  const tab = await context.newPage();
  tab.setDefaultTimeout(SETTLE_MS);
  return tab;
}

/** Collects the console errors of a tab and its frames (where chromium reports refused framing). */
function consoleErrorsOf(tab: Page): string[] {
  const errors: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

const heights = (tab: Page) => tab.evaluate(() => (window as unknown as { heights: HeightMessage[] }).heights);
const frameLoaded = (tab: Page) => tab.evaluate(() => (window as unknown as { frameLoaded: boolean }).frameLoaded);
const embedFrame = (tab: Page): Frame | undefined => tab.frames().find((f) => f !== tab.mainFrame() && f.url().startsWith(`${wiki.url}/embed/`));

/** Height of the framed document's content, measured inside the frame as the embed script measures it. */
const contentHeight = (frame: Frame) => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));

test('a configured portal shows the page in a frame that fits its content, and follows it when the frame is narrowed', async () => {
  const tab = await openTab();
  const consoleErrors = consoleErrorsOf(tab);
  await tab.goto(`${allowed.origin}/?page=${encodeURIComponent(`${wiki.url}/wiki/${page.slug}`)}`);
  const first = await waitFor(() => heights(tab), (list) => list.length > 0, SETTLE_MS, 'a height message');
  const frame = embedFrame(tab)!;
  expect(frame).toBeDefined();
  expect(await frame.locator('h1').textContent()).toBe('Portal welcome');
  expect(await frame.locator('.ens-content').textContent()).toContain('Paragraph 14 of the portal page.');

  // The embed stylesheet applies in the sandboxed frame (it is served for any origin to load).
  expect(await frame.evaluate(() => getComputedStyle(document.body).paddingTop)).toBe('16px');

  // The message names the page and comes from the sandboxed (opaque-origin) frame.
  expect(first[0].slug).toBe(page.slug);
  expect(first[0].origin).toBe('null');

  // The frame is as tall as its content: the last reported height is the content's, and nothing scrolls.
  await waitFor(
    async () => ({ reported: (await heights(tab)).at(-1)!.height, content: await contentHeight(frame) }),
    ({ reported, content }) => reported === content,
    SETTLE_MS,
    'reported height = content height',
  );
  const iframe = tab.locator('iframe');
  const fit = await waitFor(
    async () => ({
      box: Math.round((await iframe.boundingBox())!.height),
      reported: (await heights(tab)).at(-1)!.height,
      scroll: await frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight),
    }),
    ({ box, reported, scroll }) => box === reported && scroll <= 0,
    SETTLE_MS,
    'the frame resized to its content',
  );
  expect(fit.reported).toBeGreaterThan(480); // grew past the oEmbed starting height

  // Narrower frame, longer lines: the ResizeObserver reports the new, taller content.
  await iframe.evaluate((el) => ((el as HTMLIFrameElement).style.width = '320px'));
  const taller = await waitFor(() => heights(tab), (list) => list.at(-1)!.height > fit.reported, SETTLE_MS, 'a taller height after narrowing');
  expect(taller.at(-1)!.height).toBe(await contentHeight(frame));
  // Nothing was refused on the way (CSP, resource policy) and every message went to the right origin.
  expect(consoleErrors).toEqual([]);
});

test('a portal that is not configured gets a blocked frame: the page never loads in it and no height is reported', async () => {
  const tab = await openTab();
  const consoleErrors = consoleErrorsOf(tab);
  const embedResponses: Record<string, string>[] = [];
  tab.on('response', (response) => {
    if (response.url().startsWith(`${wiki.url}/embed/`)) embedResponses.push(response.headers());
  });
  await tab.goto(`${stranger.origin}/?page=${encodeURIComponent(`${wiki.url}/wiki/${page.slug}`)}`);
  await waitFor(() => frameLoaded(tab), Boolean, SETTLE_MS, 'the frame to finish (blocked)');
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  expect(await heights(tab)).toEqual([]);
  expect(embedFrame(tab)).toBeUndefined();
  const child = tab.frames().find((f) => f !== tab.mainFrame())!;
  expect(await child.evaluate(() => document.querySelector('h1')?.textContent ?? null).catch(() => null)).not.toBe('Portal welcome');
  // What blocked it: the embed answered with a frame-ancestors list that names only the configured portal.
  expect(embedResponses).toHaveLength(1);
  const policy = /frame-ancestors ([^;]*)/.exec(embedResponses[0]['content-security-policy'])?.[1];
  expect(policy).toBe(`'self' ${allowed.origin}`);
  expect(consoleErrors.filter((m) => m.includes('frame-ancestors'))).toHaveLength(1);
});

test('even the configured portal cannot frame /wiki/:slug: every page but the embed view stays unframeable', async () => {
  const tab = await openTab();
  const consoleErrors = consoleErrorsOf(tab);
  const headers: Record<string, string>[] = [];
  tab.on('response', (response) => {
    if (response.url() === `${wiki.url}/wiki/${page.slug}`) headers.push(response.headers());
  });
  await tab.goto(`${allowed.origin}/?frame=${encodeURIComponent(`${wiki.url}/wiki/${page.slug}`)}`);
  await waitFor(() => frameLoaded(tab), Boolean, SETTLE_MS, 'the frame to finish (blocked)');
  const child = tab.frames().find((f) => f !== tab.mainFrame())!;
  expect(await child.evaluate(() => document.querySelector('h1')?.textContent ?? null).catch(() => null)).not.toBe('Portal welcome');
  expect(headers).toHaveLength(1);
  expect(/frame-ancestors ([^;]*)/.exec(headers[0]['content-security-policy'])?.[1]).toBe("'none'");
  expect(headers[0]['x-frame-options']).toBe('DENY');
  expect(consoleErrors.filter((m) => m.includes("frame-ancestors 'none'"))).toHaveLength(1);
});

test('the embed view and its sign-in prompt pass axe-core WCAG 2.1 AA, with a language, one h1 and one main', async () => {
  const cabinet = wiki.app.services.spaces.create({ name: 'Cabinet', classification: 'protected-b', access: 'restricted' }, { id: null, name: 'test', ip: null });
  const secret = await wiki.app.services.pages.create({ title: 'Cabinet note', blocks: [{ kind: 'paragraph', text: 'Closed.' }] }, { spaceId: cabinet.id, userId: null });
  // bypassCSP lets axe be injected; the views themselves run under their own CSP otherwise.
  const tab = await openTab({ bypassCSP: true });
  for (const [url, status] of [[`/embed/${page.slug}`, 200], [`/embed/${secret.slug}`, 401], [`/embed/p/${page.id}?lang=fr`, 200]] as const) {
    const response = await tab.goto(`${wiki.url}${url}`);
    expect([url, response?.status()]).toEqual([url, status]);
    expect(await pageFrame(tab)).toEqual({ lang: url.endsWith('lang=fr') ? 'fr' : 'en', h1: 1, main: 1 });
    expect(await axeViolations(tab)).toEqual([]);
  }
});
