import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../store/db.js';
import { ingestPath } from '../store/ingest/directory.js';
import { Store } from '../store/store.js';
import { LivePublisher } from './publisher.js';
import { roomOf } from './rooms.js';
import type { LiveServer } from './server.js';
import type { TopicRegistry } from './topics.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function filledStore(url = ':memory:') {
  const store = new Store(await openDatabase(url));
  cleanups.push(() => store.close());
  await ingestPath(store, 'tests/fixtures/tiny');
  return store;
}

let day = 0;
const ingestOne = (store: Store) =>
  store.ingest('budgets', Readable.from([`period_start,period_end,channel,allocated\n2027-01-01,2027-01-31,Search,${++day}\n`]));

/** A registry whose one topic records the data version it saw; the first computation waits for `gate`. */
function countingTopics(gate: Promise<void> = Promise.resolve()) {
  const seen: number[] = [];
  const topics = {
    summary: async ({ store }) => {
      if (seen.length === 0) await gate;
      seen.push(await store.dataVersion());
      return {} as never;
    },
  } satisfies TopicRegistry;
  return { topics, seen };
}

function publisher(store: Store, topics: TopicRegistry, watchMs = 0) {
  const io: LiveServer = new Server(); // not attached: emits reach no one, which is all this test needs
  const p = new LivePublisher(io, store, { store }, { watchMs, shareVersions: false, logError: (e) => { throw e; } }, topics);
  cleanups.push(() => p.stop());
  return p;
}

describe('LivePublisher', () => {
  it('coalesces the changes that arrive during a run into exactly one more run, which sees the last version', async () => {
    const store = await filledStore();
    let release!: () => void;
    const { topics, seen } = countingTopics(new Promise<void>((r) => (release = r)));
    const p = publisher(store, topics);
    await p.start();

    await ingestOne(store);
    await vi.waitFor(() => expect(p['running']).toBe(true));
    for (let i = 0; i < 5; i++) await ingestOne(store);
    const last = await store.dataVersion();
    release();
    await p.settled();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(last);
  });

  it('publishes nothing when nothing changed, and stops listening when stopped', async () => {
    const store = await filledStore();
    const { topics, seen } = countingTopics();
    const p = publisher(store, topics);
    await p.start();
    await p.settled();
    expect(seen).toHaveLength(0);
    p.stop();
    await ingestOne(store);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(0);
  });

  it('notices versions committed by another process (the ingest CLI) through its watch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-watch-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const server = await filledStore(join(dir, 'db.sqlite'));
    const cli = new Store(await openDatabase(join(dir, 'db.sqlite')));
    cleanups.push(() => cli.close());
    const { topics, seen } = countingTopics();
    const p = publisher(server, topics, 25);
    await p.start();
    await ingestOne(cli);
    await vi.waitFor(() => expect(seen).toEqual([expect.any(Number)]), { timeout: 2000 });
    expect(seen[0]).toBe(await cli.dataVersion());
  });
});

describe('LivePublisher, as a client sees it', () => {
  /** A socket.io server on a real port whose one client sits in the manager's room. */
  async function connected(store: Store, topics: TopicRegistry) {
    const http = createServer();
    const io: LiveServer = new Server(http);
    io.on('connection', (socket) => void socket.join(roomOf('manager')));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => void io.close(() => resolve())));
    const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true });
    cleanups.push(() => client.close());
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const received: Array<{ dataVersion: number; payload: unknown }> = [];
    client.on('summary', (update: { dataVersion: number; payload: unknown }) => received.push(update));
    const p = new LivePublisher(io, store, { store }, { watchMs: 0, shareVersions: false, logError: (e) => { throw e; } }, topics);
    cleanups.push(() => p.stop());
    await p.start();
    return { p, received };
  }

  it('drops a topic whose computation a commit overtook and sends the newer version, tagged with it', async () => {
    const store = await filledStore();
    let overtaken = false;
    const topics = {
      summary: async ({ store }) => {
        const before = await store.dataVersion();
        if (!overtaken) {
          overtaken = true;
          await ingestOne(store); // commits while this computation is under way
        }
        return { computedAt: before } as never;
      },
    } satisfies TopicRegistry;
    const { p, received } = await connected(store, topics);
    await ingestOne(store);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await p.settled();
    await new Promise((r) => setTimeout(r, 50));
    const last = await store.dataVersion();
    expect(received).toEqual([{ topic: 'summary', dataVersion: last, payload: { computedAt: last } }]);
  });

  it('sends a view the clients already hold as a few bytes saying it is current, and a changed one in full', async () => {
    const store = await filledStore();
    let figure = 1;
    const topics = { summary: async () => ({ figure }) as never } satisfies TopicRegistry;
    const { p, received } = await connected(store, topics);
    const next = async () => {
      const count = received.length;
      await ingestOne(store);
      await vi.waitFor(() => expect(received).toHaveLength(count + 1));
      await p.settled();
      return { update: received.at(-1), version: await store.dataVersion() };
    };
    const first = await next();
    expect(first.update).toEqual({ topic: 'summary', dataVersion: first.version, payload: { figure: 1 } });
    const same = await next();
    expect(same.update).toEqual({ topic: 'summary', dataVersion: same.version, unchanged: true });
    figure = 2;
    const changed = await next();
    expect(changed.update).toEqual({ topic: 'summary', dataVersion: changed.version, payload: { figure: 2 } });
  });
});
