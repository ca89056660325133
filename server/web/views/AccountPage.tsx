// /account: a person's own account. Their display name, their password (local accounts), and their API
// tokens: listed, created (the secret is shown this once) and revoked. Every form posts back with the CSRF
// token; a form with a problem is shown again with its errors, in its own section.
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import type { TokenRow } from '../../tokens/tokens.repo.js';
import type { UserRow } from '../../users/users.repo.js';
import { ErrorSummary, RadioGroup, radioAnchor, TextField, type FormState } from '../../admin/views/fields.js';
import { CsrfInput, formatWhen, Layout, profileUrl, When, type ViewContext } from './Layout.js';

export type AccountForm = 'profile' | 'password' | 'token';

export function AccountPage(props: {
  ctx: ViewContext;
  user: UserRow;
  tokens: TokenRow[];
  /** Whether the password can be changed here: local sign-in with a password; else why not. */
  password: 'change' | 'none' | 'elsewhere';
  notice?: string;
  failed?: { form: AccountForm; state: FormState };
  /** A token created by this very request: the only time its secret is shown. */
  created?: { name: string; secret: string };
}) {
  const { ctx, user, failed } = props;
  const { t } = ctx;
  const stateOf = (form: AccountForm) => (failed?.form === form ? failed.state : undefined);
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      {props.notice && (
        <div className="admin-notice" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      {props.created && <NewToken ctx={ctx} {...props.created} />}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('account.details')}</h2>
        <dl className="admin-facts">
          <dt>{t('account.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`auth.role.${user.role}`)}</dd>
        </dl>
        <p>
          <a href={profileUrl(user.username)}>{t('account.viewProfile')}</a>
        </p>
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('account.profileSection')}</h2>
        <ErrorSummary t={t} formId="profile" form={stateOf('profile')} level={3} />
        <form method="post" action="/account/profile" noValidate className="admin-form" aria-labelledby="profile-heading">
          <CsrfInput token={ctx.csrf} />
          <TextField
            formId="profile"
            name="displayName"
            label={t('account.displayName')}
            hint={t('account.displayNameHint')}
            form={stateOf('profile')}
            initial={user.display_name}
            autoComplete="name"
            maxLength={100}
          />
          <button type="submit" className="button button--primary">
            {t('account.profileSubmit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t('account.passwordSection')}</h2>
        {props.password === 'change' ? (
          <>
            <ErrorSummary t={t} formId="password" form={stateOf('password')} level={3} />
            <form method="post" action="/account/password" noValidate className="admin-form" aria-labelledby="password-heading">
              <CsrfInput token={ctx.csrf} />
              {/* Lets password managers file the new password under the right account. */}
              <input type="hidden" name="username" value={user.username} autoComplete="username" />
              <TextField formId="password" name="current" type="password" label={t('account.currentPassword')} form={stateOf('password')} autoComplete="current-password" required />
              <TextField
                formId="password"
                name="password"
                type="password"
                label={t('account.newPassword')}
                hint={t('account.newPasswordHint', { min: MIN_PASSWORD_LENGTH })}
                form={stateOf('password')}
                autoComplete="new-password"
                required
              />
              <TextField formId="password" name="confirm" type="password" label={t('account.confirmPassword')} form={stateOf('password')} autoComplete="new-password" required />
              <button type="submit" className="button button--primary">
                {t('account.passwordSubmit')}
              </button>
            </form>
          </>
        ) : (
          <p>{t(props.password === 'none' ? 'account.passwordNone' : 'account.passwordElsewhere')}</p>
        )}
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t('account.tokensSection')}</h2>
        <p>{t('account.tokensIntro')}</p>
        <TokenTable ctx={ctx} tokens={props.tokens} />
        <h3 id="token-create-heading">{t('account.tokenCreate')}</h3>
        <ErrorSummary t={t} formId="token" form={stateOf('token')} level={3} anchors={{ scope: radioAnchor('token', 'scope') }} />
        <form method="post" action="/account/tokens" noValidate className="admin-form" aria-labelledby="token-create-heading">
          <CsrfInput token={ctx.csrf} />
          <TextField formId="token" name="name" label={t('account.tokenName')} hint={t('account.tokenNameHint')} form={stateOf('token')} maxLength={80} required />
          <RadioGroup
            formId="token"
            name="scope"
            label={t('account.tokenScopeLabel')}
            form={stateOf('token')}
            initial="read"
            options={[
              { value: 'read', label: t('account.scope.read'), hint: t('account.scope.readHint') },
              { value: 'write', label: t('account.scope.write'), hint: t('account.scope.writeHint') },
            ]}
          />
          <button type="submit" className="button button--primary">
            {t('account.tokenSubmit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

function NewToken(props: { ctx: ViewContext; name: string; secret: string }) {
  const { t } = props.ctx;
  return (
    <section aria-labelledby="new-token-heading" className="panel new-token">
      <h2 id="new-token-heading">{t('account.tokenNewTitle', { name: props.name })}</h2>
      <div className="form-field">
        <label htmlFor="new-token-secret">{t('account.tokenSecretLabel')}</label>
        <p id="new-token-hint" className="field-hint">
          {t('account.tokenCopyHint')}
        </p>
        <input id="new-token-secret" type="text" readOnly defaultValue={props.secret} aria-describedby="new-token-hint" spellCheck={false} autoComplete="off" className="new-token__secret" />
      </div>
    </section>
  );
}


function TokenTable(props: { ctx: ViewContext; tokens: TokenRow[] }) {
  const { ctx, tokens } = props;
  const { t } = ctx;
  if (tokens.length === 0) return <p>{t('account.noTokens')}</p>;
  return (
    <div className="table-scroll">
      <table className="admin-table">
        <caption>{t('account.tokensCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('account.tokenName')}</th>
            <th scope="col">{t('account.tokenScope')}</th>
            <th scope="col">{t('account.tokenCreated')}</th>
            <th scope="col">{t('account.tokenLastUsed')}</th>
            <th scope="col">{t('account.tokenState')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>{t(`account.scope.${token.scope}`)}</td>
              <td>
                <When ms={token.created_at} locale={ctx.locale} />
              </td>
              <td>{token.last_used_at === null ? t('account.never') : <When ms={token.last_used_at} locale={ctx.locale} />}</td>
              <td>
                {token.revoked_at !== null ? (
                  t('account.tokenRevokedAt', { when: formatWhen(token.revoked_at, ctx.locale) })
                ) : (
                  <form method="post" action={`/account/tokens/${encodeURIComponent(token.id)}/revoke`} className="inline-form">
                    <CsrfInput token={ctx.csrf} />
                    {t('account.tokenActive')}{' '}
                    <button type="submit" className="button button--secondary button--small" aria-label={t('account.tokenRevokeNamed', { name: token.name })}>
                      {t('account.tokenRevoke')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
