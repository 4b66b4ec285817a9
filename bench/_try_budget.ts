import { join } from 'node:path';
import { openDatabase } from '../server/src/store/db.js';
import { ingestPath } from '../server/src/store/ingest/directory.js';
import { Store } from '../server/src/store/store.js';
import { budgetFor } from '../server/src/services/budget.js';
const dir = process.argv[2] ?? '/work/main/data/sample';
const store = new Store(await openDatabase(':memory:'));
await ingestPath(store, dir);
const svc = budgetFor(store);
let t = performance.now();
const f = await svc.fitted();
console.log('fit ms', (performance.now() - t).toFixed(0), f.fitMs.toFixed(0));
for (const fit of f.fits.values()) console.log(fit.channel, fit.level, 'theta', fit.curve.theta.toFixed(3), fit.thetaSource, 'K', fit.curve.K.toFixed(0), 'S', fit.curve.S.toFixed(2), 'beta', fit.curve.beta.toFixed(0), 'sig', fit.curve.sigma.toFixed(3), 'n', fit.usableDays, 'rec', fit.reconstructedDays, 'exc', fit.excludedDays, 'cur', fit.currentDailySpend.toFixed(0), 'hold', JSON.stringify(fit.holdout));
console.log(f.notes.join('\n'));
console.log(f.model?.weekday);
t = performance.now();
const o = await svc.optimize({ totalBudget: [...f.fits.values()].reduce((s, x) => s + x.currentDailySpend * 30, 0) });
console.log('opt ms', (performance.now() - t).toFixed(1));
console.log(o.recommendation, o.method, o.marginalRoi, o.lift);
for (const a of o.allocations) console.log(a.channel, a.currentSpend, a.spend, a.changePct, a.marginalRoi, a.bound, a.extrapolated);
store.close();
{
  const store2 = new Store(await openDatabase(':memory:'));
  await ingestPath(store2, dir);
  const s2 = budgetFor(store2);
  const f2 = await s2.fitted();
  const total = [...f2.fits.values()].reduce((s, x) => s + x.currentDailySpend * 30, 0);
  for (const label of ['opt', 'sim', 'roi', 'mroi']) {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      if (label === 'opt') await s2.optimize({ totalBudget: total });
      else if (label === 'sim') await s2.simulate({ allocations: [{ channel: 'Email', spend: 10000 }] });
      else if (label === 'roi') await s2.optimize({ targetRoi: 2.5 });
      else await s2.optimize({ targetMarginalRoi: 0.5 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(label, 'p50', times[15]!.toFixed(2), 'max', times[29]!.toFixed(2));
  }
}
