import { z } from 'zod';
import { DateRange, IsoDate, RANGE_ORDER, Ratio, StringList, filterFields, rangeFields, rangeInOrder } from './common.js';

/**
 * The decision engine's contract: anomalies, recommendations, campaign health, the revenue model
 * and the thresholds that configure them. Money is in the data's currency, as plain numbers.
 */


/** One or several values of an enum, given once or repeated in the query. */
const enumList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.array(z.enum(values)).max(values.length)]).transform((v) => (Array.isArray(v) ? v : [v]));

// ---- thresholds -----------------------------------------------------------------------------

export const AnomalyThresholds = z
  .object({
    zThreshold: z.number().min(1).max(50).describe('Robust z-score a day must reach on its own series to be reported'),
    zSupport: z.number().min(0.5).max(50).describe('Lower z-score that suffices when the isolation forest also finds the campaign-day unusual'),
    forestThreshold: z.number().min(0.5).max(1).describe('Isolation-forest score from which a campaign-day counts as unusual'),
    minFactor: z.number().min(1).max(1000).describe('A day must be at least this many times its expected value, or at most 1/this of it, to be unusual'),
    shiftMinFactor: z.number().min(1).max(1000).describe('The same for a lasting shift (its median day); smaller lasting moves are changes of budget or mix, and become the new normal'),
    minClicks: z.number().int().min(1).max(1_000_000).describe('Clicks a day needs before its conversion rate is judged'),
    minTransactions: z.number().min(1).max(1_000_000).describe('Expected transactions a day needs before its CPA is judged'),
    volumeZ: z.number().min(0).max(50).describe("z-score a ratio's change must also reach against its own denominator (binomial or Poisson), so a handful of clicks or transactions cannot raise an alarm"),
    historyDays: z.number().int().min(7).max(120).describe('Days of history behind each expected value'),
    shiftMinDays: z.number().int().min(2).max(90).describe('Consecutive unusual days, same direction, that make one lasting level shift'),
  })
  .strict();
export type AnomalyThresholds = z.infer<typeof AnomalyThresholds>;

export const RecommendationThresholds = z
  .object({
    pauseRoiBelow: z.number().min(-1).max(100).describe('ROI over the window below which a campaign should be paused'),
    scaleConversionRatio: z.number().min(1).max(100).describe("Conversion rate, as a multiple of its channel's, from which a campaign is a candidate to scale"),
    scaleMinRoi: z.number().min(-1).max(100).describe('ROI a campaign needs before scaling it is suggested'),
    scaleUtilizationPct: z.number().min(0).max(1000).describe("Channel budget utilization (%) from which the channel's budget counts as limited"),
    scaleLowSharePct: z.number().min(0).max(100).describe("A campaign's share of its channel's spend, as % of an equal share, below which its budget counts as limited"),
    scaleStepPct: z.number().min(1).max(200).describe('Spend increase (%) whose effect the model estimates for a scale recommendation'),
    alertSpendRatio: z.number().min(1).max(100).describe("Spend, as a multiple of the channel's median campaign, from which spend counts as high"),
    alertRoasBelow: z.number().min(0).max(100).describe('ROAS below which sales count as low against high spend'),
    monitorRoiMargin: z.number().min(0).max(100).describe('ROI within this margin above the pause threshold is a weak signal: monitor'),
    minClicks: z.number().int().min(0).max(10_000_000).describe('Clicks over the window a campaign needs before a rule acts on it'),
  })
  .strict();
export type RecommendationThresholds = z.infer<typeof RecommendationThresholds>;

export const HealthThresholds = z
  .object({
    healthyRoiAbove: z.number().min(-1).max(100).describe('ROI above which a campaign can be healthy'),
    criticalRoiBelow: z.number().min(-1).max(100).describe('ROI below which a campaign is critical'),
    conversionDropPct: z.number().min(0).max(100).describe('Fall (%) of the recent conversion rate against the weeks before that needs attention'),
    pacingLowPct: z.number().min(0).max(1000).describe('Channel budget pacing (%) below which spend is behind plan'),
    pacingHighPct: z.number().min(0).max(1000).describe('Channel budget pacing (%) above which spend runs ahead of plan'),
    windowDays: z.number().int().min(7).max(365).describe('Days, ending at the latest data, that health is judged over'),
    recentDays: z.number().int().min(1).max(90).describe('Days, ending at the latest data, whose anomalies count against health'),
  })
  .strict();
export type HealthThresholds = z.infer<typeof HealthThresholds>;

export const Thresholds = z.object({ anomalies: AnomalyThresholds, recommendations: RecommendationThresholds, health: HealthThresholds }).strict();
export type Thresholds = z.infer<typeof Thresholds>;

/** `PUT /api/config/thresholds` body: any subset; what is left out keeps its current value. */
export const ThresholdsUpdate = z
  .object({
    anomalies: AnomalyThresholds.partial().strict().optional(),
    recommendations: RecommendationThresholds.partial().strict().optional(),
    health: HealthThresholds.partial().strict().optional(),
  })
  .strict();
export type ThresholdsUpdate = z.input<typeof ThresholdsUpdate>;

export const ThresholdsResponse = z.object({
  thresholds: Thresholds,
  defaults: Thresholds,
  /** Bumped by every change; engine results are cached per (data version, thresholds version). */
  version: z.number().int(),
});
export type ThresholdsResponse = z.infer<typeof ThresholdsResponse>;

// ---- anomalies ------------------------------------------------------------------------------

export const ANOMALY_METRICS = ['spend', 'clicks', 'conversionRate', 'revenue', 'cpa'] as const;
export const AnomalyMetric = z.enum(ANOMALY_METRICS);
export type AnomalyMetric = z.infer<typeof AnomalyMetric>;

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const ANOMALY_METHODS = ['series', 'isolation-forest', 'both'] as const;

export const AnomaliesQuery = z
  .object({ ...filterFields, severity: enumList(SEVERITIES).optional() })
  .refine(rangeInOrder, RANGE_ORDER);
export type AnomaliesQuery = z.input<typeof AnomaliesQuery>;

export const Anomaly = z.object({
  /** Stable for the same campaign, metric and start date. */
  id: z.string(),
  /** The first unusual day. */
  date: IsoDate,
  /** The last day of a shift; equals `date` for a one-day anomaly. */
  endDate: IsoDate,
  /** `point`: unusual for a day or a few; `shift`: a lasting change of level, reported once. */
  kind: z.enum(['point', 'shift']),
  days: z.number().int(),
  campaignId: z.string(),
  campaignName: z.string(),
  channel: z.string(),
  segment: z.string(),
  metric: AnomalyMetric,
  direction: z.enum(['spike', 'drop']),
  /** The observed value (a shift: the median over its days). Rates as fractions, money in the data's currency. */
  value: z.number(),
  /** What the history predicted for that day. */
  expected: z.number(),
  /** 0–1: higher ranks first; highest when the series and the isolation forest both see it. */
  score: z.number(),
  severity: Severity,
  method: z.enum(ANOMALY_METHODS),
  /** Robust z-score of the day on its own series. */
  zScore: z.number(),
  /** Isolation-forest score of the campaign-day across campaigns, when one was computed. */
  forestScore: z.number().nullable(),
  explanation: z.string(),
});
export type Anomaly = z.infer<typeof Anomaly>;

export const AnomaliesResponse = z.object({ range: DateRange, anomalies: z.array(Anomaly), count: z.number().int() });
export type AnomaliesResponse = z.infer<typeof AnomaliesResponse>;

// ---- model ----------------------------------------------------------------------------------

export const FitQuality = z.object({
  /** Coefficient of determination on the holdout days; 1 is perfect, 0 is no better than their mean. */
  r2: z.number().nullable(),
  /** Mean absolute percentage error on holdout campaign-days with revenue > 0, as a fraction. */
  mape: z.number().nullable(),
});
export type FitQuality = z.infer<typeof FitQuality>;

export const ModelInfo = z.object({
  status: z.enum(['trained', 'insufficient-data']),
  description: z.string(),
  target: z.string(),
  features: z.array(z.string()),
  /** Per channel: the share of a day's adstocked spend carried into the next (0 = no carry-over). */
  adstockDecay: z.record(z.string(), z.number()),
  training: z.object({ from: IsoDate, to: IsoDate, rows: z.number().int() }).nullable(),
  holdout: z
    .object({
      from: IsoDate,
      to: IsoDate,
      rows: z.number().int(),
      model: FitQuality,
      baselines: z.object({
        /** Each campaign-day predicted by its channel's mean revenue per campaign-day in training. */
        channelMean: FitQuality,
        /** Each campaign-day predicted by the same campaign's revenue seven days earlier. */
        lastWeek: FitQuality,
      }),
    })
    .nullable(),
  /** True when the model's R² and MAPE both beat every baseline on the holdout. */
  beatsBaselines: z.boolean(),
  dataVersion: z.number().int(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

// ---- recommendations ------------------------------------------------------------------------

export const RECOMMENDATION_ACTIONS = ['pause', 'scale', 'monitor', 'alert'] as const;

export const RecommendationsQuery = z
  .object({ ...rangeFields, channel: filterFields.channel, segment: filterFields.segment })
  .refine(rangeInOrder, RANGE_ORDER);
export type RecommendationsQuery = z.input<typeof RecommendationsQuery>;

export const Recommendation = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  channel: z.string(),
  segment: z.string(),
  action: z.enum(RECOMMENDATION_ACTIONS),
  priority: z.enum(['high', 'medium', 'low']),
  /** 0–1: how much evidence stands behind the item (volume, model fit, margin past the threshold). */
  confidence: z.number(),
  reason: z.string(),
  /** The metric values and thresholds the decision used, by name. */
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  /** Over a period as long as the window: change in spend and revenue, and the ROI after acting. */
  expectedImpact: z.object({ spendDelta: z.number(), revenueDelta: z.number(), roiAfter: Ratio }),
  /** What acting is worth (profit change, or spend at risk for an alert); the list is sorted on it. */
  expectedValue: z.number(),
  source: z.enum(['rule', 'model', 'hybrid']),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const RecommendationsResponse = z.object({ range: DateRange, recommendations: z.array(Recommendation), model: ModelInfo });
export type RecommendationsResponse = z.infer<typeof RecommendationsResponse>;

// ---- campaign health ------------------------------------------------------------------------

export const HEALTH_STATUSES = ['healthy', 'attention', 'critical'] as const;
export const HealthStatus = z.enum(HEALTH_STATUSES);
export type HealthStatus = z.infer<typeof HealthStatus>;

export const CampaignHealthQuery = z.object({
  status: enumList(HEALTH_STATUSES).optional(),
  channel: StringList.optional(),
  segment: StringList.optional(),
});
export type CampaignHealthQuery = z.input<typeof CampaignHealthQuery>;

export const CampaignHealth = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  channel: z.string(),
  segment: z.string(),
  /** 0–100. */
  score: z.number().int(),
  status: HealthStatus,
  roi: Ratio,
  conversionRate: Ratio,
  /** Change (%) of the last 7 days' conversion rate against the rest of the window. */
  conversionTrendPct: Ratio,
  /** Channel spend against its pro-rated budget (%), when the channel has one. */
  pacingPct: Ratio,
  /** Anomalies in the recent days. */
  recentAnomalies: z.number().int(),
  reasons: z.array(z.string()),
});
export type CampaignHealth = z.infer<typeof CampaignHealth>;

export const CampaignHealthResponse = z.object({
  range: DateRange,
  campaigns: z.array(CampaignHealth),
  /** Per status over the channel and segment filter, before the status filter. */
  counts: z.object({ healthy: z.number().int(), attention: z.number().int(), critical: z.number().int() }),
  thresholds: HealthThresholds,
});
export type CampaignHealthResponse = z.infer<typeof CampaignHealthResponse>;
