// Who may do what: pure functions from a principal and a space to an access level. Every route, the live
// channel and every listing ask these, so the rules live in exactly one place.
export const roles = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];
export const classifications = ['unclassified', 'protected-a', 'protected-b'] as const;
export type Classification = (typeof classifications)[number];
export const spaceAccessRules = ['open', 'restricted'] as const;
export type SpaceAccessRule = (typeof spaceAccessRules)[number];
export type TokenScope = 'read' | 'write';
export type Access = 'none' | 'read' | 'write';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** How the request proved who it is. CSRF protection applies to the ambient ones (session, header). */
export type Credential =
  | { kind: 'session'; sessionHash: string }
  | { kind: 'token'; tokenId: string; scope: TokenScope }
  | { kind: 'header' };

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; account: Account; groupIds: ReadonlySet<string>; credential: Credential };

export const anonymous: Principal = Object.freeze({ kind: 'anonymous' });

export interface SpacePolicy {
  id: string;
  classification: Classification;
  access: SpaceAccessRule;
  /** Restricted spaces: what each granted group may do. */
  grants: ReadonlyMap<string, 'reader' | 'editor'>;
}

export interface PolicyOptions {
  /** Whether visitors who are not signed in may read open, unclassified spaces. */
  anonymousRead: boolean;
}

const rank: Record<Access, number> = { none: 0, read: 1, write: 2 };
const lower = (a: Access, b: Access): Access => (rank[a] <= rank[b] ? a : b);

/** What a principal may do in a space. Protected spaces are never readable without signing in. */
export function spaceAccess(principal: Principal, space: SpacePolicy, options: PolicyOptions): Access {
  if (principal.kind === 'anonymous') {
    return space.access === 'open' && space.classification === 'unclassified' && options.anonymousRead ? 'read' : 'none';
  }
  const { account, groupIds, credential } = principal;
  const cap: Access = credential.kind === 'token' && credential.scope === 'read' ? 'read' : 'write';
  let access: Access;
  if (account.role === 'admin') access = 'write';
  else if (space.access === 'open') access = account.role === 'editor' ? 'write' : 'read';
  else {
    access = 'none';
    for (const [groupId, grant] of space.grants) {
      if (!groupIds.has(groupId)) continue;
      const granted: Access = grant === 'editor' && account.role === 'editor' ? 'write' : 'read';
      if (rank[granted] > rank[access]) access = granted;
    }
  }
  return lower(access, cap);
}

export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'user' && principal.account.role === 'admin';
}

/** Admin actions that change something need an admin acting with write rights (not a read-only token). */
export function canAdminister(principal: Principal, mutation: boolean): boolean {
  if (!isAdmin(principal) || principal.kind !== 'user') return false;
  return !mutation || principal.credential.kind !== 'token' || principal.credential.scope === 'write';
}

/** Whether a principal may change things at all with its credential (a read token may not). */
export function canMutate(principal: Principal): boolean {
  return principal.kind === 'user' && (principal.credential.kind !== 'token' || principal.credential.scope === 'write');
}
