import { daysBetween } from '../dates.js';

/**
 * Every metric RetailMind shows, defined once. Inputs are aggregates (sums over a range);
 * a ratio whose denominator is zero is `null` ("not defined"), never 0 or Infinity, so a
 * widget can say "no spend" instead of showing a made-up number.
 */

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function pct(numerator: number, denominator: number): number | null {
  const r = ratio(numerator, denominator);
  return r === null ? null : 100 * r;
}

/** ROI = (revenue − spend) / spend, as a ratio (0.5 = 50% return). Revenue is attributed revenue. */
export const roi = (revenue: number, spend: number) => ratio(revenue - spend, spend);

/**
 * Marginal ROI = ROI of the next unit of spend: d revenue / d spend − 1, from a response curve's
 * marginal revenue (0 = the next unit just pays for itself).
 */
export const marginalRoi = (marginalRevenue: number) => marginalRevenue - 1;

/** ROAS = revenue / spend. */
export const roas = (revenue: number, spend: number) => ratio(revenue, spend);

/** Conversion rate = transactions / clicks. */
export const conversionRate = (transactions: number, clicks: number) => ratio(transactions, clicks);

/** CTR = clicks / impressions. */
export const ctr = (clicks: number, impressions: number) => ratio(clicks, impressions);

/** CPM = 1000 × spend / impressions (cost per thousand impressions). */
export const cpm = (spend: number, impressions: number) => ratio(1000 * spend, impressions);

/** CPA = spend / transactions. */
export const cpa = (spend: number, transactions: number) => ratio(spend, transactions);

/** Budget utilization % = 100 × spend / allocated (allocated pro-rated to the range; see budgets query). */
export const budgetUtilizationPct = (spend: number, allocated: number | null) =>
  allocated === null ? null : pct(spend, allocated);

/** Change % = 100 × (value − previous) / previous: any figure against the equal-length period before (reports). */
export const changePct = (value: number, previous: number) => pct(value - previous, previous);

/** Revenue growth % = the change % of revenue against the equal-length period before the range. */
export const revenueGrowthPct = changePct;

/** Channel contribution % = 100 × channel revenue / total attributed revenue. */
export const contributionPct = (channelRevenue: number, totalRevenue: number) => pct(channelRevenue, totalRevenue);

/** Repeat rate = repeat customers / customers (daily counts summed over the range). */
export const repeatRate = (repeatCustomers: number, customers: number) => ratio(repeatCustomers, customers);

/** Average cart size = items / orders. */
export const avgCartSize = (items: number, orders: number) => ratio(items, orders);

/**
 * Budget allocated to a range: each period's allocation pro-rated by the days it overlaps the
 * range (a 31-day period overlapping 10 days contributes 10/31 of its allocation).
 */
export function proratedAllocation(
  period: { start: string; end: string; allocated: number },
  range: { from: string; to: string },
): number {
  const start = period.start > range.from ? period.start : range.from;
  const end = period.end < range.to ? period.end : range.to;
  if (start > end) return 0;
  return (period.allocated * (daysBetween(start, end) + 1)) / (daysBetween(period.start, period.end) + 1);
}
