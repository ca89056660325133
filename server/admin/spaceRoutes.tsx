// /admin/spaces: list, create and edit spaces: classification, access rule and group grants. The spaces
// service audits each change and re-checks every live socket, since a rule change can shut people out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Classification, SpaceAccessRule } from '../auth/permissions.js';
import type { GroupRow } from '../groups/groups.repo.js';
import type { Space } from '../spaces/spaces.service.js';
import { slugFromTitle } from '../../shared/slug.js';
import { field } from '../web/forms.js';
import { handleForm, spaceErrors } from './forms.js';
import type { AdminKit } from './routes.js';
import type { FormState } from './views/fields.js';
import { grantField, SpaceFormPage, spaceFormValues, SpacesPage } from './views/SpacesPage.js';

type Grant = { groupId: string; role: 'reader' | 'editor' };

/** The form's values: only the fields of the groups that exist are read, so no other id can slip in. */
function spaceValues(body: unknown, groups: GroupRow[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of ['name', 'slug', 'description', 'classification', 'access']) values[name] = field(body, name);
  for (const group of groups) values[grantField(group.id)] = field(body, grantField(group.id));
  return values;
}

function grantsOf(values: Record<string, string>, groups: GroupRow[]): Grant[] {
  return groups.flatMap((g) => {
    const role = values[grantField(g.id)];
    return role === 'reader' || role === 'editor' ? [{ groupId: g.id, role }] : [];
  });
}

const sameGrants = (a: Grant[], b: Grant[]) => {
  const key = (list: Grant[]) => list.map((g) => `${g.groupId}:${g.role}`).sort().join(',');
  return key(a) === key(b);
};

export function spaceRoutes(app: FastifyInstance, kit: AdminKit) {
  const { groups, spaces } = app.services;

  const formPage = (request: FastifyRequest, reply: FastifyReply, space: Space | undefined, allGroups: GroupRow[], form: FormState, status = 200) =>
    kit.render(
      reply,
      <SpaceFormPage ctx={kit.context(request, space ? `/admin/spaces/${space.id}` : '/admin/spaces/new')} space={space} groups={allGroups} form={form} />,
      status,
    );

  app.get('/admin/spaces', async (request, reply) =>
    kit.render(
      reply,
      <SpacesPage
        ctx={kit.context(request)}
        spaces={spaces.list()}
        pageCounts={spaces.pageCounts()}
        groupNames={new Map(groups.list().map((g) => [g.id, g.name]))}
      />,
    ),
  );

  app.get('/admin/spaces/new', async (request, reply) => {
    const allGroups = groups.list();
    return formPage(request, reply, undefined, allGroups, { values: spaceFormValues(undefined, allGroups), errors: [] });
  });

  app.post('/admin/spaces', async (request, reply) => {
    const allGroups = groups.list();
    const values = spaceValues(request.body, allGroups);
    const slug = values.slug.trim() || slugFromTitle(values.name);
    const problems = spaceErrors(request.t, values, new Map(allGroups.map((g) => [g.id, g.name])), true);
    const outcome = await handleForm(
      request.t,
      values,
      problems,
      () =>
        spaces.create(
          {
            name: values.name,
            slug,
            description: values.description,
            classification: values.classification as Classification,
            // Left to the service: Protected B spaces are restricted unless chosen otherwise.
            access: values.access === 'default' ? undefined : (values.access as SpaceAccessRule),
            grants: grantsOf(values, allGroups),
          },
          request.actor,
        ),
      { ...values, slug },
    );
    if (outcome.ok) return kit.done(reply, '/admin/spaces', 'space-created');
    return formPage(request, reply, undefined, allGroups, outcome.state, outcome.status);
  });

  app.get<{ Params: { id: string } }>('/admin/spaces/:id', async (request, reply) => {
    const space = spaces.get(request.params.id);
    const allGroups = groups.list();
    return formPage(request, reply, space, allGroups, { values: spaceFormValues(space, allGroups), errors: [] });
  });

  app.post<{ Params: { id: string } }>('/admin/spaces/:id', async (request, reply) => {
    const space = spaces.get(request.params.id);
    const allGroups = groups.list();
    const values = spaceValues(request.body, allGroups);
    const problems = spaceErrors(request.t, values, new Map(allGroups.map((g) => [g.id, g.name])), false);
    const grants = grantsOf(values, allGroups);
    const outcome = await handleForm(request.t, values, problems, () =>
      spaces.update(
        space.id,
        {
          name: values.name,
          description: values.description,
          classification: values.classification as Classification,
          access: values.access as SpaceAccessRule,
          // Unchanged grants are not rewritten, so the audit log records only real changes.
          grants: sameGrants(grants, space.grants) ? undefined : grants,
        },
        request.actor,
      ),
    );
    if (outcome.ok) return kit.done(reply, `/admin/spaces/${space.id}`, 'space-updated');
    return formPage(request, reply, space, allGroups, outcome.state, outcome.status);
  });
}
