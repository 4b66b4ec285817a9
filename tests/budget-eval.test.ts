import { describe, expect, it } from 'vitest';
import { EVAL_SEEDS } from '../bench/engine-eval.js';
import { evaluateBudgetDir, evaluateBudgetSeed } from '../bench/budget-eval.js';

// The floor under `npm run eval`'s budget section: the fitted curves and the optimizer against the
// generator's true curves, on the sample and the same two seeds as the engine's eval (not chosen by score).
describe('budget simulator and optimizer against the true response curves', () => {
  const cases: Array<[string, number | null]> = [['sample', null], ...EVAL_SEEDS.map((s): [string, number] => [`seed ${s}`, s])];
  it.each(cases)(
    '%s: projections within 10 % for allocations within ±30 %, optimizer ≥ 97 % of the true optimum',
    async (_name, seed) => {
      const r = seed === null ? await evaluateBudgetDir('sample', 'data/sample') : await evaluateBudgetSeed(seed);
      expect(r.channels).toBeGreaterThanOrEqual(6);
      expect(r.allocationErrorMax).toBeLessThanOrEqual(0.1);
      expect(r.optimizerShare).toBeGreaterThanOrEqual(0.97);
      // The bands hold the truth most of the time, and the optimum is worth finding.
      expect(r.bandCoverage).toBeGreaterThanOrEqual(0.8);
      expect(r.optimizerShare).toBeGreaterThan(r.historicalShare);
    },
  );
});
