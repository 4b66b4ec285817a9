import { describe, expect, it } from 'vitest';
import { recommend, type RecommendationContext } from './recommendations.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';
import { channelStats, type CampaignWindow } from './window.js';

const T = DEFAULT_THRESHOLDS.recommendations;
const w = (id: string, channel: string, over: Partial<CampaignWindow>): CampaignWindow => ({
  campaign: { id, name: `Campaign ${id}`, channel, segment: 'New', startDate: '2026-01-01', endDate: null },
  days: 30, impressions: 100_000, clicks: 2000, spend: 1000, transactions: 100, revenue: 2000, recentClicks: 500, recentTransactions: 25, ...over,
});

function context(windows: CampaignWindow[], over: Partial<RecommendationContext> = {}): RecommendationContext {
  return { windows, channels: channelStats(windows, [{ channel: 'Search', spend: 4000, allocated: 4000 }]), thresholds: T, impact: null, modelFit: 0.8, ...over };
}

describe('recommend', () => {
  const loser = w('L', 'Search', { revenue: 600 });
  const star = w('S', 'Search', { transactions: 160, revenue: 4000 });
  const ok = w('O', 'Search', {});
  const thin = w('T', 'Search', { revenue: 1100 });

  it('pauses a campaign whose ROI is under the threshold, pricing it with the model', () => {
    const impact = (id: string, factor: number) => (id === 'L' ? { now: 620, after: factor === 0 ? 0 : 700, days: 30 } : null);
    const recs = recommend(context([loser, star, ok, thin], { impact }));
    const pause = recs.find((r) => r.campaignId === 'L')!;
    expect(pause).toMatchObject({ action: 'pause', source: 'hybrid', expectedImpact: { spendDelta: -1000, revenueDelta: -620, roiAfter: null } });
    expect(pause.evidence).toMatchObject({ roi: -0.4, pauseRoiBelow: 0 });
    expect(pause.reason).toContain('-0.40');
  });

  it('scales a campaign that converts well in a channel that has used its budget, with the model estimate', () => {
    const impact = (id: string, factor: number) => (id === 'S' ? { now: 4000, after: 4000 * factor ** 0.8, days: 30 } : null);
    const recs = recommend(context([loser, star, ok, thin], { impact }));
    const scale = recs.find((r) => r.campaignId === 'S')!;
    expect(scale.action).toBe('scale');
    expect(scale.source).toBe('hybrid');
    expect(scale.expectedImpact.spendDelta).toBeCloseTo(200, 6);
    expect(scale.expectedImpact.revenueDelta).toBeCloseTo(4000 * (1.2 ** 0.8 - 1), 1);
  });

  it('monitors weak signals and leaves sound campaigns alone', () => {
    const recs = recommend(context([loser, star, ok, thin]));
    expect(recs.find((r) => r.campaignId === 'T')).toMatchObject({ action: 'monitor', source: 'rule', expectedValue: 0 });
    expect(recs.find((r) => r.campaignId === 'O')).toBeUndefined();
  });

  it('alerts on high spend with thin sales', () => {
    const big = w('B', 'Search', { spend: 3000, revenue: 3600 });
    const recs = recommend(context([big, ok, w('O2', 'Search', {}), w('O3', 'Search', {})]));
    expect(recs.find((r) => r.campaignId === 'B')).toMatchObject({ action: 'alert', source: 'rule' });
  });

  it('sorts by expected value of acting', () => {
    const recs = recommend(context([loser, star, ok, thin], { impact: (id, f) => ({ now: 1000, after: 1000 * f, days: 30 }) }));
    expect(recs.length).toBeGreaterThan(1);
    expect(recs.every((r, i) => i === 0 || recs[i - 1]!.expectedValue >= r.expectedValue)).toBe(true);
  });
});
