// A client speaking raw Yjs over a real socket can write node properties Lexical never would (a heading tag
// "script", a numeric link url, an unregistered node type...). The room refuses such an update before it
// touches the page: the sender is closed with 4400, everyone else keeps editing, and the page is unchanged.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import { connectLexicalClient, webSocketWithHeaders, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { BODY_ROOT, CloseCode, TITLE_TEXT } from '../../shared/collabProtocol.js';
import { findDocProblem } from '../../shared/docSchema.js';

let server: TestServer;
const cleanups: (() => void)[] = [];

beforeEach(async () => {
  server = await startTestServer({ render: { debounceMs: 50, maxWaitMs: 200 } });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

function lexicalClient(pageId: string, as: TestAccount): LexicalClient {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  cleanups.push(() => client.destroy());
  return client;
}

/** A stock y-websocket client with a bare Y.Doc and no Lexical: it writes whatever Yjs lets it. */
function rawClient(pageId: string, as: TestAccount) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.collabUrl, pageId, doc, {
    WebSocketPolyfill: webSocketWithHeaders({ authorization: as.bearer }),
    disableBc: true,
  });
  provider.awareness.setLocalStateField('name', as.displayName);
  const closeCodes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closeCodes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  cleanups.push(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider, closeCodes, synced, root: () => doc.get(BODY_ROOT, Y.XmlText) };
}

/** The first embedded node of `type` found depth-first under `parent`. */
function findNode(parent: Y.XmlText, type: string): Y.XmlText {
  for (const { insert } of parent.toDelta() as { insert: unknown }[]) {
    if (!(insert instanceof Y.XmlText)) continue;
    if (insert.getAttribute('__type') === type) return insert;
    try {
      return findNode(insert, type);
    } catch {
      // not in this branch
    }
  }
  throw new Error(`no ${type} node`);
}

/** A page with a heading, a link and a list written by a Lexical editor, two editors on it, and an attacker. */
async function pageUnderAttack() {
  const page = await createPage(server, { title: 'Target' });
  const alice = lexicalClient(page.id, server.accounts.editor);
  const bob = lexicalClient(page.id, server.accounts.admin);
  await Promise.all([alice.synced, bob.synced]);
  alice.editor.update(
    () => {
      const heading = $createHeadingNode('h2');
      heading.append($createTextNode('Risks'));
      const paragraph = $createParagraphNode();
      const link = $createLinkNode('https://example.gc.ca/plan');
      link.append($createTextNode('the plan'));
      paragraph.append($createTextNode('See '), link);
      const list = $createListNode('bullet');
      const item = $createListItemNode();
      item.append($createTextNode('Privacy'));
      list.append(item);
      $getRoot().append(heading, paragraph, list);
    },
    { discrete: true },
  );
  await waitFor(() => bob.text(), (text) => text.includes('Privacy'), 5000, 'bob sees the content');
  const before = await waitFor(() => getPage(server, page.id), (p) => p.text.includes('Privacy') && p.html.includes('<h2'), 5000, 'rendered page');

  const malloryAccount = await server.createAccount('mallory', 'editor');
  const mallory = rawClient(page.id, malloryAccount);
  await mallory.synced;
  return { page, alice, bob, mallory, before };
}

const attacks: [string, (root: Y.XmlText) => void][] = [
  ['a heading whose tag is "script"', (root) => findNode(root, 'heading').setAttribute('__tag', 'script')],
  ['a heading whose tag is not a tag name', (root) => findNode(root, 'heading').setAttribute('__tag', 'h2 onmouseover=alert(1)')],
  ['a list whose tag is "script"', (root) => findNode(root, 'list').setAttribute('__tag', 'script')],
  ['a link whose url is a number', (root) => findNode(root, 'link').setAttribute('__url', 42 as unknown as string)],
  ['a link whose url is javascript:', (root) => findNode(root, 'link').setAttribute('__url', 'javascript:alert(document.cookie)')],
  [
    'a node of an unregistered type',
    (root) => {
      const node = new Y.XmlText();
      node.setAttribute('__type', 'evil');
      root.insertEmbed(1, node);
    },
  ],
  [
    'a new link with a javascript: url',
    (root) => {
      const link = new Y.XmlText();
      link.setAttribute('__type', 'link');
      link.setAttribute('__url', 'javascript:alert(1)');
      const text = new Y.Map();
      text.set('__type', 'text');
      link.insertEmbed(0, text);
      link.insert(1, 'click me');
      findNode(root, 'paragraph').insertEmbed(0, link);
    },
  ],
];

describe('hostile node properties sent as raw Yjs', () => {
  test.each(attacks)('%s: the sender is closed with 4400, the others keep editing, the page is unchanged', async (_name, attack) => {
    const { page, alice, bob, mallory, before } = await pageUnderAttack();

    attack(mallory.root());
    await waitFor(() => mallory.closeCodes, (codes) => codes.includes(CloseCode.BadMessage.code), 5000, 'the attacker is closed');

    // Alice keeps typing; once Bob has her words, he would also have anything the server had accepted before them.
    alice.typeAtEnd(' still editing');
    await waitFor(() => bob.text(), (text) => text.includes('still editing'), 5000, 'bob receives alice’s edit');
    expect(alice.closeCodes).toEqual([]);
    expect(bob.closeCodes).toEqual([]);
    expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true);
    expect(alice.text()).toBe(bob.text());
    for (const client of [alice, bob]) expect(findDocProblem(client.doc)).toBeNull();
    expect(findNode(bob.doc.get(BODY_ROOT, Y.XmlText), 'heading').getAttribute('__tag')).toBe('h2');
    expect(findNode(bob.doc.get(BODY_ROOT, Y.XmlText), 'link').getAttribute('__url')).toBe('https://example.gc.ca/plan');

    // The stored page still renders, now with Alice's words and nothing of the attack.
    const after = await waitFor(() => getPage(server, page.id), (p) => p.text.includes('still editing'), 5000, 'rendered page');
    // typeAtEnd adds a paragraph after the list: everything before it is exactly the page as it was.
    expect(after.html.startsWith(before.html)).toBe(true);
    expect(after.html.slice(before.html.length)).toMatch(/^<p class="ens-p"><span[^>]*> still editing<\/span><\/p>$/);
    expect(after.html).not.toMatch(/<script|javascript:|evil/i);

    // The same holds for a fresh copy of the stored state, as a client opening the page would get it.
    const reader = lexicalClient(page.id, server.accounts.admin);
    await reader.synced;
    expect(findDocProblem(reader.doc)).toBeNull();
    expect(reader.text()).toBe(alice.text());
  });

  test('a raw Yjs client writing what Lexical would write stays connected', async () => {
    const { page, alice, mallory } = await pageUnderAttack();
    const root = mallory.root();
    findNode(root, 'heading').setAttribute('__tag', 'h3');
    findNode(root, 'link').setAttribute('__url', 'https://example.gc.ca/other');
    mallory.doc.getText(TITLE_TEXT).insert(0, 'New ');
    await waitFor(() => findNode(alice.doc.get(BODY_ROOT, Y.XmlText), 'heading').getAttribute('__tag'), (tag) => tag === 'h3', 5000, 'alice gets the raw edit');
    alice.editor.read(() => undefined);
    const rendered = await waitFor(() => getPage(server, page.id), (p) => p.html.includes('<h3') && p.title === 'New Target', 5000, 'rendered page');
    expect(rendered.html).toContain('href="https://example.gc.ca/other"');
    expect(mallory.closeCodes).toEqual([]);
    expect(mallory.provider.wsconnected).toBe(true);
  });
});
