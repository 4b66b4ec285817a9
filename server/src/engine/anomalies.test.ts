import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import { detectAnomalies } from './anomalies.js';
import { robustScale } from './stats.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';
import type { CampaignSeries, DayPoint } from './types.js';

const T = DEFAULT_THRESHOLDS.anomalies;
const START = '2026-01-01';

/** A deterministic wiggle of about ±6 %, so series have a spread without randomness. */
const wiggle = (i: number, k = 1) => 1 + 0.06 * Math.sin(1.7 * i * k + k);

/** `days` days of an ordinary campaign; `edit` changes any day. */
function campaign(id: string, days: number, edit: (d: DayPoint, i: number) => void = () => undefined, base = 1): CampaignSeries {
  const out: DayPoint[] = [];
  for (let i = 0; i < days; i++) {
    const spend = 200 * base * wiggle(i);
    const impressions = Math.round(40_000 * base * wiggle(i, 2));
    const clicks = Math.round(impressions * 0.02 * wiggle(i, 3));
    const transactions = Math.round(clicks * 0.05 * wiggle(i, 4));
    const d: DayPoint = { date: addDays(START, i), impressions, clicks, spend, transactions, revenue: transactions * 60 * wiggle(i, 5) };
    edit(d, i);
    out.push(d);
  }
  return { campaign: { id, name: `Campaign ${id}`, channel: 'Any channel', segment: 'Any segment', startDate: START, endDate: null }, days: out };
}

const detect = (series: CampaignSeries[], days = 60) => detectAnomalies(series, T, { from: START, to: addDays(START, days - 1) });

describe('detectAnomalies on hand-made series', () => {
  it('finds a one-day spend spike, on its day, with the numbers in its explanation', () => {
    const spiked = campaign('A', 60, (d, i) => {
      if (i === 40) d.spend *= 4;
    });
    const found = detect([spiked, campaign('B', 60), campaign('C', 60)]);
    const spend = found.filter((a) => a.metric === 'spend');
    expect(spend).toHaveLength(1);
    expect(spend[0]).toMatchObject({ campaignId: 'A', date: addDays(START, 40), direction: 'spike', kind: 'point', days: 1 });
    expect(spend[0]!.value / spend[0]!.expected).toBeGreaterThan(3.5);
    expect(spend[0]!.explanation).toContain(spend[0]!.value.toFixed(2));
    // The same spend bought no more transactions: CPA spikes with it, and nothing else moved.
    expect(found.map((a) => a.metric).sort()).toEqual(['cpa', 'spend']);
  });

  it('reports nothing on ordinary series', () => {
    expect(detect([campaign('A', 60), campaign('B', 60, undefined, 3), campaign('C', 60, undefined, 0.5)])).toEqual([]);
  });

  it('falls back from a zero MAD: a perfectly flat series still shows a jump, and nothing else', () => {
    const flat = (jump: boolean) =>
      campaign('F', 50, (d, i) => {
        d.spend = jump && i === 45 ? 300 : 100;
      });
    expect(detect([flat(false)], 50).filter((a) => a.metric === 'spend')).toEqual([]);
    const found = detect([flat(true)], 50).filter((a) => a.metric === 'spend');
    expect(found).toHaveLength(1);
    expect(found[0]!.expected).toBeCloseTo(100, 6);
    expect(Number.isFinite(found[0]!.zScore)).toBe(true);
  });

  it('uses the mean absolute deviation where the MAD is zero, and a floor where both are', () => {
    expect(robustScale([0, 0, 0, 0, 0.2], 0, 0.001)).toBeCloseTo(1.2533 * 0.04, 9);
    expect(robustScale([0, 0, 0], 0, 0.03)).toBe(0.03);
  });

  it('reports a lasting drop once, as a shift, not as a spike a day', () => {
    const broken = campaign('P', 60, (d, i) => {
      if (i >= 45) {
        d.transactions = 0;
        d.revenue = 0;
      }
    });
    const found = detect([broken, campaign('B', 60)]).filter((a) => a.campaignId === 'P');
    const cr = found.filter((a) => a.metric === 'conversionRate');
    expect(cr).toHaveLength(1);
    expect(cr[0]).toMatchObject({ kind: 'shift', date: addDays(START, 45), endDate: addDays(START, 59), days: 15, direction: 'drop', value: 0 });
    expect(found.filter((a) => a.metric === 'revenue')).toHaveLength(1);
    expect(cr[0]!.explanation).toContain('reported once');
  });

  it('takes a lasting budget step too small to be a shift as the new normal', () => {
    const stepped = campaign('S', 70, (d, i) => {
      if (i >= 35) {
        d.spend *= 2.5;
        d.impressions = Math.round(d.impressions * 2.5);
        d.clicks = Math.round(d.clicks * 2.5);
        d.transactions = Math.round(d.transactions * 2.5);
        d.revenue *= 2.5;
      }
    });
    expect(detect([stepped], 70)).toEqual([]);
  });

  it('does not judge a conversion rate on a handful of clicks', () => {
    const small = campaign('L', 60, (d, i) => {
      d.clicks = 12;
      d.transactions = i === 50 ? 0 : 2;
    });
    expect(detect([small]).filter((a) => a.metric === 'conversionRate')).toEqual([]);
  });

  it('judges clicks against impressions: more impressions bought is not a click anomaly, bot clicks are', () => {
    const bots = campaign('K', 60, (d, i) => {
      if (i === 50) d.clicks *= 6;
    });
    const found = detect([bots, campaign('B', 60)]);
    expect(found.filter((a) => a.metric === 'clicks').map((a) => a.date)).toEqual([addDays(START, 50)]);
    expect(found.find((a) => a.metric === 'clicks')!.explanation).toMatch(/impressions at the usual click-through rate/);
  });

  it('ignores the days after a campaign ends, when only carried-over sales trickle in', () => {
    const ended = campaign('E', 60, (d, i) => {
      if (i >= 50) {
        d.spend = 0;
        d.impressions = 0;
        d.clicks = 0;
      }
    });
    ended.campaign.endDate = addDays(START, 49);
    expect(detect([ended])).toEqual([]);
  });

  it('ranks what both detectors see above what one sees, and is deterministic', () => {
    const many = [0, 1, 2, 3, 4, 5].map((k) => campaign(`M${k}`, 60, undefined, 1 + k / 10));
    const strong = campaign('X', 60, (d, i) => {
      if (i === 41) {
        d.spend *= 5;
        d.clicks = Math.round(d.clicks / 4);
        d.transactions = 0;
      }
    });
    const a = detect([...many, strong]);
    expect(a).toEqual(detect([...many, strong]));
    expect(a[0]!.method).toBe('both');
    expect(a.every((x, i) => i === 0 || a[i - 1]!.score >= x.score)).toBe(true);
  });
});
