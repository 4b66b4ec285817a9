import { evaluateBudgetDir, evaluateBudgetSeed } from './budget-eval.js';
const args = process.argv.slice(2);
for (const a of args) {
  const r = a === 'sample' ? await evaluateBudgetDir('sample', 'data/sample') : await evaluateBudgetSeed(Number(a));
  console.log(r.name.padEnd(8), 'alloc max', (100*r.allocationErrorMax).toFixed(1), 'mean', (100*r.allocationErrorMean).toFixed(1), 'ch max', (100*r.channelErrorMax).toFixed(1), 'within10', (100*r.channelWithin10Pct).toFixed(0), 'cover', (100*r.bandCoverage).toFixed(0), 'opt', (100*r.optimizerShare).toFixed(1), 'hist', (100*r.historicalShare).toFixed(1), 'fit', r.fitMs.toFixed(0));
}
