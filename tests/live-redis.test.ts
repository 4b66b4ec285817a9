import type { LiveUpdate } from '@retailmind/sdk/contract';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from './helpers/redis.js';
import { startServer, type TestServer } from './helpers/server.js';
import { connectSocket, nextEvent, type TestSocket } from './helpers/sockets.js';

/**
 * Horizontal scale: two instances on one database file share live updates through a real
 * redis-server. The instances' data-version watch is off, so redis is the only path between them;
 * a third instance without redis is the control that shows it.
 */
describe('two instances behind the redis adapter', () => {
  let redis: RedisServer;
  let dir: string;
  let a: TestServer;
  let b: TestServer;
  let lonely: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'rm-redis-'));
    const dbUrl = join(dir, 'shared.db');
    a = await startServer({ dbUrl, dataDir: 'tests/fixtures/tiny', redisUrl: redis.url });
    b = await startServer({ dbUrl, redisUrl: redis.url });
    lonely = await startServer({ dbUrl });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([a?.close(), b?.close(), lonely?.close()]);
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an ingest on instance A reaches a client connected to instance B', async () => {
    const onB = await connectSocket(b.url, b.token('leadership'));
    const onA = await connectSocket(a.url, a.token('manager'));
    const control = await connectSocket(lonely.url, lonely.token('manager'));
    sockets.push(onB, onA, control);

    const fromB = nextEvent<LiveUpdate<'summary'>>(onB, 'summary');
    const fromA = nextEvent<LiveUpdate<'summary'>>(onA, 'summary');
    let controlGotOne = false;
    control.on('summary', () => (controlGotOne = true));

    const res = await fetch(`${a.url}/api/ingest/sales_daily`, {
      method: 'POST',
      body: 'date,campaign_id,product,transactions,revenue\n2026-03-03,A1,Scaled out,2,500\n',
      headers: { 'content-type': 'text/csv', ...a.auth('manager') },
    });
    expect(res.status).toBe(200);
    const { dataVersion } = (await res.json()) as { dataVersion: number };

    const [updateB, updateA] = await Promise.all([fromB, fromA]);
    expect(updateB.dataVersion).toBe(dataVersion);
    expect(updateB.payload).toEqual(updateA.payload);
    // B's own REST answer agrees: the same database behind both instances.
    const restB = await (await fetch(`${b.url}/api/dashboard-summary`, { headers: b.auth('leadership') })).json();
    expect(updateB.payload).toEqual(restB);

    await new Promise((r) => setTimeout(r, 300));
    expect(controlGotOne).toBe(false);
  });
});
