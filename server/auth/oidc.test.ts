// The relying party against a real OpenID Provider (oidc-provider) on loopback: the whole code flow over HTTP.
import { jest, describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { OidcError, OidcRelyingParty, type OidcSettings } from './oidc.js';
import { followAuthorization, startOidcProvider, type TestOidcProvider } from '../../tests/helpers/oidcProvider.js';

// Never requested: followAuthorization stops at the redirect to it.
const REDIRECT_URI = 'http://127.0.0.1:9/auth/oidc/callback';
jest.setTimeout(20_000);

const ACCOUNT = {
  sub: 'user-7f3a',
  preferred_username: 'ada',
  name: 'Ada Lovelace',
  email: 'ada.lovelace@example.gc.ca',
};

describe('OidcRelyingParty against oidc-provider', () => {
  let op: TestOidcProvider;
  let settings: OidcSettings;
  let rp: OidcRelyingParty;

  beforeAll(async () => {
    op = await startOidcProvider({ redirectUris: [REDIRECT_URI], account: ACCOUNT });
    settings = {
      issuer: op.issuer,
      clientId: op.clientId,
      clientSecret: op.clientSecret,
      redirectUri: REDIRECT_URI,
      scopes: 'openid profile email',
    };
    rp = await OidcRelyingParty.discover(settings, { allowInsecureHttp: true });
  });

  afterAll(async () => {
    await op?.close();
  });

  async function authorize() {
    const { url, checks } = await rp.begin();
    const callback = await followAuthorization(url);
    return { url: new URL(url), checks, callback };
  }

  it('completes a round trip and maps the account to an identity', async () => {
    const { url, checks, callback } = await authorize();
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBeTruthy();
    expect(url.searchParams.get('code_challenge')).not.toBe(checks.codeVerifier);
    expect(url.searchParams.get('state')).toBe(checks.state);
    expect(url.searchParams.get('nonce')).toBe(checks.nonce);
    expect(url.searchParams.get('scope')).toBe('openid profile email');
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe(checks.state);

    // The provider keeps profile claims out of the id_token (conformIdTokenClaims), so this also goes through userinfo.
    const before = op.requests.length;
    const identity = await rp.complete(callback, checks);
    const metadata = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as {
      userinfo_endpoint: string;
    };
    const userinfoPath = new URL(metadata.userinfo_endpoint).pathname;
    expect(op.requests.slice(before)).toContain(`GET ${userinfoPath}`);
    expect(identity).toEqual({
      issuer: op.issuer,
      subject: ACCOUNT.sub,
      username: 'ada',
      displayName: 'Ada Lovelace',
      email: 'ada.lovelace@example.gc.ca',
    });
  });

  it('rejects a callback whose state does not match, before spending the code', async () => {
    const { checks, callback } = await authorize();
    const err = await rp.complete(callback, { ...checks, state: 'not-the-state' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OidcError);
    expect((err as Error).message).toMatch(/state/i);
    expect((err as OidcError).code).toBe('OAUTH_INVALID_RESPONSE');
    // The mismatch was caught locally, so the genuine checks can still redeem the code.
    await expect(rp.complete(callback, checks)).resolves.toMatchObject({ subject: ACCOUNT.sub });
  });

  it('rejects a replayed authorization code', async () => {
    const { checks, callback } = await authorize();
    await expect(rp.complete(callback, checks)).resolves.toMatchObject({ subject: ACCOUNT.sub });
    const err = await rp.complete(callback, checks).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OidcError);
    expect((err as OidcError).oauthError).toBe('invalid_grant');
  });

  it('rejects an id_token whose nonce does not match', async () => {
    const { checks, callback } = await authorize();
    const err = await rp.complete(callback, { ...checks, nonce: 'tampered-nonce' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OidcError);
    expect((err as Error).message).toMatch(/nonce/i);
    expect((err as OidcError).code).toBe('OAUTH_JWT_CLAIM_COMPARISON_FAILED');
  });

  it('rejects a wrong PKCE code verifier', async () => {
    const { checks, callback } = await authorize();
    const other = await rp.begin();
    const err = await rp.complete(callback, { ...checks, codeVerifier: other.checks.codeVerifier }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OidcError);
    expect((err as OidcError).oauthError).toBe('invalid_grant');
  });

  it('is served by a provider that requires PKCE', async () => {
    const { url } = await rp.begin();
    const withoutPkce = new URL(url);
    withoutPkce.searchParams.delete('code_challenge');
    withoutPkce.searchParams.delete('code_challenge_method');
    const callback = await followAuthorization(withoutPkce.href);
    expect(callback.searchParams.get('code')).toBeNull();
    expect(callback.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses empty checks rather than skipping them', async () => {
    const { checks, callback } = await authorize();
    await expect(rp.complete(callback, { ...checks, state: '' })).rejects.toBeInstanceOf(OidcError);
    await expect(rp.complete(callback, { ...checks, nonce: '' })).rejects.toBeInstanceOf(OidcError);
  });

  it('reports an error response from the provider as OidcError', async () => {
    const { checks } = await rp.begin();
    const callback = new URL(REDIRECT_URI);
    callback.searchParams.set('error', 'access_denied');
    callback.searchParams.set('state', checks.state);
    callback.searchParams.set('iss', op.issuer);
    const err = await rp.complete(callback, checks).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OidcError);
    expect((err as OidcError).oauthError).toBe('access_denied');
  });

  it('fails discovery with OidcError for an unreachable issuer, plain http, or bad settings', async () => {
    const unreachable = OidcRelyingParty.discover({ ...settings, issuer: 'http://127.0.0.1:9' }, { allowInsecureHttp: true });
    await expect(unreachable).rejects.toBeInstanceOf(OidcError);
    await expect(unreachable).rejects.toThrow(/discovery failed for issuer http:\/\/127\.0\.0\.1:9\//);
    await expect(OidcRelyingParty.discover(settings)).rejects.toThrow(/https/);
    await expect(OidcRelyingParty.discover({ ...settings, scopes: 'profile' }, { allowInsecureHttp: true })).rejects.toThrow(
      /openid/,
    );
    await expect(OidcRelyingParty.discover({ ...settings, clientSecret: '' }, { allowInsecureHttp: true })).rejects.toThrow(
      /clientSecret/,
    );
    const wrongIssuer = OidcRelyingParty.discover({ ...settings, issuer: `${op.issuer}/other` }, { allowInsecureHttp: true });
    await expect(wrongIssuer).rejects.toBeInstanceOf(OidcError);
  });

  it('never puts the client secret in an error message', async () => {
    const { checks, callback } = await authorize();
    const err = await rp.complete(callback, { ...checks, nonce: 'x' }).catch((e: unknown) => e);
    expect((err as Error).message).not.toContain(op.clientSecret);
    expect((err as Error).message).not.toContain(callback.searchParams.get('code'));
  });
});

describe('OidcRelyingParty identity fallbacks', () => {
  let op: TestOidcProvider;
  let rp: OidcRelyingParty;

  beforeAll(async () => {
    // No preferred_username or name; profile claims in the id_token itself.
    op = await startOidcProvider({
      redirectUris: [REDIRECT_URI],
      account: { sub: 'user-0b21', email: 'grace.hopper@example.gc.ca' },
      idTokenProfileClaims: true,
    });
    rp = await OidcRelyingParty.discover(
      {
        issuer: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        redirectUri: REDIRECT_URI,
        scopes: 'openid profile email',
      },
      { allowInsecureHttp: true },
    );
  });

  afterAll(async () => {
    await op?.close();
  });

  it('uses the email local part for username and username for display name', async () => {
    const { url, checks } = await rp.begin();
    const identity = await rp.complete(await followAuthorization(url), checks);
    expect(identity).toEqual({
      issuer: op.issuer,
      subject: 'user-0b21',
      username: 'grace.hopper',
      displayName: 'grace.hopper',
      email: 'grace.hopper@example.gc.ca',
    });
  });
});
