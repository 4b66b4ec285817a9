import { z } from 'zod';
import { ROLES } from './auth.js';
import { DateRange, IsoDate, RANGE_ORDER, Ratio, rangeFields, rangeInOrder } from './common.js';
import { Anomaly, RECOMMENDATION_ACTIONS } from './engine.js';
import { ChannelSummary } from './summary.js';

/**
 * Automated reports and exports. A report is written from a facts object built by the server
 * from the metrics and the decision engine; every number in the text is checked against those
 * facts before it is served. Money is in the data's currency, as plain numbers.
 */

/** Who a report is written for. `leadership` is the executive audience: channels, no campaigns. */
export const REPORT_AUDIENCES = ROLES;
export const ReportAudience = z.enum(REPORT_AUDIENCES);
export type ReportAudience = z.infer<typeof ReportAudience>;

export const REPORT_FORMATS = ['json', 'markdown'] as const;

export const ReportQuery = z
  .object({
    ...rangeFields,
    /** Default: the caller's role. The leadership role gets only the leadership audience. */
    audience: ReportAudience.optional(),
    /** `json` (default) or `markdown` (answered as `text/markdown`). */
    format: z.enum(REPORT_FORMATS).default('json'),
  })
  .refine(rangeInOrder, RANGE_ORDER);
export type ReportQuery = z.input<typeof ReportQuery>;

// ---- facts ----------------------------------------------------------------------------------

/** A channel as the dashboard summary has it, with its comparison against the previous period. */
export const ChannelFact = ChannelSummary.extend({
  previousRevenue: z.number(),
  previousRoi: Ratio,
  /** Revenue change (%) against the previous period of the same length. */
  revenueChangePct: Ratio,
  /** ROI now minus ROI in the previous period (a difference of ratios). */
  roiChange: Ratio,
});
export type ChannelFact = z.infer<typeof ChannelFact>;

/** A channel singled out by one figure (best ROI, largest revenue change, …), with that figure. */
export const ChannelPick = z.object({ channel: z.string(), value: z.number() }).nullable();
export type ChannelPick = z.infer<typeof ChannelPick>;

/** An anomaly as the engine reports it, without its scoring details and prose. */
export const AnomalyFact = Anomaly.pick({
  date: true,
  kind: true,
  days: true,
  campaignId: true,
  campaignName: true,
  channel: true,
  segment: true,
  metric: true,
  direction: true,
  severity: true,
  value: true,
  expected: true,
});
export type AnomalyFact = z.infer<typeof AnomalyFact>;

export const RecommendationFact = z.object({
  action: z.enum(RECOMMENDATION_ACTIONS),
  priority: z.enum(['high', 'medium', 'low']),
  campaignId: z.string(),
  campaignName: z.string(),
  channel: z.string(),
  segment: z.string(),
  /** The campaign's ROI over the period, when the engine used it. */
  roi: Ratio,
  spendDelta: z.number(),
  revenueDelta: z.number(),
  roiAfter: Ratio,
  expectedValue: z.number(),
});
export type RecommendationFact = z.infer<typeof RecommendationFact>;

/**
 * The budget optimizer's suggestion (`POST /api/budget-optimize` with the current total spend):
 * the same budget split anew across the channels with a response curve, over a horizon as long as
 * the report's period. Channel level only. "Current" spend is each channel's mean daily spend over
 * the latest `runRateDays` days times `days`; revenue figures are projections by the fitted curves.
 */
export const BudgetSuggestionFact = z.object({
  /** Horizon in days: the period's length (at most 365). */
  days: z.number().int(),
  runRateDays: z.number().int(),
  /** The current total spend over the horizon, which the suggestion splits anew. */
  totalBudget: z.number(),
  channels: z.array(
    z.object({
      channel: z.string(),
      currentSpend: z.number(),
      suggestedSpend: z.number(),
      /** suggestedSpend − currentSpend, and as % of currentSpend (null when that was 0). */
      change: z.number(),
      changePct: Ratio,
      /** The suggested daily spend lies outside anything the channel has run at: a rough guess. */
      extrapolated: z.boolean(),
    }),
  ),
  /** Channels with too few usable days for a response curve: left out, their spend unchanged. */
  channelsLeftOut: z.array(z.string()),
  currentRevenue: z.number(),
  suggestedRevenue: z.number(),
  /** The band of `suggestedRevenue` from the curves' posterior draws. */
  suggestedRevenueLow: z.number(),
  suggestedRevenueHigh: z.number(),
  /** suggestedRevenue − currentRevenue, and as % of currentRevenue. */
  upliftRevenue: z.number(),
  upliftPct: Ratio,
  currentRoi: Ratio,
  suggestedRoi: Ratio,
});
export type BudgetSuggestionFact = z.infer<typeof BudgetSuggestionFact>;

export const ReportFacts = z.object({
  period: z.object({ from: IsoDate, to: IsoDate, days: z.number().int() }),
  previousPeriod: DateRange,
  dataVersion: z.number().int(),
  /** False for the executive (leadership) audience: no campaign names, ids or per-campaign figures. */
  campaignLevel: z.boolean(),
  totals: z.object({
    revenue: z.number(),
    spend: z.number(),
    roi: Ratio,
    roas: Ratio,
    conversionRate: Ratio,
    transactions: z.number(),
    clicks: z.number(),
    previousRevenue: z.number(),
    previousSpend: z.number(),
    previousRoi: Ratio,
    revenueChangePct: Ratio,
    spendChangePct: Ratio,
    roiChange: Ratio,
  }),
  channels: z.array(ChannelFact),
  bestChannelByRoi: ChannelPick,
  worstChannelByRoi: ChannelPick,
  /** By revenue change (%) against the previous period. */
  bestChannelByChange: ChannelPick,
  worstChannelByChange: ChannelPick,
  budget: z.object({
    allocated: z.number().nullable(),
    used: z.number(),
    /** Spend against the budget pro-rated to the period (%): 100 = on plan. */
    utilizationPct: Ratio,
    status: z.enum(['on-track', 'under', 'over', 'no-budget']),
    /** The pacing band (health thresholds) the status is judged by. */
    lowPct: z.number(),
    highPct: z.number(),
    channelsUnder: z.array(z.object({ channel: z.string(), utilizationPct: z.number() })),
    channelsOver: z.array(z.object({ channel: z.string(), utilizationPct: z.number() })),
  }),
  anomalies: z.object({
    count: z.number().int(),
    high: z.number().int(),
    medium: z.number().int(),
    low: z.number().int(),
    byChannel: z.array(z.object({ channel: z.string(), count: z.number().int(), high: z.number().int() })),
    /** Highest score first; empty for the executive audience. */
    top: z.array(AnomalyFact),
  }),
  recommendations: z.object({
    count: z.number().int(),
    byAction: z.object({ pause: z.number().int(), scale: z.number().int(), monitor: z.number().int(), alert: z.number().int() }),
    /** Per channel and action: how many campaigns, and the spend and revenue change acting would bring. */
    byChannel: z.array(
      z.object({
        channel: z.string(),
        action: z.enum(RECOMMENDATION_ACTIONS),
        campaigns: z.number().int(),
        spendDelta: z.number(),
        revenueDelta: z.number(),
      }),
    ),
    /** Highest expected value first; empty for the executive audience. */
    top: z.array(RecommendationFact),
  }),
  /** Absent when the budget model cannot be fitted (too few days, one channel, no spend); the report's warnings say why. */
  budgetSuggestion: BudgetSuggestionFact.optional(),
});
export type ReportFacts = z.infer<typeof ReportFacts>;

// ---- the report -----------------------------------------------------------------------------

export const ReportHighlight = z.object({
  text: z.string(),
  /** Which fact the value is, e.g. `totals.roi` or `channels.Social.revenueChangePct`. */
  metric: z.string(),
  value: z.number(),
});
export type ReportHighlight = z.infer<typeof ReportHighlight>;

export const ReportResponse = z.object({
  title: z.string(),
  period: DateRange,
  audience: ReportAudience,
  /** Plain text (paragraphs separated by a blank line); never HTML. */
  narrative: z.string(),
  highlights: z.array(ReportHighlight),
  recommendations: z.array(z.string()),
  /** `openai` when the model's text passed the grounding check; otherwise the offline writer's. */
  generatedBy: z.enum(['openai', 'offline']),
  model: z.string().optional(),
  /** Why the model's text was not used, facts the report could not include, … */
  warnings: z.array(z.string()),
  dataVersion: z.number().int(),
  /** Every number the text may use; the text was checked against these. */
  facts: ReportFacts,
});
export type ReportResponse = z.infer<typeof ReportResponse>;

// ---- export ---------------------------------------------------------------------------------

export const EXPORT_FORMATS = ['csv', 'pdf'] as const;
export const EXPORT_VIEWS = ['campaigns', 'channels', 'anomalies', 'recommendations', 'report'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];
export const PAPER_SIZES = ['a4', 'letter'] as const;

export const ExportQuery = z
  .object({
    ...rangeFields,
    format: z.enum(EXPORT_FORMATS).default('csv'),
    /** Default: `report` for a PDF, `campaigns` for a CSV. */
    view: z.enum(EXPORT_VIEWS).optional(),
    /** PDF page size. */
    paper: z.enum(PAPER_SIZES).default('a4'),
    /** The report's audience in a PDF (default the caller's role), e.g. `leadership` to forward it. */
    audience: ReportAudience.optional(),
  })
  .refine(rangeInOrder, RANGE_ORDER);
export type ExportQuery = z.input<typeof ExportQuery>;

/** The body of an export: a CSV (UTF-8, header row) or a PDF document. */
export const ExportResponse = z.string();
