import type { Anomaly } from '@retailmind/sdk/contract';
import { describe, expect, it } from 'vitest';
import { campaignHealth } from './health.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';
import type { CampaignWindow, ChannelStats } from './window.js';

const T = DEFAULT_THRESHOLDS.health;
const campaign = { id: 'A', name: 'A', channel: 'Email', segment: 'New', startDate: '2026-01-01', endDate: null };
const window = (over: Partial<CampaignWindow>): CampaignWindow => ({
  campaign, days: 28, impressions: 100_000, clicks: 2800, spend: 1000, transactions: 140, revenue: 3000, recentClicks: 700, recentTransactions: 35, ...over,
});
const channel = (utilizationPct: number | null): ChannelStats => ({ spend: 5000, clicks: 1, transactions: 1, campaigns: 5, conversionRate: 0.05, medianSpend: 1000, utilizationPct });

describe('campaignHealth', () => {
  it('is healthy when ROI clears its threshold and nothing is wrong, and says so with the numbers', () => {
    const h = campaignHealth(window({}), channel(100), [], T);
    expect(h).toMatchObject({ status: 'healthy', score: 100, roi: 2, conversionTrendPct: 0, pacingPct: 100 });
    expect(h.reasons[0]).toContain('3,000.00');
  });

  it('is critical when ROI is below the critical threshold', () => {
    const h = campaignHealth(window({ revenue: 600 }), channel(100), [], T);
    expect(h.status).toBe('critical');
    expect(h.score).toBeLessThanOrEqual(60);
    expect(h.reasons.join(' ')).toMatch(/ROI is -0\.40 .* below the critical threshold of 0\.00/);
  });

  it('needs attention for a falling conversion rate and a channel behind its budget', () => {
    // 3 % in the last 7 days against 5 % before: a 40 % fall.
    const h = campaignHealth(window({ recentTransactions: 21, transactions: 126 }), channel(50), [], T);
    expect(h.status).toBe('attention');
    expect(h.conversionTrendPct).toBeCloseTo(-40, 6);
    expect(h.reasons).toHaveLength(2);
    expect(h.reasons[0]).toContain('fell 40%');
    expect(h.reasons[1]).toContain('50%');
  });

  it('counts recent anomalies, and a high one makes the campaign critical', () => {
    const anomaly = { metric: 'spend', direction: 'spike', date: '2026-01-27', severity: 'high' } as Anomaly;
    const h = campaignHealth(window({}), channel(100), [anomaly], T);
    expect(h).toMatchObject({ status: 'critical', recentAnomalies: 1, score: 90 });
    expect(h.reasons[0]).toContain('spend spike on 2026-01-27 (high)');
  });
});
