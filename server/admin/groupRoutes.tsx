// /admin/groups: list, create, rename / describe, members, and deletion behind a confirmation page.
// The groups service audits each change and re-checks live sockets when access may have shrunk.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GroupRow } from '../groups/groups.repo.js';
import { field } from '../web/forms.js';
import { groupErrors, handleForm } from './forms.js';
import type { AdminKit } from './routes.js';
import type { FieldError, FormState } from './views/fields.js';
import { GroupDeletePage, GroupPage, type GroupForm } from './views/GroupPage.js';
import { GroupsPage } from './views/GroupsPage.js';

type WithId = { Params: { id: string } };

export function groupRoutes(app: FastifyInstance, kit: AdminKit) {
  const { users, groups, spaces } = app.services;

  const grantsOf = (groupId: string) =>
    spaces.list().flatMap((space) => space.grants.filter((g) => g.groupId === groupId).map((g) => ({ space, role: g.role })));

  const listPage = (request: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) =>
    kit.render(reply, <GroupsPage ctx={kit.context(request, '/admin/groups')} groups={groups.list()} form={form} />, status);

  const groupPage = (request: FastifyRequest, reply: FastifyReply, group: GroupRow, failed?: { form: GroupForm; state: FormState }, status = 200) =>
    kit.render(
      reply,
      <GroupPage
        ctx={kit.context(request, `/admin/groups/${group.id}`)}
        group={group}
        members={groups.members(group.id)}
        grants={grantsOf(group.id)}
        failed={failed}
      />,
      status,
    );

  const groupValues = (body: unknown) => ({ name: field(body, 'name'), description: field(body, 'description') });

  app.get('/admin/groups', async (request, reply) => listPage(request, reply));

  app.post('/admin/groups', async (request, reply) => {
    const values = groupValues(request.body);
    const outcome = await handleForm(request.t, values, groupErrors(request.t, values), () => groups.create(values, request.actor));
    if (outcome.ok) return kit.done(reply, `/admin/groups/${outcome.result.id}`, 'group-created');
    return listPage(request, reply, outcome.state, outcome.status);
  });

  app.get<WithId>('/admin/groups/:id', async (request, reply) => groupPage(request, reply, groups.get(request.params.id)));

  app.post<WithId>('/admin/groups/:id', async (request, reply) => {
    const group = groups.get(request.params.id);
    const values = groupValues(request.body);
    const outcome = await handleForm(request.t, values, groupErrors(request.t, values), () => {
      // An unchanged form records nothing in the audit log.
      if (values.name.trim() !== group.name || values.description.trim() !== group.description) groups.update(group.id, values, request.actor);
    });
    if (outcome.ok) return kit.done(reply, `/admin/groups/${group.id}`, 'group-updated');
    return groupPage(request, reply, group, { form: 'group', state: outcome.state }, outcome.status);
  });

  app.post<WithId>('/admin/groups/:id/members', async (request, reply) => {
    const group = groups.get(request.params.id);
    const values = { username: field(request.body, 'username').trim() };
    const user = values.username ? users.findByUsername(values.username) : undefined;
    const problems: FieldError[] = !values.username
      ? [{ field: 'username', message: request.t('admin.error.memberRequired') }]
      : !user
        ? [{ field: 'username', message: request.t('admin.error.memberUnknown', { username: values.username }) }]
        : [];
    const outcome = await handleForm(request.t, values, problems, () => groups.addMember(group.id, user!.id, request.actor));
    if (outcome.ok) return kit.done(reply, `/admin/groups/${group.id}`, 'member-added');
    return groupPage(request, reply, group, { form: 'member', state: outcome.state }, outcome.status);
  });

  app.post<{ Params: { id: string; userId: string } }>('/admin/groups/:id/members/:userId/remove', async (request, reply) => {
    const group = groups.get(request.params.id);
    groups.removeMember(group.id, request.params.userId, request.actor);
    return kit.done(reply, `/admin/groups/${group.id}`, 'member-removed');
  });

  app.get<WithId>('/admin/groups/:id/delete', async (request, reply) => {
    const group = groups.get(request.params.id);
    return kit.render(
      reply,
      <GroupDeletePage
        ctx={kit.context(request)}
        group={group}
        memberCount={groups.members(group.id).length}
        spaceCount={grantsOf(group.id).length}
      />,
    );
  });

  app.post<WithId>('/admin/groups/:id/delete', async (request, reply) => {
    groups.delete(groups.get(request.params.id).id, request.actor);
    return kit.done(reply, '/admin/groups', 'group-deleted');
  });
}
