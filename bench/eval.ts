/**
 * `npm run eval`: anomaly precision and recall against the generator's ground truth on the sample
 * and two more seeds, and the revenue model's holdout R² and MAPE next to the naive baselines.
 * `npm run eval -- --sweep N` also scores seeds 1..N (a wider check that the defaults generalise).
 */
import { join, resolve } from 'node:path';
import type { FitQuality } from '@retailmind/sdk/contract';
import { EVAL_SEEDS, evaluateDir, evaluateSeed, type EvalResult } from './engine-eval.js';

const ROOT = resolve(import.meta.dirname, '..');
const TARGET = 0.9;

async function main() {
  const results: EvalResult[] = [await evaluateDir('sample', join(ROOT, 'data/sample'))];
  for (const seed of EVAL_SEEDS) results.push(await evaluateSeed(seed));

  const f = (v: number) => v.toFixed(3);
  const q = (x: FitQuality | null) => (x ? `${x.r2?.toFixed(3) ?? '–'} / ${x.mape === null ? '–' : `${(100 * x.mape).toFixed(1)}%`}` : '–');
  console.log('\nAnomalies (found = same campaign and metric, date within one day)\n');
  console.log('| data | truth rows | reported | precision | recall |\n|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.truth} | ${r.found} | ${f(r.precision)} | ${f(r.recall)} |`);
  console.log('\nRevenue model, holdout on the last 14 days (R² / MAPE)\n');
  console.log('| data | model | channel mean | last week | beats both |\n|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${q(r.model.model)} | ${q(r.model.channelMean)} | ${q(r.model.lastWeek)} | ${r.model.beatsBaselines ? 'yes' : 'no'} |`);

  const sweepAt = process.argv.indexOf('--sweep');
  if (sweepAt > 0) {
    const n = Number(process.argv[sweepAt + 1] ?? 20);
    const sweep: EvalResult[] = [];
    for (let seed = 1; seed <= n; seed++) sweep.push(await evaluateSeed(seed));
    const mean = (k: 'precision' | 'recall') => sweep.reduce((a, r) => a + r[k], 0) / sweep.length;
    const min = (k: 'precision' | 'recall') => Math.min(...sweep.map((r) => r[k]));
    console.log(`\nSweep over seeds 1..${n}: precision mean ${f(mean('precision'))} (min ${f(min('precision'))}), recall mean ${f(mean('recall'))} (min ${f(min('recall'))}); model beats both baselines on ${sweep.filter((r) => r.model.beatsBaselines).length} of ${n}.`);
  }

  const misses = results.filter((r) => r.precision < TARGET || r.recall < TARGET || !r.model.beatsBaselines);
  if (misses.length > 0) {
    console.error(`\nbelow target (precision and recall ≥ ${TARGET}, model beating both baselines): ${misses.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
