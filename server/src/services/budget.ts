import {
  DEFAULT_BUDGET_DAYS,
  type BudgetOptimizeBody,
  type BudgetOptimizeResponse,
  type BudgetSimulateBody,
  type BudgetSimulateResponse,
  type ChannelCurve,
  type OptimizedChannel,
  type ResponseCurvesResponse,
} from '@retailmind/sdk/contract';
import { projectAllocation, projectSpend, type AllocationProjection, type ResponseCurve } from '@retailmind/sdk';
import type { z } from 'zod';
import { addDays, daysBetween } from '../dates.js';
import { CURRENT_DAYS, fitBudgetModel, ROWS_PER_PARAMETER, type BudgetModel, type ChannelFit } from '../engine/budget/fit.js';
import { allocate, allocateAtMarginal, type Bounded } from '../engine/budget/optimize.js';
import { recommendationSentence } from '../engine/budget/sentence.js';
import { channelDays, dayGrid } from '../engine/budget/series.js';
import { count } from '../engine/format.js';
import { ApiError } from '../http/errors.js';
import * as m from '../metrics/index.js';
import type { Store } from '../store/store.js';
import { loadSeries } from './engine-input.js';
import { engineFor, type DecisionEngine } from './engine.js';

/** Days of data the curves are fitted on (the latest), and the days before them that only build up the adstock. */
export const FIT_DAYS = 180;
const BURN_IN_DAYS = 28;
/** Points sampled along each curve for `GET /api/response-curves`. */
const CURVE_POINTS = 41;

/** The bodies as the routes hand them over: validated by the contract's schemas. */
export type SimulateInput = z.output<typeof BudgetSimulateBody>;
export type OptimizeInput = z.output<typeof BudgetOptimizeBody>;

/** The fitted curves at one (data version, thresholds version): the thresholds decide which days are anomalous. */
export interface FittedBudget {
  dataVersion: number;
  model: BudgetModel | null;
  fits: Map<string, ChannelFit>;
  curves: Map<string, ResponseCurve>;
  /** Channels in the data without enough usable days for a curve. */
  unfitted: Map<string, { usableDays: number }>;
  notes: string[];
  /** How long the fit took (anomaly detection over the window included), in ms. */
  fitMs: number;
  /** `GET /api/response-curves` answers by horizon, computed once per fit. */
  answers: Map<number, ResponseCurvesResponse>;
}

const money = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
const ratio4 = (v: number | null) => (v === null ? null : round4(v));

/** A channel's projected figures as both budget answers give them, beside its current spend. */
function channelFigures(p: AllocationProjection['channels'][number], currentSpend: number) {
  return {
    channel: p.channel,
    currentSpend: money(currentSpend),
    spend: money(p.spend),
    projectedRevenue: money(p.revenue),
    low: money(p.low),
    high: money(p.high),
    projectedRoi: ratio4(m.roi(p.revenue, p.spend)),
    marginalRoi: round4(m.marginalRoi(p.marginalRevenue)),
    extrapolated: p.extrapolated,
  };
}

/** The note for channels whose new spend lies beyond anything they have run at. */
function extrapolationNote(channels: ReadonlyArray<{ channel: string; extrapolated: boolean }>): string[] {
  const beyond = channels.filter((c) => c.extrapolated).map((c) => c.channel);
  return beyond.length ? [`Extrapolated beyond any daily spend the channel has run at: ${beyond.join(', ')}; their bands are wider.`] : [];
}
/** Curve parameters rounded once, at fit time, so what the browser receives is what the server projects with. */
const sig = (v: number) => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(8)));

function fieldError(field: string, message: string): ApiError {
  return new ApiError(400, 'invalid_json', `body field \`${field}\`: ${message}`, { fields: [{ field, message }] });
}

/**
 * The budget simulator and optimizer as a service: fits every channel's response curve from the
 * store (anomalies from the decision engine left out or rebuilt), caches the fit per data and
 * thresholds version, and answers projections and optimizations from it.
 */
export class BudgetService {
  private cache: { key: string; value: Promise<FittedBudget> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly engine: DecisionEngine,
  ) {}

  /** The curves for the current data; fitted once per data (and thresholds) version, concurrent callers share the work. */
  async fitted(): Promise<FittedBudget> {
    const v = await this.engine.versions();
    const key = `${v.data}|${v.thresholds}`;
    if (this.cache?.key === key) return this.cache.value;
    const value = this.fit(v.data);
    this.cache = { key, value };
    value.catch(() => {
      if (this.cache?.value === value) this.cache = null;
    });
    return value;
  }

  private async fit(dataVersion: number): Promise<FittedBudget> {
    const t0 = performance.now();
    const dims = await this.store.dimensions();
    const empty: FittedBudget = { dataVersion, model: null, fits: new Map(), curves: new Map(), unfitted: new Map(), notes: [], fitMs: 0, answers: new Map() };
    if (!dims.minDate || !dims.maxDate) return { ...empty, notes: ['No data yet: nothing to fit a response curve to.'] };
    const to = dims.maxDate;
    const fitFrom = maxDate(dims.minDate, addDays(to, -(FIT_DAYS - 1)));
    const from = maxDate(dims.minDate, addDays(fitFrom, -BURN_IN_DAYS));
    const [series, anomalies] = await Promise.all([loadSeries(this.store.db, { from, to }), this.engine.anomaliesIn({ from, to })]);
    const grid = dayGrid(from, to);
    const channels = channelDays(series, anomalies, grid);
    const model = fitBudgetModel({ grid, channels, fitStart: daysBetween(from, fitFrom) });
    for (const f of model.fitted) {
      const c = f.curve;
      f.curve = {
        theta: sig(c.theta),
        K: sig(c.K),
        S: sig(c.S),
        beta: sig(c.beta),
        sigma: sig(c.sigma),
        observed: { low: sig(c.observed.low), high: sig(c.observed.high) },
        draws: c.draws.map(([b, K, S]) => [sig(b), sig(K), sig(S)] as const),
      };
    }
    const fits = new Map(model.fitted.map((f) => [f.channel, f]));
    const notes = describeFit(model, channels);
    return {
      dataVersion,
      model,
      fits,
      curves: new Map(model.fitted.map((f) => [f.channel, f.curve])),
      unfitted: new Map(model.unfitted.map((u) => [u.channel, { usableDays: u.usableDays }])),
      notes,
      fitMs: performance.now() - t0,
      answers: new Map(),
    };
  }

  async responseCurves(query: { days?: number | undefined }): Promise<ResponseCurvesResponse> {
    const f = await this.fitted();
    const days = query.days ?? DEFAULT_BUDGET_DAYS;
    let answer = f.answers.get(days);
    if (!answer) f.answers.set(days, (answer = this.describeCurves(f, days)));
    return answer;
  }

  private describeCurves(f: FittedBudget, days: number): ResponseCurvesResponse {
    const channels: ChannelCurve[] = [...f.fits.values()].map((fit) => {
      const curve = fit.curve;
      const top = Math.max(3 * fit.currentDailySpend, 1.5 * curve.observed.high, curve.K) * days;
      const points = Array.from({ length: CURVE_POINTS }, (_, k) => {
        const p = projectSpend(curve, (top * k) / (CURVE_POINTS - 1), days);
        return {
          spend: money(p.spend),
          projectedRevenue: money(p.revenue),
          low: money(p.low),
          high: money(p.high),
          marginalRoi: round4(m.marginalRoi(p.marginalRevenue)),
          extrapolated: p.extrapolated,
        };
      });
      return {
        channel: fit.channel,
        curve,
        currentDailySpend: money(fit.currentDailySpend),
        currentSpend: money(fit.currentDailySpend * days),
        fit: {
          usableDays: fit.usableDays,
          reconstructedDays: fit.reconstructedDays,
          excludedDays: fit.excludedDays,
          thetaSource: fit.thetaSource,
          holdout: fit.holdout && { ...fit.holdout, r2: ratio4(fit.holdout.r2), mape: ratio4(fit.holdout.mape) },
        },
        sufficiency: {
          level: fit.level,
          parameters: fit.parameters,
          rowsPerParameter: round4(fit.usableDays / fit.parameters),
          fixed: fit.fixed,
          maxMovePct: fit.maxMovePct,
        },
        points,
      };
    });
    return {
      days,
      window: f.model?.window ?? null,
      weekday: (f.model?.weekday ?? [1, 1, 1, 1, 1, 1, 1]).map(round4),
      channels,
      notes: f.notes,
      dataVersion: f.dataVersion,
    };
  }

  /** Refuses channel names without a curve, naming the field. */
  private checkChannel(f: FittedBudget, channel: string, field: string): void {
    if (f.curves.has(channel)) return;
    const u = f.unfitted.get(channel);
    if (u) throw fieldError(field, `${JSON.stringify(channel)} has only ${u.usableDays} usable days, too few for a response curve`);
    const known = [...f.curves.keys()];
    throw fieldError(field, `unknown channel ${JSON.stringify(channel)}${known.length ? `; the curves are for ${known.map((k) => JSON.stringify(k)).join(', ')}` : ': no channel has a response curve yet'}`);
  }

  async simulate(body: SimulateInput): Promise<BudgetSimulateResponse> {
    const f = await this.fitted();
    const days = body.days ?? DEFAULT_BUDGET_DAYS;
    const given = new Map<string, number>();
    body.allocations.forEach((a, i) => {
      this.checkChannel(f, a.channel, `allocations.${i}.channel`);
      if (given.has(a.channel)) throw fieldError(`allocations.${i}.channel`, `${JSON.stringify(a.channel)} is named twice`);
      given.set(a.channel, a.spend);
    });
    const currentOf = (channel: string) => f.fits.get(channel)!.currentDailySpend * days;
    const channels = [...f.fits.keys()];
    const proposed = channels.map((channel) => ({ channel, spend: given.get(channel) ?? currentOf(channel) }));
    const current = channels.map((channel) => ({ channel, spend: currentOf(channel) }));
    if (!(proposed.reduce((s, a) => s + a.spend, 0) > 0)) throw fieldError('allocations', 'the spend adds up to zero: there is nothing to project');
    const next = projectAllocation(f.curves, proposed, days);
    const base = projectAllocation(f.curves, current, days);
    const roiNext = m.roi(next.total.revenue, next.total.spend);
    const roiBase = m.roi(base.total.revenue, base.total.spend);
    const notes = [...f.notes];
    notes.push(...extrapolationNote(next.channels));
    return {
      days,
      channels: next.channels.map((p, i) => channelFigures(p, current[i]!.spend)),
      totals: {
        spend: money(next.total.spend),
        projectedRevenue: money(next.total.revenue),
        low: money(next.total.low),
        high: money(next.total.high),
        projectedRoi: ratio4(roiNext),
        currentSpend: money(base.total.spend),
        currentRevenue: money(base.total.revenue),
        currentRoi: ratio4(roiBase),
        revenueDelta: money(next.total.revenue - base.total.revenue),
        roiDelta: roiNext === null || roiBase === null ? null : round4(roiNext - roiBase),
      },
      notes,
      dataVersion: f.dataVersion,
    };
  }

  async optimize(body: OptimizeInput): Promise<BudgetOptimizeResponse> {
    const f = await this.fitted();
    if (f.fits.size === 0)
      throw new ApiError(422, 'insufficient_data', `no channel has the ${ROWS_PER_PARAMETER} usable days a response curve needs`, { notes: f.notes });
    const days = body.days ?? DEFAULT_BUDGET_DAYS;
    const objective = body.objective ?? 'revenue';
    const fits = [...f.fits.values()];
    const current = fits.map((fit) => fit.currentDailySpend * days);
    const notes = [...f.notes];
    const constraints = new Map<string, { min?: number | undefined; max?: number | undefined; index: number }>();
    (body.constraints ?? []).forEach((c, i) => {
      this.checkChannel(f, c.channel, `constraints.${i}.channel`);
      if (constraints.has(c.channel)) throw fieldError(`constraints.${i}.channel`, `${JSON.stringify(c.channel)} is named twice`);
      constraints.set(c.channel, { ...c, index: i });
    });

    // Bounds over the horizon: the user's maxChangePct and min/max, then the data-sufficiency limit where it fits them.
    const bounds = fits.map((fit, i) => {
      const cur = current[i]!;
      let lo = 0;
      let hi = Infinity;
      if (body.maxChangePct !== undefined) {
        lo = Math.max(0, cur * (1 - body.maxChangePct / 100));
        hi = cur * (1 + body.maxChangePct / 100);
      }
      const c = constraints.get(fit.channel);
      if (c?.min !== undefined) lo = Math.max(lo, c.min);
      if (c?.max !== undefined) hi = Math.min(hi, c.max);
      if (c && lo > hi + 1e-9)
        throw fieldError(`constraints.${c.index}.${c.min !== undefined && c.min > hi ? 'min' : 'max'}`, `conflicts with maxChangePct ${body.maxChangePct}% of the current spend ${count(cur)}`);
      if (fit.maxMovePct !== null) {
        const autoLo = Math.max(lo, cur * (1 - fit.maxMovePct / 100));
        const autoHi = Math.min(hi, cur * (1 + fit.maxMovePct / 100));
        if (autoLo <= autoHi) {
          lo = autoLo;
          hi = autoHi;
          notes.push(`${fit.channel}: the data supports only small moves, so its spend stays within ${fit.maxMovePct}% of the current ${count(cur)}.`);
        } else notes.push(`${fit.channel}: your constraint goes beyond the ${fit.maxMovePct}% move its data supports; kept as you asked.`);
      }
      return { lo, hi };
    });
    const sumLo = bounds.reduce((s, b) => s + b.lo, 0);
    const sumHi = bounds.reduce((s, b) => s + b.hi, 0);
    const daily = (budgetOverHorizon: number) => budgetOverHorizon / days;
    const bounded: Bounded[] = fits.map((fit, i) => ({ curve: fit.curve, lo: bounds[i]!.lo / days, hi: bounds[i]!.hi / days }));

    let x: number[];
    let method: 'bisection' | 'greedy';
    let totalBudget: number;
    let target: BudgetOptimizeResponse['target'] = null;
    if (body.totalBudget !== undefined) {
      totalBudget = body.totalBudget;
      if (sumLo > totalBudget * (1 + 1e-9))
        throw fieldError('totalBudget', `the channels' lower bounds add up to ${count(sumLo)}, more than the budget of ${count(totalBudget)}`);
      if (objective === 'revenue' && sumHi < totalBudget * (1 - 1e-9))
        throw fieldError('totalBudget', `the channels' upper bounds add up to ${count(sumHi)}, less than the budget of ${count(totalBudget)}`);
      const a = allocate(bounded, daily(Math.min(totalBudget, sumHi)), objective);
      x = a.x;
      method = a.method;
    } else if (body.targetMarginalRoi !== undefined) {
      x = allocateAtMarginal(bounded, 1 + body.targetMarginalRoi);
      method = bounded.every((b) => b.curve.S <= 1) ? 'bisection' : 'greedy';
      totalBudget = x.reduce((s, v) => s + v, 0) * days;
      const inside = x.filter((v, i) => v > bounded[i]!.lo + 1e-9 && v < bounded[i]!.hi - 1e-9);
      target = { kind: 'marginalRoi', value: body.targetMarginalRoi, achieved: null, met: inside.length > 0 };
      if (!target.met) notes.push('Every channel sits on a bound at this marginal ROI: the bounds, not the target, decide the budget.');
    } else {
      const found = this.budgetForRoi(bounded, days, body.targetRoi!, sumLo, sumHi, current);
      x = found.x;
      method = found.method;
      totalBudget = found.budget;
      target = { kind: 'roi', value: body.targetRoi!, achieved: found.roi === null ? null : round4(found.roi), met: found.met };
      notes.push(...found.notes);
    }

    const spend = x.map((v) => v * days);
    const allocation = fits.map((fit, i) => ({ channel: fit.channel, spend: spend[i]! }));
    const next = projectAllocation(f.curves, allocation, days);
    const base = projectAllocation(f.curves, fits.map((fit, i) => ({ channel: fit.channel, spend: current[i]! })), days);
    const spent = next.total.spend;
    const roiNext = m.roi(next.total.revenue, spent);
    const roiBase = m.roi(base.total.revenue, base.total.spend);
    const allocations: OptimizedChannel[] = next.channels.map((p, i) => {
      const b = bounds[i]!;
      const tol = 1e-6 * Math.max(1, totalBudget);
      const bound = p.spend <= b.lo + tol ? 'min' : Number.isFinite(b.hi) && p.spend >= b.hi - tol ? 'max' : null;
      return {
        ...channelFigures(p, current[i]!),
        change: money(p.spend - current[i]!),
        changePct: current[i]! > 0 ? round4((100 * (p.spend - current[i]!)) / current[i]!) : null,
        bound,
      };
    });
    const free = allocations.filter((a) => a.bound === null);
    const marginalRoi = free.length ? round4(free.reduce((s, a) => s + a.marginalRoi, 0) / free.length) : null;
    if (target?.kind === 'marginalRoi') target.achieved = marginalRoi;
    const unspent = Math.max(0, (body.totalBudget ?? spent) - spent);
    notes.push(...extrapolationNote(allocations));
    if (objective === 'profit' && unspent > 0.005 * (body.totalBudget ?? 1))
      notes.push(`${count(unspent)} of the budget stays unspent: no channel returns more than it costs beyond this split.`);
    return {
      days,
      objective,
      method,
      totalBudget: money(totalBudget),
      allocations,
      marginalRoi,
      projection: {
        spend: money(spent),
        projectedRevenue: money(next.total.revenue),
        low: money(next.total.low),
        high: money(next.total.high),
        projectedRoi: ratio4(roiNext),
        unspent: money(unspent),
      },
      current: { spend: money(base.total.spend), projectedRevenue: money(base.total.revenue), projectedRoi: ratio4(roiBase) },
      lift: {
        revenue: money(next.total.revenue - base.total.revenue),
        revenuePct: base.total.revenue > 0 ? round4((100 * (next.total.revenue - base.total.revenue)) / base.total.revenue) : null,
        profit: money(next.total.revenue - spent - (base.total.revenue - base.total.spend)),
        roiDelta: roiNext === null || roiBase === null ? null : round4(roiNext - roiBase),
      },
      target,
      recommendation: recommendationSentence({
        rows: allocations.map((a, i) => ({ channel: a.channel, current: current[i]!, proposed: spend[i]!, extrapolated: a.extrapolated })),
        days,
        currentRevenue: base.total.revenue,
        proposedRevenue: next.total.revenue,
        currentRoi: roiBase,
        proposedRoi: roiNext,
      }),
      notes,
      dataVersion: f.dataVersion,
    };
  }

  /**
   * The largest budget whose best split still returns `targetRoi` (ROI falls as the budget grows
   * once the curves saturate): a scan of budgets on a log grid, then bisection where it crosses.
   */
  private budgetForRoi(
    bounded: Bounded[],
    days: number,
    targetRoi: number,
    sumLo: number,
    sumHi: number,
    current: number[],
  ): { x: number[]; budget: number; roi: number | null; met: boolean; method: 'bisection' | 'greedy'; notes: string[] } {
    const currentTotal = current.reduce((a, b) => a + b, 0);
    const scale = currentTotal > 0 ? currentTotal : bounded.reduce((s, b) => s + b.curve.K, 0) * days;
    const lowest = Math.max(sumLo, 0.01 * scale);
    const highest = Number.isFinite(sumHi) ? sumHi : 10 * scale;
    const at = (budget: number, quick = true) => {
      const a = allocate(bounded, budget / days, 'revenue', { quick });
      const revenue = a.value * days;
      return { a, budget, roi: m.roi(revenue, budget) ?? -Infinity };
    };
    if (!(highest > lowest)) {
      const only = at(Math.max(lowest, highest));
      return { x: only.a.x, budget: only.budget, roi: only.roi, met: only.roi >= targetRoi, method: only.a.method, notes: [] };
    }
    const steps = 24;
    const scan = Array.from({ length: steps + 1 }, (_, k) => at(lowest * Math.pow(highest / lowest, k / steps)));
    let last = -1;
    for (let k = 0; k <= steps; k++) if (scan[k]!.roi >= targetRoi) last = k;
    if (last < 0) {
      const best = at(scan.reduce((a, b) => (b.roi > a.roi ? b : a)).budget, false);
      return {
        x: best.a.x,
        budget: best.budget,
        roi: best.roi,
        met: false,
        method: best.a.method,
        notes: [`No budget reaches an ROI of ${targetRoi.toFixed(2)}: the best is ${best.roi.toFixed(2)}, at a budget of ${count(best.budget)}.`],
      };
    }
    if (last === steps) {
      const top = at(scan[steps]!.budget, false);
      return {
        x: top.a.x,
        budget: top.budget,
        roi: top.roi,
        met: true,
        method: top.a.method,
        notes: [`Even the largest budget considered (${count(top.budget)}${Number.isFinite(sumHi) ? ', the constraints’ ceiling' : ', ten times the current one'}) returns ROI ${top.roi.toFixed(2)}, at or above the target.`],
      };
    }
    let lo = scan[last]!;
    let hi = scan[last + 1]!;
    for (let i = 0; i < 30 && hi.budget - lo.budget > 1e-4 * hi.budget; i++) {
      const mid = at(0.5 * (lo.budget + hi.budget));
      if (mid.roi >= targetRoi) lo = mid;
      else hi = mid;
    }
    const found = at(lo.budget, false);
    return { x: found.a.x, budget: found.budget, roi: found.roi, met: found.roi >= targetRoi - 1e-3, method: found.a.method, notes: [] };
  }
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Plain sentences on what the curves rest on. */
function describeFit(model: BudgetModel, channels: ReturnType<typeof channelDays>): string[] {
  const notes: string[] = [];
  const rebuilt = model.fitted.reduce((s, f) => s + f.reconstructedDays, 0);
  const excluded = model.fitted.reduce((s, f) => s + f.excludedDays, 0);
  const corrected = channels.reduce((s, c) => s + c.spendCorrections, 0);
  notes.push(
    `Curves fitted on ${model.window.days} days (${model.window.from} to ${model.window.to}); ` +
      `${rebuilt} channel-days with anomalous revenue rebuilt from the channel's other campaigns, ${excluded} left out, ` +
      `${corrected} campaign-days of spend spikes counted at their expected spend. Projections assume a steady spend over the horizon, carry-over included.`,
  );
  if (model.weekdayEstimated) notes.push('Weekday effects are shared by the channels (6 parameters over every channel-day) and average out over the horizon.');
  else notes.push('Too few days to estimate weekday effects: none are applied.');
  for (const f of model.fitted) {
    if (f.level === 'full' && f.thetaSource !== 'pooled') continue;
    notes.push(
      `${f.channel}: ${f.usableDays} usable days for ${f.parameters} parameter${f.parameters > 1 ? 's' : ''} ` +
        `(about ${ROWS_PER_PARAMETER} per parameter are needed for more): ${f.fixed.join(', ')} fixed` +
        `${f.fixed.includes('theta') ? ' (carry-over taken from the other channels)' : ' at typical values'}, so its band is wide` +
        `${f.maxMovePct !== null ? ` and the optimizer moves it by at most ${f.maxMovePct}%` : ''}.`,
    );
  }
  for (const u of model.unfitted)
    notes.push(`${u.channel}: only ${u.usableDays} usable days, too few for a response curve; it is left out of simulations and optimizations.`);
  notes.push(`Current spend is each channel's mean daily spend over the latest ${CURRENT_DAYS} days, times the horizon.`);
  return notes;
}

const services = new WeakMap<Store, BudgetService>();

/** The one budget service (and fit cache) per store. */
export function budgetFor(store: Store): BudgetService {
  let service = services.get(store);
  if (!service) services.set(store, (service = new BudgetService(store, engineFor(store))));
  return service;
}
