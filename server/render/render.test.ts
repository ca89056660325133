// Server-side rendering: what the browser's Lexical writes into a Y.Doc comes out as safe, faithful HTML.
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { $createLinkNode } from '@lexical/link';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { writeLexicalToDoc } from './headlessLexical.js';
import { renderPageState } from './pageRenderer.js';
import { sanitizePageHtml } from './htmlSanitizer.js';
import { RenderPool } from './renderPool.js';
import { seedPageState } from './docSeeder.js';

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
