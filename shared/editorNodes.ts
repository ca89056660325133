// The Lexical node set and theme used by the browser editor and by server-side rendering.
// Both sides must register exactly the same classes, or the server cannot read what the browser wrote.
import type { Klass, LexicalNode, EditorThemeClasses, EditorConfig } from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { headingTags, listTags } from './docSchema.js';
import { isAllowedHref } from './linkPolicy.js';

export const editorNodes: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  CodeNode,
  CodeHighlightNode,
  TableNode,
  TableRowNode,
  TableCellNode,
];

/** Class names shared by the live editor and the server-rendered page, so one stylesheet styles both. */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'ens-p',
  quote: 'ens-quote',
  heading: { h1: 'ens-h1', h2: 'ens-h2', h3: 'ens-h3', h4: 'ens-h4', h5: 'ens-h5', h6: 'ens-h6' },
  list: {
    ul: 'ens-ul',
    ol: 'ens-ol',
    listitem: 'ens-li',
    nested: { listitem: 'ens-li-nested' },
  },
  link: 'ens-link',
  code: 'ens-code',
  table: 'ens-table',
  tableRow: 'ens-tr',
  tableCell: 'ens-td',
  tableCellHeader: 'ens-th',
  text: {
    bold: 'ens-bold',
    italic: 'ens-italic',
    underline: 'ens-underline',
    strikethrough: 'ens-strike',
    code: 'ens-inline-code',
  },
};

/** Name of the Lexical editor namespace, shared so that copied content pastes between the two. */
export const editorNamespace = 'ensemble';

/*
 * Defence in depth. The server refuses documents whose nodes hold values Lexical never writes
 * (shared/docSchema.ts), but a page stored before that check, or content reaching an editor some other way,
 * must still not turn into a <script> element or crash the editor and the renderer. @lexical/yjs copies
 * stored properties onto nodes as they are and builds nodes with the registered classes directly, so node
 * replacements and transforms never see them, and a second class cannot register the same `__type`. What
 * is left is guarding the three methods that turn those properties into DOM, for the browser editor and for
 * the server's HTML export alike (exportDOM calls createDOM):
 * - a heading or list whose `__tag` is not one of its tags is drawn with a valid tag (h2; ul or ol);
 * - a link whose `__url` is not a string the link policy allows gets no href (plain text), and getURL()
 *   returns a string.
 */
const guarded = Symbol.for('ensemble.guardedNodeDOM');

function guardNodeDOM(): void {
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (registry[guarded]) return;
  registry[guarded] = true;

  type TaggedNode = LexicalNode & { __tag: unknown; __listType?: unknown };
  type CreateDOM = (this: TaggedNode, config: EditorConfig, ...rest: unknown[]) => HTMLElement;
  const guardTag = (proto: { createDOM: unknown }, allowed: readonly string[], fallback: (node: TaggedNode) => string) => {
    const createDOM = proto.createDOM as CreateDOM;
    proto.createDOM = function (this: TaggedNode, config: EditorConfig, ...rest: unknown[]) {
      if (typeof this.__tag === 'string' && allowed.includes(this.__tag)) return createDOM.call(this, config, ...rest);
      // The method reads `this.__tag`; a view of the node with a valid tag leaves the node itself untouched.
      return createDOM.call(Object.create(this, { __tag: { value: fallback(this) } }), config, ...rest);
    };
  };
  guardTag(HeadingNode.prototype, headingTags, () => 'h2');
  guardTag(ListNode.prototype, listTags, (node) => (node.__listType === 'number' ? 'ol' : 'ul'));

  const link = LinkNode.prototype as unknown as {
    updateLinkDOM(this: LinkNode, prevNode: LinkNode | null, anchor: HTMLElement, config: EditorConfig): void;
    getURL(this: LinkNode): string;
  };
  const updateLinkDOM = link.updateLinkDOM;
  link.updateLinkDOM = function (prevNode, anchor, config) {
    const url: unknown = this.__url;
    if (typeof url === 'string' && isAllowedHref(url)) return updateLinkDOM.call(this, prevNode, anchor, config);
    updateLinkDOM.call(Object.create(this, { __url: { value: '' } }) as LinkNode, null, anchor, config);
    anchor.removeAttribute('href');
  };
  const getURL = link.getURL;
  link.getURL = function () {
    const url: unknown = getURL.call(this);
    return typeof url === 'string' ? url : '';
  };
}

guardNodeDOM();
