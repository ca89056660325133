// Spaces: every page lives in one. A space has a classification (shown as a banner on its pages) and an
// access rule. Spaces and grants are few and read on every request, so they are cached in memory and the
// cache is replaced after every change.
import { customAlphabet } from 'nanoid';
import type { Actor, AuditService } from '../audit/audit.service.js';
import {
  anonymous,
  classifications,
  spaceAccess,
  spaceAccessRules,
  type Access,
  type Classification,
  type PolicyOptions,
  type Principal,
  type SpaceAccessRule,
  type SpacePolicy,
} from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import { slugKey, slugProblem } from '../../shared/slug.js';
import type { GroupsRepo } from '../groups/groups.repo.js';
import type { SpaceRow, SpacesRepo } from './spaces.repo.js';

const newSpaceId = customAlphabet('23456789abcdefghjkmnpqrstuvwxyz', 12);
export const MAIN_SPACE_ID = 'main';

export interface Space extends SpaceRow {
  grants: { groupId: string; role: 'reader' | 'editor' }[];
  policy: SpacePolicy;
}

export interface SpacesServiceDeps {
  repo: SpacesRepo;
  groups: GroupsRepo;
  audit: AuditService;
  policy: PolicyOptions;
  onAccessChanged(): void;
  now?: () => number;
}

export interface SpaceInput {
  name: string;
  slug?: string;
  description?: string;
  classification?: Classification;
  access?: SpaceAccessRule;
  grants?: { groupId: string; role: 'reader' | 'editor' }[];
}

export class SpacesService {
  private byId = new Map<string, Space>();
  private bySlugKey = new Map<string, Space>();

  constructor(private readonly deps: SpacesServiceDeps) {
    this.reload();
  }

  private reload(): void {
    const grants = this.deps.repo.grants();
    this.byId = new Map();
    this.bySlugKey = new Map();
    for (const row of this.deps.repo.list()) {
      const own = grants.filter((g) => g.space_id === row.id).map((g) => ({ groupId: g.group_id, role: g.role }));
      const space: Space = {
        ...row,
        grants: own,
        policy: { id: row.id, classification: row.classification, access: row.access, grants: new Map(own.map((g) => [g.groupId, g.role])) },
      };
      this.byId.set(row.id, space);
      this.bySlugKey.set(row.slug_key, space);
    }
  }

  /** The space with this id, or slug (case-insensitive). */
  find(idOrSlug: string): Space | undefined {
    return this.byId.get(idOrSlug) ?? this.bySlugKey.get(idOrSlug.toLowerCase());
  }

  get(idOrSlug: string): Space {
    const space = this.find(idOrSlug);
    if (!space) throw errors.notFound('space');
    return space;
  }

  list(): Space[] {
    return [...this.byId.values()];
  }

  pageCounts(): Map<string, number> {
    return this.deps.repo.pageCountsById();
  }

  access(principal: Principal, spaceId: string): Access {
    const space = this.byId.get(spaceId);
    if (!space) return 'none';
    return spaceAccess(principal, space.policy, this.deps.policy);
  }

  /** Spaces the principal may read, e.g. to filter listings. */
  readableIds(principal: Principal): Set<string> {
    return new Set(this.list().filter((s) => spaceAccess(principal, s.policy, this.deps.policy) !== 'none').map((s) => s.id));
  }

  anonymousCanRead(spaceId: string): boolean {
    return this.access(anonymous, spaceId) !== 'none';
  }

  private validGrants(grants: { groupId: string; role: 'reader' | 'editor' }[]) {
    const seen = new Set<string>();
    for (const grant of grants) {
      if (!this.deps.groups.findById(grant.groupId)) throw errors.notFound('group');
      if (grant.role !== 'reader' && grant.role !== 'editor') throw errors.invalidInput('A grant role is reader or editor.');
      if (seen.has(grant.groupId)) throw errors.invalidInput('A group is granted at most once per space.');
      seen.add(grant.groupId);
    }
    return grants;
  }

  create(input: SpaceInput, actor: Actor): Space {
    const name = cleanText(input.name, 1, 80, 'A space name');
    const slug = (input.slug ?? name).trim().replace(/\s+/g, '-');
    const problem = slugProblem(slug);
    if (problem) throw errors.invalidSlug(problem);
    if (this.bySlugKey.has(slugKey(slug)) || this.byId.has(slug.toLowerCase())) {
      throw errors.conflict('WIKI_SPACE_SLUG_TAKEN', `The space address "${slug}" is already taken.`);
    }
    const classification = checkOne(input.classification ?? 'unclassified', classifications, 'classification');
    // Protected B holds information whose compromise could cause serious injury: restricted unless chosen otherwise.
    const access = checkOne(input.access ?? (classification === 'protected-b' ? 'restricted' : 'open'), spaceAccessRules, 'access rule');
    const grants = this.validGrants(input.grants ?? []);
    const id = newSpaceId();
    this.deps.repo.create({ id, slug, name, description: cleanText(input.description ?? '', 0, 500, 'A description'), classification, access, now: this.now() });
    if (grants.length > 0) this.deps.repo.setGrants(id, grants);
    this.deps.audit.record(actor, 'space.created', { type: 'space', id }, { name, classification, access, grants });
    this.reload();
    return this.get(id);
  }

  update(id: string, patch: Partial<Omit<SpaceInput, 'slug'>>, actor: Actor): Space {
    const space = this.byId.get(id);
    if (!space) throw errors.notFound('space');
    const next = {
      id,
      name: patch.name === undefined ? space.name : cleanText(patch.name, 1, 80, 'A space name'),
      description: patch.description === undefined ? space.description : cleanText(patch.description, 0, 500, 'A description'),
      classification: patch.classification === undefined ? space.classification : checkOne(patch.classification, classifications, 'classification'),
      access: patch.access === undefined ? space.access : checkOne(patch.access, spaceAccessRules, 'access rule'),
      now: this.now(),
    };
    const grants = patch.grants === undefined ? undefined : this.validGrants(patch.grants);
    this.deps.repo.update(next);
    if (grants) this.deps.repo.setGrants(id, grants);
    const changed: Record<string, unknown> = {};
    for (const key of ['name', 'description', 'classification', 'access'] as const) {
      if (next[key] !== space[key]) changed[key] = { from: space[key], to: next[key] };
    }
    if (Object.keys(changed).length > 0) this.deps.audit.record(actor, 'space.updated', { type: 'space', id }, changed);
    if (grants) this.deps.audit.record(actor, 'space.grant_changed', { type: 'space', id }, { from: space.grants, to: grants });
    this.reload();
    this.deps.onAccessChanged();
    return this.get(id);
  }

  /** After groups are deleted (grants cascade). */
  refresh(): void {
    this.reload();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function cleanText(value: string, min: number, max: number, what: string): string {
  const cleaned = value.normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned.length < min || cleaned.length > max) throw errors.invalidInput(`${what} has ${min} to ${max} characters.`);
  return cleaned;
}

function checkOne<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw errors.invalidInput(`The ${what} is one of ${allowed.join(', ')}.`);
  return value as T;
}
