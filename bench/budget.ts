/**
 * Budget simulator and optimizer speed, server-side (the service as a route handler calls it, no
 * HTTP): curve fitting at sample size (the first request after a data change: anomalies over the
 * window included), `budget-simulate` and `budget-optimize` p50 for the sample's 6 channels, and
 * `budget-optimize` for 50 channels. `httpLatency` times the routes through a running server.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDataset, writeDataset } from '../data/generate.js';
import { Random } from '../server/src/engine/budget/random.js';
import { BudgetService } from '../server/src/services/budget.js';
import { DecisionEngine } from '../server/src/services/engine.js';
import { openDatabase } from '../server/src/store/db.js';
import { ingestPath } from '../server/src/store/ingest/directory.js';
import { Store } from '../server/src/store/store.js';

type Report = (measure: string, value: string, target?: string) => void;

const percentiles = (samples: number[]) => {
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
};
const ms = (l: { p50: number; p99: number }) => `${l.p50.toFixed(2)} ms / ${l.p99.toFixed(2)} ms`;

async function timed<T>(n: number, f: (i: number) => Promise<T>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(20, n); i++) await f(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

/** A fresh service (and engine, so anomalies are detected again) fitting the store's curves: ms. */
async function fitOnce(store: Store): Promise<number> {
  const t = performance.now();
  await new BudgetService(store, new DecisionEngine(store)).fitted();
  return performance.now() - t;
}

export async function benchBudget(root: string, work: string, report: Report): Promise<void> {
  console.error('budget simulator and optimizer…');
  const sample = new Store(await openDatabase(':memory:'));
  await ingestPath(sample, join(root, 'data/sample'));
  const cold = await fitOnce(sample);
  for (let i = 0; i < 3; i++) await fitOnce(sample);
  const warm = await fitOnce(sample);
  report('sample: budget curve fit, first request after a data change (cold process / warm)', `${cold.toFixed(0)} ms / ${warm.toFixed(0)} ms`, '≤ 1 s');

  const service = new BudgetService(sample, new DecisionEngine(sample));
  const fitted = await service.fitted();
  const channels = [...fitted.fits.values()];
  const rng = new Random(7);
  const simulate = await timed(2000, () =>
    service.simulate({ allocations: channels.map((c) => ({ channel: c.channel, spend: c.currentDailySpend * 30 * (0.5 + rng.next()) })) }),
  );
  report(`sample: budget-simulate, ${channels.length} channels, server-side p50 / p99`, ms(simulate), 'p50 ≤ 5 ms');
  const total = channels.reduce((s, c) => s + c.currentDailySpend * 30, 0);
  const optimize = await timed(300, () => service.optimize({ totalBudget: total * (0.8 + 0.4 * rng.next()) }));
  report(`sample: budget-optimize, ${channels.length} channels, server-side p50 / p99`, ms(optimize), 'p50 ≤ 50 ms');
  const targetRoi = await timed(50, () => service.optimize({ targetRoi: 1.5 + rng.next() }));
  report('sample: budget-optimize for a target ROI, server-side p50 / p99', ms(targetRoi));
  sample.close();

  // 50 channels: the generator with 50 channel names, 3 campaigns each, 60 days.
  const dir = join(work, 'budget-50');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: 50 }, (_, i) => `Channel ${String(i + 1).padStart(2, '0')}`);
  writeDataset(dir, generateDataset({ seed: 11, days: 60, campaigns: 150, channels: names }));
  const wide = new Store(await openDatabase(':memory:'));
  await ingestPath(wide, dir);
  const wideFit = await fitOnce(wide);
  const wideService = new BudgetService(wide, new DecisionEngine(wide));
  const wideFitted = await wideService.fitted();
  const wideTotal = [...wideFitted.fits.values()].reduce((s, c) => s + c.currentDailySpend * 30, 0);
  const wideOptimize = await timed(50, () => wideService.optimize({ totalBudget: wideTotal * (0.8 + 0.4 * rng.next()) }));
  report(`50 channels: budget-optimize, server-side p50 / p99 (${wideFitted.fits.size} fitted)`, ms(wideOptimize), 'p50 ≤ 500 ms');
  report('50 channels × 60 days: budget curve fit', `${wideFit.toFixed(0)} ms`);
  wide.close();
}

/** The budget routes through a running server (HTTP included), as a manager. */
export async function httpLatency(url: string, headers: Record<string, string>, report: Report, label: string): Promise<void> {
  const curves = (await (await fetch(`${url}/api/response-curves`, { headers })).json()) as { channels: { channel: string; currentSpend: number }[] };
  const total = curves.channels.reduce((s, c) => s + c.currentSpend, 0);
  const rng = new Random(11);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(url + path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  };
  const simulate = await timed(500, () =>
    post('/api/budget-simulate', { allocations: curves.channels.map((c) => ({ channel: c.channel, spend: c.currentSpend * (0.5 + rng.next()) })) }),
  );
  const optimize = await timed(200, () => post('/api/budget-optimize', { totalBudget: total * (0.8 + 0.4 * rng.next()) }));
  report(`${label}: budget-simulate over HTTP p50 / p99`, ms(simulate));
  report(`${label}: budget-optimize over HTTP p50 / p99`, ms(optimize));
}
