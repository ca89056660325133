// The document schema matches what the real Lexical editor writes: every node type and property it syncs is
// declared, and documents it builds (typed, pasted, imported, undone) pass both the whole-document and the
// update check. Hostile writes are in docUpdateCheck.test.ts and docCheck.test.ts.
import * as Y from 'yjs';
import { createHeadlessEditor } from '@lexical/headless';
import { createYjsBinding } from '@lexical/yjs';
import { $generateNodesFromDOM } from '@lexical/html';
import { withDOM } from '@lexical/headless/dom';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $getState,
  $insertNodes,
  $setState,
  KEY_ENTER_COMMAND,
  mergeRegister,
  type ElementNode,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { registerRichText, type HeadingNode } from '@lexical/rich-text';
import { $isListNode, INSERT_UNORDERED_LIST_COMMAND, registerList, type ListItemNode, type ListNode } from '@lexical/list';
import { $convertFromMarkdownString, registerMarkdownShortcuts } from '@lexical/markdown';
import type { LinkNode } from '@lexical/link';
import type { CodeNode } from '@lexical/code';
import { $createTableCellNode, $createTableRowNode, type TableCellNode, type TableNode, type TableRowNode } from '@lexical/table';
import { $unwrapNode } from '@lexical/utils';
import { editorNodes } from './editorNodes.js';
import { BODY_ROOT } from './collabProtocol.js';
import { docSchema } from './docSchema.js';
import { findDocProblem } from './docCheck.js';
import { findUpdateProblem } from './docUpdateCheck.js';
import { markdownTransformers } from '../client/src/editor/markdownTransformers.js';
import { buildEverything, editorWithServer, lexicalDoc, metaState, nodeOf, noteState } from '../tests/helpers/docSchemaFixtures.js';

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
