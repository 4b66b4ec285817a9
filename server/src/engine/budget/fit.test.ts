import { hill, projectSpend } from '@retailmind/sdk';
import type { Anomaly } from '@retailmind/sdk/contract';
import { describe, expect, it } from 'vitest';
import type { CampaignSeries } from '../types.js';
import { fitBudgetModel, sufficiency, thetaFromShares } from './fit.js';
import { goldenSection, nelderMead } from './nelder-mead.js';
import { Random } from './random.js';
import { channelDays, dayGrid, type ChannelDays } from './series.js';

interface Truth {
  theta: number;
  K: number;
  S: number;
  beta: number;
  sigma: number;
}

const WEEKDAY = [0.92, 0.9, 0.93, 0.97, 1.05, 1.18, 1.05];

/**
 * A channel made the way the model says: campaigns whose spend steps between levels (so the curve
 * is seen over a wide range), geometric adstock per campaign, channel revenue β·hill(ΣA)·weekday·noise
 * split over the campaigns by adstock share.
 */
function synthetic(name: string, t: Truth, days: number, seed: number, campaigns = 3): ChannelDays {
  const rng = new Random(seed);
  const grid = dayGrid('2026-01-05', addDays('2026-01-05', days - 1));
  const spends = Array.from({ length: campaigns }, (_, c) => {
    const s = new Float64Array(days);
    let level = (t.K / campaigns) * (0.4 + 1.2 * rng.next());
    for (let d = 0; d < days; d++) {
      if (rng.next() < 0.08) level = (t.K / campaigns) * (0.2 + 2.5 * rng.next());
      s[d] = c === campaigns - 1 && d < days / 3 ? 0 : level * Math.exp(0.05 * rng.normal());
    }
    return s;
  });
  const adstocks = spends.map((s) => {
    const out = new Float64Array(days);
    let a = s[0]!;
    for (let d = 0; d < days; d++) out[d] = a = t.theta * a + (1 - t.theta) * s[d]!;
    return out;
  });
  const revenues = spends.map(() => new Float64Array(days));
  for (let d = 0; d < days; d++) {
    const total = adstocks.reduce((sum, a) => sum + a[d]!, 0);
    const r = t.beta * hill(total, t.K, t.S) * WEEKDAY[grid.weekday[d]!]! * Math.exp(t.sigma * rng.normal());
    for (let c = 0; c < campaigns; c++) revenues[c]![d] = total > 0 ? (r * adstocks[c]![d]!) / total : 0;
  }
  const spend = new Float64Array(days);
  for (const s of spends) for (let d = 0; d < days; d++) spend[d] = spend[d]! + s[d]!;
  return {
    channel: name,
    campaigns: spends.map((s, c) => ({ id: `${name}-${c}`, spend: s, revenue: revenues[c]!, revenueAnomalous: new Uint8Array(days), warm: s[0]! > 0 })),
    spend,
    spendCorrections: 0,
    revenueAnomalies: 0,
  };
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const TRUTHS: Record<string, Truth> = {
  Search: { theta: 0.25, K: 2000, S: 2.2, beta: 14_000, sigma: 0.04 },
  Email: { theta: 0.35, K: 150, S: 1.1, beta: 3000, sigma: 0.04 },
  Video: { theta: 0.6, K: 2500, S: 1.6, beta: 9000, sigma: 0.04 },
};

function fitTruths(days: number, over: (c: ChannelDays) => void = () => undefined) {
  const channels = Object.entries(TRUTHS).map(([name, t], i) => synthetic(name, t, days, 100 + i));
  channels.forEach(over);
  const grid = dayGrid('2026-01-05', addDays('2026-01-05', days - 1));
  return fitBudgetModel({ grid, channels, fitStart: 0 });
}

describe('the response-curve fit', () => {
  const model = fitTruths(150);

  it('recovers carry-over, half-saturation, shape and scale from synthetic series', () => {
    expect(model.fitted.map((f) => f.channel)).toEqual(Object.keys(TRUTHS));
    for (const f of model.fitted) {
      const t = TRUTHS[f.channel]!;
      expect(f.level).toBe('full');
      expect(f.thetaSource).toBe('shares');
      expect(f.curve.theta, f.channel).toBeCloseTo(t.theta, 1);
      expect(Math.abs(f.curve.theta - t.theta), f.channel).toBeLessThan(0.03);
      expect(Math.abs(Math.log(f.curve.K / t.K)), `${f.channel} K ${f.curve.K}`).toBeLessThan(0.2);
      expect(Math.abs(f.curve.S - t.S), `${f.channel} S ${f.curve.S}`).toBeLessThan(0.25);
      expect(Math.abs(Math.log(f.curve.beta / t.beta)), `${f.channel} beta ${f.curve.beta}`).toBeLessThan(0.2);
      expect(f.curve.sigma).toBeGreaterThan(0.02);
      expect(f.curve.sigma).toBeLessThan(0.08);
    }
  });

  it('projects within a few percent of the true curve across the range it saw, the truth inside the band', () => {
    for (const f of model.fitted) {
      const t = TRUTHS[f.channel]!;
      for (const k of [0.5, 1, 1.5]) {
        const spend = 30 * t.K * k;
        const p = projectSpend(f.curve, spend, 30);
        const truth = 30 * t.beta * hill(t.K * k, t.K, t.S);
        expect(Math.abs(p.revenue / truth - 1), `${f.channel} at ${k} K`).toBeLessThan(0.05);
        expect(truth).toBeGreaterThanOrEqual(p.low);
        expect(truth).toBeLessThanOrEqual(p.high);
      }
    }
  });

  it('recovers the weekday effects, shared by the channels, with a mean of 1', () => {
    expect(model.weekdayEstimated).toBe(true);
    const mean = WEEKDAY.reduce((a, b) => a + b, 0) / 7;
    model.weekday.forEach((w, i) => expect(Math.abs(w - WEEKDAY[i]! / mean)).toBeLessThan(0.03));
    expect(model.weekday.reduce((a, b) => a + b, 0) / 7).toBeCloseTo(1, 9);
  });

  it('scores each channel on held-out days', () => {
    for (const f of model.fitted) {
      expect(f.holdout?.days).toBe(14);
      expect(f.holdout!.mape!).toBeLessThan(0.1);
    }
  });

  it('is deterministic: the same data gives the same curves and draws', () => {
    const again = fitTruths(150);
    expect(again.fitted.map((f) => f.curve)).toEqual(model.fitted.map((f) => f.curve));
  });
});

describe('anomalous days', () => {
  it('rebuilds a channel-day whose campaign revenue was anomalous from the other campaigns', () => {
    const clean = fitTruths(90);
    const broken = fitTruths(90, (c) => {
      // A broken pixel on one campaign for ten days: its revenue reads 0.
      for (let d = 40; d < 50; d++) {
        c.campaigns[0]!.revenue[d] = 0;
        c.campaigns[0]!.revenueAnomalous[d] = 1;
      }
    });
    for (const [i, f] of broken.fitted.entries()) {
      expect(f.reconstructedDays).toBe(10);
      expect(f.curve.K / clean.fitted[i]!.curve.K).toBeCloseTo(1, 1);
      expect(f.curve.beta / clean.fitted[i]!.curve.beta).toBeCloseTo(1, 1);
    }
  });

  it('applies the engine’s anomalies to the campaigns: spend spikes at their expected spend, revenue marked', () => {
    const series: CampaignSeries[] = [
      {
        campaign: { id: 'C1', name: 'one', channel: 'Email', segment: 'All', startDate: '2026-03-01', endDate: null },
        days: ['2026-03-01', '2026-03-02', '2026-03-03'].map((date, i) => ({ date, impressions: 1, clicks: 1, spend: i === 1 ? 900 : 100, transactions: 1, revenue: 500 })),
      },
    ];
    const anomaly = (metric: Anomaly['metric'], date: string, expected: number): Anomaly => ({
      id: `${metric}-${date}`,
      date,
      endDate: date,
      kind: 'point',
      days: 1,
      campaignId: 'C1',
      campaignName: 'one',
      channel: 'Email',
      segment: 'All',
      metric,
      direction: 'spike',
      value: 0,
      expected,
      score: 1,
      severity: 'high',
      method: 'series',
      zScore: 9,
      forestScore: null,
      explanation: '',
    });
    const [email] = channelDays(series, [anomaly('spend', '2026-03-02', 110), anomaly('revenue', '2026-03-03', 450)], dayGrid('2026-03-01', '2026-03-03'));
    expect([...email!.spend]).toEqual([100, 110, 100]);
    expect([...email!.campaigns[0]!.revenueAnomalous]).toEqual([0, 0, 1]);
    expect(email!.spendCorrections).toBe(1);
  });
});

describe('data sufficiency', () => {
  it('asks for about ten days per parameter, fixing parameters as days run short', () => {
    expect(sufficiency(57)?.level).toBe('full');
    expect(sufficiency(35)).toMatchObject({ level: 'shape-fixed', fixed: ['S'], maxMovePct: 50 });
    expect(sufficiency(25)).toMatchObject({ level: 'level-only', fixed: ['S', 'K'], maxMovePct: 25 });
    expect(sufficiency(12)).toMatchObject({ level: 'minimal', maxMovePct: 10 });
    expect(sufficiency(9)).toBeNull();
  });

  it('with thin data fixes the shape, narrows the moves and widens the band', () => {
    const thin = fitTruths(27);
    const rich = fitTruths(150);
    for (const [i, f] of thin.fitted.entries()) {
      expect(f.level).toBe('level-only');
      expect(f.maxMovePct).toBe(25);
      expect(f.holdout).toBeNull();
      const r = rich.fitted[i]!;
      const width = (c: typeof f.curve, x: number) => {
        const p = projectSpend(c, 30 * x, 30);
        return (p.high - p.low) / p.revenue;
      };
      const x = 2 * r.currentDailySpend;
      expect(width(f.curve, x), f.channel).toBeGreaterThan(width(r.curve, x));
    }
  });

  it('leaves out a channel with fewer than ten usable days', () => {
    const model = fitTruths(12);
    expect(model.fitted).toEqual([]);
    expect(model.unfitted.map((u) => u.channel)).toEqual(Object.keys(TRUTHS));
  });

  it('profiles θ with the curve when a channel has a single campaign', () => {
    const channel = synthetic('Solo', { theta: 0.5, K: 1000, S: 1.5, beta: 6000, sigma: 0.03 }, 120, 7, 1);
    expect(thetaFromShares(channel, 3, 119)).toBeNull();
    const model = fitBudgetModel({ grid: dayGrid('2026-01-05', addDays('2026-01-05', 119)), channels: [channel], fitStart: 0 });
    expect(model.fitted[0]!.thetaSource).toBe('profile');
    expect(Math.abs(model.fitted[0]!.curve.theta - 0.5)).toBeLessThan(0.1);
  });
});

describe('the solvers', () => {
  it('Nelder–Mead finds the Rosenbrock minimum, and stays inside its box', () => {
    const rosenbrock = (p: readonly number[]) => (1 - p[0]!) ** 2 + 100 * (p[1]! - p[0]! ** 2) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { lower: [-5, -5], upper: [5, 5], maxEvaluations: 4000, tolerance: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
    const boxed = nelderMead((p) => (p[0]! - 3) ** 2 + (p[1]! + 2) ** 2, [0, 0], { lower: [-1, -1], upper: [1, 1] });
    expect(boxed.x[0]).toBeCloseTo(1, 6);
    expect(boxed.x[1]).toBeCloseTo(-1, 6);
  });

  it('golden-section search finds a unimodal minimum', () => {
    expect(goldenSection((x) => (x - 0.37) ** 2, 0, 1, 1e-8).x).toBeCloseTo(0.37, 6);
  });
});
