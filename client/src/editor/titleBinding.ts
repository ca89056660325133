// Pure helpers that bind a plain <input> to a Y.Text: the smallest edit for a local change, and where the
// caret goes after a remote one. Minimal edits matter: replacing the whole string would erase what a
// co-editor typed into the title at the same moment.

export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

/** The single splice turning `before` into `after`, found by trimming the common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { index: start, deleteCount: endBefore - start, insert: after.slice(start, endAfter) };
}

/** One operation of a Y.Text event delta. */
export type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

/**
 * Moves a caret index through a remote change. Text inserted exactly at the caret goes after it
 * (`insertAtCaretMoves` false), so a co-editor typing at the same spot does not drag the caret along.
 */
export function transformIndex(caret: number, delta: readonly DeltaOp[], insertAtCaretMoves = false): number {
  // Delta positions count characters of the text before the change.
  let oldPos = 0;
  let result = caret;
  for (const op of delta) {
    if (oldPos > caret) break;
    if (op.retain !== undefined) {
      oldPos += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldPos < caret || (oldPos === caret && insertAtCaretMoves)) result += length;
    } else if (op.delete !== undefined) {
      result -= Math.min(op.delete, Math.max(0, caret - oldPos));
      oldPos += op.delete;
    }
  }
  return Math.max(0, result);
}
