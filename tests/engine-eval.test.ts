import { describe, expect, it } from 'vitest';
import { EVAL_SEEDS, evaluateDir, evaluateSeed } from '../bench/engine-eval.js';

// The floor under `npm run eval`: anomalies against the generator's ground truth on the sample and
// two more seeds (generated here into a temp dir), and the model against its naive baselines.
describe('decision engine against ground truth', () => {
  it.each([['sample', null], ...EVAL_SEEDS.map((s) => [`seed ${s}`, s] as const)])('%s: precision and recall ≥ 0.9, model beats the baselines', async (_name, seed) => {
    const r = seed === null ? await evaluateDir('sample', 'data/sample') : await evaluateSeed(seed);
    expect(r.truth).toBeGreaterThan(10);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.model.beatsBaselines).toBe(true);
  });
});
