// The audit log: who did what to accounts, groups, spaces, tokens and pages, and every sign-in attempt.
// Details are plain facts (names, roles, scopes); secrets and passwords never reach it.
import type { AuditRepo, AuditRow } from './audit.repo.js';

export const auditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'setup.first_admin',
  'user.created',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.password_changed',
  'user.profile_changed',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
  'space.created',
  'space.updated',
  'space.grant_changed',
  'token.created',
  'token.revoked',
  'page.deleted',
  'page.moved',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Who acted: an account, an anonymous visitor (failed sign-in) or the command line. */
export interface Actor {
  id: string | null;
  name: string;
  ip: string | null;
}

export const cliActor: Actor = { id: null, name: 'command line', ip: null };

export interface AuditEvent {
  id: number;
  at: number;
  actor: { id: string | null; name: string };
  action: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export class AuditService {
  constructor(
    private readonly repo: AuditRepo,
    private readonly now: () => number = Date.now,
  ) {}

  record(actor: Actor, action: AuditAction, target: { type: string; id: string } | null, details: Record<string, unknown> = {}): void {
    this.repo.append({
      at: this.now(),
      actorId: actor.id,
      actorName: actor.name,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      details: JSON.stringify(details),
      ip: actor.ip,
    });
  }

  list(limit: number, beforeId?: number): { events: AuditEvent[]; more: boolean } {
    const rows = this.repo.list(limit + 1, beforeId);
    return { events: rows.slice(0, limit).map(present), more: rows.length > limit };
  }
}

function present(row: AuditRow): AuditEvent {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    // A row written by hand; show it without details rather than fail the whole list.
  }
  return {
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name },
    action: row.action,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    details,
    ip: row.ip,
  };
}
