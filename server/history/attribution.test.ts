// The authors walker against documents written the way editors write them: headless Lexical bound to Y.Docs
// of different clients, synced with Yjs updates, read back item by item.
import * as Y from 'yjs';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  type ElementNode,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createLinkNode } from '@lexical/link';
import { $createCodeNode } from '@lexical/code';
import { $createTableNodeWithDimensions } from '@lexical/table';
import { lexicalDoc } from '../../tests/helpers/docSchemaFixtures.js';
import { readDocWithLexical, writeLexicalToDoc } from '../render/headlessLexical.js';
import { BODY_ROOT } from '../../shared/collabProtocol.js';
import { attributeDoc, attributeState, type DocAttribution } from './attribution.js';

const docs: Y.Doc[] = [];
afterEach(() => {
  for (const doc of docs.splice(0)) doc.destroy();
});

/** An editor's document: a headless Lexical editor bound to its own Y.Doc, loading what it receives. */
function editorDoc() {
  const editor = lexicalDoc();
  docs.push(editor.doc);
  return editor;
}

function plainDoc(): Y.Doc {
  const doc = new Y.Doc();
  docs.push(doc);
  return doc;
}

/** Sends what `to` lacks of `from`, then lets the receiving editor commit the Lexical update it made of it. */
async function sync(from: Y.Doc, to: Y.Doc): Promise<void> {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Each block as "kind: [owner]text[owner]text", to compare whole documents at a glance. */
function lines(result: DocAttribution): string[] {
  return result.blocks.map((block) => `${block.kind}: ${block.runs.map((run) => `[${run.owner ?? '?'}]${run.text}`).join('')}`);
}

const child = (parent: ElementNode, index: number) => parent.getChildAtIndex(index) as LexicalNode;
const block = (index: number) => child($getRoot(), index) as ElementNode;
const textIn = (parent: ElementNode, index = 0) => child(parent, index) as TextNode;

/** Alice writes a page; Bob, on another client, edits inside her text and adds blocks; both sync. */
async function twoAuthors() {
  const alice = editorDoc();
  const bob = editorDoc();
  alice.edit(() => {
    const title = $createHeadingNode('h1');
    title.append($createTextNode('Launch plan'));
    const plan = $createParagraphNode();
    plan.append($createTextNode('The plan works'));
    const wordy = $createParagraphNode();
    wordy.append($createTextNode('Remove this word please'));
    const obsolete = $createParagraphNode();
    obsolete.append($createTextNode('Obsolete paragraph'));
    const linked = $createParagraphNode();
    const link = $createLinkNode('https://example.gc.ca/docs');
    link.append($createTextNode('Docs'));
    linked.append(link, $createTextNode(' are linked'));
    $getRoot().clear().append(title, plan, wordy, obsolete, linked);
  });
  await sync(alice.doc, bob.doc);
  bob.edit(() => {
    textIn(block(1)).spliceText(9, 0, 'really ');
    textIn(block(2)).spliceText(7, 5, '');
    block(3).remove();
    // After the removal the link paragraph is block 3.
    textIn(child(block(3), 0) as ElementNode).spliceText(4, 0, ' page');
    const next = $createHeadingNode('h3');
    next.append($createTextNode('Next steps'));
    const list = $createListNode('bullet');
    for (const text of ['Ship it', 'Tell people']) {
      const item = $createListItemNode();
      item.append($createTextNode(text));
      list.append(item);
    }
    $getRoot().append(next, list);
  });
  await sync(bob.doc, alice.doc);
  const ownerOf = (client: number) => (client === alice.doc.clientID ? 'alice' : client === bob.doc.clientID ? 'bob' : null);
  return { alice, bob, ownerOf };
}

test('credits each run of text to the client that wrote it, even inside one Lexical text node', async () => {
  const { alice, bob, ownerOf } = await twoAuthors();
  const expected = [
    'h1: [alice]Launch plan',
    'paragraph: [alice]The plan [bob]really [alice]works',
    'paragraph: [alice]Remove word please',
    'paragraph: [alice]Docs[bob] page[alice] are linked',
    'h3: [bob]Next steps',
    'listitem: [bob]Ship it',
    'listitem: [bob]Tell people',
  ];
  expect(lines(attributeDoc(alice.doc, ownerOf))).toEqual(expected);
  // Both copies converged, so both say the same.
  expect(lines(attributeDoc(bob.doc, ownerOf))).toEqual(expected);
});

test('the runs of each block spell the text Lexical reads from the same state', async () => {
  const { alice, ownerOf } = await twoAuthors();
  const state = Y.encodeStateAsUpdate(alice.doc);
  const lexicalBlocks = readDocWithLexical(state, () =>
    $getRoot()
      .getChildren()
      .flatMap((node) => (node.getType() === 'list' && $isElementNode(node) ? node.getChildren() : [node]))
      .map((node) => node.getTextContent()),
  );
  const attributed = attributeState(state, ownerOf).blocks.map((b) => b.runs.map((run) => run.text).join(''));
  expect(attributed).toEqual(lexicalBlocks);
  expect(attributed.join(' ')).not.toContain('this');
  expect(attributed.join(' ')).not.toContain('Obsolete');
});

test('text from a client nobody owns has a null owner', async () => {
  const { alice, bob, ownerOf } = await twoAuthors();
  const carol = editorDoc();
  await sync(alice.doc, carol.doc);
  carol.edit(() => {
    const p = $createParagraphNode();
    p.append($createTextNode('Anonymous note'));
    $getRoot().append(p);
    textIn(block(0)).spliceText(0, 0, 'Our ');
  });
  await sync(carol.doc, bob.doc);
  const result = lines(attributeDoc(bob.doc, ownerOf));
  expect(result[0]).toBe('h1: [?]Our [alice]Launch plan');
  expect(result[result.length - 1]).toBe('paragraph: [?]Anonymous note');
  expect(attributeDoc(bob.doc, () => null).blocks.every((b) => b.runs.every((run) => run.owner === null))).toBe(true);
});

test('adjacent text of one owner merges into one run across text nodes, formats and links', () => {
  const doc = plainDoc();
  writeLexicalToDoc(doc, () => {
    const p = $createParagraphNode();
    const link = $createLinkNode('/wiki/Other');
    link.append($createTextNode('Other'));
    p.append($createTextNode('Plain '), $createTextNode('bold').toggleFormat('bold'), $createTextNode(' see '), link);
    $getRoot().clear().append(p);
  });
  expect(attributeDoc(doc, () => 'alice').blocks).toEqual([{ kind: 'paragraph', runs: [{ owner: 'alice', text: 'Plain bold see Other' }] }]);
});

test('every block kind, line breaks, tabs, nested lists, table cells and empty blocks come out in page order', () => {
  const doc = plainDoc();
  writeLexicalToDoc(doc, () => {
    const headings = (['h2', 'h4', 'h6'] as const).map((tag) => $createHeadingNode(tag).append($createTextNode(tag.toUpperCase())));
    const quote = $createQuoteNode().append($createTextNode('First'), $createLineBreakNode(), $createTabNode(), $createTextNode('second'));
    const code = $createCodeNode('javascript').append($createTextNode('a = 1;'), $createLineBreakNode(), $createTextNode('b = 2;'));
    const linkFirst = $createParagraphNode().append($createLinkNode('https://example.gc.ca').append($createTextNode('Start')), $createTextNode(' then'));
    const empty = $createParagraphNode();
    const nested = $createListNode('number').append(
      $createListItemNode().append($createTextNode('Outer')),
      $createListItemNode().append($createListNode('bullet').append($createListItemNode().append($createTextNode('Inner')))),
      $createListItemNode(),
    );
    const table = $createTableNodeWithDimensions(1, 3, false);
    const cells = (table.getFirstChildOrThrow() as ElementNode).getChildren() as ElementNode[];
    (cells[0].getFirstChildOrThrow() as ElementNode).append($createTextNode('One'));
    cells[1].append($createParagraphNode().append($createTextNode('line')));
    (cells[1].getFirstChildOrThrow() as ElementNode).append($createTextNode('Two'));
    $getRoot().clear().append(...headings, quote, code, linkFirst, empty, nested, table, $createParagraphNode().append($createTextNode('End')));
  });
  expect(lines(attributeDoc(doc, () => 'a'))).toEqual([
    'h2: [a]H2',
    'h4: [a]H4',
    'h6: [a]H6',
    'quote: [a]First\n\tsecond',
    'code: [a]a = 1;\nb = 2;',
    'paragraph: [a]Start then',
    'paragraph: ',
    'listitem: [a]Outer',
    'listitem: [a]Inner',
    'listitem: ',
    'cell: [a]One',
    'cell: [a]Two\nline',
    'cell: ',
    'paragraph: [a]End',
  ]);
});

test('an empty document, an empty body and an empty state have no blocks', () => {
  expect(attributeDoc(plainDoc(), () => 'a')).toEqual({ blocks: [] });
  const empty = plainDoc();
  empty.get(BODY_ROOT, Y.XmlText);
  expect(attributeDoc(empty, () => 'a')).toEqual({ blocks: [] });
  expect(attributeState(Y.encodeStateAsUpdate(plainDoc()), () => 'a')).toEqual({ blocks: [] });
});

test('reading a state leaves the owner lookup to one call per client', async () => {
  const { alice, ownerOf } = await twoAuthors();
  const asked: number[] = [];
  const result = attributeState(Y.encodeStateAsUpdate(alice.doc), (client) => {
    asked.push(client);
    return ownerOf(client);
  });
  expect(result.blocks.length).toBe(7);
  expect(asked.length).toBe(new Set(asked).size);
  expect(new Set(asked.map(ownerOf))).toEqual(new Set(['alice', 'bob']));
});

test('a list nested thousands of levels deep is read without overflowing the stack', () => {
  const doc = plainDoc();
  const depth = 20_000;
  const element = (type: string) => {
    const node = new Y.XmlText();
    node.setAttribute('__type', type);
    return node;
  };
  doc.transact(() => {
    let parent = doc.get(BODY_ROOT, Y.XmlText);
    for (let level = 0; level < depth; level++) {
      const list = element('list');
      parent.insertEmbed(0, list);
      const item = element('listitem');
      list.insertEmbed(0, item);
      parent = item;
    }
    const text = new Y.Map<unknown>();
    text.set('__type', 'text');
    parent.insertEmbed(0, text);
    parent.insert(1, 'deep');
  });
  expect(attributeDoc(doc, () => 'a').blocks).toEqual([{ kind: 'listitem', runs: [{ owner: 'a', text: 'deep' }] }]);
});
