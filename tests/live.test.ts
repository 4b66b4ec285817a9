import type { LiveUpdate } from '@retailmind/sdk/contract';
import { sign } from 'hono/jwt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendDay } from '../server/src/live/feed.js';
import { MAX_CLIENT_MESSAGE_BYTES } from '../server/src/live/server.js';
import { startServer, TEST_JWT_SECRET, type TestServer } from './helpers/server.js';
import { connectSocket, nextEvent, type TestSocket } from './helpers/sockets.js';

let server: TestServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startServer({ dataDir: 'tests/fixtures/tiny', config: { corsOrigins: ['https://portal.example'] } });
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
afterAll(() => server.close());

const connect = async (...args: Parameters<typeof connectSocket>) => {
  const socket = await connectSocket(...args);
  open.push(socket);
  return socket;
};
const refusal = (p: Promise<unknown>) => p.then(() => 'connected', (e: { code?: string; message: string }) => e.code ?? e.message);
const now = () => Math.floor(Date.now() / 1000);

async function ingestSales(revenue: number) {
  const res = await fetch(`${server.url}/api/ingest/sales_daily`, {
    method: 'POST',
    body: `date,campaign_id,product,transactions,revenue\n2026-03-03,A2,Live test,1,${revenue}\n`,
    headers: { 'content-type': 'text/csv', ...server.auth('manager') },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { dataVersion: number }).dataVersion;
}

describe('handshake', () => {
  it('needs a valid token: none, forged and expired ones are refused with a code', async () => {
    expect(await refusal(connectSocket(server.url, undefined))).toBe('unauthenticated');
    expect(await refusal(connectSocket(server.url, 'nonsense'))).toBe('invalid_token');
    const forged = await sign({ sub: 'x', role: 'manager', exp: now() + 60 }, 'not-the-secret-not-the-secret-xx', 'HS256');
    expect(await refusal(connectSocket(server.url, forged))).toBe('invalid_token');
    const expired = await sign({ sub: 'x', role: 'manager', exp: now() - 1 }, TEST_JWT_SECRET, 'HS256');
    expect(await refusal(connectSocket(server.url, expired))).toBe('token_expired');
    expect(await refusal(connect(server.url, server.token('analyst')))).toBe('connected');
  });

  it('checks Origin: allowlisted, same-origin and no Origin pass; any other is refused', async () => {
    const token = server.token('analyst');
    expect(await refusal(connect(server.url, token, { origin: 'https://portal.example' }))).toBe('connected');
    expect(await refusal(connect(server.url, token, { origin: server.url }))).toBe('connected');
    expect(await refusal(connect(server.url, token))).toBe('connected');
    expect(await refusal(connectSocket(server.url, token, { origin: 'https://evil.example' }))).not.toBe('connected');
  });

  it('puts each socket in its role room only, whatever the client asks', async () => {
    const leader = await connect(server.url, server.token('leadership'));
    (leader as any).emit('join', 'role:manager');
    await new Promise((r) => setTimeout(r, 50));
    const [remote] = await server.live.io.in(leader.id!).fetchSockets();
    expect([...remote!.rooms].sort()).toEqual([leader.id, 'role:leadership'].sort());
  });

  it('closes a socket that sends more than a handshake\'s worth (clients have nothing to send)', async () => {
    const socket = await connect(server.url, server.token('manager'));
    const gone = nextEvent<string>(socket, 'disconnect', 4000);
    (socket as unknown as { emit(event: string, data: string): void }).emit('anything', 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES + 1));
    expect(await gone).toBe('transport close');
  });

  it('disconnects a socket when its token expires, saying why', async () => {
    const shortLived = await sign({ sub: 'x', role: 'analyst', exp: now() + 2 }, TEST_JWT_SECRET, 'HS256');
    const socket = await connect(server.url, shortLived);
    const ended = nextEvent<{ code: string }>(socket, 'session-ended', 4000);
    const gone = nextEvent<string>(socket, 'disconnect', 4000);
    expect(await ended).toMatchObject({ code: 'token_expired' });
    expect(await gone).toBe('io server disconnect');
  });
});

describe('pushes after an ingest', () => {
  it('sends every role the summary topic, equal to its REST route\'s answer, at the ingest\'s data version', async () => {
    const sockets = await Promise.all((['manager', 'analyst', 'leadership'] as const).map((role) => connect(server.url, server.token(role))));
    const updates = Promise.all(sockets.map((s) => nextEvent<LiveUpdate<'summary'>>(s, 'summary')));
    const version = await ingestSales(1000);
    const received = await updates;
    const rest = await (await fetch(`${server.url}/api/dashboard-summary`, { headers: server.auth('leadership') })).json();
    for (const update of received) {
      expect(update.topic).toBe('summary');
      expect(update.dataVersion).toBe(version);
      expect(update.payload).toEqual(rest);
    }
  });

  it('pushes the engine topics to the roles that may see them, and none of them to leadership', async () => {
    const [manager, analyst, leader] = await Promise.all(
      (['manager', 'analyst', 'leadership'] as const).map((role) => connect(server.url, server.token(role))),
    );
    const leaderGot: string[] = [];
    for (const topic of ['anomalies', 'health', 'recommendations']) (leader as any).on(topic, () => leaderGot.push(topic));
    const wanted = Promise.all([
      nextEvent<LiveUpdate<'anomalies'>>(manager, 'anomalies'),
      nextEvent<LiveUpdate<'health'>>(manager, 'health'),
      nextEvent<LiveUpdate<'recommendations'>>(analyst, 'recommendations'),
      nextEvent<LiveUpdate<'summary'>>(leader, 'summary'),
    ]);
    const version = await ingestSales(7);
    const [anomalies, health, recommendations] = await wanted;
    expect(anomalies.dataVersion).toBe(version);
    const rest = await (await fetch(`${server.url}/api/campaign-health`, { headers: server.auth('manager') })).json();
    expect(health.payload).toEqual(rest);
    expect(Array.isArray(recommendations.payload.recommendations)).toBe(true);
    expect(leaderGot).toEqual([]);
  });

  it('pushes what the live feed appends, through the same ingest path', async () => {
    const socket = await connect(server.url, server.token('analyst'));
    const update = nextEvent<LiveUpdate<'summary'>>(socket, 'summary');
    const slice = await appendDay(server.store);
    expect(slice?.rowsStored).toBeGreaterThan(0);
    const received = await update;
    expect(received.dataVersion).toBe(await server.store.dataVersion());
    expect(received.payload.range.to).toBe(slice!.day); // the default range now ends on the appended day
  });
});
