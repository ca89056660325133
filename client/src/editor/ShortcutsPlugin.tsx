// Keyboard shortcuts in the body, run before Lexical's own key handling so Ctrl+Alt+digit never types.
// Tab indents only inside lists (tables handle it themselves); elsewhere it leaves the editor, so the
// body is never a keyboard trap.
import { useEffect } from 'react';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_HIGH,
  INDENT_CONTENT_COMMAND,
  KEY_DOWN_COMMAND,
  KEY_TAB_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  mergeRegister,
} from 'lexical';
import { $isListItemNode } from '@lexical/list';
import { $findMatchingParent } from '@lexical/utils';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { customShortcuts, findShortcut, type ShortcutAction } from './shortcuts.js';
import { setHeading, setParagraph, toggleCodeBlock, toggleList, toggleQuote } from './editorActions.js';

interface Props {
  onOpenLink: () => void;
  onFocusToolbar: () => void;
}

export function ShortcutsPlugin({ onOpenLink, onFocusToolbar }: Props) {
  const [editor] = useLexicalComposerContext();

  useEffect(() => {
    const run: Record<Exclude<ShortcutAction, 'bold' | 'italic' | 'undo' | 'redo'>, () => void> = {
      link: onOpenLink,
      toolbar: onFocusToolbar,
      paragraph: () => setParagraph(editor),
      h1: () => setHeading(editor, 'h1'),
      h2: () => setHeading(editor, 'h2'),
      h3: () => setHeading(editor, 'h3'),
      numberedList: () => toggleList(editor, 'number'),
      bulletList: () => toggleList(editor, 'bullet'),
      quote: () => toggleQuote(editor),
      codeBlock: () => toggleCodeBlock(editor),
    };
    const onKeyDown = editor.registerCommand(
      KEY_DOWN_COMMAND,
      (event) => {
        const action = findShortcut(event, customShortcuts);
        if (action === null || !(action in run)) return false;
        // Moving focus is fine in a read-only editor; changing the page is not.
        if (action !== 'toolbar' && !editor.isEditable()) return false;
        event.preventDefault();
        run[action as keyof typeof run]();
        return true;
      },
      COMMAND_PRIORITY_HIGH,
    );
    const onTab = editor.registerCommand(
      KEY_TAB_COMMAND,
      (event) => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) return false;
        const inListItem = $findMatchingParent(selection.anchor.getNode(), $isListItemNode) !== null;
        if (!inListItem) return false;
        event.preventDefault();
        return editor.dispatchCommand(event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND, undefined);
      },
      COMMAND_PRIORITY_EDITOR,
    );
    return mergeRegister(onKeyDown, onTab);
  }, [editor, onOpenLink, onFocusToolbar]);

  return null;
}
