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
  /** CPU time of the process over the three parts (the wall time is noisy on a shared machine). */
  cpuMs: number;
  /** Anomalies over every day of the data, for scale. */
  fullHistoryMs: number;
  rssGrowthMb: number;
  peakHeapMb: number;
}

export async function engineRecompute(store: Store, options: { fullHistory?: boolean } = {}): Promise<EngineTiming> {
  const dims = await store.dimensions();
  const to = dims.maxDate!;
  const range = { from: addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to };
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const engine = new DecisionEngine(store);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await engine.anomaliesIn(range);
  const t1 = performance.now();
  await engine.campaignHealth({});
  const t2 = performance.now();
  await engine.recommendations(range);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const rssGrowthMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  if (options.fullHistory !== false) await new DecisionEngine(store).anomaliesIn({ from: dims.minDate!, to });
  const t4 = performance.now();
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return {
    anomaliesMs: t1 - t0,
    healthMs: t2 - t1,
    recommendationsMs: t3 - t2,
    totalMs: t3 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    fullHistoryMs: t4 - t3,
    rssGrowthMb,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}

/**
 * `npx tsx bench/engine.ts`: the engine recompute alone, at sample size (warm, as in `npm run bench`)
 * and at 1,000 campaigns × 365 days (the bench's dataset: `generateDataset`, seed 7, kept in
 * `.bench/engine/` between runs; `--fresh` builds it again). `--scale-only` skips the sample; `--no-full` skips the anomalies over every day at scale.
 */
async function main() {
  const { existsSync, mkdirSync, rmSync } = await import('node:fs');
  const { join, resolve } = await import('node:path');
  const { generateDataset, writeDataset } = await import('../data/generate.js');
  const { openDatabase } = await import('../server/src/store/db.js');
  const { ingestPath } = await import('../server/src/store/ingest/directory.js');
  const { Store } = await import('../server/src/store/store.js');
  const root = resolve(import.meta.dirname, '..');
  const work = join(root, '.bench/engine');
  const scaleDb = join(work, 'scale.db');
  const ms = (v: number) => v.toFixed(0);
  const line = (label: string, e: EngineTiming) =>
    console.log(
      `${label}: ${ms(e.totalMs)} ms, CPU ${ms(e.cpuMs)} ms (anomalies ${ms(e.anomaliesMs)}, health ${ms(e.healthMs)}, recommendations with model training ${ms(e.recommendationsMs)}); ` +
        `RSS growth ${e.rssGrowthMb.toFixed(0)} MB, peak heap ${e.peakHeapMb.toFixed(0)} MB; anomalies over all days ${ms(e.fullHistoryMs)} ms`,
    );

  if (!process.argv.includes('--scale-only')) {
    const sample = new Store(await openDatabase(':memory:'));
    await ingestPath(sample, join(root, 'data/sample'));
    for (let i = 0; i < 3; i++) await engineRecompute(sample);
    line('sample', await engineRecompute(sample));
    sample.close();
  }
  if (process.argv.includes('--fresh') || !existsSync(scaleDb)) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    console.error('generating and ingesting 1,000 campaigns × 365 days…');
    writeDataset(join(work, 'scale'), generateDataset({ seed: 7, days: 365, campaigns: 1000 }));
    const store = new Store(await openDatabase(scaleDb));
    await ingestPath(store, join(work, 'scale'));
    store.close();
  }
  const scale = new Store(await openDatabase(scaleDb));
  line('1000×365', await engineRecompute(scale, { fullHistory: !process.argv.includes('--no-full') }));
  scale.close();
}

if (import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1] ?? '').href) await main();
