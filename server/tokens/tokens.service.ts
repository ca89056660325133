// API tokens for portals and scripts: `Authorization: Bearer ens_…`. A token acts as its account, capped
// at its scope (read or write). The secret is shown once at creation; only its hash is kept.
import { customAlphabet } from 'nanoid';
import type { Actor, AuditService } from '../audit/audit.service.js';
import { newSecret, sha256 } from '../auth/passwords.js';
import type { TokenScope } from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import type { TokenRow, TokensRepo } from './tokens.repo.js';

const newTokenId = customAlphabet('23456789abcdefghjkmnpqrstuvwxyz', 12);
export const TOKEN_PREFIX = 'ens_';
const LAST_USED_INTERVAL_MS = 60_000;

export interface TokensServiceDeps {
  repo: TokensRepo;
  audit: AuditService;
  onRevoked(tokenId: string): void;
  now?: () => number;
}

export class TokensService {
  constructor(private readonly deps: TokensServiceDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  create(userId: string, input: { name: string; scope: TokenScope }, actor: Actor): { token: TokenRow; secret: string } {
    const name = input.name.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
    if (name.length < 1 || name.length > 80) throw errors.invalidInput('A token name has 1 to 80 characters.');
    if (input.scope !== 'read' && input.scope !== 'write') throw errors.invalidInput('A token scope is read or write.');
    const { secret, hash } = newSecret(TOKEN_PREFIX);
    const id = newTokenId();
    this.deps.repo.create({ id, userId, name, scope: input.scope, hash, now: this.now() });
    this.deps.audit.record(actor, 'token.created', { type: 'token', id }, { name, scope: input.scope, owner: userId });
    return { token: this.deps.repo.findById(id)!, secret };
  }

  /** The live token for a bearer value, or null. */
  resolve(secret: string): TokenRow | null {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return null;
    const row = this.deps.repo.findByHash(sha256(secret));
    if (!row || row.revoked_at !== null) return null;
    const now = this.now();
    if (row.last_used_at === null || now - row.last_used_at > LAST_USED_INTERVAL_MS) this.deps.repo.markUsed(row.id, now);
    return row;
  }

  isLive(tokenId: string): boolean {
    const row = this.deps.repo.findById(tokenId);
    return row !== undefined && row.revoked_at === null;
  }

  find(id: string): TokenRow | undefined {
    return this.deps.repo.findById(id);
  }

  listForUser(userId: string): TokenRow[] {
    return this.deps.repo.listForUser(userId);
  }

  revoke(id: string, actor: Actor): void {
    const row = this.deps.repo.findById(id);
    if (!row) throw errors.notFound('token');
    if (this.deps.repo.revoke(id, this.now())) {
      this.deps.audit.record(actor, 'token.revoked', { type: 'token', id }, { name: row.name, owner: row.user_id });
      this.deps.onRevoked(id);
    }
  }
}
