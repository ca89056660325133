// The Lexical node set and theme used by the browser editor and by server-side rendering.
// Both sides must register exactly the same classes, or the server cannot read what the browser wrote.
import type { Klass, LexicalNode, EditorThemeClasses } from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';

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
