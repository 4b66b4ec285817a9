import type { Anomaly, AnomalyMetric, AnomalyThresholds, Severity } from '@retailmind/sdk/contract';
import * as m from '../metrics/index.js';
import { DayScores, farFrom, scanSeries, weekdayFactors, type DayScore, type MetricSpec, type ScanOptions } from './baseline.js';
import { DEFAULT_FOREST, isolationScores, type ForestOptions } from './forest.js';
import { amount, changeAgainst, count, metricValue, percent } from './format.js';
import { relateAnomalies } from './causes.js';
import { clamp } from './stats.js';
import { WEEKDAY_NAMES, weekday, type CampaignSeries, type DayPoint } from './types.js';

/** A metric scored only to feed the isolation forest's joint view of a campaign-day. */
type FeatureMetric = 'cpm';
type Scored = AnomalyMetric | FeatureMetric;

export const REPORTED_METRICS: readonly AnomalyMetric[] = ['spend', 'clicks', 'conversionRate', 'revenue', 'cpa'];
/**
 * The campaign-day vector the forest sees across campaigns: spend, CPM, CTR (clicks are judged
 * per impression, so their z-score is the CTR's) and conversion rate.
 */
const FOREST_FEATURES: readonly Scored[] = ['spend', 'cpm', 'clicks', 'conversionRate'];
/** Days of history a day needs before it is judged. */
export const MIN_HISTORY_DAYS = 14;
/** Calendar days of data the engine reads before a range, so its first day has full history. */
export const LOOKBACK_DAYS = 56;
/** Impressions a day needs before its click-through (and so its clicks) is judged. */
const MIN_IMPRESSIONS = 100;

/** Binomial z-score of `successes` out of `trials` at rate `p`. */
function binomialZ(successes: number, trials: number, p: number): number {
  const rate = clamp(p, 1e-6, 1 - 1e-6);
  return (successes - trials * rate) / Math.sqrt(trials * rate * (1 - rate));
}

/** How each metric is read; ratios are judged only with enough volume behind them. */
export function metricSpecs(t: AnomalyThresholds): Record<Scored, MetricSpec> {
  const always = () => true;
  return {
    spend: { value: (d) => d.spend, eligible: always },
    // Expected from the day's impressions at the usual click-through rate.
    clicks: {
      value: (d) => d.clicks,
      exposure: (d) => d.impressions,
      eligible: (d) => d.impressions >= MIN_IMPRESSIONS,
      volumeZ: (d, expected) => binomialZ(d.clicks, d.impressions, expected / d.impressions),
    },
    revenue: { value: (d) => d.revenue, eligible: always },
    conversionRate: {
      value: (d) => m.conversionRate(d.transactions, d.clicks),
      eligible: (d) => d.clicks >= t.minClicks,
      // Transactions out of the day's clicks at the expected rate.
      volumeZ: (d, p) => binomialZ(d.transactions, d.clicks, p),
    },
    cpa: {
      value: (d) => m.cpa(d.spend, d.transactions),
      // Judged on the transactions the expected CPA implies for the day's spend, not the ones that came.
      eligible: (d, expected) => (expected === null ? d.transactions >= t.minTransactions : d.spend / expected >= t.minTransactions),
      // Poisson: fewer transactions than the spend should have bought means a higher CPA.
      volumeZ: (d, expected) => {
        const want = d.spend / expected;
        return (want - d.transactions) / Math.sqrt(want);
      },
    },
    cpm: { value: (d) => m.cpm(d.spend, d.impressions), eligible: (d) => d.impressions >= MIN_IMPRESSIONS },
  };
}

export interface DetectOptions {
  from: string;
  to: string;
  forest?: ForestOptions;
}

interface CampaignScores {
  series: CampaignSeries;
  scores: Record<Scored, DayScores>;
  /** Forest score per day index, for days in the range. */
  forest: Map<number, number>;
}

/**
 * Anomalies of every campaign whose first day lies in [from, to]. `series` should start
 * `LOOKBACK_DAYS` before `from` so the first days have history. Two detectors:
 * - each campaign's own series, per metric: a robust z-score against the weekday-adjusted median
 *   of its recent history (see `baseline.ts`);
 * - an isolation forest over every campaign-day's vector of those z-scores (spend, CPM, CTR,
 *   conversion rate) across campaigns, which sees a day where several things are a little off.
 * A day is reported when its series z-score reaches `zThreshold`, or `zSupport` with the forest
 * agreeing. A run of consecutive unusual days of one metric is one anomaly; from `shiftMinDays`
 * days on it is a lasting level shift.
 */
export function detectAnomalies(series: CampaignSeries[], t: AnomalyThresholds, options: DetectOptions): Anomaly[] {
  const specs = metricSpecs(t);
  const scan: ScanOptions = {
    historyDays: t.historyDays,
    minHistory: Math.min(MIN_HISTORY_DAYS, t.historyDays),
    maxLookbackDays: 2 * t.historyDays,
    zSupport: t.zSupport,
    minFactor: t.minFactor,
    scaleFloor: 0.03,
    volumeZ: t.volumeZ,
  };
  const metrics = Object.keys(specs) as Scored[];

  const scheduled = series.map(onSchedule);
  const factors = new Map(metrics.map((metric) => [metric, weekdayFactors(scheduled, specs[metric])]));
  const campaigns: CampaignScores[] = scheduled.map((s) => {
    const scores = {} as Record<Scored, DayScores>;
    for (const metric of metrics) {
      const f = factors.get(metric)?.get(s.campaign.channel) ?? [1, 1, 1, 1, 1, 1, 1];
      const first = scanSeries(s.days, specs[metric], f, scan);
      // A lasting move too small to be an anomaly is a new normal: scan again with it as history.
      const forced = newNormalDays(first, t);
      scores[metric] = forced.size > 0 ? scanSeries(s.days, specs[metric], f, scan, forced) : first;
    }
    return { series: s, scores, forest: new Map() };
  });

  scoreWithForest(campaigns, options);

  const found: Anomaly[] = [];
  for (const c of campaigns) {
    for (const metric of REPORTED_METRICS) {
      for (const run of runsOf(c.scores[metric], t.minFactor)) {
        const anomaly = judgeRun(c, metric, run, t);
        if (anomaly) found.push(anomaly);
      }
    }
  }
  const anomalies = relateAnomalies(found.filter((a) => a.date >= options.from && a.date <= options.to));
  return anomalies.sort((a, b) => b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || a.id.localeCompare(b.id));
}

/**
 * Only the days a campaign is scheduled to run are judged: sales that trail its end (carry-over)
 * falling away, or no spend before its start, are the plan, not anomalies.
 */
function onSchedule(s: CampaignSeries): CampaignSeries {
  const { startDate, endDate } = s.campaign;
  return { campaign: s.campaign, days: s.days.filter((d) => d.date >= startDate && (endDate === null || d.date <= endDate)) };
}

/**
 * Forest scores for the campaign-days in the range that some reported metric marks as a candidate
 * (the only days whose forest score a run reads), the forest grown from every scored campaign-day.
 * Only the sampled rows' vectors are built.
 */
function scoreWithForest(campaigns: CampaignScores[], options: DetectOptions) {
  const vector = (c: CampaignScores, i: number) => FOREST_FEATURES.map((f) => clamp(c.scores[f].judged[i] ? c.scores[f].z[i]! : 0, -10, 10));
  let total = 0;
  for (const c of campaigns) for (const judged of c.scores.spend.judged) total += judged;
  const rowCampaign = new Int32Array(total);
  const rowDay = new Int32Array(total);
  const targets: number[][] = [];
  const where: Array<[CampaignScores, number]> = [];
  let n = 0;
  campaigns.forEach((c, ci) => {
    const days = c.series.days;
    for (let i = 0; i < days.length; i++) {
      if (!c.scores.spend.judged[i]) continue;
      rowCampaign[n] = ci;
      rowDay[n++] = i;
      const date = days[i]!.date;
      if (date < options.from || date > options.to || !REPORTED_METRICS.some((m) => c.scores[m].candidate[i])) continue;
      targets.push(vector(c, i));
      where.push([c, i]);
    }
  });
  if (targets.length === 0) return;
  const rows = { length: total, row: (k: number) => vector(campaigns[rowCampaign[k]!]!, rowDay[k]!) };
  const scores = isolationScores(rows, targets, options.forest ?? DEFAULT_FOREST);
  where.forEach(([c, i], k) => c.forest.set(i, scores[k]!));
}

interface Run {
  /** Day indices of the run's candidate days, in order. */
  days: number[];
  /** Every day index from the first to the last candidate, gaps included. */
  span: number[];
  direction: 'spike' | 'drop';
}

/** Ordinary days in a row that a run may bridge when they still lean its way. */
const MAX_GAP_DAYS = 2;

/**
 * Runs of candidate days with the same direction. A run bridges up to `MAX_GAP_DAYS` ordinary
 * days that still lean its way by at least half the candidate factor (on a log scale), so a
 * lasting shift with a noisy day in it stays one run.
 */
export function runsOf(scores: DayScores, minFactor: number): Run[] {
  const runs: Run[] = [];
  const lean = Math.sqrt(minFactor);
  let current = null as Run | null;
  // Ordinary days since the run's last candidate day (copied into the run when it goes on).
  const gap: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (!scores.judged[i]) continue;
    const direction = scores.rel[i]! > 0 ? 'spike' : 'drop';
    if (scores.candidate[i]) {
      if (current?.direction === direction) {
        current.span.push(...gap, i);
        current.days.push(i);
      } else runs.push((current = { days: [i], span: [i], direction }));
      gap.length = 0;
      continue;
    }
    const value = scores.value[i]!;
    const expected = scores.expected[i]!;
    const leans = current !== null && (current.direction === 'spike' ? value >= expected * lean : value * lean <= expected);
    if (current && leans && gap.length < MAX_GAP_DAYS) gap.push(i);
    else {
      current = null;
      gap.length = 0;
    }
  }
  return runs;
}

/** Median of value / expected over a run's days (0 when everything fell to zero). */
function runFactor(scores: DayScores, run: Run): number {
  return medianBy(run.span, (i) => (scores.expected[i]! > 0 ? scores.value[i]! / scores.expected[i]! : 1));
}

/**
 * Days of lasting runs too small to be a shift: the campaign's new normal (a budget step, a change
 * of mix in its channel). Each is accepted unless it is itself far from the run's own level, so a
 * real spike on top of the new level is still seen.
 */
export function newNormalDays(scores: DayScores, t: AnomalyThresholds): Set<number> {
  const forced = new Set<number>();
  for (const run of runsOf(scores, t.minFactor)) {
    if (run.span.length < t.shiftMinDays) continue;
    const level = runFactor(scores, run);
    if (farFrom(level, 1, t.shiftMinFactor)) continue;
    for (const i of run.span) {
      if (!farFrom(scores.value[i]! / scores.expected[i]!, level, t.minFactor)) forced.add(i);
    }
  }
  return forced;
}

function judgeRun(c: CampaignScores, metric: AnomalyMetric, run: Run, t: AnomalyThresholds): Anomaly | null {
  const all = c.scores[metric];
  const isShift = run.span.length >= t.shiftMinDays;
  if (isShift && !farFrom(runFactor(all, run), 1, t.shiftMinFactor)) return null;
  const scores = (isShift ? run.span : run.days).map((i) => all.at(i)!);
  const first = scores[0]!;
  // The run's strongest day speaks for a short run; a shift is judged on its typical day.
  const peakAt = scores.reduce((best, s, k) => (Math.abs(s.z) > Math.abs(scores[best]!.z) ? k : best), 0);
  const z = isShift ? medianBy(scores, (s) => s.z) : scores[peakAt]!.z;
  const forestScore = Math.max(...run.days.map((i) => c.forest.get(i) ?? 0));
  const hasForest = run.days.some((i) => c.forest.has(i));
  const seriesSays = Math.abs(z) >= t.zThreshold;
  const forestSays = hasForest && forestScore >= t.forestThreshold;
  // A lasting run of candidate days is evidence on its own: chance rarely strings several together.
  if (!isShift && !seriesSays && !forestSays) return null;
  const method = (isShift || seriesSays) && forestSays ? 'both' : forestSays && !isShift && !seriesSays ? 'isolation-forest' : 'series';

  const seriesStrength = Math.min(1, Math.abs(z) / (2 * t.zThreshold));
  const forestStrength = hasForest ? clamp((forestScore - 0.5) / (2 * (t.forestThreshold - 0.5)), 0, 1) : 0;
  const score = round(0.5 * seriesStrength + 0.5 * forestStrength + (isShift ? 0.1 : 0), 4);
  const value = isShift ? medianBy(scores, (s) => s.value) : scores[peakAt]!.value;
  const startIdx = run.span[0]!;
  const endIdx = run.span[run.span.length - 1]!;
  const days = c.series.days;
  const campaign = c.series.campaign;
  const date = days[startIdx]!.date;
  return {
    id: `${campaign.id}:${metric}:${date}`,
    date,
    endDate: days[endIdx]!.date,
    kind: isShift ? 'shift' : 'point',
    days: run.span.length,
    campaignId: campaign.id,
    campaignName: campaign.name,
    channel: campaign.channel,
    segment: campaign.segment,
    metric,
    direction: run.direction,
    value: round(value, 6),
    expected: round(first.expected, 6),
    score: Math.min(1, score),
    severity: severityOf(score),
    method,
    zScore: round(z, 2),
    forestScore: hasForest ? round(forestScore, 3) : null,
    explanation: explain(metric, isShift ? run.span : run.days, run.direction, scores, days, isShift ? null : peakAt, forestSays ? forestScore : null),
  };
}

function severityOf(score: number): Severity {
  return score >= 0.7 ? 'high' : score >= 0.45 ? 'medium' : 'low';
}

const LABEL: Record<AnomalyMetric, string> = {
  spend: 'Spend',
  clicks: 'Clicks',
  conversionRate: 'Conversion rate',
  revenue: 'Revenue',
  cpa: 'CPA',
};

/** What the day's value was made of, for ratios ("3 transactions from 512 clicks"). */
function detail(metric: AnomalyMetric, d: DayPoint): string {
  if (metric === 'conversionRate') return ` (${count(d.transactions)} transactions from ${count(d.clicks)} clicks)`;
  if (metric === 'cpa') return ` (spend ${amount(d.spend)} over ${count(d.transactions)} transactions)`;
  return '';
}

const VERB: Record<AnomalyMetric, [was: string, rose: string, fell: string]> = {
  spend: ['was', 'rose', 'fell'],
  clicks: ['were', 'rose', 'fell'],
  conversionRate: ['was', 'rose', 'fell'],
  revenue: ['was', 'rose', 'fell'],
  cpa: ['was', 'rose', 'fell'],
};

/** How the expected value was made, with its numbers. */
function basisOf(metric: AnomalyMetric, s: DayScore, date: string): string {
  const adjust = Math.abs(s.factor - 1) < 0.005 ? '' : ` × ${s.factor.toFixed(2)} for ${WEEKDAY_NAMES[weekday(date)]}s`;
  if (metric === 'clicks')
    return `${count(s.exposure)} impressions at the usual click-through rate of ${percent(s.level)}${adjust}, the median of the ${s.historyDays} usual days before`;
  return `the median of the ${s.historyDays} usual days before, ${metricValue(metric, s.level)}${adjust}`;
}

function explain(metric: AnomalyMetric, idx: number[], direction: Run['direction'], scores: DayScore[], days: DayPoint[], peakAt: number | null, forest: number | null): string {
  const fmt = (v: number) => metricValue(metric, v);
  const [was, rose, fell] = VERB[metric];
  let text: string;
  if (peakAt === null) {
    const first = scores[0]!;
    const start = days[idx[0]!]!.date;
    const value = medianBy(scores, (s) => s.value);
    const last = days[idx[idx.length - 1]!]!.date;
    text =
      `${LABEL[metric]} ${direction === 'drop' ? fell : rose} to a median of ${fmt(value)} a day from ${start}, ` +
      `${changeAgainst(value, first.expected)} expected ${fmt(first.expected)} (${basisOf(metric, first, start)}), ` +
      `and stayed there for ${idx.length} days, to ${last}: a lasting level shift, reported once.`;
  } else {
    const s = scores[peakAt]!;
    const day = days[idx[peakAt]!]!;
    const span = idx.length > 1 ? ` on ${day.date}, the peak of ${idx.length} unusual days,` : ` on ${day.date},`;
    text =
      `${LABEL[metric]} ${was} ${fmt(s.value)}${detail(metric, day)}${span} ` +
      `${changeAgainst(s.value, s.expected)} expected ${fmt(s.expected)} (${basisOf(metric, s, day.date)}); robust z-score ${s.z.toFixed(1)}.`;
  }
  if (forest !== null) text += ` The isolation forest also ranks this campaign-day among the most unusual across campaigns (score ${forest.toFixed(2)}).`;
  return text;
}

function medianBy<T>(items: T[], f: (t: T) => number): number {
  const v = items.map(f).sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

function round(v: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(v * p) / p;
}
