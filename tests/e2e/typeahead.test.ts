// The header search box's title suggestions in chromium against the real server: typing part of a title lists
// matching pages the visitor may read (never an unreadable page's title), arrow keys and Enter or a click open
// one, Escape closes the list and then clears the box, titles are shown as text with the matched part marked,
// stale answers never replace newer ones, the form still searches without the script, and the open list
// passes axe-core's WCAG 2.1 AA rules. Needs the client bundle (`npm run build:client`) and chromium.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { translator } from '../../shared/i18n/index.js';
import { assertClientBuilt, axeViolations, launchChromium, newPersonContext } from '../helpers/chromium.js';
import { apiCall, createPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

const SETTLE_MS = 15_000;
const t = translator('en');

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const slugs: Record<string, string> = {};
const XSS_TITLE = '<img src=x onerror="window.__typeaheadXss=1"><b>Travel</b> hack';

beforeAll(async () => {
  assertClientBuilt();
  server = await startTestServer();
  browser = await launchChromium();
  const { admin } = server.accounts;
  for (const title of ['Travel budget 2026', 'Travel policy', 'Meeting notes', XSS_TITLE]) {
    slugs[title] = (await createPage(server, { title })).slug;
  }
  const vault = (await apiCall(server, 'POST', '/spaces', admin, { name: 'Vault', classification: 'unclassified', access: 'restricted' })).json() as { id: string };
  slugs['Travel secrets'] = (await createPage(server, { title: 'Travel secrets', space: vault.id }, admin)).slug;
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openTab(as: TestAccount | null = null, path = '/', options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await newPersonContext(browser, server, as, options);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_MS);
  await page.goto(`${server.url}${path}`);
  return page;
}

const box = (page: Page) => page.locator('#site-search-q');
const listbox = (page: Page) => page.getByRole('listbox', { name: t('typeahead.listLabel') });
const optionTexts = (page: Page) => listbox(page).getByRole('option').allTextContents();

/** Types into the header box (enhanced once it has role=combobox) and waits for the list to show `expected`. */
async function typeAndWait(page: Page, text: string, expected: string[]): Promise<void> {
  await page.locator('#site-search-q[role="combobox"]').waitFor();
  await box(page).click();
  await page.keyboard.type(text);
  await listbox(page).waitFor();
  await waitFor(() => optionTexts(page), (texts) => JSON.stringify([...texts].sort()) === JSON.stringify([...expected].sort()), SETTLE_MS, `suggestions ${JSON.stringify(expected)}`);
}

async function attrs(locator: Locator, names: string[]): Promise<Record<string, string | null>> {
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await locator.getAttribute(name)] as const)));
}

describe('header search typeahead', () => {
  it('suggests readable titles as you type, marks the match, and opens the highlighted one with the arrow keys and Enter', async () => {
    const page = await openTab();
    await typeAndWait(page, 'trav', ['Travel budget 2026', 'Travel policy', XSS_TITLE]);
    const input = box(page);
    expect(await attrs(input, ['role', 'aria-expanded', 'aria-controls', 'aria-autocomplete'])).toEqual({
      role: 'combobox',
      'aria-expanded': 'true',
      'aria-controls': await listbox(page).getAttribute('id'),
      'aria-autocomplete': 'list',
    });
    // The typed part of each title is marked.
    expect(await listbox(page).locator('mark').allTextContents()).toEqual(['Trav', 'Trav', 'Trav']);
    // The count is announced politely.
    await page.locator('[aria-live="polite"]', { hasText: t('typeahead.count', { count: 3 }) }).waitFor();

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const options = listbox(page).getByRole('option');
    const second = options.nth(1);
    expect(await input.getAttribute('aria-activedescendant')).toBe(await second.getAttribute('id'));
    expect(await second.getAttribute('aria-selected')).toBe('true');
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('false');
    // Focus never leaves the box while moving through the list.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-q');
    // ArrowUp goes back, and wraps from the first to the last.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const last = options.nth(2);
    expect(await input.getAttribute('aria-activedescendant')).toBe(await last.getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');

    const chosen = (await second.textContent())!;
    await Promise.all([page.waitForURL(`${server.url}/wiki/${encodeURIComponent(slugs[chosen])}`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').first().textContent()).toContain(chosen);
  });

  it('closes with Escape, clears with a second Escape, and Enter without a highlighted title searches', async () => {
    const page = await openTab();
    await typeAndWait(page, 'meet', ['Meeting notes']);
    await page.keyboard.press('Escape');
    await listbox(page).waitFor({ state: 'hidden' });
    expect(await box(page).getAttribute('aria-expanded')).toBe('false');
    expect(await box(page).inputValue()).toBe('meet');
    await page.keyboard.press('Escape');
    expect(await box(page).inputValue()).toBe('');

    await typeAndWait(page, 'meeting', ['Meeting notes']);
    await Promise.all([page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'meeting'), page.keyboard.press('Enter')]);
  });

  it('opens a suggestion with a click, and Tab leaves the box closing the list', async () => {
    const page = await openTab();
    await typeAndWait(page, 'meeting', ['Meeting notes']);
    await page.keyboard.press('Tab');
    await listbox(page).waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('site-search-q');

    await box(page).fill('');
    await typeAndWait(page, 'budg', ['Travel budget 2026']);
    await Promise.all([page.waitForURL(`${server.url}/wiki/${encodeURIComponent(slugs['Travel budget 2026'])}`), listbox(page).getByRole('option').first().click()]);
  });

  it("never suggests a page the visitor may not read, though the server's editors see it", async () => {
    const anonymous = await openTab();
    await typeAndWait(anonymous, 'travel', ['Travel budget 2026', 'Travel policy', XSS_TITLE]);
    expect(await anonymous.content()).not.toContain('Travel secrets');

    const admin = await openTab(server.accounts.admin);
    await typeAndWait(admin, 'travel', ['Travel budget 2026', 'Travel policy', XSS_TITLE, 'Travel secrets']);
  });

  it('shows markup in a title as text, never as elements', async () => {
    const page = await openTab();
    await typeAndWait(page, 'hack', [XSS_TITLE]);
    const option = listbox(page).getByRole('option').first();
    expect(await option.textContent()).toBe(XSS_TITLE);
    expect(await option.locator('img, b').count()).toBe(0);
    expect(await option.locator('mark').allTextContents()).toEqual(['hack']);
    expect(await page.evaluate(() => (window as unknown as { __typeaheadXss?: number }).__typeaheadXss)).toBeUndefined();
  });

  it('asks once per pause in typing and shows only the answer to the latest text', async () => {
    const page = await openTab();
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/search/titles') asked.push(url.searchParams.get('q') ?? '');
    });
    // The first answer is held back until after the second: it must not replace the newer list.
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let first = true;
    let firstSettled: Promise<void> = Promise.resolve();
    await page.route('**/api/v1/search/titles?*', async (route) => {
      if (!first) return route.continue();
      first = false;
      // The page has given up on it (aborted) by the time it is released: continuing may fail.
      firstSettled = firstHeld.then(() => route.continue().catch(() => undefined));
      await firstSettled;
    });
    await page.locator('#site-search-q[role="combobox"]').waitFor();
    await box(page).click();
    await page.keyboard.type('travel');
    await waitFor(() => asked.length, (n) => n >= 1, SETTLE_MS, 'the first request');
    await page.keyboard.type(' pol');
    await listbox(page).waitFor();
    await waitFor(() => optionTexts(page), (texts) => JSON.stringify(texts) === JSON.stringify(['Travel policy']), SETTLE_MS, 'the newer list');
    releaseFirst();
    // Typed in two bursts: one request each, not one per key.
    expect(asked).toEqual(['travel', 'travel pol']);
    // The held answer, once released and settled, changes nothing.
    await firstSettled;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    expect(await optionTexts(page)).toEqual(['Travel policy']);
  });

  it('speaks French on French pages', async () => {
    const page = await openTab(null, '/?lang=fr');
    await page.locator('#site-search-q[role="combobox"]').waitFor();
    await box(page).click();
    await page.keyboard.type('trav');
    await page.getByRole('listbox', { name: translator('fr')('typeahead.listLabel') }).waitFor();
    await page.locator('[aria-live="polite"]', { hasText: translator('fr')('typeahead.count', { count: 3 }) }).waitFor();
  });

  it('leaves a plain search form without JavaScript', async () => {
    const page = await openTab(null, '/', { javaScriptEnabled: false });
    expect(await box(page).getAttribute('role')).toBeNull();
    await box(page).fill('travel');
    await Promise.all([page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'travel'), box(page).press('Enter')]);
  });

  it('passes axe-core WCAG 2.1 AA with the list open and an option highlighted', async () => {
    const page = await openTab(null, '/', { bypassCSP: true });
    await typeAndWait(page, 'trav', ['Travel budget 2026', 'Travel policy', XSS_TITLE]);
    await page.keyboard.press('ArrowDown');
    expect(await axeViolations(page)).toEqual([]);
  });
});
