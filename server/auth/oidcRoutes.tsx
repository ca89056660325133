// OpenID Connect sign-in, registered when WIKI_AUTH is oidc: /auth/oidc/start sends the browser to the provider
// with fresh checks (state, nonce, PKCE verifier) sealed in a short-lived cookie that the browser can neither
// read nor forge; /auth/oidc/callback uses that cookie once, completes the exchange, and signs in the account
// it provisions. A provider that is down costs a sign-in page, never the rest of the site.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSecureRequest } from '../plugins/auth.js';
import { AppError } from '../plugins/errors.js';
import { loadOrCreateSecret } from '../plugins/secret.js';
import type { UserRow } from '../users/users.repo.js';
import type { ClientAssets } from '../web/assets.js';
import { sendView, viewContext } from '../web/routes.js';
import { signInUrl } from '../web/views/Layout.js';
import { SignInFailedPage } from '../web/views/LoginPage.js';
import { OidcError, OidcRelyingParty, type OidcChecks } from './oidc.js';
import { auditUsername, completeSignIn, safeNext, secureCookies } from './signIn.js';

/** Holds the OpenID Connect checks (state, nonce, PKCE verifier) between the redirect out and the callback. */
const OIDC_COOKIE = 'ens_oidc';
const OIDC_COOKIE_PATH = '/auth/oidc';
const OIDC_PENDING_MS = 10 * 60_000;
/** A limiter key that is not a valid username: failed callbacks use up their address's attempts, no account's. */
const OIDC_LIMITER_KEY = '\u0000oidc';

/** Authenticated encryption (AES-256-GCM) of a small value for a cookie: the browser can neither read nor forge it. */
function cookieSealer(secret: string) {
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'ensemble', 'oidc pending sign-in', 32));
  return {
    seal(value: unknown): string {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed: string): unknown {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
      } catch {
        return null;
      }
    },
  };
}

interface PendingOidc {
  checks: OidcChecks;
  next: string;
  expiresAt: number;
}

function isPendingOidc(value: unknown): value is PendingOidc {
  const v = value as PendingOidc | null;
  return (
    typeof v === 'object' && v !== null && typeof v.next === 'string' && typeof v.expiresAt === 'number' &&
    typeof v.checks?.state === 'string' && typeof v.checks?.nonce === 'string' && typeof v.checks?.codeVerifier === 'string'
  );
}

export async function oidcRoutes(app: FastifyInstance, { assets }: { assets: ClientAssets }) {
  const { auth, publicUrl } = app.config;
  if (auth.mode !== 'oidc' || !auth.oidc) return;
  const { users, audit, signInLimiter } = app.services;
  const oidc = auth.oidc;
  const sealer = cookieSealer(auth.secret ?? loadOrCreateSecret(app.services.db, 'csrf_secret'));
  /** Discovered on first use and kept; a failed discovery is forgotten so the next sign-in tries again. */
  let relyingParty: Promise<OidcRelyingParty> | null = null;
  const discover = () => {
    if (relyingParty) return relyingParty;
    const attempt = OidcRelyingParty.discover(
      { issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret, scopes: oidc.scopes, redirectUri: `${publicUrl}/auth/oidc/callback` },
      { allowInsecureHttp: oidc.allowInsecureIssuer },
    );
    relyingParty = attempt;
    attempt.catch(() => {
      if (relyingParty === attempt) relyingParty = null;
    });
    return attempt;
  };

  const failedPage = (request: FastifyRequest, reply: FastifyReply, message: string, status: number, next = '/') =>
    sendView(reply, <SignInFailedPage ctx={viewContext(request, assets)} message={message} retryUrl={signInUrl(next)} />, status);

  /** The provider could not be reached or answered nonsense: say so, and keep serving everything else. */
  const unavailable = (request: FastifyRequest, reply: FastifyReply, error: unknown, next: string) => {
    request.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'OpenID Connect provider unavailable');
    return failedPage(request, reply, request.t('login.oidcUnavailable'), 503, next);
  };

  /**
   * Failed callbacks are audited within the per-address attempt budget: anyone can make one fail, and a log
   * that fills without bound is a way to bring the server down. Successful sign-ins are not counted, as a
   * whole department often shares one address.
   */
  const auditFailure = (request: FastifyRequest, username: string | null, reason: string) => {
    if (!signInLimiter.allow(OIDC_LIMITER_KEY, request.ip)) return;
    audit.record(request.actor, 'auth.sign_in_failed', null, { username: username && auditUsername(username), method: 'oidc', reason });
  };

  app.get<{ Querystring: { next?: string } }>('/auth/oidc/start', async (request, reply) => {
    const next = safeNext(request.query.next);
    let started: Awaited<ReturnType<OidcRelyingParty['begin']>>;
    try {
      started = await (await discover()).begin();
    } catch (error) {
      return unavailable(request, reply, error, next);
    }
    const pending: PendingOidc = { checks: started.checks, next, expiresAt: Date.now() + OIDC_PENDING_MS };
    reply.setCookie(OIDC_COOKIE, sealer.seal(pending), {
      path: OIDC_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: isSecureRequest(request, secureCookies(app)),
      maxAge: OIDC_PENDING_MS / 1000,
    });
    return reply.redirect(started.url, 303);
  });

  app.get('/auth/oidc/callback', async (request, reply) => {
    const { t } = request;
    const sealed = request.cookies[OIDC_COOKIE];
    // One use only, whatever happens next.
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
    const pending = sealed ? sealer.open(sealed) : null;
    if (!isPendingOidc(pending) || pending.expiresAt <= Date.now()) return failedPage(request, reply, t('login.oidcExpired'), 400);
    const next = safeNext(pending.next);

    let rp: OidcRelyingParty;
    try {
      rp = await discover();
    } catch (error) {
      return unavailable(request, reply, error, next);
    }
    let user: UserRow | null;
    let username: string | null = null;
    try {
      const identity = await rp.complete(new URL(request.url, 'http://callback.invalid'), pending.checks);
      username = identity.username;
      user = await users.provisionFromOidc(identity, request.ip);
    } catch (error) {
      if (!(error instanceof OidcError) && !(error instanceof AppError && error.statusCode < 500)) throw error;
      const reason = error instanceof OidcError ? (error.oauthError ?? error.code ?? 'failed') : 'provisioning';
      request.log.warn({ reason, message: error.message }, 'OpenID Connect sign-in failed');
      auditFailure(request, username, reason);
      return failedPage(request, reply, t('login.oidcFailed'), 400, next);
    }
    if (!user) {
      auditFailure(request, username, 'disabled');
      return failedPage(request, reply, t('login.accountDisabled'), 403, next);
    }
    return completeSignIn(app, request, reply, user, 'oidc', next);
  });
}
