import type { ChannelSummary, SegmentSummary, SummaryResponse } from '@retailmind/sdk/contract';
import { addDays, daysBetween } from '../dates.js';
import * as m from '../metrics/index.js';
import {
  activityBreakdown,
  attributedRevenue,
  budgetPeriods,
  customersBySegment,
  unattributedRevenue,
  type ActivitySums,
  type Filter,
} from '../store/queries.js';
import type { Store } from '../store/store.js';
import { Lru } from './lru.js';
import { engineFor } from './engine.js';

const emptySums = (): ActivitySums => ({ impressions: 0, clicks: 0, spendMicros: 0, transactions: 0, revenueMicros: 0 });

function total(groups: Iterable<ActivitySums>): ActivitySums {
  const sum = emptySums();
  for (const g of groups) {
    sum.impressions += g.impressions;
    sum.clicks += g.clicks;
    sum.spendMicros += g.spendMicros;
    sum.transactions += g.transactions;
    sum.revenueMicros += g.revenueMicros;
  }
  return sum;
}

const money = (micros: number) => micros / 1e6;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The range before `range`, of the same number of days. */
export function previousRange(range: { from: string; to: string }) {
  const days = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/**
 * Builds `GET /api/dashboard-summary` from one aggregate read (by channel, segment and day);
 * totals are the sum of the channel rows, in exact integer micros, so the breakdown adds up.
 */
export async function dashboardSummary(store: Store, filter: Filter): Promise<SummaryResponse> {
  const [figures, anomalyCount] = await Promise.all([
    cachedFigures(store, filter),
    // Anomalies starting in the range under the same filter (the decision engine's, cached per data version).
    engineFor(store).anomalyCount(filter),
  ]);
  return { ...figures, totals: { ...figures.totals, anomalyCount } };
}

/**
 * Dashboards ask the same few questions over and over between ingests, so the figures are
 * cached per (data version, filter); an ingest moves the version and so retires them.
 */
const figureCaches = new WeakMap<Store, Lru<string, Promise<SummaryResponse>>>();
/** The summary's figures without the anomaly count (`totals.anomalyCount` is null), from the same cache. */
export async function cachedFigures(store: Store, filter: Filter): Promise<SummaryResponse> {
  let cache = figureCaches.get(store);
  if (!cache) figureCaches.set(store, (cache = new Lru(256)));
  const key = `${await store.dataVersion()}|${JSON.stringify(filter)}`;
  let figures = cache.get(key);
  if (!figures) {
    figures = summaryFigures(store, filter);
    cache.set(key, figures);
    figures.catch(() => cache.delete(key));
  }
  return figures;
}

/** Everything in the summary that SQL over the rollups answers (all but the anomaly count). */
async function summaryFigures(store: Store, filter: Filter): Promise<SummaryResponse> {
  const db = store.db;
  const range = { from: filter.from, to: filter.to };
  const prev = previousRange(range);
  const narrowed = [filter.channels, filter.segments, filter.campaigns].some((f) => (f?.length ?? 0) > 0);
  // Budgets are set per channel, so they compare with spend only when the view is whole channels.
  const budgetsApply = !(filter.segments?.length || filter.campaigns?.length);

  const [activity, previousRevenue, unattributed, periods, customers] = await Promise.all([
    activityBreakdown(db, filter),
    attributedRevenue(db, { ...filter, ...prev }),
    narrowed ? Promise.resolve(0) : unattributedRevenue(db, range),
    budgetsApply ? budgetPeriods(db, filter) : Promise.resolve([]),
    customersBySegment(db, filter),
  ]);

  const allocatedByChannel = new Map<string, number>();
  for (const p of periods) {
    const share = m.proratedAllocation({ start: p.start, end: p.end, allocated: p.allocatedMicros }, range);
    allocatedByChannel.set(p.channel, (allocatedByChannel.get(p.channel) ?? 0) + share);
  }

  const totals = total(activity.byChannel.values());
  const revenue = money(totals.revenueMicros);
  const spend = money(totals.spendMicros);

  const channelSums = activity.byChannel;
  const channelNames = [...new Set([...channelSums.keys(), ...(budgetsApply ? allocatedByChannel.keys() : [])])].sort();
  const channels: ChannelSummary[] = channelNames.map((channel) => {
    const s = channelSums.get(channel) ?? emptySums();
    const allocatedMicros = budgetsApply ? (allocatedByChannel.get(channel) ?? null) : null;
    const allocated = allocatedMicros === null ? null : money(allocatedMicros);
    return {
      channel,
      revenue: money(s.revenueMicros),
      spend: money(s.spendMicros),
      roi: m.roi(money(s.revenueMicros), money(s.spendMicros)),
      roas: m.roas(money(s.revenueMicros), money(s.spendMicros)),
      conversionRate: m.conversionRate(s.transactions, s.clicks),
      contributionPct: m.contributionPct(money(s.revenueMicros), revenue),
      budgetAllocated: allocated,
      budgetUtilizationPct: m.budgetUtilizationPct(money(s.spendMicros), allocated),
    };
  });

  const segmentSums = activity.bySegment;
  const customerBySegment = new Map(customers.map((c) => [c.segment, c]));
  const segmentNames = [...new Set([...segmentSums.keys(), ...customerBySegment.keys()])].sort();
  const segments: SegmentSummary[] = segmentNames.map((segment) => {
    const c = customerBySegment.get(segment);
    return {
      segment,
      revenue: money(segmentSums.get(segment)?.revenueMicros ?? 0),
      customers: c?.customers ?? 0,
      repeatRate: c ? m.repeatRate(c.repeatCustomers, c.customers) : null,
      avgCartSize: c ? m.avgCartSize(c.items, c.orders) : null,
    };
  });

  const daily = [...activity.byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, s]) => ({
    date,
    revenue: money(s.revenueMicros),
    spend: money(s.spendMicros),
    clicks: s.clicks,
    transactions: s.transactions,
  }));

  // Spend counts against a budget only in channels that have one in the range.
  const budgetAllocated = budgetsApply ? money(sum([...allocatedByChannel.values()])) : null;
  const budgetUsed = money(sum([...allocatedByChannel.keys()].map((c) => channelSums.get(c)?.spendMicros ?? 0)));

  return {
    range,
    previousRange: prev,
    totals: {
      revenue,
      unattributedRevenue: unattributed,
      spend,
      roi: m.roi(revenue, spend),
      roas: m.roas(revenue, spend),
      impressions: totals.impressions,
      clicks: totals.clicks,
      transactions: totals.transactions,
      conversionRate: m.conversionRate(totals.transactions, totals.clicks),
      ctr: m.ctr(totals.clicks, totals.impressions),
      cpa: m.cpa(spend, totals.transactions),
      budgetAllocated,
      budgetUsed,
      budgetUtilizationPct: m.budgetUtilizationPct(budgetUsed, budgetAllocated),
      revenueGrowthPct: m.revenueGrowthPct(revenue, previousRevenue),
      anomalyCount: null,
    },
    channels,
    segments,
    daily,
  };
}
