// A client speaking raw Yjs over a real socket can write node properties Lexical never would (a heading tag
// "script", a numeric link url, an unregistered node type...). The room refuses such an update before it
// touches the page: the sender is closed with 4400, everyone else keeps editing, and the page is unchanged.
// What a real editor writes is never refused: node state (a list typed with "- "), and links to any address,
// which are stored as they are and drawn without a target when the wiki does not follow their scheme.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection } from 'lexical';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode, registerList } from '@lexical/list';
import { registerMarkdownShortcuts } from '@lexical/markdown';
import { markdownTransformers } from '../../client/src/editor/markdownTransformers.js';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import { connectLexicalClient, webSocketWithHeaders, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { BODY_ROOT, CloseCode, TITLE_TEXT } from '../../shared/collabProtocol.js';
import { findDocProblem } from '../../shared/docCheck.js';

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
  [
    'a Y.Map nested in a node’s __state',
    (root) => {
      const state = new Y.Map();
      state.set('nested', new Y.Map());
      findNode(root, 'heading').setAttribute('__state', state as unknown as string);
    },
  ],
  [
    'a __state value larger than 16 KiB',
    (root) => {
      const state = new Y.Map();
      state.set('mdListMarker', 'x'.repeat(20_000));
      findNode(root, 'list').setAttribute('__state', state as unknown as string);
    },
  ],
  [
    'a node of an unregistered type',
    (root) => {
      const node = new Y.XmlText();
      node.setAttribute('__type', 'evil');
      root.insertEmbed(1, node);
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

  test('links to javascript:, data: and tel: are stored as sent and the sender stays connected; the page keeps their text without a target', async () => {
    const { page, alice, bob, mallory } = await pageUnderAttack();
    const root = mallory.root();
    findNode(root, 'link').setAttribute('__url', 'javascript:alert(document.cookie)');
    const paragraph = elementNode('paragraph');
    paragraph.insertEmbed(0, linkNode('data:text/html,<script>alert(1)</script>', 'data link'));
    paragraph.insertEmbed(1, linkNode('tel:+1-613-555-0100', 'phone link'));
    root.insertEmbed(root.length, paragraph);

    await waitFor(() => bob.text(), (text) => text.includes('phone link'), 5000, 'bob receives the links');
    const rendered = await waitFor(() => getPage(server, page.id), (p) => p.text.includes('phone link'), 5000, 'rendered page');
    for (const client of [alice, bob, mallory]) {
      expect(client.closeCodes).toEqual([]);
      expect(client.provider.wsconnected).toBe(true);
    }
    // Stored as written: nothing rewrites what the paster sent.
    expect(findNode(bob.doc.get(BODY_ROOT, Y.XmlText), 'link').getAttribute('__url')).toBe('javascript:alert(document.cookie)');
    expect(findDocProblem(bob.doc)).toBeNull();
    // Drawn as text: the link texts are there, no address the wiki does not follow is.
    expect(rendered.text).toContain('See the plan');
    expect(rendered.html).toMatch(/the plan<\/span>/);
    expect(rendered.html).toMatch(/data link<\/span>/);
    expect(rendered.html).not.toMatch(/javascript:|data:|tel:|href=/i);
  });

  test('a Lexical client typing a bulleted list with "- " (node state, as in the browser) stays connected', async () => {
    const page = await createPage(server, { title: 'Lists' });
    const alice = lexicalClient(page.id, server.accounts.editor);
    const bob = lexicalClient(page.id, server.accounts.admin);
    await Promise.all([alice.synced, bob.synced]);
    const stop = registerMarkdownShortcuts(alice.editor, markdownTransformers);
    const stopList = registerList(alice.editor);
    try {
      alice.editor.update(() => $getRoot().clear().append($createParagraphNode()).selectEnd(), { discrete: true });
      for (const character of '- Salaries') {
        alice.editor.update(() => $getSelection()!.insertText(character), { discrete: true });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      stop();
      stopList();
    }
    const list = () => findNode(bob.doc.get(BODY_ROOT, Y.XmlText), 'list');
    await waitFor(() => bob.text(), (text) => text === 'Salaries', 5000, 'bob receives the list');
    expect((list().getAttribute('__state') as unknown as Y.Map<unknown>).toJSON()).toEqual({ mdListMarker: '-' });
    const rendered = await waitFor(() => getPage(server, page.id), (p) => p.text.includes('Salaries'), 5000, 'rendered page');
    expect(rendered.html).toMatch(/^<ul class="ens-ul"><li[^>]*><span[^>]*>Salaries<\/span><\/li><\/ul>$/);
    for (const client of [alice, bob]) {
      expect(client.closeCodes).toEqual([]);
      expect(client.provider.wsconnected).toBe(true);
    }
  });
});

/** An element node as Lexical writes it, with every property it syncs. */
function elementNode(type: string, props: Record<string, unknown> = {}): Y.XmlText {
  const node = new Y.XmlText();
  const all = { __type: type, __format: 0, __style: '', __indent: 0, __dir: null, __textFormat: 0, __textStyle: '', ...props };
  for (const [key, value] of Object.entries(all)) node.setAttribute(key, value as string);
  return node;
}

function linkNode(url: string, text: string): Y.XmlText {
  const link = elementNode('link', { __url: url, __target: null, __rel: null, __title: null });
  const textNode = new Y.Map();
  for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 })) textNode.set(key, value);
  link.insertEmbed(0, textNode);
  link.insert(1, text);
  return link;
}
