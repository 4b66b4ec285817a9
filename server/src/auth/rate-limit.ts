import { createHash } from 'node:crypto';

/** One key's fixed window, as a store sees it. */
export interface RateWindow {
  /** Attempts counted in the window so far. */
  count: number;
  /** Milliseconds until the window ends and counting starts again from zero. */
  retryAfterMs: number;
}

/**
 * Where rate-limit counters live: this process's memory (`MemoryRateLimitStore`), or redis, shared
 * by every instance (`auth/rate-limit-redis.ts`, with RM_REDIS_URL). A window starts at a key's
 * first hit and later hits do not extend it.
 */
export interface RateLimitStore {
  /** Counts one attempt of `key`, starting a window of `windowMs` when none is running. */
  hit(key: string, windowMs: number): Promise<RateWindow>;
  /** The running window of `key`, without counting; null when there is none. */
  peek(key: string): Promise<RateWindow | null>;
  /** Forgets `key`'s window. */
  reset(key: string): Promise<void>;
}

/**
 * Fixed windows in memory. Per process: with several instances behind a balancer each enforces
 * its own share, which is why RM_REDIS_URL moves the counters to redis.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<RateWindow> {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= 10_000) this.sweep(now);
      w = { count: 1, resetAt: now + windowMs };
      this.windows.set(key, w);
    } else {
      w.count += 1;
    }
    return { count: w.count, retryAfterMs: w.resetAt - now };
  }

  async peek(key: string): Promise<RateWindow | null> {
    const w = this.windows.get(key);
    const now = this.now();
    return w && w.resetAt > now ? { count: w.count, retryAfterMs: w.resetAt - now } : null;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  /** Forget finished windows so a flood of distinct keys cannot grow the map without bound. */
  private sweep(now: number) {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * A shared store that degrades instead of failing. Every call goes to `shared`; when that throws
 * (redis down, or slower than its command timeout) the call is answered from `local`, which sees
 * every hit and reset too. So an outage falls back to exactly per-instance counting: the login
 * stays available, and it never becomes unlimited. Says so once per outage, and once when it ends.
 */
export class FallbackRateLimitStore implements RateLimitStore {
  private failing = false;

  constructor(
    private readonly shared: RateLimitStore,
    private readonly local: RateLimitStore,
    private readonly log: (message: string) => void,
  ) {}

  async hit(key: string, windowMs: number): Promise<RateWindow> {
    const local = await this.local.hit(key, windowMs);
    return this.tryShared(() => this.shared.hit(key, windowMs), () => local);
  }

  peek(key: string): Promise<RateWindow | null> {
    return this.tryShared(() => this.shared.peek(key), () => this.local.peek(key));
  }

  async reset(key: string): Promise<void> {
    await this.local.reset(key);
    await this.tryShared(() => this.shared.reset(key), () => undefined);
  }

  private async tryShared<T>(call: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    try {
      const result = await call();
      if (this.failing) this.log('the shared rate-limit store answers again; counting login attempts there');
      this.failing = false;
      return result;
    } catch (err) {
      if (!this.failing) this.log(`the shared rate-limit store failed (${err instanceof Error ? err.message : String(err)}); counting login attempts in this process until it answers`);
      this.failing = true;
      return fallback();
    }
  }
}

/** One limit: at most `limit` hits per key in a fixed window of `windowMs`. */
export interface RateLimit {
  /** Namespaces the counters in the store, e.g. `login:user` → `rm:login:user:<key>`. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Keys longer than this are stored as their hash, so the caller's data cannot make store keys long. */
const MAX_KEY_CHARS = 64;

/** A limit applied to keys (usernames, addresses) over a store. */
export class RateLimiter {
  constructor(
    private readonly policy: RateLimit,
    private readonly store: RateLimitStore,
  ) {}

  /** Seconds until `key` may try again (rounded up), or 0 when it is under its limit. */
  async retryAfterSeconds(key: string): Promise<number> {
    const w = await this.store.peek(this.storeKey(key));
    if (!w || w.count < this.policy.limit) return 0;
    return Math.max(1, Math.ceil(w.retryAfterMs / 1000));
  }

  async hit(key: string): Promise<void> {
    await this.store.hit(this.storeKey(key), this.policy.windowMs);
  }

  async reset(key: string): Promise<void> {
    await this.store.reset(this.storeKey(key));
  }

  /** The store's key for `key`: namespaced, and bounded in length. */
  storeKey(key: string): string {
    const bounded = key.length <= MAX_KEY_CHARS ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
    return `rm:${this.policy.name}:${bounded}`;
  }
}
