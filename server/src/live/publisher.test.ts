import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../store/db.js';
import { ingestPath } from '../store/ingest/directory.js';
import { Store } from '../store/store.js';
import { LivePublisher } from './publisher.js';
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
