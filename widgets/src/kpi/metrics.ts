import type { DailyPoint, SummaryTotals } from '@retailmind/sdk';

/** How a KPI's figures are written. */
export type KpiKind = 'money' | 'count' | 'fraction' | 'percent' | 'multiple';

export interface KpiDefinition {
  label: string;
  kind: KpiKind;
  /** Which way is good, for the colour (and words) of the change. */
  better: 'higher' | 'lower' | 'neutral';
  /** The day's value for the trend line, from the summary's daily points (display only). */
  daily?: (d: DailyPoint) => number | null;
  /** The figure is itself the change against the previous period, so it gets no change of its own. */
  isChange?: true;
}

const ratio = (a: number, b: number) => (b ? a / b : null);

/** Every total of the summary, as a KPI. */
export const KPI_METRICS: Readonly<Record<keyof SummaryTotals, KpiDefinition>> = {
  revenue: { label: 'Revenue', kind: 'money', better: 'higher', daily: (d) => d.revenue },
  unattributedRevenue: { label: 'Unattributed revenue', kind: 'money', better: 'neutral' },
  spend: { label: 'Spend', kind: 'money', better: 'neutral', daily: (d) => d.spend },
  roi: { label: 'ROI', kind: 'fraction', better: 'higher', daily: (d) => ratio(d.revenue - d.spend, d.spend) },
  roas: { label: 'ROAS', kind: 'multiple', better: 'higher', daily: (d) => ratio(d.revenue, d.spend) },
  impressions: { label: 'Impressions', kind: 'count', better: 'neutral' },
  clicks: { label: 'Clicks', kind: 'count', better: 'higher', daily: (d) => d.clicks },
  transactions: { label: 'Transactions', kind: 'count', better: 'higher', daily: (d) => d.transactions },
  conversionRate: { label: 'Conversion rate', kind: 'fraction', better: 'higher', daily: (d) => ratio(d.transactions, d.clicks) },
  ctr: { label: 'Click-through rate', kind: 'fraction', better: 'higher' },
  cpa: { label: 'Cost per acquisition', kind: 'money', better: 'lower', daily: (d) => ratio(d.spend, d.transactions) },
  budgetAllocated: { label: 'Budget allocated', kind: 'money', better: 'neutral' },
  budgetUsed: { label: 'Budget used', kind: 'money', better: 'neutral' },
  budgetUtilizationPct: { label: 'Budget used', kind: 'percent', better: 'neutral' },
  revenueGrowthPct: { label: 'Revenue growth', kind: 'percent', better: 'higher', daily: (d) => d.revenue, isChange: true },
  anomalyCount: { label: 'Anomalies', kind: 'count', better: 'lower' },
};

export type KpiMetric = keyof SummaryTotals;

export function isKpiMetric(name: string | undefined): name is KpiMetric {
  return name !== undefined && Object.hasOwn(KPI_METRICS, name);
}

/**
 * The change against the previous period: relative (%) for amounts and counts, in points for
 * rates and percentages. Revenue uses the server's own `revenueGrowthPct`.
 */
export function kpiChange(
  metric: KpiMetric,
  current: SummaryTotals,
  previous: SummaryTotals | undefined,
): { value: number; unit: 'percent' | 'points' } | null {
  if (metric === 'revenue') return current.revenueGrowthPct === null ? null : { value: current.revenueGrowthPct, unit: 'percent' };
  if (!previous) return null;
  const a = current[metric];
  const b = previous[metric];
  if (a === null || b === null) return null;
  const kind = KPI_METRICS[metric].kind;
  if (kind === 'fraction') return { value: (a - b) * 100, unit: 'points' };
  if (kind === 'percent') return { value: a - b, unit: 'points' };
  if (b === 0) return null;
  return { value: ((a - b) / Math.abs(b)) * 100, unit: 'percent' };
}
