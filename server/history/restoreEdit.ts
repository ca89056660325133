// Builds the forward edit that brings a page back to an older revision. It is computed on a copy of the
// current content through headless Lexical, exactly as an editor would make it, and touches only what
// differs: blocks that are the same in both stay as they are (with their authors), the others are
// removed or re-created from the old revision. The title is brought back too.
import { diffArrays } from 'diff';
import { $getRoot, $parseSerializedNode, type LexicalNode, type SerializedLexicalNode } from 'lexical';
import { TITLE_TEXT } from '../../shared/collabProtocol.js';
import { editStateWithLexical, readDocWithLexical } from '../render/headlessLexical.js';

export interface RestoreEdit {
  /** The Yjs update to apply to the live document; null when the content is already the same. */
  update: Uint8Array | null;
}

export function buildRestoreEdit(current: Uint8Array, target: Uint8Array): RestoreEdit {
  const wanted = readDocWithLexical(target, (editor, doc) => ({
    blocks: editor.getEditorState().toJSON().root.children as SerializedLexicalNode[],
    title: doc.getText(TITLE_TEXT).toString(),
  }));
  const wantedKeys = wanted.blocks.map((block) => JSON.stringify(block));
  const { update } = editStateWithLexical(current, (editor, doc) => {
    const title = doc.getText(TITLE_TEXT);
    if (title.toString() !== wanted.title) {
      doc.transact(() => {
        title.delete(0, title.length);
        title.insert(0, wanted.title);
      });
    }
    const haveKeys = (editor.getEditorState().toJSON().root.children as SerializedLexicalNode[]).map((block) => JSON.stringify(block));
    const changes = diffArrays(haveKeys, wantedKeys);
    if (changes.every((change) => !change.added && !change.removed)) return;
    editor.update(
      () => {
        const root = $getRoot();
        const children = root.getChildren();
        let index = 0;
        let previous: LexicalNode | null = null;
        for (const change of changes) {
          if (change.removed) {
            for (let i = 0; i < change.value.length; i++) children[index++].remove();
          } else if (change.added) {
            for (const json of change.value) {
              const node = $parseSerializedNode(JSON.parse(json) as SerializedLexicalNode);
              if (previous) previous.insertAfter(node);
              else if (index < children.length) children[index].insertBefore(node);
              else root.append(node);
              previous = node;
            }
          } else {
            index += change.value.length;
            previous = children[index - 1];
          }
        }
      },
      { discrete: true },
    );
  });
  return { update };
}
