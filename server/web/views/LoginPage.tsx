// The sign-in page, in the form the configured sign-in takes: a username and password form (local), a button
// that goes to the organization's identity provider (OpenID Connect), or a note that the intranet signs
// people in (trusted proxy header). Also the page for a sign-in that failed at the provider.
import type { AuthMode } from '../../plugins/config.js';
import { ErrorSummary, TextField, type FormState } from '../../admin/views/fields.js';
import { CsrfInput, Layout, type ViewContext } from './Layout.js';

const FORM_ID = 'login';

export function LoginPage(props: { ctx: ViewContext; mode: AuthMode; next: string; form?: FormState }) {
  const { ctx, mode, next } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      {mode === 'local' && (
        <>
          <ErrorSummary t={t} formId={FORM_ID} form={props.form} />
          <p>{t('login.intro')}</p>
          <form method="post" action="/login" noValidate className="admin-form">
            <CsrfInput token={ctx.csrf} />
            <input type="hidden" name="next" value={next} />
            <TextField formId={FORM_ID} name="username" label={t('login.username')} form={props.form} autoComplete="username" required spellCheck={false} maxLength={64} />
            <TextField formId={FORM_ID} name="password" label={t('login.password')} form={props.form} type="password" autoComplete="current-password" required />
            <button type="submit" className="button button--primary">
              {t('login.submit')}
            </button>
          </form>
        </>
      )}
      {mode === 'oidc' && (
        <>
          <p>{t('login.oidcBody')}</p>
          <p>
            <a className="button button--primary" href={`/auth/oidc/start?next=${encodeURIComponent(next)}`}>
              {t('login.oidcButton')}
            </a>
          </p>
        </>
      )}
      {mode === 'header' && <p>{t('login.headerBody')}</p>}
    </Layout>
  );
}

/** A sign-in that did not complete (provider refused, unreachable, took too long, account disabled). */
export function SignInFailedPage(props: { ctx: ViewContext; message: string; retryUrl: string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('login.failedTitle')}>
      <h1>{t('login.failedTitle')}</h1>
      <p>{props.message}</p>
      <p>
        <a href={props.retryUrl}>{t('login.tryAgain')}</a>
      </p>
    </Layout>
  );
}
