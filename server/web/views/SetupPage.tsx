// First-run setup: while no account exists, whoever reaches the wiki first (and knows WIKI_SETUP_TOKEN, when
// the operator set one) creates the first administrator account.
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { ErrorSummary, TextField, type FormState } from '../../admin/views/fields.js';
import { CsrfInput, Layout, type ViewContext } from './Layout.js';

const FORM_ID = 'setup';

export function SetupPage(props: { ctx: ViewContext; needsToken: boolean; form?: FormState }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('setup.title')}>
      <h1>{t('setup.title')}</h1>
      <ErrorSummary t={t} formId={FORM_ID} form={form} />
      <p>{t('setup.intro')}</p>
      <form method="post" action="/setup" noValidate className="admin-form">
        <CsrfInput token={ctx.csrf} />
        {props.needsToken && (
          <TextField formId={FORM_ID} name="setupToken" type="password" label={t('setup.token')} hint={t('setup.tokenHint')} form={form} required />
        )}
        <TextField formId={FORM_ID} name="username" label={t('login.username')} hint={t('setup.usernameHint')} form={form} autoComplete="username" required spellCheck={false} maxLength={64} />
        <TextField formId={FORM_ID} name="displayName" label={t('setup.displayName')} hint={t('setup.displayNameHint')} form={form} autoComplete="name" maxLength={100} />
        <TextField formId={FORM_ID} name="password" type="password" label={t('setup.password')} hint={t('setup.passwordHint', { min: MIN_PASSWORD_LENGTH })} form={form} autoComplete="new-password" required />
        <TextField formId={FORM_ID} name="passwordConfirm" type="password" label={t('setup.passwordConfirm')} form={form} autoComplete="new-password" required />
        <button type="submit" className="button button--primary">
          {t('setup.submit')}
        </button>
      </form>
    </Layout>
  );
}
