// Headless Lexical bound to a Y.Doc: the one place that translates between Yjs content and Lexical nodes on
// the server. Seeding writes Lexical → Yjs exactly as the browser would; rendering reads Yjs → Lexical.
import * as Y from 'yjs';
import { createHeadlessEditor } from '@lexical/headless';
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { isHTMLElement, type DOMExportOutputMap, type LexicalEditor, type LexicalNode } from 'lexical';
import { editorNamespace, editorNodes, editorTheme } from '../../shared/editorNodes.js';
import { BODY_ROOT } from '../../shared/collabProtocol.js';
import { $isTableCellNode, TableCellHeaderStates } from '@lexical/table';

/**
 * @lexical/yjs wants a provider for cursor syncing. The server has no local user and no cursor, so this
 * one has an empty awareness: the binding then skips cursor work entirely.
 */
export const cursorlessProvider: Provider = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => {},
    off: () => {},
    setLocalState: () => {},
    setLocalStateField: () => {},
  },
  connect: () => {},
  disconnect: () => {},
  on: () => {},
  off: () => {},
};

/**
 * Some nodes (tables) finish their HTML export in an `after` hook that returns the element it was given;
 * Lexical then calls element.replaceWith(element), which happy-dom (the server's DOM) implements as a
 * removal, so whole tables vanished from rendered pages. Returning null from `after` means "keep the
 * element as it is", which is what these hooks meant.
 */
const exportOverrides: DOMExportOutputMap = new Map(
  editorNodes.map((klass) => [
    klass,
    (editor: LexicalEditor, node: LexicalNode) => {
      const output = node.exportDOM(editor);
      if ($isTableCellNode(node) && isHTMLElement(output.element)) {
        // Header cells say what they head, for screen readers: the header row heads columns, the header
        // column heads rows.
        const scope = node.hasHeaderState(TableCellHeaderStates.ROW) ? 'col' : node.hasHeaderState(TableCellHeaderStates.COLUMN) ? 'row' : null;
        if (scope) output.element.setAttribute('scope', scope);
      }
      const after = output.after;
      if (!after) return output;
      return {
        ...output,
        after: (element: HTMLElement | DocumentFragment | Text | null | undefined) => {
          const replacement = after.call(node, element);
          return replacement === element ? null : replacement;
        },
      };
    },
  ]),
);

function newEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: editorNamespace,
    nodes: [...editorNodes],
    theme: editorTheme,
    html: { export: exportOverrides },
    onError: (error) => {
      throw error;
    },
  });
}

function bind(editor: LexicalEditor, doc: Y.Doc) {
  return createYjsBinding({ editor, id: BODY_ROOT, doc, docMap: new Map([[BODY_ROOT, doc]]) });
}

/** Writes every Lexical update of `editor` into the bound Y.Doc, as the browser's CollaborationPlugin does. */
function syncToYjs(editor: LexicalEditor, binding: ReturnType<typeof bind>): () => void {
  return editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, cursorlessProvider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
}

/**
 * A fresh headless editor bound to a fresh Y.Doc holding `state`. Loading is a pending Lexical update;
 * it is flushed here, so callers see the content. A fresh editor each time keeps no per-page memory.
 */
function loadState(state: Uint8Array) {
  const doc = new Y.Doc({ gc: true });
  const editor = newEditor();
  const binding = bind(editor, doc);
  binding.root.getSharedType().observeDeep((events, transaction) => {
    if (transaction.origin !== binding) {
      syncYjsChangesToLexical(binding, cursorlessProvider, events as Y.YEvent<Y.Text>[], false);
    }
  });
  Y.applyUpdate(doc, state);
  editor.read(() => {});
  return { doc, editor, binding };
}

/** Runs `build` (a Lexical update function) against an empty body and writes the result into `doc`. */
export function writeLexicalToDoc(doc: Y.Doc, build: () => void): void {
  const editor = newEditor();
  const stop = syncToYjs(editor, bind(editor, doc));
  try {
    editor.update(build, { discrete: true });
  } finally {
    stop();
  }
}

/** Loads a Yjs state into a fresh headless editor and calls `read` inside editor.read(). */
export function readDocWithLexical<T>(state: Uint8Array, read: (editor: LexicalEditor, doc: Y.Doc) => T): T {
  const { doc, editor } = loadState(state);
  try {
    return editor.read(() => read(editor, doc));
  } finally {
    doc.destroy();
  }
}

/**
 * Loads a Yjs state into a fresh headless editor, runs `edit` (Lexical updates, or Yjs edits of the doc),
 * and returns the Yjs update it produced (null if it changed nothing), written under the fresh client id
 * returned with it.
 */
export function editStateWithLexical(
  state: Uint8Array,
  edit: (editor: LexicalEditor, doc: Y.Doc) => void,
): { update: Uint8Array | null; clientId: number } {
  const { doc, editor, binding } = loadState(state);
  try {
    const stop = syncToYjs(editor, binding);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    try {
      edit(editor, doc);
    } finally {
      stop();
    }
    return { update: updates.length === 0 ? null : updates.length === 1 ? updates[0] : Y.mergeUpdates(updates), clientId: doc.clientID };
  } finally {
    doc.destroy();
  }
}
