// OpenID Connect relying party (authorization code flow with PKCE S256, state and nonce) over openid-client.
// Every failure surfaces as OidcError; nothing here logs, and no error message carries a token or the client secret.
import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Space-separated; must include `openid`, e.g. 'openid profile email'. */
  scopes: string;
}

/** Per-login secrets kept by the caller (e.g. in a short-lived signed cookie) between begin() and complete(). */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  username: string;
  displayName: string;
  /** null when absent, or when the provider says it is not verified (email_verified: false). */
  email: string | null;
}

/** Carries no underlying error object (see reason()); `code` and `oauthError` say what kind of failure it was. */
export class OidcError extends Error {
  /** openid-client's code, e.g. OAUTH_INVALID_RESPONSE, OAUTH_JWT_CLAIM_COMPARISON_FAILED. */
  readonly code?: string;
  /** The provider's OAuth error, e.g. invalid_grant, access_denied. */
  readonly oauthError?: string;

  constructor(message: string, details: { code?: string; oauthError?: string } = {}) {
    super(message);
    this.name = 'OidcError';
    this.code = details.code;
    this.oauthError = details.oauthError;
  }
}

/** Seconds; also applies to every later request made with the discovered configuration. */
const REQUEST_TIMEOUT_S = 10;

/**
 * A short reason from an openid-client / oauth4webapi error: its message, the more specific message of its
 * cause, and the OAuth error code. Deliberately not the error objects themselves: their nested causes can hold
 * the authorization code, the token response or id_token claims.
 */
function reason(err: unknown): { text: string; code?: string; oauthError?: string } {
  if (!(err instanceof Error)) return { text: 'unknown error' };
  const parts = [err.message];
  const cause = err.cause;
  if (cause instanceof Error && cause.message && cause.message !== err.message) parts.push(cause.message);
  const details = err as { code?: unknown; error?: unknown; error_description?: unknown };
  const oauthError = typeof details.error === 'string' ? details.error : undefined;
  if (oauthError) parts.push(`error=${oauthError}`);
  if (typeof details.error_description === 'string') parts.push(`(${details.error_description.slice(0, 200)})`);
  const code = typeof details.code === 'string' ? details.code : undefined;
  return { text: parts.join(': '), code, oauthError };
}

function fail(prefix: string, err: unknown): OidcError {
  const { text, code, oauthError } = reason(err);
  return new OidcError(`${prefix}: ${text}`, { code, oauthError });
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new OidcError(`OIDC setting ${name} is missing`);
  return value.trim();
}

function parseUrl(value: string, name: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new OidcError(`OIDC setting ${name} is not a valid URL`);
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const PROFILE_CLAIMS = ['preferred_username', 'name', 'email'] as const;

export class OidcRelyingParty {
  private constructor(
    private readonly config: client.Configuration,
    private readonly settings: OidcSettings,
  ) {}

  /** Fetches the issuer's discovery document. Throws OidcError on bad settings or an unreachable/invalid issuer. */
  static async discover(settings: OidcSettings, options: { allowInsecureHttp?: boolean } = {}): Promise<OidcRelyingParty> {
    const clean: OidcSettings = {
      issuer: requireText(settings?.issuer, 'issuer'),
      clientId: requireText(settings?.clientId, 'clientId'),
      clientSecret: requireText(settings?.clientSecret, 'clientSecret'),
      redirectUri: requireText(settings?.redirectUri, 'redirectUri'),
      scopes: requireText(settings?.scopes, 'scopes').split(/\s+/).join(' '),
    };
    if (!clean.scopes.split(' ').includes('openid')) throw new OidcError('OIDC setting scopes must include "openid"');
    const issuer = parseUrl(clean.issuer, 'issuer');
    const redirect = parseUrl(clean.redirectUri, 'redirectUri');
    if (!options.allowInsecureHttp) {
      if (issuer.protocol !== 'https:') throw new OidcError('OIDC issuer must use https');
      if (redirect.protocol !== 'https:') throw new OidcError('OIDC redirectUri must use https');
    }

    let config: client.Configuration;
    try {
      config = await client.discovery(
        issuer,
        clean.clientId,
        { redirect_uris: [clean.redirectUri], response_types: ['code'] },
        client.ClientSecretBasic(clean.clientSecret),
        {
          timeout: REQUEST_TIMEOUT_S,
          // openid-client refuses plain http unless told; opt-in for loopback tests only.
          execute: options.allowInsecureHttp ? [client.allowInsecureRequests] : [],
        },
      );
    } catch (err) {
      throw fail(`OIDC discovery failed for issuer ${issuer.href}`, err);
    }
    return new OidcRelyingParty(config, clean);
  }

  /** Builds the authorization URL with PKCE (S256), state and nonce. */
  async begin(): Promise<{ url: string; checks: OidcChecks }> {
    const checks: OidcChecks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    try {
      const url = client.buildAuthorizationUrl(this.config, {
        redirect_uri: this.settings.redirectUri,
        scope: this.settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url: url.href, checks };
    } catch (err) {
      throw fail('OIDC authorization request could not be built', err);
    }
  }

  /**
   * Completes the code flow from the callback URL; validates state, nonce, PKCE, id_token.
   * Only the callback's query is used: it is bound to the configured redirectUri (what the token endpoint
   * expects), so a proxy rewriting host or scheme does not matter. Throws OidcError on any failure.
   */
  async complete(callbackUrl: URL, checks: OidcChecks): Promise<OidcIdentity> {
    // An empty expected state or nonce would turn openid-client's checks into "expect none": refuse instead.
    const state = text(checks?.state);
    const nonce = text(checks?.nonce);
    const codeVerifier = text(checks?.codeVerifier);
    if (!state || !nonce || !codeVerifier) throw new OidcError('OIDC login checks are missing (state, nonce or code verifier)');
    if (!(callbackUrl instanceof URL)) throw new OidcError('OIDC callback URL is invalid');

    const current = new URL(this.settings.redirectUri);
    current.search = callbackUrl.search;
    current.hash = '';

    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(this.config, current, {
        expectedState: state,
        expectedNonce: nonce,
        pkceCodeVerifier: codeVerifier,
        idTokenExpected: true,
      });
    } catch (err) {
      throw fail('OIDC login could not be completed', err);
    }

    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcError('OIDC provider returned no id_token');
    const claims: Record<string, unknown> = { ...idClaims };

    const lacksProfile = PROFILE_CLAIMS.some((name) => text(idClaims[name]) === null);
    if (lacksProfile && this.config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      try {
        // The subject check makes userinfo for another user an error rather than a silent swap.
        const info = await client.fetchUserInfo(this.config, tokens.access_token, idClaims.sub);
        for (const name of [...PROFILE_CLAIMS, 'email_verified'] as const) {
          if (claims[name] === undefined && info[name] !== undefined) claims[name] = info[name];
        }
      } catch (err) {
        throw fail('OIDC userinfo request failed', err);
      }
    }

    const subject = idClaims.sub;
    const email = claims.email_verified === false ? null : text(claims.email);
    const emailLocal = email ? text(email.split('@')[0]) : null;
    const username = text(claims.preferred_username) ?? emailLocal ?? subject;
    return {
      issuer: idClaims.iss,
      subject,
      username,
      displayName: text(claims.name) ?? username,
      email,
    };
  }
}
