// Accounts: creating them, changing roles, disabling, passwords, and provisioning accounts for people
// who sign in through the proxy header or OpenID Connect. No HTTP here.
import { customAlphabet } from 'nanoid';
import type { Actor, AuditService } from '../audit/audit.service.js';
import { hashPassword, needsRehash, passwordProblem, verifyPassword, type ScryptCost } from '../auth/passwords.js';
import { roles, type Account, type Role } from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import type { UserRow, UsersRepo } from './users.repo.js';

const newUserId = customAlphabet('23456789abcdefghjkmnpqrstuvwxyz', 12);
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
const MAX_DISPLAY_NAME = 100;
const FORMER_NAME_MS = 24 * 3600 * 1000;

export interface UsersServiceDeps {
  repo: UsersRepo;
  audit: AuditService;
  scryptCost: ScryptCost;
  /** Role given to accounts created on first sign-in (header, OIDC). */
  defaultRole: Role;
  /** Called after any change that can reduce what an account may do, to close or downgrade its sockets. */
  onAccessChanged(userId: string): void;
  now?: () => number;
}

export interface CreateUserInput {
  username: string;
  displayName?: string;
  email?: string | null;
  role?: Role;
  password?: string | null;
}

export function toAccount(row: UserRow): Account {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
}

export function usernameProblem(username: string): string | null {
  if (!USERNAME.test(username)) {
    return 'A username has 2 to 64 characters: letters, digits, and . _ @ - (not first).';
  }
  return null;
}

function cleanDisplayName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '').normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim();
  if (cleaned.length > MAX_DISPLAY_NAME) throw errors.invalidInput(`A display name can have at most ${MAX_DISPLAY_NAME} characters.`);
  return cleaned || fallback;
}

export class UsersService {
  /** Verified against when no account matches, so a wrong username costs as long as a wrong password. */
  private dummyHash: Promise<string> | null = null;

  /**
   * Display names accounts had before a rename, for a day: an editor tab opened before the rename keeps
   * publishing the old name in its presence until reloaded, and it is still the same person.
   */
  private readonly formerNames = new Map<string, { name: string; until: number }[]>();

  constructor(private readonly deps: UsersServiceDeps) {}

  wasRecentlyNamed(userId: string, name: string): boolean {
    const now = this.now();
    return (this.formerNames.get(userId) ?? []).some((former) => former.name === name && former.until > now);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  get(id: string): UserRow {
    const row = this.deps.repo.findById(id);
    if (!row) throw errors.notFound('user');
    return row;
  }

  findById(id: string): UserRow | undefined {
    return this.deps.repo.findById(id);
  }

  findByUsername(username: string): UserRow | undefined {
    return this.deps.repo.findByUsername(username);
  }

  list(): UserRow[] {
    return this.deps.repo.list();
  }

  count(): number {
    return this.deps.repo.count();
  }

  groupIds(userId: string): string[] {
    return this.deps.repo.groupIds(userId);
  }

  async create(input: CreateUserInput, actor: Actor, extra: { oidcIssuer?: string; oidcSubject?: string } = {}): Promise<UserRow> {
    const username = input.username.trim();
    const problem = usernameProblem(username);
    if (problem) throw errors.invalidInput(problem);
    const role = input.role ?? this.deps.defaultRole;
    if (!roles.includes(role)) throw errors.invalidInput(`A role is one of ${roles.join(', ')}.`);
    const displayName = cleanDisplayName(input.displayName, username);
    let passwordHash: string | null = null;
    if (input.password != null) {
      const weak = passwordProblem(input.password);
      if (weak) throw errors.invalidInput(weak);
      passwordHash = await hashPassword(input.password, this.deps.scryptCost);
    }
    // Checked after the (slow) hash and right before the insert, with no await between.
    if (this.deps.repo.findByUsername(username)) {
      throw errors.conflict('WIKI_USERNAME_TAKEN', `The username "${username}" is already taken.`);
    }
    const id = newUserId();
    this.deps.repo.create({
      id,
      username,
      displayName,
      email: input.email?.trim() || null,
      role,
      passwordHash,
      oidcIssuer: extra.oidcIssuer ?? null,
      oidcSubject: extra.oidcSubject ?? null,
      now: this.now(),
    });
    this.deps.audit.record(actor, 'user.created', { type: 'user', id }, { username, role });
    return this.get(id);
  }

  /** Checks a password. Returns the account, or null for any failure (no hint of which part was wrong). */
  async authenticate(username: string, password: string): Promise<UserRow | null> {
    const row = this.deps.repo.findByUsername(username.trim());
    if (!row || !row.password_hash || row.disabled) {
      this.dummyHash ??= hashPassword('not a real password', this.deps.scryptCost);
      await verifyPassword(password, await this.dummyHash);
      return null;
    }
    if (!(await verifyPassword(password, row.password_hash))) return null;
    if (needsRehash(row.password_hash, this.deps.scryptCost)) {
      this.deps.repo.update(row.id, { password_hash: await hashPassword(password, this.deps.scryptCost) }, this.now());
    }
    return row;
  }

  async setPassword(id: string, password: string, actor: Actor): Promise<void> {
    this.get(id);
    const weak = passwordProblem(password);
    if (weak) throw errors.invalidInput(weak);
    this.deps.repo.update(id, { password_hash: await hashPassword(password, this.deps.scryptCost) }, this.now());
    this.deps.audit.record(actor, 'user.password_changed', { type: 'user', id });
  }

  setRole(id: string, role: Role, actor: Actor): UserRow {
    const row = this.get(id);
    if (!roles.includes(role)) throw errors.invalidInput(`A role is one of ${roles.join(', ')}.`);
    if (row.role === role) return row;
    if (row.role === 'admin' && !row.disabled && this.deps.repo.activeAdminCount() <= 1) {
      throw errors.conflict('WIKI_LAST_ADMIN', 'The wiki needs at least one active admin.');
    }
    this.deps.repo.update(id, { role }, this.now());
    this.deps.audit.record(actor, 'user.role_changed', { type: 'user', id }, { username: row.username, from: row.role, to: role });
    this.deps.onAccessChanged(id);
    return this.get(id);
  }

  setDisabled(id: string, disabled: boolean, actor: Actor): UserRow {
    const row = this.get(id);
    if (Boolean(row.disabled) === disabled) return row;
    if (disabled && row.role === 'admin' && this.deps.repo.activeAdminCount() <= 1) {
      throw errors.conflict('WIKI_LAST_ADMIN', 'The wiki needs at least one active admin.');
    }
    this.deps.repo.update(id, { disabled: disabled ? 1 : 0 }, this.now());
    this.deps.audit.record(actor, disabled ? 'user.disabled' : 'user.enabled', { type: 'user', id }, { username: row.username });
    this.deps.onAccessChanged(id);
    return this.get(id);
  }

  /** With an actor, a change is audited (an admin renaming someone is worth a trace; a person renaming themselves too). */
  setProfile(id: string, patch: { displayName?: string; email?: string | null }, actor?: Actor): UserRow {
    const row = this.get(id);
    this.deps.repo.update(
      id,
      {
        ...(patch.displayName !== undefined ? { display_name: cleanDisplayName(patch.displayName, row.username) } : {}),
        ...(patch.email !== undefined ? { email: patch.email?.trim() || null } : {}),
      },
      this.now(),
    );
    const updated = this.get(id);
    if (updated.display_name !== row.display_name) {
      const now = this.now();
      const kept = (this.formerNames.get(id) ?? []).filter((former) => former.until > now).slice(-4);
      this.formerNames.set(id, [...kept, { name: row.display_name, until: now + FORMER_NAME_MS }]);
    }
    if (actor) {
      const changed: Record<string, unknown> = {};
      if (updated.display_name !== row.display_name) changed.displayName = { from: row.display_name, to: updated.display_name };
      if (updated.email !== row.email) changed.emailChanged = true;
      if (Object.keys(changed).length > 0) this.deps.audit.record(actor, 'user.profile_changed', { type: 'user', id }, { username: row.username, ...changed });
    }
    return updated;
  }

  /** The account named by a trusted proxy header; created on first sight with the default role. */
  async provisionFromHeader(username: string, ip: string | null): Promise<UserRow | null> {
    const existing = this.deps.repo.findByUsername(username);
    if (existing) return existing.disabled ? null : existing;
    if (usernameProblem(username)) return null;
    try {
      return await this.create({ username }, { id: null, name: 'proxy sign-in', ip });
    } catch {
      // Two first requests raced; the other one created it.
      const row = this.deps.repo.findByUsername(username);
      return row && !row.disabled ? row : null;
    }
  }

  /** The account for an OpenID Connect identity, created on first sign-in. Username clashes get a suffix. */
  async provisionFromOidc(identity: { issuer: string; subject: string; username: string; displayName: string; email: string | null }, ip: string | null): Promise<UserRow | null> {
    const existing = this.deps.repo.findByOidc(identity.issuer, identity.subject);
    if (existing) return existing.disabled ? null : existing;
    const base = identity.username.replace(/[^A-Za-z0-9._@-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 56) || 'user';
    let username = base.length >= 2 ? base : `${base}-user`;
    for (let n = 2; this.deps.repo.findByUsername(username); n++) username = `${base}-${n}`;
    return this.create(
      { username, displayName: identity.displayName, email: identity.email },
      { id: null, name: 'OpenID Connect sign-in', ip },
      { oidcIssuer: identity.issuer, oidcSubject: identity.subject },
    );
  }
}
