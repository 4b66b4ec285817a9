import { describe, expect, it } from 'vitest';
import { allocate, allocateAtMarginal, bestForLambda, peak, slope, value, type Bounded, type CurveParams } from './optimize.js';

const free = (curve: CurveParams): Bounded => ({ curve, lo: 0, hi: Infinity });
const total = (x: number[]) => x.reduce((a, b) => a + b, 0);
const revenue = (channels: Bounded[], x: number[]) => x.reduce((s, v, i) => s + value(channels[i]!.curve, v), 0);

/** Best split of `budget` over the channels by exhaustive search on a fine grid (2 or 3 channels). */
function bruteForce(channels: Bounded[], budget: number, steps = 2000): number {
  let best = -Infinity;
  const d = budget / steps;
  if (channels.length === 2) for (let i = 0; i <= steps; i++) best = Math.max(best, revenue(channels, [i * d, budget - i * d]));
  else
    for (let i = 0; i <= steps; i += 2)
      for (let j = 0; i + j <= steps; j += 2) best = Math.max(best, revenue(channels, [i * d, j * d, budget - (i + j) * d]));
  return best;
}

describe('concave curves: bisection on the common marginal', () => {
  // S = 1: f = βx/(x + K), f' = βK/(x + K)², so equal marginals give x_i = √(β_i K_i)·(B + ΣK)/Σ√(βK) − K_i.
  const curves = [
    { beta: 4000, K: 300, S: 1 },
    { beta: 9000, K: 1200, S: 1 },
    { beta: 2500, K: 150, S: 1 },
  ];
  const channels = curves.map(free);

  it('matches the closed form and equalises the marginal returns', () => {
    const B = 2400;
    const a = allocate(channels, B);
    expect(a.method).toBe('bisection');
    const roots = curves.map((c) => Math.sqrt(c.beta * c.K));
    const scale = (B + curves.reduce((s, c) => s + c.K, 0)) / roots.reduce((a, b) => a + b, 0);
    curves.forEach((c, i) => expect(a.x[i]).toBeCloseTo(roots[i]! * scale - c.K, 3));
    expect(total(a.x)).toBeCloseTo(B, 6);
    const marginals = a.x.map((x, i) => slope(curves[i]!, x));
    for (const m of marginals) expect(m).toBeCloseTo(marginals[0]!, 6);
  });

  it('respects bounds: a capped channel sits on its cap and the others share the rest equally at the margin', () => {
    const bounded = [{ ...channels[0]!, hi: 200 }, channels[1]!, { ...channels[2]!, lo: 500 }];
    const a = allocate(bounded, 2400);
    expect(a.x[0]).toBeCloseTo(200, 6);
    expect(a.x[2]).toBeGreaterThanOrEqual(500 - 1e-9);
    expect(total(a.x)).toBeCloseTo(2400, 6);
    expect(revenue(bounded, a.x)).toBeGreaterThanOrEqual(revenue(bounded, [200, 1700, 500]) - 1e-6);
  });

  it('is concave with S < 1 too (infinite marginal at zero) and beats a brute-force search', () => {
    const c = [free({ beta: 3000, K: 500, S: 0.6 }), free({ beta: 5000, K: 2000, S: 0.8 })];
    const a = allocate(c, 1500);
    expect(a.method).toBe('bisection');
    expect(revenue(c, a.x)).toBeGreaterThanOrEqual(bruteForce(c, 1500) - 1e-6);
  });
});

describe('S-shaped curves: greedy with look-ahead, polished by projected gradient', () => {
  it('crosses a flat start that a one-step greedy would never cross', () => {
    // Nothing comes back from the S-shaped channel's first units (marginal 0 at 0), yet it is where the money should go.
    const c = [free({ beta: 10_000, K: 1000, S: 3 }), free({ beta: 500, K: 100, S: 1 })];
    const a = allocate(c, 1200);
    expect(a.method).toBe('greedy');
    expect(a.x[0]).toBeGreaterThan(1000);
    expect(revenue(c, a.x)).toBeGreaterThanOrEqual(bruteForce(c, 1200) - 1e-3);
  });

  it('finds the brute-force optimum of three mixed curves at several budgets', () => {
    const c = [free({ beta: 14_000, K: 2000, S: 2.3 }), free({ beta: 7500, K: 1100, S: 2.4 }), free({ beta: 3100, K: 100, S: 1.07 })];
    for (const B of [500, 2000, 4000, 8000]) {
      const a = allocate(c, B);
      expect(total(a.x)).toBeCloseTo(B, 6);
      expect(revenue(c, a.x) / bruteForce(c, B, 1000)).toBeGreaterThan(0.9999);
    }
  });

  it('never loses to the starting split, and leaves channels worth nothing at zero', () => {
    const c = [free({ beta: 6000, K: 800, S: 1.8 }), free({ beta: 6000, K: 800, S: 1.8 }), free({ beta: 50, K: 5000, S: 2.5 })];
    const a = allocate(c, 1800);
    expect(revenue(c, a.x)).toBeGreaterThan(revenue(c, [600, 600, 600]));
    expect(a.x[2]).toBeLessThan(1e-6);
  });

  it('knows where an S-shaped marginal peaks and picks the best point for a marginal value', () => {
    const c = { beta: 10_000, K: 1000, S: 3 };
    const x = peak(c);
    expect(slope(c, x)).toBeGreaterThan(slope(c, 0.9 * x));
    expect(slope(c, x)).toBeGreaterThan(slope(c, 1.1 * x));
    // λ above the peak marginal: spending nothing is best; a small λ: the falling branch where f' = λ.
    expect(bestForLambda(free(c), slope(c, x) * 1.01)).toBe(0);
    const at = bestForLambda(free(c), 2);
    expect(at).toBeGreaterThan(x);
    expect(slope(c, at)).toBeCloseTo(2, 6);
  });
});

describe('profit and the marginal target', () => {
  const c = [free({ beta: 4000, K: 300, S: 1 }), free({ beta: 9000, K: 1200, S: 1.5 })];

  it('profit: spends only while a unit returns more than it costs, leaving the rest of a large budget', () => {
    const a = allocate(c, 1e6, 'profit');
    expect(a.unspent).toBeGreaterThan(0);
    a.x.forEach((x, i) => expect(slope(c[i]!.curve, x)).toBeCloseTo(1, 5));
    expect(a.value).toBeCloseTo(revenue(c, a.x) - total(a.x), 6);
  });

  it('profit with a budget that binds is the revenue optimum of that budget', () => {
    const p = allocate(c, 1000, 'profit');
    const r = allocate(c, 1000, 'revenue');
    expect(p.unspent).toBe(0);
    p.x.forEach((x, i) => expect(x).toBeCloseTo(r.x[i]!, 4));
  });

  it('allocateAtMarginal puts every channel where its next unit returns λ', () => {
    const x = allocateAtMarginal(c, 1.5);
    x.forEach((v, i) => expect(slope(c[i]!.curve, v)).toBeCloseTo(1.5, 6));
  });
});
