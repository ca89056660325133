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
  },
  render: {
    /** Render this long after the last edit... */
    debounceMs: 400,
    /** ...but at least this often while edits keep coming. */
    maxWaitMs: 1_500,
    /** The render worker is stopped after this long without work, and restarted on demand. */
    workerIdleMs: 60_000,
  },
  pages: {
    defaultPageSize: 20,
    maxPageSize: 100,
    maxTitleLength: 200,
  },
} as const;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly logLevel: string;
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly publicUrl: string | null;
  readonly collab: {
    readonly maxMessageBytes: number;
    readonly maxBufferedBytes: number;
    readonly groupCommitWindowMs: number;
    readonly evictIdleAfterMs: number;
    readonly compactAfterUpdates: number;
    readonly maxAwarenessStatesPerConnection: number;
  };
  readonly render: { readonly debounceMs: number; readonly maxWaitMs: number; readonly workerIdleMs: number };
  readonly pages: { readonly defaultPageSize: number; readonly maxPageSize: number; readonly maxTitleLength: number };
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

  const config: Config = {
    port: int('PORT', defaults.port, 0, 65535),
    host: env.HOST || defaults.host,
    dataDir,
    databaseFile: path.join(dataDir, 'ensemble.db'),
    logLevel: oneOf('LOG_LEVEL', defaults.logLevel, ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    sqliteSynchronous: oneOf('WIKI_SQLITE_SYNCHRONOUS', defaults.sqliteSynchronous, ['FULL', 'NORMAL'] as const),
    publicUrl,
    collab: {
      maxMessageBytes: int('WIKI_COLLAB_MAX_MESSAGE_BYTES', defaults.collab.maxMessageBytes, 1024, 256 * 1024 * 1024),
      maxBufferedBytes: int('WIKI_COLLAB_MAX_BUFFERED_BYTES', defaults.collab.maxBufferedBytes, 1024, 1024 * 1024 * 1024),
      groupCommitWindowMs: int('WIKI_GROUP_COMMIT_MS', defaults.collab.groupCommitWindowMs, 0, 1000),
      evictIdleAfterMs: int('WIKI_EVICT_IDLE_MS', defaults.collab.evictIdleAfterMs, 0, 24 * 3600 * 1000),
      compactAfterUpdates: int('WIKI_COMPACT_AFTER_UPDATES', defaults.collab.compactAfterUpdates, 2, 10_000_000),
      maxAwarenessStatesPerConnection: defaults.collab.maxAwarenessStatesPerConnection,
    },
    render: {
      debounceMs: int('WIKI_RENDER_DEBOUNCE_MS', defaults.render.debounceMs, 0, 60_000),
      maxWaitMs: int('WIKI_RENDER_MAX_WAIT_MS', defaults.render.maxWaitMs, 0, 600_000),
      workerIdleMs: defaults.render.workerIdleMs,
    },
    pages: { ...defaults.pages },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(mergeDeep(config, overrides));
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
