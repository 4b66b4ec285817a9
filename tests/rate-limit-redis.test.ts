import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../server/src/auth/rate-limit.js';
import { connectSharedRateLimits, RedisRateLimitStore, type SharedRateLimits } from '../server/src/auth/rate-limit-redis.js';
import { UserStore } from '../server/src/auth/users.js';
import { startRedis, type RedisServer } from './helpers/redis.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * Login limits with RM_REDIS_URL: the counters live in a real redis-server, so attempts spread
 * over several instances count together. Two instances without redis are the control.
 */
let redis: RedisServer;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  redis = await startRedis();
  client = createClient({ url: redis.url });
  await client.connect();
});
afterAll(async () => {
  await client?.close();
  await redis?.stop();
});
beforeEach(async () => {
  await client.flushAll();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisRateLimitStore', () => {
  it('counts hits in a window that starts at the first hit and is not extended', async () => {
    const store = new RedisRateLimitStore(client);
    expect(await store.peek('rm:t:a')).toBeNull();
    const first = await store.hit('rm:t:a', 60_000);
    expect(first.count).toBe(1);
    expect(first.retryAfterMs).toBeGreaterThan(59_000);
    await sleep(30);
    const second = await store.hit('rm:t:a', 60_000);
    expect(second.count).toBe(2);
    expect(second.retryAfterMs).toBeLessThan(first.retryAfterMs);
    expect(await store.peek('rm:t:a')).toMatchObject({ count: 2 });
    await store.reset('rm:t:a');
    expect(await store.peek('rm:t:a')).toBeNull();
  });

  it('lets the window expire', async () => {
    const store = new RedisRateLimitStore(client);
    await store.hit('rm:t:short', 100);
    await sleep(150);
    expect(await store.peek('rm:t:short')).toBeNull();
    expect((await store.hit('rm:t:short', 100)).count).toBe(1);
  });

  it('loses no hit when instances count at once', async () => {
    const other = createClient({ url: redis.url });
    await other.connect();
    try {
      const stores = [new RedisRateLimitStore(client), new RedisRateLimitStore(other)];
      const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => stores[i % 2]!.hit('rm:t:race', 60_000)));
      expect(counts.map((w) => w.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    } finally {
      await other.close();
    }
  });

  it('treats a username as data: one bounded key, no command', async () => {
    const limiter = new RateLimiter({ name: 'login:user', limit: 1, windowMs: 60_000 }, new RedisRateLimitStore(client));
    await client.set('victim', 'kept');
    const nasty = `x\r\nFLUSHALL\r\n' , redis.call('DEL', 'victim') --${'y'.repeat(60)}`;
    await limiter.hit(nasty);
    expect(await limiter.retryAfterSeconds(nasty)).toBeGreaterThan(0);
    expect(await client.get('victim')).toBe('kept');
    const keys = await client.keys('rm:*');
    expect(keys).toEqual([limiter.storeKey(nasty)]);
    expect(keys[0]!.length).toBeLessThanOrEqual(100);
  });
});

describe('connectSharedRateLimits when redis goes away', () => {
  it('keeps limiting in memory, answers without waiting, and logs the outage', async () => {
    const own = await startRedis();
    const logs: string[] = [];
    const shared = await connectSharedRateLimits(own.url, (m) => logs.push(m));
    try {
      const limiter = new RateLimiter({ name: 'login:user', limit: 2, windowMs: 60_000 }, shared.store);
      await limiter.hit('mia');
      await own.stop();
      const started = Date.now();
      await limiter.hit('mia');
      expect(await limiter.retryAfterSeconds('mia')).toBe(60);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(logs.some((m) => /counting login attempts in this process/.test(m))).toBe(true);
    } finally {
      await shared.close();
      await own.stop();
    }
  });
});

describe('login limits across two instances', () => {
  let dir: string;
  const limits: SharedRateLimits[] = [];
  let a: TestServer;
  let b: TestServer;
  let soloA: TestServer;
  let soloB: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rm-limits-'));
    const dbUrl = join(dir, 'shared.db');
    for (let i = 0; i < 2; i++) limits.push(await connectSharedRateLimits(redis.url, () => undefined));
    a = await startServer({ dbUrl, rateLimitStore: limits[0]!.store });
    b = await startServer({ dbUrl, rateLimitStore: limits[1]!.store });
    soloA = await startServer({ dbUrl });
    soloB = await startServer({ dbUrl });
    await new UserStore(a.store.db).set('kim', 'analyst', 'kim-pw');
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), soloA?.close(), soloB?.close()]);
    await Promise.all(limits.map((l) => l.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const login = (server: TestServer, username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

  it('counts failures for a username on either instance together: after 5, both answer 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await login(i % 2 ? b : a, 'kim', 'guess')).status).toBe(401);
    for (const server of [a, b]) {
      const limited = await login(server, 'kim', 'kim-pw');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(((await limited.json()) as any).error.code).toBe('rate_limited');
    }
  });

  it('counts attempts from one address on either instance together', async () => {
    for (let i = 0; i < 20; i++) expect((await login(i % 2 ? b : a, `u${i}`, 'x')).status).toBe(401);
    for (const server of [a, b]) {
      const limited = await login(server, 'kim', 'kim-pw');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    }
  });

  it('control: without redis each instance counts its own, so the same 5 failures lock nobody out', async () => {
    for (let i = 0; i < 5; i++) expect((await login(i % 2 ? soloB : soloA, 'kim', 'guess')).status).toBe(401);
    expect((await login(soloB, 'kim', 'kim-pw')).status).toBe(200);
  });
});
