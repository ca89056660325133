// The "create a page" form of the home page and of a space's page: a title, the template to start from (one
// radio button per template, with its description; blank by default) and the page's language, in a plain
// POST, so it works without JavaScript. A refusal comes back with its message next to the field at fault
// and in an error summary. The form's field names, and how a refusal maps onto them, live here too.
import { ErrorSummary, type FieldError, type FormState } from '../../admin/views/fields.js';
import type { CreatePageInput } from '../../pages/pages.service.js';
import type { TemplateSummary } from '../../pages/templates.js';
import { AppError } from '../../plugins/errors.js';
import type { Locale, MessageKey, Translate } from '../../../shared/i18n/index.js';
import { field } from '../forms.js';
import { CsrfInput, type ViewContext } from './Layout.js';

const FORM_ID = 'new';
const TITLE_ID = `${FORM_ID}-title`;
const LANG_ID = `${FORM_ID}-lang`;
const templateOptionId = (index: number) => `${FORM_ID}-template-${index}`;

/** Languages a page can be written in. Template content comes in English and French; others get English. */
const pageLanguages: Record<string, MessageKey> = { en: 'search.lang.en', fr: 'search.lang.fr', sv: 'search.lang.sv', nl: 'search.lang.nl' };
const DEFAULT_TEMPLATE = 'blank';

/** What was submitted, as text: shown again if the form comes back. The language defaults to the interface's. */
export function readCreatePageForm(body: unknown, locale: Locale): Record<'title' | 'template' | 'lang', string> {
  return {
    title: field(body, 'title'),
    template: field(body, 'template') || DEFAULT_TEMPLATE,
    lang: field(body, 'lang') || locale,
  };
}

/** The service's input; a language not on the list is refused here, since the service takes it as given. */
export function createPageInput(values: Record<string, string>): CreatePageInput {
  if (!Object.hasOwn(pageLanguages, values.lang)) throw new AppError(400, 'WIKI_INVALID_LANGUAGE', 'Choose a language from the list.');
  return { title: values.title, template: values.template, lang: values.lang };
}

/**
 * A refusal of the form's input, as the form to show again (status 400). Anything else (not being allowed to
 * create pages, a server fault) is rethrown, for the error page.
 */
export function createPageProblem(t: Translate, error: unknown, values: Record<string, string>): FormState {
  if (!(error instanceof AppError) || (error.statusCode !== 400 && error.statusCode !== 409)) throw error;
  const problem: FieldError =
    error.code === 'WIKI_UNKNOWN_TEMPLATE'
      ? { field: 'template', message: t('templates.error.unknown') }
      : error.code === 'WIKI_INVALID_LANGUAGE'
        ? { field: 'lang', message: t('templates.error.lang') }
        : { field: 'title', message: error.message };
  return { values, errors: [problem] };
}

export function CreatePageForm(props: { ctx: ViewContext; heading: string; action: string; templates: TemplateSummary[]; form?: FormState }) {
  const { ctx, form, templates } = props;
  const { t } = ctx;
  const errorOf = (name: string) => form?.errors.find((e) => e.field === name)?.message;
  const titleError = errorOf('title');
  const templateError = errorOf('template');
  const langError = errorOf('lang');
  const submitted = form?.values.template;
  const chosen = templates.some((tpl) => tpl.name === submitted) ? submitted : DEFAULT_TEMPLATE;
  const lang = form && Object.hasOwn(pageLanguages, form.values.lang) ? form.values.lang : ctx.locale;
  return (
    <section aria-labelledby="create-heading" className="panel">
      <h2 id="create-heading">{props.heading}</h2>
      <form method="post" action={props.action} className="create-form" noValidate>
        <CsrfInput token={ctx.csrf} />
        <ErrorSummary t={t} formId={FORM_ID} form={form} level={3} anchors={{ template: templateOptionId(0) }} />
        <div className="form-field">
          <label htmlFor={TITLE_ID}>{t('home.createTitleLabel')}</label>
          {titleError && (
            <p id={`${TITLE_ID}-error`} className="field-error" role="alert">
              {titleError}
            </p>
          )}
          <input
            id={TITLE_ID}
            name="title"
            type="text"
            required
            maxLength={200}
            defaultValue={form?.values.title}
            aria-invalid={titleError ? true : undefined}
            aria-describedby={titleError ? `${TITLE_ID}-error` : undefined}
            autoComplete="off"
          />
        </div>
        <fieldset className="form-field" aria-describedby={[`${FORM_ID}-template-hint`, templateError && `${FORM_ID}-template-error`].filter(Boolean).join(' ')}>
          <legend>{t('templates.legend')}</legend>
          <p id={`${FORM_ID}-template-hint`} className="field-hint">
            {t('templates.legendHint')}
          </p>
          {templateError && (
            <p id={`${FORM_ID}-template-error`} className="field-error" role="alert">
              {templateError}
            </p>
          )}
          {templates.map((template, i) => (
            <div className="radio" key={template.name}>
              <input
                type="radio"
                id={templateOptionId(i)}
                name="template"
                value={template.name}
                defaultChecked={template.name === chosen}
                aria-describedby={`${templateOptionId(i)}-hint`}
              />
              <label htmlFor={templateOptionId(i)}>{template.title}</label>
              <p id={`${templateOptionId(i)}-hint`} className="field-hint radio__hint">
                {template.description}
              </p>
            </div>
          ))}
        </fieldset>
        <div className="form-field">
          <label htmlFor={LANG_ID}>{t('templates.langLabel')}</label>
          {langError && (
            <p id={`${LANG_ID}-error`} className="field-error" role="alert">
              {langError}
            </p>
          )}
          <select id={LANG_ID} name="lang" defaultValue={lang} aria-invalid={langError ? true : undefined} aria-describedby={langError ? `${LANG_ID}-error` : undefined}>
            {Object.entries(pageLanguages).map(([code, key]) => (
              <option key={code} value={code}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary">
          {t('home.createSubmit')}
        </button>
      </form>
    </section>
  );
}
