import { z } from 'zod';
import type { ResponseCurve } from '../curves.js';
import { IsoDate, Ratio } from './common.js';

/**
 * The budget simulator and optimizer: fitted response curves per channel, what-if projections and
 * the allocation that earns the most. Every spend is a channel's budget over a horizon of `days`
 * days (default 30), and every projection is over that same horizon, at a steady daily spend with
 * carry-over in its steady state. Money is in the data's currency, as plain numbers.
 */

export const DEFAULT_BUDGET_DAYS = 30;
/** Largest spend a request may name: far above any real budget, small enough to stay exact. */
const MAX_MONEY = 1e13;

const Days = z.number().int().min(1).max(365).describe('Horizon in days: every spend and projection is over this many days');
const Money = z.number().min(0).max(MAX_MONEY);
const ChannelName = z.string().min(1).max(200);

// ---- response curves -----------------------------------------------------------------------

export const FittedCurve = z
  .object({
    theta: z.number().describe('Adstock decay (0–1): the share of a day’s adstocked spend carried into the next'),
    K: z.number().describe('Half-saturation point, in daily spend'),
    S: z.number().describe('Shape: ≤ 1 concave, > 1 S-shaped'),
    beta: z.number().describe('Most revenue a day the channel can drive'),
    sigma: z.number().describe('Standard deviation of a day’s revenue around the curve, log scale'),
    observed: z.object({ low: z.number(), high: z.number() }).describe('Lowest and highest daily adstocked spend the fit saw'),
    draws: z.array(z.tuple([z.number(), z.number(), z.number()])).describe('Posterior draws `[beta, K, S]` behind the band'),
  })
  .describe('Parameters for `projectSpend` / `projectAllocation` in `@retailmind/sdk`') satisfies z.ZodType<ResponseCurve>;
export type FittedCurve = z.infer<typeof FittedCurve>;

export const SUFFICIENCY_LEVELS = ['full', 'shape-fixed', 'level-only', 'minimal'] as const;

export const CurvePoint = z.object({
  spend: z.number(),
  projectedRevenue: z.number(),
  low: z.number(),
  high: z.number(),
  marginalRoi: z.number(),
  extrapolated: z.boolean(),
});
export type CurvePoint = z.infer<typeof CurvePoint>;

export const ChannelCurve = z.object({
  channel: z.string(),
  curve: FittedCurve,
  /** Mean daily spend over the latest 30 days, and that times the horizon. */
  currentDailySpend: z.number(),
  currentSpend: z.number(),
  fit: z.object({
    /** Days the curve was fitted on, of which rebuilt from the channel's other campaigns (anomalous revenue). */
    usableDays: z.number().int(),
    reconstructedDays: z.number().int(),
    /** Channel-days left out: anomalous with too little of the channel left to rebuild them. */
    excludedDays: z.number().int(),
    thetaSource: z.enum(['shares', 'profile', 'pooled']),
    /** Refitted without the last 14 days and scored on them (daily channel revenue); null with too few days. */
    holdout: z
      .object({ from: IsoDate, to: IsoDate, days: z.number().int(), r2: z.number().nullable(), mape: z.number().nullable() })
      .nullable(),
  }),
  sufficiency: z.object({
    level: z.enum(SUFFICIENCY_LEVELS),
    parameters: z.number().int(),
    rowsPerParameter: z.number(),
    /** Parameters held at the prior's centre (S, K) or pooled from the other channels (theta). */
    fixed: z.array(z.string()),
    /** Largest change (%) of the channel's spend the optimizer makes; null: no limit. */
    maxMovePct: z.number().nullable(),
  }),
  /** The curve sampled from zero to well past the current spend, over the horizon. */
  points: z.array(CurvePoint),
});
export type ChannelCurve = z.infer<typeof ChannelCurve>;

export const ResponseCurvesQuery = z.object({
  days: z
    .union([z.number(), z.string().regex(/^\d+$/, 'expected a whole number of days')])
    .transform(Number)
    .pipe(z.number().int().min(1).max(365))
    .optional()
    .describe('Horizon of the sampled points (default 30)'),
});
export type ResponseCurvesQuery = z.input<typeof ResponseCurvesQuery>;

export const ResponseCurvesResponse = z.object({
  days: z.number().int(),
  window: z.object({ from: IsoDate, to: IsoDate, days: z.number().int() }).nullable(),
  /** Weekday multipliers shared by the channels, Monday first, mean 1. */
  weekday: z.array(z.number()),
  channels: z.array(ChannelCurve),
  /** Plain sentences on the data behind the curves: days used, anomalies, thin channels. */
  notes: z.array(z.string()),
  dataVersion: z.number().int(),
});
export type ResponseCurvesResponse = z.infer<typeof ResponseCurvesResponse>;

// ---- simulate ------------------------------------------------------------------------------

export const BudgetSimulateBody = z
  .object({
    allocations: z
      .array(z.object({ channel: ChannelName, spend: Money.describe('The channel’s budget over the horizon') }).strict())
      .min(1)
      .max(1000)
      .describe('Channels left out keep their current spend'),
    days: Days.optional(),
  })
  .strict();
export type BudgetSimulateBody = z.input<typeof BudgetSimulateBody>;

export const ChannelProjection = z.object({
  channel: z.string(),
  currentSpend: z.number(),
  spend: z.number(),
  projectedRevenue: z.number(),
  low: z.number(),
  high: z.number(),
  projectedRoi: Ratio,
  /** ROI of the next unit of spend: d revenue / d spend − 1. */
  marginalRoi: z.number(),
  /** The daily spend lies outside anything the channel has run at: a rough guess, with a wider band. */
  extrapolated: z.boolean(),
});
export type ChannelProjection = z.infer<typeof ChannelProjection>;

export const ProjectionTotals = z.object({
  spend: z.number(),
  projectedRevenue: z.number(),
  low: z.number(),
  high: z.number(),
  projectedRoi: Ratio,
});

export const BudgetSimulateResponse = z.object({
  days: z.number().int(),
  channels: z.array(ChannelProjection),
  totals: ProjectionTotals.extend({
    currentSpend: z.number(),
    currentRevenue: z.number(),
    currentRoi: Ratio,
    /** Against the current allocation, both projected by the same curves. */
    revenueDelta: z.number(),
    roiDelta: Ratio,
  }),
  notes: z.array(z.string()),
  dataVersion: z.number().int(),
});
export type BudgetSimulateResponse = z.infer<typeof BudgetSimulateResponse>;

// ---- optimize ------------------------------------------------------------------------------

export const BUDGET_OBJECTIVES = ['revenue', 'profit'] as const;

export const BudgetOptimizeBody = z
  .object({
    totalBudget: z.number().positive().max(MAX_MONEY).optional().describe('Budget to split over the horizon'),
    targetRoi: z.number().min(-0.99).max(1000).optional().describe('Instead of totalBudget: the largest budget whose best split reaches this ROI'),
    targetMarginalRoi: z
      .number()
      .gt(-1)
      .max(1000)
      .optional()
      .describe('Instead of totalBudget: spend each channel up to where its next unit returns this ROI'),
    days: Days.optional(),
    constraints: z
      .array(z.object({ channel: ChannelName, min: Money.optional(), max: Money.optional() }).strict())
      .max(1000)
      .optional(),
    maxChangePct: z.number().min(0).max(10_000).optional().describe('No channel moves more than this % from its current spend'),
    objective: z.enum(BUDGET_OBJECTIVES).optional().describe('revenue (default), or profit = revenue − spend: the budget becomes a ceiling'),
  })
  .strict()
  .superRefine((b, ctx) => {
    const given = (['totalBudget', 'targetRoi', 'targetMarginalRoi'] as const).filter((k) => b[k] !== undefined);
    if (given.length === 0)
      ctx.addIssue({ code: 'custom', path: ['totalBudget'], message: 'give one of totalBudget, targetRoi or targetMarginalRoi' });
    else if (given.length > 1)
      ctx.addIssue({ code: 'custom', path: [given[1]!], message: `give only one of totalBudget, targetRoi or targetMarginalRoi (got ${given.join(' and ')})` });
    b.constraints?.forEach((c, i) => {
      if (c.min !== undefined && c.max !== undefined && c.min > c.max)
        ctx.addIssue({ code: 'custom', path: ['constraints', i, 'max'], message: 'max must not be below min' });
    });
  });
export type BudgetOptimizeBody = z.input<typeof BudgetOptimizeBody>;

export const OptimizedChannel = ChannelProjection.extend({
  /** spend − currentSpend, and as % of the current spend (null when it was 0). */
  change: z.number(),
  changePct: Ratio,
  /** The bound the channel ended on, if any. */
  bound: z.enum(['min', 'max']).nullable(),
});
export type OptimizedChannel = z.infer<typeof OptimizedChannel>;

export const BudgetOptimizeResponse = z.object({
  days: z.number().int(),
  objective: z.enum(BUDGET_OBJECTIVES),
  /** How the optimum was searched: `bisection` on the common marginal (concave curves) or `greedy` with look-ahead and projected-gradient polish (S-shaped). */
  method: z.enum(['bisection', 'greedy']),
  /** The budget split (the one given, or the one the target found). */
  totalBudget: z.number(),
  allocations: z.array(OptimizedChannel),
  /** The marginal ROI the channels not held by a bound share at the optimum; null when every channel sits on a bound. */
  marginalRoi: z.number().nullable(),
  projection: ProjectionTotals.extend({ unspent: z.number() }),
  current: z.object({ spend: z.number(), projectedRevenue: z.number(), projectedRoi: Ratio }),
  lift: z.object({ revenue: z.number(), revenuePct: Ratio, profit: z.number(), roiDelta: Ratio }),
  target: z
    .object({ kind: z.enum(['roi', 'marginalRoi']), value: z.number(), achieved: z.number().nullable(), met: z.boolean() })
    .nullable(),
  /** One plain sentence a manager can act on, numbers from the data, currency-neutral. */
  recommendation: z.string(),
  notes: z.array(z.string()),
  dataVersion: z.number().int(),
});
export type BudgetOptimizeResponse = z.infer<typeof BudgetOptimizeResponse>;
