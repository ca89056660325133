// What the toolbar reflects: the format at the caret, whether undo/redo can run, and whether editing is on.
import { useEffect, useState } from 'react';
import { CAN_REDO_COMMAND, CAN_UNDO_COMMAND, COMMAND_PRIORITY_CRITICAL, mergeRegister, type LexicalEditor } from 'lexical';
import { $readSelectionFormat, emptyFormat, type SelectionFormat } from './editorActions.js';

export interface ToolbarState {
  format: SelectionFormat;
  canUndo: boolean;
  canRedo: boolean;
  editable: boolean;
}

function sameFormat(a: SelectionFormat, b: SelectionFormat): boolean {
  return a.blockType === b.blockType && a.bold === b.bold && a.italic === b.italic && a.link === b.link;
}

export function useToolbarState(editor: LexicalEditor): ToolbarState {
  const [format, setFormat] = useState<SelectionFormat>(emptyFormat);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [editable, setEditable] = useState(() => editor.isEditable());

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read($readSelectionFormat);
          setFormat((prev) => (sameFormat(prev, next) ? prev : next));
        }),
        editor.registerEditableListener(setEditable),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (payload) => {
            setCanUndo(payload);
            return false;
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (payload) => {
            setCanRedo(payload);
            return false;
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
      ),
    [editor],
  );

  return { format, canUndo, canRedo, editable };
}
