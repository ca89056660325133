// The "create a page" form of the home page and of a space's page: a title and a plain POST, so it works
// without JavaScript; a refused title comes back with its message tied to the field.
import { CsrfInput, type ViewContext } from './Layout.js';

export function CreatePageForm(props: { ctx: ViewContext; heading: string; action: string; error?: string; titleValue?: string }) {
  const { ctx, error } = props;
  const { t } = ctx;
  return (
    <section aria-labelledby="create-heading" className="panel">
      <h2 id="create-heading">{props.heading}</h2>
      <form method="post" action={props.action} className="create-form" noValidate>
        <CsrfInput token={ctx.csrf} />
        <label htmlFor="new-title">{t('home.createTitleLabel')}</label>
        {error && (
          <p id="new-title-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="create-form__row">
          <input
            id="new-title"
            name="title"
            type="text"
            required
            maxLength={200}
            defaultValue={props.titleValue}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'new-title-error' : undefined}
            autoComplete="off"
          />
          <button type="submit" className="button button--primary">
            {t('home.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
