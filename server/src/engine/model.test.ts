import { MultivariateLinearRegression } from 'ml-regression';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { features, impactEstimator, predictWith, RIDGE, rowAt, rowTable, trainModel, tuningFit } from './model.js';
import { mean, seededRandom } from './stats.js';
import type { CampaignSeries } from './types.js';

/**
 * Campaigns whose revenue follows a known law: ROAS falling with spend (elasticity 0.7), a weekend
 * lift, yesterday's spend still working, budgets that move now and then, and 10 % noise.
 */
function world(): { series: CampaignSeries[]; latest: string } {
  const random = seededRandom(7);
  const start = '2026-01-01';
  const days = 120;
  const series: CampaignSeries[] = [];
  for (let c = 0; c < 12; c++) {
    const channel = c % 2 ? 'Search' : 'Social';
    let budget = 100 + 40 * c;
    let carried = 0;
    const list = [];
    for (let i = 0; i < days; i++) {
      if (random() < 0.05) budget *= random() < 0.5 ? 0.7 : 1.4;
      const spend = budget * (1 + 0.1 * (random() - 0.5));
      carried = 0.5 * carried + 0.5 * spend;
      const date = addDays(start, i);
      const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()) ? 1.3 : 1;
      const revenue = (channel === 'Search' ? 12 : 8) * carried ** 0.7 * weekend * Math.exp(0.1 * (random() - 0.5) * 2);
      const impressions = Math.round(spend * 100);
      list.push({ date, spend, impressions, clicks: Math.round(impressions * 0.02), transactions: Math.round(revenue / 50), revenue });
    }
    series.push({ campaign: { id: `C${c}`, name: `C${c}`, channel, segment: 'All', startDate: '2025-12-01', endDate: null }, days: list });
  }
  return { series, latest: addDays(start, days - 1) };
}

describe('revenue model', () => {
  const { series, latest } = world();
  const report = trainModel(series, latest);

  it('trains per channel and beats both naive baselines on the holdout', () => {
    expect(report.status).toBe('trained');
    expect(Object.keys(report.decays).sort()).toEqual(['Search', 'Social']);
    const h = report.holdout!;
    expect(h.rows).toBeGreaterThan(100);
    expect(h.model.r2!).toBeGreaterThan(h.baselines.lastWeek.r2!);
    expect(h.model.mape!).toBeLessThan(h.baselines.lastWeek.mape!);
    expect(h.model.r2!).toBeGreaterThan(0.8);
    expect(report.beatsBaselines).toBe(true);
  });

  it('prices more spend with diminishing returns, and a pause as the revenue the campaign brings', () => {
    const impact = impactEstimator(report.model!, series, { from: addDays(latest, -29), to: latest });
    const more = impact('C5', 1.2)!;
    const growth = more.after / more.now - 1;
    // True elasticity 0.7: +20 % spend should give about +13.6 % revenue; more than nothing, less than +20 %.
    expect(growth).toBeGreaterThan(0.05);
    expect(growth).toBeLessThan(0.2);
    expect(impact('C5', 0)).toMatchObject({ after: 0 });
    expect(impact('nope', 1.2)).toBeNull();
  });

  it('says so when there is not enough data', () => {
    expect(trainModel([], latest)).toMatchObject({ status: 'insufficient-data', holdout: null, beatsBaselines: false });
  });

  it('solves the same ridge regression as ml-regression given every augmented row', () => {
    const t = rowTable(series, 0.5);
    const rows = Array.from({ length: t.length }, (_, k) => k);
    const fitted = tuningFit(t, rows, 0.5)!;
    // The textbook way: every row, standardised, one penalty row per feature, ml-regression adding the intercept.
    const x = rows.map((k) => features(rowAt(t, k)).map((v, j) => (v - fitted.scaling[j]!.mean) / fitted.scaling[j]!.sd));
    const y = rows.map((k) => Math.log1p(t.revenue[k]!));
    const p = x[0]!.length;
    const penalty = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, i) => (i === j ? Math.sqrt(RIDGE * x.length) : 0)));
    const direct = new MultivariateLinearRegression([...x, ...penalty], [...y, ...penalty.map(() => mean(y))].map((v) => [v]), { statistics: false });
    expect(fitted.weights).toHaveLength(p + 1);
    fitted.weights.forEach((w, j) => expect(w).toBeCloseTo(direct.weights[j]![0]!, 9));
    const row = rowAt(t, 100);
    const log = direct.predict(features(row).map((v, j) => (v - fitted.scaling[j]!.mean) / fitted.scaling[j]!.sd))[0]!;
    expect(predictWith(fitted, row)).toBeCloseTo(Math.expm1(log) * fitted.smearing, 6);
  });
});
