// /admin/spaces: every space with its classification, access rule, grants and page count; and the form that
// creates or edits one (SpaceFormPage). The grants are one select per group, so no script is needed to
// add or remove a row.
import { classifications } from '../../auth/permissions.js';
import type { GroupRow } from '../../groups/groups.repo.js';
import type { Space } from '../../spaces/spaces.service.js';
import { AdminLayout, type AdminViewContext } from './AdminLayout.js';
import { ErrorSummary, PostForm, RadioGroup, radioAnchor, SelectField, SubmitButton, TextArea, TextField, type FormState } from './fields.js';

export const SPACE_FORM = 'space';
export const grantField = (groupId: string) => `grant-${groupId}`;

export function SpacesPage(props: { ctx: AdminViewContext; spaces: Space[]; pageCounts: Map<string, number>; groupNames: Map<string, string> }) {
  const { ctx, spaces } = props;
  const { t } = ctx;
  return (
    <AdminLayout ctx={ctx} section="spaces" sectionIndex title={t('admin.spaces.title')}>
      <p>
        <a className="button button--primary" href="/admin/spaces/new">
          {t('admin.spaces.create')}
        </a>
      </p>
      <div className="table-scroll">
        <table className="admin-table">
          <caption>{t('admin.spaces.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.spaces.name')}</th>
              <th scope="col">{t('admin.spaces.address')}</th>
              <th scope="col">{t('admin.spaces.classification')}</th>
              <th scope="col">{t('admin.spaces.access')}</th>
              <th scope="col">{t('admin.spaces.grants')}</th>
              <th scope="col" className="admin-table__number">
                {t('admin.spaces.pages')}
              </th>
            </tr>
          </thead>
          <tbody>
            {spaces.map((space) => (
              <tr key={space.id}>
                <th scope="row">
                  <a href={`/admin/spaces/${space.id}`}>{space.name}</a>
                </th>
                <td>
                  <code>{space.slug}</code>
                </td>
                <td>{t(`admin.classification.${space.classification}`)}</td>
                <td>{t(`admin.access.${space.access}`)}</td>
                <td>
                  {space.grants.length === 0
                    ? t('admin.none')
                    : space.grants.map((g) => `${props.groupNames.get(g.groupId) ?? g.groupId} (${t(`admin.grant.${g.role}`)})`).join(', ')}
                </td>
                <td className="admin-table__number">{props.pageCounts.get(space.id) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

/** The form values a space starts with: its current settings, or the defaults of a new space. */
export function spaceFormValues(space: Space | undefined, groups: GroupRow[]): Record<string, string> {
  const values: Record<string, string> = {
    name: space?.name ?? '',
    slug: space?.slug ?? '',
    description: space?.description ?? '',
    classification: space?.classification ?? 'unclassified',
    access: space?.access ?? 'default',
  };
  for (const group of groups) values[grantField(group.id)] = space?.grants.find((g) => g.groupId === group.id)?.role ?? '';
  return values;
}

export function SpaceFormPage(props: { ctx: AdminViewContext; space?: Space; groups: GroupRow[]; form: FormState }) {
  const { ctx, space, groups, form } = props;
  const { t } = ctx;
  const title = space ? t('admin.space.editTitle', { name: space.name }) : t('admin.space.newTitle');
  const accessOptions = [
    ...(space ? [] : [{ value: 'default', label: t('admin.access.default') }]),
    { value: 'open', label: t('admin.access.open'), hint: t('admin.space.accessOpenHint') },
    { value: 'restricted', label: t('admin.access.restricted'), hint: t('admin.space.accessRestrictedHint') },
  ];
  return (
    <AdminLayout ctx={ctx} section="spaces" title={title} trail={[{ href: '/admin/spaces', label: t('admin.spaces.title') }]}>
      <ErrorSummary t={t} formId={SPACE_FORM} form={form} anchors={{ access: radioAnchor(SPACE_FORM, 'access') }} />
      <PostForm action={space ? `/admin/spaces/${space.id}` : '/admin/spaces'} csrf={ctx.csrf}>
        <TextField formId={SPACE_FORM} form={form} name="name" label={t('admin.space.nameLabel')} required maxLength={80} />
        {space ? (
          <dl className="admin-facts">
            <dt>{t('admin.space.slugFixed')}</dt>
            <dd>
              <code>{space.slug}</code>
            </dd>
          </dl>
        ) : (
          <TextField
            formId={SPACE_FORM}
            form={form}
            name="slug"
            label={t('admin.space.slugLabel')}
            hint={t('admin.space.slugHint')}
            maxLength={100}
            spellCheck={false}
          />
        )}
        <TextArea formId={SPACE_FORM} form={form} name="description" label={t('admin.space.descriptionLabel')} maxLength={500} />
        <SelectField
          formId={SPACE_FORM}
          form={form}
          name="classification"
          label={t('admin.space.classificationLabel')}
          hint={t('admin.space.classificationHint')}
          options={classifications.map((c) => ({ value: c, label: t(`admin.classification.${c}`) }))}
        />
        <RadioGroup formId={SPACE_FORM} form={form} name="access" label={t('admin.space.accessLegend')} options={accessOptions} />
        <fieldset className="form-field" aria-describedby="space-grants-hint">
          <legend>{t('admin.space.grantsLegend')}</legend>
          <p id="space-grants-hint" className="field-hint">
            {t('admin.space.grantsHint')}
          </p>
          {groups.length === 0 ? (
            <p>
              <a href="/admin/groups">{t('admin.space.noGroups')}</a>
            </p>
          ) : (
            groups.map((group) => (
              <SelectField
                key={group.id}
                formId={SPACE_FORM}
                form={form}
                name={grantField(group.id)}
                label={t('admin.space.grantFor', { name: group.name })}
                options={[
                  { value: '', label: t('admin.grant.none') },
                  { value: 'reader', label: t('admin.grant.reader') },
                  { value: 'editor', label: t('admin.grant.editor') },
                ]}
              />
            ))
          )}
        </fieldset>
        <SubmitButton>{space ? t('admin.save') : t('admin.space.createSubmit')}</SubmitButton>
      </PostForm>
    </AdminLayout>
  );
}
