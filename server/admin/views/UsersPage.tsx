// /admin/users: every account, and the form that creates a local one.
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { roles } from '../../auth/permissions.js';
import type { UserRow } from '../../users/users.repo.js';
import { AdminLayout, When, type AdminViewContext } from './AdminLayout.js';
import { ErrorSummary, PostForm, SelectField, SubmitButton, TextField, type FormState } from './fields.js';

export const CREATE_USER_FORM = 'new-user';

export function UsersPage(props: { ctx: AdminViewContext; users: UserRow[]; form?: FormState }) {
  const { ctx, users, form } = props;
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} section="users" sectionIndex title={t('admin.users.title')}>
      <div className="table-scroll">
        <table className="admin-table">
          <caption>{t('admin.users.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.users.username')}</th>
              <th scope="col">{t('admin.users.displayName')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.users.state')}</th>
              <th scope="col">{t('admin.users.created')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">
                  <a href={`/admin/users/${user.id}`}>{user.username}</a>
                </th>
                <td>{user.display_name}</td>
                <td>{t(`admin.role.${user.role}`)}</td>
                <td>{user.disabled ? <strong>{t('admin.state.disabled')}</strong> : t('admin.state.active')}</td>
                <td>
                  <When ms={user.created_at} locale={ctx.locale} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="new-user-heading" className="panel">
        <h2 id="new-user-heading">{t('admin.users.create')}</h2>
        <p>{t('admin.users.createHint')}</p>
        <ErrorSummary t={t} formId={CREATE_USER_FORM} form={form} level={3} />
        <PostForm action="/admin/users" csrf={ctx.csrf}>
          <TextField formId={CREATE_USER_FORM} form={form} name="username" label={t('admin.users.username')} required maxLength={64} spellCheck={false} />
          <TextField
            formId={CREATE_USER_FORM}
            form={form}
            name="displayName"
            label={`${t('admin.users.displayName')} ${t('admin.optional')}`}
            hint={t('admin.users.displayNameHint')}
            maxLength={100}
          />
          <SelectField
            formId={CREATE_USER_FORM}
            form={form}
            name="role"
            label={t('admin.users.role')}
            initial="editor"
            options={roles.map((role) => ({ value: role, label: t(`admin.role.${role}`) }))}
          />
          <TextField
            formId={CREATE_USER_FORM}
            form={form}
            name="password"
            type="password"
            label={t('admin.users.password')}
            hint={t('admin.users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
          />
          <SubmitButton>{t('admin.users.createSubmit')}</SubmitButton>
        </PostForm>
      </section>
    </AdminLayout>
  );
}
