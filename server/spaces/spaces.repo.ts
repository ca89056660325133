// SQL for spaces and the group grants of restricted spaces.
import type { Db } from '../plugins/db.js';
import type { Classification, SpaceAccessRule } from '../auth/permissions.js';

export interface SpaceRow {
  id: string;
  slug: string;
  slug_key: string;
  name: string;
  description: string;
  classification: Classification;
  access: SpaceAccessRule;
  created_at: number;
  updated_at: number;
}

export interface GrantRow {
  space_id: string;
  group_id: string;
  role: 'reader' | 'editor';
}

export class SpacesRepo {
  private readonly all;
  private readonly allGrants;
  private readonly insert;
  private readonly updateOne;
  private readonly clearGrants;
  private readonly insertGrant;
  private readonly pageCounts;
  private readonly setGrantsTx;

  constructor(db: Db) {
    this.all = db.prepare('SELECT * FROM spaces ORDER BY slug_key');
    this.allGrants = db.prepare('SELECT * FROM space_grants');
    this.insert = db.prepare(`INSERT INTO spaces (id, slug, slug_key, name, description, classification, access, created_at, updated_at)
      VALUES (@id, @slug, lower(@slug), @name, @description, @classification, @access, @now, @now)`);
    this.updateOne = db.prepare(`UPDATE spaces SET name = @name, description = @description,
      classification = @classification, access = @access, updated_at = @now WHERE id = @id`);
    this.clearGrants = db.prepare('DELETE FROM space_grants WHERE space_id = ?');
    this.insertGrant = db.prepare('INSERT INTO space_grants (space_id, group_id, role) VALUES (?, ?, ?)');
    this.pageCounts = db.prepare('SELECT space_id, count(*) AS n FROM pages GROUP BY space_id');
    this.setGrantsTx = db.transaction((spaceId: string, grants: { groupId: string; role: 'reader' | 'editor' }[]) => {
      this.clearGrants.run(spaceId);
      for (const grant of grants) this.insertGrant.run(spaceId, grant.groupId, grant.role);
    });
  }

  /** Spaces are few; the service keeps them all in memory. */
  list(): SpaceRow[] {
    return this.all.all() as SpaceRow[];
  }

  grants(): GrantRow[] {
    return this.allGrants.all() as GrantRow[];
  }

  pageCountsById(): Map<string, number> {
    return new Map((this.pageCounts.all() as { space_id: string; n: number }[]).map((r) => [r.space_id, r.n]));
  }

  create(space: { id: string; slug: string; name: string; description: string; classification: Classification; access: SpaceAccessRule; now: number }): void {
    this.insert.run(space);
  }

  update(space: { id: string; name: string; description: string; classification: Classification; access: SpaceAccessRule; now: number }): void {
    this.updateOne.run(space);
  }

  setGrants(spaceId: string, grants: { groupId: string; role: 'reader' | 'editor' }[]): void {
    this.setGrantsTx(spaceId, grants);
  }
}
