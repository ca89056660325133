// SQL for sign-in sessions. Only the SHA-256 of a session cookie is stored.
import type { Db } from '../plugins/db.js';

export interface SessionRow {
  id_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export class SessionsRepo {
  private readonly insert;
  private readonly byHash;
  private readonly touchOne;
  private readonly remove;
  private readonly removeForUser;
  private readonly removeExpired;
  private readonly hashesForUser;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
      VALUES (@idHash, @userId, @now, @now, @expiresAt)`);
    this.byHash = db.prepare('SELECT * FROM sessions WHERE id_hash = ?');
    this.touchOne = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?');
    this.remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
    this.removeForUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
    this.removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?');
    this.hashesForUser = db.prepare('SELECT id_hash FROM sessions WHERE user_id = ?').pluck();
  }

  create(session: { idHash: string; userId: string; now: number; expiresAt: number }): void {
    this.insert.run(session);
  }

  find(idHash: string): SessionRow | undefined {
    return this.byHash.get(idHash) as SessionRow | undefined;
  }

  touch(idHash: string, now: number): void {
    this.touchOne.run(now, idHash);
  }

  delete(idHash: string): void {
    this.remove.run(idHash);
  }

  deleteForUser(userId: string): string[] {
    const hashes = this.hashesForUser.all(userId) as string[];
    this.removeForUser.run(userId);
    return hashes;
  }

  deleteExpired(now: number, idleBefore: number): number {
    return this.removeExpired.run(now, idleBefore).changes;
  }
}
