import type { ChannelSummary, SegmentSummary, SummaryResponse } from '@retailmind/sdk/contract';
import { addDays, daysBetween } from '../dates.js';
import * as m from '../metrics/index.js';
import {
  attributedRevenue,
  budgetPeriods,
  customersBySegment,
  grainRows,
  unattributedRevenue,
  type Filter,
  type GrainRow,
} from '../store/queries.js';
import type { Store } from '../store/store.js';

interface Sums {
  impressions: number;
  clicks: number;
  spendMicros: number;
  transactions: number;
  revenueMicros: number;
}

const emptySums = (): Sums => ({ impressions: 0, clicks: 0, spendMicros: 0, transactions: 0, revenueMicros: 0 });

function add(into: Sums, row: GrainRow) {
  into.impressions += row.impressions;
  into.clicks += row.clicks;
  into.spendMicros += row.spendMicros;
  into.transactions += row.transactions;
  into.revenueMicros += row.revenueMicros;
}

function groupBy(rows: GrainRow[], key: (r: GrainRow) => string): Map<string, Sums> {
  const groups = new Map<string, Sums>();
  for (const row of rows) {
    const k = key(row);
    let sums = groups.get(k);
    if (!sums) groups.set(k, (sums = emptySums()));
    add(sums, row);
  }
  return groups;
}

const money = (micros: number) => micros / 1e6;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The range before `range`, of the same number of days. */
export function previousRange(range: { from: string; to: string }) {
  const days = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/**
 * Builds `GET /api/dashboard-summary`: one aggregate read at the day × channel × segment grain,
 * rolled up here into totals, channels, segments and days, so the breakdowns add up to the totals.
 */
export async function dashboardSummary(store: Store, filter: Filter): Promise<SummaryResponse> {
  const db = store.db;
  const range = { from: filter.from, to: filter.to };
  const prev = previousRange(range);
  const narrowed = [filter.channels, filter.segments, filter.campaigns].some((f) => (f?.length ?? 0) > 0);
  // Budgets are set per channel, so they compare with spend only when the view is whole channels.
  const budgetsApply = !(filter.segments?.length || filter.campaigns?.length);

  const [rows, previousRevenue, unattributed, periods, customers] = await Promise.all([
    grainRows(db, filter),
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

  const total = emptySums();
  for (const row of rows) add(total, row);
  const revenue = money(total.revenueMicros);
  const spend = money(total.spendMicros);

  const channelSums = groupBy(rows, (r) => r.channel);
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

  const segmentSums = groupBy(rows, (r) => r.segment);
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

  const daily = [...groupBy(rows, (r) => r.date)].map(([date, s]) => ({
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
      impressions: total.impressions,
      clicks: total.clicks,
      transactions: total.transactions,
      conversionRate: m.conversionRate(total.transactions, total.clicks),
      ctr: m.ctr(total.clicks, total.impressions),
      cpa: m.cpa(spend, total.transactions),
      budgetAllocated,
      budgetUsed,
      budgetUtilizationPct: m.budgetUtilizationPct(budgetUsed, budgetAllocated),
      revenueGrowthPct: m.revenueGrowthPct(revenue, previousRevenue),
      // Anomaly detection arrives with the decision engine; until then the count is unknown, not 0.
      anomalyCount: null,
    },
    channels,
    segments,
    daily,
  };
}
