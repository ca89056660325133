// Accessibility: every kind of page passes axe-core's WCAG 2.1 A and AA rules in real chromium, in English and
// French, with JavaScript on and, where a reader may have it off, off. Also checks the frame every page must keep:
// <html lang>, exactly one h1 and a main landmark. Needs the client bundle (`npm test` builds it) and chromium.
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { afterCaretMove, assertClientBuilt, editorBody, launchChromium, waitUntilEditable } from '../helpers/chromium.js';
import { translator } from '../../shared/i18n/index.js';
import { createPage, getPage, startTestServer, waitFor, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

const SETTLE_MS = 15_000;
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axePath = createRequire(import.meta.url).resolve('axe-core');

let server: TestServer;
let browser: Browser;
/** A page whose rendering holds a heading, a list, a link and a table, typed in the editor as a person would. */
let richSlug: string;
const contexts: BrowserContext[] = [];

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

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

/** axe is injected as a script, which the site's strict CSP would refuse, hence bypassCSP. */
async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_MS);
  return page;
}

async function writeRichPage(): Promise<string> {
  const created = await createPage(server, { title: 'Travel budget' });
  const writer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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

/** Runs axe on the page and describes each violation by rule, impact, help and the elements at fault. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations as AxeViolation[];
  }, WCAG_21_AA);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} [${v.helpUrl}]\n` +
      v.nodes
        .map((n) => `    at ${JSON.stringify(n.target)}: ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
}

/** What every page must have whatever its content: its language, one h1 and one main landmark. */
async function pageFrame(page: Page): Promise<{ lang: string | null; h1: number; main: number }> {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role="main"]').length,
  }));
}

/**
 * Chromium with JavaScript off also stops timers, which axe needs, and will not let scripts back on in that
 * page. So the page is loaded with JavaScript off, its DOM (with <noscript> content parsed as elements, as such
 * a reader gets it) is checked for its frame, then served again at the same address, minus scripts and with
 * the <noscript> wrappers dropped, to a page where axe can run. Styles load from the real server.
 */
async function openWithoutJavaScript(url: string, expectedStatus: number) {
  const reader = await newPage({ javaScriptEnabled: false });
  const response = await reader.goto(url);
  expect(response?.status()).toBe(expectedStatus);
  const frame = await pageFrame(reader);
  const html = (await reader.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<\/?noscript>/gi, '');
  const page = await newPage();
  await page.route(url, (route) => route.fulfill({ status: expectedStatus, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
  return { page, frame, html };
}

interface Case {
  name: string;
  path: () => string;
  lang: 'en' | 'fr';
  status: number;
}

const readerPages: Case[] = [
  { name: 'the home page', path: () => '/', lang: 'en', status: 200 },
  { name: 'the home page in French', path: () => '/?lang=fr', lang: 'fr', status: 200 },
  { name: 'a page with a heading, a list, a link and a table', path: () => `/wiki/${richSlug}`, lang: 'en', status: 200 },
  { name: 'the page-not-found page', path: () => '/wiki/No-such-page-here', lang: 'en', status: 404 },
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

  describe.each(readerPages)('$name', ({ path, lang, status }) => {
    it('passes with JavaScript on', async () => {
      const page = await newPage();
      const response = await page.goto(`${server.url}${path()}`);
      expect(response?.status()).toBe(status);
      expect(await pageFrame(page)).toEqual({ lang, h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });

    it('passes with JavaScript off', async () => {
      const { page, frame } = await openWithoutJavaScript(`${server.url}${path()}`, status);
      expect(frame).toEqual({ lang, h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('the home page passes with the new-page form showing its error', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/pages/new')),
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
      const page = await newPage();
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
      const page = await newPage();
      await page.goto(`${server.url}/wiki/${richSlug}/edit?lang=fr`);
      await waitUntilEditable(page, translator('fr')('editor.bodyLabel'));
      await page.getByRole('status').getByText(translator('fr')('status.connected')).waitFor();
      expect(await pageFrame(page)).toEqual({ lang: 'fr', h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });

    it('passes with JavaScript off, where it says the editor needs JavaScript and links to the page', async () => {
      const { page, frame } = await openWithoutJavaScript(`${server.url}/wiki/${richSlug}/edit`, 200);
      expect(frame).toEqual({ lang: 'en', h1: 1, main: 1 });
      await page.getByText('The live editor needs JavaScript').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
