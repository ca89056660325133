// SQL for accounts and group membership. Statements are prepared once.
import type Database from 'better-sqlite3';
import type { Db } from '../plugins/db.js';
import type { Role } from '../auth/permissions.js';

export interface UserRow {
  id: string;
  username: string;
  username_key: string;
  display_name: string;
  email: string | null;
  role: Role;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  disabled: 0 | 1;
  created_at: number;
  updated_at: number;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  passwordHash: string | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  now: number;
}

export type UserPatch = Partial<{ display_name: string; email: string | null; role: Role; disabled: 0 | 1; password_hash: string | null }>;

export class UsersRepo {
  private readonly byId;
  private readonly byKey;
  private readonly byOidc;
  private readonly insert;
  private readonly all;
  private readonly countAll;
  private readonly countAdmins;
  private readonly groupsOf;
  /** UPDATE statements by the set of columns they change, each prepared once. */
  private readonly updates = new Map<string, Database.Statement>();

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT * FROM users WHERE id = ?');
    this.byKey = db.prepare('SELECT * FROM users WHERE username_key = ?');
    this.byOidc = db.prepare('SELECT * FROM users WHERE oidc_issuer = ? AND oidc_subject = ?');
    this.insert = db.prepare(`INSERT INTO users (id, username, username_key, display_name, email, role, password_hash,
      oidc_issuer, oidc_subject, disabled, created_at, updated_at)
      VALUES (@id, @username, lower(@username), @displayName, @email, @role, @passwordHash, @oidcIssuer, @oidcSubject, 0, @now, @now)`);
    this.all = db.prepare('SELECT * FROM users ORDER BY username_key');
    this.countAll = db.prepare('SELECT count(*) FROM users').pluck();
    this.countAdmins = db.prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck();
    this.groupsOf = db.prepare('SELECT group_id FROM group_members WHERE user_id = ?').pluck();
  }

  findById(id: string): UserRow | undefined {
    return this.byId.get(id) as UserRow | undefined;
  }

  findByUsername(username: string): UserRow | undefined {
    return this.byKey.get(username.toLowerCase()) as UserRow | undefined;
  }

  findByOidc(issuer: string, subject: string): UserRow | undefined {
    return this.byOidc.get(issuer, subject) as UserRow | undefined;
  }

  create(user: NewUser): void {
    this.insert.run(user);
  }

  /** Only the listed columns can change: the patch's keys are checked against a fixed set. */
  update(id: string, patch: UserPatch, now: number): void {
    const allowed = ['display_name', 'email', 'role', 'disabled', 'password_hash'] as const;
    const keys = allowed.filter((key) => key in patch);
    if (keys.length === 0) return;
    const shape = keys.join(',');
    let statement = this.updates.get(shape);
    if (!statement) {
      const sets = keys.map((key) => `${key} = @${key}`).join(', ');
      statement = this.db.prepare(`UPDATE users SET ${sets}, updated_at = @now WHERE id = @id`);
      this.updates.set(shape, statement);
    }
    statement.run({ ...patch, id, now });
  }

  list(): UserRow[] {
    return this.all.all() as UserRow[];
  }

  count(): number {
    return this.countAll.get() as number;
  }

  activeAdminCount(): number {
    return this.countAdmins.get() as number;
  }

  groupIds(userId: string): string[] {
    return this.groupsOf.all(userId) as string[];
  }
}
