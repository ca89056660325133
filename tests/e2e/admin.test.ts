// The administration UI in chromium: an admin, with the keyboard alone, creates a group, adds the editor to it
// and creates a Protected B space that grants it; and every admin page passes axe-core's WCAG 2.1 A and AA
// rules. Needs the client bundle (`npm run build:client`; `npm test` does it) and chromium.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { assertClientBuilt, axeViolations, launchChromium, newPersonContext, pageFrame } from '../helpers/chromium.js';
import { translator } from '../../shared/i18n/index.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

jest.setTimeout(120_000);

const SETTLE_MS = 15_000;
const t = translator('en');

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertClientBuilt();
  server = await startTestServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

/** A browser signed in as the admin. axe is injected as a script, which the strict CSP would refuse: bypassCSP. */
async function adminPage(): Promise<Page> {
  const context = await newPersonContext(browser, server, server.accounts.admin, { bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_MS);
  return page;
}

/**
 * Presses Tab until the target has the focus, as a keyboard user moves through the page; fails if it is
 * never reached (so it is not in the tab order).
 */
async function tabTo(page: Page, target: Locator, maxPresses = 150): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Follows a link or submits a form with Enter and waits for the page it leads to. */
async function pressEnterAndWait(page: Page, urlPattern: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(urlPattern), page.keyboard.press('Enter')]);
}

describe('administration with the keyboard only', () => {
  it('creates a group, adds the editor, and creates a Protected B space granting the group', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/admin`);
    const sections = page.getByRole('navigation', { name: t('admin.sections') });

    // Groups: create one.
    await tabTo(page, sections.getByRole('link', { name: t('admin.groups.title') }));
    await pressEnterAndWait(page, /\/admin\/groups$/);
    await tabTo(page, page.getByLabel(t('admin.groups.nameLabel')));
    await page.keyboard.type('Budget team');
    await page.keyboard.press('Tab');
    await page.keyboard.type('People who draft the budget');
    await tabTo(page, page.getByRole('button', { name: t('admin.groups.createSubmit') }));
    await pressEnterAndWait(page, /\/admin\/groups\/\w+\?done=group-created$/);
    expect(await page.getByRole('status').innerText()).toBe(t('admin.done.groupCreated'));
    expect(await page.locator('h1').innerText()).toBe(t('admin.group.heading', { name: 'Budget team' }));

    // Add the editor by username; Enter in the field submits its form.
    await tabTo(page, page.getByLabel(t('admin.group.memberUsername')));
    await page.keyboard.type('editor');
    await pressEnterAndWait(page, /\?done=member-added$/);
    const members = page.getByRole('table', { name: t('admin.group.membersCaption', { name: 'Budget team' }) });
    expect(await members.getByRole('rowheader').allInnerTexts()).toEqual(['editor']);

    // Spaces: create a Protected B space and grant the group the editor role.
    await tabTo(page, sections.getByRole('link', { name: t('admin.spaces.title') }));
    await pressEnterAndWait(page, /\/admin\/spaces$/);
    await tabTo(page, page.getByRole('link', { name: t('admin.spaces.create') }));
    await pressEnterAndWait(page, /\/admin\/spaces\/new$/);
    await tabTo(page, page.getByLabel(t('admin.space.nameLabel'), { exact: true }));
    await page.keyboard.type('Budget 2027');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Budget-2027');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Draft budget for 2027');
    const classification = page.getByLabel(t('admin.space.classificationLabel'));
    await tabTo(page, classification);
    // On a closed select, the arrow keys change the choice: Unclassified → Protected A → Protected B.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await classification.inputValue()).toBe('protected-b');
    // The access rule is left on its default, which makes a Protected B space restricted.
    expect(await page.getByLabel(t('admin.access.default')).isChecked()).toBe(true);
    const grant = page.getByLabel(t('admin.space.grantFor', { name: 'Budget team' }));
    await tabTo(page, grant);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await grant.inputValue()).toBe('editor');
    await tabTo(page, page.getByRole('button', { name: t('admin.space.createSubmit') }));
    await pressEnterAndWait(page, /\/admin\/spaces\?done=space-created$/);
    expect(await page.getByRole('status').innerText()).toBe(t('admin.done.spaceCreated'));

    const group = server.app.services.groups.list().find((g) => g.name === 'Budget team')!;
    expect(server.app.services.groups.members(group.id).map((m) => m.username)).toEqual(['editor']);
    const space = server.app.services.spaces.find('Budget-2027')!;
    expect(space).toMatchObject({
      name: 'Budget 2027',
      description: 'Draft budget for 2027',
      classification: 'protected-b',
      access: 'restricted',
      grants: [{ groupId: group.id, role: 'editor' }],
    });
    const row = page.getByRole('row', { name: /Budget 2027/ });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      'Budget-2027',
      t('admin.classification.protected-b'),
      t('admin.access.restricted'),
      `Budget team (${t('admin.grant.editor')})`,
      '0',
    ]);
  });
});

describe('WCAG 2.1 AA on every admin page, checked by axe-core', () => {
  const actor = { id: null, name: 'test', ip: null };
  let groupId: string;
  let spaceId: string;

  beforeAll(() => {
    const group = server.app.services.groups.create({ name: 'Audit readers', description: 'Checks' }, actor);
    server.app.services.groups.addMember(group.id, server.accounts.reader.id, actor);
    groupId = group.id;
    spaceId = server.app.services.spaces.create({ name: 'Audit', slug: 'Audit', classification: 'protected-a', access: 'restricted', grants: [{ groupId, role: 'reader' }] }, actor).id;
  });

  const pages: { name: string; path: () => string; lang?: 'en' | 'fr' }[] = [
    { name: 'the overview', path: () => '/admin' },
    { name: 'the overview in French', path: () => '/admin?lang=fr', lang: 'fr' },
    { name: 'the users list and its form', path: () => '/admin/users' },
    { name: 'an account, with its groups and tokens', path: () => `/admin/users/${server.accounts.reader.id}` },
    { name: 'the groups list', path: () => '/admin/groups' },
    { name: 'a group with a member and a granted space', path: () => `/admin/groups/${groupId}` },
    { name: 'the group deletion confirmation', path: () => `/admin/groups/${groupId}/delete` },
    { name: 'the spaces list', path: () => '/admin/spaces' },
    { name: 'the new-space form', path: () => '/admin/spaces/new' },
    { name: 'a space’s edit form', path: () => `/admin/spaces/${spaceId}` },
    { name: 'the audit log', path: () => '/admin/audit' },
    { name: 'the audit log in French', path: () => '/admin/audit?lang=fr', lang: 'fr' },
  ];

  it.each(pages)('$name passes', async ({ path, lang }) => {
    const page = await adminPage();
    const response = await page.goto(`${server.url}${path()}`);
    expect(response?.status()).toBe(200);
    expect(await pageFrame(page)).toEqual({ lang: lang ?? 'en', h1: 1, main: 1 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the space form passes while showing its errors, with the focus on the error summary', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/admin/spaces/new`);
    await tabTo(page, page.getByLabel(t('admin.space.slugLabel')));
    await page.keyboard.type('not a valid address');
    await tabTo(page, page.getByRole('button', { name: t('admin.space.createSubmit') }));
    // The response arrives before the new document is in place: wait for the navigation to load as well.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/spaces')),
      page.waitForURL((url) => url.pathname === '/admin/spaces', { waitUntil: 'load' }),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(400);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    expect(await page.locator('.error-summary a').allInnerTexts()).toEqual([
      t('admin.error.spaceNameInvalid', { max: 80 }),
      t('admin.error.slugInvalid', { max: 100 }),
    ]);
    // The summary's links lead to their fields.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#space-name');
    expect(await pageFrame(page)).toEqual({ lang: 'en', h1: 1, main: 1 });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the page refusing a non-admin passes', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    contexts.push(context);
    await context.addCookies([{ name: 'ens_session', value: server.accounts.editor.sessionCookie, url: server.url }]);
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/admin/users`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').innerText()).toBe(t('admin.forbiddenTitle'));
    expect(await axeViolations(page)).toEqual([]);
  });
});
