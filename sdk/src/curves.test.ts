import { describe, expect, it } from 'vitest';
import {
  adstock,
  dailyRevenue,
  extrapolationDistance,
  hill,
  hillSlope,
  marginalDailyRevenue,
  projectAllocation,
  projectSpend,
  type ResponseCurve,
} from './curves.js';

const curve = (over: Partial<ResponseCurve> = {}): ResponseCurve => ({
  theta: 0.4,
  K: 1000,
  S: 2,
  beta: 8000,
  sigma: 0.1,
  observed: { low: 600, high: 1400 },
  draws: [
    [7600, 950, 1.9],
    [8400, 1050, 2.1],
    [8000, 1000, 2],
    [7800, 1020, 1.95],
    [8200, 980, 2.05],
  ],
  ...over,
});

describe('hill and its slope', () => {
  it('is 0 at no spend, a half at K, and tends to 1', () => {
    expect(hill(0, 1000, 2)).toBe(0);
    expect(hill(-5, 1000, 2)).toBe(0);
    expect(hill(1000, 1000, 2)).toBeCloseTo(0.5, 12);
    expect(hill(1000, 1000, 0.7)).toBeCloseTo(0.5, 12);
    expect(hill(1e9, 1000, 2)).toBeCloseTo(1, 9);
    expect(hill(300, 100, 1)).toBeCloseTo(0.75, 12);
  });

  it('has the slope of a central difference, also for concave and S-shaped curves', () => {
    for (const [K, S] of [
      [1000, 2],
      [250, 1],
      [400, 0.6],
      [2000, 3.5],
    ] as const) {
      for (const x of [50, 400, 1000, 5000]) {
        const h = x * 1e-6;
        expect(hillSlope(x, K, S)).toBeCloseTo((hill(x + h, K, S) - hill(x - h, K, S)) / (2 * h), 8);
      }
    }
  });

  it('is finite at zero spend: 0 for S > 1, 1/K for S = 1, large for S < 1', () => {
    expect(hillSlope(0, 1000, 2)).toBe(0);
    expect(hillSlope(0, 250, 1)).toBeCloseTo(1 / 250, 12);
    expect(Number.isFinite(hillSlope(0, 400, 0.6))).toBe(true);
    expect(hillSlope(0, 400, 0.6)).toBeGreaterThan(1);
  });
});

describe('adstock', () => {
  it('is normalised: a steady spend settles at that spend, and carry-over decays by θ', () => {
    const steady = adstock(new Array(200).fill(500), 0.6);
    expect(steady[199]).toBeCloseTo(500, 9);
    const pulse = adstock([1000, 0, 0, 0], 0.5);
    expect([...pulse]).toEqual([500, 250, 125, 62.5]);
    expect([...adstock([100, 100], 0.3, 100)]).toEqual([100, 100]);
  });
});

describe('projectSpend', () => {
  it('projects days × β × hill(spend / days) at a steady spend', () => {
    const c = curve();
    const p = projectSpend(c, 30_000, 30);
    expect(p.revenue).toBeCloseTo(30 * dailyRevenue(c, 1000), 9);
    expect(p.revenue).toBeCloseTo(30 * 4000, 6);
    expect(p.marginalRevenue).toBeCloseTo(marginalDailyRevenue(c, 1000), 12);
    // The marginal is per unit of spend whatever the horizon: d(days·f(X/days))/dX = f'(x).
    expect(projectSpend(c, 60_000, 60).marginalRevenue).toBeCloseTo(p.marginalRevenue, 12);
    expect(p.extrapolated).toBe(false);
  });

  it('gives a band around the projection that holds every draw', () => {
    const c = curve();
    const p = projectSpend(c, 30_000, 30);
    expect(p.low).toBeLessThan(p.revenue);
    expect(p.high).toBeGreaterThan(p.revenue);
    for (const [beta, K, S] of c.draws.slice(0, 2)) {
      const r = 30 * beta * hill(1000, K, S);
      expect(r).toBeGreaterThanOrEqual(p.low * 0.999);
      expect(r).toBeLessThanOrEqual(p.high * 1.001);
    }
  });

  it('flags and widens extrapolation beyond the observed daily spend, more the further it goes', () => {
    const c = curve({ draws: [] });
    const width = (spend: number) => {
      const p = projectSpend(c, spend, 30);
      return { rel: (p.high - p.low) / p.revenue, extrapolated: p.extrapolated };
    };
    expect(width(30 * 1200).extrapolated).toBe(false);
    expect(width(30 * 2800).extrapolated).toBe(true);
    expect(width(30 * 300).extrapolated).toBe(true);
    expect(width(30 * 2800).rel).toBeGreaterThan(2 * width(30 * 1200).rel);
    expect(width(30 * 5600).rel).toBeGreaterThan(width(30 * 2800).rel);
    expect(extrapolationDistance(c, 1400 * 1.01)).toBe(0);
    expect(extrapolationDistance(c, 2800)).toBeCloseTo(Math.log(2), 12);
  });

  it('answers zero spend with zero revenue and refuses bad input', () => {
    expect(projectSpend(curve(), 0, 30)).toMatchObject({ revenue: 0, low: 0, high: 0 });
    expect(() => projectSpend(curve(), -1, 30)).toThrow(RangeError);
    expect(() => projectSpend(curve(), Number.NaN, 30)).toThrow(RangeError);
    expect(() => projectSpend(curve(), 100, 0)).toThrow(RangeError);
  });
});

describe('projectAllocation', () => {
  const curves = new Map([
    ['Email', curve({ K: 200, S: 1, beta: 3000, observed: { low: 150, high: 300 }, draws: [[2900, 190, 1], [3100, 210, 1]] })],
    ['Social', curve()],
  ]);

  it('adds the channels up and gives the total a band inside the sum of the channels’ bands', () => {
    const a = projectAllocation(curves, [{ channel: 'Email', spend: 6000 }, { channel: 'Social', spend: 30_000 }], 30);
    expect(a.channels.map((c) => c.channel)).toEqual(['Email', 'Social']);
    expect(a.total.spend).toBe(36_000);
    expect(a.total.revenue).toBeCloseTo(a.channels[0]!.revenue + a.channels[1]!.revenue, 6);
    expect(a.total.low).toBeLessThan(a.total.revenue);
    expect(a.total.high).toBeGreaterThan(a.total.revenue);
    expect(a.total.low).toBeGreaterThanOrEqual(a.channels[0]!.low + a.channels[1]!.low - 1e-6);
    expect(a.total.high).toBeLessThanOrEqual(a.channels[0]!.high + a.channels[1]!.high + 1e-6);
    expect(a.total.extrapolated).toBe(false);
  });

  it('accepts a plain object of curves, and refuses a channel without one', () => {
    const record = Object.fromEntries(curves);
    expect(projectAllocation(record, [{ channel: 'Email', spend: 6000 }], 30).total.revenue).toBeCloseTo(30 * 3000 * (200 / 400), 6);
    expect(() => projectAllocation(curves, [{ channel: 'TV', spend: 1 }], 30)).toThrow(/TV/);
  });
});
