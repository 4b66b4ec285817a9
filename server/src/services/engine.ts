import {
  Thresholds,
  type AnomaliesResponse,
  type Anomaly,
  type CampaignHealthResponse,
  type HealthStatus,
  type ModelInfo,
  type RecommendationsResponse,
  type Severity,
  type ThresholdsResponse,
  type ThresholdsUpdate,
} from '@retailmind/sdk/contract';
import { addDays } from '../dates.js';
import { detectAnomalies, LOOKBACK_DAYS } from '../engine/anomalies.js';
import { campaignHealth, TREND_DAYS } from '../engine/health.js';
import { HOLDOUT_DAYS, impactEstimator, trainModel, TRAINING_DAYS, type ModelReport } from '../engine/model.js';
import { recommend } from '../engine/recommendations.js';
import { DEFAULT_THRESHOLDS, mergeThresholds, thresholdConflicts, thresholdsFromStored } from '../engine/thresholds.js';
import type { CampaignSeries } from '../engine/types.js';
import { channelStats, type CampaignWindow, type ChannelBudget } from '../engine/window.js';
import { ApiError, validationError } from '../http/errors.js';
import * as m from '../metrics/index.js';
import { budgetPeriods, type Filter } from '../store/queries.js';
import { campaignList, campaignTotals, engineVersions, type CampaignRow } from '../store/series.js';
import { readStoredThresholds, writeStoredThresholds } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { loadSeries, sliceSeries } from './engine-input.js';
import { DEFAULT_RANGE_DAYS } from './filter.js';
import { Lru } from './lru.js';

type Range = { from: string; to: string };
type Versions = { data: number; thresholds: number };

/** Results kept per (data version, thresholds version, question); a change to either makes new keys. */
const CACHE_ENTRIES = 64;
/** Days before the latest that one shared read of the store covers: the model's window with a month for its carry-over to build up, which holds the default ranges' look-backs too. */
const RECENT_DAYS = TRAINING_DAYS + 30;
/** How long that read is kept after it is made (the questions a data change raises come together). */
const RECENT_KEEP_MS = 60_000;

/**
 * The decision engine as a service: reads through the store, runs the pure functions of
 * `engine/`, and caches each answer by (data version, thresholds version, range). Answers are
 * computed for every campaign and filtered afterwards, so one computation serves every filter
 * and channel benchmarks never depend on the filter. Concurrent identical requests share one
 * computation (the cache holds promises).
 */
export class DecisionEngine {
  private readonly cache = new Lru<string, Promise<unknown>>(CACHE_ENTRIES);
  private thresholdsCache: { version: number; value: Thresholds } | null = null;
  /** The shared read of the latest days (see `series`). */
  private recent: { dataVersion: number; token: object; series: Promise<CampaignSeries[]>; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly store: Store) {}

  private memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const run = compute();
    this.cache.set(key, run);
    run.catch(() => this.cache.delete(key));
    return run;
  }

  versions(): Promise<Versions> {
    return engineVersions(this.store.db);
  }

  async thresholds(): Promise<{ thresholds: Thresholds; version: number }> {
    const { value, version } = await readStoredThresholds(this.store.db);
    if (this.thresholdsCache?.version !== version || version === 0) this.thresholdsCache = { version, value: thresholdsFromStored(value) };
    return { thresholds: this.thresholdsCache.value, version };
  }

  async thresholdsResponse(): Promise<ThresholdsResponse> {
    const { thresholds, version } = await this.thresholds();
    return { thresholds, defaults: DEFAULT_THRESHOLDS, version };
  }

  /** Lays `update` over the current thresholds; a combination that contradicts itself is a 400 naming the field. */
  async updateThresholds(update: ThresholdsUpdate): Promise<ThresholdsResponse> {
    const { thresholds } = await this.thresholds();
    const parsed = Thresholds.safeParse(mergeThresholds(thresholds, update));
    if (!parsed.success) throw validationError('json', parsed.error.issues);
    const next = parsed.data;
    const conflicts = thresholdConflicts(next);
    if (conflicts.length > 0) {
      const first = conflicts[0]!;
      throw new ApiError(400, 'invalid_json', `body field \`${first.field}\`: ${first.message}`, { fields: conflicts });
    }
    const version = await writeStoredThresholds(this.store.db, next);
    this.thresholdsCache = { version, value: next };
    return { thresholds: next, defaults: DEFAULT_THRESHOLDS, version };
  }

  /** Every campaign's anomalies starting in the range. */
  async anomaliesIn(range: Range): Promise<Anomaly[]> {
    const [v, { thresholds }] = await Promise.all([this.versions(), this.thresholds()]);
    return this.memo(`anomalies|${v.data}|${v.thresholds}|${range.from}|${range.to}`, async () => {
      const series = await this.series({ from: addDays(range.from, -LOOKBACK_DAYS), to: range.to });
      return detectAnomalies(series, thresholds.anomalies, range);
    });
  }

  async anomalies(filter: Filter & { severities?: Severity[] | undefined }): Promise<AnomaliesResponse> {
    const all = await this.anomaliesIn(filter);
    const anomalies = all.filter((a) => matches(a, filter) && (!filter.severities?.length || filter.severities.includes(a.severity)));
    return { range: { from: filter.from, to: filter.to }, anomalies, count: anomalies.length };
  }

  /** For the dashboard summary's `anomalyCount`: anomalies in its range under the same filter. */
  async anomalyCount(filter: Filter): Promise<number> {
    return (await this.anomaliesIn(filter)).filter((a) => matches(a, filter)).length;
  }

  /** The revenue model, trained on the latest `TRAINING_DAYS` days; retrained when the data changes. */
  async modelReport(): Promise<ModelReport & { dataVersion: number }> {
    const v = await this.versions();
    return this.memo(`model|${v.data}`, async () => {
      const latest = (await this.store.dimensions()).maxDate;
      const none = trainModel([], latest ?? '1970-01-01');
      if (!latest) return { ...none, dataVersion: v.data };
      // A month more than the training window, so carry-over has built up by its first day.
      const series = await this.series({ from: addDays(latest, -RECENT_DAYS), to: latest });
      return { ...trainModel(series, latest), dataVersion: v.data };
    });
  }

  async model(): Promise<ModelInfo> {
    return describeModel(await this.modelReport());
  }

  async recommendations(filter: Filter): Promise<RecommendationsResponse> {
    const [v, { thresholds }] = await Promise.all([this.versions(), this.thresholds()]);
    const report = await this.modelReport();
    const range = { from: filter.from, to: filter.to };
    const all = await this.memo(`recommendations|${v.data}|${v.thresholds}|${range.from}|${range.to}`, async () => {
      const { windows, budgets } = await this.windows(range);
      const series = report.model ? await this.series({ from: addDays(range.from, -60), to: range.to }) : [];
      return recommend({
        windows,
        channels: channelStats(windows, budgets),
        thresholds: thresholds.recommendations,
        impact: report.model ? impactEstimator(report.model, series, range) : null,
        modelFit: report.holdout?.model.r2 ?? 0,
      });
    });
    const recommendations = all.filter((r) => inList(r.channel, filter.channels) && inList(r.segment, filter.segments));
    return { range, recommendations, model: describeModel(report) };
  }

  async campaignHealth(query: { statuses?: HealthStatus[] | undefined; channels?: string[] | undefined; segments?: string[] | undefined }): Promise<CampaignHealthResponse> {
    const [v, { thresholds }, dims] = await Promise.all([this.versions(), this.thresholds(), this.store.dimensions()]);
    const t = thresholds.health;
    const latest = dims.maxDate ?? new Date().toISOString().slice(0, 10);
    const range = { from: addDays(latest, -(t.windowDays - 1)), to: latest };
    const all = await this.memo(`health|${v.data}|${v.thresholds}|${range.from}|${range.to}`, async () => {
      // The dashboard's default range is most likely computed (and cached) already; recent days are a slice of it.
      const recentFrom = addDays(latest, -(t.recentDays - 1));
      const anomalyRange = { from: minDate(recentFrom, addDays(latest, -(DEFAULT_RANGE_DAYS - 1))), to: latest };
      const [{ windows, budgets }, inRange] = await Promise.all([this.windows(range), this.anomaliesIn(anomalyRange)]);
      const recent = inRange.filter((a) => a.date >= recentFrom);
      const channels = channelStats(windows, budgets);
      return windows
        .filter((w) => w.spend > 0)
        .map((w) => campaignHealth(w, channels.get(w.campaign.channel), recent.filter((a) => a.campaignId === w.campaign.id), t))
        .sort((a, b) => a.score - b.score || a.campaignId.localeCompare(b.campaignId));
    });
    const scoped = all.filter((h) => inList(h.channel, query.channels) && inList(h.segment, query.segments));
    const counts = { healthy: 0, attention: 0, critical: 0 };
    for (const h of scoped) counts[h.status]++;
    const campaigns = scoped.filter((h) => !query.statuses?.length || query.statuses.includes(h.status));
    return { range, campaigns, counts, thresholds: t };
  }

  /**
   * Every campaign's days in `range`. Ranges within the latest `RECENT_DAYS` days (the default
   * ranges' anomalies and recommendations, and the model) share one read of them per data version,
   * so the questions a data change raises read the store once instead of once each; the read is
   * let go after `RECENT_KEEP_MS`. Other ranges are read on their own.
   */
  private async series(range: Range): Promise<CampaignSeries[]> {
    const dims = await this.store.dimensions();
    const latest = dims.maxDate;
    if (!latest || range.to > latest || range.from < addDays(latest, -RECENT_DAYS)) return loadSeries(this.store.db, range);
    let entry = this.recent;
    if (entry?.dataVersion !== dims.dataVersion) {
      if (entry) clearTimeout(entry.timer);
      // The timer holds a token, not the read, so a superseded read is free to go at once.
      const token = {};
      const forget = () => {
        if (this.recent?.token === token) this.recent = null;
      };
      const series = loadSeries(this.store.db, { from: addDays(latest, -RECENT_DAYS), to: latest });
      series.catch(forget);
      this.recent = entry = { dataVersion: dims.dataVersion, token, series, timer: setTimeout(forget, RECENT_KEEP_MS).unref() };
    }
    return sliceSeries(await entry.series, range);
  }

  /** Per-campaign sums over the range (in SQL) and each channel's budget against its spend. */
  private async windows(range: Range): Promise<{ windows: CampaignWindow[]; budgets: ChannelBudget[] }> {
    const db = this.store.db;
    const [campaigns, totals, periods] = await Promise.all([
      campaignList(db),
      campaignTotals(db, range, addDays(range.to, -(TREND_DAYS - 1))),
      budgetPeriods(db, range),
    ]);
    const byId = new Map<string, CampaignRow>(campaigns.map((c) => [c.id, c]));
    const windows: CampaignWindow[] = [];
    for (const t of totals) {
      const campaign = byId.get(t.campaignId);
      if (!campaign) continue;
      windows.push({
        campaign,
        days: t.days,
        impressions: t.impressions,
        clicks: t.clicks,
        spend: t.spendMicros / 1e6,
        transactions: t.transactions,
        revenue: t.revenueMicros / 1e6,
        recentClicks: t.recentClicks,
        recentTransactions: t.recentTransactions,
      });
    }
    const allocated = new Map<string, number>();
    for (const p of periods) {
      const share = m.proratedAllocation({ start: p.start, end: p.end, allocated: p.allocatedMicros / 1e6 }, range);
      allocated.set(p.channel, (allocated.get(p.channel) ?? 0) + share);
    }
    const spendByChannel = new Map<string, number>();
    for (const w of windows) spendByChannel.set(w.campaign.channel, (spendByChannel.get(w.campaign.channel) ?? 0) + w.spend);
    const budgets = [...allocated].map(([channel, a]) => ({ channel, allocated: a, spend: spendByChannel.get(channel) ?? 0 }));
    return { windows, budgets };
  }
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function inList(value: string, list: string[] | undefined): boolean {
  return !list?.length || list.includes(value);
}

function matches(a: Anomaly, filter: Filter): boolean {
  return inList(a.channel, filter.channels) && inList(a.segment, filter.segments) && inList(a.campaignId, filter.campaigns);
}

function describeModel(report: ModelReport & { dataVersion: number }): ModelInfo {
  const decays = Object.entries(report.decays)
    .map(([c, d]) => `${c} ${d}`)
    .join(', ');
  return {
    status: report.status,
    description:
      report.status === 'trained'
        ? `Linear regression (ml-regression, ridge-penalised) of log revenue per campaign-day, one per channel, on log spend, ` +
          `log adstocked spend, the channel's log adstocked spend, log clicks, log impressions and the weekday. ` +
          `Carry-over per channel: ${decays}. Trained on the latest ${TRAINING_DAYS} days but the last ${HOLDOUT_DAYS}, ` +
          `which are held out to compare it with two naive baselines; then refitted on every day for the recommendations' estimates.`
        : 'Not enough campaign-days with spend to train the revenue model yet.',
    target: 'revenue per campaign-day',
    features: report.features,
    adstockDecay: report.decays,
    training: report.training,
    holdout: report.holdout,
    beatsBaselines: report.beatsBaselines,
    dataVersion: report.dataVersion,
  };
}

const engines = new WeakMap<Store, DecisionEngine>();

/** The one engine (and so the one cache) per store, shared by the routes, the summary and the live layer. */
export function engineFor(store: Store): DecisionEngine {
  let engine = engines.get(store);
  if (!engine) engines.set(store, (engine = new DecisionEngine(store)));
  return engine;
}
