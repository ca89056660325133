// Browser end-to-end: two people co-edit one page in real chromium against the real server, and the editor
// works from the keyboard alone. Needs the client bundle (`npm test` builds it first) and /usr/bin/chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { assertClientBuilt, editorBody, launchChromium, waitUntilEditable } from '../helpers/chromium.js';
import { createPage, getPage, startTestServer, waitFor, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

/** Upper bound for anything that crosses the network or waits for a re-render (debounced 0.4–1.5 s). */
const SETTLE_MS = 15_000;

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Content-Security-Policy violations reported by any page; the editor must work under the strict policy. */
const cspViolations: string[] = [];

beforeAll(async () => {
  assertClientBuilt();
  server = await startTestServer();
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

/** One person: their own context, so their storage (name, colour, offline copy) is theirs alone. */
async function openEditor(slug: string, name?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.setDefaultTimeout(SETTLE_MS);
  await page.goto(`${server.url}/wiki/${slug}/edit`);
  await waitUntilEditable(page);
  if (name) {
    const field = page.getByLabel('Your name');
    await field.fill(name);
    await field.press('Enter');
    await page.getByRole('list', { name: 'People editing' }).getByText(`${name} (you)`).waitFor();
  }
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
  it("shows each person the other's text, name and cursor, keeps the text on reload and renders it for readers", async () => {
    const created = await createPage(server, { title: 'Joint justification plan' });
    const alice = await openEditor(created.slug, 'Alice Tremblay');
    const bob = await openEditor(created.slug, 'Bob Singh');

    await body(alice).click();
    await alice.keyboard.type('Alice drafts the rationale.');
    await body(bob).click();
    await bob.keyboard.press('Control+End');
    await bob.keyboard.press('Enter');
    await bob.keyboard.type('Bob adds the costs.');

    await waitForText(alice, ['Alice drafts the rationale.', 'Bob adds the costs.']);
    await waitForText(bob, ['Alice drafts the rationale.', 'Bob adds the costs.']);

    // Presence: each lists the other by name, and marks themself.
    await alice.getByRole('list', { name: 'People editing' }).getByText('Bob Singh', { exact: true }).waitFor();
    await bob.getByRole('list', { name: 'People editing' }).getByText('Alice Tremblay', { exact: true }).waitFor();
    // Remote cursors carry the co-editor's name.
    await alice.locator('.ens-cursor__name', { hasText: 'Bob Singh' }).waitFor();
    await body(alice).click();
    await alice.keyboard.press('End');
    await bob.locator('.ens-cursor__name', { hasText: 'Alice Tremblay' }).waitFor();

    expect(await alice.getByRole('status').innerText()).toContain('Connected');

    // The title is co-edited live too.
    const aliceTitle = alice.getByLabel('Page title');
    await aliceTitle.click();
    await aliceTitle.press('End');
    await alice.keyboard.type(' 2026');
    await waitFor(
      () => bob.getByLabel('Page title').inputValue(),
      (value) => value === 'Joint justification plan 2026',
      SETTLE_MS,
      "Bob's title field",
    );

    await bob.reload();
    await waitUntilEditable(bob);
    await waitForText(bob, ['Alice drafts the rationale.', 'Bob adds the costs.']);

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
    const page = await openEditor(created.slug);
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
