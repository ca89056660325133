// The formatting toolbar: one Tab stop (roving tabindex), arrows/Home/End inside, Escape back to the text.
// Native buttons, because they keep focus handling predictable; GCDS supplies the colours and focus ring.
import { useCallback, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { LexicalEditor } from 'lexical';
import type { Translate } from '../../../shared/i18n/index.js';
import * as actions from './editorActions.js';
import { ariaKeyShortcut, withShortcut, type ShortcutAction } from './shortcuts.js';
import { useToolbarState } from './useToolbarState.js';
import * as icons from './icons.js';

interface ToolbarProps {
  editor: LexicalEditor;
  t: Translate;
  id: string;
  bodyId: string;
  linkOpen: boolean;
  onOpenLink: () => void;
  onReturnToText: () => void;
}

interface ButtonSpec {
  key: string;
  label: string;
  shortcut?: ShortcutAction;
  icon: ReactNode;
  run: () => void;
  pressed?: boolean;
  disabled?: boolean;
  popup?: boolean;
}

const ITEM_SELECTOR = '[data-toolbar-item]';

export function Toolbar({ editor, t, id, bodyId, linkOpen, onOpenLink, onReturnToText }: ToolbarProps) {
  const { format, canUndo, canRedo, editable } = useToolbarState(editor);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLDivElement>(null);

  const items = () => Array.from(ref.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? []);

  const focusItem = useCallback((index: number) => {
    const list = Array.from(ref.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? []);
    if (list.length === 0) return;
    const next = (index + list.length) % list.length;
    setActive(next);
    list[next].focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = items().indexOf(document.activeElement as HTMLElement);
    if (current < 0) return;
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: -1 };
    if (event.key in moves) {
      // Also stops a closed <select> changing value on Left/Right, so arrows always mean "move".
      event.preventDefault();
      focusItem(moves[event.key]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onReturnToText();
    }
  };

  const isTextStyle = ['paragraph', 'h1', 'h2', 'h3'].includes(format.blockType);
  const blockOptions = [
    { value: 'paragraph', label: t('editor.paragraph') },
    { value: 'h1', label: t('editor.heading1') },
    { value: 'h2', label: t('editor.heading2') },
    { value: 'h3', label: t('editor.heading3') },
  ];
  // In a list, quote or code block the select names that block instead of wrongly claiming "Normal text".
  const otherBlockLabel: Partial<Record<actions.BlockType, string>> = {
    bullet: t('editor.bulletList'),
    number: t('editor.numberedList'),
    quote: t('editor.quote'),
    code: t('editor.codeBlock'),
  };
  if (!isTextStyle) {
    blockOptions.push({ value: 'other', label: otherBlockLabel[format.blockType] ?? t('editor.blockOther') });
  }

  const locked = !editable;
  const groups: ButtonSpec[][] = [
    [
      { key: 'bold', label: t('editor.bold'), shortcut: 'bold', icon: <icons.BoldIcon />, run: () => actions.toggleBold(editor), pressed: format.bold },
      { key: 'italic', label: t('editor.italic'), shortcut: 'italic', icon: <icons.ItalicIcon />, run: () => actions.toggleItalic(editor), pressed: format.italic },
    ],
    [
      { key: 'bullet', label: t('editor.bulletList'), shortcut: 'bulletList', icon: <icons.BulletListIcon />, run: () => actions.toggleList(editor, 'bullet'), pressed: format.blockType === 'bullet' },
      { key: 'number', label: t('editor.numberedList'), shortcut: 'numberedList', icon: <icons.NumberedListIcon />, run: () => actions.toggleList(editor, 'number'), pressed: format.blockType === 'number' },
      { key: 'quote', label: t('editor.quote'), shortcut: 'quote', icon: <icons.QuoteIcon />, run: () => actions.toggleQuote(editor), pressed: format.blockType === 'quote' },
      { key: 'code', label: t('editor.codeBlock'), shortcut: 'codeBlock', icon: <icons.CodeIcon />, run: () => actions.toggleCodeBlock(editor), pressed: format.blockType === 'code' },
    ],
    [
      { key: 'link', label: t('editor.link'), shortcut: 'link', icon: <icons.LinkIcon />, run: onOpenLink, popup: true },
      { key: 'table', label: t('editor.table'), icon: <icons.TableIcon />, run: () => actions.insertTable(editor) },
    ],
    [
      { key: 'undo', label: t('editor.undo'), shortcut: 'undo', icon: <icons.UndoIcon />, run: () => actions.undo(editor), disabled: !canUndo },
      { key: 'redo', label: t('editor.redo'), shortcut: 'redo', icon: <icons.RedoIcon />, run: () => actions.redo(editor), disabled: !canRedo },
    ],
  ];

  let index = 1; // 0 is the text-style select
  const renderButton = (spec: ButtonSpec) => {
    const myIndex = index++;
    const disabled = locked || spec.disabled === true;
    const onClick = (event: MouseEvent<HTMLButtonElement>) => {
      if (disabled) return;
      spec.run();
      // A pointer click returns to the text; keyboard activation (detail 0) stays in the toolbar.
      if (event.detail > 0 && !spec.popup) editor.focus();
    };
    return (
      <button
        key={spec.key}
        type="button"
        className="ens-toolbar__button"
        data-toolbar-item=""
        tabIndex={active === myIndex ? 0 : -1}
        aria-label={spec.label}
        title={spec.shortcut ? withShortcut(spec.label, spec.shortcut, t) : spec.label}
        aria-keyshortcuts={spec.shortcut ? ariaKeyShortcut(spec.shortcut) : undefined}
        aria-pressed={spec.pressed}
        aria-disabled={disabled || undefined}
        aria-haspopup={spec.popup ? 'dialog' : undefined}
        aria-expanded={spec.popup ? linkOpen : undefined}
        // Keeps the caret in the text for pointer users; keyboard focus is unaffected.
        onMouseDown={(event) => event.preventDefault()}
        onFocus={() => setActive(myIndex)}
        onClick={onClick}
      >
        {spec.icon}
      </button>
    );
  };

  return (
    <div
      ref={ref}
      id={id}
      className="ens-toolbar"
      role="toolbar"
      aria-label={t('editor.toolbar')}
      aria-controls={bodyId}
      onKeyDown={onKeyDown}
    >
      <select
        className="ens-toolbar__select"
        data-toolbar-item=""
        tabIndex={active === 0 ? 0 : -1}
        aria-label={t('editor.blockType')}
        title={t('editor.blockType')}
        value={isTextStyle ? format.blockType : 'other'}
        aria-disabled={locked || undefined}
        onFocus={() => setActive(0)}
        onChange={(event) => {
          const value = event.target.value;
          if (!locked && value !== 'other') actions.applyBlockType(editor, value as 'paragraph' | actions.HeadingLevel);
        }}
      >
        {blockOptions.map((option) => (
          <option key={option.value} value={option.value} disabled={option.value === 'other'}>
            {option.label}
          </option>
        ))}
      </select>
      {groups.map((group, i) => (
        <div className="ens-toolbar__group" key={i}>
          {group.map(renderButton)}
        </div>
      ))}
    </div>
  );
}
