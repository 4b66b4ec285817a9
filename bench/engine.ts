/**
 * Engine recompute, as the first request after a data change sees it: a fresh engine (empty
 * caches) answers anomalies, campaign health and recommendations (training the revenue model)
 * for the default range, the last 30 days of data.
 */
import { performance } from 'node:perf_hooks';
import { addDays } from '../server/src/dates.js';
import { DecisionEngine } from '../server/src/services/engine.js';
import { DEFAULT_RANGE_DAYS } from '../server/src/services/filter.js';
import type { Store } from '../server/src/store/store.js';

export interface EngineTiming {
  anomaliesMs: number;
  healthMs: number;
  recommendationsMs: number;
  totalMs: number;
  /** Anomalies over every day of the data, for scale. */
  fullHistoryMs: number;
  rssGrowthMb: number;
  peakHeapMb: number;
}

export async function engineRecompute(store: Store): Promise<EngineTiming> {
  const dims = await store.dimensions();
  const to = dims.maxDate!;
  const range = { from: addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to };
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const engine = new DecisionEngine(store);
  const t0 = performance.now();
  await engine.anomaliesIn(range);
  const t1 = performance.now();
  await engine.campaignHealth({});
  const t2 = performance.now();
  await engine.recommendations(range);
  const t3 = performance.now();
  const rssGrowthMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  await new DecisionEngine(store).anomaliesIn({ from: dims.minDate!, to });
  const t4 = performance.now();
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return {
    anomaliesMs: t1 - t0,
    healthMs: t2 - t1,
    recommendationsMs: t3 - t2,
    totalMs: t3 - t0,
    fullHistoryMs: t4 - t3,
    rssGrowthMb,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}
