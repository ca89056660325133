// Form pieces for the administration pages, following the GC Design System pattern: label, hint, error,
// then the control; the control names its hint and error with aria-describedby, and an error summary at the
// top of the form links to each field at fault. Everything works as a plain HTML form.
import type { ReactNode } from 'react';
import type { Translate } from '../../../shared/i18n/index.js';

/** A problem with what was submitted; field null for a problem with the form as a whole (e.g. last admin). */
export interface FieldError {
  field: string | null;
  message: string;
}

/** What a re-rendered form shows: the values as submitted and what was wrong with them. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

export const fieldId = (formId: string, name: string) => `${formId}-${name}`;

function errorOf(form: FormState | undefined, name: string): string | undefined {
  return form?.errors.find((e) => e.field === name)?.message;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/**
 * Lists every problem, each linked to its field. It takes the focus when the page loads (autofocus works
 * without JavaScript), so a screen reader announces it first.
 */
export function ErrorSummary(props: { t: Translate; formId: string; form?: FormState; level?: 2 | 3; anchors?: Record<string, string> }) {
  const { t, formId, form } = props;
  if (!form || form.errors.length === 0) return null;
  const Heading = props.level === 3 ? 'h3' : 'h2';
  const headingId = `${formId}-error-summary`;
  return (
    <div className="error-summary" tabIndex={-1} autoFocus aria-labelledby={headingId}>
      <Heading id={headingId} className="error-summary__title">
        {t('admin.errorSummary')}
      </Heading>
      <ul>
        {form.errors.map((error, i) => (
          <li key={i}>
            {error.field ? <a href={`#${props.anchors?.[error.field] ?? fieldId(formId, error.field)}`}>{error.message}</a> : error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  formId: string;
  name: string;
  label: ReactNode;
  form?: FormState;
  hint?: ReactNode;
  /** Used when the form is shown fresh (not re-rendered after an error). */
  initial?: string;
}

function fieldParts(props: FieldProps) {
  const id = fieldId(props.formId, props.name);
  const error = errorOf(props.form, props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const value = props.form ? (props.form.values[props.name] ?? '') : (props.initial ?? '');
  return { id, error, hintId, errorId, value, describedBy: describedBy(hintId, errorId) };
}

function Extras(props: { hint?: ReactNode; hintId?: string; error?: string; errorId?: string }) {
  return (
    <>
      {props.hint && (
        <p id={props.hintId} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={props.errorId} className="field-error">
          {props.error}
        </p>
      )}
    </>
  );
}

export function TextField(
  props: FieldProps & { type?: 'text' | 'password'; required?: boolean; autoComplete?: string; maxLength?: number; spellCheck?: boolean },
) {
  const f = fieldParts(props);
  return (
    <div className="form-field">
      <label htmlFor={f.id}>{props.label}</label>
      <Extras hint={props.hint} hintId={f.hintId} error={f.error} errorId={f.errorId} />
      <input
        id={f.id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.type === 'password' ? undefined : f.value}
        required={props.required}
        maxLength={props.maxLength}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={props.spellCheck}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { maxLength?: number }) {
  const f = fieldParts(props);
  return (
    <div className="form-field">
      <label htmlFor={f.id}>{props.label}</label>
      <Extras hint={props.hint} hintId={f.hintId} error={f.error} errorId={f.errorId} />
      <textarea
        id={f.id}
        name={props.name}
        rows={3}
        defaultValue={f.value}
        maxLength={props.maxLength}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: FieldProps & { options: Option[] }) {
  const f = fieldParts(props);
  return (
    <div className="form-field">
      <label htmlFor={f.id}>{props.label}</label>
      <Extras hint={props.hint} hintId={f.hintId} error={f.error} errorId={f.errorId} />
      <select id={f.id} name={props.name} defaultValue={f.value} aria-invalid={f.error ? true : undefined} aria-describedby={f.describedBy}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A radio group in a fieldset; the error summary links to its first option (`radioAnchor`). */
export function RadioGroup(props: FieldProps & { options: (Option & { hint?: string })[] }) {
  const f = fieldParts(props);
  return (
    <fieldset className="form-field" aria-describedby={f.describedBy}>
      <legend>{props.label}</legend>
      <Extras hint={props.hint} hintId={f.hintId} error={f.error} errorId={f.errorId} />
      {props.options.map((o, i) => {
        const id = i === 0 ? radioAnchor(props.formId, props.name) : `${f.id}-${o.value}`;
        return (
          <div className="radio" key={o.value}>
            <input
              type="radio"
              id={id}
              name={props.name}
              value={o.value}
              defaultChecked={f.value === o.value}
              aria-invalid={f.error ? true : undefined}
              aria-describedby={o.hint ? `${id}-hint` : undefined}
            />
            <label htmlFor={id}>{o.label}</label>
            {o.hint && (
              <p id={`${id}-hint`} className="field-hint radio__hint">
                {o.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

export const radioAnchor = (formId: string, name: string) => `${fieldId(formId, name)}-first`;

/** A form that posts back with the CSRF token; `aria-labelledby` names it after its section heading. */
export function PostForm(props: { action: string; csrf: string; children: ReactNode; labelledBy?: string; className?: string }) {
  return (
    <form method="post" action={props.action} noValidate aria-labelledby={props.labelledBy} className={props.className ?? 'admin-form'}>
      <CsrfField token={props.csrf} />
      {props.children}
    </form>
  );
}

export function SubmitButton(props: { children: ReactNode; variant?: 'primary' | 'secondary' | 'danger' }) {
  return (
    <button type="submit" className={`button button--${props.variant ?? 'primary'}`}>
      {props.children}
    </button>
  );
}
