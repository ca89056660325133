// Accessibility: every kind of page passes axe-core's WCAG 2.1 A and AA rules in real chromium, in English and
// French, with JavaScript on and, where a reader may have it off, off. Also checks the frame every page must keep:
// <html lang>, exactly one h1 and a main landmark. Pages are checked as an anonymous visitor and, where the
// header or the page changes for them, signed in; the editor as a signed-in editor (the read-only editor and
// the sign-in page are checked in permissions.test.ts). Needs the client bundle (`npm test` builds it) and
// chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import {
  afterCaretMove,
  assertClientBuilt,
  axeViolations,
  editorBody,
  launchChromium,
  newPersonContext,
  pageFrame,
  waitUntilEditable,
} from '../helpers/chromium.js';
import { translator } from '../../shared/i18n/index.js';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

const SETTLE_MS = 15_000;

let server: TestServer;
let browser: Browser;
/** A page whose rendering holds a heading, a list, a link and a table, typed in the editor as a person would. */
let richSlug: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertClientBuilt();
  server = await startTestServer();
  browser = await launchChromium();
  richSlug = await writeRichPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/**
 * A tab as an anonymous visitor, or signed in as `as`. axe is injected as a script, which the site's strict
 * CSP would refuse, hence bypassCSP.
 */
async function newPage(options: { javaScriptEnabled?: boolean; as?: TestAccount } = {}): Promise<Page> {
  const { as = null, ...contextOptions } = options;
  const context = await newPersonContext(browser, server, as, { bypassCSP: true, ...contextOptions });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_MS);
  return page;
}

async function writeRichPage(): Promise<string> {
  const created = await createPage(server, { title: 'Travel budget' });
  const writer = await newPersonContext(browser, server, server.accounts.editor);
  try {
    const page = await writer.newPage();
    page.setDefaultTimeout(SETTLE_MS);
    await page.goto(`${server.url}/wiki/${created.slug}/edit`);
    await waitUntilEditable(page);
    await editorBody(page).click();
    // Markdown shortcuts: "## " makes a heading, "- " a list; Enter twice leaves the list.
    await page.keyboard.type('## Budget lines');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- Salaries');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Travel');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Read the guide');
    for (let i = 0; i < 'guide'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+k');
    const address = page.getByRole('dialog').getByLabel(/Link address/);
    await address.fill('https://www.canada.ca/en.html');
    await address.press('Enter');
    await page.keyboard.press('End');
    await afterCaretMove(page);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: translator('en')('editor.table') }).click();
    // A 3×3 table with a header row; the caret starts in its first cell and Tab moves cell by cell.
    const cells = ['Item', 'Cost', 'Owner', 'Salaries', '100 000', 'Finance', 'Travel', '5 000', 'Operations'];
    await editorBody(page).locator('th').first().waitFor();
    for (const [i, cell] of cells.entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(cell);
    }
    await waitFor(
      () => getPage(server, created.slug),
      (p) =>
        /<h2\b/.test(p.html) &&
        /<ul\b[\s\S]*Travel/.test(p.html) &&
        /<a\b[^>]*href="https:\/\/www\.canada\.ca\/en\.html"/.test(p.html) &&
        /<table\b[\s\S]*<th\b[\s\S]*Item[\s\S]*Operations/.test(p.html),
      SETTLE_MS,
      'the stored rendering with a heading, a list, a link and a filled table',
    );
  } finally {
    await writer.close();
  }
  return created.slug;
}

/**
 * Chromium with JavaScript off also stops timers, which axe needs, and will not let scripts back on in that
 * page. So the page is loaded with JavaScript off, its DOM (with <noscript> content parsed as elements, as such
 * a reader gets it) is checked for its frame, then served again at the same address, minus scripts and with
 * the <noscript> wrappers dropped, to a page where axe can run. Styles load from the real server.
 */
async function openWithoutJavaScript(url: string, expectedStatus: number, as?: TestAccount) {
  const reader = await newPage({ javaScriptEnabled: false, as });
  const response = await reader.goto(url);
  expect(response?.status()).toBe(expectedStatus);
  const frame = await pageFrame(reader);
  const html = (await reader.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<\/?noscript>/gi, '');
  const page = await newPage({ as });
  await page.route(url, (route) => route.fulfill({ status: expectedStatus, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
  return { page, frame, html };
}

interface Case {
  name: string;
  path: () => string;
  lang: 'en' | 'fr';
  status: number;
  /** Signed in with this test account; an anonymous visitor otherwise. */
  as?: 'editor' | 'reader';
}

const readerPages: Case[] = [
  { name: 'the home page', path: () => '/', lang: 'en', status: 200 },
  { name: 'the home page in French', path: () => '/?lang=fr', lang: 'fr', status: 200 },
  { name: 'the home page, signed in as an editor', path: () => '/', lang: 'en', status: 200, as: 'editor' },
  { name: 'the home page in French, signed in as an editor', path: () => '/?lang=fr', lang: 'fr', status: 200, as: 'editor' },
  { name: 'a page with a heading, a list, a link and a table', path: () => `/wiki/${richSlug}`, lang: 'en', status: 200 },
  { name: 'a page with a heading, a list, a link and a table, signed in as a reader', path: () => `/wiki/${richSlug}`, lang: 'en', status: 200, as: 'reader' },
  { name: 'the page-not-found page', path: () => '/wiki/No-such-page-here', lang: 'en', status: 404 },
  { name: 'the page-not-found page, signed in as an editor', path: () => '/wiki/No-such-page-here', lang: 'en', status: 404, as: 'editor' },
  { name: 'the sign-in page', path: () => '/login', lang: 'en', status: 200 },
  { name: 'the sign-in page in French', path: () => '/login?lang=fr', lang: 'fr', status: 200 },
  { name: 'the account page', path: () => '/account', lang: 'en', status: 200, as: 'editor' },
];

describe('WCAG 2.1 AA, checked by axe-core in chromium', () => {
  it('reports a violation when there is one, naming the rule and the element', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);
    await page.evaluate(() => {
      const image = document.createElement('img');
      image.src = '/favicon.svg';
      image.id = 'unlabelled-image';
      document.querySelector('main')!.append(image);
    });
    const violations = await axeViolations(page);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^image-alt \(critical\): .*\n {4}at \["#unlabelled-image"\]/);
  });

  it('the page view shows what the editor wrote: a heading, a list, a link and a table', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/wiki/${richSlug}`);
    const content = page.locator('main .ens-content');
    await content.locator('h2', { hasText: 'Budget lines' }).waitFor();
    await content.locator('ul li', { hasText: 'Travel' }).waitFor();
    await content.locator('a[href="https://www.canada.ca/en.html"]', { hasText: 'guide' }).waitFor();
    expect(await content.locator('table th').allInnerTexts()).toEqual(['Item', 'Cost', 'Owner']);
  });

  describe.each(readerPages)('$name', ({ path, lang, status, as }) => {
    it('passes with JavaScript on', async () => {
      const page = await newPage({ as: as && server.accounts[as] });
      const response = await page.goto(`${server.url}${path()}`);
      expect(response?.status()).toBe(status);
      expect(await pageFrame(page)).toEqual({ lang, h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });

    it('passes with JavaScript off', async () => {
      const { page, frame } = await openWithoutJavaScript(`${server.url}${path()}`, status, as && server.accounts[as]);
      expect(frame).toEqual({ lang, h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('the home page passes with the new-page form showing its error', async () => {
    const page = await newPage({ as: server.accounts.editor });
    await page.goto(`${server.url}/`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/pages/new')),
      // The response arrives before the new document is in place: wait for it to load as well.
      page.waitForURL((url) => url.pathname === '/pages/new', { waitUntil: 'load' }),
      page.getByRole('button', { name: translator('en')('home.createSubmit') }).click(),
    ]);
    expect(response.status()).toBe(400);
    const field = page.getByLabel(translator('en')('home.createTitleLabel'));
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').waitFor();
    expect(await pageFrame(page)).toEqual({ lang: 'en', h1: 1, main: 1 });
    expect(await axeViolations(page)).toEqual([]);
  });

  describe('the editor', () => {
    async function openEditor(): Promise<Page> {
      const page = await newPage({ as: server.accounts.editor });
      await page.goto(`${server.url}/wiki/${richSlug}/edit`);
      await waitUntilEditable(page);
      await editorBody(page).locator('table').waitFor();
      await page.getByRole('status').getByText(translator('en')('status.connected')).waitFor();
      return page;
    }

    it('passes once editable, with the page content loaded', async () => {
      const page = await openEditor();
      expect(await pageFrame(page)).toEqual({ lang: 'en', h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });

    it('passes with the link dialog open', async () => {
      const page = await openEditor();
      await editorBody(page).getByText('guide').click();
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Change or remove the link' });
      await dialog.getByLabel(/Link address/).waitFor();
      expect(await dialog.getByLabel(/Link address/).inputValue()).toBe('https://www.canada.ca/en.html');
      expect(await pageFrame(page)).toEqual({ lang: 'en', h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });

    it('passes in French', async () => {
      const page = await newPage({ as: server.accounts.editor });
      await page.goto(`${server.url}/wiki/${richSlug}/edit?lang=fr`);
      await waitUntilEditable(page, translator('fr')('editor.bodyLabel'));
      await page.getByRole('status').getByText(translator('fr')('status.connected')).waitFor();
      expect(await pageFrame(page)).toEqual({ lang: 'fr', h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });

    it('passes with JavaScript off, where it says the editor needs JavaScript and links to the page', async () => {
      const { page, frame } = await openWithoutJavaScript(`${server.url}/wiki/${richSlug}/edit`, 200, server.accounts.editor);
      expect(frame).toEqual({ lang: 'en', h1: 1, main: 1 });
      await page.getByText('The live editor needs JavaScript').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
