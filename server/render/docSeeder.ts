// Builds the first Yjs state of a new page on the server, so two browsers opening a new page never race to
// create its content. The state is written through headless Lexical, exactly as an editor would write it.
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { $createHeadingNode, type HeadingTagType } from '@lexical/rich-text';
import { TITLE_TEXT } from '../../shared/collabProtocol.js';
import { writeLexicalToDoc } from './headlessLexical.js';

export type SeedBlock = { kind: 'heading'; level: 2 | 3; text: string } | { kind: 'paragraph'; text: string };

export function seedPageState(title: string, blocks: SeedBlock[] = []): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.getText(TITLE_TEXT).insert(0, title);
    writeLexicalToDoc(doc, () => {
      const root = $getRoot();
      for (const block of blocks) {
        if (block.kind === 'heading') {
          const heading = $createHeadingNode(`h${block.level}` as HeadingTagType);
          heading.append($createTextNode(block.text));
          root.append(heading);
        } else {
          const paragraph = $createParagraphNode();
          if (block.text) paragraph.append($createTextNode(block.text));
          root.append(paragraph);
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
