import { daysBetween } from '../dates.js';
import { median, robustScale } from './stats.js';
import { weekday, type CampaignSeries, type DayPoint } from './types.js';

/** How one metric is read from a campaign-day, and (for ratios) how its volume is judged. */
export interface MetricSpec {
  /** The day's value, or null where it is not defined (a ratio with a zero denominator). */
  value(day: DayPoint): number | null;
  /**
   * What the value scales with that day, when it is judged as a rate of something: clicks are
   * expected from the day's impressions at the usual click-through rate, so a budget change that
   * buys more impressions does not read as a click anomaly. Absent: the value itself is judged.
   */
  exposure?(day: DayPoint): number;
  /**
   * May this day be judged? `expected` (the expected value) is null when the day is only being
   * considered as history. Ratios need volume: a day with 12 clicks says little about a conversion rate.
   */
  eligible(day: DayPoint, expected: number | null): boolean;
  /**
   * For ratios: the z-score of the day's numerator against what the expected value implies for
   * its real denominator (binomial or Poisson), signed like the ratio's change.
   */
  volumeZ?(day: DayPoint, expected: number): number;
}

export interface ScanOptions {
  /** Days of history (unusual days left out) behind each expected value. */
  historyDays: number;
  /** Fewer usable days of history than this and the day is not judged. */
  minHistory: number;
  /** History is looked for this many calendar days back at most. */
  maxLookbackDays: number;
  /** |z| from which a day is a candidate, and kept out of later days' history. */
  zSupport: number;
  /** A candidate is at least this many times its expected value, or at most 1/this of it. */
  minFactor: number;
  /** Smallest relative spread, so a perfectly flat history does not make every wobble infinitely unusual. */
  scaleFloor: number;
  /** |z| a ratio's volume test must reach too, so a handful of clicks cannot raise an alarm. */
  volumeZ: number;
}

/** How one day compares with its history. */
export interface DayScore {
  value: number;
  expected: number;
  /** The history's median, before the weekday factor (per unit of exposure where there is one). */
  level: number;
  /** The day's exposure (impressions for clicks), 1 where there is none. */
  exposure: number;
  factor: number;
  historyDays: number;
  /** Relative change against `expected` (0.5 = 50 % above). */
  rel: number;
  /** Robust z-score of log(value / expected) against the history's spread; for ratios gated by the volume test. */
  z: number;
  candidate: boolean;
}

/**
 * Weekday factors per channel: how much each weekday's values run above or below a campaign's
 * typical level, pooled over the channel's campaigns (medians, so unusual days barely move them).
 * Pooling gives each factor hundreds of points instead of a campaign's handful. Factors average 1.
 */
export function weekdayFactors(series: CampaignSeries[], spec: MetricSpec): Map<string, number[]> {
  const buckets = new Map<string, number[][]>();
  for (const s of series) {
    const values: Array<[number, number]> = [];
    for (const d of s.days) {
      const v = rateOf(spec, d);
      if (v !== null && spec.eligible(d, null)) values.push([weekday(d.date), v]);
    }
    const level = median(values.map(([, v]) => v));
    if (!(level > 0)) continue;
    let channel = buckets.get(s.campaign.channel);
    if (!channel) buckets.set(s.campaign.channel, (channel = Array.from({ length: 7 }, () => [])));
    for (const [wd, v] of values) channel[wd]!.push(v / level);
  }
  const factors = new Map<string, number[]>();
  for (const [channel, days] of buckets) {
    const raw = days.map((b) => (b.length >= 3 ? median(b) : Number.NaN));
    const known = raw.filter((f) => f > 0);
    const avg = known.reduce((a, b) => a + b, 0) / (known.length || 1);
    factors.set(channel, raw.map((f) => (f > 0 && avg > 0 ? f / avg : 1)));
  }
  return factors;
}

const LOG_FLOOR = 0.01;

/** Is `value` at least `factor` times `expected`, or at most 1/`factor` of it? */
export function farFrom(value: number, expected: number, factor: number): boolean {
  return value >= expected * factor || value * factor <= expected;
}

/** Day numbers from the series' first day; every metric's scan of a series shares them. */
const dayNumberCache = new WeakMap<DayPoint[], Int32Array>();
function dayNumbers(days: DayPoint[]): Int32Array {
  let out = dayNumberCache.get(days);
  if (!out) {
    out = new Int32Array(days.length);
    const origin = days[0]?.date;
    for (let i = 0; i < days.length; i++) out[i] = daysBetween(origin!, days[i]!.date);
    dayNumberCache.set(days, out);
  }
  return out;
}

/** The value per unit of exposure, or null where either is missing. */
function rateOf(spec: MetricSpec, d: DayPoint): number | null {
  const v = spec.value(d);
  if (v === null || !spec.exposure) return v;
  const e = spec.exposure(d);
  return e > 0 ? v / e : null;
}

/**
 * Scores each day of one campaign's metric against its own recent history: the expected value is
 * the median of the previous `historyDays` usable days (deseasonalised by the weekday factor) times
 * the day's weekday factor (and exposure); the z-score is the relative change over the history's
 * robust spread. For ratios the volume test must agree too. Candidate days are left out of later
 * days' history, so a lasting shift keeps being measured against the level before it (and is seen
 * as one run) instead of slowly becoming the new normal.
 */
export function scanSeries(
  days: DayPoint[],
  spec: MetricSpec,
  factors: readonly number[],
  opts: ScanOptions,
  /** Day indices accepted as the new normal (a change of level judged not anomalous): always history, never candidates. */
  forced: ReadonlySet<number> = new Set(),
): Array<DayScore | null> {
  const out: Array<DayScore | null> = new Array<DayScore | null>(days.length).fill(null);
  const historyBuffer = new Float64Array(opts.historyDays);
  const logBuffer = new Float64Array(opts.historyDays);
  const kept: Array<{ day: number; y: number }> = [];
  let lo = 0;
  const dayNos = dayNumbers(days);
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    const rate = rateOf(spec, d);
    if (rate === null) continue;
    const dayNo = dayNos[i]!;
    const factor = factors[weekday(d.date)] ?? 1;
    while (lo < kept.length && kept[lo]!.day < dayNo - opts.maxLookbackDays) lo++;
    const start = Math.max(lo, kept.length - opts.historyDays);
    const history = historyBuffer.subarray(0, kept.length - start);
    for (let k = start; k < kept.length; k++) history[k - start] = kept[k]!.y;
    const level = history.length < opts.minHistory ? 0 : median(history);
    if (!(level > 0)) {
      if (spec.eligible(d, null)) kept.push({ day: dayNo, y: rate / factor });
      continue;
    }
    const exposure = spec.exposure ? spec.exposure(d) : 1;
    const expected = level * factor * exposure;
    if (!spec.eligible(d, expected)) continue;
    // On a log scale: noise and effects are multiplicative, and a fall to a quarter is as unusual
    // as a rise to four times. A fall to zero is floored at 1 % of the expected value.
    const logs = logBuffer.subarray(0, history.length);
    for (let k = 0; k < history.length; k++) logs[k] = Math.log(Math.max(history[k]! / level, LOG_FLOOR));
    const scale = robustScale(logs, 0, opts.scaleFloor);
    const value = spec.value(d)!;
    const rel = value / expected - 1;
    let z = Math.log(Math.max(value / expected, LOG_FLOOR)) / scale;
    // The volume test gates, it does not rescale: the series' own spread is the better measure of
    // its noise, but a change the day's denominator cannot support is not an anomaly.
    if (spec.volumeZ) {
      const zv = spec.volumeZ(d, expected);
      if (Math.sign(zv) !== Math.sign(z)) z = 0;
      else if (Math.abs(zv) < opts.volumeZ) z = zv;
    }
    const candidate = !forced.has(i) && Math.abs(z) >= opts.zSupport && farFrom(value, expected, opts.minFactor);
    out[i] = { value, expected, level, exposure, factor, historyDays: history.length, rel, z, candidate };
    if (!candidate) kept.push({ day: dayNo, y: rate / factor });
  }
  return out;
}
