// /admin/groups: every group, and the form that creates one.
import type { GroupRow } from '../../groups/groups.repo.js';
import { AdminLayout, type AdminViewContext } from './AdminLayout.js';
import { ErrorSummary, PostForm, SubmitButton, TextArea, TextField, type FormState } from './fields.js';

export const CREATE_GROUP_FORM = 'new-group';

export function GroupsPage(props: { ctx: AdminViewContext; groups: (GroupRow & { memberCount: number })[]; form?: FormState }) {
  const { ctx, groups, form } = props;
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} section="groups" sectionIndex title={t('admin.groups.title')}>
      {groups.length === 0 ? (
        <p>{t('admin.groups.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table">
            <caption>{t('admin.groups.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.groups.name')}</th>
                <th scope="col">{t('admin.groups.description')}</th>
                <th scope="col" className="admin-table__number">
                  {t('admin.groups.members')}
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.id}>
                  <th scope="row">
                    <a href={`/admin/groups/${group.id}`}>{group.name}</a>
                  </th>
                  <td>{group.description}</td>
                  <td className="admin-table__number">{group.memberCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="new-group-heading" className="panel">
        <h2 id="new-group-heading">{t('admin.groups.create')}</h2>
        <ErrorSummary t={t} formId={CREATE_GROUP_FORM} form={form} level={3} />
        <PostForm action="/admin/groups" csrf={ctx.csrf} labelledBy="new-group-heading">
          <GroupFields t={t} formId={CREATE_GROUP_FORM} form={form} />
          <SubmitButton>{t('admin.groups.createSubmit')}</SubmitButton>
        </PostForm>
      </section>
    </AdminLayout>
  );
}

export function GroupFields(props: { t: AdminViewContext['t']; formId: string; form?: FormState; group?: GroupRow }) {
  const { t, formId, form, group } = props;
  return (
    <>
      <TextField formId={formId} form={form} name="name" label={t('admin.groups.nameLabel')} initial={group?.name} required maxLength={80} />
      <TextArea formId={formId} form={form} name="description" label={t('admin.groups.descriptionLabel')} initial={group?.description} maxLength={500} />
    </>
  );
}
