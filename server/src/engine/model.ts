import type { FitQuality } from '@retailmind/sdk/contract';
import { MultivariateLinearRegression } from 'ml-regression';
import { addDays } from '../dates.js';
import { mean, median, MAD_TO_SD } from './stats.js';
import { dayNumber, dayNumbersOf, WEEKDAY_NAMES, weekday, weekdayOf, type CampaignSeries, type DayPoint } from './types.js';

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
  /**
   * The coefficients, as `ml-regression` solved them for a kept model (see `ridge`): one per
   * feature, then the intercept. Plain typed arrays, so a trained model crosses to another thread intact.
   */
  weights: Float64Array;
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

/**
 * The model's campaign-days as columns: row k is day `day[k]` of `series[campaign[k]]`. Building
 * them for every carry-over candidate of every channel makes hundreds of thousands of rows at
 * scale; columns keep that to a few typed arrays.
 */
export interface RowTable {
  series: CampaignSeries[];
  length: number;
  campaign: Int32Array;
  day: Int32Array;
  dayNo: Int32Array;
  spend: Float64Array;
  adstock: Float64Array;
  /** Adstocked spend of every campaign of the channel that day. */
  channelAdstock: Float64Array;
  clicks: Float64Array;
  impressions: Float64Array;
  revenue: Float64Array;
  /** The campaign's revenue seven days earlier, for the last-week baseline; NaN where it has no such day. */
  revenueLastWeek: Float64Array;
}

/** One campaign's days as columns, with each day's revenue a week earlier (NaN: no such day). */
interface DayColumns {
  dayNo: Int32Array;
  spend: Float64Array;
  clicks: Float64Array;
  impressions: Float64Array;
  revenue: Float64Array;
  revenueLastWeek: Float64Array;
}

/** `DayColumns` of a days array, built once: the model reads a campaign for every carry-over it tries. */
function columnsOf(days: readonly DayPoint[]): DayColumns {
  let out = dayColumns.get(days);
  if (out) return out;
  const n = days.length;
  const dayNo = dayNumbersOf(days);
  out = {
    dayNo,
    spend: new Float64Array(n),
    clicks: new Float64Array(n),
    impressions: new Float64Array(n),
    revenue: new Float64Array(n),
    revenueLastWeek: new Float64Array(n),
  };
  let weekBefore = 0;
  for (let i = 0; i < n; i++) {
    const d = days[i]!;
    out.spend[i] = d.spend;
    out.clicks[i] = d.clicks;
    out.impressions[i] = d.impressions;
    out.revenue[i] = d.revenue;
    // The day seven days earlier, if there is one (days are in date order).
    while (dayNo[weekBefore]! < dayNo[i]! - 7) weekBefore++;
    out.revenueLastWeek[i] = dayNo[weekBefore] === dayNo[i]! - 7 ? days[weekBefore]!.revenue : Number.NaN;
  }
  dayColumns.set(days, out);
  return out;
}
const dayColumns = new WeakMap<readonly DayPoint[], DayColumns>();

/**
 * Campaign-days with spend between `from` and `to` (day numbers), each with its own and its
 * channel's adstocked spend for carry-over `decay`; the carry-over builds up over every day given.
 */
export function rowTable(series: CampaignSeries[], decay: number, from = -Infinity, to = Infinity): RowTable {
  const columns = series.map((s) => columnsOf(s.days));
  let first = Infinity;
  let last = -Infinity;
  let size = 0;
  for (const { dayNo } of columns) {
    if (dayNo.length === 0) continue;
    first = Math.min(first, dayNo[0]!);
    last = Math.max(last, dayNo[dayNo.length - 1]!);
    size += dayNo.length;
  }
  const span = last >= first ? last - first + 1 : 0;
  // Adstock per campaign-day, and summed per channel and day (an array position per day, no string keys).
  const channelDay = new Map<string, Float64Array>();
  const adstocks = series.map((s, c) => {
    let channel = channelDay.get(s.campaign.channel);
    if (!channel) channelDay.set(s.campaign.channel, (channel = new Float64Array(span)));
    const { dayNo, spend } = columns[c]!;
    // A campaign already running before its first row here starts at its steady state, not at zero.
    let adstock = spend.length > 0 && s.campaign.startDate < s.days[0]!.date ? spend[0]! : 0;
    const out = new Float64Array(spend.length);
    for (let i = 0; i < spend.length; i++) {
      adstock = decay * adstock + (1 - decay) * spend[i]!;
      const at = dayNo[i]! - first;
      channel[at] = channel[at]! + adstock;
      out[i] = adstock;
    }
    return out;
  });
  const t: RowTable = {
    series,
    length: 0,
    campaign: new Int32Array(size),
    day: new Int32Array(size),
    dayNo: new Int32Array(size),
    spend: new Float64Array(size),
    adstock: new Float64Array(size),
    channelAdstock: new Float64Array(size),
    clicks: new Float64Array(size),
    impressions: new Float64Array(size),
    revenue: new Float64Array(size),
    revenueLastWeek: new Float64Array(size),
  };
  let n = 0;
  for (let c = 0; c < series.length; c++) {
    const col = columns[c]!;
    const channel = channelDay.get(series[c]!.campaign.channel)!;
    const adstock = adstocks[c]!;
    for (let i = WARMUP_DAYS; i < col.spend.length; i++) {
      const dayNo = col.dayNo[i]!;
      if (col.spend[i]! <= 0 || dayNo < from || dayNo > to) continue;
      t.campaign[n] = c;
      t.day[n] = i;
      t.dayNo[n] = dayNo;
      t.spend[n] = col.spend[i]!;
      t.adstock[n] = adstock[i]!;
      t.channelAdstock[n] = channel[dayNo - first]!;
      t.clicks[n] = col.clicks[i]!;
      t.impressions[n] = col.impressions[i]!;
      t.revenue[n] = col.revenue[i]!;
      t.revenueLastWeek[n] = col.revenueLastWeek[i]!;
      n++;
    }
  }
  t.length = n;
  return t;
}

/** Row `k` of a table as a `ModelRow`. */
export function rowAt(t: RowTable, k: number): ModelRow {
  const s = t.series[t.campaign[k]!]!;
  const lastWeek = t.revenueLastWeek[k]!;
  return {
    campaignId: s.campaign.id,
    channel: s.campaign.channel,
    date: s.days[t.day[k]!]!.date,
    spend: t.spend[k]!,
    adstock: t.adstock[k]!,
    channelAdstock: t.channelAdstock[k]!,
    clicks: t.clicks[k]!,
    impressions: t.impressions[k]!,
    revenue: t.revenue[k]!,
    revenueLastWeek: Number.isNaN(lastWeek) ? null : lastWeek,
  };
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
  const out = new Float64Array(FEATURES.length);
  featuresInto(out, 0, row.spend, row.adstock, row.channelAdstock, row.clicks, row.impressions, weekday(row.date));
  return Array.from(out);
}

/** `features` of one campaign-day written into `out` from `at`, without allocating. */
function featuresInto(out: Float64Array, at: number, spend: number, adstock: number, channelAdstock: number, clicks: number, impressions: number, wd: number) {
  out[at] = Math.log1p(spend);
  out[at + 1] = Math.log1p(adstock);
  out[at + 2] = Math.log1p(channelAdstock);
  out[at + 3] = Math.log1p(clicks);
  out[at + 4] = Math.log1p(impressions);
  for (let k = 0; k < WEEKDAY_NAMES.length - 1; k++) out[at + 5 + k] = wd === k + 1 ? 1 : 0;
}

/** `features` of row `k` of a table. */
function rowFeaturesInto(out: Float64Array, at: number, t: RowTable, k: number) {
  featuresInto(out, at, t.spend[k]!, t.adstock[k]!, t.channelAdstock[k]!, t.clicks[k]!, t.impressions[k]!, weekdayOf(t.dayNo[k]!));
}

/** Ridge penalty per training row, on standardised features: enough to tame the near-collinear spend, clicks and impressions. */
export const RIDGE = 0.02;

/**
 * Least squares with a ridge penalty on the first `n` rows of `x` (row-major, `FEATURES.length`
 * columns, already scaled). The penalty is the textbook augmentation: one extra row per feature
 * (√λ on that feature, 1 for the intercept, the target's mean as the answer). Least squares needs
 * only the sums A'A and A'y of the augmented rows A (with their column of ones); they are summed
 * here in one pass and factored by Cholesky (A'A = L L', L z = A'y), so what is left is the square
 * system L' w = z: 13 unknowns, not thousands of rows.
 */
function normalEquations(x: Float64Array, y: Float64Array, n: number): { l: Float64Array; z: Float64Array } {
  const k = FEATURES.length;
  const p = k + 1;
  const lambda = RIDGE * n;
  const avg = mean(y.subarray(0, n));
  // The lower triangle of A'A and A'y, row by row: each row is the features, then 1 for the intercept.
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const at = i * k;
    const target = y[i]!;
    for (let r = 0; r < k; r++) {
      const ar = x[at + r]!;
      xty[r] = xty[r]! + ar * target;
      const row = r * p;
      for (let c = 0; c <= r; c++) gram[row + c] = gram[row + c]! + ar * x[at + c]!;
    }
    const row = k * p;
    xty[k] = xty[k]! + target;
    for (let c = 0; c < k; c++) gram[row + c] = gram[row + c]! + x[at + c]!;
    gram[row + k] = gram[row + k]! + 1;
  }
  // The penalty rows: √λ on feature j, 1 for the intercept, the target's mean as the answer.
  const root = Math.sqrt(lambda);
  for (let j = 0; j < k; j++) {
    xty[j] = xty[j]! + root * avg;
    gram[j * p + j] = gram[j * p + j]! + root * root;
    xty[k] = xty[k]! + avg;
    gram[k * p + j] = gram[k * p + j]! + root;
    gram[k * p + k] = gram[k * p + k]! + 1;
  }
  // Cholesky: gram = L L' (lower triangle), then L z = A'y.
  const l = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    for (let c = 0; c <= r; c++) {
      let sum = gram[r * p + c]!;
      for (let m = 0; m < c; m++) sum -= l[r * p + m]! * l[c * p + m]!;
      l[r * p + c] = r === c ? Math.sqrt(Math.max(sum, 1e-300)) : sum / l[c * p + c]!;
    }
  }
  const z = new Float64Array(p);
  for (let r = 0; r < p; r++) {
    let sum = xty[r]!;
    for (let m = 0; m < r; m++) sum -= l[r * p + m]! * z[m]!;
    z[r] = sum / l[r * p + r]!;
  }
  return { l, z };
}

/** The ridge fit a kept model is made of: `ml-regression` solves L' w = z (see `normalEquations`). */
function ridge(x: Float64Array, y: Float64Array, n: number): Float64Array {
  const { l, z } = normalEquations(x, y, n);
  const p = z.length;
  // R = L': row r holds column r of L.
  const r = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, c) => (c >= i ? l[c * p + i]! : 0)));
  const regression = new MultivariateLinearRegression(r, Array.from(z, (v) => [v]), { intercept: false, statistics: false });
  return Float64Array.from(regression.weights, (w) => w[0]!);
}

/**
 * The same coefficients by back-substitution, for the throwaway fits that pick a channel's
 * carry-over (45 of the 54 solves per training): `ml-regression` inverts the 13×13 system by SVD,
 * which cost more than everything else in a retrain, and the live updates wait for retrains.
 */
function ridgeWeights(x: Float64Array, y: Float64Array, n: number): Float64Array {
  const { l, z } = normalEquations(x, y, n);
  const p = z.length;
  const w = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    let sum = z[r]!;
    for (let m = r + 1; m < p; m++) sum -= l[m * p + r]! * w[m]!;
    w[r] = sum / l[r * p + r]!;
  }
  return w;
}

/** The model's log prediction for scaled features `x` from `at`: the intercept, then each coefficient times its feature. */
function predictLog(weights: Float64Array, x: Float64Array, at: number): number {
  const k = FEATURES.length;
  let log = weights[k]!;
  for (let j = 0; j < k; j++) log += weights[j]! * x[at + j]!;
  return log;
}

/** Standardises raw features in place; outside the range seen in training a log-linear model extrapolates wildly, so inputs stay inside it. */
function scaleInto(x: Float64Array, at: number, scaling: FittedModel['scaling']) {
  for (let j = 0; j < scaling.length; j++) {
    const s = scaling[j]!;
    x[at + j] = (Math.min(s.max, Math.max(s.min, x[at + j]!)) - s.mean) / s.sd;
  }
}

/** The standardised design matrix (row-major) and log targets of rows `rows` of `t`, or null when too few. */
function design(t: RowTable, rows: ArrayLike<number>) {
  const k = FEATURES.length;
  const n = rows.length;
  if (n < 3 * (k + 1)) return null;
  const x = new Float64Array(n * k);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    rowFeaturesInto(x, i * k, t, rows[i]!);
    y[i] = Math.log1p(t.revenue[rows[i]!]!);
  }
  const scaling = FEATURES.map((_, j) => {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[i * k + j]!;
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    // Centred, not scaled: the penalty then weighs raw elasticities, so a feature that barely moves
    // in training (a channel's total) cannot earn a huge slope that explodes out of sample.
    return { mean: sum / n, sd: 1, min, max };
  });
  for (let i = 0; i < n; i++) scaleInto(x, i * k, scaling);
  return { x, y, n, scaling };
}

/** Duan's smearing factor of weights `w` over the first `count` rows. */
function smearingOf(w: Float64Array, x: Float64Array, y: Float64Array, count: number): number {
  const k = FEATURES.length;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += Math.exp(y[i]! - predictLog(w, x, i * k));
  return sum / count;
}

/** One fit on rows `rows` of `t`, to score a carry-over candidate (see `trainModel`). */
export function tuningFit(t: RowTable, rows: ArrayLike<number>, decay: number): FittedModel | null {
  const d = design(t, rows);
  if (!d) return null;
  const weights = ridgeWeights(d.x, d.y, d.n);
  return { decay, scaling: d.scaling, weights, smearing: smearingOf(weights, d.x, d.y, d.n) };
}

/** The model kept for use: fitted on rows `rows` of `t`, then again without the rows that first fit finds far off. */
export function fit(t: RowTable, rows: ArrayLike<number>, decay: number): FittedModel | null {
  const d = design(t, rows);
  if (!d) return null;
  const { x, y, n, scaling } = d;
  const k = FEATURES.length;
  const first = ridgeWeights(x, y, n);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = y[i]! - predictLog(first, x, i * k);
  const center = median(residuals);
  const spread = MAD_TO_SD * median(residuals.map((r) => Math.abs(r - center)));
  const near = (i: number) => spread === 0 || Math.abs(residuals[i]! - center) <= TRIM_SD * spread;
  let kept = 0;
  for (let i = 0; i < n; i++) if (near(i)) kept++;
  if (kept >= 3 * (k + 1)) {
    // Keep the rows near the first fit, moved to the front of x and y.
    let at = 0;
    for (let i = 0; i < n; i++) {
      if (!near(i)) continue;
      if (at !== i) {
        x.copyWithin(at * k, i * k, (i + 1) * k);
        y[at] = y[i]!;
      }
      at++;
    }
  } else kept = n; // too few near it to refit on: the fit on every row stands
  const weights = ridge(x, y, kept);
  return { decay, scaling, weights, smearing: smearingOf(weights, x, y, kept) };
}

const predictScratch = new Float64Array(FEATURES.length);

/** Predicted revenue from a campaign-day's raw inputs. */
function predictFrom(model: FittedModel, spend: number, adstock: number, channelAdstock: number, clicks: number, impressions: number, wd: number): number {
  featuresInto(predictScratch, 0, spend, adstock, channelAdstock, clicks, impressions, wd);
  scaleInto(predictScratch, 0, model.scaling);
  return Math.max(0, Math.expm1(predictLog(model.weights, predictScratch, 0)) * model.smearing);
}

export function predictWith(model: FittedModel, row: Parameters<typeof features>[0]): number {
  return predictFrom(model, row.spend, row.adstock, row.channelAdstock, row.clicks, row.impressions, weekday(row.date));
}

/** Predicted revenue of row `k` of a table. */
function predictRow(model: FittedModel, t: RowTable, k: number): number {
  return predictFrom(model, t.spend[k]!, t.adstock[k]!, t.channelAdstock[k]!, t.clicks[k]!, t.impressions[k]!, weekdayOf(t.dayNo[k]!));
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

function thin<T>(rows: ArrayLike<T>, max: number): T[] {
  if (rows.length <= max) return Array.from(rows);
  const step = rows.length / max;
  return Array.from({ length: max }, (_, i) => rows[Math.floor(i * step)]!);
}

/** Indices of a table's rows that pass `keep`, in order. */
function where(t: RowTable, keep: (k: number) => boolean): Int32Array {
  const out = new Int32Array(t.length);
  let n = 0;
  for (let k = 0; k < t.length; k++) if (keep(k)) out[n++] = k;
  return out.subarray(0, n);
}

/**
 * Trains on all but the most recent `HOLDOUT_DAYS` days, scores the holdout against the two naive
 * baselines, then refits on every day for use. Each channel gets its own regression and its own
 * carry-over, picked as the one that predicts the last training week best.
 */
export function trainModel(series: CampaignSeries[], latest: string): ModelReport {
  const empty: ModelReport = { status: 'insufficient-data', decays: {}, features: FEATURES, training: null, holdout: null, beatsBaselines: false, model: null };
  const start = dayNumber(addDays(latest, -(TRAINING_DAYS - 1)));
  const holdoutDate = addDays(latest, -(HOLDOUT_DAYS - 1));
  const holdoutFrom = dayNumber(holdoutDate);
  const tuneFrom = dayNumber(addDays(holdoutDate, -7));
  const end = dayNumber(latest);
  const channels = [...new Set(series.map((s) => s.campaign.channel))].sort();

  const decays: Record<string, number> = {};
  const trained = new Map<string, FittedModel>();
  const final = new Map<string, FittedModel>();
  let trainRows = 0;
  let trainFrom = Infinity;
  // The holdout's rows, channel by channel: actual revenue, the model's prediction, last week's revenue (NaN: none).
  const actual: number[] = [];
  const predicted: number[] = [];
  const lastWeek: number[] = [];
  const testChannel: string[] = [];
  const channelMean = new Map<string, number>();
  for (const channel of channels) {
    const own = series.filter((s) => s.campaign.channel === channel);
    // The carry-over is a property of the channel: a sample of its campaigns shows it as well as all of them.
    const sample = thin(own, MAX_TUNE_CAMPAIGNS);
    let best: { decay: number; error: number } | null = null;
    for (const decay of DECAYS) {
      const t = rowTable(sample, decay, start, end);
      const model = tuningFit(t, thin(where(t, (k) => t.dayNo[k]! < tuneFrom), MAX_TUNE_ROWS), decay);
      const check = thin(where(t, (k) => t.dayNo[k]! >= tuneFrom && t.dayNo[k]! < holdoutFrom && t.revenue[k]! > 0), MAX_TUNE_ROWS);
      if (!model || check.length === 0) continue;
      const error = median(check.map((k) => Math.abs(Math.log1p(predictRow(model, t, k)) - Math.log1p(t.revenue[k]!))));
      if (!best || error < best.error) best = { decay, error };
    }
    if (!best) continue;
    const t = rowTable(own, best.decay, start, end);
    const before = where(t, (k) => t.dayNo[k]! < holdoutFrom);
    const model = fit(t, thin(before, MAX_FIT_ROWS), best.decay);
    const all = fit(t, thin(where(t, () => true), MAX_FIT_ROWS), best.decay);
    if (!model || !all) continue;
    decays[channel] = best.decay;
    trained.set(channel, model);
    final.set(channel, all);
    let sum = 0;
    for (const k of before) {
      sum += t.revenue[k]!;
      trainFrom = Math.min(trainFrom, t.dayNo[k]!);
    }
    channelMean.set(channel, sum / before.length);
    trainRows += before.length;
    for (let k = 0; k < t.length; k++) {
      if (t.dayNo[k]! < holdoutFrom) continue;
      actual.push(t.revenue[k]!);
      predicted.push(predictRow(model, t, k));
      lastWeek.push(t.revenueLastWeek[k]!);
      testChannel.push(channel);
    }
  }
  if (trained.size === 0 || actual.length === 0) return empty;

  const byChannel = testChannel.map((c) => channelMean.get(c)!);
  const modelQ = quality(actual, predicted);
  const channelQ = quality(actual, byChannel);
  // Where a campaign has no day a week earlier the last-week baseline falls back to the channel mean.
  const lastWeekQ = quality(actual, lastWeek.map((r, i) => (Number.isNaN(r) ? byChannel[i]! : r)));
  return {
    status: 'trained',
    decays,
    features: FEATURES,
    training: { from: addDays(latest, trainFrom - end), to: addDays(holdoutDate, -1), rows: trainRows },
    holdout: { from: holdoutDate, to: latest, rows: actual.length, model: modelQ, baselines: { channelMean: channelQ, lastWeek: lastWeekQ } },
    beatsBaselines: [channelQ, lastWeekQ].every((b) => better(modelQ, b)),
    model: { byChannel: final },
  };
}

function better(a: FitQuality, b: FitQuality): boolean {
  if (a.r2 === null || a.mape === null) return false;
  return (b.r2 === null || a.r2 > b.r2) && (b.mape === null || a.mape < b.mape);
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
  // Each campaign's rows in the range: a slice of its channel's table (rows come campaign by campaign).
  const rowsOf = new Map<string, { t: RowTable; fitted: FittedModel; from: number; to: number }>();
  const channels = new Set(series.map((s) => s.campaign.channel));
  for (const channel of channels) {
    const fitted = model.byChannel.get(channel);
    if (!fitted) continue;
    const t = rowTable(
      series.filter((s) => s.campaign.channel === channel),
      fitted.decay,
      dayNumber(range.from),
      dayNumber(range.to),
    );
    for (let k = 0; k < t.length; k++) {
      const id = t.series[t.campaign[k]!]!.campaign.id;
      const slice = rowsOf.get(id);
      if (slice) slice.to = k + 1;
      else rowsOf.set(id, { t, fitted, from: k, to: k + 1 });
    }
  }
  // A campaign's modelled revenue as it is does not depend on the what-if; each is computed once.
  const modelledNow = new Map<string, number>();
  return (campaignId, factor) => {
    const slice = rowsOf.get(campaignId);
    if (!slice) return null;
    const { t, fitted, from, to } = slice;
    let now = modelledNow.get(campaignId);
    if (now === undefined) {
      now = 0;
      for (let k = from; k < to; k++) now += predictRow(fitted, t, k);
      modelledNow.set(campaignId, now);
    }
    let after = 0;
    if (factor > 0) {
      for (let k = from; k < to; k++) {
        const adstock = t.adstock[k]!;
        after += predictFrom(
          fitted,
          t.spend[k]! * factor,
          adstock * factor,
          t.channelAdstock[k]! + adstock * (factor - 1),
          t.clicks[k]! * factor,
          t.impressions[k]! * factor,
          weekdayOf(t.dayNo[k]!),
        );
      }
    }
    return { now, after, days: to - from };
  };
}
