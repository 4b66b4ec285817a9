import { describe, expect, it } from 'vitest';
import * as m from './metrics.js';

describe('metrics', () => {
  it('ROI is (revenue − spend) / spend as a ratio', () => {
    expect(m.roi(300, 100)).toBe(2);
    expect(m.roi(50, 100)).toBe(-0.5);
    expect(m.roi(10, 0)).toBeNull();
  });

  it('ROAS is revenue / spend', () => {
    expect(m.roas(300, 120)).toBe(2.5);
    expect(m.roas(0, 0)).toBeNull();
  });

  it('conversion rate is transactions / clicks', () => {
    expect(m.conversionRate(22, 440)).toBe(0.05);
    expect(m.conversionRate(3, 0)).toBeNull();
  });

  it('CTR is clicks / impressions and CPA is spend / transactions', () => {
    expect(m.ctr(50, 1000)).toBe(0.05);
    expect(m.cpa(192.75, 22)).toBeCloseTo(8.761363636, 8);
    expect(m.cpa(10, 0)).toBeNull();
  });

  it('budget utilization is 100 × spend / allocated, undefined without a budget', () => {
    expect(m.budgetUtilizationPct(40, 30)).toBeCloseTo(133.333333, 5);
    expect(m.budgetUtilizationPct(40, null)).toBeNull();
    expect(m.budgetUtilizationPct(40, 0)).toBeNull();
  });

  it('revenue growth compares with the previous period', () => {
    expect(m.revenueGrowthPct(110, 100)).toBeCloseTo(10, 10);
    expect(m.revenueGrowthPct(80, 100)).toBeCloseTo(-20, 10);
    expect(m.revenueGrowthPct(80, 0)).toBeNull();
  });

  it('contribution, repeat rate and cart size', () => {
    expect(m.contributionPct(150, 600)).toBe(25);
    expect(m.repeatRate(7, 8)).toBe(0.875);
    expect(m.avgCartSize(15, 8)).toBe(1.875);
    expect(m.avgCartSize(3, 0)).toBeNull();
  });

  it('pro-rates a budget period by the days it overlaps the range', () => {
    const march = { start: '2026-03-01', end: '2026-03-31', allocated: 3100 };
    expect(m.proratedAllocation(march, { from: '2026-03-01', to: '2026-03-03' })).toBeCloseTo(300, 10);
    expect(m.proratedAllocation(march, { from: '2026-02-20', to: '2026-03-01' })).toBeCloseTo(100, 10);
    expect(m.proratedAllocation(march, { from: '2026-02-01', to: '2026-04-30' })).toBeCloseTo(3100, 10);
    expect(m.proratedAllocation(march, { from: '2026-04-01', to: '2026-04-30' })).toBe(0);
  });
});
