// Inline, non-modal dialog for adding, changing or removing a link. Enter applies, Escape cancels;
// either way the caller returns focus to where the person was. Refused addresses are explained, not stored.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { GcdsButton } from '@gcds-core/components-react';
import type { Translate } from '../../../shared/i18n/index.js';
import { isAllowedHref } from '../../../shared/linkPolicy.js';

interface LinkDialogProps {
  t: Translate;
  /** The address of the link at the caret, when there is one. */
  currentUrl: string | null;
  onApply: (url: string) => void;
  onRemove: () => void;
  onClose: () => void;
}

export function LinkDialog({ t, currentUrl, onApply, onRemove, onClose }: LinkDialogProps) {
  const [url, setUrl] = useState(currentUrl ?? 'https://');
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const headingId = `${baseId}-heading`;
  const inputId = `${baseId}-url`;
  const errorId = `${baseId}-error`;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const apply = () => {
    const value = url.trim();
    if (!isAllowedHref(value)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    onApply(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="ens-link-dialog" role="dialog" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <h2 id={headingId} className="ens-link-dialog__heading">
        {currentUrl ? t('editor.linkEditTitle') : t('editor.linkAddTitle')}
      </h2>
      <label htmlFor={inputId} className="ens-label">
        {t('editor.linkPrompt')}
      </label>
      {invalid && (
        <p id={errorId} className="field-error">
          {t('editor.linkInvalid')}
        </p>
      )}
      <input
        ref={input}
        id={inputId}
        className="ens-input"
        type="text"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        value={url}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(event) => {
          setUrl(event.target.value);
          if (invalid && isAllowedHref(event.target.value)) setInvalid(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            apply();
          }
        }}
      />
      <div className="ens-link-dialog__actions">
        <GcdsButton type="button" size="small" onGcdsClick={apply}>
          {t('editor.linkApply')}
        </GcdsButton>
        {currentUrl && (
          <GcdsButton type="button" size="small" buttonRole="secondary" onGcdsClick={onRemove}>
            {t('editor.linkRemove')}
          </GcdsButton>
        )}
        <GcdsButton type="button" size="small" buttonRole="secondary" onGcdsClick={onClose}>
          {t('editor.linkCancel')}
        </GcdsButton>
      </div>
    </div>
  );
}
