// The update check: edits that race or wait in a turn pass, hostile raw Yjs writes are refused with a message
// that names them, and what it lets through (any link URL, plain node state, other top-level types) is stored.
import * as Y from 'yjs';
import { $createTextNode, $getRoot, type ElementNode, type TextNode } from 'lexical';
import type { HeadingNode } from '@lexical/rich-text';
import type { LinkNode } from '@lexical/link';
import { TITLE_TEXT } from './collabProtocol.js';
import { findDocProblem } from './docCheck.js';
import { findUpdateProblem } from './docUpdateCheck.js';
import {
  buildEverything,
  editorWithServer,
  element,
  heading,
  hostile,
  hostileSetup,
  lexicalDoc,
  lineBreak,
  link,
  paragraph,
  stateMap,
  stateOf,
  tab,
} from '../tests/helpers/docSchemaFixtures.js';

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

test.each(hostile)('%s is refused', (_name, write, expected) => {
  const { server, attack } = hostileSetup();
  const update = attack(write);
  expect(findUpdateProblem(server, update)).toMatch(expected);
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
