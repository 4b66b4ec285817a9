import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/db.js';
import { ingestPath } from '../store/ingest/directory.js';
import { Store } from '../store/store.js';
import { appendDay } from './feed.js';

describe('live feed', () => {
  it('appends the next day through the ingest path, every row valid, announcing each file', async () => {
    const store = new Store(await openDatabase(':memory:'));
    await ingestPath(store, 'tests/fixtures/tiny');
    const before = await store.dimensions();
    const changes: string[] = [];
    store.onDataChanged((c) => changes.push(c.kind));
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

    const slice = await appendDay(store, random);
    expect(slice).toMatchObject({ day: '2026-03-04', rowsRejected: 0 });
    expect(slice!.rowsStored).toBeGreaterThan(0);
    expect(changes).toEqual(['campaign_daily', 'sales_daily', 'customer_daily']);
    const after = await store.dimensions();
    expect(after.maxDate).toBe('2026-03-04');
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
    expect((await appendDay(store, random))?.day).toBe('2026-03-05');
    store.close();
  });

  it('does nothing on an empty database', async () => {
    const store = new Store(await openDatabase(':memory:'));
    expect(await appendDay(store)).toBeNull();
    store.close();
  });
});
