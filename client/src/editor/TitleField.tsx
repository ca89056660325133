// The page title, edited in place and live: a native input bound two-way to the Y.Text `title` (boundText.ts).
import type { Doc } from 'yjs';
import type { Translate } from '../../../shared/i18n/index.js';
import { TITLE_TEXT } from '../../../shared/collabProtocol.js';
import { useBoundText } from './boundText.js';

interface TitleFieldProps {
  t: Translate;
  doc: Doc | null;
  /** False until the doc holds the page (see whenDocReady); typing earlier would duplicate the title. */
  ready: boolean;
  readOnly: boolean;
  initialTitle: string;
  onTitleChange: (title: string) => void;
}

export function TitleField({ t, doc, ready, readOnly, initialTitle, onTitleChange }: TitleFieldProps) {
  const live = doc !== null && ready;
  const bound = useBoundText({ doc, name: TITLE_TEXT, live, onValue: onTitleChange });

  return (
    <div className="ens-title">
      <label className="ens-label" htmlFor="ensemble-title">
        {t('editor.titleLabel')}
      </label>
      <input
        {...bound}
        id="ensemble-title"
        className="ens-input ens-title__input"
        type="text"
        defaultValue={initialTitle}
        readOnly={!live || readOnly}
        aria-readonly={!live || readOnly || undefined}
        autoComplete="off"
      />
    </div>
  );
}
