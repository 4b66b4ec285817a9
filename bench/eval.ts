/**
 * `npm run eval`: anomaly precision and recall against the generator's ground truth on the sample
 * and two more seeds, and the revenue model's holdout R² and MAPE next to the naive baselines.
 * `npm run eval -- --sweep N` also scores seeds 1..N (a wider check that the defaults generalise).
 * The budget section scores the fitted response curves and the optimizer against the true curves.
 */
import { join, resolve } from 'node:path';
import type { FitQuality } from '@retailmind/sdk/contract';
import { evaluateBudgetDir, evaluateBudgetSeed, type BudgetEvalResult } from './budget-eval.js';
import { EVAL_SEEDS, evaluateDir, evaluateSeed, type EvalResult } from './engine-eval.js';

const ROOT = resolve(import.meta.dirname, '..');
const TARGET = 0.9;
/** Budget targets: projections within 10 % (allocations within ±30 %), optimizer ≥ 97 % of the true optimum. */
const BUDGET_ERROR = 0.1;
const BUDGET_SHARE = 0.97;

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

  const budget: BudgetEvalResult[] = [await evaluateBudgetDir('sample', join(ROOT, 'data/sample'))];
  for (const seed of EVAL_SEEDS) budget.push(await evaluateBudgetSeed(seed));
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  console.log('\nBudget: fitted response curves against the true ones, 30-day horizon, steady spend, per channel');
  console.log('(projection error: |projected − true| / true of the total, 200 allocations with every channel within ±30 % of its historical spend;');
  console.log(' per channel: at 0.7, 0.85, 1, 1.15 and 1.3 × its spend; optimizer: true revenue of its split of the historical total over the true optimum)\n');
  console.log('| data | projection error max / mean | per channel max / within 10 % | band holds truth | optimizer / true optimum | historical split / true optimum | fit |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of budget)
    console.log(
      `| ${r.name} | ${pct(r.allocationErrorMax)} / ${pct(r.allocationErrorMean)} | ${pct(r.channelErrorMax)} / ${pct(r.channelWithin10Pct)} | ${pct(r.bandCoverage)} | ${pct(r.optimizerShare)} | ${pct(r.historicalShare)} | ${r.fitMs.toFixed(0)} ms |`,
    );

  const sweepAt = process.argv.indexOf('--sweep');
  if (sweepAt > 0) {
    const n = Number(process.argv[sweepAt + 1] ?? 20);
    const sweep: EvalResult[] = [];
    for (let seed = 1; seed <= n; seed++) sweep.push(await evaluateSeed(seed));
    const mean = (k: 'precision' | 'recall') => sweep.reduce((a, r) => a + r[k], 0) / sweep.length;
    const min = (k: 'precision' | 'recall') => Math.min(...sweep.map((r) => r[k]));
    const budgetSweep: BudgetEvalResult[] = [];
    for (let seed = 1; seed <= n; seed++) budgetSweep.push(await evaluateBudgetSeed(seed));
    const shares = budgetSweep.map((r) => r.optimizerShare);
    console.log(
      `\nBudget sweep over seeds 1..${n}: allocation projection error max ${pct(Math.max(...budgetSweep.map((r) => r.allocationErrorMax)))}; ` +
        `optimizer mean ${pct(shares.reduce((a, b) => a + b, 0) / n)} of the true optimum (min ${pct(Math.min(...shares))}, ≥ 97 % on ${shares.filter((v) => v >= BUDGET_SHARE).length} of ${n}); ` +
        `band coverage mean ${pct(budgetSweep.reduce((a, r) => a + r.bandCoverage, 0) / n)}.`,
    );
    console.log(`\nSweep over seeds 1..${n}: precision mean ${f(mean('precision'))} (min ${f(min('precision'))}), recall mean ${f(mean('recall'))} (min ${f(min('recall'))}); model beats both baselines on ${sweep.filter((r) => r.model.beatsBaselines).length} of ${n}.`);
  }

  const misses = results.filter((r) => r.precision < TARGET || r.recall < TARGET || !r.model.beatsBaselines);
  if (misses.length > 0) {
    console.error(`\nbelow target (precision and recall ≥ ${TARGET}, model beating both baselines): ${misses.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
  const budgetMisses = budget.filter((r) => r.allocationErrorMax > BUDGET_ERROR || r.optimizerShare < BUDGET_SHARE);
  if (budgetMisses.length > 0) {
    console.error(`\nbudget below target (projection error ≤ ${100 * BUDGET_ERROR} %, optimizer ≥ ${100 * BUDGET_SHARE} % of the true optimum): ${budgetMisses.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
