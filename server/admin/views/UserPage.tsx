// /admin/users/:id: one account: its details, role, whether it may sign in, its password, groups and tokens.
// Each change is its own small form, so one mistake never discards another change.
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { roles } from '../../auth/permissions.js';
import type { GroupRow } from '../../groups/groups.repo.js';
import type { TokenRow } from '../../tokens/tokens.repo.js';
import type { UserRow } from '../../users/users.repo.js';
import { AdminLayout, When, type AdminViewContext } from './AdminLayout.js';
import { ErrorSummary, PostForm, SelectField, SubmitButton, TextField, type FormState } from './fields.js';

export type UserForm = 'role' | 'access' | 'password';

export function UserPage(props: {
  ctx: AdminViewContext;
  user: UserRow;
  groups: GroupRow[];
  tokens: TokenRow[];
  /** Whether the wiki believes a trusted proxy's header (accounts without a password sign in that way). */
  proxySignIn: boolean;
  /** The form that was just submitted with problems. */
  failed?: { form: UserForm; state: FormState };
}) {
  const { ctx, user, failed } = props;
  const { t } = ctx;
  const base = `/admin/users/${user.id}`;
  const stateOf = (form: UserForm) => (failed?.form === form ? failed.state : undefined);
  const signIn = user.password_hash
    ? t('admin.user.signInPassword')
    : user.oidc_subject
      ? t('admin.user.signInOidc')
      : props.proxySignIn
        ? t('admin.user.signInHeader')
        : t('admin.user.signInNone');
  return (
    <AdminLayout
      ctx={ctx}
      section="users"
      title={t('admin.user.heading', { username: user.username })}
      trail={[{ href: '/admin/users', label: t('admin.users.title') }]}
    >
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('admin.user.details')}</h2>
        <dl className="admin-facts">
          <dt>{t('admin.users.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('admin.users.displayName')}</dt>
          <dd>{user.display_name}</dd>
          <dt>{t('admin.users.role')}</dt>
          <dd>{t(`admin.role.${user.role}`)}</dd>
          <dt>{t('admin.users.state')}</dt>
          <dd>{user.disabled ? t('admin.state.disabled') : t('admin.state.active')}</dd>
          <dt>{t('admin.user.signIn')}</dt>
          <dd>{signIn}</dd>
          <dt>{t('admin.users.created')}</dt>
          <dd>
            <When ms={user.created_at} locale={ctx.locale} />
          </dd>
        </dl>
      </section>

      <section aria-labelledby="role-heading" className="panel">
        <h2 id="role-heading">{t('admin.user.roleSection')}</h2>
        <ErrorSummary t={t} formId="role" form={stateOf('role')} level={3} />
        <PostForm action={`${base}/role`} csrf={ctx.csrf} labelledBy="role-heading">
          <SelectField
            formId="role"
            form={stateOf('role')}
            name="role"
            label={t('admin.users.role')}
            hint={t('admin.user.roleHint')}
            initial={user.role}
            options={roles.map((role) => ({ value: role, label: t(`admin.role.${role}`) }))}
          />
          <SubmitButton>{t('admin.user.roleSubmit')}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="access-heading" className="panel">
        <h2 id="access-heading">{t('admin.user.accessSection')}</h2>
        <ErrorSummary t={t} formId="access" form={stateOf('access')} level={3} />
        <p>{user.disabled ? t('admin.user.enableHint') : t('admin.user.disableHint')}</p>
        <PostForm action={`${base}/${user.disabled ? 'enable' : 'disable'}`} csrf={ctx.csrf} labelledBy="access-heading">
          <SubmitButton variant={user.disabled ? 'primary' : 'danger'}>{user.disabled ? t('admin.user.enable') : t('admin.user.disable')}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="password-heading" className="panel">
        <h2 id="password-heading">{t('admin.user.passwordSection')}</h2>
        <ErrorSummary t={t} formId="password" form={stateOf('password')} level={3} />
        <PostForm action={`${base}/password`} csrf={ctx.csrf} labelledBy="password-heading">
          {/* Lets password managers tie the new password to the right account. */}
          <input type="hidden" name="username" value={user.username} autoComplete="username" />
          <TextField
            formId="password"
            form={stateOf('password')}
            name="password"
            type="password"
            label={t('admin.user.newPassword')}
            hint={t('admin.user.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
          />
          <SubmitButton>{t('admin.user.passwordSubmit')}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t('admin.user.groupsSection')}</h2>
        {props.groups.length === 0 ? (
          <p>{t('admin.user.noGroups')}</p>
        ) : (
          <ul>
            {props.groups.map((group) => (
              <li key={group.id}>
                <a href={`/admin/groups/${group.id}`}>{group.name}</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t('admin.user.tokensSection')}</h2>
        {props.tokens.length === 0 ? (
          <p>{t('admin.user.noTokens')}</p>
        ) : (
          <div className="table-scroll">
            <table className="admin-table">
              <caption>{t('admin.user.tokensCaption', { username: user.username })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.user.tokenName')}</th>
                  <th scope="col">{t('admin.user.tokenScope')}</th>
                  <th scope="col">{t('admin.users.created')}</th>
                  <th scope="col">{t('admin.user.tokenLastUsed')}</th>
                  <th scope="col">{t('admin.user.tokenState')}</th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((token) => (
                  <tr key={token.id}>
                    <th scope="row">{token.name}</th>
                    <td>{t(`admin.scope.${token.scope}`)}</td>
                    <td>
                      <When ms={token.created_at} locale={ctx.locale} />
                    </td>
                    <td>{token.last_used_at === null ? t('admin.never') : <When ms={token.last_used_at} locale={ctx.locale} />}</td>
                    <td>
                      {token.revoked_at !== null ? (
                        <RevokedAt ctx={ctx} at={token.revoked_at} />
                      ) : (
                        <PostForm action={`${base}/tokens/${token.id}/revoke`} csrf={ctx.csrf} className="inline-form">
                          {t('admin.user.tokenLive')}{' '}
                          <button
                            type="submit"
                            className="button button--secondary button--small"
                            aria-label={t('admin.user.tokenRevokeLabel', { name: token.name })}
                          >
                            {t('admin.user.tokenRevoke')}
                          </button>
                        </PostForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AdminLayout>
  );
}

function RevokedAt(props: { ctx: AdminViewContext; at: number }) {
  const [before, after] = props.ctx.t('admin.user.tokenRevoked').split('{when}');
  return (
    <>
      {before}
      <When ms={props.at} locale={props.ctx.locale} />
      {after}
    </>
  );
}
