// Turns what a request carries into a Principal: a bearer token, a header from a trusted proxy, or a
// session cookie, in that order. The same checks re-run for open sockets (recheck), so revoking a token,
// ending a session or disabling an account also ends live editing. Feed routes also take an API token as
// `?token=` (feed readers cannot send headers): only where the route asks for it, capped at read scope, and
// redacted from every logged URL (redactQueryToken).
import proxyAddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';
import type { AuthConfig } from '../plugins/config.js';
import type { UserRow } from '../users/users.repo.js';
import type { UsersService } from '../users/users.service.js';
import { toAccount } from '../users/users.service.js';
import { anonymous, type Credential, type Principal } from './permissions.js';
import type { SessionsService } from './sessions.service.js';
import type { TokensService } from '../tokens/tokens.service.js';

export const SESSION_COOKIE = 'ens_session';
/** The query parameter that carries an API token on routes that accept one (`config: { queryToken: true }`). */
export const QUERY_TOKEN_PARAM = 'token';

/**
 * A request URL as it may be logged: the value of every `token` parameter replaced, whatever the route, and
 * however the name is spelled (case, percent-encoding), so no spelling the query parser accepts gets through.
 */
export function redactQueryToken(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const params = url.slice(start + 1).split('&').map((param) => {
    const eq = param.indexOf('=');
    const name = eq === -1 ? param : param.slice(0, eq);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // not percent-encoded text: compared as it is
    }
    return decoded.trim().toLowerCase() === QUERY_TOKEN_PARAM ? `${name}=[redacted]` : param;
  });
  return `${url.slice(0, start + 1)}${params.join('&')}`;
}

export interface AuthenticatorDeps {
  users: UsersService;
  sessions: SessionsService;
  tokens: TokensService;
  auth: AuthConfig;
  trustedProxies: readonly string[];
}

export type Authentication = { principal: Principal; problem: null } | { principal: Principal; problem: 'invalid-token' };

export class Authenticator {
  private readonly isTrustedProxy: (addr: string, i: number) => boolean;

  constructor(private readonly deps: AuthenticatorDeps) {
    this.isTrustedProxy = proxyAddr.compile([...deps.trustedProxies]);
  }

  principalFor(row: UserRow, credential: Credential): Principal {
    return { kind: 'user', account: toAccount(row), groupIds: new Set(this.deps.users.groupIds(row.id)), credential };
  }

  /**
   * @param queryToken the `token` query parameter, given only for routes that accept one (feeds). A token in an
   *   address is easier to leak than a header, so it reads and never writes, whatever its scope.
   */
  async authenticate(raw: IncomingMessage, cookies: Record<string, string | undefined>, queryToken?: unknown): Promise<Authentication> {
    const authorization = raw.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      return this.fromToken(match ? match[1] : null);
    }
    if (queryToken !== undefined) return this.fromToken(typeof queryToken === 'string' ? queryToken : null, 'read');

    if (this.deps.auth.mode === 'header') {
      const value = raw.headers[this.deps.auth.proxyHeader];
      // The header is believed only when the connection itself comes from a configured proxy.
      if (typeof value === 'string' && value.trim() !== '' && this.fromTrustedProxy(raw)) {
        const row = await this.deps.users.provisionFromHeader(value.trim(), raw.socket.remoteAddress ?? null);
        if (row) return { principal: this.principalFor(row, { kind: 'header' }), problem: null };
        return { principal: anonymous, problem: null };
      }
    }

    const cookie = cookies[SESSION_COOKIE];
    if (cookie) {
      const session = this.deps.sessions.resolve(cookie);
      const row = session ? this.deps.users.findById(session.user_id) : undefined;
      if (session && row && !row.disabled) {
        return { principal: this.principalFor(row, { kind: 'session', sessionHash: session.id_hash }), problem: null };
      }
    }
    return { principal: anonymous, problem: null };
  }

  private fromToken(secret: string | null, cap?: 'read'): Authentication {
    const token = secret ? this.deps.tokens.resolve(secret) : null;
    const row = token ? this.deps.users.findById(token.user_id) : undefined;
    if (!token || !row || row.disabled) return { principal: anonymous, problem: 'invalid-token' };
    return { principal: this.principalFor(row, { kind: 'token', tokenId: token.id, scope: cap ?? token.scope }), problem: null };
  }

  fromTrustedProxy(raw: IncomingMessage): boolean {
    const address = raw.socket.remoteAddress;
    return address !== undefined && this.isTrustedProxy(address, 0);
  }

  /**
   * For an open socket: the principal its credential stands for now (roles and groups may have changed),
   * or null when the credential no longer holds (session ended, token revoked, account disabled).
   */
  recheck(userId: string, credential: Credential): Principal | null {
    const row = this.deps.users.findById(userId);
    if (!row || row.disabled) return null;
    if (credential.kind === 'session') {
      const session = this.deps.sessions.resolveHash(credential.sessionHash);
      if (!session || session.user_id !== userId) return null;
    } else if (credential.kind === 'token') {
      if (!this.deps.tokens.isLive(credential.tokenId)) return null;
    }
    return this.principalFor(row, credential);
  }
}
