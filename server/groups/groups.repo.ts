// SQL for groups and their members.
import type { Db } from '../plugins/db.js';

export interface GroupRow {
  id: string;
  name: string;
  name_key: string;
  description: string;
  created_at: number;
}

export interface MemberRow {
  id: string;
  username: string;
  display_name: string;
}

export class GroupsRepo {
  private readonly byId;
  private readonly byKey;
  private readonly all;
  private readonly insert;
  private readonly updateOne;
  private readonly remove;
  private readonly members;
  private readonly addMember;
  private readonly removeMember;
  private readonly memberCounts;

  constructor(db: Db) {
    this.byId = db.prepare('SELECT * FROM groups WHERE id = ?');
    this.byKey = db.prepare('SELECT * FROM groups WHERE name_key = ?');
    this.all = db.prepare('SELECT * FROM groups ORDER BY name_key');
    this.insert = db.prepare('INSERT INTO groups (id, name, name_key, description, created_at) VALUES (@id, @name, lower(@name), @description, @now)');
    this.updateOne = db.prepare('UPDATE groups SET name = @name, name_key = lower(@name), description = @description WHERE id = @id');
    this.remove = db.prepare('DELETE FROM groups WHERE id = ?');
    this.members = db.prepare(`SELECT u.id, u.username, u.display_name FROM group_members m JOIN users u ON u.id = m.user_id
      WHERE m.group_id = ? ORDER BY u.username_key`);
    this.addMember = db.prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)');
    this.removeMember = db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?');
    this.memberCounts = db.prepare('SELECT group_id, count(*) AS n FROM group_members GROUP BY group_id');
  }

  findById(id: string): GroupRow | undefined {
    return this.byId.get(id) as GroupRow | undefined;
  }

  findByName(name: string): GroupRow | undefined {
    return this.byKey.get(name.toLowerCase()) as GroupRow | undefined;
  }

  list(): GroupRow[] {
    return this.all.all() as GroupRow[];
  }

  memberCountsById(): Map<string, number> {
    return new Map((this.memberCounts.all() as { group_id: string; n: number }[]).map((r) => [r.group_id, r.n]));
  }

  create(group: { id: string; name: string; description: string; now: number }): void {
    this.insert.run(group);
  }

  update(group: { id: string; name: string; description: string }): void {
    this.updateOne.run(group);
  }

  delete(id: string): void {
    this.remove.run(id);
  }

  listMembers(groupId: string): MemberRow[] {
    return this.members.all(groupId) as MemberRow[];
  }

  /** Returns true when the user was not already a member. */
  add(groupId: string, userId: string): boolean {
    return this.addMember.run(groupId, userId).changes > 0;
  }

  removeFrom(groupId: string, userId: string): boolean {
    return this.removeMember.run(groupId, userId).changes > 0;
  }
}
