import type { FitQuality } from '@retailmind/sdk/contract';
import { MultivariateLinearRegression } from 'ml-regression';
import { addDays } from '../dates.js';
import { mean, median, MAD_TO_SD } from './stats.js';
import { WEEKDAY_NAMES, weekday, type CampaignSeries } from './types.js';

/**
 * The revenue model: a linear regression (`ml-regression`) of log revenue per campaign-day on
 * log spend, log adstocked spend (earlier days' spend carried into today), log clicks, log
 * impressions, channel and weekday one-hot, and per channel a slope on the campaign's adstocked
 * spend and on the whole channel's (campaigns of one channel share its audience, so the channel's
 * total pressure decides how saturated each campaign's spend is).
 * On the log scale the weekday and the channel act as multipliers and the slopes are
 * elasticities, so diminishing returns (saturation) show as a slope below 1 — which is how
 * spend turns into revenue in media markets and is what a scale or pause decision needs.
 */

/** Carry-over candidates; the one that predicts the last training week best is kept. */
const DECAYS = [0, 0.2, 0.4, 0.6, 0.8];
/** Most recent days kept out of training to measure the model against the baselines. */
export const HOLDOUT_DAYS = 14;
/** Days the model learns from at most: recent behaviour matters, and it bounds the cost at scale. */
export const TRAINING_DAYS = 180;
/** A campaign's first days are left out: their carry-over has not built up yet. */
const WARMUP_DAYS = 7;
/** Rows further than this many robust standard deviations off the first fit are dropped before the second (tracking breaks, bulk orders). */
const TRIM_SD = 3.5;

export interface ModelRow {
  campaignId: string;
  channel: string;
  date: string;
  spend: number;
  adstock: number;
  /** Adstocked spend of every campaign of the channel that day. */
  channelAdstock: number;
  clicks: number;
  impressions: number;
  revenue: number;
  /** The campaign's revenue seven days earlier, for the last-week baseline. */
  revenueLastWeek: number | null;
}

/** One channel's regression. */
export interface FittedModel {
  decay: number;
  /** Per feature: training mean, standard deviation, min and max (inputs are standardised and kept in range). */
  scaling: Array<{ mean: number; sd: number; min: number; max: number }>;
  regression: MultivariateLinearRegression;
  /** Duan's smearing factor: the mean of exp(residual), undoing the log transform's bias. */
  smearing: number;
}

/** A regression per channel: channels differ in carry-over, saturation and weekday pattern. */
export interface RevenueModel {
  byChannel: Map<string, FittedModel>;
}

export interface ModelReport {
  status: 'trained' | 'insufficient-data';
  /** Carry-over per channel. */
  decays: Record<string, number>;
  features: string[];
  training: { from: string; to: string; rows: number } | null;
  holdout: {
    from: string;
    to: string;
    rows: number;
    model: FitQuality;
    baselines: { channelMean: FitQuality; lastWeek: FitQuality };
  } | null;
  beatsBaselines: boolean;
  /** Fitted on every day, holdout included; what recommendations use. */
  model: RevenueModel | null;
}

/** Predicted revenue of a campaign-day, or null when its channel has no model. */
export function predict(model: RevenueModel, row: Parameters<typeof features>[0] & { channel: string }): number | null {
  const m = model.byChannel.get(row.channel);
  return m ? predictWith(m, row) : null;
}

/** Campaign-days with spend, each with its own and its channel's adstocked spend for carry-over `decay`. */
export function modelRows(series: CampaignSeries[], decay: number): ModelRow[] {
  const rows: ModelRow[] = [];
  const channelDay = new Map<string, number>();
  const perCampaign = series.map((s) => {
    // A campaign already running before its first row here starts at its steady state, not at zero.
    const first = s.days[0];
    let adstock = first && s.campaign.startDate < first.date ? first.spend : 0;
    return s.days.map((d) => {
      adstock = decay * adstock + (1 - decay) * d.spend;
      const key = `${s.campaign.channel}\u0000${d.date}`;
      channelDay.set(key, (channelDay.get(key) ?? 0) + adstock);
      return adstock;
    });
  });
  const weekBefore = new Map<string, string>();
  const lastWeek = (date: string) => {
    let d = weekBefore.get(date);
    if (d === undefined) weekBefore.set(date, (d = addDays(date, -7)));
    return d;
  };
  series.forEach((s, c) => {
    const byDate = new Map(s.days.map((d) => [d.date, d.revenue]));
    s.days.forEach((d, i) => {
      if (i < WARMUP_DAYS || d.spend <= 0) return;
      rows.push({
        campaignId: s.campaign.id,
        channel: s.campaign.channel,
        date: d.date,
        spend: d.spend,
        adstock: perCampaign[c]![i]!,
        channelAdstock: channelDay.get(`${s.campaign.channel}\u0000${d.date}`) ?? 0,
        clicks: d.clicks,
        impressions: d.impressions,
        revenue: d.revenue,
        revenueLastWeek: byDate.get(lastWeek(d.date)) ?? null,
      });
    });
  });
  return rows;
}

const FEATURES = [
  'log spend',
  'log adstocked spend',
  "log channel's adstocked spend",
  'log clicks',
  'log impressions',
  ...WEEKDAY_NAMES.slice(1).map((w) => `weekday = ${w}`),
];

/** The feature vector of one campaign-day within its channel's model; Sunday is the reference weekday. */
export function features(row: Pick<ModelRow, 'spend' | 'adstock' | 'channelAdstock' | 'clicks' | 'impressions' | 'date'>): number[] {
  const wd = weekday(row.date);
  return [
    Math.log1p(row.spend),
    Math.log1p(row.adstock),
    Math.log1p(row.channelAdstock),
    Math.log1p(row.clicks),
    Math.log1p(row.impressions),
    ...WEEKDAY_NAMES.slice(1).map((_, k) => (wd === k + 1 ? 1 : 0)),
  ];
}

/** Ridge penalty per training row, on standardised features: enough to tame the near-collinear spend, clicks and impressions. */
const RIDGE = 0.02;

/**
 * Least squares with a ridge penalty, via `ml-regression`: the penalty enters as one extra row per
 * feature (√λ on that feature, the target's mean as the answer), the textbook augmentation.
 */
function ridge(x: number[][], y: number[]): MultivariateLinearRegression {
  const lambda = RIDGE * x.length;
  const k = x[0]?.length ?? 0;
  const avg = mean(y);
  const ax = [...x, ...Array.from({ length: k }, (_, j) => Array.from({ length: k }, (_, i) => (i === j ? Math.sqrt(lambda) : 0)))];
  const ay = [...y, ...Array.from({ length: k }, () => avg)];
  return new MultivariateLinearRegression(ax, ay.map((v) => [v]), { statistics: false });
}

function scale(raw: number[], scaling: FittedModel['scaling']): number[] {
  return raw.map((v, j) => {
    const s = scaling[j]!;
    // Outside the range seen in training a log-linear model extrapolates wildly; stay inside it.
    return (Math.min(s.max, Math.max(s.min, v)) - s.mean) / s.sd;
  });
}

/** Fits on `rows`: once, then (with `trim`) again without the rows the first fit finds far off. */
export function fit(rows: ModelRow[], decay: number, trim = true): FittedModel | null {
  const names = FEATURES;
  if (rows.length < 3 * (names.length + 1)) return null;
  const raw = rows.map((r) => features(r));
  const scaling = names.map((_, j) => {
    const col = raw.map((r) => r[j]!);
    const m = mean(col);
    // Centred, not scaled: the penalty then weighs raw elasticities, so a feature that barely moves
    // in training (a channel's total) cannot earn a huge slope that explodes out of sample.
    return { mean: m, sd: 1, min: Math.min(...col), max: Math.max(...col) };
  });
  const x = raw.map((r) => scale(r, scaling));
  const y = rows.map((r) => Math.log1p(r.revenue));
  const first = ridge(x, y);
  if (!trim) return { decay, scaling, regression: first, smearing: mean(x.map((xi, i) => Math.exp(y[i]! - first.predict(xi)[0]!))) };
  const residuals = x.map((xi, i) => y[i]! - first.predict(xi)[0]!);
  const center = median(residuals);
  const spread = MAD_TO_SD * median(residuals.map((r) => Math.abs(r - center)));
  const keep = residuals.map((r) => spread === 0 || Math.abs(r - center) <= TRIM_SD * spread);
  const x2 = x.filter((_, i) => keep[i]);
  const y2 = y.filter((_, i) => keep[i]);
  const regression = x2.length >= 3 * (names.length + 1) ? ridge(x2, y2) : first;
  const smearing = mean(x2.map((xi, i) => Math.exp(y2[i]! - regression.predict(xi)[0]!)));
  return { decay, scaling, regression, smearing };
}

export function predictWith(model: FittedModel, row: Parameters<typeof features>[0]): number {
  const log = model.regression.predict(scale(features(row), model.scaling))[0]!;
  return Math.max(0, Math.expm1(log) * model.smearing);
}

/** R² and MAPE of predictions against actual revenue (MAPE over rows with revenue > 0). */
export function quality(actual: number[], predicted: number[]): FitQuality {
  if (actual.length === 0) return { r2: null, mape: null };
  const avg = mean(actual);
  let ssRes = 0;
  let ssTot = 0;
  let ape = 0;
  let n = 0;
  actual.forEach((a, i) => {
    const p = predicted[i]!;
    ssRes += (a - p) ** 2;
    ssTot += (a - avg) ** 2;
    if (a > 0) {
      ape += Math.abs(a - p) / a;
      n++;
    }
  });
  return { r2: ssTot > 0 ? round(1 - ssRes / ssTot) : null, mape: n > 0 ? round(ape / n) : null };
}

/** Rows a channel's fit uses at most (12 coefficients need far fewer); a deterministic thinning keeps the cost flat at scale. */
const MAX_FIT_ROWS = 6_000;
/** Campaigns per channel the carry-over is picked on. */
const MAX_TUNE_CAMPAIGNS = 40;
/** Rows each carry-over candidate is tried on. */
const MAX_TUNE_ROWS = 2_000;

function thin<T>(rows: T[], max: number): T[] {
  if (rows.length <= max) return rows;
  const step = rows.length / max;
  return Array.from({ length: max }, (_, i) => rows[Math.floor(i * step)]!);
}

/**
 * Trains on all but the most recent `HOLDOUT_DAYS` days, scores the holdout against the two naive
 * baselines, then refits on every day for use. Each channel gets its own regression and its own
 * carry-over, picked as the one that predicts the last training week best.
 */
export function trainModel(series: CampaignSeries[], latest: string): ModelReport {
  const empty: ModelReport = { status: 'insufficient-data', decays: {}, features: FEATURES, training: null, holdout: null, beatsBaselines: false, model: null };
  const start = addDays(latest, -(TRAINING_DAYS - 1));
  const holdoutFrom = addDays(latest, -(HOLDOUT_DAYS - 1));
  const tuneFrom = addDays(holdoutFrom, -7);
  const channels = [...new Set(series.map((s) => s.campaign.channel))].sort();
  const inWindow = (r: ModelRow) => r.date >= start && r.date <= latest;

  const decays: Record<string, number> = {};
  const trained = new Map<string, FittedModel>();
  const final = new Map<string, FittedModel>();
  const train: ModelRow[] = [];
  const test: ModelRow[] = [];
  for (const channel of channels) {
    const own = series.filter((s) => s.campaign.channel === channel);
    // The carry-over is a property of the channel: a sample of its campaigns shows it as well as all of them.
    const sample = thin(own, MAX_TUNE_CAMPAIGNS);
    let best: { decay: number; error: number } | null = null;
    for (const decay of DECAYS) {
      const rows = modelRows(sample, decay).filter(inWindow);
      const model = fit(thin(rows.filter((r) => r.date < tuneFrom), MAX_TUNE_ROWS), decay, false);
      const check = thin(rows.filter((r) => r.date >= tuneFrom && r.date < holdoutFrom && r.revenue > 0), MAX_TUNE_ROWS);
      if (!model || check.length === 0) continue;
      const error = median(check.map((r) => Math.abs(Math.log1p(predictWith(model, r)) - Math.log1p(r.revenue))));
      if (!best || error < best.error) best = { decay, error };
    }
    if (!best) continue;
    const rows = modelRows(own, best.decay).filter(inWindow);
    const before = rows.filter((r) => r.date < holdoutFrom);
    const model = fit(thin(before, MAX_FIT_ROWS), best.decay);
    const all = fit(thin(rows, MAX_FIT_ROWS), best.decay);
    if (!model || !all) continue;
    decays[channel] = best.decay;
    trained.set(channel, model);
    final.set(channel, all);
    train.push(...before);
    test.push(...rows.filter((r) => r.date >= holdoutFrom));
  }
  if (trained.size === 0 || test.length === 0) return empty;

  const channelMean = new Map<string, number>();
  for (const c of trained.keys()) channelMean.set(c, mean(train.filter((r) => r.channel === c).map((r) => r.revenue)));
  const actual = test.map((r) => r.revenue);
  const byChannel = test.map((r) => channelMean.get(r.channel)!);
  const modelQ = quality(actual, test.map((r) => predictWith(trained.get(r.channel)!, r)));
  const channelQ = quality(actual, byChannel);
  // Where a campaign has no day a week earlier the last-week baseline falls back to the channel mean.
  const lastWeekQ = quality(actual, test.map((r, i) => r.revenueLastWeek ?? byChannel[i]!));
  return {
    status: 'trained',
    decays,
    features: FEATURES,
    training: { from: minDate(train), to: addDays(holdoutFrom, -1), rows: train.length },
    holdout: { from: holdoutFrom, to: latest, rows: test.length, model: modelQ, baselines: { channelMean: channelQ, lastWeek: lastWeekQ } },
    beatsBaselines: [channelQ, lastWeekQ].every((b) => better(modelQ, b)),
    model: { byChannel: final },
  };
}

function better(a: FitQuality, b: FitQuality): boolean {
  if (a.r2 === null || a.mape === null) return false;
  return (b.r2 === null || a.r2 > b.r2) && (b.mape === null || a.mape < b.mape);
}

function minDate(rows: ModelRow[]): string {
  return rows.reduce((m, r) => (r.date < m ? r.date : m), rows[0]!.date);
}

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}

/** Modelled revenue of a campaign over a range now and with its spend scaled by `factor`, or null without a model for it. */
export type ImpactEstimator = (campaignId: string, factor: number) => { now: number; after: number; days: number } | null;

/**
 * What-if on the fitted model: spend, adstocked spend, clicks and impressions scaled together
 * (more budget buys proportionally more delivery), the channel's adstock moved by the campaign's
 * share. Diminishing returns come from the model's elasticities, not from an assumption here.
 */
export function impactEstimator(model: RevenueModel, series: CampaignSeries[], range: { from: string; to: string }): ImpactEstimator {
  const rowsByCampaign = new Map<string, ModelRow[]>();
  const channels = new Set(series.map((s) => s.campaign.channel));
  for (const channel of channels) {
    const fitted = model.byChannel.get(channel);
    if (!fitted) continue;
    const own = series.filter((s) => s.campaign.channel === channel);
    for (const r of modelRows(own, fitted.decay)) {
      if (r.date < range.from || r.date > range.to) continue;
      rowsByCampaign.set(r.campaignId, [...(rowsByCampaign.get(r.campaignId) ?? []), r]);
    }
  }
  return (campaignId, factor) => {
    const rows = rowsByCampaign.get(campaignId);
    if (!rows?.length) return null;
    const fitted = model.byChannel.get(rows[0]!.channel)!;
    let now = 0;
    let after = 0;
    for (const r of rows) {
      now += predictWith(fitted, r);
      if (factor <= 0) continue;
      after += predictWith(fitted, {
        ...r,
        spend: r.spend * factor,
        adstock: r.adstock * factor,
        channelAdstock: r.channelAdstock + r.adstock * (factor - 1),
        clicks: r.clicks * factor,
        impressions: r.impressions * factor,
      });
    }
    return { now, after, days: rows.length };
  };
}
