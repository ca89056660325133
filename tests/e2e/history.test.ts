// Page history as people use it in chromium against the real server: restoring an old revision reaches a
// co-editor's open editor at once; an old revision reads without JavaScript; the word diff marks insertions and
// deletions in words as well as in style, and the compare form works from the keyboard; a version is saved
// (and a nameless one refused next to its field) from the keyboard; the authors view credits each paragraph to
// its writer; a reader sees the history but none of the controls that change it; and every history view passes
// axe-core's WCAG 2.1 AA rules in English and French. Revisions are cut by advancing a manual clock past the
// quiet period, so their numbers are known. Needs the client bundle (`npm test` builds it) and chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { $getRoot } from 'lexical';
import { translator, type Locale } from '../../shared/i18n/index.js';
import { defaults } from '../../server/plugins/config.js';
import { assertClientBuilt, axeViolations, editorBody, launchChromium, newPersonContext, pageFrame, waitUntilEditable } from '../helpers/chromium.js';
import { connectLexicalClient, type LexicalClient } from '../helpers/lexicalClient.js';
import { ManualClock } from '../helpers/manualClock.js';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

/** Upper bound for anything that crosses the network or waits for a re-render (debounced 0.4–1.5 s). */
const SETTLE_MS = 15_000;
/** How soon a restore must show in a co-editor's open editor. */
const LIVE_MS = 3_000;
/** Upper bound on Tab presses to reach a control from the top of a page. */
const MAX_TABS = 80;
const t = translator('en');

const GOOD = 'Budget: 5 dollars.';
/** Shares enough words with GOOD to be shown as a change to that paragraph rather than its replacement. */
const BAD = 'Budget: 900 dollars, cash.';

let server: TestServer;
let clock: ManualClock;
let browser: Browser;
let alice: TestAccount;
const contexts: BrowserContext[] = [];
const clients: LexicalClient[] = [];
/** Content-Security-Policy violations reported by pages opened without bypassCSP. */
const cspViolations: string[] = [];

beforeAll(async () => {
  assertClientBuilt();
  clock = new ManualClock();
  server = await startTestServer({}, undefined, { clock });
  alice = await server.createAccount('alice', 'editor');
  browser = await launchChromium();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  expect(cspViolations.splice(0)).toEqual([]);
});

afterAll(async () => {
  // Browser first, so its sockets are gone before the server waits for connections to end.
  await browser?.close();
  await server?.close();
});

/** A tab of its own for one person (signed in as `account`, or a visitor); bypassCSP lets axe be injected. */
async function openTab(account: TestAccount | null, options: { bypassCSP?: boolean; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await newPersonContext(browser, server, account, options);
  contexts.push(context);
  const page = await context.newPage();
  if (!options.bypassCSP) {
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }
  page.setDefaultTimeout(SETTLE_MS);
  return page;
}

interface RevisionItem {
  number: number;
  trigger: string;
  name: string | null;
  restoredFrom: number | null;
}

async function revisions(pageId: string): Promise<{ items: RevisionItem[]; total: number }> {
  const response = await fetch(`${server.url}/api/v1/pages/${pageId}/revisions?limit=100`, { headers: { authorization: server.accounts.editor.bearer } });
  if (response.status !== 200) throw new Error(`revisions: ${response.status} ${await response.text()}`);
  return (await response.json()) as { items: RevisionItem[]; total: number };
}

/** Waits until the page's stored text satisfies `accept`, so every edit before it is committed. */
function storedText(pageId: string, accept: (text: string) => boolean, what: string) {
  return waitFor(async () => (await getPage(server, pageId, server.accounts.editor)).text, accept, SETTLE_MS, what);
}

/** Nobody edits for the quiet period: the open revision is cut, as number `expected`. */
async function cutRevision(pageId: string, expected: number): Promise<void> {
  clock.advance(defaults.history.quietMs);
  const list = await revisions(pageId);
  expect(list.total).toBe(expected);
  expect(list.items[0].number).toBe(expected);
}

async function writer(pageId: string, as: TestAccount): Promise<LexicalClient> {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  clients.push(client);
  await client.synced;
  return client;
}

/**
 * Revision 1: the page as created (empty). Revision 2: GOOD. Revision 3: GOOD rewritten as BAD, which deletes
 * words and inserts others. Written live by the server's editor.
 */
async function pageWithThreeRevisions(title: string): Promise<{ id: string; slug: string }> {
  const created = await createPage(server, { title });
  const client = await writer(created.id, server.accounts.editor);
  client.appendParagraph(GOOD);
  await storedText(created.id, (text) => text.includes(GOOD), 'the good text stored');
  await cutRevision(created.id, 2);
  client.editor.update(
    () => {
      const good = $getRoot().getAllTextNodes().find((node) => node.getTextContent() === GOOD);
      if (!good) throw new Error('the good text is not in the document');
      good.setTextContent(BAD);
    },
    { discrete: true },
  );
  await storedText(created.id, (text) => text.includes(BAD) && !text.includes(GOOD), 'the bad change stored');
  await cutRevision(created.id, 3);
  return created;
}

/** Presses Tab until `selector` has the focus, as a keyboard user moves through the page from the top. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} was not reached in ${MAX_TABS} Tab presses`);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { name: el?.getAttribute('name') ?? null, value: el?.value ?? null, checked: el?.checked ?? null, tag: el?.tagName ?? null };
  });

describe('page history in the browser', () => {
  it("restores an old revision from its page with the keyboard, and a co-editor's open editor shows it at once", async () => {
    const created = await createPage(server, { title: 'Travel claim' });
    const editorPage = await openTab(server.accounts.editor);
    await editorPage.goto(`${server.url}/wiki/${created.slug}/edit`);
    await waitUntilEditable(editorPage);
    await editorBody(editorPage).click();
    await editorPage.keyboard.type(GOOD);
    await storedText(created.id, (text) => text.includes(GOOD), 'the typed text stored');
    await cutRevision(created.id, 2);

    // The bad change: the amount and what follows it are rewritten.
    await editorPage.keyboard.press('End');
    for (let i = 0; i < '5 dollars.'.length; i++) await editorPage.keyboard.press('Backspace');
    await editorPage.keyboard.type('900 dollars, cash.');
    await storedText(created.id, (text) => text.includes(BAD) && !text.includes(GOOD), 'the bad change stored');
    await cutRevision(created.id, 3);

    // Alice has the page open in her editor, showing the bad change; a marker tells whether her tab reloads.
    const alicePage = await openTab(alice);
    await alicePage.goto(`${server.url}/wiki/${created.slug}/edit`);
    await waitUntilEditable(alicePage);
    await waitFor(() => editorBody(alicePage).innerText(), (text) => text.includes(BAD), SETTLE_MS, "Alice's editor showing the bad change");
    await alicePage.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await editorPage.goto(`${server.url}/wiki/${created.slug}/history`);
    await Promise.all([
      editorPage.waitForURL(`${server.url}/wiki/${created.slug}/revisions/2`),
      editorPage.getByRole('link', { name: t('history.viewLabel', { n: 2 }), exact: true }).click(),
    ]);
    expect(await editorPage.locator('main article').innerText()).toContain(GOOD);
    expect(await editorPage.getByRole('note', { name: t('history.revision.links') }).innerText()).toContain(t('history.revision.notCurrent'));

    const restore = editorPage.getByRole('button', { name: t('history.restore.submit', { n: 2 }), exact: true });
    await restore.focus();
    await Promise.all([
      editorPage.waitForURL(`${server.url}/wiki/${created.slug}?restored=2`, { waitUntil: 'load' }),
      editorPage.keyboard.press('Enter'),
    ]);
    expect(await editorPage.getByRole('status').innerText()).toContain(t('history.restore.done', { n: 2 }));
    // What the page under that notice shows on arrival; checked last, after what the restore must do elsewhere.
    const landed = await editorPage.locator('main article').innerText();

    await waitFor(
      () => editorBody(alicePage).innerText(),
      (text) => text.includes(GOOD) && !text.includes('900'),
      LIVE_MS,
      "Alice's editor showing the restored text",
    );
    expect(await alicePage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await storedText(created.id, (text) => text.includes(GOOD) && !text.includes('900'), 'the restored text stored');

    const list = await revisions(created.id);
    expect(list.items[0]).toMatchObject({ number: 4, trigger: 'restored', restoredFrom: 2 });
    await editorPage.goto(`${server.url}/wiki/${created.slug}/history`);
    const newest = editorPage.locator('table.history-table tbody tr').first();
    expect(await newest.locator('th').innerText()).toBe('4');
    expect(await newest.innerText()).toContain(t('history.trigger.restored', { n: 2 }));

    // The page shown with "it is now the current version" shows that version's text.
    expect(landed).toContain(GOOD);
    expect(landed).not.toContain('900');
  });

  it('renders an old revision with JavaScript off, under a banner that says it is not the current version', async () => {
    const created = await pageWithThreeRevisions('Office supplies');
    const visitor = await openTab(null, { javaScriptEnabled: false });
    const response = await visitor.goto(`${server.url}/wiki/${created.slug}/revisions/2`);
    expect(response?.status()).toBe(200);
    const article = await visitor.locator('main article').innerText();
    expect(article).toContain(GOOD);
    expect(article).not.toContain('900');
    const banner = await visitor.getByRole('note', { name: t('history.revision.links') }).innerText();
    expect(banner).toContain(t('history.revision.notCurrent'));
    expect(banner).toContain(t('history.revision.bannerNoAuthors', { n: 2, title: 'Office supplies', when: '{when}' }).split('{when}')[0]);
    // Nothing in the page needs a script (the header's search suggestions are the only one), and a visitor is offered no restore.
    expect(await visitor.locator('main script').count()).toBe(0);
    expect(await visitor.getByRole('button', { name: t('history.restore.submit', { n: 2 }) }).count()).toBe(0);

    // Revision 1 is the page as it was created: empty, and said to be so.
    await visitor.goto(`${server.url}/wiki/${created.slug}/revisions/1`);
    expect(await visitor.locator('main article').innerText()).toContain(t('page.empty'));
    expect(await visitor.getByRole('note', { name: t('history.revision.links') }).innerText()).toContain(t('history.revision.notCurrent'));
  });

  it('marks inserted and deleted words in the diff, in style and in words, and the compare form works from the keyboard', async () => {
    const created = await pageWithThreeRevisions('Catering order');
    const page = await openTab(server.accounts.editor);
    await page.goto(`${server.url}/wiki/${created.slug}/diff?from=2&to=3`);
    const diff = page.locator('section.history-diff');
    const inserted = (await diff.locator('ins').allTextContents()).join(' ');
    const deleted = (await diff.locator('del').allTextContents()).join(' ');
    expect(inserted).toContain('900');
    expect(inserted).toContain('cash');
    expect(deleted).toContain('5');
    expect(deleted).not.toContain('900');
    expect(inserted).not.toContain('Budget');
    expect(deleted).not.toContain('Budget');
    // What a screen reader reads: each change starts and ends with its marker from the catalogue.
    const heard = (await diff.innerText()).replace(/\s+/g, ' ');
    expect(heard).toMatch(new RegExp(`${escapeRegExp(t('history.diff.insStart'))}[^\\]]*900`));
    expect(heard).toMatch(new RegExp(`${escapeRegExp(t('history.diff.delStart'))}[^\\]]*5`));
    expect(heard).toContain(t('history.diff.insEnd'));

    // On the history page, from the keyboard alone: revision 1 against revision 2.
    await page.goto(`${server.url}/wiki/${created.slug}/history`);
    await tabTo(page, 'input[type="radio"][name="from"]');
    expect(await focused(page)).toMatchObject({ name: 'from', value: '2', checked: true });
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ name: 'from', value: '1', checked: true });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'to', value: '3', checked: true });
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatchObject({ name: 'to', value: '2', checked: true });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('history.compare.submit'));
    await Promise.all([page.waitForURL(`${server.url}/wiki/${created.slug}/diff?from=1&to=2`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').innerText()).toBe(t('history.diff.title', { title: 'Catering order', from: 1, to: 2 }));
    expect((await page.locator('section.history-diff ins').allTextContents()).join(' ')).toContain('dollars.');
    expect(await page.locator('section.history-diff del').count()).toBe(0);
  });

  it('saves a named version from the keyboard, lists it first, and refuses an empty name next to the field', async () => {
    const created = await createPage(server, { title: 'Briefing note' });
    const client = await writer(created.id, server.accounts.editor);
    client.appendParagraph('The minister asked for options.');
    await storedText(created.id, (text) => text.includes('The minister asked for options.'), 'the paragraph stored');

    const page = await openTab(server.accounts.editor);
    await page.goto(`${server.url}/wiki/${created.slug}/history`);
    expect(await page.locator('section[aria-labelledby="named-heading"]').innerText()).toContain(t('history.named.none'));
    await tabTo(page, '#save-version-name');
    await page.keyboard.type('Sent to DG 2026-05-01');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'summary', tag: 'TEXTAREA' });
    await page.keyboard.type('Options 1 to 3, as discussed.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('history.save.submit'));
    await Promise.all([
      page.waitForURL((url) => url.pathname === `/wiki/${created.slug}/history` && url.searchParams.get('saved') === '2', { waitUntil: 'load' }),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.getByRole('status').innerText()).toContain(t('history.save.done', { n: 2, name: 'Sent to DG 2026-05-01' }));

    const named = page.locator('section[aria-labelledby="named-heading"]');
    expect(await named.locator('h2').innerText()).toBe(t('history.named.heading'));
    expect(await named.locator('.history-named__item').count()).toBe(1);
    expect(await named.locator('.history-named__name').first().innerText()).toBe('Sent to DG 2026-05-01');
    expect(await named.locator('.history-named__summary').first().innerText()).toBe('Options 1 to 3, as discussed.');
    // Named versions come before the list of every revision.
    const namedFirst = await page.evaluate(() => {
      const namedSection = document.querySelector('section[aria-labelledby="named-heading"]')!;
      const list = document.querySelector('section[aria-labelledby="revisions-heading"]')!;
      return Boolean(namedSection.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(namedFirst).toBe(true);
    expect(await page.locator('table.history-table tbody tr').first().innerText()).toContain(t('history.namedAs', { name: 'Sent to DG 2026-05-01' }));
    const before = await revisions(created.id);
    expect(before.items[0]).toMatchObject({ number: 2, trigger: 'saved', name: 'Sent to DG 2026-05-01' });

    // An empty name: the form comes back with the error next to the field and in the summary, and nothing is made.
    await tabTo(page, '#save-version-name');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/wiki/${created.slug}/history/versions`) && r.request().method() === 'POST'),
      page.waitForURL(`${server.url}/wiki/${created.slug}/history/versions`, { waitUntil: 'load' }),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(400);
    const field = page.getByLabel(t('history.save.name'), { exact: true });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const fieldError = page.locator('#save-version-name-error');
    expect(describedBy.split(' ')).toContain('save-version-name-error');
    expect(await fieldError.innerText()).toBe(t('history.save.nameRequired'));
    const summary = page.locator('.error-summary');
    expect(await summary.getByRole('link', { name: t('history.save.nameRequired') }).getAttribute('href')).toBe('#save-version-name');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const after = await revisions(created.id);
    expect(after.total).toBe(before.total);
    expect(after.items.filter((r) => r.name !== null)).toHaveLength(1);
  });

  it("credits each paragraph to its writer in the authors view, by the legend's number and in words", async () => {
    const created = await createPage(server, { title: 'Team charter' });
    const editorWriter = await writer(created.id, server.accounts.editor);
    editorWriter.appendParagraph('The editor wrote the mission.');
    await storedText(created.id, (text) => text.includes('The editor wrote the mission.'), "the editor's paragraph stored");
    const aliceWriter = await writer(created.id, alice);
    await waitFor(() => aliceWriter.text(), (text) => text.includes('The editor wrote the mission.'), SETTLE_MS, "the editor's paragraph at Alice's");
    aliceWriter.appendParagraph('Alice wrote the values.');
    await storedText(created.id, (text) => text.includes('Alice wrote the values.'), "Alice's paragraph stored");

    const page = await openTab(server.accounts.reader);
    await page.goto(`${server.url}/wiki/${created.slug}/authors`);
    const legend = page.getByRole('table', { name: t('history.authors.caption') });
    const rows = await legend.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ marker: tr.querySelector('td')?.textContent?.trim(), name: tr.querySelector('th')?.textContent?.trim() })),
    );
    const markerOf = new Map(rows.map((row) => [row.name, row.marker]));
    expect(new Set(markerOf.keys())).toEqual(new Set([server.accounts.editor.displayName, alice.displayName]));

    const runsOf = (text: string) =>
      page
        .locator('.attributed p', { hasText: text })
        .locator('span.attr')
        .evaluateAll((spans) =>
          spans
            .filter((span) => (span.textContent ?? '').trim() !== '')
            .map((span) => ({ marker: span.querySelector('.attr__marker')?.textContent, heard: span.querySelector('.visually-hidden')?.textContent })),
        );
    for (const [text, account] of [
      ['The editor wrote the mission.', server.accounts.editor],
      ['Alice wrote the values.', alice],
    ] as const) {
      const runs = await runsOf(text);
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) {
        expect(run).toEqual({ marker: markerOf.get(account.displayName), heard: t('history.authors.writtenBy', { name: account.displayName }) });
      }
    }
    // What a screen reader reads of the text says who wrote each paragraph.
    const heard = await page.locator('.attributed').innerText();
    expect(heard).toMatch(new RegExp(`${escapeRegExp(t('history.authors.writtenBy', { name: server.accounts.editor.displayName }).trim())}\\s*The editor wrote the mission\\.`));
    expect(heard).toMatch(new RegExp(`${escapeRegExp(t('history.authors.writtenBy', { name: alice.displayName }).trim())}\\s*Alice wrote the values\\.`));
  });

  it('shows a reader the history and old revisions, without the save form or the restore button', async () => {
    const created = await pageWithThreeRevisions('Parking rules');
    const page = await openTab(server.accounts.reader);
    const response = await page.goto(`${server.url}/wiki/${created.slug}/history`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('table.history-table tbody tr').count()).toBe(3);
    expect(await page.getByRole('button', { name: t('history.compare.submit') }).count()).toBe(1);
    expect(await page.getByLabel(t('history.save.name')).count()).toBe(0);
    expect(await page.getByRole('button', { name: t('history.save.submit') }).count()).toBe(0);
    expect(await page.locator('main form[method="post"]').count()).toBe(0);

    await page.getByRole('link', { name: t('history.viewLabel', { n: 2 }), exact: true }).click();
    await page.waitForURL(`${server.url}/wiki/${created.slug}/revisions/2`);
    expect(await page.locator('main article').innerText()).toContain(GOOD);
    expect(await page.getByRole('heading', { name: t('history.restore.heading') }).count()).toBe(0);
    expect(await page.getByRole('button', { name: t('history.restore.submit', { n: 2 }) }).count()).toBe(0);
    expect(await page.locator('main form[method="post"]').count()).toBe(0);
  });

  describe('WCAG 2.1 AA, checked by axe-core', () => {
    let slug: string;
    beforeAll(async () => {
      const created = await pageWithThreeRevisions('Procurement plan');
      server.app.services.history.nameRevision(created.id, 2, { name: 'Approved budget', summary: 'As signed.' }, {
        userId: server.accounts.editor.id,
        displayName: server.accounts.editor.displayName,
      });
      const client = await writer(created.id, alice);
      client.appendParagraph('Alice adds a closing line.');
      await storedText(created.id, (text) => text.includes('Alice adds a closing line.'), "Alice's line stored");
      await cutRevision(created.id, 4);
      // The writers leave; nothing of theirs is left out of a revision.
      for (const open of clients.splice(0)) open.destroy();
      slug = created.slug;
    });

    const views = [
      { view: 'the history', path: () => `/wiki/${slug}/history` },
      { view: 'an old revision', path: () => `/wiki/${slug}/revisions/1` },
      { view: 'a named revision with its rename form', path: () => `/wiki/${slug}/revisions/2` },
      { view: 'a diff', path: () => `/wiki/${slug}/diff?from=2&to=3` },
      { view: 'the authors view', path: () => `/wiki/${slug}/authors` },
    ];
    const cases = (['en', 'fr'] as Locale[]).flatMap((lang) => views.map((v) => ({ ...v, lang })));

    it.each(cases)('$view passes in $lang, signed in as an editor', async ({ path, lang }) => {
      const page = await openTab(server.accounts.editor, { bypassCSP: true });
      const url = `${server.url}${path()}${path().includes('?') ? '&' : '?'}lang=${lang}`;
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(await pageFrame(page)).toEqual({ lang, h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });

    it.each(['en', 'fr'] as Locale[])('the history passes in %s with the save form showing its error', async (lang) => {
      const page = await openTab(server.accounts.editor, { bypassCSP: true });
      await page.goto(`${server.url}/wiki/${slug}/history?lang=${lang}`);
      await Promise.all([
        page.waitForURL(`${server.url}/wiki/${slug}/history/versions`, { waitUntil: 'load' }),
        page.getByRole('button', { name: translator(lang)('history.save.submit') }).click(),
      ]);
      expect(await page.locator('#save-version-name-error').innerText()).toBe(translator(lang)('history.save.nameRequired'));
      expect(await pageFrame(page)).toEqual({ lang, h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
