// Documents for the node-schema suites (shared/docSchema.test.ts, docUpdateCheck.test.ts, docCheck.test.ts):
// headless Lexical editors bound to a Y.Doc the way the browser's CollaborationPlugin binds them, a document
// holding every node type, and the corpus of hostile raw Yjs writes that both checks must find.
import * as Y from 'yjs';
import { createHeadlessEditor } from '@lexical/headless';
import { createUndoManager, createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical } from '@lexical/yjs';
import { $createLineBreakNode, $createParagraphNode, $createTabNode, $createTextNode, $getRoot, $setState, createState, type LexicalNode } from 'lexical';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createAutoLinkNode, $createLinkNode } from '@lexical/link';
import { $createCodeHighlightNode, $createCodeNode } from '@lexical/code';
import { $createTableNodeWithDimensions } from '@lexical/table';
import { editorNamespace, editorNodes, editorTheme } from '../../shared/editorNodes.js';
import { BODY_ROOT, TITLE_TEXT } from '../../shared/collabProtocol.js';
import { findUpdateProblem } from '../../shared/docUpdateCheck.js';
import { cursorlessProvider } from '../../server/render/headlessLexical.js';

/** A headless Lexical editor bound to its own Y.Doc, wired like the browser's CollaborationPlugin. */
export function lexicalDoc(doc = new Y.Doc()) {
  const editor = createHeadlessEditor({ namespace: editorNamespace, nodes: [...editorNodes], theme: editorTheme, onError: (e) => { throw e; } });
  const binding = createYjsBinding({ editor, id: BODY_ROOT, doc, docMap: new Map([[BODY_ROOT, doc]]) });
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, cursorlessProvider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  binding.root.getSharedType().observeDeep((events, transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, cursorlessProvider, events as Y.YEvent<Y.Text>[], false);
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
export function editorWithServer() {
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
export const noteState = createState('ensembleNote', { parse: (v) => (typeof v === 'string' ? v : '') });
export const metaState = createState('ensembleMeta', {
  parse: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}),
});

/** Builds a document with every node type of the editor, some of them with node state. */
export function buildEverything(edit: (fn: () => void) => void): void {
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

/** A server document with every kind of node, and a way to write raw Yjs against a copy of it. */
export function hostileSetup() {
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

export const child = (parent: Y.XmlText, index: number) => parent.toDelta()[index].insert as Y.XmlText & Y.Map<unknown>;
export const nodeOf = (root: Y.XmlText, type: string): Y.XmlText => {
  for (const { insert } of root.toDelta() as { insert: unknown }[]) {
    if (insert instanceof Y.XmlText && insert.getAttribute('__type') === type) return insert;
  }
  throw new Error(`no ${type}`);
};
export const heading = (root: Y.XmlText) => nodeOf(root, 'heading');
export const paragraph = (root: Y.XmlText) => nodeOf(root, 'paragraph');
export const link = (root: Y.XmlText) => child(paragraph(root), 2);
export const firstText = (root: Y.XmlText) => child(paragraph(root), 0) as unknown as Y.Map<unknown>;
export const stateOf = (node: Y.XmlText | Y.Map<unknown>) => (node instanceof Y.XmlText ? node.getAttribute('__state') : node.get('__state')) as unknown as Y.Map<unknown>;
export const textLikeIn = (root: Y.XmlText, type: string): Y.Map<unknown> => {
  for (const { insert } of nodeOf(root, 'quote').toDelta() as { insert: unknown }[]) {
    if (insert instanceof Y.Map && insert.get('__type') === type) return insert;
  }
  throw new Error(`no ${type}`);
};
export const tab = (root: Y.XmlText) => textLikeIn(root, 'tab');
export const lineBreak = (root: Y.XmlText) => textLikeIn(root, 'linebreak');
/** A Y.Map to store as a node's `__state`, with its entries. */
export const stateMap = (entries: Record<string, unknown>) => {
  const map = new Y.Map<unknown>();
  for (const key of Object.keys(entries)) map.set(key, entries[key]);
  return map;
};
export const element = (type: string, props: Record<string, unknown> = {}) => {
  const node = new Y.XmlText();
  node.setAttribute('__type', type);
  for (const [key, value] of Object.entries(props)) node.setAttribute(key, value as string);
  return node;
};

export const hostile: [string, (root: Y.XmlText, doc: Y.Doc) => void, RegExp][] = [
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
