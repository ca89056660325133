// A native <input> bound two-way to a top-level Y.Text, for the title and the catalogue entry's text fields.
// The input stays uncontrolled so remote edits are applied without React moving the caret: local typing
// becomes the smallest splice (so a co-editor's simultaneous typing survives), and a remote change moves the
// caret through the change (titleBinding.ts). An IME composition owns the value until it ends.
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type * as Y from 'yjs';
import { minimalEdit, transformIndex, type DeltaOp } from './titleBinding.js';

export interface BoundTextOptions {
  doc: Y.Doc | null;
  /** Name of the top-level Y.Text. */
  name: string;
  /** False until the doc holds the page (see whenDocReady): typing earlier would duplicate the text. */
  live: boolean;
  /** Called with the text whenever it changes, locally or remotely, and once when binding starts. */
  onValue?: (value: string) => void;
}

/** The props to spread on the <input>: its ref and the events that push local edits. */
export interface BoundTextProps {
  ref: RefObject<HTMLInputElement | null>;
  onInput: () => void;
  onCompositionStart: () => void;
  onCompositionEnd: () => void;
}

export function useBoundText({ doc, name, live, onValue }: BoundTextOptions): BoundTextProps {
  const ref = useRef<HTMLInputElement>(null);
  const composing = useRef(false);
  // Each binding marks its own transactions, so its observer skips them but another input on the same
  // text (another binding) still follows.
  const origin = useMemo(() => Symbol(`ensemble-bound-text:${name}`), [name]);
  const onValueRef = useRef(onValue);
  onValueRef.current = onValue;

  useEffect(() => {
    const el = ref.current;
    if (!live || !el || !doc) return;
    const text = doc.getText(name);
    el.value = text.toString();
    onValueRef.current?.(el.value);

    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      const value = text.toString();
      onValueRef.current?.(value);
      if (transaction.origin === origin || el.value === value) return;
      // compositionend resynchronises.
      if (composing.current) return;
      const focused = document.activeElement === el;
      const delta = event.delta as DeltaOp[];
      const start = focused ? transformIndex(el.selectionStart ?? 0, delta) : 0;
      const end = focused ? transformIndex(el.selectionEnd ?? 0, delta) : 0;
      el.value = value;
      if (focused) el.setSelectionRange(start, end);
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [doc, name, live, origin]);

  return useMemo(() => {
    const push = () => {
      const el = ref.current;
      if (!el || !doc || !live) return;
      const text = doc.getText(name);
      const edit = minimalEdit(text.toString(), el.value);
      if (!edit) return;
      doc.transact(() => {
        if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
        if (edit.insert) text.insert(edit.index, edit.insert);
      }, origin);
    };
    return {
      ref,
      onInput: () => {
        if (!composing.current) push();
      },
      onCompositionStart: () => {
        composing.current = true;
      },
      onCompositionEnd: () => {
        composing.current = false;
        push();
        const el = ref.current;
        if (el && doc && live && el.value !== doc.getText(name).toString()) el.value = doc.getText(name).toString();
      },
    };
  }, [doc, name, live, origin]);
}
