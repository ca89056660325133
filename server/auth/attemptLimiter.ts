// Sign-in rate limits, in memory: failures per username (guessing one account's password) and attempts per
// client address (spraying many accounts). Fixed windows; counts reset when the window passes.
export interface AttemptLimits {
  maxFailuresPerUsername: number;
  maxAttemptsPerAddress: number;
  windowMs: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** Entries beyond this are dropped oldest-first, so a flood of made-up usernames cannot grow memory. */
const MAX_TRACKED = 50_000;

export class AttemptLimiter {
  private failures = new Map<string, Window>();
  private attempts = new Map<string, Window>();

  constructor(
    private readonly limits: AttemptLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an attempt from this address and says whether it may go ahead. */
  allow(username: string, address: string): boolean {
    const now = this.now();
    const byAddress = this.bump(this.attempts, address, now);
    if (byAddress > this.limits.maxAttemptsPerAddress) return false;
    const failed = this.current(this.failures, username.toLowerCase(), now);
    return failed < this.limits.maxFailuresPerUsername;
  }

  fail(username: string): void {
    this.bump(this.failures, username.toLowerCase(), this.now());
  }

  succeed(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private current(map: Map<string, Window>, key: string, now: number): number {
    const window = map.get(key);
    if (!window || window.resetAt <= now) return 0;
    return window.count;
  }

  private bump(map: Map<string, Window>, key: string, now: number): number {
    let window = map.get(key);
    if (!window || window.resetAt <= now) {
      map.delete(key);
      if (map.size >= MAX_TRACKED) map.delete(map.keys().next().value as string);
      window = { count: 0, resetAt: now + this.limits.windowMs };
      map.set(key, window);
    }
    window.count += 1;
    return window.count;
  }
}
