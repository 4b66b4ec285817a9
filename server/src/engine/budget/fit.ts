/**
 * Fits each channel's response curve from its daily spend and revenue (see `@retailmind/sdk`'s
 * `curves.ts` for the model): revenue = β · hill(adstock; K, S) · weekday, with lognormal noise.
 *
 * 1. Carry-over θ from the campaigns' shares: within a channel, a campaign's share of the revenue
 *    follows its share of the adstocked spend, so the θ whose adstock shares best match the revenue
 *    shares is the channel's. This uses every campaign-day and is nearly free of the channel's noise.
 *    A channel with a single campaign has no shares; its θ is profiled with the curve instead.
 * 2. Days: a campaign-day whose revenue the engine found anomalous is rebuilt from the channel's
 *    other campaigns that day (their revenue over their adstock share); without enough of them
 *    the channel-day is left out. Spend spikes count at their expected spend (series.ts).
 * 3. The curve: least squares on log revenue with weak priors (maximum a posteriori), because 30–60
 *    days of a channel spending around one level cannot pin a saturation curve down on their own:
 *    S ~ N(1.5, 0.6) in [0.5, 4] (mildly S-shaped), log(K / typical spend) ~ N(0, 0.8) in [−4, 4]
 *    (half-saturation within a factor of a few of what the channel spends). log β and the weekday
 *    effects are solved exactly for each (K, S). The weekday effects are shared by the channels
 *    (6 parameters over every channel-day), alternating with the curves three times.
 * 4. Data sufficiency: about ten usable days per parameter (θ, β, K, S). With fewer, the shape is
 *    fixed at the prior's centre, then the half-saturation too, then only the level is fitted (θ
 *    from the shares, or the other channels' median), and the optimizer may move the channel less
 *    (`maxMovePct`).
 * 5. Uncertainty: 40 draws, each a refit on the days resampled with replacement under priors
 *    whose centres are drawn from the priors (a randomised-prior bootstrap: honest where the data
 *    says little, because there the prior's own spread comes through). Fixed parameters are drawn
 *    from their priors.
 * 6. Quality: refitted without the last 14 days, scored on them (R², MAPE of channel revenue).
 */
import { adstock, hill, type CurveDraw, type ResponseCurve } from '@retailmind/sdk';
import { goldenSection, nelderMead } from './nelder-mead.js';
import { Random } from './random.js';
import type { ChannelDays, DayGrid } from './series.js';

export const PRIOR = { S: { mean: 1.5, sd: 0.6, min: 0.5, max: 4 }, logK: { mean: 0, sd: 0.8, min: -4, max: 4 } } as const;
/** Usable days per parameter below which a parameter is fixed (the usual rule of thumb). */
export const ROWS_PER_PARAMETER = 10;
export const DRAWS = 40;
export const HOLDOUT_DAYS = 14;
/** Days of current spend behind "current allocation". */
export const CURRENT_DAYS = 30;
/** A campaign-day's revenue is rebuilt from the others when they hold at least this share of the channel's adstock. */
const MIN_GOOD_SHARE = 0.3;
/** Grid days skipped at the start, while an adstock that started from a guess settles. */
const SETTLE_DAYS = 3;
const WEEKDAY_PASSES = 3;

export type SufficiencyLevel = 'full' | 'shape-fixed' | 'level-only' | 'minimal';
/** Where a channel's θ came from: its campaigns' revenue shares, a profile of the curve fit, or the other channels' median. */
export type ThetaSource = 'shares' | 'profile' | 'pooled';

interface Level {
  level: SufficiencyLevel;
  parameters: number;
  fixed: string[];
  /** Largest move (%) of the channel's spend the optimizer may make; null: no limit. */
  maxMovePct: number | null;
}

const LEVELS: Level[] = [
  { level: 'full', parameters: 4, fixed: [], maxMovePct: null },
  { level: 'shape-fixed', parameters: 3, fixed: ['S'], maxMovePct: 50 },
  { level: 'level-only', parameters: 2, fixed: ['S', 'K'], maxMovePct: 25 },
  { level: 'minimal', parameters: 1, fixed: ['S', 'K'], maxMovePct: 10 },
];

/** The most complete model the usable days support, or null below ten days. */
export function sufficiency(usableDays: number): Level | null {
  return LEVELS.find((l) => usableDays >= ROWS_PER_PARAMETER * l.parameters) ?? null;
}

export interface ChannelFit {
  channel: string;
  curve: ResponseCurve;
  level: SufficiencyLevel;
  /** Parameters not fitted to this channel's days: at the prior's centre, or θ pooled from the other channels. */
  fixed: string[];
  thetaSource: ThetaSource;
  parameters: number;
  usableDays: number;
  reconstructedDays: number;
  excludedDays: number;
  maxMovePct: number | null;
  /** Mean daily spend over the latest `CURRENT_DAYS` days of the grid. */
  currentDailySpend: number;
  holdout: { from: string; to: string; days: number; r2: number | null; mape: number | null } | null;
}

export interface BudgetModel {
  fitted: ChannelFit[];
  /** Channels with spend or revenue but fewer than ten usable days. */
  unfitted: Array<{ channel: string; usableDays: number; currentDailySpend: number }>;
  /** Weekday multipliers, Monday first, mean 1 (all 1 when there were too few days to estimate them). */
  weekday: number[];
  weekdayEstimated: boolean;
  /** The fit's days (grid indices `fitStart..end`). */
  window: { from: string; to: string; days: number };
}

/** One channel's series for a given θ: adstock, revenue (anomalous days rebuilt) and which days count. */
interface Prepared {
  adstock: Float64Array;
  revenue: Float64Array;
  usable: Uint8Array;
  reconstructed: Uint8Array;
  usableDays: number;
  reconstructedDays: number;
  excludedDays: number;
}

function campaignAdstocks(ch: ChannelDays, theta: number, end: number): Float64Array[] {
  return ch.campaigns.map((c) => {
    let initial = 0;
    if (c.warm) {
      let s = 0;
      let n = 0;
      for (let i = 0; i < Math.min(7, end + 1); i++) if (c.spend[i]! > 0) (s += c.spend[i]!), n++;
      initial = n ? s / n : 0;
    }
    return adstock(c.spend.subarray(0, end + 1), theta, initial);
  });
}

function prepare(ch: ChannelDays, theta: number, start: number, end: number): Prepared {
  const adstocks = campaignAdstocks(ch, theta, end);
  const total = new Float64Array(end + 1);
  for (const a of adstocks) for (let i = 0; i <= end; i++) total[i] = total[i]! + a[i]!;
  const revenue = new Float64Array(end + 1);
  const usable = new Uint8Array(end + 1);
  const reconstructed = new Uint8Array(end + 1);
  let usableDays = 0;
  let reconstructedDays = 0;
  let excludedDays = 0;
  for (let i = start; i <= end; i++) {
    let all = 0;
    let good = 0;
    let goodAdstock = 0;
    let bad = false;
    for (let c = 0; c < ch.campaigns.length; c++) {
      const camp = ch.campaigns[c]!;
      all += camp.revenue[i]!;
      if (camp.revenueAnomalous[i]) bad = true;
      else {
        good += camp.revenue[i]!;
        goodAdstock += adstocks[c]![i]!;
      }
    }
    if (!(total[i]! > 0)) continue;
    if (bad) {
      const share = goodAdstock / total[i]!;
      if (share >= MIN_GOOD_SHARE && good > 0) {
        revenue[i] = good / share;
        reconstructed[i] = 1;
        reconstructedDays++;
      } else {
        excludedDays++;
        continue;
      }
    } else revenue[i] = all;
    if (revenue[i]! > 0) {
      usable[i] = 1;
      usableDays++;
    } else excludedDays++;
  }
  return { adstock: total, revenue, usable, reconstructed, usableDays, reconstructedDays, excludedDays };
}

/**
 * θ from the campaigns' shares of the channel's revenue against their shares of its adstock, over
 * days with no anomalous campaign. Null when the shares cannot tell (fewer than two campaigns with
 * spend, or a flat criterion).
 */
export function thetaFromShares(ch: ChannelDays, start: number, end: number): number | null {
  const spending = ch.campaigns.filter((c) => c.spend.subarray(start, end + 1).some((v) => v > 0));
  if (spending.length < 2) return null;
  const days: number[] = [];
  for (let i = start; i <= end; i++) {
    let r = 0;
    let bad = false;
    for (const c of ch.campaigns) {
      r += c.revenue[i]!;
      if (c.revenueAnomalous[i]) bad = true;
    }
    if (!bad && r > 0) days.push(i);
  }
  if (days.length < 5) return null;
  const criterion = (theta: number) => {
    const adstocks = campaignAdstocks(ch, theta, end);
    let sse = 0;
    for (const i of days) {
      let a = 0;
      let r = 0;
      for (let c = 0; c < ch.campaigns.length; c++) {
        a += adstocks[c]![i]!;
        r += ch.campaigns[c]!.revenue[i]!;
      }
      if (!(a > 0)) continue;
      for (let c = 0; c < ch.campaigns.length; c++) {
        const d = adstocks[c]![i]! / a - ch.campaigns[c]!.revenue[i]! / r;
        sse += d * d;
      }
    }
    return sse;
  };
  let best = 0;
  let bestValue = Infinity;
  let worstValue = -Infinity;
  for (let k = 0; k <= 18; k++) {
    const v = criterion(k * 0.05);
    if (v < bestValue) (bestValue = v), (best = k * 0.05);
    worstValue = Math.max(worstValue, v);
  }
  if (!(worstValue - bestValue > 1e-6 * Math.max(1e-12, worstValue))) return null;
  return goldenSection(criterion, Math.max(0, best - 0.05), Math.min(0.9, best + 0.05), 1e-4).x;
}

// ---- the curve, given θ and the weekday effects --------------------------------------------------

/** The data of one curve fit: log adstock, log revenue less the weekday effect, and each day's weight. */
interface CurveData {
  logA: Float64Array;
  y: Float64Array;
  weight: Float64Array;
  /** log of the typical (geometric mean) adstock: K's prior is centred on it. */
  logCenter: number;
}

interface Prior {
  S: number;
  logK: number;
}

interface CurvePoint {
  logK: number;
  S: number;
  logBeta: number;
  sse: number;
}

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** For (u = log K − logCenter, S): log β solved exactly, and the weighted sum of squares. */
function evaluate(data: CurveData, u: number, S: number): CurvePoint {
  const { logA, y, weight, logCenter } = data;
  const logK = u + logCenter;
  let sw = 0;
  let sr = 0;
  let srr = 0;
  for (let i = 0; i < logA.length; i++) {
    const w = weight[i]!;
    if (w === 0) continue;
    const r = y[i]! + softplus(S * (logK - logA[i]!));
    sw += w;
    sr += w * r;
    srr += w * r * r;
  }
  const logBeta = sw > 0 ? sr / sw : 0;
  return { logK, S, logBeta, sse: Math.max(0, srr - (sw > 0 ? (sr * sr) / sw : 0)) };
}

function penalty(u: number, S: number, prior: Prior): number {
  const a = (S - prior.S) / PRIOR.S.sd;
  const b = (u - prior.logK) / PRIOR.logK.sd;
  return 0.5 * (a * a + b * b);
}

/**
 * The maximum-a-posteriori curve for the free parameters of `level` (fixed ones sit at the
 * prior's centre). `start` skips the coarse grid (the bootstrap starts from the point estimate).
 */
function fitCurve(data: CurveData, level: Level, s2: number, prior: Prior, start?: { u: number; S: number }): CurvePoint {
  const clampS = (S: number) => Math.min(PRIOR.S.max, Math.max(PRIOR.S.min, S));
  const clampU = (u: number) => Math.min(PRIOR.logK.max, Math.max(PRIOR.logK.min, u));
  const objective = (u: number, S: number) => evaluate(data, u, S).sse / (2 * s2) + penalty(u, S, prior);
  const fixS = level.fixed.includes('S');
  const fixK = level.fixed.includes('K');
  if (fixS && fixK) return evaluate(data, clampU(prior.logK), clampS(prior.S));
  if (fixS) {
    const S = clampS(prior.S);
    let u0 = start?.u ?? 0;
    if (!start) {
      let best = Infinity;
      for (let k = 0; k <= 16; k++) {
        const u = -4 + 0.5 * k;
        const v = objective(u, S);
        if (v < best) (best = v), (u0 = u);
      }
    }
    const u = goldenSection((v) => objective(v, S), clampU(u0 - 0.6), clampU(u0 + 0.6), 1e-5).x;
    return evaluate(data, u, S);
  }
  let u0 = start?.u ?? 0;
  let S0 = start?.S ?? PRIOR.S.mean;
  if (!start) {
    let best = Infinity;
    for (let i = 0; i <= 10; i++)
      for (let j = 0; j <= 7; j++) {
        const u = -2.5 + 0.5 * i;
        const S = 0.6 + 0.4 * j;
        const v = objective(u, S);
        if (v < best) (best = v), (u0 = u), (S0 = S);
      }
  }
  const result = nelderMead((p) => objective(p[0]!, p[1]!), [u0, S0], {
    lower: [PRIOR.logK.min, PRIOR.S.min],
    upper: [PRIOR.logK.max, PRIOR.S.max],
    step: [start ? 0.15 : 0.3, start ? 0.15 : 0.3],
    maxEvaluations: start ? 150 : 400,
    tolerance: 1e-9,
  });
  return evaluate(data, result.x[0]!, result.x[1]!);
}

// ---- one channel, then all of them ---------------------------------------------------------------

interface ChannelState {
  ch: ChannelDays;
  level: Level;
  theta: number;
  thetaSource: ThetaSource;
  prepared: Prepared;
  data: CurveData;
  point: CurvePoint;
  s2: number;
}

function curveData(p: Prepared, logWeekday: Float64Array, weekday: Uint8Array): CurveData {
  const n = p.usableDays;
  const logA = new Float64Array(n);
  const y = new Float64Array(n);
  const weight = new Float64Array(n).fill(1);
  let k = 0;
  let sum = 0;
  for (let i = 0; i < p.usable.length; i++) {
    if (!p.usable[i]) continue;
    logA[k] = Math.log(p.adstock[i]!);
    y[k] = Math.log(p.revenue[i]!) - logWeekday[weekday[i]!]!;
    sum += logA[k]!;
    k++;
  }
  return { logA, y, weight, logCenter: n ? sum / n : 0 };
}

const CENTRE: Prior = { S: PRIOR.S.mean, logK: PRIOR.logK.mean };

/** Fits the curve twice: the first pass estimates the noise that weighs the data against the prior. */
function fitWithNoise(data: CurveData, level: Level): { point: CurvePoint; s2: number } {
  const free = 1 + (level.fixed.includes('S') ? 0 : 1) + (level.fixed.includes('K') ? 0 : 1);
  const n = data.logA.length;
  let s2 = 0.02;
  let point = fitCurve(data, level, s2, CENTRE);
  s2 = Math.max(1e-4, point.sse / Math.max(1, n - free));
  point = fitCurve(data, level, s2, CENTRE);
  s2 = Math.max(1e-4, point.sse / Math.max(1, n - free));
  return { point, s2 };
}

export interface FitInput {
  grid: DayGrid;
  channels: ChannelDays[];
  /** First grid day the fit may use (earlier days only build up the adstock). */
  fitStart: number;
  /** Leave out the bootstrap draws and the holdout (the holdout's own refit does). */
  quick?: boolean;
  draws?: number;
}

/** Fits every channel on grid days `fitStart..end`. */
function fitChannels(input: FitInput, end: number): { states: ChannelState[]; unfitted: BudgetModel['unfitted']; logWeekday: Float64Array; weekdayEstimated: boolean } {
  const { grid, channels } = input;
  const start = Math.min(end, Math.max(input.fitStart, SETTLE_DAYS));
  const states: ChannelState[] = [];
  const unfitted: BudgetModel['unfitted'] = [];
  const pending: Array<{ ch: ChannelDays; theta: number | null }> = [];
  for (const ch of channels) pending.push({ ch, theta: thetaFromShares(ch, start, end) });
  const knownThetas = pending.map((p) => p.theta).filter((t): t is number => t !== null).sort((a, b) => a - b);
  const pooledTheta = knownThetas.length ? knownThetas[knownThetas.length >> 1]! : 0.3;
  let logWeekday: Float64Array = new Float64Array(7);

  for (const { ch, theta: shareTheta } of pending) {
    // θ for the count of usable days; a channel without share information is profiled below.
    let theta = shareTheta ?? pooledTheta;
    let prepared = prepare(ch, theta, start, end);
    const level = sufficiency(prepared.usableDays);
    if (!level) {
      unfitted.push({ channel: ch.channel, usableDays: prepared.usableDays, currentDailySpend: currentDailySpend(ch, end) });
      continue;
    }
    let thetaSource: ThetaSource = shareTheta === null ? 'pooled' : 'shares';
    if (shareTheta === null && !level.fixed.includes('theta')) {
      thetaSource = 'profile';
      let best = Infinity;
      for (let k = 0; k <= 17; k++) {
        const t = k * 0.05;
        const p = prepare(ch, t, start, end);
        if (!sufficiency(p.usableDays)) continue;
        const { point, s2 } = fitWithNoise(curveData(p, logWeekday, grid.weekday), level);
        const v = point.sse / (2 * s2) - p.usableDays * 0.5 * Math.log(1 / s2);
        if (v < best) (best = v), (theta = t), (prepared = p);
      }
    }
    const data = curveData(prepared, logWeekday, grid.weekday);
    const { point, s2 } = fitWithNoise(data, level);
    states.push({ ch, level, theta, thetaSource, prepared, data, point, s2 });
  }

  // Weekday effects shared by the channels, alternating with the curves.
  const channelDays = states.reduce((n, s) => n + s.prepared.usableDays, 0);
  const parameters = 6 + states.reduce((n, s) => n + s.level.parameters, 0);
  const weekdayEstimated = channelDays >= ROWS_PER_PARAMETER * parameters;
  if (weekdayEstimated) {
    for (let pass = 0; pass < WEEKDAY_PASSES; pass++) {
      const sum = new Float64Array(7);
      const count = new Float64Array(7);
      for (const s of states) {
        const { adstock: a, revenue, usable } = s.prepared;
        for (let i = 0; i < usable.length; i++) {
          if (!usable[i]) continue;
          const fitted = s.point.logBeta + Math.log(Math.max(1e-300, hill(a[i]!, Math.exp(s.point.logK), s.point.S)));
          sum[grid.weekday[i]!]! += Math.log(revenue[i]!) - fitted - (logWeekday[grid.weekday[i]!] ?? 0);
          count[grid.weekday[i]!]!++;
        }
      }
      const next = new Float64Array(7);
      for (let k = 0; k < 7; k++) next[k] = (logWeekday[k] ?? 0) + (count[k]! > 0 ? sum[k]! / count[k]! : 0);
      const mean = next.reduce((a, b) => a + b, 0) / 7;
      for (let k = 0; k < 7; k++) next[k] = next[k]! - mean;
      logWeekday = next;
      for (const s of states) {
        s.data = curveData(s.prepared, logWeekday, grid.weekday);
        const refit = fitWithNoise(s.data, s.level);
        s.point = refit.point;
        s.s2 = refit.s2;
      }
    }
  }
  return { states, unfitted, logWeekday, weekdayEstimated };
}

function currentDailySpend(ch: ChannelDays, end: number): number {
  const first = Math.max(0, end - CURRENT_DAYS + 1);
  let s = 0;
  for (let i = first; i <= end; i++) s += ch.spend[i]!;
  return s / (end - first + 1);
}

/** Randomised-prior bootstrap draws of one channel's curve, as `[beta, K, S]` with β on the mean-1 weekday scale. */
function bootstrapDraws(s: ChannelState, count: number, betaScale: number): CurveDraw[] {
  const rng = Random.fromString(s.ch.channel, 0x5eed);
  const n = s.data.logA.length;
  const weight = new Float64Array(n);
  const data: CurveData = { ...s.data, weight };
  const draws: CurveDraw[] = [];
  const start = { u: s.point.logK - s.data.logCenter, S: s.point.S };
  for (let b = 0; b < count; b++) {
    weight.fill(0);
    for (let k = 0; k < n; k++) weight[rng.int(n)]!++;
    const prior = { S: PRIOR.S.mean + PRIOR.S.sd * rng.normal(), logK: PRIOR.logK.mean + PRIOR.logK.sd * rng.normal() };
    const p = fitCurve(data, s.level, s.s2, prior, start);
    draws.push([Math.exp(p.logBeta) * betaScale, Math.exp(p.logK), p.S]);
  }
  return draws;
}

function toCurve(s: ChannelState, betaScale: number, draws: CurveDraw[]): ResponseCurve {
  let low = Infinity;
  let high = 0;
  const { adstock: a, usable } = s.prepared;
  for (let i = 0; i < usable.length; i++)
    if (usable[i]) {
      low = Math.min(low, a[i]!);
      high = Math.max(high, a[i]!);
    }
  return {
    theta: s.theta,
    K: Math.exp(s.point.logK),
    S: s.point.S,
    beta: Math.exp(s.point.logBeta) * betaScale,
    sigma: Math.sqrt(s.s2),
    observed: { low: Number.isFinite(low) ? low : 0, high },
    draws,
  };
}

/** Fits every channel with enough data, with bands and the holdout score. */
export function fitBudgetModel(input: FitInput): BudgetModel {
  const { grid } = input;
  const end = grid.days - 1;
  const { states, unfitted, logWeekday, weekdayEstimated } = fitChannels(input, end);
  // Weekday multipliers with an arithmetic mean of 1 (so they average out over a horizon); β absorbs the scale.
  const multipliers = [...logWeekday].map(Math.exp);
  const betaScale = multipliers.reduce((a, b) => a + b, 0) / 7;
  const weekday = multipliers.map((w) => w / betaScale);

  const holdout = input.quick ? null : holdoutScores(input, end);
  const fitted: ChannelFit[] = states.map((s) => ({
    channel: s.ch.channel,
    curve: toCurve(s, betaScale, input.quick ? [] : bootstrapDraws(s, input.draws ?? DRAWS, betaScale)),
    level: s.level.level,
    fixed: s.thetaSource === 'pooled' ? [...s.level.fixed, 'theta'] : s.level.fixed,
    thetaSource: s.thetaSource,
    parameters: s.level.parameters,
    usableDays: s.prepared.usableDays,
    reconstructedDays: s.prepared.reconstructedDays,
    excludedDays: s.prepared.excludedDays,
    maxMovePct: s.level.maxMovePct,
    currentDailySpend: currentDailySpend(s.ch, end),
    holdout: holdout?.get(s.ch.channel) ?? null,
  }));
  const start = Math.min(end, Math.max(input.fitStart, SETTLE_DAYS));
  return {
    fitted,
    unfitted,
    weekday,
    weekdayEstimated,
    window: { from: dateAt(grid, start), to: grid.to, days: end - start + 1 },
  };
}

const dateAt = (grid: DayGrid, i: number) => new Date(Date.parse(`${grid.from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);

/** Refits without the last `HOLDOUT_DAYS` days and scores each channel's daily revenue on them. */
function holdoutScores(input: FitInput, end: number): Map<string, NonNullable<ChannelFit['holdout']>> | null {
  const trainEnd = end - HOLDOUT_DAYS;
  const start = Math.max(input.fitStart, SETTLE_DAYS);
  if (trainEnd - start + 1 < 2 * ROWS_PER_PARAMETER) return null;
  const { states, logWeekday } = fitChannels(input, trainEnd);
  const out = new Map<string, NonNullable<ChannelFit['holdout']>>();
  for (const s of states) {
    // The held-out days' adstock comes from their actual spend, with the training θ.
    const p = prepare(s.ch, s.theta, trainEnd + 1, end);
    const observed: number[] = [];
    const predicted: number[] = [];
    for (let i = trainEnd + 1; i <= end; i++) {
      if (!p.usable[i] || p.reconstructed[i]) continue;
      observed.push(p.revenue[i]!);
      predicted.push(Math.exp(s.point.logBeta + logWeekday[input.grid.weekday[i]!]!) * hill(p.adstock[i]!, Math.exp(s.point.logK), s.point.S));
    }
    const n = observed.length;
    const mean = observed.reduce((a, b) => a + b, 0) / Math.max(1, n);
    let ssRes = 0;
    let ssTot = 0;
    let ape = 0;
    for (let k = 0; k < n; k++) {
      ssRes += (observed[k]! - predicted[k]!) ** 2;
      ssTot += (observed[k]! - mean) ** 2;
      ape += Math.abs(observed[k]! - predicted[k]!) / observed[k]!;
    }
    out.set(s.ch.channel, {
      from: dateAt(input.grid, trainEnd + 1),
      to: input.grid.to,
      days: n,
      r2: n >= 2 && ssTot > 0 ? 1 - ssRes / ssTot : null,
      mape: n ? ape / n : null,
    });
  }
  return out;
}
