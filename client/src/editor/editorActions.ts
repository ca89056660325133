// Formatting actions shared by the toolbar and the keyboard shortcuts, and the selection state they reflect.
// Each action is a single editor update, i.e. one Yjs transaction that the shared undo history can revert.
import {
  $createParagraphNode,
  $createRangeSelectionFromDom,
  $createTextNode,
  $getNodeByKey,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $setSelection,
  FORMAT_TEXT_COMMAND,
  getDOMSelection,
  REDO_COMMAND,
  UNDO_COMMAND,
  type BaseSelection,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { $setBlocksType } from '@lexical/selection';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $createCodeNode, $isCodeNode } from '@lexical/code';
import {
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  REMOVE_LIST_COMMAND,
  ListNode,
} from '@lexical/list';
import { $createLinkNode, $isAutoLinkNode, $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { INSERT_TABLE_COMMAND } from '@lexical/table';
import { $findMatchingParent, $getNearestNodeOfType } from '@lexical/utils';
import { isAllowedHref } from '../../../shared/linkPolicy.js';

export type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'bullet' | 'number' | 'quote' | 'code' | 'other';
export type HeadingLevel = 'h1' | 'h2' | 'h3';

export interface SelectionFormat {
  blockType: BlockType;
  bold: boolean;
  italic: boolean;
  /** The URL of the link the caret is in, or null. */
  link: string | null;
}

export const emptyFormat: SelectionFormat = { blockType: 'paragraph', bold: false, italic: false, link: null };

function $nearestBlock(node: LexicalNode): LexicalNode | null {
  if ($isElementNode(node) && !node.isInline()) return node;
  return $findMatchingParent(node, (n) => $isElementNode(n) && !n.isInline());
}

/** Call inside editor.read() or an update listener's editorState.read(). */
export function $readSelectionFormat(): SelectionFormat {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return emptyFormat;
  const anchor = selection.anchor.getNode();
  const list = $getNearestNodeOfType(anchor, ListNode);
  const block = $nearestBlock(anchor);
  let blockType: BlockType = 'other';
  if (list) blockType = list.getListType() === 'number' ? 'number' : 'bullet';
  else if ($isHeadingNode(block)) {
    const tag = block.getTag();
    blockType = tag === 'h1' || tag === 'h2' || tag === 'h3' ? tag : 'other';
  } else if ($isQuoteNode(block)) blockType = 'quote';
  else if ($isCodeNode(block)) blockType = 'code';
  else if (block && block.getType() === 'paragraph') blockType = 'paragraph';
  const link = $findMatchingParent(anchor, (n) => $isLinkNode(n) && !$isAutoLinkNode(n));
  return {
    blockType,
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    link: $isLinkNode(link) ? link.getURL() : null,
  };
}

/**
 * Lexical learns of caret moves from the asynchronous selectionchange event, so an action fired right after
 * Shift+Arrow can see the old caret. When the browser's selection is in this editor, it is the truth.
 */
function $syncSelectionFromDom(editor: LexicalEditor): void {
  const root = editor.getRootElement();
  const dom = getDOMSelection(root?.ownerDocument.defaultView ?? null);
  if (!root || !dom?.anchorNode || !dom.focusNode) return;
  if (!root.contains(dom.anchorNode) || !root.contains(dom.focusNode)) return;
  const fresh = $createRangeSelectionFromDom(dom, editor);
  if (fresh) $setSelection(fresh);
}

/** Runs a block change on the selection the person sees. */
function updateBlocks(editor: LexicalEditor, create: () => ElementNode): void {
  editor.update(() => {
    $syncSelectionFromDom(editor);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) $setBlocksType(selection, create);
  });
}

function currentBlockType(editor: LexicalEditor): BlockType {
  return editor.getEditorState().read(() => $readSelectionFormat().blockType);
}

export function setParagraph(editor: LexicalEditor): void {
  updateBlocks(editor, () => $createParagraphNode());
}

export function setHeading(editor: LexicalEditor, level: HeadingLevel): void {
  if (currentBlockType(editor) === level) return;
  updateBlocks(editor, () => $createHeadingNode(level));
}

/** Lists, quote and code block toggle: applying one to a block that already has it returns it to normal text. */
export function toggleList(editor: LexicalEditor, kind: 'bullet' | 'number'): void {
  if (currentBlockType(editor) === kind) {
    editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
  } else {
    editor.dispatchCommand(kind === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
  }
}

export function toggleQuote(editor: LexicalEditor): void {
  if (currentBlockType(editor) === 'quote') return setParagraph(editor);
  updateBlocks(editor, () => $createQuoteNode());
}

export function toggleCodeBlock(editor: LexicalEditor): void {
  if (currentBlockType(editor) === 'code') return setParagraph(editor);
  updateBlocks(editor, () => $createCodeNode());
}

export function applyBlockType(editor: LexicalEditor, type: 'paragraph' | HeadingLevel): void {
  if (type === 'paragraph') setParagraph(editor);
  else setHeading(editor, type);
}

export function toggleBold(editor: LexicalEditor): void {
  editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold');
}

export function toggleItalic(editor: LexicalEditor): void {
  editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic');
}

export function insertTable(editor: LexicalEditor): void {
  editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: '3', columns: '3', includeHeaders: { rows: true, columns: false } });
}

export function undo(editor: LexicalEditor): void {
  editor.dispatchCommand(UNDO_COMMAND, undefined);
}

export function redo(editor: LexicalEditor): void {
  editor.dispatchCommand(REDO_COMMAND, undefined);
}

/** Remembers the selection while focus is in the link dialog, so the link lands where the person was. */
export function captureSelection(editor: LexicalEditor): BaseSelection | null {
  let captured: BaseSelection | null = null;
  editor.update(
    () => {
      $syncSelectionFromDom(editor);
      captured = $getSelection()?.clone() ?? null;
    },
    { discrete: true },
  );
  return captured;
}

function $restoreSelection(saved: BaseSelection | null): void {
  if (!$isRangeSelection(saved)) return;
  // A co-editor may have deleted the text in the meantime; then the current selection is used.
  if (!$getNodeByKey(saved.anchor.key) || !$getNodeByKey(saved.focus.key)) return;
  $setSelection(saved.clone());
}

/**
 * Links the selected text; with nothing selected, updates the link at the caret or inserts the address as
 * its own text. Returns false, changing nothing, when the address is not allowed.
 */
export function applyLink(editor: LexicalEditor, saved: BaseSelection | null, rawUrl: string): boolean {
  const url = rawUrl.trim();
  if (!isAllowedHref(url)) return false;
  editor.update(() => {
    $restoreSelection(saved);
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (!selection.isCollapsed()) {
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
      return;
    }
    const existing = $findMatchingParent(selection.anchor.getNode(), (n) => $isLinkNode(n) && !$isAutoLinkNode(n));
    if ($isLinkNode(existing)) {
      existing.setURL(url);
      return;
    }
    const link = $createLinkNode(url);
    link.append($createTextNode(url));
    selection.insertNodes([link]);
  });
  return true;
}

export function removeLink(editor: LexicalEditor, saved: BaseSelection | null): void {
  editor.update(() => {
    $restoreSelection(saved);
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
  });
}
