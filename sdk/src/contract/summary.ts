import { z } from 'zod';
import { DateRange, IsoDate, RANGE_ORDER, Ratio, filterFields, rangeInOrder } from './common.js';

export const SummaryQuery = z.object(filterFields).refine(rangeInOrder, RANGE_ORDER);
export type SummaryQuery = z.input<typeof SummaryQuery>;

export const SummaryTotals = z.object({
  revenue: z.number(),
  unattributedRevenue: z.number(),
  spend: z.number(),
  roi: Ratio,
  roas: Ratio,
  impressions: z.number(),
  clicks: z.number(),
  transactions: z.number(),
  conversionRate: Ratio,
  ctr: Ratio,
  cpa: Ratio,
  budgetAllocated: z.number().nullable(),
  budgetUsed: z.number(),
  budgetUtilizationPct: Ratio,
  revenueGrowthPct: Ratio,
  anomalyCount: z.number().int().nullable(),
});
export type SummaryTotals = z.infer<typeof SummaryTotals>;

export const ChannelSummary = z.object({
  channel: z.string(),
  revenue: z.number(),
  spend: z.number(),
  roi: Ratio,
  roas: Ratio,
  conversionRate: Ratio,
  contributionPct: Ratio,
  budgetAllocated: z.number().nullable(),
  budgetUtilizationPct: Ratio,
});
export type ChannelSummary = z.infer<typeof ChannelSummary>;

export const SegmentSummary = z.object({
  segment: z.string(),
  revenue: z.number(),
  customers: z.number(),
  repeatRate: Ratio,
  avgCartSize: Ratio,
});
export type SegmentSummary = z.infer<typeof SegmentSummary>;

export const DailyPoint = z.object({
  date: IsoDate,
  revenue: z.number(),
  spend: z.number(),
  clicks: z.number(),
  transactions: z.number(),
});
export type DailyPoint = z.infer<typeof DailyPoint>;

export const SummaryResponse = z.object({
  range: DateRange,
  previousRange: DateRange,
  totals: SummaryTotals,
  channels: z.array(ChannelSummary),
  segments: z.array(SegmentSummary),
  daily: z.array(DailyPoint),
});
export type SummaryResponse = z.infer<typeof SummaryResponse>;
