// Server-side rendering: what the browser's Lexical writes into a Y.Doc comes out as safe, faithful HTML.
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot, $setState, createState, type ParagraphNode } from 'lexical';
import { $createTableNodeWithDimensions, type TableCellNode, type TableRowNode } from '@lexical/table';
import { $createCodeNode } from '@lexical/code';
import { $createLinkNode } from '@lexical/link';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { writeLexicalToDoc } from './headlessLexical.js';
import { renderPageState } from './pageRenderer.js';
import { sanitizePageHtml } from './htmlSanitizer.js';
import { RenderPool } from './renderPool.js';
import { seedPageState } from './docSeeder.js';
import { waitFor } from '../../tests/helpers/testServer.js';
import { findDocProblem } from '../../shared/docCheck.js';
import { findUpdateProblem } from '../../shared/docUpdateCheck.js';

function stateOf(build: () => void, title = 'T'): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('title').insert(0, title);
  writeLexicalToDoc(doc, build);
  return Y.encodeStateAsUpdate(doc);
}

test('renders headings, lists, quotes and links as semantic html with the shared theme classes', () => {
  const { html, text, title } = renderPageState(
    stateOf(() => {
      const h = $createHeadingNode('h2');
      h.append($createTextNode('Risks'));
      const list = $createListNode('bullet');
      const item = $createListItemNode();
      item.append($createTextNode('Privacy'));
      list.append(item);
      const quote = $createQuoteNode();
      quote.append($createTextNode('As the DG said'));
      const p = $createParagraphNode();
      const link = $createLinkNode('https://example.gc.ca/plan');
      link.append($createTextNode('the plan'));
      p.append($createTextNode('See  '), link);
      $getRoot().append(h, list, quote, p);
    }, '  Plan   de   justification '),
  );
  expect(html).toContain('<h2 class="ens-h2">');
  expect(html).toMatch(/<ul class="ens-ul"><li[^>]*class="ens-li"[^>]*>/);
  expect(html).toContain('<blockquote class="ens-quote">');
  expect(html).toContain('<a href="https://example.gc.ca/plan" class="ens-link" rel="noopener noreferrer nofollow">');
  expect(html).toContain('style="white-space:pre-wrap"');
  expect(text).toContain('Risks');
  expect(text).toContain('See  the plan');
  expect(title).toBe('Plan de justification');
});

test('renders tables (which the server DOM used to drop), code blocks and nested lists', () => {
  const { html, text } = renderPageState(
    stateOf(() => {
      const table = $createTableNodeWithDimensions(2, 2, true);
      const code = $createCodeNode('javascript');
      code.append($createTextNode('const a = 1;'));
      const list = $createListNode('number');
      const first = $createListItemNode();
      first.append($createTextNode('Scope'));
      const nested = $createListItemNode();
      const sub = $createListNode('bullet');
      const subItem = $createListItemNode();
      subItem.append($createTextNode('Security'));
      sub.append(subItem);
      nested.append(sub);
      list.append(first, nested);
      const p = $createParagraphNode();
      p.append($createTextNode('Budget'));
      $getRoot().append(table, code, list, p);
      const firstCell = table.getFirstChildOrThrow<TableRowNode>().getFirstChildOrThrow<TableCellNode>();
      firstCell.getFirstChildOrThrow<ParagraphNode>().append($createTextNode('Risk'));
    }),
  );
  expect(html).toMatch(/<table class="ens-table"><tbody><tr class="ens-tr"><th class="ens-td ens-th"[^>]*><p class="ens-p"><span[^>]*>Risk<\/span><\/p><\/th>/);
  expect(html.match(/<t[hd] /g)).toHaveLength(4);
  // Header row cells head columns; the header column's cells head rows.
  expect(html.match(/<th [^>]*scope="col"/g)).toHaveLength(2);
  expect(html.match(/<th [^>]*scope="row"/g)).toHaveLength(1);
  expect(html).toContain('<pre class="ens-code" data-language="javascript">');
  expect(html).toMatch(/<ol class="ens-ol"><li[^>]*>.*Scope.*<ul class="ens-ul"><li[^>]*>.*Security/);
  expect(text).toContain('Risk');
  expect(text).toContain('Budget');
});

test.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example/x'])(
  'a link to %s written into the doc is not rendered as a link target',
  (href) => {
    const { html } = renderPageState(
      stateOf(() => {
        const p = $createParagraphNode();
        const link = $createLinkNode(href);
        link.append($createTextNode('click'));
        p.append(link);
        $getRoot().append(p);
      }),
    );
    expect(html).toContain('click');
    expect(html).not.toMatch(/href="(?!about:blank)[^"]*"/i);
  },
);

/** A page written by Lexical, then changed with raw Yjs the way a client bypassing Lexical could (or a page stored before the server checked updates). */
function tamperedState(tamper: (root: Y.XmlText) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('title').insert(0, 'T');
  writeLexicalToDoc(doc, () => {
    const h = $createHeadingNode('h2');
    h.append($createTextNode('Risks'));
    const list = $createListNode('number');
    const item = $createListItemNode();
    item.append($createTextNode('Privacy'));
    list.append(item);
    const p = $createParagraphNode();
    const link = $createLinkNode('https://example.gc.ca/plan');
    link.append($createTextNode('the plan'));
    p.append($createTextNode('See '), link);
    $getRoot().append(h, list, p);
  });
  tamper(doc.get('root', Y.XmlText));
  return Y.encodeStateAsUpdate(doc);
}
const node = (root: Y.XmlText, index: number) => root.toDelta()[index].insert as Y.XmlText;

test.each([
  ['"script"', 'script'],
  ['not a tag name', 'h1 onclick=alert(1)'],
  ['a number', 7],
])('a heading and a list whose tag is %s still render, with a valid tag and no script', (_name, tag) => {
  const { html, text } = renderPageState(
    tamperedState((root) => {
      node(root, 0).setAttribute('__tag', tag as string);
      node(root, 1).setAttribute('__tag', tag as string);
    }),
  );
  expect(html).toMatch(/<h2 class="ens-h2"><span[^>]*>Risks<\/span><\/h2>/);
  expect(html).toMatch(/<ol class="ens-ol"><li[^>]*>.*Privacy/);
  expect(html).not.toMatch(/<script|onclick/i);
  expect(text).toContain('the plan');
});

test.each([
  ['a number', 42],
  ['javascript:', 'javascript:alert(1)'],
  ['null', null],
])('a link whose url is %s renders its text without a link target', (_name, url) => {
  const { html, text } = renderPageState(tamperedState((root) => (node(root, 2).toDelta()[2].insert as Y.XmlText).setAttribute('__url', url as string)));
  expect(html).toContain('the plan');
  expect(html).not.toMatch(/href=/i);
  expect(text).toContain('See the plan');
});

test.each([
  ['javascript:alert(document.cookie)'],
  [' JaVaScRiPt:alert(1)'],
  ['java\nscript:alert(1)'],
  ['data:text/html,<script>alert(1)</script>'],
  ['tel:+1-613-555-0100'],
])('a link to %j that the live check lets a raw Yjs client store renders its text without a link target', (url) => {
  const server = new Y.Doc();
  Y.applyUpdate(server, tamperedState(() => undefined));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  const root = client.get('root', Y.XmlText);
  // The existing link gets the address, and a new paragraph holds a new link to it.
  (node(root, 2).toDelta()[2].insert as Y.XmlText).setAttribute('__url', url);
  const paragraph = new Y.XmlText();
  const link = new Y.XmlText();
  const text = new Y.Map<unknown>();
  for (const [key, value] of Object.entries({ __type: 'paragraph', __format: 0, __style: '', __indent: 0, __dir: null, __textFormat: 0, __textStyle: '' })) paragraph.setAttribute(key, value as string);
  for (const [key, value] of Object.entries({ __type: 'link', __url: url, __format: 0, __style: '', __indent: 0, __dir: null, __textFormat: 0, __textStyle: '', __target: null, __rel: null, __title: null })) link.setAttribute(key, value as string);
  for (const [key, value] of Object.entries({ __type: 'text', __format: 0, __style: '', __mode: 0, __detail: 0 })) text.set(key, value);
  link.insertEmbed(0, text);
  link.insert(1, 'pasted link');
  paragraph.insertEmbed(0, link);
  root.insertEmbed(root.length, paragraph);
  const update = Y.encodeStateAsUpdate(client, before);

  expect(findUpdateProblem(server, update)).toBeNull();
  Y.applyUpdate(server, update);
  expect(findDocProblem(server)).toBeNull();
  const { html, text: pageText } = renderPageState(Y.encodeStateAsUpdate(server));
  expect(pageText).toContain('See the plan');
  expect(pageText).toContain('pasted link');
  expect(html).toMatch(/<span[^>]*>the plan<\/span>/);
  expect(html).toMatch(/<span[^>]*>pasted link<\/span>/);
  expect(html).not.toMatch(/javascript|data:|tel:|href=/i);
});

test('nodes with node state (a list typed with "- ", plugin state on text) render as they would without it', () => {
  const marker = createState('mdListMarker', { parse: (v) => (typeof v === 'string' ? v : '-') });
  const note = createState('ensembleNote', { parse: (v) => (typeof v === 'object' && v !== null ? v : {}) });
  const build = (withState: boolean) => () => {
    const list = $createListNode('bullet');
    const item = $createListItemNode();
    const words = $createTextNode('Salaries');
    item.append(words);
    list.append(item);
    $getRoot().append(list);
    if (withState) {
      $setState(list, marker, '*');
      $setState(words, note, { tags: ['budget'], level: 1 });
    }
  };
  const doc = new Y.Doc();
  writeLexicalToDoc(doc, build(true));
  expect((node(doc.get('root', Y.XmlText), 0).getAttribute('__state') as unknown as Y.Map<unknown>).toJSON()).toEqual({ mdListMarker: '*' });
  expect(findDocProblem(doc)).toBeNull();
  const rendered = renderPageState(stateOf(build(true)));
  expect(rendered).toEqual(renderPageState(stateOf(build(false))));
  expect(rendered.html).toMatch(/^<ul class="ens-ul"><li[^>]*><span[^>]*>Salaries<\/span><\/li><\/ul>$/);
});

test.each([
  ['<img src=x onerror=alert(1)>', /<img|onerror/i],
  ['<svg onload=alert(1)><circle/></svg>', /<svg|onload/i],
  ['<p style="background:url(javascript:alert(1))">x</p>', /javascript|background/i],
  ['<a href="javascript:alert(1)">x</a>', /javascript/i],
  ['<iframe src="https://evil.example"></iframe>', /<iframe/i],
  ['<p class="evil ens-p" onclick="x()">x</p>', /evil|onclick/i],
  ['<scr<script>ipt>alert(1)</script>', /<script/i],
  ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /javascript|<math/i],
])('the sanitizer strips %s', (dirty, forbidden) => {
  expect(sanitizePageHtml(dirty)).not.toMatch(forbidden);
});

test('the worker pool renders exactly what the in-process renderer does', async () => {
  const pool = new RenderPool();
  try {
    const state = seedPageState('Pool', [
      { kind: 'heading', level: 2, text: 'Purpose' },
      { kind: 'paragraph', text: 'Why <we> need it' },
    ]);
    expect(await pool.render(state)).toEqual(renderPageState(state));
  } finally {
    await pool.close();
  }
});

test('an idle render worker is stopped and a later render starts a new one', async () => {
  const pool = new RenderPool(50);
  try {
    const state = seedPageState('Idle', [{ kind: 'paragraph', text: 'first' }]);
    expect((await pool.render(state)).text).toContain('first');
    expect(pool.isRunning()).toBe(true);
    await waitFor(() => pool.isRunning(), (running) => !running, 2000, 'idle stop');
    expect((await pool.render(seedPageState('Idle', [{ kind: 'paragraph', text: 'again' }]))).text).toContain('again');
  } finally {
    await pool.close();
  }
});
