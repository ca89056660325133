// Wiki links in chromium against the real server: typing [[ and part of a title in the editor lists matching
// pages in a listbox the body points at (aria-activedescendant), with the count said politely; the arrow keys and
// Enter insert a link to the chosen page's permanent link with its title, which "What links here" then lists;
// the last option links to a page that does not exist yet (a red link once the page is served); Escape leaves
// the typed text alone; and the open list passes axe-core's WCAG 2.1 AA rules. Needs `npm run build:client`.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { translator } from '../../shared/i18n/index.js';
import { afterCaretMove, assertClientBuilt, axeViolations, editorBody, launchChromium, newPersonContext, waitUntilEditable } from '../helpers/chromium.js';
import { apiCall, createPage, startTestServer, waitFor, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

const SETTLE_MS = 15_000;
const t = translator('en');

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages: Record<string, { id: string; slug: string }> = {};

beforeAll(async () => {
  assertClientBuilt();
  server = await startTestServer();
  browser = await launchChromium();
  for (const title of ['Budget 2026', 'Budget review', 'Meeting notes', 'Working page', 'Scratch page']) {
    pages[title] = await createPage(server, { title });
  }
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The editor of a page, as the editor account, with the caret at the end of the (empty) body. */
async function openEditor(title: string): Promise<Page> {
  const context = await newPersonContext(browser, server, server.accounts.editor, { bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_MS);
  await page.goto(`${server.url}/wiki/${pages[title].slug}/edit`);
  await waitUntilEditable(page);
  await editorBody(page).click();
  await afterCaretMove(page);
  return page;
}

const listbox = (page: Page) => page.getByRole('listbox', { name: t('wikiLinks.listLabel') });
const optionTexts = (page: Page) => listbox(page).getByRole('option').allTextContents();

async function waitForOptions(page: Page, expected: string[]): Promise<void> {
  await listbox(page).waitFor();
  await waitFor(() => optionTexts(page), (texts) => JSON.stringify([...texts].sort()) === JSON.stringify([...expected].sort()), SETTLE_MS, `options ${JSON.stringify(expected)}`);
}

/** The links in the editor's body: address and text. */
const editorLinks = (page: Page) =>
  editorBody(page).locator('a').evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));

describe('wiki links in the editor', () => {
  it('lists matching titles after [[, and ArrowDown then Enter links to the chosen page by its permanent link', async () => {
    const page = await openEditor('Working page');
    await page.keyboard.type('See [[Bud');
    await waitForOptions(page, ['Budget 2026', 'Budget review', t('wikiLinks.create', { title: 'Bud' })]);
    await page.locator('[aria-live="polite"]', { hasText: t('wikiLinks.results.other', { count: 2 }) }).waitFor();
    // The body stays focused and names the highlighted option; the list is the one it controls.
    const body = editorBody(page);
    expect(await body.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await body.getAttribute('aria-controls')).toBe(await listbox(page).getAttribute('id'));

    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('ArrowDown');
    const activeId = await body.getAttribute('aria-activedescendant');
    const chosen = page.locator(`[id="${activeId}"]`);
    expect(await chosen.getAttribute('aria-selected')).toBe('true');
    const chosenTitle = (await chosen.textContent())!;
    expect(['Budget 2026', 'Budget review']).toContain(chosenTitle);
    await page.keyboard.press('Enter');

    await listbox(page).waitFor({ state: 'detached' });
    await waitFor(() => editorLinks(page), (links) => links.length === 1, SETTLE_MS, 'the inserted link');
    expect(await editorLinks(page)).toEqual([{ href: `/p/${pages[chosenTitle].id}`, text: chosenTitle }]);
    expect(await body.textContent()).toBe(`See ${chosenTitle} `);
    expect(await body.getAttribute('aria-activedescendant')).toBeNull();

    // Stored and rendered like any edit: the chosen page now lists this one as linking to it.
    const linked = await waitFor(
      async () => (await apiCall(server, 'GET', `/pages/${pages[chosenTitle].id}/backlinks`, server.accounts.editor)).json(),
      (found: { total: number; items: { id: string; title: string }[] }) => found.total === 1,
      SETTLE_MS,
      'the link in what links here',
    );
    expect(linked.items[0]).toMatchObject({ id: pages['Working page'].id, title: 'Working page' });
  });

  it('links to a page that does not exist yet with the last option, and Escape leaves what was typed', async () => {
    const page = await openEditor('Scratch page');
    await page.keyboard.type('[[Travel rules');
    const create = t('wikiLinks.create', { title: 'Travel rules' });
    await waitForOptions(page, [create]);
    await page.locator('[aria-live="polite"]', { hasText: t('wikiLinks.none') }).waitFor();
    await page.keyboard.press('Enter');
    await waitFor(() => editorLinks(page), (links) => links.length === 1, SETTLE_MS, 'the wanted link');
    expect(await editorLinks(page)).toEqual([{ href: '/pages/new?title=Travel%20rules', text: 'Travel rules' }]);

    await page.keyboard.type('and [[Meet');
    await waitForOptions(page, ['Meeting notes', t('wikiLinks.create', { title: 'Meet' })]);
    await page.keyboard.press('Escape');
    await listbox(page).waitFor({ state: 'detached' });
    expect(await editorBody(page).textContent()).toBe('Travel rules and [[Meet');
    expect(await editorLinks(page)).toHaveLength(1);

    // Served, the link to the page that does not exist is red and says so to screen readers.
    const served = await waitFor(
      async () => (await server.app.inject({ url: `/wiki/${pages['Scratch page'].slug}` })).body,
      (html) => html.includes('ens-link--missing'),
      SETTLE_MS,
      'the red link on the served page',
    );
    expect(served).toContain(t('links.missingNote'));
  });
});
