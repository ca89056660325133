// A real OpenID Provider (panva's oidc-provider) on a loopback port, for relying-party tests. One confidential
// client, one in-memory account, and an interaction endpoint that logs that account in and consents without a browser.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, {
  type Adapter,
  type AdapterFactory,
  type AdapterPayload,
  type Configuration,
  type InteractionResults,
} from 'oidc-provider';

export interface TestAccount {
  sub: string;
  preferred_username?: string;
  name?: string;
  email?: string;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:PORT */
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  /** "METHOD /path" of every request the provider's server received, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface StartOidcProviderOptions {
  redirectUris: string[];
  account: TestAccount;
  /** Put profile claims in the id_token too (default false: they are only served by userinfo, as oidc-provider does). */
  idTokenProfileClaims?: boolean;
}

const INTERACTION_PREFIX = '/interaction/';

/**
 * Per-provider in-memory storage. Nothing expires (a test outlives no token); revokeByGrantId is kept because
 * oidc-provider revokes a grant's tokens when an authorization code is replayed.
 */
function memoryAdapter(): AdapterFactory {
  const store = new Map<string, AdapterPayload>();
  const byGrant = new Map<string, Set<string>>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload) {
        store.set(key(id), payload);
        if (payload.grantId) byGrant.set(payload.grantId, (byGrant.get(payload.grantId) ?? new Set()).add(key(id)));
        if (model === 'Session' && payload.uid) byUid.set(payload.uid, id);
        if (payload.userCode) byUserCode.set(payload.userCode, id);
      },
      async find(id) {
        return store.get(key(id));
      },
      async findByUid(uid) {
        const id = byUid.get(uid);
        return id === undefined ? undefined : store.get(key(id));
      },
      async findByUserCode(userCode) {
        const id = byUserCode.get(userCode);
        return id === undefined ? undefined : store.get(key(id));
      },
      async consume(id) {
        const payload = store.get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const k of byGrant.get(grantId) ?? []) store.delete(k);
        byGrant.delete(grantId);
      },
    };
  };
}

export async function startOidcProvider(options: StartOidcProviderOptions): Promise<TestOidcProvider> {
  const { account } = options;
  const clientId = 'ensemble-test';
  const clientSecret = randomBytes(24).toString('base64url');
  let provider: Provider | undefined;
  let handle: ReturnType<Provider['callback']> | undefined;
  const requests: string[] = [];

  // The issuer names the port, so the server listens first and the provider is attached once it exists.
  const server = http.createServer((req, res) => {
    if (!provider || !handle) {
      res.writeHead(503).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(`${req.method} ${path}`);
    if (path.startsWith(INTERACTION_PREFIX)) {
      void autoInteraction(provider, account.sub, req, res);
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    conformIdTokenClaims: !options.idTokenProfileClaims,
    // Every authorization request must carry a code_challenge (the default only requires it for public clients).
    pkce: { required: () => true },
    // Explicit lifetimes (seconds), which also keeps oidc-provider from noting each default it falls back on.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PREFIX}${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      if (sub !== account.sub) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...(account.preferred_username !== undefined && { preferred_username: account.preferred_username }),
          ...(account.name !== undefined && { name: account.name }),
          ...(account.email !== undefined && { email: account.email, email_verified: true }),
        }),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
  try {
    provider = new Provider(issuer, configuration);
    handle = provider.callback();
  } catch (err) {
    server.close();
    throw err;
  }

  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Stands in for the login and consent pages: logs `accountId` in, then grants whatever the request asked for,
 * the same steps oidc-provider's own dev interactions take, answered with the 303 back to the authorization endpoint.
 */
async function autoInteraction(
  provider: Provider,
  accountId: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const details = await provider.interactionDetails(req, res);
    let result: InteractionResults;
    if (details.prompt.name === 'login') {
      result = { login: { accountId } };
    } else if (details.prompt.name === 'consent') {
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      if (!grant) throw new Error('grant not found');
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      result = { consent: { grantId: await grant.save() } };
    } else {
      throw new Error(`unsupported prompt ${details.prompt.name}`);
    }
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
  } catch (err) {
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`interaction failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

/** A minimal cookie jar for one loopback host: name + path, expiry by Max-Age/Expires in the past only. */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const attr of attrs) {
        const [k, ...v] = attr.split('=');
        const key = k.trim().toLowerCase();
        const val = v.join('=').trim();
        if (key === 'path' && val.startsWith('/')) path = val;
        if (key === 'max-age' && Number(val) <= 0) expired = true;
        if (key === 'expires' && Date.parse(val) <= Date.now()) expired = true;
      }
      const id = `${name};${path}`;
      if (expired) this.cookies.delete(id);
      else this.cookies.set(id, { name, value, path });
    }
  }

  header(url: URL): string {
    const p = url.pathname;
    return [...this.cookies.values()]
      .filter((c) => p === c.path || p.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

const MAX_HOPS = 12;

/**
 * Follows the authorization request's redirects (with cookies) until the provider redirects to the request's
 * redirect_uri, and returns that callback URL (code, state, iss) without requesting it.
 */
export async function followAuthorization(url: string, jar = new CookieJar()): Promise<URL> {
  let current = new URL(url);
  const redirectUri = current.searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error('authorization URL has no redirect_uri');
  const target = new URL(redirectUri);
  const deadline = AbortSignal.timeout(10_000);

  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const cookie = jar.header(current);
    const res = await fetch(current, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
      signal: deadline,
    });
    jar.store(current, res.headers.getSetCookie());
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      const body = await res.text();
      throw new Error(`authorization stopped at ${current.pathname} with HTTP ${res.status}: ${body.slice(0, 300)}`);
    }
    await res.body?.cancel();
    const next = new URL(location, current);
    if (next.origin === target.origin && next.pathname === target.pathname) return next;
    current = next;
  }
  throw new Error(`authorization did not reach ${redirectUri} within ${MAX_HOPS} redirects`);
}
