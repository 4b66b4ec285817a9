import { MAD_TO_SD, MEANAD_TO_SD, median } from './stats.js';
import { dayNumbersOf, weekdayOf, type CampaignSeries, type DayPoint } from './types.js';

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
 * One metric's `DayScore` for each of a campaign's days, as columns: a scan at 1,000 campaigns
 * scores millions of campaign-days, and an object (with its boxed numbers) per day would be most of
 * the engine's garbage. `judged[i]` is 0 where day i was not scored (no value, too little volume
 * or history); `at(i)` gives the object where one is wanted (explanations).
 */
export class DayScores {
  readonly judged: Uint8Array;
  readonly candidate: Uint8Array;
  readonly value: Float64Array;
  readonly expected: Float64Array;
  readonly level: Float64Array;
  readonly exposure: Float64Array;
  readonly factor: Float64Array;
  readonly historyDays: Int32Array;
  readonly rel: Float64Array;
  readonly z: Float64Array;
  constructor(readonly length: number) {
    // One buffer for every column: one allocation per scan instead of ten.
    const buffer = new ArrayBuffer(length * (7 * 8 + 4 + 2));
    const doubles = (k: number) => new Float64Array(buffer, k * 8 * length, length);
    this.value = doubles(0);
    this.expected = doubles(1);
    this.level = doubles(2);
    this.exposure = doubles(3);
    this.factor = doubles(4);
    this.rel = doubles(5);
    this.z = doubles(6);
    this.historyDays = new Int32Array(buffer, 56 * length, length);
    this.judged = new Uint8Array(buffer, 60 * length, length);
    this.candidate = new Uint8Array(buffer, 61 * length, length);
  }

  at(i: number): DayScore | null {
    if (!this.judged[i]) return null;
    return {
      value: this.value[i]!,
      expected: this.expected[i]!,
      level: this.level[i]!,
      exposure: this.exposure[i]!,
      factor: this.factor[i]!,
      historyDays: this.historyDays[i]!,
      rel: this.rel[i]!,
      z: this.z[i]!,
      candidate: this.candidate[i] === 1,
    };
  }
}

/**
 * Weekday factors per channel: how much each weekday's values run above or below a campaign's
 * typical level, pooled over the channel's campaigns (medians, so unusual days barely move them).
 * Pooling gives each factor hundreds of points instead of a campaign's handful. Factors average 1.
 */
export function weekdayFactors(series: CampaignSeries[], spec: MetricSpec): Map<string, number[]> {
  const buckets = new Map<string, number[][]>();
  // One campaign's usable values and their weekdays, in buffers reused from campaign to campaign.
  let values = new Float64Array(512);
  let weekdays = new Uint8Array(512);
  for (const s of series) {
    if (values.length < s.days.length) {
      values = new Float64Array(2 * s.days.length);
      weekdays = new Uint8Array(2 * s.days.length);
    }
    let n = 0;
    const dayNos = dayNumbersOf(s.days);
    for (let i = 0; i < s.days.length; i++) {
      const d = s.days[i]!;
      const v = rateOf(spec, d);
      if (v === null || !spec.eligible(d, null)) continue;
      values[n] = v;
      weekdays[n++] = weekdayOf(dayNos[i]!);
    }
    const level = median(values.subarray(0, n));
    if (!(level > 0)) continue;
    let channel = buckets.get(s.campaign.channel);
    if (!channel) buckets.set(s.campaign.channel, (channel = Array.from({ length: 7 }, () => [])));
    for (let k = 0; k < n; k++) channel[weekdays[k]!]!.push(values[k]! / level);
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

/** The value per unit of exposure, or null where either is missing. */
function rateOf(spec: MetricSpec, d: DayPoint): number | null {
  const v = spec.value(d);
  if (v === null || !spec.exposure) return v;
  const e = spec.exposure(d);
  return e > 0 ? v / e : null;
}

/**
 * The history window of a scan, kept sorted as days enter and leave it, so each day's median is a
 * lookup instead of a sort of the window (a scan at 1,000 campaigns × 365 days takes millions of them).
 * Holds the same multiset of values as the window, so every median is exactly the one a sort gives.
 */
class SortedWindow {
  readonly values: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(1, capacity));
  }
  /** First index whose value is ≥ `v`. */
  lowerBound(v: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  insert(v: number) {
    const values = this.values;
    const at = this.lowerBound(v);
    for (let k = this.size; k > at; k--) values[k] = values[k - 1]!;
    values[at] = v;
    this.size++;
  }
  /** Removes one occurrence of `v`, which must be in the window. */
  remove(v: number) {
    const values = this.values;
    const last = --this.size;
    for (let k = this.lowerBound(v); k < last; k++) values[k] = values[k + 1]!;
  }
  median(): number {
    const n = this.size;
    if (n === 0) return Number.NaN;
    const mid = n >> 1;
    return n % 2 === 1 ? this.values[mid]! : (this.values[mid - 1]! + this.values[mid]!) / 2;
  }
}

/** A value's ratio to its level, a fall to zero floored at `LOG_FLOOR`. */
function ratio(value: number, level: number): number {
  return Math.max(value / level, LOG_FLOOR);
}

/** |log(ratio)|, as the scan's spread measures it. */
function absLog(ratio: number): number {
  return Math.abs(Math.log(ratio) - 0);
}

/**
 * `robustScale` of the window's log ratios to `level` (its median) around 0, without sorting them
 * and with two or three logarithms instead of one per day: the ratio max(v / level, LOG_FLOOR)
 * rises with v, so its |log| falls from the median's position downwards and rises from it upwards,
 * and merging the two sides from there finds their median in half a window of steps. A ratio
 * below 1 and one above compare by their product (|log b| ≤ |log a| ⟺ a·b ≥ 1); where the product
 * is within rounding of 1 their logs decide, so the answer is exactly the one sorting the logs
 * gives. `inOrder` gives the window in its original order, for the mean-absolute fallback, which
 * sums in that order as `robustScale` does.
 */
function logScale(window: SortedWindow, level: number, floor: number, inOrder: () => Iterable<number>): number {
  const s = window.values;
  const n = window.size;
  let down = window.lowerBound(level) - 1;
  let up = down + 1;
  let below = down >= 0 ? ratio(s[down]!, level) : Number.NaN;
  let above = up < n ? ratio(s[up]!, level) : Number.NaN;
  const mid = n >> 1;
  // The ratios at ranks mid - 1 and mid of |log|.
  let previous = 1;
  let current = 1;
  for (let k = 0; k <= mid; k++) {
    previous = current;
    let takeBelow: boolean;
    if (down < 0) takeBelow = false;
    else if (up >= n) takeBelow = true;
    else {
      const product = below * above;
      takeBelow = product > 1 + 1e-12 ? true : product < 1 - 1e-12 ? false : absLog(below) <= absLog(above);
    }
    if (takeBelow) {
      current = below;
      down--;
      below = down >= 0 ? ratio(s[down]!, level) : Number.NaN;
    } else {
      current = above;
      up++;
      above = up < n ? ratio(s[up]!, level) : Number.NaN;
    }
  }
  const mad = n % 2 === 1 ? absLog(current) : (absLog(previous) + absLog(current)) / 2;
  if (mad > 0) return Math.max(MAD_TO_SD * mad, floor);
  let sum = 0;
  for (const v of inOrder()) sum += absLog(ratio(v, level));
  return Math.max(MEANAD_TO_SD * (n ? sum / n : Number.NaN), floor);
}

/** The scan's kept days, reused from scan to scan (scans run one at a time and keep nothing of it). */
let keptScratch = { days: new Int32Array(512), values: new Float64Array(512) };

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
): DayScores {
  const out = new DayScores(days.length);
  // The days kept as history, in order (day number and deseasonalised value); the window is their
  // latest `historyDays` within `maxLookbackDays`, [windowStart, windowEnd), mirrored sorted in `window`.
  if (keptScratch.days.length < days.length) keptScratch = { days: new Int32Array(2 * days.length), values: new Float64Array(2 * days.length) };
  const keptDay = keptScratch.days;
  const keptY = keptScratch.values;
  let kept = 0;
  let lo = 0;
  let windowStart = 0;
  let windowEnd = 0;
  const window = new SortedWindow(opts.historyDays);
  const inOrder = function* () {
    for (let k = windowStart; k < windowEnd; k++) yield keptY[k]!;
  };
  const dayNos = dayNumbersOf(days);
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    const rate = rateOf(spec, d);
    if (rate === null) continue;
    const dayNo = dayNos[i]!;
    const factor = factors[weekdayOf(dayNo)] ?? 1;
    while (lo < kept && keptDay[lo]! < dayNo - opts.maxLookbackDays) lo++;
    const start = Math.max(lo, kept - opts.historyDays);
    // Slide the window to [start, kept): days leave at its start, enter at its end.
    const leaveTo = Math.min(start, windowEnd);
    while (windowStart < leaveTo) window.remove(keptY[windowStart++]!);
    if (windowStart < start) windowStart = start;
    if (windowEnd < windowStart) windowEnd = windowStart;
    while (windowEnd < kept) window.insert(keptY[windowEnd++]!);
    const historyDays = window.size;
    const level = historyDays < opts.minHistory ? 0 : window.median();
    if (!(level > 0)) {
      if (spec.eligible(d, null)) {
        keptDay[kept] = dayNo;
        keptY[kept++] = rate / factor;
      }
      continue;
    }
    const exposure = spec.exposure ? spec.exposure(d) : 1;
    const expected = level * factor * exposure;
    if (!spec.eligible(d, expected)) continue;
    // On a log scale: noise and effects are multiplicative, and a fall to a quarter is as unusual
    // as a rise to four times. A fall to zero is floored at 1 % of the expected value.
    const scale = logScale(window, level, opts.scaleFloor, inOrder);
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
    out.judged[i] = 1;
    out.candidate[i] = candidate ? 1 : 0;
    out.value[i] = value;
    out.expected[i] = expected;
    out.level[i] = level;
    out.exposure[i] = exposure;
    out.factor[i] = factor;
    out.historyDays[i] = historyDays;
    out.rel[i] = rel;
    out.z[i] = z;
    if (!candidate) {
      keptDay[kept] = dayNo;
      keptY[kept++] = rate / factor;
    }
  }
  return out;
}
