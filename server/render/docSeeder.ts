// Builds the first Yjs state of a new page on the server, so two browsers opening a new page never race to
// create its content. The state is written through headless Lexical, exactly as an editor would write it.
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode } from 'lexical';
import { $createHeadingNode, type HeadingTagType } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createLinkNode } from '@lexical/link';
import { TITLE_TEXT } from '../../shared/collabProtocol.js';
import { isAllowedHref } from '../../shared/linkPolicy.js';
import { writeEntryFields } from '../../shared/catalogue/entryDoc.js';
import type { EntryFields } from '../../shared/catalogue/fields.js';
import { writeLexicalToDoc } from './headlessLexical.js';

/** Inline content: plain text, or a link (http, https, mailto or a same-site path; anything else stays text). */
export type SeedInline = string | { text: string; url: string };

export type SeedBlock =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string | SeedInline[] }
  | { kind: 'list'; ordered?: boolean; items: (string | SeedInline[])[] };

/**
 * The first state of a page: its title, its body blocks, and for a catalogue entry its structured fields
 * (written into the Y.Doc beside the body, where the entry form co-edits them).
 */
export function seedPageState(title: string, blocks: SeedBlock[] = [], entry?: Partial<EntryFields>): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.getText(TITLE_TEXT).insert(0, title);
    if (entry) writeEntryFields(doc, entry);
    writeLexicalToDoc(doc, () => {
      const root = $getRoot();
      for (const block of blocks) {
        if (block.kind === 'heading') {
          const heading = $createHeadingNode(`h${block.level}` as HeadingTagType);
          heading.append($createTextNode(block.text));
          root.append(heading);
        } else if (block.kind === 'list') {
          const list = $createListNode(block.ordered ? 'number' : 'bullet');
          for (const item of block.items) list.append($appendInlines($createListItemNode(), item));
          root.append(list);
        } else {
          root.append($appendInlines($createParagraphNode(), block.text));
        }
      }
      // Every page ends in an empty paragraph, so there is always a place to start typing.
      root.append($createParagraphNode());
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

function $appendInlines<T extends ElementNode>(parent: T, content: string | SeedInline[]): T {
  for (const inline of typeof content === 'string' ? [content] : content) {
    if (typeof inline === 'string') {
      if (inline) parent.append($createTextNode(inline));
    } else if (isAllowedHref(inline.url)) {
      parent.append($createLinkNode(inline.url).append($createTextNode(inline.text || inline.url)));
    } else if (inline.text) {
      parent.append($createTextNode(inline.text));
    }
  }
  return parent;
}
