// /catalogue: the query form with its facets and live counts, the entries (shared/catalogue/CatalogueView, which
// the browser re-renders as the reader types), and, for people who may write the Catalogue space, a form that
// starts a new entry. Problems with the address come back as an error summary and beside their fields.
import { ErrorSummary, PostForm, SelectField, SubmitButton, TextField, type FormState } from '../../admin/views/fields.js';
import { CatalogueView, CATALOGUE_FORM_ID, CATALOGUE_Q_ID, type CatalogueViewProblem } from '../../../shared/catalogue/CatalogueView.js';
import type { CatalogueQuery, CatalogueResult } from '../../../shared/catalogue/catalogueIndex.js';
import { languageName } from '../../../shared/catalogue/labels.js';
import { messagesWithPrefix, type MessageKey } from '../../../shared/i18n/index.js';
import { scriptSafeJson } from '../../web/views/EditPage.js';
import { Layout, type ViewContext } from '../../web/views/Layout.js';

export const ADD_ENTRY_FORM_ID = 'catalogue-add';
/** Languages an entry can be written in: those search analyzes. */
export const ENTRY_LANGUAGES = ['en', 'fr', 'sv', 'nl'] as const;

/** What a browser bundle for instant search needs, embedded as JSON (#catalogue-boot) when the page has scripts. */
export interface CatalogueBoot {
  locale: string;
  /** The reader's index (GET, ETag-revalidated). */
  indexUrl: string;
  /** The `catalogue.` messages in the interface language, for CatalogueView. */
  messages: Partial<Record<MessageKey, string>>;
}

export function CataloguePage(props: {
  ctx: ViewContext;
  query: CatalogueQuery;
  result: CatalogueResult;
  problems: CatalogueViewProblem[];
  /** Present when the viewer may add entries: the add form as submitted, if it was. */
  addForm?: { form?: FormState };
  scripts?: string[];
}) {
  const { ctx, query, result, problems } = props;
  const { t } = ctx;
  const addErrors = (props.addForm?.form?.errors.length ?? 0) > 0;
  const title = problems.length > 0 ? t('catalogue.titleError') : addErrors ? t('catalogue.add.titleError') : t('catalogue.title');
  // Problems with the address link to their field: the text box, or a facet's group of checkboxes.
  const anchors = Object.fromEntries(problems.map((p) => [p.param, p.param === 'q' ? CATALOGUE_Q_ID : `catalogue-facet-${p.param}`]));
  return (
    <Layout ctx={ctx} title={title} scripts={props.scripts}>
      {(props.scripts?.length ?? 0) > 0 && (
        <script type="application/json" id="catalogue-boot" dangerouslySetInnerHTML={{ __html: scriptSafeJson(boot(ctx)) }} />
      )}
      <h1>{t('catalogue.title')}</h1>
      <p>{t('catalogue.intro')}</p>
      <ErrorSummary
        t={t}
        formId={CATALOGUE_FORM_ID}
        anchors={anchors}
        form={problems.length > 0 ? { values: {}, errors: problems.map((p) => ({ field: p.param === 'page' ? null : p.param, message: p.message })) } : undefined}
      />
      <CatalogueView result={result} query={query} t={t} locale={ctx.locale} problems={problems} />
      {props.addForm && <AddEntryForm ctx={ctx} form={props.addForm.form} />}
    </Layout>
  );
}

function boot(ctx: ViewContext): CatalogueBoot {
  return { locale: ctx.locale, indexUrl: '/catalogue/index.json', messages: messagesWithPrefix(ctx.locale, ['catalogue.']) };
}

function AddEntryForm(props: { ctx: ViewContext; form?: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <section aria-labelledby="catalogue-add-heading" className="catalogue__add">
      <h2 id="catalogue-add-heading">{t('catalogue.add.heading')}</h2>
      <p>{t('catalogue.add.intro')}</p>
      <ErrorSummary t={t} formId={ADD_ENTRY_FORM_ID} form={form} level={3} />
      <PostForm action="/catalogue/entries" csrf={ctx.csrf} labelledBy="catalogue-add-heading">
        <TextField formId={ADD_ENTRY_FORM_ID} name="title" label={t('catalogue.add.title')} form={form} required maxLength={200} />
        <SelectField
          formId={ADD_ENTRY_FORM_ID}
          name="lang"
          label={t('catalogue.add.lang')}
          form={form}
          initial={ctx.locale}
          options={ENTRY_LANGUAGES.map((code) => ({ value: code, label: languageName(code, ctx.locale) }))}
        />
        <SubmitButton>{t('catalogue.add.submit')}</SubmitButton>
      </PostForm>
    </section>
  );
}
