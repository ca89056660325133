// SQL for API tokens. Only the SHA-256 of a token is stored.
import type { Db } from '../plugins/db.js';
import type { TokenScope } from '../auth/permissions.js';

export interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  scope: TokenScope;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export class TokensRepo {
  private readonly insert;
  private readonly byHash;
  private readonly byId;
  private readonly forUser;
  private readonly revokeOne;
  private readonly used;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO api_tokens (id, user_id, name, scope, token_hash, created_at)
      VALUES (@id, @userId, @name, @scope, @hash, @now)`);
    this.byHash = db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?');
    this.byId = db.prepare('SELECT * FROM api_tokens WHERE id = ?');
    this.forUser = db.prepare('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC');
    this.revokeOne = db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.used = db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  }

  create(token: { id: string; userId: string; name: string; scope: TokenScope; hash: string; now: number }): void {
    this.insert.run(token);
  }

  findByHash(hash: string): TokenRow | undefined {
    return this.byHash.get(hash) as TokenRow | undefined;
  }

  findById(id: string): TokenRow | undefined {
    return this.byId.get(id) as TokenRow | undefined;
  }

  listForUser(userId: string): TokenRow[] {
    return this.forUser.all(userId) as TokenRow[];
  }

  revoke(id: string, now: number): boolean {
    return this.revokeOne.run(now, id).changes > 0;
  }

  markUsed(id: string, now: number): void {
    this.used.run(now, id);
  }
}
