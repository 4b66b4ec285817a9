import type { Anomaly, ChannelFact, ChannelPick, Recommendation, ReportFacts } from '@retailmind/sdk/contract';
import { daysBetween } from '../dates.js';
import * as m from '../metrics/index.js';
import { cachedFigures, previousRange } from '../services/dashboard-summary.js';
import type { BudgetService } from '../services/budget.js';
import type { DecisionEngine } from '../services/engine.js';
import type { Store } from '../store/store.js';
import { budgetSuggestion } from './budget-suggestion.js';
import { money, pct, ratio } from './round.js';

/**
 * The facts a report is written from: every figure comes from the metrics (through the dashboard
 * summary's figures), the decision engine or the budget optimizer, rounded once (`round.ts`: money
 * to cents, ratios to 4 decimals, percentages to 2), so the writers, the grounding check and the
 * answer's `facts` all hold the very same numbers.
 */

/** Anomalies and recommendations listed one by one (campaign-level audiences only). */
export const TOP_ITEMS = 5;

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : ratio(a - b));

export interface FactsInput {
  store: Store;
  engine: DecisionEngine;
  budget: BudgetService;
  range: { from: string; to: string };
}

/** The facts, and why any of them is missing (the report's warnings). */
export interface BuiltFacts {
  facts: ReportFacts;
  warnings: string[];
}

/** The full facts for a period (campaign level); `reportFactsFor` in `auth/views.ts` narrows them per audience. */
export async function buildFacts({ store, engine, budget, range }: FactsInput): Promise<BuiltFacts> {
  const previousPeriod = previousRange(range);
  const days = daysBetween(range.from, range.to) + 1;
  const [now, before, anomalies, recommendations, { thresholds }, dataVersion, suggested] = await Promise.all([
    cachedFigures(store, range),
    cachedFigures(store, previousPeriod),
    engine.anomaliesIn(range),
    engine.recommendations(range),
    engine.thresholds(),
    store.dataVersion(),
    budgetSuggestion(budget, days),
  ]);
  const t = now.totals;
  const p = before.totals;
  const previousByChannel = new Map(before.channels.map((c) => [c.channel, c]));

  const channels: ChannelFact[] = now.channels.map((c) => {
    const prev = previousByChannel.get(c.channel);
    const previousRevenue = prev?.revenue ?? 0;
    const previousRoi = prev?.roi ?? null;
    return {
      channel: c.channel,
      revenue: money(c.revenue),
      spend: money(c.spend),
      roi: ratio(c.roi),
      roas: ratio(c.roas),
      conversionRate: ratio(c.conversionRate),
      contributionPct: pct(c.contributionPct),
      previousRevenue: money(previousRevenue),
      previousRoi: ratio(previousRoi),
      revenueChangePct: pct(m.changePct(c.revenue, previousRevenue)),
      roiChange: diff(c.roi, previousRoi),
      budgetAllocated: c.budgetAllocated === null ? null : money(c.budgetAllocated),
      budgetUtilizationPct: pct(c.budgetUtilizationPct),
    };
  });

  const lowPct = thresholds.health.pacingLowPct;
  const highPct = thresholds.health.pacingHighPct;
  const utilization = pct(t.budgetUtilizationPct);
  const budgeted = channels.filter((c) => c.budgetUtilizationPct !== null) as (ChannelFact & { budgetUtilizationPct: number })[];

  const facts: ReportFacts = {
    period: { ...range, days },
    previousPeriod,
    dataVersion,
    campaignLevel: true,
    totals: {
      revenue: money(t.revenue),
      spend: money(t.spend),
      roi: ratio(t.roi),
      roas: ratio(t.roas),
      conversionRate: ratio(t.conversionRate),
      transactions: t.transactions,
      clicks: t.clicks,
      previousRevenue: money(p.revenue),
      previousSpend: money(p.spend),
      previousRoi: ratio(p.roi),
      revenueChangePct: pct(t.revenueGrowthPct),
      spendChangePct: pct(m.changePct(t.spend, p.spend)),
      roiChange: diff(t.roi, p.roi),
    },
    channels,
    bestChannelByRoi: pick(channels, (c) => c.roi, 'max'),
    worstChannelByRoi: pick(channels, (c) => c.roi, 'min'),
    bestChannelByChange: pick(channels, (c) => c.revenueChangePct, 'max'),
    worstChannelByChange: pick(channels, (c) => c.revenueChangePct, 'min'),
    budget: {
      allocated: t.budgetAllocated === null ? null : money(t.budgetAllocated),
      used: money(t.budgetUsed),
      utilizationPct: utilization,
      status: utilization === null ? 'no-budget' : utilization < lowPct ? 'under' : utilization > highPct ? 'over' : 'on-track',
      lowPct,
      highPct,
      channelsUnder: budgeted.filter((c) => c.budgetUtilizationPct < lowPct).map((c) => ({ channel: c.channel, utilizationPct: c.budgetUtilizationPct })),
      channelsOver: budgeted.filter((c) => c.budgetUtilizationPct > highPct).map((c) => ({ channel: c.channel, utilizationPct: c.budgetUtilizationPct })),
    },
    anomalies: anomalyFacts(anomalies),
    recommendations: recommendationFacts(recommendations.recommendations),
    ...(suggested.suggestion ? { budgetSuggestion: suggested.suggestion } : {}),
  };
  return { facts, warnings: suggested.warning ? [suggested.warning] : [] };
}

/** The channel with the highest (or lowest) defined value; ties go to the first by name. */
function pick(channels: ChannelFact[], value: (c: ChannelFact) => number | null, which: 'max' | 'min'): ChannelPick {
  let best: ChannelPick = null;
  for (const c of channels) {
    const v = value(c);
    if (v === null || c.spend <= 0) continue;
    if (!best || (which === 'max' ? v > best.value : v < best.value)) best = { channel: c.channel, value: v };
  }
  return best;
}

function anomalyFacts(all: Anomaly[]): ReportFacts['anomalies'] {
  const byChannel = new Map<string, { channel: string; count: number; high: number }>();
  const counts = { high: 0, medium: 0, low: 0 };
  for (const a of all) {
    counts[a.severity]++;
    const row = byChannel.get(a.channel) ?? { channel: a.channel, count: 0, high: 0 };
    row.count++;
    if (a.severity === 'high') row.high++;
    byChannel.set(a.channel, row);
  }
  const top = [...all]
    .sort((a, b) => b.score - a.score)
    .slice(0, TOP_ITEMS)
    .map((a) => ({
      date: a.date,
      kind: a.kind,
      days: a.days,
      campaignId: a.campaignId,
      campaignName: a.campaignName,
      channel: a.channel,
      segment: a.segment,
      metric: a.metric,
      direction: a.direction,
      severity: a.severity,
      value: a.metric === 'conversionRate' ? (ratio(a.value) as number) : money(a.value),
      expected: a.metric === 'conversionRate' ? (ratio(a.expected) as number) : money(a.expected),
    }));
  return {
    count: all.length,
    ...counts,
    byChannel: [...byChannel.values()].sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel)),
    top,
  };
}

function recommendationFacts(all: Recommendation[]): ReportFacts['recommendations'] {
  const byAction = { pause: 0, scale: 0, monitor: 0, alert: 0 };
  const byChannel = new Map<string, ReportFacts['recommendations']['byChannel'][number]>();
  for (const r of all) {
    byAction[r.action]++;
    const key = `${r.channel}|${r.action}`;
    const row = byChannel.get(key) ?? { channel: r.channel, action: r.action, campaigns: 0, spendDelta: 0, revenueDelta: 0 };
    row.campaigns++;
    row.spendDelta = money(row.spendDelta + r.expectedImpact.spendDelta);
    row.revenueDelta = money(row.revenueDelta + r.expectedImpact.revenueDelta);
    byChannel.set(key, row);
  }
  // The engine sorts by expected value already; keep its order.
  const top = all.slice(0, TOP_ITEMS).map((r) => {
    const roi = r.evidence['roi'];
    return {
      action: r.action,
      priority: r.priority,
      campaignId: r.campaignId,
      campaignName: r.campaignName,
      channel: r.channel,
      segment: r.segment,
      roi: typeof roi === 'number' ? ratio(roi) : null,
      spendDelta: money(r.expectedImpact.spendDelta),
      revenueDelta: money(r.expectedImpact.revenueDelta),
      roiAfter: ratio(r.expectedImpact.roiAfter),
      expectedValue: money(r.expectedValue),
    };
  });
  const order = ['pause', 'alert', 'scale', 'monitor'];
  return {
    count: all.length,
    byAction,
    byChannel: [...byChannel.values()].sort(
      (a, b) => order.indexOf(a.action) - order.indexOf(b.action) || Math.abs(b.revenueDelta) - Math.abs(a.revenueDelta) || a.channel.localeCompare(b.channel),
    ),
    top,
  };
}
