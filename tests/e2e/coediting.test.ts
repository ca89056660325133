// Browser end-to-end: two signed-in people co-edit one page in real chromium against the real server, each
// shown to the other by their account's display name, and the editor works from the keyboard alone.
// Needs the client bundle (`npm test` builds it first) and /usr/bin/chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { translator } from '../../shared/i18n/index.js';
import { assertClientBuilt, editorBody, launchChromium, newPersonContext, waitUntilEditable } from '../helpers/chromium.js';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

/** Upper bound for anything that crosses the network or waits for a re-render (debounced 0.4–1.5 s). */
const SETTLE_MS = 15_000;
const t = translator('en');

let server: TestServer;
/** Two editors with their own accounts, so each is a different person to the other. */
let alice: TestAccount;
let bob: TestAccount;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Content-Security-Policy violations reported by any page; the editor must work under the strict policy. */
const cspViolations: string[] = [];

beforeAll(async () => {
  assertClientBuilt();
  server = await startTestServer();
  alice = await server.createAccount('alice', 'editor');
  bob = await server.createAccount('bob', 'editor');
  browser = await launchChromium();
});

afterAll(async () => {
  // Browser first, so its sockets are gone before the server waits for connections to end.
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(cspViolations.splice(0)).toEqual([]);
});

const presence = (page: Page) => page.getByRole('list', { name: t('editor.presence') });

/**
 * One person, signed in as `account`: their own context, so their storage (colour, offline copy) is theirs
 * alone. Resolves once the editor is editable and lists them, by their display name, as themself.
 */
async function openEditor(slug: string, account: TestAccount): Promise<Page> {
  const context = await newPersonContext(browser, server, account);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.setDefaultTimeout(SETTLE_MS);
  await page.goto(`${server.url}/wiki/${slug}/edit`);
  await waitUntilEditable(page);
  await presence(page).getByText(t('editor.you', { name: account.displayName }), { exact: true }).waitFor();
  return page;
}

const body = editorBody;

async function waitForText(page: Page, expected: string[]): Promise<void> {
  await waitFor(
    () => body(page).innerText(),
    (text) => expected.every((part) => text.includes(part)),
    SETTLE_MS,
    `editor text containing ${JSON.stringify(expected)}`,
  );
}

describe('live co-editing in the browser', () => {
  it("shows each person the other's text, account name and cursor, keeps the text on reload and renders it for readers", async () => {
    const created = await createPage(server, { title: 'Joint justification plan' });
    const alicePage = await openEditor(created.slug, alice);
    const bobPage = await openEditor(created.slug, bob);

    await body(alicePage).click();
    await alicePage.keyboard.type('Alice drafts the rationale.');
    await body(bobPage).click();
    await bobPage.keyboard.press('Control+End');
    await bobPage.keyboard.press('Enter');
    await bobPage.keyboard.type('Bob adds the costs.');

    await waitForText(alicePage, ['Alice drafts the rationale.', 'Bob adds the costs.']);
    await waitForText(bobPage, ['Alice drafts the rationale.', 'Bob adds the costs.']);

    // Presence: each lists the other by their account's display name (openEditor saw each marked as themself).
    await presence(alicePage).getByText(bob.displayName, { exact: true }).waitFor();
    await presence(bobPage).getByText(alice.displayName, { exact: true }).waitFor();
    expect(await presence(alicePage).getByRole('listitem').allInnerTexts()).toEqual([t('editor.you', { name: alice.displayName }), bob.displayName]);
    // Remote cursors carry the co-editor's name.
    await alicePage.locator('.ens-cursor__name', { hasText: bob.displayName }).waitFor();
    await body(alicePage).click();
    await alicePage.keyboard.press('End');
    await bobPage.locator('.ens-cursor__name', { hasText: alice.displayName }).waitFor();

    expect(await alicePage.getByRole('status').innerText()).toContain(t('status.connected'));

    // The title is co-edited live too.
    const aliceTitle = alicePage.getByLabel('Page title');
    await aliceTitle.click();
    await aliceTitle.press('End');
    await alicePage.keyboard.type(' 2026');
    await waitFor(
      () => bobPage.getByLabel('Page title').inputValue(),
      (value) => value === 'Joint justification plan 2026',
      SETTLE_MS,
      "Bob's title field",
    );

    await bobPage.reload();
    await waitUntilEditable(bobPage);
    await waitForText(bobPage, ['Alice drafts the rationale.', 'Bob adds the costs.']);

    // A reader without JavaScript gets the server rendering, which follows edits after a short debounce.
    const reader = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(reader);
    const view = await reader.newPage();
    await waitFor(
      async () => {
        await view.goto(`${server.url}/wiki/${created.slug}`);
        return view.locator('main').innerText();
      },
      (text) => text.includes('Alice drafts the rationale.') && text.includes('Bob adds the costs.'),
      SETTLE_MS,
      'the server-rendered page',
    );
  });

  it('formats, links and reaches the toolbar from the keyboard alone', async () => {
    const created = await createPage(server, { title: 'Keyboard only' });
    const page = await openEditor(created.slug, server.accounts.editor);
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return { label: el?.getAttribute('aria-label') ?? null, inToolbar: Boolean(el?.closest('[role="toolbar"]')) };
      });

    await body(page).focus();
    await page.keyboard.type('Risks');
    await page.keyboard.press('Control+Alt+2');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Readers ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('must');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' read the guide');

    await body(page).locator('h2', { hasText: 'Risks' }).waitFor();
    await body(page).locator('strong', { hasText: 'must' }).waitFor();

    // Ctrl+K on a selection opens the link dialog; a refused address is explained, a good one applied.
    for (let i = 0; i < 'guide'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+k');
    const address = page.getByRole('dialog').getByLabel(/Link address/);
    await address.fill('javascript:alert(1)');
    await address.press('Enter');
    await page.getByText('Links must start with https://').waitFor();
    await address.fill('https://www.canada.ca/en.html');
    await address.press('Enter');
    await body(page).locator('a[href="https://www.canada.ca/en.html"]', { hasText: 'guide' }).waitFor();
    expect((await active()).label).toBe('Page content');

    // Alt+F10 reaches the toolbar; arrows move within it; Escape returns to the text.
    await page.keyboard.press('Alt+F10');
    expect(await active()).toEqual({ label: 'Text style', inToolbar: true });
    await page.keyboard.press('ArrowRight');
    expect(await active()).toEqual({ label: 'Bold', inToolbar: true });
    await page.keyboard.press('End');
    expect(await active()).toEqual({ label: 'Redo', inToolbar: true });
    await page.keyboard.press('Escape');
    expect((await active()).label).toBe('Page content');

    // The toolbar is a single Tab stop: leaving and re-entering lands on the last control used.
    await page.keyboard.press('Alt+F10');
    expect((await active()).label).toBe('Redo');
    await page.keyboard.press('Escape');

    // The stored rendering has the heading, the bold text and the link.
    const stored = await waitFor(
      () => getPage(server, created.slug),
      (p) => p.html.includes('<h2') && /<(strong|b)\b/.test(p.html) && p.html.includes('https://www.canada.ca/en.html'),
      SETTLE_MS,
      'the stored rendering',
    );
    expect(stored.text).toContain('Risks');
  });
});
