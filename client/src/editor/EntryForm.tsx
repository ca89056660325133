// The catalogue entry's fields, edited in a form beside the body (below the title on narrow screens), live:
// - free-text fields are bound character by character to their Y.Texts `entry.<field>`, like the title, so
//   co-editors typing in the same field merge; a bad value stays in the text (it is the shared draft) and the
//   field says what is wrong; the server leaves it out of the catalogue until it is corrected;
// - choice fields write plain values into the Y.Map `entry` on change, and only values that pass
//   validateEntryField: a refused value is never written, and the field says why.
// Remote changes show as they arrive. Tab order: title, these fields in catalogue order, then toolbar and body
// (the DOM order, which is also the reading order on narrow screens where the form sits under the title).
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import {
  COUNTRIES,
  ENTRY_FIELD_NAMES,
  KINDS,
  LANGUAGES,
  LEVELS,
  STATUSES,
  TEXT_FIELDS,
  type ChoiceField,
  type EntryFieldName,
  type EntryProblem,
  type TextField,
} from '../../../shared/catalogue/fields.js';
import { entryTextName, validateEntryField } from '../../../shared/catalogue/entryDoc.js';
import { countryName, fieldLabel, kindName, languageName, levelName, problemMessage, statusName } from '../../../shared/catalogue/labels.js';
import type { Locale, MessageKey, Translate } from '../../../shared/i18n/index.js';
import { useBoundText } from './boundText.js';
import { writeChoice, type EntryChoices } from './entryState.js';
import './entryForm.css';

interface EntryFormProps {
  t: Translate;
  locale: Locale;
  doc: Y.Doc;
  choices: EntryChoices;
  /** The doc holds the page (see whenDocReady). */
  live: boolean;
  readOnly: boolean;
}

const isTextField = (field: EntryFieldName): field is TextField => (TEXT_FIELDS as readonly string[]).includes(field);

/** Ids of a field's parts, for labels, aria-describedby and the problem summary's links. */
function fieldIds(base: string, field: EntryFieldName) {
  return { control: `${base}-${field}`, hint: `${base}-${field}-hint`, error: `${base}-${field}-error` };
}

export function EntryForm({ t, locale, doc, choices, live, readOnly }: EntryFormProps) {
  const base = `ens-entry${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const headingId = `${base}-heading`;
  const disabled = readOnly || !live;
  const [textProblems, setTextProblems] = useState<Partial<Record<TextField, EntryProblem>>>({});
  /** Values typed but refused (a year out of range): kept in the field, never written. */
  const [refused, setRefused] = useState<Partial<Record<ChoiceField, EntryProblem>>>({});
  const [announcement, setAnnouncement] = useState('');

  const onTextProblem = useCallback((field: TextField, problem: EntryProblem | null) => {
    setTextProblems((current) => {
      if ((current[field]?.code ?? null) === (problem?.code ?? null) && JSON.stringify(current[field]?.params) === JSON.stringify(problem?.params)) return current;
      const next = { ...current };
      if (problem) next[field] = problem;
      else delete next[field];
      return next;
    });
  }, []);

  /** Validates a choice and writes it, or keeps it out of the doc and says why. */
  const commitChoice = useCallback(
    (field: ChoiceField, value: unknown): boolean => {
      const result = validateEntryField(field, value);
      if (result.problem) {
        setRefused((current) => ({ ...current, [field]: result.problem }));
        setAnnouncement(t('entryForm.notSaved', { field: fieldLabel(t, field), message: problemMessage(t, result.problem) }));
        return false;
      }
      setRefused((current) => {
        if (!current[field]) return current;
        const next = { ...current };
        delete next[field];
        return next;
      });
      setAnnouncement('');
      // Re-choosing the stored value (leaving the year field unchanged) writes nothing.
      if (JSON.stringify(choices[field] ?? null) !== JSON.stringify(result.value)) writeChoice(doc, field, result.value as never);
      return true;
    },
    [doc, t, choices],
  );

  /** The problem shown under each field: a refused choice, a bad value in the doc, or a bad text. */
  const problems = useMemo(() => {
    const out: Partial<Record<EntryFieldName, EntryProblem>> = {};
    for (const field of ENTRY_FIELD_NAMES) {
      if (isTextField(field)) {
        if (textProblems[field]) out[field] = textProblems[field];
        continue;
      }
      const stored = choices[field];
      const docProblem = stored === undefined || stored === null ? undefined : validateEntryField(field, stored).problem;
      const problem = refused[field] ?? docProblem;
      if (problem) out[field] = problem;
    }
    return out;
  }, [choices, refused, textProblems]);

  const describe = (field: EntryFieldName) => {
    const ids = fieldIds(base, field);
    return {
      hintId: ids.hint,
      errorId: ids.error,
      describedBy: problems[field] ? `${ids.hint} ${ids.error}` : ids.hint,
      invalid: problems[field] ? (true as const) : undefined,
    };
  };

  const problemList = ENTRY_FIELD_NAMES.filter((field) => problems[field]);

  return (
    <aside className="ens-entry" aria-labelledby={headingId}>
      <h2 id={headingId} className="ens-entry__heading">
        {t('entryForm.heading')}
      </h2>
      <p className="field-hint">{readOnly ? t('entryForm.readOnly') : t('entryForm.intro')}</p>
      {problemList.length > 0 && (
        <div className="ens-entry__summary" aria-labelledby={`${base}-summary`}>
          <h3 id={`${base}-summary`} className="ens-entry__summary-heading">
            {t('entryForm.summaryHeading')}
          </h3>
          <ul>
            {problemList.map((field) => (
              <li key={field}>
                <a
                  href={`#${fieldIds(base, field).control}`}
                  onClick={(event) => {
                    // A fragment link scrolls but does not always move focus; people expect to land in the field.
                    const target = document.getElementById(fieldIds(base, field).control);
                    if (!target) return;
                    event.preventDefault();
                    target.focus();
                    target.scrollIntoView({ block: 'center' });
                  }}
                >
                  {t('entryForm.summaryItem', { field: fieldLabel(t, field), message: problemMessage(t, problems[field]!) })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {ENTRY_FIELD_NAMES.map((field) => {
        const ids = fieldIds(base, field);
        const d = describe(field);
        const problem = problems[field];
        const common = { field, t, id: ids.control, disabled, ...d, problem };
        if (isTextField(field)) {
          return <EntryTextInput key={field} {...common} field={field} doc={doc} live={live} onProblem={onTextProblem} />;
        }
        switch (field) {
          case 'year':
            return <YearInput key={field} {...common} stored={choices.year} onCommit={(value) => commitChoice('year', value)} />;
          case 'languages':
            return <LanguagesInput key={field} {...common} locale={locale} stored={choices.languages} onCommit={(value) => commitChoice('languages', value)} />;
          default:
            return (
              <ChoiceSelect key={field} {...common} field={field} locale={locale} stored={choices[field]} onCommit={(value) => commitChoice(field, value)} />
            );
        }
      })}
    </aside>
  );
}

interface FieldProps {
  t: Translate;
  id: string;
  disabled: boolean;
  hintId: string;
  errorId: string;
  describedBy: string;
  invalid: true | undefined;
  problem: EntryProblem | undefined;
}

/** Label, hint and message around a control, as the site's forms lay them out. */
function FieldFrame(props: FieldProps & { field: EntryFieldName; note?: string; children: ReactNode }) {
  const { t, field, problem } = props;
  return (
    <div className="form-field ens-entry__field">
      <label htmlFor={props.id}>{fieldLabel(t, field)}</label>
      <p id={props.hintId} className="field-hint">
        {t(`catalogue.hint.${field}` satisfies MessageKey)}
      </p>
      {problem && (
        <p id={props.errorId} className="field-error">
          {problemMessage(t, problem)}
          {props.note ? ` ${props.note}` : ''}
        </p>
      )}
      {props.children}
    </div>
  );
}

function EntryTextInput(props: FieldProps & { field: TextField; doc: Y.Doc; live: boolean; onProblem: (field: TextField, problem: EntryProblem | null) => void }) {
  const { field, onProblem } = props;
  const onValue = useCallback((value: string) => onProblem(field, validateEntryField(field, value).problem ?? null), [field, onProblem]);
  const bound = useBoundText({ doc: props.doc, name: entryTextName(field), live: props.live, onValue });
  return (
    <FieldFrame {...props} note={props.t('entryForm.notShown')}>
      <input
        {...bound}
        id={props.id}
        type={field === 'website' ? 'url' : 'text'}
        className="ens-entry__input"
        autoComplete="off"
        spellCheck={field === 'website' ? false : undefined}
        disabled={props.disabled}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
      />
    </FieldFrame>
  );
}

type SelectField = 'country' | 'level' | 'kind' | 'status';

function ChoiceSelect(props: FieldProps & { field: SelectField; locale: Locale; stored: unknown; onCommit: (value: string) => void }) {
  const { t, field, locale, stored } = props;
  const options = useMemo(() => selectOptions(t, locale, field), [t, locale, field]);
  // A value the list does not hold (written by a script) shows as "not specified", with its problem beneath.
  const value = typeof stored === 'string' && options.some((o) => o.value === stored) ? stored : '';
  return (
    <FieldFrame {...props}>
      <select
        id={props.id}
        className="ens-entry__select"
        value={value}
        disabled={props.disabled}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        onChange={(event) => props.onCommit(event.target.value)}
      >
        <option value="">{t('entryForm.none')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

function selectOptions(t: Translate, locale: Locale, field: SelectField): { value: string; label: string }[] {
  switch (field) {
    case 'country':
      // Every country by its name in the interface language, in that language's alphabetical order.
      return COUNTRIES.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale));
    case 'level':
      return LEVELS.map((value) => ({ value, label: levelName(t, value) }));
    case 'kind':
      return KINDS.map((value) => ({ value, label: kindName(t, value) }));
    case 'status':
      return STATUSES.map((value) => ({ value, label: statusName(t, value) }));
  }
}

/**
 * The year as typed, committed when the person leaves the field or presses Enter (not at every digit, which
 * would write 2, 20, 200 on the way to 2008). A refused draft stays in the field; otherwise the field
 * follows the doc.
 */
function YearInput(props: FieldProps & { stored: unknown; onCommit: (value: string) => boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const storedText = typeof props.stored === 'number' && Number.isInteger(props.stored) ? String(props.stored) : '';
  const commit = () => {
    if (draft !== null && props.onCommit(draft.trim())) setDraft(null);
  };
  return (
    <FieldFrame {...props} field="year">
      <input
        id={props.id}
        type="text"
        inputMode="numeric"
        className="ens-entry__input ens-entry__input--year"
        autoComplete="off"
        maxLength={6}
        value={draft ?? storedText}
        disabled={props.disabled}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }}
      />
    </FieldFrame>
  );
}

/**
 * Languages as checkboxes in a disclosure: forty of them would otherwise fill the panel. The summary names
 * what is chosen, so the choice reads without opening it.
 */
function LanguagesInput(props: FieldProps & { locale: Locale; stored: unknown; onCommit: (value: string[]) => boolean }) {
  const { t, locale, stored } = props;
  const options = useMemo(
    () => LANGUAGES.map((code) => ({ code, label: languageName(code, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale)),
    [locale],
  );
  const known = new Set(LANGUAGES);
  const chosen = Array.isArray(stored) ? stored.filter((code): code is string => typeof code === 'string' && known.has(code)) : [];
  const chosenNames = options.filter((o) => chosen.includes(o.code)).map((o) => o.label);
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...chosen, code] : chosen.filter((c) => c !== code);
    // Kept in the list's order, so two people ticking the same boxes write the same value.
    props.onCommit(LANGUAGES.filter((c) => next.includes(c)));
  };
  return (
    <fieldset className="form-field ens-entry__field ens-entry__languages" aria-describedby={props.describedBy} id={props.id} tabIndex={-1}>
      <legend>{fieldLabel(t, 'languages')}</legend>
      <p id={props.hintId} className="field-hint">
        {t('catalogue.hint.languages')}
      </p>
      {props.problem && (
        <p id={props.errorId} className="field-error">
          {problemMessage(t, props.problem)}
        </p>
      )}
      <details>
        <summary>{t('entryForm.languagesSummary', { chosen: chosenNames.length > 0 ? chosenNames.join(', ') : t('entryForm.languagesNone') })}</summary>
        <ul className="ens-entry__choices">
          {options.map((o) => {
            const id = `${props.id}-${o.code}`;
            return (
              <li key={o.code} className="radio">
                <input
                  type="checkbox"
                  id={id}
                  checked={chosen.includes(o.code)}
                  disabled={props.disabled}
                  onChange={(event) => toggle(o.code, event.target.checked)}
                />
                <label htmlFor={id}>{o.label}</label>
              </li>
            );
          })}
        </ul>
      </details>
    </fieldset>
  );
}
