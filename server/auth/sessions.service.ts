// Sign-in sessions: a random cookie value whose hash is stored in SQLite. A session ends at logout, after
// `idleMs` without a request, or `maxAgeMs` after sign-in, whichever comes first.
import { newSecret, sha256 } from './passwords.js';
import type { SessionRow, SessionsRepo } from './sessions.repo.js';

export interface SessionsServiceDeps {
  repo: SessionsRepo;
  idleMs: number;
  maxAgeMs: number;
  now?: () => number;
}

/** last_seen_at is written at most this often per session, so reading pages does not mean writing rows. */
const TOUCH_INTERVAL_MS = 60_000;

export class SessionsService {
  constructor(private readonly deps: SessionsServiceDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Returns the cookie value; it is never stored. */
  create(userId: string): { cookie: string; idHash: string; expiresAt: number } {
    const { secret, hash } = newSecret();
    const now = this.now();
    const expiresAt = now + this.deps.maxAgeMs;
    this.deps.repo.create({ idHash: hash, userId, now, expiresAt });
    return { cookie: secret, idHash: hash, expiresAt };
  }

  /** The live session for a cookie value, or null. Refreshes its idle timer. */
  resolve(cookie: string): SessionRow | null {
    if (cookie.length < 20 || cookie.length > 100) return null;
    return this.resolveHash(sha256(cookie), true);
  }

  /** For open sockets, which hold the hash: is the session still valid? */
  resolveHash(idHash: string, touch = false): SessionRow | null {
    const row = this.deps.repo.find(idHash);
    if (!row) return null;
    const now = this.now();
    if (row.expires_at <= now || row.last_seen_at + this.deps.idleMs <= now) {
      this.deps.repo.delete(idHash);
      return null;
    }
    if (touch && now - row.last_seen_at > TOUCH_INTERVAL_MS) this.deps.repo.touch(idHash, now);
    return row;
  }

  destroy(idHash: string): void {
    this.deps.repo.delete(idHash);
  }

  destroyForUser(userId: string): void {
    this.deps.repo.deleteForUser(userId);
  }

  purgeExpired(): number {
    const now = this.now();
    return this.deps.repo.deleteExpired(now, now - this.deps.idleMs);
  }
}
