// Parses the environment once into a frozen, typed Config. Every limit and timeout is a named default here.
// A bad environment reports every problem at once, so an operator fixes them in one pass.
import path from 'node:path';

export const defaults = {
  port: 3000,
  host: '0.0.0.0',
  dataDir: './data',
  logLevel: 'info',
  /**
   * NORMAL in WAL mode: a commit survives a killed process (the WAL is in the OS page cache) but the last
   * commits can be lost on power failure. FULL fsyncs the WAL on every commit; group commit amortises
   * that cost, so it is the default for an editor whose promise is "never lose a word".
   */
  sqliteSynchronous: 'FULL' as 'FULL' | 'NORMAL',
  collab: {
    /** Largest accepted WebSocket message. A pasted chapter with tables is well under this. */
    maxMessageBytes: 8 * 1024 * 1024,
    /** A client that lets this much pile up unread in its send buffer is disconnected. */
    maxBufferedBytes: 32 * 1024 * 1024,
    /** Group commit window. 0 = one transaction per event-loop turn, which batches a busy server naturally. */
    groupCommitWindowMs: 0,
    /** An idle page (no connections) leaves memory this long after its last client leaves. */
    evictIdleAfterMs: 10_000,
    /** The update log of a page is compacted into one state row once it has this many rows. */
    compactAfterUpdates: 500,
    /** A browser tab publishes one awareness state; a socket publishing more than this is closed. */
    maxAwarenessStatesPerConnection: 8,
    /**
     * Messages a socket may send per second on average, and in a burst. Fast typing with cursor updates
     * is about 30 a second; a socket past the limit is closed (1008) and its client reconnects.
     */
    maxMessagesPerSecond: 100,
    messageBurst: 400,
    /** Permissions of open sockets are re-checked this often, so an expired session stops editing. */
    revalidateIntervalMs: 30_000,
  },
  /**
   * When live editing becomes a revision (see docs/ARCHITECTURE.md, "Revisions"). A revision is cut after
   * quietMs without an edit, leaveGraceMs after the last editor leaves (a reload or a network blip is not
   * leaving), and at the latest maxIntervalMs after its first change, however long a session goes on.
   */
  history: {
    quietMs: 120_000,
    leaveGraceMs: 10_000,
    maxIntervalMs: 15 * 60_000,
  },
  render: {
    /** Render this long after the last edit... */
    debounceMs: 400,
    /** ...but at least this often while edits keep coming. */
    maxWaitMs: 1_500,
    /** The render worker is stopped after this long without work, and restarted on demand. */
    workerIdleMs: 60_000,
  },
  auth: {
    mode: 'local' as AuthMode,
    /** Visitors who are not signed in may read open, unclassified spaces. */
    anonymousRead: true,
    /** Accounts created on first sign-in (header, OIDC) get this role: "any signed-in person can contribute". */
    defaultRole: 'editor' as 'reader' | 'editor',
    /** A session ends after this long without a request... */
    sessionIdleMs: 8 * 3600 * 1000,
    /** ...and this long after sign-in in any case. */
    sessionMaxAgeMs: 7 * 24 * 3600 * 1000,
    /** scrypt cost: 2^16 × 8 × 128 B = 64 MiB of memory and ~0.2 s per hash. */
    scryptCost: { N: 2 ** 16, r: 8, p: 1 },
    /** Failed sign-ins allowed per username in the window, then 429 until it passes. */
    maxFailuresPerUsername: 10,
    /** Sign-in attempts allowed per client address in the window (high: offices share one address). */
    maxAttemptsPerAddress: 100,
    attemptWindowMs: 15 * 60 * 1000,
    proxyHeader: 'x-remote-user',
    oidcScopes: 'openid profile email',
  },
  pages: {
    defaultPageSize: 20,
    maxPageSize: 100,
    maxTitleLength: 200,
  },
  feeds: {
    /** Entries in an Atom feed: readers poll, so a feed holds what changed since they last looked, not everything. */
    entries: 50,
  },
  /** No portal may frame /embed/... until an operator names it (WIKI_EMBED_ORIGINS). */
  embedOrigins: [] as readonly string[],
} as const;

export type AuthMode = 'local' | 'header' | 'oidc';

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: string;
  /** Only for tests against a loopback provider: allows an http:// issuer. */
  readonly allowInsecureIssuer: boolean;
}

export interface AuthConfig {
  readonly mode: AuthMode;
  readonly anonymousRead: boolean;
  readonly defaultRole: 'reader' | 'editor';
  readonly sessionIdleMs: number;
  readonly sessionMaxAgeMs: number;
  readonly scryptCost: { readonly N: number; readonly r: number; readonly p: number };
  readonly maxFailuresPerUsername: number;
  readonly maxAttemptsPerAddress: number;
  readonly attemptWindowMs: number;
  /** Header that carries the signed-in username, honoured only from trustedProxies. */
  readonly proxyHeader: string;
  readonly oidc: OidcConfig | null;
  /** Secret for CSRF tokens; generated and kept in the database when not given. */
  readonly secret: string | null;
  /** Optional token required by the first-run setup page. */
  readonly setupToken: string | null;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly logLevel: string;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly publicUrl: string | null;
  /** Addresses (IPs or CIDRs) of reverse proxies whose X-Forwarded-* and auth headers are believed. */
  readonly trustedProxies: readonly string[];
  readonly auth: AuthConfig;
  readonly collab: {
    readonly maxMessageBytes: number;
    readonly maxBufferedBytes: number;
    readonly groupCommitWindowMs: number;
    readonly evictIdleAfterMs: number;
    readonly compactAfterUpdates: number;
    readonly maxAwarenessStatesPerConnection: number;
    readonly maxMessagesPerSecond: number;
    readonly messageBurst: number;
    readonly revalidateIntervalMs: number;
  };
  readonly render: { readonly debounceMs: number; readonly maxWaitMs: number; readonly workerIdleMs: number };
  readonly history: { readonly quietMs: number; readonly leaveGraceMs: number; readonly maxIntervalMs: number };
  readonly pages: { readonly defaultPageSize: number; readonly maxPageSize: number; readonly maxTitleLength: number };
  readonly feeds: { readonly entries: number };
  /** Origins (scheme://host[:port]) of the intranet portals that may frame the /embed/... views. */
  readonly embed: { readonly origins: readonly string[] };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads the environment. Throws ConfigError listing every problem found. */
export function loadConfig(env: Env = process.env, overrides: DeepPartial<Config> = {}): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };

  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const dataDir = path.resolve(env.WIKI_DATA_DIR || defaults.dataDir);
  let publicUrl: string | null = null;
  if (env.WIKI_PUBLIC_URL) {
    try {
      const url = new URL(env.WIKI_PUBLIC_URL);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      publicUrl = url.origin;
    } catch {
      problems.push(`WIKI_PUBLIC_URL must be an http(s) URL (got "${env.WIKI_PUBLIC_URL}")`);
    }
  }

  const trustedProxies = (env.WIKI_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of trustedProxies) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry)) problems.push(`WIKI_TRUSTED_PROXIES has "${entry}", which is not an IP address or CIDR range`);
  }
  const authMode = oneOf('WIKI_AUTH', defaults.auth.mode, ['local', 'header', 'oidc'] as const);
  if (authMode === 'header' && trustedProxies.length === 0) {
    problems.push('WIKI_AUTH=header needs WIKI_TRUSTED_PROXIES: the header is believed only from those addresses');
  }
  const proxyHeader = (env.WIKI_AUTH_HEADER || defaults.auth.proxyHeader).toLowerCase();
  if (!/^[a-z0-9-]+$/.test(proxyHeader)) problems.push(`WIKI_AUTH_HEADER must be a header name (got "${env.WIKI_AUTH_HEADER}")`);
  let oidc: OidcConfig | null = null;
  if (authMode === 'oidc') {
    const missing = ['WIKI_OIDC_ISSUER', 'WIKI_OIDC_CLIENT_ID', 'WIKI_OIDC_CLIENT_SECRET'].filter((name) => !env[name]);
    if (missing.length > 0) problems.push(`WIKI_AUTH=oidc needs ${missing.join(', ')}`);
    if (!publicUrl) problems.push('WIKI_AUTH=oidc needs WIKI_PUBLIC_URL, to build the redirect address');
    oidc = {
      issuer: env.WIKI_OIDC_ISSUER ?? '',
      clientId: env.WIKI_OIDC_CLIENT_ID ?? '',
      clientSecret: env.WIKI_OIDC_CLIENT_SECRET ?? '',
      scopes: env.WIKI_OIDC_SCOPES || defaults.auth.oidcScopes,
      allowInsecureIssuer: false,
    };
  }
  const embedOrigins = parseEmbedOrigins(env.WIKI_EMBED_ORIGINS, problems);
  const secret = env.WIKI_SECRET || null;
  if (secret !== null && secret.length < 32) problems.push('WIKI_SECRET must have at least 32 characters');

  const config: Config = {
    port: int('PORT', defaults.port, 0, 65535),
    host: env.HOST || defaults.host,
    dataDir,
    databaseFile: path.join(dataDir, 'ensemble.db'),
    logLevel: oneOf('LOG_LEVEL', defaults.logLevel, ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    sqliteSynchronous: oneOf('WIKI_SQLITE_SYNCHRONOUS', defaults.sqliteSynchronous, ['FULL', 'NORMAL'] as const),
    publicUrl,
    trustedProxies,
    auth: {
      mode: authMode,
      anonymousRead: bool('WIKI_ANONYMOUS_READ', defaults.auth.anonymousRead),
      defaultRole: oneOf('WIKI_DEFAULT_ROLE', defaults.auth.defaultRole, ['reader', 'editor'] as const),
      sessionIdleMs: int('WIKI_SESSION_IDLE_MINUTES', defaults.auth.sessionIdleMs / 60_000, 1, 7 * 24 * 60) * 60_000,
      sessionMaxAgeMs: int('WIKI_SESSION_MAX_AGE_HOURS', defaults.auth.sessionMaxAgeMs / 3_600_000, 1, 24 * 365) * 3_600_000,
      scryptCost: { ...defaults.auth.scryptCost },
      maxFailuresPerUsername: defaults.auth.maxFailuresPerUsername,
      maxAttemptsPerAddress: defaults.auth.maxAttemptsPerAddress,
      attemptWindowMs: defaults.auth.attemptWindowMs,
      proxyHeader,
      oidc,
      secret,
      setupToken: env.WIKI_SETUP_TOKEN || null,
    },
    collab: {
      maxMessageBytes: int('WIKI_COLLAB_MAX_MESSAGE_BYTES', defaults.collab.maxMessageBytes, 1024, 256 * 1024 * 1024),
      maxBufferedBytes: int('WIKI_COLLAB_MAX_BUFFERED_BYTES', defaults.collab.maxBufferedBytes, 1024, 1024 * 1024 * 1024),
      groupCommitWindowMs: int('WIKI_GROUP_COMMIT_MS', defaults.collab.groupCommitWindowMs, 0, 1000),
      evictIdleAfterMs: int('WIKI_EVICT_IDLE_MS', defaults.collab.evictIdleAfterMs, 0, 24 * 3600 * 1000),
      compactAfterUpdates: int('WIKI_COMPACT_AFTER_UPDATES', defaults.collab.compactAfterUpdates, 2, 10_000_000),
      maxAwarenessStatesPerConnection: defaults.collab.maxAwarenessStatesPerConnection,
      maxMessagesPerSecond: int('WIKI_COLLAB_MAX_MESSAGES_PER_SECOND', defaults.collab.maxMessagesPerSecond, 1, 100_000),
      messageBurst: defaults.collab.messageBurst,
      revalidateIntervalMs: defaults.collab.revalidateIntervalMs,
    },
    history: {
      quietMs: int('WIKI_REVISION_QUIET_SECONDS', defaults.history.quietMs / 1000, 1, 86_400) * 1000,
      leaveGraceMs: int('WIKI_REVISION_LEAVE_SECONDS', defaults.history.leaveGraceMs / 1000, 0, 3_600) * 1000,
      maxIntervalMs: int('WIKI_REVISION_MAX_MINUTES', defaults.history.maxIntervalMs / 60_000, 1, 24 * 60) * 60_000,
    },
    render: {
      debounceMs: int('WIKI_RENDER_DEBOUNCE_MS', defaults.render.debounceMs, 0, 60_000),
      maxWaitMs: int('WIKI_RENDER_MAX_WAIT_MS', defaults.render.maxWaitMs, 0, 600_000),
      workerIdleMs: defaults.render.workerIdleMs,
    },
    pages: { ...defaults.pages },
    feeds: { entries: int('WIKI_FEED_ENTRIES', defaults.feeds.entries, 1, 500) },
    embed: { origins: embedOrigins },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(mergeDeep(config, overrides));
}

/**
 * WIKI_EMBED_ORIGINS: comma-separated portal origins. Each becomes a CSP frame-ancestors source and a
 * postMessage target, so each must be exactly one origin: no path, no wildcard (postMessage takes no
 * wildcard origin, and `*` would let any site frame the wiki under a visitor's session).
 */
function parseEmbedOrigins(raw: string | undefined, problems: string[]): string[] {
  if (!raw) return [...defaults.embedOrigins];
  const origins: string[] = [];
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (entry.includes('*')) {
      problems.push(`WIKI_EMBED_ORIGINS cannot hold "${entry}": wildcards would let any site frame the wiki; list each portal's origin, e.g. https://portal.example.gc.ca`);
      continue;
    }
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      // reported below
    }
    const bare = url && (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash && !entry.endsWith('?') && !entry.endsWith('#');
    if (!url || !bare) {
      problems.push(`WIKI_EMBED_ORIGINS has "${entry}", which is not an http(s) origin (scheme and host, optional port, no path), e.g. https://portal.example.gc.ca`);
      continue;
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function mergeDeep<T>(base: T, over: DeepPartial<T>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over as Record<string, unknown>)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? mergeDeep(current, value as DeepPartial<typeof current>)
        : value;
  }
  return out as T;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
