// Groups of accounts, which restricted spaces grant access to. Membership changes take effect on open
// live connections at once (onAccessChanged).
import { customAlphabet } from 'nanoid';
import type { Actor, AuditService } from '../audit/audit.service.js';
import { errors } from '../plugins/errors.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { GroupRow, GroupsRepo, MemberRow } from './groups.repo.js';

const newGroupId = customAlphabet('23456789abcdefghjkmnpqrstuvwxyz', 12);
const MAX_NAME = 80;
const MAX_DESCRIPTION = 500;

export interface GroupsServiceDeps {
  repo: GroupsRepo;
  users: UsersRepo;
  audit: AuditService;
  /** userId undefined: membership of many accounts may have changed. */
  onAccessChanged(userId?: string): void;
  now?: () => number;
}

function cleanName(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim();
  if (cleaned.length < 1 || cleaned.length > MAX_NAME) throw errors.invalidInput(`A group name has 1 to ${MAX_NAME} characters.`);
  return cleaned;
}

function cleanDescription(description: string | undefined): string {
  const cleaned = (description ?? '').trim();
  if (cleaned.length > MAX_DESCRIPTION) throw errors.invalidInput(`A description can have at most ${MAX_DESCRIPTION} characters.`);
  return cleaned;
}

export class GroupsService {
  constructor(private readonly deps: GroupsServiceDeps) {}

  get(id: string): GroupRow {
    const row = this.deps.repo.findById(id);
    if (!row) throw errors.notFound('group');
    return row;
  }

  find(id: string): GroupRow | undefined {
    return this.deps.repo.findById(id);
  }

  list(): (GroupRow & { memberCount: number })[] {
    const counts = this.deps.repo.memberCountsById();
    return this.deps.repo.list().map((g) => ({ ...g, memberCount: counts.get(g.id) ?? 0 }));
  }

  members(id: string): MemberRow[] {
    this.get(id);
    return this.deps.repo.listMembers(id);
  }

  create(input: { name: string; description?: string }, actor: Actor): GroupRow {
    const name = cleanName(input.name);
    const description = cleanDescription(input.description);
    if (this.deps.repo.findByName(name)) throw errors.conflict('WIKI_GROUP_NAME_TAKEN', `A group named "${name}" already exists.`);
    const id = newGroupId();
    this.deps.repo.create({ id, name, description, now: (this.deps.now ?? Date.now)() });
    this.deps.audit.record(actor, 'group.created', { type: 'group', id }, { name });
    return this.get(id);
  }

  update(id: string, patch: { name?: string; description?: string }, actor: Actor): GroupRow {
    const row = this.get(id);
    const name = patch.name === undefined ? row.name : cleanName(patch.name);
    const description = patch.description === undefined ? row.description : cleanDescription(patch.description);
    const clash = this.deps.repo.findByName(name);
    if (clash && clash.id !== id) throw errors.conflict('WIKI_GROUP_NAME_TAKEN', `A group named "${name}" already exists.`);
    this.deps.repo.update({ id, name, description });
    this.deps.audit.record(actor, 'group.updated', { type: 'group', id }, { from: row.name, name });
    return this.get(id);
  }

  delete(id: string, actor: Actor): void {
    const row = this.get(id);
    this.deps.repo.delete(id);
    this.deps.audit.record(actor, 'group.deleted', { type: 'group', id }, { name: row.name });
    this.deps.onAccessChanged();
  }

  addMember(id: string, userId: string, actor: Actor): void {
    const group = this.get(id);
    const user = this.deps.users.findById(userId);
    if (!user) throw errors.notFound('user');
    if (this.deps.repo.add(id, userId)) {
      this.deps.audit.record(actor, 'group.member_added', { type: 'group', id }, { group: group.name, username: user.username });
    }
  }

  removeMember(id: string, userId: string, actor: Actor): void {
    const group = this.get(id);
    const user = this.deps.users.findById(userId);
    if (!user) throw errors.notFound('user');
    if (this.deps.repo.removeFrom(id, userId)) {
      this.deps.audit.record(actor, 'group.member_removed', { type: 'group', id }, { group: group.name, username: user.username });
      this.deps.onAccessChanged(userId);
    }
  }
}
