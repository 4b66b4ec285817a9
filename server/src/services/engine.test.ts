import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { detectAnomalies, LOOKBACK_DAYS } from '../engine/anomalies.js';
import { openDatabase } from '../store/db.js';
import { ingestPath } from '../store/ingest/directory.js';
import { Store } from '../store/store.js';
import { DecisionEngine } from './engine.js';
import { loadSeries } from './engine-input.js';

/**
 * The engine reads the latest days once per data version and serves the anomalies, the model and
 * the recommendations from that one read; the answers must be the ones each question would get
 * reading the store on its own, in any order, and a data change must be seen at once.
 */
describe('DecisionEngine: one read of the latest days per data version', () => {
  let store: Store;
  let range: { from: string; to: string };
  const answers = async (engine: DecisionEngine, order: 'anomalies first' | 'model first') => {
    if (order === 'model first') await engine.modelReport();
    const anomalies = await engine.anomaliesIn(range);
    const recommendations = await engine.recommendations(range);
    const { model: _fitted, ...model } = await engine.modelReport();
    return { anomalies, recommendations, model };
  };

  beforeAll(async () => {
    store = new Store(await openDatabase(':memory:'));
    await ingestPath(store, 'data/sample');
    const latest = (await store.dimensions()).maxDate!;
    range = { from: addDays(latest, -29), to: latest };
  });
  afterAll(() => store.close());

  it('gives the same answers in any order as engines that share nothing', async () => {
    const first = await answers(new DecisionEngine(store), 'anomalies first');
    expect(first.anomalies.length).toBeGreaterThan(0);
    expect(first.recommendations.recommendations.length).toBeGreaterThan(0);
    expect(await answers(new DecisionEngine(store), 'model first')).toEqual(first);
    // And the anomalies are those of the range's own read.
    const { thresholds } = await new DecisionEngine(store).thresholds();
    const own = await loadSeries(store.db, { from: addDays(range.from, -LOOKBACK_DAYS), to: range.to });
    expect(first.anomalies).toEqual(detectAnomalies(own, thresholds.anomalies, range));
  });

  it('answers a range older than the shared days from its own read, as a fresh engine does', async () => {
    const engine = new DecisionEngine(store);
    await engine.anomaliesIn(range);
    const dims = await store.dimensions();
    const all = { from: dims.minDate!, to: dims.maxDate! };
    expect(await engine.anomaliesIn(all)).toEqual(await new DecisionEngine(store).anomaliesIn(all));
  });

  it('sees a data change at once', async () => {
    const engine = new DecisionEngine(store);
    const before = await engine.anomaliesIn(range);
    // The latest day of one campaign, its spend ten times over: a spend spike the engine must report.
    const csv = `date,campaign_id,impressions,clicks,spend\n${range.to},C0024,40637,259,5031.20\n`;
    await store.ingest('campaign_daily', Readable.from([csv]));
    const after = await engine.anomaliesIn(range);
    expect(after).not.toEqual(before);
    expect(after.some((a) => a.campaignId === 'C0024' && a.metric === 'spend' && a.date === range.to)).toBe(true);
    expect(after).toEqual(await new DecisionEngine(store).anomaliesIn(range));
    expect(await engine.recommendations(range)).toEqual(await new DecisionEngine(store).recommendations(range));
  });
});
