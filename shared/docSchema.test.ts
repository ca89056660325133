// The document schema: what the real Lexical editor writes passes, and hostile raw Yjs writes are found.
import * as Y from 'yjs';
import { createHeadlessEditor } from '@lexical/headless';
import { createUndoManager, createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $generateNodesFromDOM } from '@lexical/html';
import { withDOM } from '@lexical/headless/dom';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $getState,
  $insertNodes,
  $setState,
  createState,
  KEY_ENTER_COMMAND,
  mergeRegister,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import { $createHeadingNode, $createQuoteNode, type HeadingNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode, $isListNode, INSERT_UNORDERED_LIST_COMMAND, registerList, type ListItemNode, type ListNode } from '@lexical/list';
import { $convertFromMarkdownString, registerMarkdownShortcuts } from '@lexical/markdown';
import { registerRichText } from '@lexical/rich-text';
import { $createAutoLinkNode, $createLinkNode, type LinkNode } from '@lexical/link';
import { $createCodeHighlightNode, $createCodeNode, type CodeNode } from '@lexical/code';
import { $createTableNodeWithDimensions, $createTableCellNode, $createTableRowNode, type TableCellNode, type TableNode, type TableRowNode } from '@lexical/table';
import { $unwrapNode } from '@lexical/utils';
import { editorNamespace, editorNodes, editorTheme } from './editorNodes.js';
import { BODY_ROOT, TITLE_TEXT } from './collabProtocol.js';
import { docSchema, findDocProblem, findUpdateProblem } from './docSchema.js';
import { markdownTransformers } from '../client/src/editor/markdownTransformers.js';

const noAwareness = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => {},
    off: () => {},
    setLocalState: () => {},
    setLocalStateField: () => {},
  },
  connect: () => {},
  disconnect: () => {},
  on: () => {},
  off: () => {},
} as unknown as Provider;

/** A headless Lexical editor bound to its own Y.Doc, wired like the browser's CollaborationPlugin. */
function lexicalDoc(doc = new Y.Doc()) {
  const editor = createHeadlessEditor({ namespace: editorNamespace, nodes: [...editorNodes], theme: editorTheme, onError: (e) => { throw e; } });
  const binding = createYjsBinding({ editor, id: BODY_ROOT, doc, docMap: new Map([[BODY_ROOT, doc]]) });
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, noAwareness, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  binding.root.getSharedType().observeDeep((events, transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, noAwareness, events as Y.YEvent<Y.Text>[], false);
  });
  const undo = createUndoManager(binding, binding.root.getSharedType());
  const edit = (fn: () => void) => {
    editor.update(fn, { discrete: true });
    undo.stopCapturing();
  };
  return { doc, editor, binding, undo, edit };
}

/**
 * A Lexical editor writing into its own Y.Doc, and a "server" copy that receives each of its updates only
 * after findUpdateProblem has judged it, the way a room does.
 */
function editorWithServer() {
  const client = lexicalDoc();
  const server = new Y.Doc();
  const problems: (string | null)[] = [];
  client.doc.on('update', (update: Uint8Array) => {
    problems.push(findUpdateProblem(server, update));
    Y.applyUpdate(server, update);
  });
  client.doc.getText(TITLE_TEXT).insert(0, 'Plan');
  return { ...client, server, problems };
}

/**
 * Node state as plugins keep it (lexical's createState): a string, and a JSON object. @lexical/yjs syncs both
 * into a `__state` Y.Map on the node, on element and text-like nodes alike.
 */
const noteState = createState('ensembleNote', { parse: (v) => (typeof v === 'string' ? v : '') });
const metaState = createState('ensembleMeta', {
  parse: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}),
});

/** Builds a document with every node type of the editor, some of them with node state. */
function buildEverything(edit: (fn: () => void) => void): void {
  edit(() => {
    const heading = $createHeadingNode('h2');
    heading.append($createTextNode('Risks').toggleFormat('bold'));
    const bullets = $createListNode('bullet');
    const item = $createListItemNode();
    item.append($createTextNode('Privacy'));
    const nestedItem = $createListItemNode();
    const nested = $createListNode('number', 3);
    const sub = $createListItemNode();
    sub.append($createTextNode('Security'));
    nested.append(sub);
    nestedItem.append(nested);
    bullets.append(item, nestedItem);
    const checks = $createListNode('check');
    const check = $createListItemNode(true);
    check.append($createTextNode('Done'));
    checks.append(check);
    const quote = $createQuoteNode();
    quote.append($createTextNode('As said'), $createLineBreakNode(), $createTabNode(), $createTextNode('again'));
    const p = $createParagraphNode();
    const link = $createLinkNode('https://example.gc.ca/plan', { target: '_blank', rel: 'noopener', title: 'Plan' });
    link.append($createTextNode('the plan'));
    const relative = $createLinkNode('/wiki/Other');
    relative.append($createTextNode('other'));
    const auto = $createAutoLinkNode('mailto:team@example.gc.ca');
    auto.append($createTextNode('team@example.gc.ca'));
    p.append($createTextNode('See ').setStyle('color: red'), link, relative, auto);
    const code = $createCodeNode('javascript');
    code.append($createCodeHighlightNode('const', 'keyword'), $createTextNode(' a = 1;'));
    const table = $createTableNodeWithDimensions(2, 3, true);
    $getRoot().append(heading, bullets, checks, quote, p, code, table);
    $setState(p, noteState, 'see also');
    $setState(p, metaState, { tags: ['plan', 'risk'], level: 2, draft: false, owner: null });
    // Line breaks keep no synced properties, so their state stays local; tabs are text nodes.
    $setState(quote.getChildAtIndex(2) as LexicalNode, noteState, 'a tab');
    $setState(heading.getFirstChildOrThrow(), noteState, 'bold title');
  });
}

test('the schema lists exactly the node types and properties @lexical/yjs syncs for the editor', () => {
  const editor = createHeadlessEditor({ nodes: [...editorNodes], onError: (e) => { throw e; } });
  const binding = createYjsBinding({ editor, id: BODY_ROOT, doc: new Y.Doc(), docMap: new Map() });
  const synced = Object.fromEntries([...binding.nodeProperties].map(([type, props]) => [type, Object.keys(props).filter((k) => k !== '__type').sort()]));
  const declared = Object.fromEntries(Object.entries(docSchema).map(([type, schema]) => [type, Object.keys(schema.props).sort()]));
  expect(declared).toEqual(synced);
  // Every default value Lexical starts a node with is valid.
  for (const [type, props] of binding.nodeProperties) {
    for (const [key, value] of Object.entries(props)) {
      if (key !== '__type') expect([type, key, docSchema[type].props[key].accepts(value)]).toEqual([type, key, true]);
    }
  }
});

test('a document built by the real editor passes, whole and update by update', () => {
  const { doc, server, problems, edit } = editorWithServer();
  buildEverything(edit);
  expect(problems.length).toBeGreaterThan(1);
  expect(problems.filter(Boolean)).toEqual([]);
  expect(findDocProblem(doc)).toBeNull();
  expect(findDocProblem(server)).toBeNull();
  // The whole state, as a client's first sync step 2 would send it to an empty server.
  expect(findUpdateProblem(new Y.Doc(), Y.encodeStateAsUpdate(doc))).toBeNull();
});

test('ordinary edits, property changes, removals, undo and redo all pass', () => {
  const { doc, server, problems, edit, undo } = editorWithServer();
  buildEverything(edit);
  const firstOf = <T extends ElementNode>(type: string): T => $getRoot().getChildren().find((n) => n.getType() === type) as T;
  const linkIn = () => firstOf<ElementNode>('paragraph').getChildren().find((n) => n.getType() === 'link') as LinkNode;
  const steps: [string, () => void][] = [
    ['typing', () => (firstOf<HeadingNode>('heading').getFirstChild() as TextNode).setTextContent('Risks and issues')],
    ['typing at the start', () => (firstOf<HeadingNode>('heading').getFirstChild() as TextNode).spliceText(0, 0, 'Top ')],
    ['new text node', () => firstOf<HeadingNode>('heading').append($createTextNode(' now').toggleFormat('italic'))],
    ['formats', () => (firstOf<HeadingNode>('heading').getFirstChild() as TextNode).toggleFormat('underline').toggleFormat('code').setStyle('font-size: 12px')],
    ['token mode', () => (firstOf<HeadingNode>('heading').getFirstChild() as TextNode).setMode('token')],
    ['heading tag', () => firstOf<HeadingNode>('heading').setTag('h4')],
    ['block format', () => firstOf<HeadingNode>('heading').setFormat('center').setIndent(2).setDirection('rtl')],
    ['list type', () => firstOf<ListNode>('list').setListType('number').setStart(4)],
    ['checked', () => (firstOf<ListNode>('list').getFirstChild() as ListItemNode).setChecked(true)],
    ['unchecked', () => (firstOf<ListNode>('list').getFirstChild() as ListItemNode).setChecked(undefined)],
    ['link url', () => linkIn().setURL('https://example.gc.ca/other').setTarget(null).setTitle('Other')],
    ['unlink', () => $unwrapNode(linkIn())],
    ['code language', () => firstOf<CodeNode>('code').setLanguage('python')],
    ['code language cleared', () => firstOf<CodeNode>('code').setLanguage(undefined)],
    ['table properties', () => firstOf<TableNode>('table').setColWidths([120, 80, 60]).setRowStriping(true).setFrozenRows(1)],
    [
      'table cells',
      () => {
        const row = firstOf<TableNode>('table').getFirstChild() as TableRowNode;
        row.setHeight(40);
        (row.getFirstChild() as TableCellNode).setBackgroundColor('#eee').setWidth(100).setVerticalAlign('middle').setColSpan(2);
      },
    ],
    [
      'new row',
      () => {
        const row = $createTableRowNode();
        for (let i = 0; i < 3; i++) row.append($createTableCellNode().append($createParagraphNode().append($createTextNode(`c${i}`))));
        firstOf<TableNode>('table').append(row);
      },
    ],
    ['remove a node', () => firstOf<ElementNode>('quote').remove()],
    ['replace a node', () => firstOf<ElementNode>('code').replace($createParagraphNode().append($createTextNode('was code')))],
    ['clear everything', () => $getRoot().clear().append($createParagraphNode())],
  ];
  for (const [name, step] of steps) {
    const before = problems.length;
    edit(step);
    expect([name, problems.length > before]).toEqual([name, true]);
    expect([name, problems.slice(before).filter(Boolean)]).toEqual([name, []]);
  }
  // Undo every step back to the empty document and redo it all: the UndoManager restores deleted nodes and
  // properties (a list item's `__checked` that was first set is removed again without a replacement).
  while (undo.canUndo()) undo.undo();
  while (undo.canRedo()) undo.redo();
  while (undo.canUndo()) undo.undo();
  expect(problems.filter(Boolean)).toEqual([]);
  expect(findDocProblem(doc)).toBeNull();
  expect(findDocProblem(server)).toBeNull();
});

test('pasted HTML (formatting, styles, lists, quotes, code, tables, links) passes', () => {
  const { server, problems, editor, edit } = editorWithServer();
  const html =
    '<h3>Title</h3><p>Some <b>bold</b> <i>it</i> <span style="color: red; font-size: 20px">styled</span> ' +
    '<a href="https://x.gc.ca" target="_blank" title="x">link</a> <a href="#frag">frag</a> <a href="rel/page">rel</a></p>' +
    '<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol start="3"><li>three</li></ol>' +
    '<ul><li><input type="checkbox" checked>task</li></ul><blockquote>quoted<br>line</blockquote>' +
    '<pre><code class="language-js">code\n  block</code></pre>' +
    '<table><tr><th>H</th><td colspan="2" style="background-color: #eee; vertical-align: middle; width: 90px">cell</td></tr>' +
    '<tr><td rowspan="0"><p>p in cell</p></td><td rowspan="2000">x</td></tr></table>' +
    '<p dir="rtl" style="text-align: center; padding-inline-start: 40px">centered</p>' +
    '<p><sub>sub</sub><sup>sup</sup><s>strike</s><u>u</u><code>inline</code><mark>hl</mark>\ttab</p>';
  edit(() => {
    const nodes = withDOM((window) => $generateNodesFromDOM(editor, new window.DOMParser().parseFromString(html, 'text/html')));
    $getRoot().clear().append($createParagraphNode()).selectEnd();
    $insertNodes(nodes);
  });
  expect(problems.filter(Boolean)).toEqual([]);
  expect(findDocProblem(server)).toBeNull();
  expect(editor.read(() => $getRoot().getTextContent())).toContain('p in cell');
});

/** Lets the update listeners that queue their own updates (markdown shortcuts) run, as between keystrokes. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Types `text` into the selection one key at a time, the way the browser's editor receives it. */
async function typeKeys(editor: LexicalEditor, text: string): Promise<void> {
  for (const character of text) {
    editor.update(() => $getSelection()!.insertText(character), { discrete: true });
    await settle();
  }
}

async function pressEnter(editor: LexicalEditor): Promise<void> {
  editor.update(() => editor.dispatchCommand(KEY_ENTER_COMMAND, null), { discrete: true });
  await settle();
}

/** The `__state` of the first body node of `type`, as the server document holds it. */
function serverStateOf(server: Y.Doc, type: string): Record<string, unknown> | undefined {
  const node = nodeOf(server.get(BODY_ROOT, Y.XmlText), type);
  const state = node.getAttribute('__state') as unknown;
  return state instanceof Y.Map ? state.toJSON() : undefined;
}

test('a bulleted list typed with the "- " shortcut, as in the browser, carries node state and passes', async () => {
  const { doc, server, problems, editor, edit } = editorWithServer();
  // The browser editor's plugins: RichTextPlugin, ListPlugin and MarkdownShortcutPlugin with our transformers.
  const stop = mergeRegister(registerRichText(editor), registerList(editor), registerMarkdownShortcuts(editor, markdownTransformers));
  try {
    edit(() => $getRoot().clear().append($createParagraphNode()).selectEnd());
    await typeKeys(editor, '- Salaries');
    await pressEnter(editor);
    await typeKeys(editor, 'Travel');
    await pressEnter(editor);
    await pressEnter(editor);
    await typeKeys(editor, 'Read the guide');
  } finally {
    stop();
  }
  expect(editor.read(() => $getRoot().getChildren().map((n) => n.getType()))).toEqual(['list', 'paragraph']);
  expect(editor.read(() => $getRoot().getChildren().map((n) => n.getTextContent()))).toEqual(['Salaries\n\nTravel', 'Read the guide']);
  // @lexical/markdown keeps the typed marker as the list's node state, synced as a nested Y.Map.
  expect(serverStateOf(server, 'list')).toEqual({ mdListMarker: '-' });
  expect(problems.length).toBeGreaterThan(10);
  expect(problems.filter(Boolean)).toEqual([]);
  expect(findDocProblem(doc)).toBeNull();
  expect(findDocProblem(server)).toBeNull();
  expect(findUpdateProblem(new Y.Doc(), Y.encodeStateAsUpdate(doc))).toBeNull();

  // Another editor opening the page gets the list with its state.
  const reader = lexicalDoc();
  Y.applyUpdate(reader.doc, Y.encodeStateAsUpdate(server));
  expect(reader.editor.read(() => $getRoot().getChildren().filter($isListNode).map((list) => list.exportJSON().$))).toEqual([{ mdListMarker: '-' }]);
});

test('lists from the toolbar command, and markdown imported with node state, pass', () => {
  const { doc, server, problems, editor, edit } = editorWithServer();
  const stop = mergeRegister(registerRichText(editor), registerList(editor));
  try {
    edit(() => $getRoot().clear().append($createParagraphNode().append($createTextNode('Salaries'))).selectEnd());
    edit(() => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined));
    // The markdown importer sets node state on lists, code blocks and line breaks (a Y.Map inside a Y.Map).
    edit(() => {
      const kept = $getRoot().getChildren();
      $convertFromMarkdownString('* one\n* two\n\nfirst line\\\nsecond line\n\n```js title="x"\ncode\n```', markdownTransformers);
      $getRoot().append(...kept);
    });
  } finally {
    stop();
  }
  expect(editor.read(() => $getRoot().getChildren().map((n) => n.getType()))).toEqual(['list', 'paragraph', 'code', 'list']);
  expect(serverStateOf(server, 'code')).toMatchObject({ mdCodeMeta: 'title="x"' });
  const lists = (server.get(BODY_ROOT, Y.XmlText).toDelta() as { insert: Y.XmlText }[]).map(({ insert }) => insert).filter((n) => n.getAttribute('__type') === 'list');
  expect(lists.map((list) => (list.getAttribute('__state') as unknown as Y.Map<unknown> | undefined)?.toJSON())).toEqual([{ mdListMarker: '*' }, undefined]);
  expect(problems.filter(Boolean)).toEqual([]);
  expect(findDocProblem(doc)).toBeNull();
  expect(findDocProblem(server)).toBeNull();
});

test('node state set, changed and synced between editors passes, and the other editor reads it', () => {
  const { doc, server, problems, edit, undo } = editorWithServer();
  buildEverything(edit);
  expect(serverStateOf(server, 'paragraph')).toEqual({ ensembleNote: 'see also', ensembleMeta: { tags: ['plan', 'risk'], level: 2, draft: false, owner: null } });
  const paragraphNode = () => $getRoot().getChildren().find((n) => n.getType() === 'paragraph') as ElementNode;
  // Changes write entries into the existing __state map; a node that had none gets a new one.
  edit(() => $setState(paragraphNode(), noteState, 'changed'));
  edit(() => $setState(paragraphNode(), metaState, { tags: [], nested: { deeper: [1, 2, { x: 'y' }] } }));
  edit(() => $setState(paragraphNode(), noteState, ''));
  edit(() => $setState($getRoot().getFirstChildOrThrow(), noteState, 'heading note'));
  edit(() => $setState(paragraphNode().getFirstChildOrThrow(), noteState, 'text note'));
  expect(serverStateOf(server, 'paragraph')).toEqual({ ensembleNote: '', ensembleMeta: { tags: [], nested: { deeper: [1, 2, { x: 'y' }] } } });
  expect(serverStateOf(server, 'heading')).toEqual({ ensembleNote: 'heading note' });

  const reader = lexicalDoc();
  Y.applyUpdate(reader.doc, Y.encodeStateAsUpdate(server));
  expect(reader.editor.read(() => [$getState(paragraphNode(), metaState), $getState(paragraphNode().getFirstChildOrThrow(), noteState)])).toEqual([
    { tags: [], nested: { deeper: [1, 2, { x: 'y' }] } },
    'text note',
  ]);
  while (undo.canUndo()) undo.undo();
  while (undo.canRedo()) undo.redo();
  expect(problems.filter(Boolean)).toEqual([]);
  expect(findDocProblem(doc)).toBeNull();
  expect(findDocProblem(server)).toBeNull();
});

test('edits racing with a deletion on another editor pass in either order', () => {
  const server = new Y.Doc({ gc: true });
  const problems: (string | null)[] = [];
  const send = (update: Uint8Array) => {
    problems.push(findUpdateProblem(server, update));
    Y.applyUpdate(server, update);
  };
  const alice = lexicalDoc();
  const bob = lexicalDoc();
  buildEverything(alice.edit);
  send(Y.encodeStateAsUpdate(alice.doc));
  Y.applyUpdate(bob.doc, Y.encodeStateAsUpdate(server));
  bob.editor.read(() => undefined);
  const pending = (doc: Y.Doc) => {
    const before = Y.encodeStateVector(server);
    return () => Y.encodeStateAsUpdate(doc, before);
  };
  const base = Y.encodeStateAsUpdate(server);
  const fromAlice = pending(alice.doc);
  const fromBob = pending(bob.doc);
  // Alice removes the paragraph with the links and the heading; Bob types into both, relinks and formats.
  alice.edit(() => {
    for (const node of $getRoot().getChildren()) if (node.getType() === 'paragraph' || node.getType() === 'heading') node.remove();
  });
  bob.edit(() => {
    const paragraph = $getRoot().getChildren().find((n) => n.getType() === 'paragraph') as ElementNode;
    (paragraph.getFirstChild() as TextNode).spliceText(2, 0, 'e e').toggleFormat('bold');
    const link = paragraph.getChildren().find((n) => n.getType() === 'link') as LinkNode;
    link.setURL('https://example.gc.ca/new').append($createTextNode(' more'));
    const heading = $getRoot().getFirstChild() as HeadingNode;
    heading.setTag('h3').append($createTextNode(' added'));
  });
  const a = fromAlice();
  const b = fromBob();
  send(a);
  send(b);
  // The same two updates in the other order, on a second server.
  const other = new Y.Doc({ gc: true });
  Y.applyUpdate(other, base);
  for (const update of [b, a]) {
    problems.push(findUpdateProblem(other, update));
    Y.applyUpdate(other, update);
  }
  expect(problems).toEqual(problems.map(() => null));
  expect(findDocProblem(server)).toBeNull();
  expect(findDocProblem(other)).toBeNull();
  expect(Y.encodeStateVector(other)).toEqual(Y.encodeStateVector(server));
});

test('updates waiting in the same turn are consulted for content the document does not have yet', () => {
  const { doc, server } = editorWithServer();
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  client.getText(TITLE_TEXT).insert(4, ' A');
  client.getText(TITLE_TEXT).insert(6, 'B');
  Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
  expect(findUpdateProblem(server, updates[1])).toMatch(/content the server does not have/);
  expect(findUpdateProblem(server, updates[1], { queued: () => [updates[0]] })).toBeNull();
});

/** A server document with every kind of node, and a way to write raw Yjs against a copy of it. */
function hostileSetup() {
  const { server, edit } = editorWithServer();
  buildEverything(edit);
  const attack = (write: (root: Y.XmlText, doc: Y.Doc) => void): Uint8Array => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(copy);
    write(copy.get(BODY_ROOT, Y.XmlText), copy);
    return Y.encodeStateAsUpdate(copy, before);
  };
  return { server, attack };
}

const child = (parent: Y.XmlText, index: number) => parent.toDelta()[index].insert as Y.XmlText & Y.Map<unknown>;
const nodeOf = (root: Y.XmlText, type: string): Y.XmlText => {
  for (const { insert } of root.toDelta() as { insert: unknown }[]) {
    if (insert instanceof Y.XmlText && insert.getAttribute('__type') === type) return insert;
  }
  throw new Error(`no ${type}`);
};
const heading = (root: Y.XmlText) => nodeOf(root, 'heading');
const paragraph = (root: Y.XmlText) => nodeOf(root, 'paragraph');
const link = (root: Y.XmlText) => child(paragraph(root), 2);
const firstText = (root: Y.XmlText) => child(paragraph(root), 0) as unknown as Y.Map<unknown>;
const stateOf = (node: Y.XmlText | Y.Map<unknown>) => (node instanceof Y.XmlText ? node.getAttribute('__state') : node.get('__state')) as unknown as Y.Map<unknown>;
const textLikeIn = (root: Y.XmlText, type: string): Y.Map<unknown> => {
  for (const { insert } of nodeOf(root, 'quote').toDelta() as { insert: unknown }[]) {
    if (insert instanceof Y.Map && insert.get('__type') === type) return insert;
  }
  throw new Error(`no ${type}`);
};
const tab = (root: Y.XmlText) => textLikeIn(root, 'tab');
const lineBreak = (root: Y.XmlText) => textLikeIn(root, 'linebreak');
/** A Y.Map to store as a node's `__state`, with its entries. */
const stateMap = (entries: Record<string, unknown>) => {
  const map = new Y.Map<unknown>();
  for (const key of Object.keys(entries)) map.set(key, entries[key]);
  return map;
};
const element = (type: string, props: Record<string, unknown> = {}) => {
  const node = new Y.XmlText();
  node.setAttribute('__type', type);
  for (const [key, value] of Object.entries(props)) node.setAttribute(key, value as string);
  return node;
};

const hostile: [string, (root: Y.XmlText, doc: Y.Doc) => void, RegExp][] = [
  ['a heading tag "script"', (root) => heading(root).setAttribute('__tag', 'script'), /heading\.__tag must be one of "h1"/],
  ['a heading tag that is no tag name', (root) => heading(root).setAttribute('__tag', 'h1 onclick=x'), /heading\.__tag/],
  ['a list tag "script"', (root) => nodeOf(root, 'list').setAttribute('__tag', 'script'), /list\.__tag must be one of "ul", "ol"/],
  ['a list type that does not exist', (root) => nodeOf(root, 'list').setAttribute('__listType', 'steps'), /list\.__listType/],
  ['a numeric link url', (root) => link(root).setAttribute('__url', 42 as unknown as string), /link\.__url must be a string/],
  ['a link url longer than 8192 characters', (root) => link(root).setAttribute('__url', `https://a.ca/${'x'.repeat(8192)}`), /link\.__url must be a string of at most 8192/],
  ['a new link with a numeric url', (root) => paragraph(root).insertEmbed(0, element('link', { __url: 7 })), /link\.__url must be a string/],
  ['an unregistered node type', (root) => root.insertEmbed(1, element('evil')), /unknown node type "evil"/],
  ['the root type as a child', (root) => root.insertEmbed(1, element('root')), /unknown node type "root"/],
  ['a node without a type', (root) => root.insertEmbed(1, new Y.XmlText()), /without a __type/],
  // Overwriting deletes the old value, so this is found as the removal of the heading's type.
  ['a new type on an existing node', (root) => heading(root).setAttribute('__type', 'paragraph'), /removes the type of a heading node/],
  ['a removed node type', (root) => heading(root).removeAttribute('__type'), /removes the type of a heading/],
  ['a removed link url', (root) => link(root).removeAttribute('__url'), /removes link\.__url/],
  ['a removed text format', (root) => firstText(root).delete('__format'), /removes text\.__format/],
  ['a property the type does not have', (root) => heading(root).setAttribute('__proto__', 'x'), /heading nodes have no property __proto__/],
  ['a text node property on an element', (root) => heading(root).setAttribute('__mode', 0 as unknown as string), /heading nodes have no property __mode/],
  ['the text of a text node as a property', (root) => firstText(root).set('__text', 'x'), /text nodes have no property __text/],
  ['a text format that is a word', (root) => firstText(root).set('__format', 'bold'), /text\.__format must be an integer/],
  ['a style that is a number', (root) => firstText(root).set('__style', 5), /text\.__style must be a string/],
  ['a text mode that is a word', (root) => firstText(root).set('__mode', 'token'), /text\.__mode/],
  ['a direction that does not exist', (root) => heading(root).setAttribute('__dir', 'sideways'), /heading\.__dir/],
  ['a huge column span', (root) => child(child(nodeOf(root, 'table'), 0), 0).setAttribute('__colSpan', 1e9 as unknown as string), /tablecell\.__colSpan/],
  ['a negative row span', (root) => child(child(nodeOf(root, 'table'), 0), 0).setAttribute('__rowSpan', -1 as unknown as string), /tablecell\.__rowSpan/],
  ['a shared type as a property value', (root) => heading(root).setAttribute('__tag', new Y.Map() as unknown as string), /heading\.__tag is not a plain value \(a nested Y\.Map\)/],
  ['a Y.Map nested in a new __state', (root) => heading(root).setAttribute('__state', stateMap({ x: new Y.Map() }) as unknown as string), /heading\.__state\.x is not a plain value \(a nested Y\.Map\)/],
  ['a Y.Text nested in a new __state', (root) => nodeOf(root, 'list').setAttribute('__state', stateMap({ x: new Y.Text('t') }) as unknown as string), /list\.__state\.x is not a plain value \(a nested Y\.Text\)/],
  ['a Y.Map written into an existing __state', (root) => stateOf(paragraph(root)).set('x', new Y.Map()), /paragraph\.__state\.x is not a plain value \(a nested Y\.Map\)/],
  ['a Y.XmlText written into the __state of a tab', (root) => stateOf(tab(root)).set('x', new Y.XmlText()), /tab\.__state\.x is not a plain value \(a nested Y\.XmlText\)/],
  ['a Y.Array in a new __state of a line break', (root) => lineBreak(root).set('__state', stateMap({ x: new Y.Array() })), /linebreak\.__state\.x is not a plain value \(a nested Y\.Array\)/],
  ['a Y.Map nested in a new __state of a text node', (root) => firstText(root).set('__state', stateMap({ x: new Y.Map() })), /text\.__state\.x is not a plain value/],
  ['a huge value written into an existing __state', (root) => stateOf(paragraph(root)).set('ensembleNote', 'x'.repeat(16 * 1024)), /paragraph\.__state\.ensembleNote is longer than 16384 characters of JSON/],
  ['a huge object in a new __state', (root) => heading(root).setAttribute('__state', stateMap({ big: { list: Array(4000).fill('abcd') } }) as unknown as string), /heading\.__state\.big is longer than 16384/],
  ['a __state key longer than 100 characters', (root) => stateOf(paragraph(root)).set('k'.repeat(101), 1), /paragraph\.__state has a key longer than 100 characters/],
  ['a __type in a __state, which would make it look like a node', (root) => stateOf(paragraph(root)).set('__type', 'text'), /paragraph\.__state may not have the key "__type"/],
  ['a __proto__ key in a __state', (root) => heading(root).setAttribute('__state', stateMap({ ['__proto__']: 'x' }) as unknown as string), /heading\.__state may not have the key "__proto__"/],
  ['binary data in a __state', (root) => stateOf(paragraph(root)).set('bin', new Uint8Array([1, 2])), /paragraph\.__state\.bin is not a plain value \(binary data\)/],
  ['a number that is not finite in a __state', (root) => stateOf(paragraph(root)).set('n', Number.NaN), /paragraph\.__state\.n must be a plain JSON value \(got NaN\)/],
  ['a __state that is a string', (root) => heading(root).setAttribute('__state', 'x'), /heading\.__state must be a Y\.Map of plain values \(got a list of values\)/],
  ['a __state that is a Y.Text', (root) => heading(root).setAttribute('__state', new Y.Text('x') as unknown as string), /heading\.__state must be a Y\.Map of plain values \(got a nested Y\.Text\)/],
  ['a __state on the title', (_root, doc) => doc.getText(TITLE_TEXT).setAttribute('__state', new Y.Map()), /the title has no attributes/],
  ['a sub-document as a property value', (root) => heading(root).setAttribute('__tag', new Y.Doc() as unknown as string), /not a plain value/],
  ['binary data as a property value', (root) => heading(root).setAttribute('__tag', new Uint8Array([1]) as unknown as string), /not a plain value/],
  [
    'a heading stored as a text node',
    (root) => {
      const map = new Y.Map();
      map.set('__type', 'heading');
      paragraph(root).insertEmbed(0, map);
    },
    /a heading node stored as a text node/,
  ],
  ['a text node stored as an element', (root) => paragraph(root).insertEmbed(0, element('text')), /a text node stored as an element/],
  [
    'a decorator (Y.XmlElement)',
    (root) => {
      const img = new Y.XmlElement('img');
      img.setAttribute('__type', 'paragraph');
      root.insertEmbed(1, img);
    },
    /Y\.XmlElement/,
  ],
  ['a JSON embed', (root) => root.insertEmbed(1, { __type: 'paragraph' }), /embedded object/],
  ['formatting marks', (root) => paragraph(root).format(0, 3, { bold: true }), /formatting mark/],
  ['text directly in the body', (root) => root.insert(0, 'loose'), /text directly inside a root node/],
  [
    'a text node directly in the body',
    (root) => {
      const map = new Y.Map();
      map.set('__type', 'text');
      root.insertEmbed(0, map);
    },
    /a text node inside a root node/,
  ],
  ['a paragraph directly in a table', (root) => nodeOf(root, 'table').insertEmbed(0, element('paragraph')), /a paragraph node inside a table node/],
  ['a list item directly in the body', (root) => root.insertEmbed(0, element('listitem')), /a listitem node inside a root node/],
  ['a paragraph directly in a list', (root) => nodeOf(root, 'list').insertEmbed(0, element('paragraph')), /a paragraph node inside a list node/],
  ['text first in a paragraph, belonging to no text node', (root) => paragraph(root).insert(0, 'ORPHAN'), /belongs to no text node/],
  // The paragraph holds the map of "See " (1), its four characters, then the link at 5.
  ['text after a link, belonging to no text node', (root) => paragraph(root).insert(6, 'ORPHAN'), /belongs to no text node/],
  ['a shared type nested in another top-level type', (_root, doc) => doc.getMap('other').set('x', new Y.XmlText()), /nested Y\.XmlText in the shared type "other"/],
  ['a node embedded in the title', (_root, doc) => doc.getText(TITLE_TEXT).insertEmbed(0, new Y.XmlText()), /the title holds only text/],
  ['a formatted title', (_root, doc) => doc.getText(TITLE_TEXT).format(0, 2, { bold: true }), /the title holds only text/],
];

test.each(hostile)('%s is refused', (_name, write, expected) => {
  const { server, attack } = hostileSetup();
  const update = attack(write);
  expect(findUpdateProblem(server, update)).toMatch(expected);
});

test('the whole-document check finds the same hostile content once it is in a document', () => {
  const { server, attack } = hostileSetup();
  const structural = hostile.filter(([name]) => !/removed|belonging to no text node|stored as|without a type|new type on/.test(name));
  for (const [name, write] of structural) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(copy, attack(write));
    expect([name, findDocProblem(copy)]).toEqual([name, expect.any(String)]);
  }
});

test('any link url up to 8192 characters is stored: tel:, ftp:, and javascript: or data:, which the link node and the renderer draw without a target', () => {
  const urls = ['tel:+1-613-555-0100', 'ftp://files.example.gc.ca/a', 'javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\nscript:alert(1)', 'data:text/html,<script>alert(1)</script>', `https://a.ca/${'x'.repeat(8000)}`];
  for (const url of urls) {
    const { server, attack } = hostileSetup();
    const update = attack((root) => {
      link(root).setAttribute('__url', url);
      paragraph(root).insertEmbed(0, element('link', { __url: url, __format: 0, __style: '', __indent: 0, __dir: null, __textFormat: 0, __textStyle: '', __target: null, __rel: null, __title: null }));
    });
    expect([url, findUpdateProblem(server, update)]).toEqual([url, null]);
    Y.applyUpdate(server, update);
    expect([url, findDocProblem(server)]).toEqual([url, null]);
  }
});

test('plain node state written as raw Yjs passes, and so does removing it', () => {
  const { server, attack } = hostileSetup();
  const written = attack((root) => {
    heading(root).setAttribute('__state', stateMap({ a: 1, b: [1, 'x', null, { c: true }], ['k'.repeat(100)]: 'x'.repeat(16 * 1024 - 2) }) as unknown as string);
    stateOf(paragraph(root)).set('ensembleNote', 'raw');
    stateOf(paragraph(root)).set('other', { deep: [[[{}]]] });
    stateOf(tab(root)).set('ensembleNote', 'raw tab');
    lineBreak(root).set('__state', stateMap({ mdHardLineBreak: '  ' }));
    root.setAttribute('__state', stateMap({ onRoot: true }) as unknown as string);
  });
  expect(findUpdateProblem(server, written)).toBeNull();
  Y.applyUpdate(server, written);
  expect(findDocProblem(server)).toBeNull();
  const removed = attack((root) => {
    stateOf(paragraph(root)).delete('ensembleNote');
    heading(root).removeAttribute('__state');
    lineBreak(root).delete('__state');
    stateOf(tab(root)).delete('ensembleNote');
  });
  expect(findUpdateProblem(server, removed)).toBeNull();
  Y.applyUpdate(server, removed);
  expect(findDocProblem(server)).toBeNull();
});

test('other top-level types, which nothing reads, may hold plain content unless refused', () => {
  const { server, attack } = hostileSetup();
  const scratch = attack((_root, doc) => {
    doc.getText('scratch').insert(0, 'hello');
    doc.getMap('settings').set('x', 1);
  });
  expect(findUpdateProblem(server, scratch)).toBeNull();
  expect(findUpdateProblem(server, scratch, { otherSharedTypes: 'refuse' })).toMatch(/unknown shared type "(scratch|settings)"/);
  Y.applyUpdate(server, scratch);
  expect(findDocProblem(server)).toBeNull();
  expect(findDocProblem(server, 'refuse')).toMatch(/unexpected shared type/);
});

test('a delete set reaching past what the server has is refused', () => {
  const { server } = hostileSetup();
  const other = new Y.Doc();
  other.getText(TITLE_TEXT).insert(0, 'future');
  other.getText(TITLE_TEXT).delete(0, 6);
  const onlyDeletions = Y.diffUpdate(Y.encodeStateAsUpdate(other), Y.encodeStateVector(other));
  expect(findUpdateProblem(server, onlyDeletions)).toMatch(/deletes content the server does not have/);
});

test('deleting a whole node with its properties, and garbage that cannot be decoded, are judged', () => {
  const { server, attack } = hostileSetup();
  expect(findUpdateProblem(server, attack((root) => root.delete(0, 2)))).toBeNull();
  expect(findUpdateProblem(server, new Uint8Array([1, 2, 3]))).toMatch(/could not be checked/);
});
