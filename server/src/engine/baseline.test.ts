import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../dates.js';
import { metricSpecs } from './anomalies.js';
import { farFrom, scanSeries, type DayScore, type MetricSpec, type ScanOptions } from './baseline.js';
import { median, robustScale, seededRandom } from './stats.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';
import { weekday, type DayPoint } from './types.js';

/**
 * The scan keeps its history window sorted as days come and go and finds the spread's median by
 * merging from the level outwards; these tests hold it to the plain definition it replaces
 * (re-sort the window every day, `robustScale` of the log ratios), on series made to be awkward:
 * gaps longer than the lookback, ties, flat stretches (MAD 0), falls to zero, forced days.
 */

const OPTS: ScanOptions = { historyDays: 28, minHistory: 14, maxLookbackDays: 56, zSupport: 2.5, minFactor: 2, scaleFloor: 0.03, volumeZ: 2 };
const LOG_FLOOR = 0.01;

/** The scan as first written: every day's window copied, sorted for its median and sorted again for its MAD. */
function reference(days: DayPoint[], spec: MetricSpec, factors: readonly number[], opts: ScanOptions, forced: ReadonlySet<number> = new Set()): Array<DayScore | null> {
  const out: Array<DayScore | null> = days.map(() => null);
  const kept: Array<{ day: number; y: number }> = [];
  let lo = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    const v = spec.value(d);
    const e = spec.exposure?.(d);
    const rate = v === null ? null : spec.exposure ? (e! > 0 ? v / e! : null) : v;
    if (rate === null) continue;
    const dayNo = daysBetween(days[0]!.date, d.date);
    const factor = factors[weekday(d.date)] ?? 1;
    while (lo < kept.length && kept[lo]!.day < dayNo - opts.maxLookbackDays) lo++;
    const history = kept.slice(Math.max(lo, kept.length - opts.historyDays)).map((k) => k.y);
    const level = history.length < opts.minHistory ? 0 : median(history);
    if (!(level > 0)) {
      if (spec.eligible(d, null)) kept.push({ day: dayNo, y: rate / factor });
      continue;
    }
    const exposure = spec.exposure ? spec.exposure(d) : 1;
    const expected = level * factor * exposure;
    if (!spec.eligible(d, expected)) continue;
    const scale = robustScale(history.map((h) => Math.log(Math.max(h / level, LOG_FLOOR))), 0, opts.scaleFloor);
    const value = spec.value(d)!;
    let z = Math.log(Math.max(value / expected, LOG_FLOOR)) / scale;
    if (spec.volumeZ) {
      const zv = spec.volumeZ(d, expected);
      if (Math.sign(zv) !== Math.sign(z)) z = 0;
      else if (Math.abs(zv) < opts.volumeZ) z = zv;
    }
    const candidate = !forced.has(i) && Math.abs(z) >= opts.zSupport && farFrom(value, expected, opts.minFactor);
    out[i] = { value, expected, level, exposure, factor, historyDays: history.length, rel: value / expected - 1, z, candidate };
    if (!candidate) kept.push({ day: dayNo, y: rate / factor });
  }
  return out;
}

/** An awkward series: noise, weekly rhythm, repeated values, flat stretches, zeros, spikes and gaps. */
function awkward(seed: number, length: number): DayPoint[] {
  const random = seededRandom(seed);
  const days: DayPoint[] = [];
  let date = '2026-01-01';
  let level = 100 + 900 * random();
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.03) date = addDays(date, 60); // a gap longer than the lookback
    else if (r < 0.1) date = addDays(date, 2);
    else date = addDays(date, 1);
    if (random() < 0.02) level *= random() < 0.5 ? 0.3 : 3;
    const flat = i % 50 < 20 && seed % 3 === 0;
    const noise = flat ? 1 : Math.round((1 + 0.3 * (random() - 0.5)) * 20) / 20; // coarse steps: ties
    let spend = level * noise * (weekday(date) === 0 ? 1.4 : 1);
    if (random() < 0.03) spend *= random() < 0.5 ? 0 : 5;
    const impressions = Math.round(spend * 200 * (flat ? 1 : 1 + 0.2 * (random() - 0.5)));
    const clicks = Math.round(impressions * 0.02 * (1 + 0.4 * (random() - 0.5)));
    const transactions = Math.round(clicks * 0.05 * (1 + 0.6 * (random() - 0.5)));
    days.push({ date, spend, impressions, clicks, transactions, revenue: transactions * 40 * (1 + 0.2 * (random() - 0.5)) });
  }
  return days;
}

const plain = (scores: ReturnType<typeof scanSeries>) => Array.from({ length: scores.length }, (_, i) => scores.at(i));

describe('scanSeries', () => {
  const specs = metricSpecs(DEFAULT_THRESHOLDS.anomalies);
  const factors = [1.3, 0.9, 0.95, 1, 1.05, 1, 0.8];

  it('gives exactly the scores of re-sorting the window every day, on every metric', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const days = awkward(seed, 150 + 10 * seed);
      for (const spec of Object.values(specs)) expect(plain(scanSeries(days, spec, factors, OPTS))).toEqual(reference(days, spec, factors, OPTS));
    }
  });

  it('does so with short windows and forced days too', () => {
    const opts = { ...OPTS, historyDays: 7, minHistory: 3, maxLookbackDays: 10 };
    for (let seed = 1; seed <= 12; seed++) {
      const days = awkward(seed, 120);
      const forced = new Set(days.map((_, i) => i).filter((i) => i % 9 === 4));
      for (const spec of Object.values(specs))
        expect(plain(scanSeries(days, spec, factors, opts, forced))).toEqual(reference(days, spec, factors, opts, forced));
    }
  });

  it('finds something in these series, so the comparison means something', () => {
    const scores = Array.from({ length: 12 }, (_, k) => plain(scanSeries(awkward(k + 1, 150), specs.spend, factors, OPTS)));
    expect(scores.flat().filter((s) => s?.candidate).length).toBeGreaterThan(5);
    expect(scores.flat().filter((s) => s && !s.candidate).length).toBeGreaterThan(500);
  });
});
