// Permissions as a person meets them in chromium: anonymous visitors read but are sent to sign in to edit; a
// signed-in reader gets a read-only editor that follows others' typing live but changes nothing; an editor
// demoted while editing finds their editor turning read-only at once; a Protected B restricted space shows
// its classification to members and nothing but a sign-in prompt to anonymous visitors; and the sign-in page
// and the read-only editor pass axe-core's WCAG 2.1 AA rules. Needs the client bundle (`npm test` builds it)
// and /usr/bin/chromium.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { translator } from '../../shared/i18n/index.js';
import type { Actor } from '../../server/audit/audit.service.js';
import { assertClientBuilt, axeViolations, editorBody, launchChromium, newPersonContext, pageFrame, waitUntilEditable } from '../helpers/chromium.js';
import { connectLexicalClient, type LexicalClient } from '../helpers/lexicalClient.js';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

/** Upper bound for anything that crosses the network or waits for a re-render (debounced 0.4–1.5 s). */
const SETTLE_MS = 15_000;
/** How soon an open editor must follow a permission change. */
const PERMISSION_CHANGE_MS = 1_000;
const t = translator('en');

let server: TestServer;
let browser: Browser;
let admin: Actor;
const contexts: BrowserContext[] = [];
const clients: LexicalClient[] = [];

beforeAll(async () => {
  assertClientBuilt();
  server = await startTestServer();
  admin = { id: server.accounts.admin.id, name: server.accounts.admin.username, ip: null };
  browser = await launchChromium();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  // Browser first, so its sockets are gone before the server waits for connections to end.
  await browser?.close();
  await server?.close();
});

/** A tab of its own for one person, signed in as `account` or anonymous; bypassCSP lets axe be injected. */
async function openTab(account: TestAccount | null, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await newPersonContext(browser, server, account, options);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_MS);
  return page;
}

/** A page whose body holds `paragraphs`, written live by the server's editor, once stored and rendered. */
async function pageWithText(title: string, paragraphs: string[], space?: string, as = server.accounts.editor): Promise<{ id: string; slug: string }> {
  const created = await createPage(server, { title, ...(space ? { space } : {}) }, as);
  const writer = connectLexicalClient(server.collabUrl, created.id, { bearer: as.bearer, displayName: as.displayName });
  try {
    await writer.synced;
    for (const text of paragraphs) writer.appendParagraph(text);
    await waitFor(() => getPage(server, created.id, as), (p) => paragraphs.every((text) => p.text.includes(text)), SETTLE_MS, 'the page to be stored');
  } finally {
    writer.destroy();
  }
  return created;
}

const statusText = (page: Page) => page.getByRole('status').first().innerText();
const editLink = (page: Page) => page.getByRole('link', { name: t('page.edit'), exact: true });

/** Opens the editor as `account` and waits until it shows `expected` (it is never editable for a reader). */
async function openEditorShowing(account: TestAccount, slug: string, expected: string, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const page = await openTab(account, options);
  await page.goto(`${server.url}/wiki/${slug}/edit`);
  await waitFor(() => editorBody(page).innerText(), (text) => text.includes(expected), SETTLE_MS, `the editor to show "${expected}"`);
  return page;
}

/** Resolves once the body is not editable, or fails after `timeoutMs`; polled in the page at every frame. */
async function waitUntilReadOnly(page: Page, timeoutMs = SETTLE_MS): Promise<void> {
  await page.waitForFunction(
    (label) => document.querySelector(`[aria-label="${label}"]`)?.getAttribute('contenteditable') === 'false',
    t('editor.bodyLabel'),
    { timeout: timeoutMs, polling: 'raf' },
  );
}

describe('permissions in the browser', () => {
  it('shows an anonymous visitor the page without an Edit link, and sends them to sign in, and back, when they open the editor', async () => {
    const created = await pageWithText('Opening hours', ['The office opens at nine.']);
    const page = await openTab(null);
    const response = await page.goto(`${server.url}/wiki/${created.slug}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('main .ens-content').innerText()).toContain('The office opens at nine.');
    expect(await editLink(page).count()).toBe(0);

    // A signed-in editor does get the link, so its absence above is about the visitor.
    const editorPage = await openTab(server.accounts.editor);
    await editorPage.goto(`${server.url}/wiki/${created.slug}`);
    expect(await editLink(editorPage).count()).toBe(1);

    await page.goto(`${server.url}/wiki/${created.slug}/edit`);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe('/login');
    expect(landed.searchParams.get('next')).toBe(`/wiki/${created.slug}/edit`);
    expect(await editorBody(page).count()).toBe(0);

    // Signing in there comes back to the editor, editable, with the account's name in the presence list.
    const password = 'correct horse battery staple';
    const signer = await server.createAccount('signer', 'editor', password);
    await page.getByLabel(t('login.username')).fill(signer.username);
    await page.getByLabel(t('login.password')).fill(password);
    await Promise.all([
      page.waitForURL(`${server.url}/wiki/${created.slug}/edit`),
      page.getByRole('button', { name: t('login.submit') }).click(),
    ]);
    await waitUntilEditable(page);
    await page.getByRole('list', { name: t('editor.presence') }).getByText(t('editor.you', { name: signer.displayName }), { exact: true }).waitFor();
    expect(await editorBody(page).innerText()).toContain('The office opens at nine.');
  });

  it('gives a signed-in reader a read-only editor: typing changes nothing, the status says so, and the stored text is unchanged', async () => {
    const created = await pageWithText('Leave policy', ['Ask your manager first.']);
    const reader = await openEditorShowing(server.accounts.reader, created.slug, 'Ask your manager first.');
    await waitFor(() => statusText(reader), (text) => text.includes(t('status.readOnly')), SETTLE_MS, 'the read-only status');
    expect(await editorBody(reader).getAttribute('contenteditable')).toBe('false');
    expect(await editorBody(reader).getAttribute('aria-readonly')).toBe('true');

    await editorBody(reader).click();
    await reader.keyboard.press('Control+End');
    await reader.keyboard.type('The reader was here.');
    await reader.keyboard.press('Enter');
    await reader.keyboard.press('Backspace');
    const title = reader.getByLabel(t('editor.titleLabel'));
    await title.click();
    await reader.keyboard.type(' (reader)');

    // A live editor writes after the reader typed: once that has reached the reader and the store, whatever
    // the reader's typing had sent would have too.
    const editor = connectLexicalClient(server.collabUrl, created.id, { bearer: server.accounts.editor.bearer, displayName: server.accounts.editor.displayName });
    clients.push(editor);
    await editor.synced;
    editor.appendParagraph('Approved by the editor.');
    await waitFor(() => editorBody(reader).innerText(), (text) => text.includes('Approved by the editor.'), SETTLE_MS, "the editor's paragraph in the reader's view");
    const stored = await waitFor(() => getPage(server, created.id), (p) => p.text.includes('Approved by the editor.'), SETTLE_MS, "the editor's paragraph stored");

    expect(await editorBody(reader).innerText()).not.toContain('The reader was here.');
    expect(await title.inputValue()).toBe('Leave policy');
    expect(stored.text).toContain('Ask your manager first.');
    expect(stored.text).not.toContain('The reader was here.');
    expect(stored.title).toBe('Leave policy');
    expect(editor.text()).not.toContain('The reader was here.');
    expect(await statusText(reader)).toContain(t('status.readOnly'));
  });

  it("shows an editor's typing to a reader live", async () => {
    const created = await pageWithText('Shift schedule', ['Monday: Amira.']);
    const reader = await openEditorShowing(server.accounts.reader, created.slug, 'Monday: Amira.');
    const editorPage = await openTab(server.accounts.editor);
    await editorPage.goto(`${server.url}/wiki/${created.slug}/edit`);
    await waitUntilEditable(editorPage);
    await editorBody(editorPage).click();
    await editorPage.keyboard.press('Control+End');
    await editorPage.keyboard.press('Enter');
    await editorPage.keyboard.type('Tuesday: Jonah.');
    await waitFor(() => editorBody(reader).innerText(), (text) => text.includes('Tuesday: Jonah.'), SETTLE_MS, "the editor's typing in the reader's view");
    // The reader sees who is writing, by the account's name.
    await reader.getByRole('list', { name: t('editor.presence') }).getByText(server.accounts.editor.displayName, { exact: true }).waitFor();
    expect(await editorBody(reader).getAttribute('contenteditable')).toBe('false');
  });

  it("turns a demoted editor's open editor read-only within a second", async () => {
    const demoted = await server.createAccount('demoted', 'editor');
    const created = await pageWithText('Budget draft', ['Line one.']);
    const page = await openTab(demoted);
    await page.goto(`${server.url}/wiki/${created.slug}/edit`);
    await waitUntilEditable(page);
    await waitFor(() => statusText(page), (text) => text.includes(t('status.connected')), SETTLE_MS, 'the connected status');
    await editorBody(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Typed while an editor.');
    await waitFor(() => getPage(server, created.id), (p) => p.text.includes('Typed while an editor.'), SETTLE_MS, 'the typing stored');

    server.app.services.users.setRole(demoted.id, 'reader', admin);
    await waitUntilReadOnly(page, PERMISSION_CHANGE_MS);
    await waitFor(() => statusText(page), (text) => text.includes(t('status.readOnly')), SETTLE_MS, 'the read-only status');

    // Typing now changes nothing, here or on the server.
    await editorBody(page).click();
    await page.keyboard.type(' Typed after the demotion.');
    const editor = connectLexicalClient(server.collabUrl, created.id, { bearer: server.accounts.editor.bearer, displayName: server.accounts.editor.displayName });
    clients.push(editor);
    await editor.synced;
    editor.appendParagraph('Checked by the editor.');
    await waitFor(() => editorBody(page).innerText(), (text) => text.includes('Checked by the editor.'), SETTLE_MS, "the editor's paragraph in the demoted view");
    const stored = await waitFor(() => getPage(server, created.id), (p) => p.text.includes('Checked by the editor.'), SETTLE_MS, "the editor's paragraph stored");
    expect(stored.text).not.toContain('Typed after the demotion.');
    expect(await editorBody(page).innerText()).not.toContain('Typed after the demotion.');
  });

  it('tells an editor who signed out in another tab that their session ended, with a way to sign in again', async () => {
    const leaver = await server.createAccount('leaver', 'editor');
    const created = await pageWithText('Travel claims', ['Submit within thirty days.']);
    const page = await openTab(leaver);
    await page.goto(`${server.url}/wiki/${created.slug}/edit`);
    await waitUntilEditable(page);

    // The same browser, another tab: the header's Sign out ends the session both tabs share.
    const other = await page.context().newPage();
    await other.goto(`${server.url}/`);
    await Promise.all([other.waitForURL((url) => url.pathname === '/'), other.getByRole('button', { name: t('auth.signOut') }).click()]);
    await other.getByRole('link', { name: t('auth.signIn') }).first().waitFor();

    const refusal = t('status.refused', { reason: t('status.reasonUnauthorized') });
    await waitFor(() => statusText(page), (text) => text.includes(refusal), SETTLE_MS, 'the signed-out refusal');
    await waitUntilReadOnly(page);
    const signInAgain = page.getByRole('link', { name: t('status.signIn') });
    expect(await signInAgain.getAttribute('href')).toBe(`/login?next=${encodeURIComponent(`/wiki/${created.slug}/edit`)}`);
  });

  it('tells an editor who lost access to a restricted space that they may not edit the page', async () => {
    const contractor = await server.createAccount('contractor', 'editor');
    const group = server.app.services.groups.create({ name: 'Project Lighthouse' }, admin);
    server.app.services.groups.addMember(group.id, contractor.id, admin);
    const space = server.app.services.spaces.create({ name: 'Lighthouse', access: 'restricted', grants: [{ groupId: group.id, role: 'editor' }] }, admin);
    const created = await pageWithText('Lighthouse plan', ['Phase one starts in May.'], space.slug, server.accounts.admin);
    const page = await openTab(contractor);
    await page.goto(`${server.url}/wiki/${created.slug}/edit`);
    await waitUntilEditable(page);
    await waitFor(() => statusText(page), (text) => text.includes(t('status.connected')), SETTLE_MS, 'the connected status');

    server.app.services.groups.removeMember(group.id, contractor.id, admin);
    await waitUntilReadOnly(page, PERMISSION_CHANGE_MS);
    const refusal = t('status.refused', { reason: t('status.reasonForbidden') });
    await waitFor(() => statusText(page), (text) => text.includes(refusal), SETTLE_MS, 'the no-access refusal');
    // Signing in again would not help: no sign-in link is offered.
    expect(await page.getByRole('link', { name: t('status.signIn') }).count()).toBe(0);
  });

  it('shows a Protected B restricted page with its classification banner to a member, and only a sign-in prompt to an anonymous visitor', async () => {
    const member = await server.createAccount('member', 'reader');
    const group = server.app.services.groups.create({ name: 'Compensation team' }, admin);
    server.app.services.groups.addMember(group.id, member.id, admin);
    const space = server.app.services.spaces.create({ name: 'Compensation', classification: 'protected-b', grants: [{ groupId: group.id, role: 'reader' }] }, admin);
    expect(space.access).toBe('restricted');
    const secret = 'Salary band adjustments for 2026.';
    const created = await pageWithText('Pay adjustments', [secret], space.slug, server.accounts.admin);

    const memberPage = await openTab(member);
    const response = await memberPage.goto(`${server.url}/wiki/${created.slug}`);
    expect(response?.status()).toBe(200);
    // In words, in both official languages (the banner's style sets them in capitals, hence textContent).
    const banner = memberPage.getByRole('note', { name: t('classification.label') });
    expect(await banner.textContent()).toContain(t('classification.protected-b'));
    expect(await banner.textContent()).toContain(translator('fr')('classification.protected-b'));
    expect(await memberPage.locator('main .ens-content').innerText()).toContain(secret);

    const visitor = await openTab(null);
    const refused = await visitor.goto(`${server.url}/wiki/${created.slug}`);
    expect(refused?.status()).toBe(401);
    const shown = await visitor.locator('body').innerText();
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain('Pay adjustments');
    await visitor.getByRole('link', { name: t('auth.signIn') }).first().waitFor();

    // A signed-in reader outside the group learns nothing either: the page does not exist for them.
    const outsider = await openTab(server.accounts.reader);
    expect((await outsider.goto(`${server.url}/wiki/${created.slug}`))?.status()).toBe(404);
    expect(await outsider.locator('body').innerText()).not.toContain(secret);
  });

  describe('WCAG 2.1 AA, checked by axe-core', () => {
    it('passes on the sign-in page', async () => {
      const page = await openTab(null, { bypassCSP: true });
      const response = await page.goto(`${server.url}/login`);
      expect(response?.status()).toBe(200);
      expect(await pageFrame(page)).toEqual({ lang: 'en', h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });

    it('passes on the read-only editor, with its status shown', async () => {
      const created = await pageWithText('Read-only check', ['Nothing to change here.']);
      const page = await openEditorShowing(server.accounts.reader, created.slug, 'Nothing to change here.', { bypassCSP: true });
      await waitFor(() => statusText(page), (text) => text.includes(t('status.readOnly')), SETTLE_MS, 'the read-only status');
      expect(await pageFrame(page)).toEqual({ lang: 'en', h1: 1, main: 1 });
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
