// The portal widgets in chromium, on a portal that is another origin: a tiny HTTP server on its own loopback
// port whose page has nothing but the one <script src=".../widgets.js" defer> and the two elements, as a portal
// author would write them. The configured portal lists recent pages and gets title suggestions, all by
// keyboard, and passes axe-core; a portal that is not configured gets the widgets' error state and no
// suggestions, because the wiki gives it no CORS header. Needs /usr/bin/chromium; nothing from dist/client
// (the widgets are served by the server itself).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { axeViolations, launchChromium } from '../helpers/chromium.js';
import { startPortal, type Portal } from '../helpers/portal.js';
import { startTestServer, waitFor, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

const SETTLE_MS = 15_000;

/** ?lang=fr gives a French portal page; the widgets take its language. */
function portalPage(wiki: () => string, query: URLSearchParams): string {
  const lang = query.get('lang') === 'fr' ? 'fr' : 'en';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Portal</title></head>
<body><header><h1>Department portal</h1></header><main>
<ensemble-search space="Main"></ensemble-search>
<ensemble-recent heading="Recent changes in the wiki" limit="5"></ensemble-recent>
</main><script src="${wiki()}/widgets.js" defer></script></body></html>`;
}

let wiki: TestServer;
let allowed: Portal;
let stranger: Portal;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages: Record<'welcome' | 'bulletin' | 'budget' | 'secret', { id: string; slug: string }> = {} as never;

beforeAll(async () => {
  allowed = await startPortal((query) => portalPage(() => wiki.url, query));
  stranger = await startPortal((query) => portalPage(() => wiki.url, query));
  wiki = await startTestServer({ embed: { origins: [allowed.origin] } });
  const { spaces, pages: service } = wiki.app.services;
  const userId = wiki.accounts.editor.id;
  const cabinet = spaces.create({ name: 'Cabinet', classification: 'protected-b', access: 'restricted' }, { id: null, name: 'test', ip: null });
  // A few milliseconds apart, so "newest first" has one right answer.
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
  pages.budget = await service.create({ title: 'Budget 2026' }, { spaceId: 'main', userId });
  await tick();
  pages.bulletin = await service.create({ title: 'Portal weekly bulletin' }, { spaceId: 'main', userId });
  await tick();
  pages.welcome = await service.create({ title: 'Portal welcome', blocks: [{ kind: 'paragraph', text: 'Hello, portal readers.' }] }, { spaceId: 'main', userId });
  await tick();
  pages.secret = await service.create({ title: 'Portal secret briefing' }, { spaceId: cabinet.id, userId });
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

/** A visitor's tab, signed in to the wiki as an editor: the widgets must still read as anonymous. */
async function openTab(options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  contexts.push(context);
  await context.addCookies([{ name: 'ens_session', value: wiki.accounts.admin.sessionCookie, url: wiki.url }]);
  const tab = await context.newPage();
  tab.setDefaultTimeout(SETTLE_MS);
  return tab;
}

const recentLinks = (tab: Page) =>
  tab.locator('ensemble-recent li a').evaluateAll((links) => links.map((a) => ({ text: a.textContent, href: (a as HTMLAnchorElement).href })));

test('a configured portal lists the recently changed pages anyone may read, newest first, with their space and age', async () => {
  const tab = await openTab();
  await tab.goto(`${allowed.origin}/`);
  await tab.locator('ensemble-recent li').first().waitFor();
  expect(await recentLinks(tab)).toEqual([
    { text: 'Portal welcome', href: `${wiki.url}/p/${pages.welcome.id}` },
    { text: 'Portal weekly bulletin', href: `${wiki.url}/p/${pages.bulletin.id}` },
    { text: 'Budget 2026', href: `${wiki.url}/p/${pages.budget.id}` },
  ]);
  // The heading names the list; each item says its space and how long ago it changed, in words.
  expect(await tab.getByRole('heading', { level: 2, name: 'Recent changes in the wiki' }).count()).toBe(1);
  expect(await tab.getByRole('list', { name: 'Recent changes in the wiki' }).count()).toBe(1);
  const meta = await tab.locator('ensemble-recent .meta').first().textContent();
  expect(meta).toMatch(/^Main · changed (now|\d+ seconds? ago)$/);
  expect(await tab.locator('ensemble-recent time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
  // Even though this visitor is signed in to the wiki as an admin, the restricted page never reaches the portal.
  expect(await tab.content()).not.toContain('secret');
  expect(await tab.locator('ensemble-recent').evaluate((el) => el.shadowRoot!.textContent)).not.toContain('Portal secret briefing');
});

test('the search box, by keyboard only: suggestions for a typed prefix, arrows and Enter open the chosen page', async () => {
  const tab = await openTab();
  await tab.goto(`${allowed.origin}/`);
  const box = tab.getByRole('combobox', { name: 'Search Ensemble' });
  await box.waitFor();
  // The first Tab from the top of the page reaches the box: it is the portal's first control.
  await tab.keyboard.press('Tab');
  expect(await box.evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input)).toBe(true);
  await tab.keyboard.type('portal w');
  const options = tab.getByRole('option');
  await waitFor(() => options.allTextContents(), (texts) => texts.length === 2, SETTLE_MS, 'two suggestions');
  expect((await options.allTextContents()).sort()).toEqual(['Portal weekly bulletin', 'Portal welcome']);
  expect(await box.getAttribute('aria-expanded')).toBe('true');
  expect(await tab.getByRole('listbox', { name: 'Pages whose titles match' }).isVisible()).toBe(true);
  const live = tab.locator('ensemble-search [aria-live="polite"]');
  await waitFor(() => live.textContent(), (text) => text === '2 suggestions. Use the up and down arrow keys to choose one, then Enter to open it.', SETTLE_MS, 'the count announced');

  await tab.keyboard.press('ArrowDown');
  await tab.keyboard.press('ArrowDown');
  await tab.keyboard.press('ArrowUp');
  const first = options.first();
  expect(await first.getAttribute('aria-selected')).toBe('true');
  expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
  const chosen = (await first.textContent()) as 'Portal weekly bulletin' | 'Portal welcome';
  const target = chosen === 'Portal welcome' ? pages.welcome : pages.bulletin;

  // Escape closes the list and keeps the text; Down opens it again.
  await tab.keyboard.press('Escape');
  expect(await box.getAttribute('aria-expanded')).toBe('false');
  expect(await box.inputValue()).toBe('portal w');
  await tab.keyboard.press('ArrowDown');
  expect(await box.getAttribute('aria-expanded')).toBe('true');
  expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));

  // Enter opens the page's permanent link, which lands on the page itself.
  await Promise.all([tab.waitForURL(`${wiki.url}/wiki/${encodeURIComponent(target.slug)}`), tab.keyboard.press('Enter')]);
  expect(await tab.locator('h1').first().textContent()).toBe(chosen);
});

test('Enter without a chosen suggestion opens the search results in the wiki, in the widget’s space', async () => {
  const tab = await openTab();
  await tab.goto(`${allowed.origin}/`);
  const box = tab.getByRole('combobox', { name: 'Search Ensemble' });
  await box.waitFor();
  await tab.keyboard.press('Tab');
  await tab.keyboard.type('budget');
  await tab.getByRole('option', { name: 'Budget 2026' }).waitFor();
  await Promise.all([tab.waitForURL(`${wiki.url}/search?q=budget&space=Main`), tab.keyboard.press('Enter')]);
});

test('the widgets speak the portal page’s language', async () => {
  const tab = await openTab();
  await tab.goto(`${allowed.origin}/?lang=fr`);
  await tab.getByRole('combobox', { name: 'Rechercher dans Ensemble' }).waitFor();
  expect(await tab.getByRole('button', { name: 'Rechercher' }).count()).toBe(1);
  await tab.locator('ensemble-recent li').first().waitFor();
  expect(await tab.locator('ensemble-recent .meta').first().textContent()).toMatch(/^Main · modifiée (maintenant|il y a \d+ secondes?)$/);
  expect(await tab.locator('ensemble-search form').getAttribute('lang')).toBe('fr');
});

test('the portal page with both widgets (list loaded, suggestions open) passes axe-core WCAG 2.1 AA', async () => {
  const tab = await openTab();
  await tab.goto(`${allowed.origin}/`);
  await tab.locator('ensemble-recent li').first().waitFor();
  expect(await axeViolations(tab)).toEqual([]);
  await tab.getByRole('combobox', { name: 'Search Ensemble' }).waitFor();
  await tab.keyboard.press('Tab');
  await tab.keyboard.type('portal');
  await tab.getByRole('option').first().waitFor();
  await tab.keyboard.press('ArrowDown');
  expect(await axeViolations(tab)).toEqual([]);
});

test('a portal that is not configured gets no CORS header: the list shows its error state and no suggestion appears', async () => {
  const tab = await openTab();
  const refused: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Access-Control-Allow-Origin')) refused.push(message.text());
  });
  await tab.goto(`${stranger.origin}/`);
  const status = tab.locator('ensemble-recent [aria-live="polite"]');
  await waitFor(() => status.textContent(), (text) => text === 'Recent changes could not be loaded from Ensemble.', SETTLE_MS, 'the error state');
  expect(await tab.locator('ensemble-recent li').count()).toBe(0);

  await tab.keyboard.press('Tab');
  await tab.keyboard.type('portal');
  await waitFor(() => refused.length, (n) => n >= 2, SETTLE_MS, 'the titles request refused by the browser');
  expect(await tab.getByRole('option').count()).toBe(0);
  expect(await tab.getByRole('combobox', { name: 'Search Ensemble' }).getAttribute('aria-expanded')).toBe('false');
});

test('the wiki’s own /widgets page runs both widgets under its CSP, and passes axe-core', async () => {
  const tab = await openTab();
  const consoleErrors: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const response = await tab.goto(`${wiki.url}/widgets`);
  expect(response?.status()).toBe(200);
  await tab.locator('ensemble-recent li').first().waitFor();
  expect(await tab.getByRole('heading', { level: 3, name: 'Recent changes in Ensemble' }).count()).toBe(1);
  // Read as a visitor even on the wiki itself (the widgets send no credentials), so the restricted page is absent.
  expect((await recentLinks(tab)).map((l) => l.text)).toEqual(['Portal welcome', 'Portal weekly bulletin', 'Budget 2026']);
  await tab.getByRole('combobox', { name: 'Search Ensemble' }).fill('budg');
  await tab.getByRole('option', { name: 'Budget 2026' }).waitFor();
  // The widgets' own styles apply under the strict CSP (constructed stylesheets, not a refused <style>).
  expect(await tab.getByRole('listbox').evaluate((list) => getComputedStyle(list).position)).toBe('absolute');
  expect(await tab.getByRole('button', { name: 'Search', exact: true }).last().evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(38, 55, 74)');
  expect(consoleErrors).toEqual([]);

  // axe is injected as a script, which the CSP refuses: a second tab that bypasses it.
  const checked = await openTab({ bypassCSP: true });
  await checked.goto(`${wiki.url}/widgets?lang=fr`);
  await checked.locator('ensemble-recent li').first().waitFor();
  expect(await axeViolations(checked)).toEqual([]);
});
