import { AuthenticationError, createClient, type ConnectionState, type RetailMindClient, type SummaryResponse } from '@retailmind/sdk';
import { sign } from 'hono/jwt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { roomOf } from '../server/src/live/rooms.js';
import { startServer, TEST_JWT_SECRET, type TestServer } from './helpers/server.js';
import { connectSocket } from './helpers/sockets.js';

let server: TestServer;
const clients: RetailMindClient[] = [];
beforeAll(async () => {
  server = await startServer({ dataDir: 'tests/fixtures/tiny' });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.closeLive();
});
afterAll(() => server.close());

function client(options: Partial<Parameters<typeof createClient>[0]> = {}) {
  const c = createClient({ baseUrl: server.url, token: server.token('analyst'), live: { reconnectDelayMs: 100, reconnectDelayMaxMs: 400 }, ...options });
  clients.push(c);
  return c;
}

/** Every state the client goes through, and every payload a subscription receives. */
function record(c: RetailMindClient) {
  const states: ConnectionState[] = [c.connectionState];
  c.onConnectionState((s) => states.push(s));
  const received: { payload: SummaryResponse; dataVersion: number | null }[] = [];
  const unsubscribe = c.subscribe('summary', (payload, meta) => received.push({ payload, dataVersion: meta.dataVersion }));
  return { states, received, unsubscribe };
}

async function ingestRevenue(product: string, revenue: number) {
  const res = await fetch(`${server.url}/api/ingest/sales_daily`, {
    method: 'POST',
    body: `date,campaign_id,product,transactions,revenue\n2026-03-03,A1,${product},1,${revenue}\n`,
    headers: { 'content-type': 'text/csv', ...server.auth('manager') },
  });
  return ((await res.json()) as { dataVersion: number }).dataVersion;
}

describe('client.subscribe against the real server', () => {
  it('goes offline → connecting → live, delivers the snapshot, then each pushed update', async () => {
    const c = client();
    const { states, received } = record(c);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(states).toEqual(['offline', 'connecting', 'live']);
    expect(received[0]!.dataVersion).toBeNull(); // the snapshot, from GET /api/dashboard-summary
    const version = await ingestRevenue('Sub 1', 10);
    await vi.waitFor(() => expect(received.at(-1)?.dataVersion).toBe(version));
    expect(received.at(-1)!.payload.totals.revenue).toBeCloseTo(received[0]!.payload.totals.revenue + 10, 6);
  });

  it('after losing the connection reconnects with backoff and refetches, so a change made meanwhile is not missed', async () => {
    const c = client();
    const { states, received } = record(c);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const before = received[0]!.payload.totals.revenue;
    for (const socket of server.live.io.sockets.sockets.values()) socket.conn.close(); // the network drops
    await vi.waitFor(() => expect(states.at(-1)).not.toBe('live'));
    await ingestRevenue('While offline', 7);
    await vi.waitFor(() => expect(states.at(-1)).toBe('live'));
    await vi.waitFor(() => expect(received.at(-1)!.payload.totals.revenue).toBeCloseTo(before + 7, 6));
    expect(states).toEqual(['offline', 'connecting', 'live', 'offline', 'connecting', 'live']);
  });

  it('with a getToken, renews the session before its token expires: stays live, refetches nothing, misses nothing', async () => {
    const now = () => Math.floor(Date.now() / 1000);
    const issued: number[] = []; // each token's exp, in seconds
    const getToken = vi.fn(async () => {
      issued.push(now() + 4);
      return sign({ sub: 'portal-user', role: 'analyst', exp: issued.at(-1)! }, TEST_JWT_SECRET, 'HS256');
    });
    const c = client({ token: undefined, getToken });
    const { states, received } = record(c);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, issued[0]! * 1000 + 300 - Date.now())); // past the first token's expiry
    const version = await ingestRevenue('After the first token', 5);
    await vi.waitFor(() => expect(received.at(-1)?.dataVersion).toBe(version));
    expect(issued.length).toBeGreaterThanOrEqual(2);
    expect(states).toEqual(['offline', 'connecting', 'live']); // never offline, not even connecting
    expect(received.filter((r) => r.dataVersion === null)).toHaveLength(1); // only the first snapshot
    expect(received.filter((r) => r.dataVersion === version)).toHaveLength(1); // heard on one connection only
  });

  it('when the session is not renewed in time and the server ends it at token expiry, gets a new token and carries on', async () => {
    const now = () => Math.floor(Date.now() / 1000);
    const getToken = vi.fn(async () => {
      const call = getToken.mock.calls.length;
      if (call === 1) return sign({ sub: 'portal-user', role: 'leadership', exp: now() + 2 }, TEST_JWT_SECRET, 'HS256');
      if (call === 2) throw new Error('portal busy'); // the renewal before expiry fails
      return server.token('leadership');
    });
    const c = client({ token: undefined, getToken });
    const { states, received } = record(c);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await vi.waitFor(() => expect(states.filter((s) => s === 'live')).toHaveLength(2), { timeout: 5000 });
    expect(states).toEqual(['offline', 'connecting', 'live', 'offline', 'connecting', 'live']);
    expect(getToken).toHaveBeenCalledTimes(3);
    const version = await ingestRevenue('After renewal', 3);
    await vi.waitFor(() => expect(received.at(-1)?.dataVersion).toBe(version));
  });

  it('ignores a pushed update not newer than the one it holds, yet applies the snapshot after a reconnect', async () => {
    const c = client();
    const { states, received } = record(c);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const version = await ingestRevenue('Twice', 2);
    await vi.waitFor(() => expect(received.at(-1)?.dataVersion).toBe(version));
    const seen = received.length;
    const update = { topic: 'summary' as const, dataVersion: version, payload: received.at(-1)!.payload };
    const analysts = server.live.io.to(roomOf('analyst'));
    analysts.emit('summary', update); // the same commit published again (another instance's watch)
    analysts.emit('summary', { ...update, dataVersion: version - 1 }); // a late older one
    analysts.emit('summary', { ...update, dataVersion: version + 1 }); // in order after them on the socket
    await vi.waitFor(() => expect(received.at(-1)?.dataVersion).toBe(version + 1));
    expect(received.slice(seen).map((r) => r.dataVersion)).toEqual([version + 1]);

    for (const socket of server.live.io.sockets.sockets.values()) socket.conn.close();
    await vi.waitFor(() => expect(states.filter((s) => s === 'live')).toHaveLength(2));
    await vi.waitFor(() => expect(received.at(-1)?.dataVersion).toBeNull()); // the snapshot, though no newer version
  });

  it('takes an unchanged notice as "still current": nothing delivered, and an update not newer than it is dropped', async () => {
    const c = client();
    const { received } = record(c);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const version = await ingestRevenue('Before the notice', 3);
    await vi.waitFor(() => expect(received.at(-1)?.dataVersion).toBe(version));
    const seen = received.length;
    const payload = received.at(-1)!.payload;
    const analysts = server.live.io.to(roomOf('analyst'));
    analysts.emit('summary', { topic: 'summary', dataVersion: version + 1, unchanged: true });
    analysts.emit('summary', { topic: 'summary', dataVersion: version + 1, payload }); // not newer than the notice
    analysts.emit('summary', { topic: 'summary', dataVersion: version + 2, payload });
    await vi.waitFor(() => expect(received.at(-1)?.dataVersion).toBe(version + 2));
    expect(received.slice(seen).map((r) => r.dataVersion)).toEqual([version + 2]);
  });

  it('gets an unchanged notice from the server for an ingest that leaves its view alone, and the payload for one that changes it', async () => {
    const socket = await connectSocket(server.url, server.token('leadership'));
    const updates: Array<{ dataVersion: number; payload?: unknown; unchanged?: true }> = [];
    (socket as unknown as { on(e: string, l: (u: (typeof updates)[number]) => void): void }).on('summary', (u) => updates.push(u));
    const changed = await ingestRevenue('Seen by everyone', 4);
    await vi.waitFor(() => expect(updates.at(-1)?.dataVersion).toBe(changed));
    expect(updates.at(-1)!.payload).toBeDefined();
    // A budget for a period far from the data: no figure of the summary moves.
    const res = await fetch(`${server.url}/api/ingest/budgets`, {
      method: 'POST',
      body: 'period_start,period_end,channel,allocated\n2031-01-01,2031-01-31,Search,100\n',
      headers: { 'content-type': 'text/csv', ...server.auth('manager') },
    });
    const untouched = ((await res.json()) as { dataVersion: number }).dataVersion;
    await vi.waitFor(() => expect(updates.at(-1)?.dataVersion).toBe(untouched));
    expect(updates.at(-1)).toEqual({ topic: 'summary', dataVersion: untouched, unchanged: true });
    socket.close();
  });

  it('closes the connection when the last subscription ends', async () => {
    const c = client();
    const { states, received, unsubscribe } = record(c);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const connected = server.live.io.sockets.sockets.size;
    unsubscribe();
    expect(c.connectionState).toBe('offline');
    await vi.waitFor(() => expect(server.live.io.sockets.sockets.size).toBe(connected - 1));
    expect(states.at(-1)).toBe('offline');
  });

  it('reports an AuthenticationError to onError when the token is refused and cannot be renewed', async () => {
    const expired = await sign({ sub: 'x', role: 'analyst', exp: Math.floor(Date.now() / 1000) - 1 }, TEST_JWT_SECRET, 'HS256');
    const errors: unknown[] = [];
    const fixed = client({ token: expired });
    fixed.subscribe('summary', () => undefined, (e) => errors.push(e));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toBeInstanceOf(AuthenticationError);
    expect(errors[0]).toMatchObject({ code: 'token_expired' });
    expect(fixed.connectionState).toBe('offline');

    const failing = client({ token: undefined, getToken: async () => Promise.reject(new Error('portal session over')) });
    failing.subscribe('summary', () => undefined, (e) => errors.push(e));
    await vi.waitFor(() => expect(errors).toHaveLength(2));
    expect(errors[1]).toMatchObject({ name: 'AuthenticationError', code: 'token_refresh_failed' });
  });

  it('refuses an unknown topic', () => {
    expect(() => client().subscribe('nope' as 'summary', () => undefined)).toThrow(TypeError);
  });
});
