// The page title, edited in place and live: a native input bound two-way to the Y.Text `title`.
// The input stays uncontrolled so remote edits can be applied without React moving the caret.
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { Translate } from '../../../shared/i18n/index.js';
import { TITLE_TEXT } from '../../../shared/collabProtocol.js';
import { minimalEdit, transformIndex, type DeltaOp } from './titleBinding.js';

/** Marks our own transactions so the observer does not write them back into the input. */
const LOCAL_TITLE_ORIGIN = Symbol('ensemble-title-input');

interface TitleFieldProps {
  t: Translate;
  doc: Y.Doc | null;
  /** False until the doc holds the page (see whenDocReady); typing earlier would duplicate the title. */
  ready: boolean;
  readOnly: boolean;
  initialTitle: string;
  onTitleChange: (title: string) => void;
}

export function TitleField({ t, doc, ready, readOnly, initialTitle, onTitleChange }: TitleFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const composing = useRef(false);
  const live = doc !== null && ready;

  useEffect(() => {
    const el = input.current;
    if (!live || !el || !doc) return;
    const text = doc.getText(TITLE_TEXT);
    el.value = text.toString();
    onTitleChange(el.value);

    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      const value = text.toString();
      onTitleChange(value);
      if (transaction.origin === LOCAL_TITLE_ORIGIN || el.value === value) return;
      // An IME composition owns the input's value until it ends; compositionend resynchronises.
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
  }, [doc, live, onTitleChange]);

  const push = () => {
    const el = input.current;
    if (!el || !doc || !live) return;
    const text = doc.getText(TITLE_TEXT);
    const edit = minimalEdit(text.toString(), el.value);
    if (!edit) return;
    doc.transact(() => {
      if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
      if (edit.insert) text.insert(edit.index, edit.insert);
    }, LOCAL_TITLE_ORIGIN);
  };

  return (
    <div className="ens-title">
      <label className="ens-label" htmlFor="ensemble-title">
        {t('editor.titleLabel')}
      </label>
      <input
        ref={input}
        id="ensemble-title"
        className="ens-input ens-title__input"
        type="text"
        defaultValue={initialTitle}
        readOnly={!live || readOnly}
        aria-readonly={!live || readOnly || undefined}
        autoComplete="off"
        onInput={() => {
          if (!composing.current) push();
        }}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
          push();
          const el = input.current;
          if (el && doc && el.value !== doc.getText(TITLE_TEXT).toString()) el.value = doc.getText(TITLE_TEXT).toString();
        }}
      />
    </div>
  );
}
