import { describe, expect, it } from 'vitest';
import { FallbackRateLimitStore, MemoryRateLimitStore, RateLimiter, type RateLimitStore } from './rate-limit.js';

describe('RateLimiter over the memory store', () => {
  it('allows `limit` hits per window, then says how long to wait, per key', async () => {
    let now = 0;
    const limiter = new RateLimiter({ name: 't', limit: 3, windowMs: 10_000 }, new MemoryRateLimitStore(() => now));
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfterSeconds('a')).toBe(0);
      await limiter.hit('a');
    }
    expect(await limiter.retryAfterSeconds('a')).toBe(10);
    expect(await limiter.retryAfterSeconds('b')).toBe(0);
    now = 9_001;
    expect(await limiter.retryAfterSeconds('a')).toBe(1);
    now = 10_000;
    expect(await limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('forgets a key on reset', async () => {
    const limiter = new RateLimiter({ name: 't', limit: 1, windowMs: 60_000 }, new MemoryRateLimitStore());
    await limiter.hit('a');
    expect(await limiter.retryAfterSeconds('a')).toBeGreaterThan(0);
    await limiter.reset('a');
    expect(await limiter.retryAfterSeconds('a')).toBe(0);
  });

  it('starts the window at the first hit; later hits do not extend it', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(() => now);
    expect(await store.hit('k', 1000)).toEqual({ count: 1, retryAfterMs: 1000 });
    now = 600;
    expect(await store.hit('k', 1000)).toEqual({ count: 2, retryAfterMs: 400 });
    expect(await store.peek('k')).toEqual({ count: 2, retryAfterMs: 400 });
    now = 1000;
    expect(await store.peek('k')).toBeNull();
    expect(await store.hit('k', 1000)).toEqual({ count: 1, retryAfterMs: 1000 });
  });

  it('keeps limits with one store apart by name, and bounds the length of keys', async () => {
    const store = new MemoryRateLimitStore();
    const byUser = new RateLimiter({ name: 'login:user', limit: 1, windowMs: 60_000 }, store);
    const byAddress = new RateLimiter({ name: 'login:addr', limit: 1, windowMs: 60_000 }, store);
    await byUser.hit('x');
    expect(await byAddress.retryAfterSeconds('x')).toBe(0);
    expect(byUser.storeKey('mia')).toBe('rm:login:user:mia');
    const long = byUser.storeKey('n'.repeat(100));
    expect(long).toMatch(/^rm:login:user:sha256:[0-9a-f]{64}$/);
    expect(byUser.storeKey('n'.repeat(101))).not.toBe(long);
  });
});

/** A shared store that can be switched off, as redis would be. */
function flakyStore() {
  const inner = new MemoryRateLimitStore();
  let down = false;
  const guard = <T>(call: () => Promise<T>) => (down ? Promise.reject(new Error('connection refused')) : call());
  const store: RateLimitStore = {
    hit: (key, windowMs) => guard(() => inner.hit(key, windowMs)),
    peek: (key) => guard(() => inner.peek(key)),
    reset: (key) => guard(() => inner.reset(key)),
  };
  return { store, setDown: (value: boolean) => (down = value) };
}

describe('FallbackRateLimitStore', () => {
  it('answers from the shared store while it works', async () => {
    const shared = flakyStore();
    const sharedCounts = new RateLimiter({ name: 't', limit: 2, windowMs: 60_000 }, shared.store);
    const limiter = new RateLimiter({ name: 't', limit: 2, windowMs: 60_000 }, new FallbackRateLimitStore(shared.store, new MemoryRateLimitStore(), () => undefined));
    await sharedCounts.hit('a'); // another instance's attempts
    await sharedCounts.hit('a');
    expect(await limiter.retryAfterSeconds('a')).toBeGreaterThan(0);
  });

  it('counts in memory while the shared store fails (never unlimited, never an error) and logs once per outage', async () => {
    const shared = flakyStore();
    const logs: string[] = [];
    const limiter = new RateLimiter({ name: 't', limit: 3, windowMs: 60_000 }, new FallbackRateLimitStore(shared.store, new MemoryRateLimitStore(), (m) => logs.push(m)));
    await limiter.hit('a'); // seen before the outage, by both stores
    shared.setDown(true);
    await limiter.hit('a');
    expect(await limiter.retryAfterSeconds('a')).toBe(0);
    await limiter.hit('a');
    expect(await limiter.retryAfterSeconds('a')).toBe(60);
    await limiter.reset('a');
    expect(await limiter.retryAfterSeconds('a')).toBe(0);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/failed \(connection refused\); counting login attempts in this process/);

    shared.setDown(false);
    expect(await limiter.retryAfterSeconds('a')).toBe(0);
    expect(logs).toHaveLength(2);
    expect(logs[1]).toMatch(/answers again/);
    shared.setDown(true);
    await limiter.hit('a');
    expect(logs).toHaveLength(3);
  });
});
