// The rename form (/wiki/:slug/move): the title and the address with their current values, the page's old
// addresses, and a plain POST, so it works without JavaScript. A refusal comes back with its message next to
// the field at fault and in an error summary; when the address is another page's old address, the form offers
// to take it anyway. The form's field names, and how a refusal maps onto them, live here too.
import { ErrorSummary, TextField, type FieldError, type FormState } from '../../admin/views/fields.js';
import type { MoveInput } from '../../pages/pageMover.js';
import type { PageRow, RedirectRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { AppError } from '../../plugins/errors.js';
import { SLUG_MAX_LENGTH } from '../../../shared/slug.js';
import type { Translate } from '../../../shared/i18n/index.js';
import { field } from '../forms.js';
import { ClassificationBanner, CsrfInput, Layout, type ViewContext } from './Layout.js';
import type { SpaceLabel } from './PageView.js';

const FORM_ID = 'move';
const REUSE_ID = `${FORM_ID}-reuseRedirect`;

export type MoveFormValues = Record<'title' | 'slug' | 'reuseRedirect', string>;

export function readMoveForm(body: unknown): MoveFormValues {
  return { title: field(body, 'title'), slug: field(body, 'slug').trim(), reuseRedirect: field(body, 'reuseRedirect') === 'yes' ? 'yes' : '' };
}

export function moveInput(values: MoveFormValues): MoveInput {
  return { title: values.title, slug: values.slug, reuseRedirect: values.reuseRedirect === 'yes' };
}

/**
 * A refusal of the form's input, as the form to show again (status 400), in the reader's language. `ownerOf`
 * names the page an old address leads to, only when the reader may read it. Anything else is rethrown.
 */
export function moveProblem(t: Translate, error: unknown, values: MoveFormValues, maxTitle: number, ownerOf: (slug: string) => string | null): FormState {
  if (!(error instanceof AppError) || (error.statusCode !== 400 && error.statusCode !== 409)) throw error;
  const problem = ((): FieldError => {
    switch (error.code) {
      case 'WIKI_INVALID_TITLE':
        return { field: 'title', message: values.title.trim() === '' ? t('renames.error.titleRequired') : t('renames.error.titleTooLong', { max: maxTitle }) };
      case 'WIKI_INVALID_SLUG':
        return { field: 'slug', message: t('renames.error.slugInvalid', { max: SLUG_MAX_LENGTH }) };
      case 'WIKI_SLUG_TAKEN':
        return { field: 'slug', message: t('renames.error.slugTaken', { slug: values.slug }) };
      case 'WIKI_SLUG_REDIRECTS': {
        const title = ownerOf(values.slug);
        return {
          field: 'slug',
          message: title === null ? t('renames.error.slugRedirects', { slug: values.slug }) : t('renames.error.slugRedirectsOf', { slug: values.slug, title }),
        };
      }
      default:
        return { field: null, message: error.message };
    }
  })();
  return { values, errors: [problem] };
}

export function MovePage(props: {
  ctx: ViewContext;
  page: PageRow;
  space: SpaceLabel;
  redirects: RedirectRow[];
  form?: FormState;
  /** Offer to take an address that is another page's old address (after that refusal). */
  offerReuse?: boolean;
  maxTitleLength: number;
}) {
  const { ctx, page, form } = props;
  const { t } = ctx;
  const url = pageUrl(page.slug);
  return (
    <Layout ctx={ctx} title={t('renames.title', { title: page.title })}>
      <ClassificationBanner ctx={ctx} space={props.space} />
      <h1>{t('renames.title', { title: page.title })}</h1>
      <p>{t('renames.intro')}</p>
      <form method="post" action={`${url}/move`} className="create-form" noValidate>
        <CsrfInput token={ctx.csrf} />
        <ErrorSummary t={t} formId={FORM_ID} form={form} />
        <TextField formId={FORM_ID} name="title" label={t('renames.titleLabel')} form={form} initial={page.title} required maxLength={props.maxTitleLength} />
        <TextField formId={FORM_ID} name="slug" label={t('renames.slugLabel')} hint={t('renames.slugHint')} form={form} initial={page.slug} required maxLength={SLUG_MAX_LENGTH} spellCheck={false} />
        {props.offerReuse && (
          <div className="radio">
            <input type="checkbox" id={REUSE_ID} name="reuseRedirect" value="yes" defaultChecked={form?.values.reuseRedirect === 'yes'} />
            <label htmlFor={REUSE_ID}>{t('renames.reuseLabel')}</label>
          </div>
        )}
        <p className="button-row">
          <button type="submit" className="button button--primary">
            {t('renames.submit')}
          </button>{' '}
          <a className="button button--secondary" href={url}>
            {t('renames.cancel')}
          </a>
        </p>
      </form>
      <section aria-labelledby="old-addresses">
        <h2 id="old-addresses">{t('renames.oldAddresses')}</h2>
        {props.redirects.length === 0 ? (
          <p>{t('renames.noOldAddresses')}</p>
        ) : (
          <ul>
            {props.redirects.map((r) => (
              <li key={r.slug_key}>
                <code>{pageUrl(r.slug)}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
