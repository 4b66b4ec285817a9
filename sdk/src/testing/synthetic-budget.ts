/**
 * The fake transport's budget answers while the budget routes are not recorded: contract-shaped
 * (`ResponseCurvesResponse`, `BudgetSimulateResponse`, `BudgetOptimizeResponse`) and projected with
 * the SDK's own curve math, as the server projects, from {@link SYNTHETIC_CURVES}. Never a figure the
 * server shows.
 */
import type { BudgetOptimizeResponse, BudgetSimulateResponse, ChannelCurve, ResponseCurvesResponse } from '../contract/index.js';
import { projectAllocation, projectSpend, type ChannelSpend, type ResponseCurve } from '../curves.js';
import { SYNTHETIC_CURVES } from './recorded.js';

const HORIZON_DAYS = 30;
/** The channels' range of daily spend "seen" by the synthetic fit, around their typical spend. */
const OBSERVED = { low: 0.4, high: 1.6 };

/** Each channel's curve, with a small deterministic set of draws for the band. */
const CURVES = new Map<string, ResponseCurve>(
  SYNTHETIC_CURVES.map((c) => [
    c.channel,
    {
      theta: c.theta,
      K: c.K,
      S: c.S,
      beta: c.beta,
      sigma: c.sigma,
      observed: { low: c.typicalDailySpend * OBSERVED.low, high: c.typicalDailySpend * OBSERVED.high },
      draws: [0.9, 1, 1.1].flatMap((b) => [0.92, 1.08].map((k): [number, number, number] => [c.beta * b, c.K * k, c.S])),
    },
  ]),
);

const currentAllocation = (days: number): ChannelSpend[] =>
  SYNTHETIC_CURVES.map((c) => ({ channel: c.channel, spend: c.typicalDailySpend * days }));
const roi = (revenue: number, spend: number) => (spend > 0 ? (revenue - spend) / spend : null);
const unknownChannel = (channel: string) => ({
  status: 400,
  body: { error: { code: 'invalid_body', message: `unknown channel ${JSON.stringify(channel)}`, details: { fields: ['allocations'] } } },
});

export function syntheticCurves(days = HORIZON_DAYS): ResponseCurvesResponse {
  const channels = SYNTHETIC_CURVES.map((c): ChannelCurve => {
    const curve = CURVES.get(c.channel)!;
    const max = c.typicalDailySpend * days * 3;
    return {
      channel: c.channel,
      curve,
      currentDailySpend: c.typicalDailySpend,
      currentSpend: c.typicalDailySpend * days,
      fit: { usableDays: 180, reconstructedDays: 0, excludedDays: 0, thetaSource: 'shares', holdout: null },
      sufficiency: { level: 'full', parameters: 4, rowsPerParameter: 45, fixed: [], maxMovePct: null },
      points: Array.from({ length: 41 }, (_, i) => {
        const p = projectSpend(curve, (max * i) / 40, days);
        return { spend: p.spend, projectedRevenue: p.revenue, low: p.low, high: p.high, marginalRoi: p.marginalRevenue - 1, extrapolated: p.extrapolated };
      }),
    };
  });
  return { days, window: null, weekday: [1, 1, 1, 1, 1, 1, 1], channels, notes: ['Synthetic curves (fake transport).'], dataVersion: 1 };
}

/** Projects `allocation` against the current one, as `POST /api/budget-simulate` does. */
function project(allocation: ChannelSpend[], days: number) {
  const current = currentAllocation(days);
  const next = projectAllocation(CURVES, allocation, days);
  const base = projectAllocation(CURVES, current, days);
  const channels = next.channels.map((p, i) => ({
    channel: p.channel,
    currentSpend: current[i]!.spend,
    spend: p.spend,
    projectedRevenue: p.revenue,
    low: p.low,
    high: p.high,
    projectedRoi: roi(p.revenue, p.spend),
    marginalRoi: p.marginalRevenue - 1,
    extrapolated: p.extrapolated,
  }));
  return { next, base, channels };
}

export function syntheticSimulate(body: { allocations?: ChannelSpend[]; days?: number }): { status: number; body: unknown } {
  const days = body.days ?? HORIZON_DAYS;
  const given = new Map((body.allocations ?? []).map((a) => [a.channel, a.spend]));
  const unknown = [...given.keys()].find((ch) => !CURVES.has(ch));
  if (unknown !== undefined) return unknownChannel(unknown);
  const allocation = currentAllocation(days).map((c) => ({ channel: c.channel, spend: given.get(c.channel) ?? c.spend }));
  const { next, base, channels } = project(allocation, days);
  const roiNext = roi(next.total.revenue, next.total.spend);
  const roiBase = roi(base.total.revenue, base.total.spend);
  const answer: BudgetSimulateResponse = {
    days,
    channels,
    totals: {
      spend: next.total.spend,
      projectedRevenue: next.total.revenue,
      low: next.total.low,
      high: next.total.high,
      projectedRoi: roiNext,
      currentSpend: base.total.spend,
      currentRevenue: base.total.revenue,
      currentRoi: roiBase,
      revenueDelta: next.total.revenue - base.total.revenue,
      roiDelta: roiNext === null || roiBase === null ? null : roiNext - roiBase,
    },
    notes: [],
    dataVersion: 1,
  };
  return { status: 200, body: answer };
}

/** Equal marginal revenue by greedy steps of 1 % of the budget: good enough for a fake. */
export function syntheticOptimize(body: { totalBudget?: number; days?: number }): { status: number; body: unknown } {
  const days = body.days ?? HORIZON_DAYS;
  const current = currentAllocation(days);
  const total = body.totalBudget ?? current.reduce((n, c) => n + c.spend, 0);
  const spend = new Map(current.map((c) => [c.channel, 0]));
  const step = total / 100;
  for (let i = 0; i < 100; i++) {
    const gain = (ch: string) => projectSpend(CURVES.get(ch)!, spend.get(ch)! + step, days).revenue - projectSpend(CURVES.get(ch)!, spend.get(ch)!, days).revenue;
    const best = [...spend.keys()].reduce((a, b) => (gain(b) > gain(a) ? b : a));
    spend.set(best, spend.get(best)! + step);
  }
  const { next, base, channels } = project([...spend].map(([channel, s]) => ({ channel, spend: s })), days);
  const roiNext = roi(next.total.revenue, next.total.spend);
  const roiBase = roi(base.total.revenue, base.total.spend);
  const answer: BudgetOptimizeResponse = {
    days,
    objective: 'revenue',
    method: 'greedy',
    totalBudget: total,
    allocations: channels.map((c) => ({
      ...c,
      change: c.spend - c.currentSpend,
      changePct: c.currentSpend > 0 ? (100 * (c.spend - c.currentSpend)) / c.currentSpend : null,
      bound: null,
    })),
    marginalRoi: null,
    projection: { spend: next.total.spend, projectedRevenue: next.total.revenue, low: next.total.low, high: next.total.high, projectedRoi: roiNext, unspent: 0 },
    current: { spend: base.total.spend, projectedRevenue: base.total.revenue, projectedRoi: roiBase },
    lift: {
      revenue: next.total.revenue - base.total.revenue,
      revenuePct: base.total.revenue > 0 ? (100 * (next.total.revenue - base.total.revenue)) / base.total.revenue : null,
      profit: next.total.revenue - next.total.spend - (base.total.revenue - base.total.spend),
      roiDelta: roiNext === null || roiBase === null ? null : roiNext - roiBase,
    },
    target: null,
    recommendation: 'Synthetic optimum: spend follows the steepest synthetic curves.',
    notes: [],
    dataVersion: 1,
  };
  return { status: 200, body: answer };
}
