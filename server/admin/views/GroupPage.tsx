// /admin/groups/:id: rename or describe a group, add and remove members, see which spaces grant it, and the
// way to its deletion (a confirmation page, GroupDeletePage).
import type { GroupRow, MemberRow } from '../../groups/groups.repo.js';
import type { Space } from '../../spaces/spaces.service.js';
import { AdminLayout, type AdminViewContext } from './AdminLayout.js';
import { ErrorSummary, PostForm, SubmitButton, TextField, type FormState } from './fields.js';
import { GroupFields } from './GroupsPage.js';

export type GroupForm = 'group' | 'member';

export function GroupPage(props: {
  ctx: AdminViewContext;
  group: GroupRow;
  members: MemberRow[];
  grants: { space: Space; role: 'reader' | 'editor' }[];
  failed?: { form: GroupForm; state: FormState };
}) {
  const { ctx, group, members, failed } = props;
  const { t } = ctx;
  const base = `/admin/groups/${group.id}`;
  const stateOf = (form: GroupForm) => (failed?.form === form ? failed.state : undefined);
  return (
    <AdminLayout
      ctx={ctx}
      section="groups"
      title={t('admin.group.heading', { name: group.name })}
      trail={[{ href: '/admin/groups', label: t('admin.groups.title') }]}
    >
      {group.description && <p>{group.description}</p>}

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('admin.group.membersSection')}</h2>
        {members.length === 0 ? (
          <p>{t('admin.group.noMembers')}</p>
        ) : (
          <div className="table-scroll">
            <table className="admin-table">
              <caption>{t('admin.group.membersCaption', { name: group.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.users.username')}</th>
                  <th scope="col">{t('admin.users.displayName')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('admin.group.remove')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.id}>
                    <th scope="row">
                      <a href={`/admin/users/${member.id}`}>{member.username}</a>
                    </th>
                    <td>{member.display_name}</td>
                    <td>
                      <PostForm action={`${base}/members/${member.id}/remove`} csrf={ctx.csrf} className="inline-form">
                        <button
                          type="submit"
                          className="button button--secondary button--small"
                          aria-label={t('admin.group.removeLabel', { name: member.username })}
                        >
                          {t('admin.group.remove')}
                        </button>
                      </PostForm>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="add-member-heading" className="panel">
        <h2 id="add-member-heading">{t('admin.group.addMember')}</h2>
        <ErrorSummary t={t} formId="member" form={stateOf('member')} level={3} />
        <PostForm action={`${base}/members`} csrf={ctx.csrf} labelledBy="add-member-heading">
          <TextField formId="member" form={stateOf('member')} name="username" label={t('admin.group.memberUsername')} required maxLength={64} spellCheck={false} />
          <SubmitButton>{t('admin.group.addSubmit')}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="grants-heading">
        <h2 id="grants-heading">{t('admin.group.grantsSection')}</h2>
        {props.grants.length === 0 ? (
          <p>{t('admin.group.noGrants')}</p>
        ) : (
          <ul>
            {props.grants.map(({ space, role }) => (
              <li key={space.id}>
                <a href={`/admin/spaces/${space.id}`}>{space.name}</a> ({t(`admin.grant.${role}`)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="edit-heading" className="panel">
        <h2 id="edit-heading">{t('admin.group.editSection')}</h2>
        <ErrorSummary t={t} formId="group" form={stateOf('group')} level={3} />
        <PostForm action={base} csrf={ctx.csrf} labelledBy="edit-heading">
          <GroupFields t={t} formId="group" form={stateOf('group')} group={group} />
          <SubmitButton>{t('admin.save')}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('admin.group.deleteSection')}</h2>
        <p>{t('admin.group.deleteHint')}</p>
        <p>
          <a className="button button--danger" href={`${base}/delete`}>
            {t('admin.group.delete')}
          </a>
        </p>
      </section>
    </AdminLayout>
  );
}

/** The confirmation step before a group is deleted: says what will be lost, and asks again. */
export function GroupDeletePage(props: { ctx: AdminViewContext; group: GroupRow; memberCount: number; spaceCount: number }) {
  const { ctx, group } = props;
  const { t } = ctx;
  const base = `/admin/groups/${group.id}`;
  return (
    <AdminLayout
      ctx={ctx}
      section="groups"
      title={t('admin.group.deleteTitle', { name: group.name })}
      trail={[
        { href: '/admin/groups', label: t('admin.groups.title') },
        { href: base, label: group.name },
      ]}
    >
      <p>{t('admin.group.deleteBody', { members: props.memberCount, spaces: props.spaceCount })}</p>
      <PostForm action={`${base}/delete`} csrf={ctx.csrf} className="admin-form admin-form--actions">
        <SubmitButton variant="danger">{t('admin.group.deleteConfirm')}</SubmitButton>{' '}
        <a className="button button--secondary" href={base}>
          {t('admin.group.deleteCancel')}
        </a>
      </PostForm>
    </AdminLayout>
  );
}
