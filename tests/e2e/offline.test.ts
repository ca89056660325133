// Offline editing in real chromium: while the server is down the editor says so and keeps every edit in the
// browser's IndexedDB copy; when the server comes back on the same address, the stock provider reconnects by
// itself (the signed-in session survives the restart) and the offline edits merge with what others wrote
// meanwhile, in every copy and on disk. Needs the client bundle (`npm test` builds it) and chromium.
import * as Y from 'yjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { jest } from '@jest/globals';
import { BODY_ROOT } from '../../shared/collabProtocol.js';
import { translator } from '../../shared/i18n/index.js';
import { localStoreName } from '../../client/src/editor/collabProvider.js';
import { afterCaretMove, assertClientBuilt, editorBody, launchChromium, newPersonContext, waitUntilEditable } from '../helpers/chromium.js';
import { connectLexicalClient, type LexicalClient } from '../helpers/lexicalClient.js';
import { startRestartableServer, type RestartableServer } from '../helpers/restartableServer.js';
import { createPage, getPage, waitFor, type TestAccount } from '../helpers/testServer.js';

jest.setTimeout(120_000);

/** Covers a re-render (debounced 0.4–1.5 s) and the provider's reconnect back-off (at most 2.5 s). */
const SETTLE_MS = 15_000;
const t = translator('en');

let server: RestartableServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const clients: LexicalClient[] = [];

beforeAll(async () => {
  assertClientBuilt();
  browser = await launchChromium();
});

beforeEach(async () => {
  server = await startRestartableServer();
});

afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  // Browsers first, so no socket keeps the server's close waiting.
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await server?.dispose();
});

afterAll(async () => {
  await browser?.close();
});

async function openEditor(context: BrowserContext, slug: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(SETTLE_MS);
  await page.goto(`${server.url}/wiki/${slug}/edit`);
  await waitUntilEditable(page);
  return page;
}

/** A browser of its own, signed in as the account. */
async function newContext(account: TestAccount): Promise<BrowserContext> {
  const context = await newPersonContext(browser, server, account);
  contexts.push(context);
  return context;
}

const statusText = (page: Page) => page.getByRole('status').innerText();

async function waitForStatus(page: Page, message: string): Promise<void> {
  await waitFor(() => statusText(page), (text) => text.includes(message), SETTLE_MS, `the status "${message}"`);
}

async function waitForEditorText(page: Page, expected: string[]): Promise<void> {
  await waitFor(
    () => editorBody(page).innerText(),
    (text) => expected.every((part) => text.includes(part)),
    SETTLE_MS,
    `editor text containing ${JSON.stringify(expected)}`,
  );
}

async function waitForStoredText(pageId: string, expected: string[]): Promise<string> {
  const stored = await waitFor(
    () => getPage(server, pageId),
    (p) => expected.every((part) => p.text.includes(part)),
    SETTLE_MS,
    `stored text containing ${JSON.stringify(expected)}`,
  );
  return stored.text;
}

/** Moves the caret to the end of the body and starts a new paragraph there. */
async function newParagraphAtEnd(page: Page): Promise<void> {
  await editorBody(page).focus();
  await page.keyboard.press('Control+End');
  await afterCaretMove(page);
  await page.keyboard.press('Enter');
}

/** The text of a page body as the browser's IndexedDB copy holds it, read straight from the database. */
async function offlineCopyText(page: Page, pageId: string): Promise<string> {
  const updates = await page.evaluate(async (name) => {
    const request = (r: IDBRequest) =>
      new Promise<unknown>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const db = (await request(indexedDB.open(name))) as IDBDatabase;
    try {
      const all = (await request(db.transaction('updates').objectStore('updates').getAll())) as Uint8Array[];
      return all.map((update) => Array.from(update));
    } finally {
      db.close();
    }
  }, localStoreName(pageId));
  const doc = new Y.Doc();
  try {
    for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
    return xmlText(doc.get(BODY_ROOT, Y.XmlText));
  } finally {
    doc.destroy();
  }
}

/** Lexical keeps each block as a nested Y.XmlText and each text node's format as an embedded map. */
function xmlText(node: Y.XmlText): string {
  let out = '';
  for (const op of node.toDelta() as { insert: unknown }[]) {
    if (typeof op.insert === 'string') out += op.insert;
    else if (op.insert instanceof Y.XmlText) out += `${xmlText(op.insert)}\n`;
  }
  return out;
}

describe('editing while the server is down', () => {
  it("says it is offline, keeps the edits in the browser, and merges them with another person's when the server returns", async () => {
    const created = await createPage(server, { title: 'Field notes' });
    const alice = await openEditor(await newContext(server.accounts.editor), created.slug);
    await waitForStatus(alice, t('status.connected'));
    // A second person, with the stock y-websocket client, who will also write while the server is down.
    const bobAccount = await server.createAccount('bob', 'editor');
    const bob = connectLexicalClient(server.collabUrl, created.id, { bearer: bobAccount.bearer, displayName: bobAccount.displayName });
    clients.push(bob);
    await bob.synced;

    await editorBody(alice).click();
    await alice.keyboard.type('Written online by Alice.');
    await waitForStoredText(created.id, ['Written online by Alice.']);
    await waitFor(() => bob.text(), (text) => text.includes('Written online by Alice.'), SETTLE_MS, "Bob's copy");

    await server.stop();
    await waitForStatus(alice, t('status.disconnected'));
    expect(bob.provider.wsconnected).toBe(false);

    // Both write without seeing each other: these edits are concurrent.
    await newParagraphAtEnd(alice);
    await alice.keyboard.type('Written offline by Alice.');
    bob.appendParagraph('Added offline by Bob.');
    await waitForEditorText(alice, ['Written online by Alice.', 'Written offline by Alice.']);
    await waitFor(
      () => offlineCopyText(alice, created.id),
      (text) => text.includes('Written offline by Alice.'),
      SETTLE_MS,
      "Alice's offline copy in IndexedDB",
    );
    expect(await statusText(alice)).toContain(t('status.disconnected'));
    expect(await editorBody(alice).innerText()).not.toContain('Added offline by Bob.');

    await server.start();

    const everything = ['Written online by Alice.', 'Written offline by Alice.', 'Added offline by Bob.'];
    await waitForStatus(alice, t('status.connected'));
    await waitForEditorText(alice, everything);
    await waitFor(() => bob.text(), (text) => everything.every((part) => text.includes(part)), SETTLE_MS, "Bob's copy");
    const stored = await waitForStoredText(created.id, everything);
    // Each edit arrives once, not duplicated by the resync.
    for (const part of everything) expect(stored.split(part)).toHaveLength(2);

    // Someone opening the page now, in a fresh browser, gets the merged page from the server.
    const carol = await openEditor(await newContext(await server.createAccount('carol', 'editor')), created.slug);
    await waitForEditorText(carol, everything);
  });

  it('keeps edits made offline in a tab that was then closed, and sends them when the page is opened again', async () => {
    const created = await createPage(server, { title: 'Site visit' });
    const context = await newContext(server.accounts.editor);
    const first = await openEditor(context, created.slug);
    await waitForStatus(first, t('status.connected'));
    await editorBody(first).click();
    await first.keyboard.type('Checked the roof.');
    await waitForStoredText(created.id, ['Checked the roof.']);

    await server.stop();
    await waitForStatus(first, t('status.disconnected'));
    await newParagraphAtEnd(first);
    await first.keyboard.type('Gutters need repair.');
    await waitFor(
      () => offlineCopyText(first, created.id),
      (text) => text.includes('Gutters need repair.'),
      SETTLE_MS,
      'the offline copy in IndexedDB',
    );
    // Pages are rendered by the server and there is no service worker, so the editor cannot be loaded, nor
    // reloaded, while the server is down; closing the tab is what a person can do meanwhile.
    await first.close();

    await server.start();
    // The server never received the offline paragraph: only this browser's IndexedDB copy holds it.
    expect((await getPage(server, created.id)).text).not.toContain('Gutters need repair.');

    const again = await openEditor(context, created.slug);
    await waitForStatus(again, t('status.connected'));
    await waitForEditorText(again, ['Checked the roof.', 'Gutters need repair.']);
    const stored = await waitForStoredText(created.id, ['Checked the roof.', 'Gutters need repair.']);
    expect(stored.split('Checked the roof.')).toHaveLength(2);
  });
});
