// SQL for the audit log: append-only; read newest first with keyset pagination on id.
import type { Db } from '../plugins/db.js';

export interface AuditRow {
  id: number;
  at: number;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  ip: string | null;
}

export class AuditRepo {
  private readonly insert;
  private readonly first;
  private readonly after;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO audit_events (at, actor_id, actor_name, action, target_type, target_id, details, ip)
      VALUES (@at, @actorId, @actorName, @action, @targetType, @targetId, @details, @ip)`);
    this.first = db.prepare('SELECT * FROM audit_events ORDER BY id DESC LIMIT ?');
    this.after = db.prepare('SELECT * FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT ?');
  }

  append(event: { at: number; actorId: string | null; actorName: string; action: string; targetType: string | null; targetId: string | null; details: string; ip: string | null }): void {
    this.insert.run(event);
  }

  list(limit: number, beforeId?: number): AuditRow[] {
    return (beforeId === undefined ? this.first.all(limit) : this.after.all(beforeId, limit)) as AuditRow[];
  }
}
