import { formatIsoDay } from './dates.js';
import type { World } from './model.js';
import { Rng } from './random.js';
import type { Store } from './simulate.js';

/**
 * Labelled anomalies, injected into the clean observed rows (they never feed the response
 * curves). Each event is checked before it is applied: every metric it is labelled with must be
 * clearly visible against the campaign's recent history (≥ SPIKE × or ≤ DROP × the median of
 * the 14 days before, event days excluded), and every metric it is not labelled with must move
 * by less than UNLABELLED_TOLERANCE on that day — so a detector can be scored on precision and
 * recall against the labels.
 */

export const ANOMALY_TYPES = ['spend_spike', 'conversion_drop', 'click_spike', 'revenue_spike', 'tracking_shift'] as const;
export type AnomalyType = (typeof ANOMALY_TYPES)[number];
export const METRICS = ['spend', 'clicks', 'conversionRate', 'revenue', 'cpa'] as const;
export type Metric = (typeof METRICS)[number];
export type Direction = 'spike' | 'drop';

/** The metrics each event type visibly moves, and only those. */
export const EVENT_LABELS: Record<AnomalyType, readonly { metric: Metric; direction: Direction }[]> = {
  spend_spike: [
    { metric: 'spend', direction: 'spike' },
    { metric: 'cpa', direction: 'spike' },
  ],
  conversion_drop: [
    { metric: 'conversionRate', direction: 'drop' },
    { metric: 'revenue', direction: 'drop' },
    { metric: 'cpa', direction: 'spike' },
  ],
  click_spike: [
    { metric: 'clicks', direction: 'spike' },
    { metric: 'conversionRate', direction: 'drop' },
  ],
  revenue_spike: [{ metric: 'revenue', direction: 'spike' }],
  // A lasting shift is labelled once, at its first day.
  tracking_shift: [
    { metric: 'conversionRate', direction: 'drop' },
    { metric: 'revenue', direction: 'drop' },
  ],
};

export interface AnomalyLabel {
  date: string;
  campaign_id: string;
  metric: Metric;
  direction: Direction;
}

export interface AnomalyEvent {
  type: AnomalyType;
  campaign_id: string;
  start_date: string;
  end_date: string;
  duration_days: number;
  /** Multiplier applied (tracking_shift: 0, transactions and revenue zeroed). */
  factor: number;
  /** revenue_spike only: transactions added by the bulk order. */
  added_transactions?: number;
  labels: { metric: Metric; direction: Direction }[];
}

export const RULES = {
  /** No event in a campaign's first 21 days of data: a detector needs history. */
  warmupDays: 21,
  /** Windows of two events on one campaign are at least this many days apart. */
  minGapDays: 10,
  /** A campaign needs this many clicks and transactions per active day on average. */
  minAvgClicks: 30,
  minAvgTransactions: 8,
  /** Baseline: median of the previous `baselineDays` days (event days excluded), at least `minBaselineDays` of them. */
  baselineDays: 14,
  minBaselineDays: 7,
  spike: 2.5,
  drop: 0.4,
  unlabelledTolerance: 1.25,
  /** Roughly one event per 2 campaigns per 60 days. */
  eventsPerCampaignDay: 1 / 120,
  typeWeights: { spend_spike: 0.24, conversion_drop: 0.2, click_spike: 0.2, revenue_spike: 0.2, tracking_shift: 0.16 },
} as const;

interface DayValues {
  spend: number;
  clicks: number;
  transactions: number;
  revenue: number;
}

function metric(m: Metric, v: DayValues): number | null {
  switch (m) {
    case 'spend':
      return v.spend;
    case 'clicks':
      return v.clicks;
    case 'revenue':
      return v.revenue;
    case 'conversionRate':
      return v.clicks > 0 ? v.transactions / v.clicks : null;
    case 'cpa':
      return v.transactions > 0 ? v.spend / v.transactions : null;
  }
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Planned {
  type: AnomalyType;
  campaign: number;
  start: number;
  end: number;
  factor: number;
  added: number;
}

export interface InjectResult {
  events: AnomalyEvent[];
  labels: AnomalyLabel[];
  /** Campaign-day cells covered by an event (`day * nC + campaign`). */
  mask: Uint8Array;
}

/** Injects labelled anomalies into `store` (in place) and returns the events and labels. */
export function injectAnomalies(world: World, store: Store): InjectResult {
  const rng = Rng.stream(world.options.seed, 'anomalies');
  const { nC, nD } = store;
  const mask = new Uint8Array(nC * nD);
  const windows: [number, number][][] = world.campaigns.map(() => []);

  const day = (c: number, d: number): DayValues => {
    const i = d * nC + c;
    let transactions = 0;
    let revenue = 0;
    const s = store.salesStart[i]!;
    if (s >= 0)
      for (let k = s; k < s + store.salesCount[i]!; k++) {
        transactions += store.sales.trans[k]!;
        revenue += store.sales.rev[k]!;
      }
    return { spend: store.spend[i]!, clicks: store.clicks[i]!, transactions, revenue };
  };

  const baseline = (c: number, d: number, m: Metric): number | null => {
    const xs: number[] = [];
    for (let k = Math.max(0, d - RULES.baselineDays); k < d; k++) {
      const i = k * nC + c;
      if (!store.active[i] || mask[i]) continue;
      const v = metric(m, day(c, k));
      if (v !== null) xs.push(v);
    }
    return xs.length >= RULES.minBaselineDays ? median(xs) : null;
  };

  // Campaigns with enough volume for an event to be statistically visible.
  const eligible: number[] = [];
  for (const camp of world.campaigns) {
    const n = camp.lastIdx - camp.firstIdx + 1;
    if (n <= RULES.warmupDays) continue;
    let clicks = 0;
    let transactions = 0;
    for (let d = camp.firstIdx; d <= camp.lastIdx; d++) {
      const v = day(camp.index, d);
      clicks += v.clicks;
      transactions += v.transactions;
    }
    if (clicks / n >= RULES.minAvgClicks && transactions / n >= RULES.minAvgTransactions) eligible.push(camp.index);
  }

  const after = (p: Planned, before: DayValues): DayValues => {
    switch (p.type) {
      case 'spend_spike':
        return { ...before, spend: Math.round(before.spend * p.factor) };
      case 'click_spike':
        return { ...before, clicks: Math.round(before.clicks * p.factor) };
      case 'conversion_drop':
        return {
          ...before,
          transactions: Math.max(1, Math.round(before.transactions * p.factor)),
          revenue: Math.round(before.revenue * p.factor),
        };
      case 'revenue_spike':
        return {
          ...before,
          transactions: before.transactions + p.added,
          revenue: Math.round(before.revenue * p.factor),
        };
      case 'tracking_shift':
        return { ...before, transactions: 0, revenue: 0 };
    }
  };

  /** Would the event be visible on exactly the metrics it is labelled with? */
  const visible = (p: Planned): boolean => {
    const c = p.campaign;
    const before = day(c, p.start);
    if (before.transactions < 1 || before.clicks < 1) return false;
    const now = after(p, before);
    const labels = EVENT_LABELS[p.type];
    for (const m of METRICS) {
      const label = labels.find((l) => l.metric === m);
      const v1 = metric(m, now);
      if (label) {
        const b = baseline(c, p.start, m);
        if (b === null || b <= 0 || v1 === null) return false;
        if (label.direction === 'spike' ? v1 < RULES.spike * b : v1 > RULES.drop * b) return false;
      } else {
        const v0 = metric(m, before);
        // A broken pixel leaves CPA undefined (no transactions), not spiking: nothing to label.
        if (p.type === 'tracking_shift' && m === 'cpa') continue;
        if (v0 === null || v1 === null) {
          if (v0 !== v1) return false;
          continue;
        }
        const ratio = v0 === 0 ? (v1 === 0 ? 1 : Infinity) : v1 / v0;
        if (ratio > RULES.unlabelledTolerance || ratio < 1 / RULES.unlabelledTolerance) return false;
      }
    }
    return true;
  };

  const fits = (c: number, start: number, end: number): boolean =>
    windows[c]!.every(([s, e]) => start >= e + RULES.minGapDays || end + RULES.minGapDays <= s);

  const draw = (type: AnomalyType): Planned | null => {
    const c = rng.pick(eligible);
    const camp = world.campaigns[c]!;
    const first = camp.firstIdx + RULES.warmupDays;
    if (first > camp.lastIdx) return null;
    const start = rng.int(first, camp.lastIdx);
    let end = start;
    let factor = 0;
    let added = 0;
    switch (type) {
      case 'spend_spike':
        factor = round2(rng.uniform(3, 5));
        break;
      case 'conversion_drop':
        factor = round2(rng.uniform(0.1, 0.3));
        break;
      case 'click_spike':
        factor = round2(rng.uniform(4, 8));
        break;
      case 'revenue_spike':
        factor = round2(rng.uniform(3, 5));
        added = rng.int(1, 3);
        break;
      case 'tracking_shift': {
        end = start + rng.int(7, 20) - 1;
        if (end > camp.lastIdx) {
          // It may run until the end of the data, but not past the campaign's last day.
          if (camp.lastIdx !== nD - 1 || camp.lastIdx - start + 1 < 7) return null;
          end = camp.lastIdx;
        }
        break;
      }
    }
    if (!fits(c, start, end)) return null;
    const p: Planned = { type, campaign: c, start, end, factor, added };
    return visible(p) ? p : null;
  };

  const target = eligible.length === 0 ? 0 : Math.max(1, Math.round(nC * nD * RULES.eventsPerCampaignDay));
  const types: AnomalyType[] = [];
  if (target >= ANOMALY_TYPES.length) types.push(...rng.shuffle(ANOMALY_TYPES));
  const weights = ANOMALY_TYPES.map((t) => RULES.typeWeights[t]);
  while (types.length < target) types.push(ANOMALY_TYPES[rng.weighted(weights)]!);

  const planned: Planned[] = [];
  for (const [n, type] of types.entries()) {
    const attempts = n < ANOMALY_TYPES.length ? 500 : 60;
    for (let a = 0; a < attempts; a++) {
      const p = draw(type);
      if (!p) continue;
      apply(store, p);
      windows[p.campaign]!.push([p.start, p.end]);
      for (let d = p.start; d <= p.end; d++) mask[d * nC + p.campaign] = 1;
      planned.push(p);
      break;
    }
  }

  planned.sort((a, b) => a.start - b.start || a.campaign - b.campaign);
  const events: AnomalyEvent[] = [];
  const labels: AnomalyLabel[] = [];
  for (const p of planned) {
    const camp = world.campaigns[p.campaign]!;
    const date = formatIsoDay(world.firstDay + p.start);
    const ls = EVENT_LABELS[p.type].map((l) => ({ ...l }));
    events.push({
      type: p.type,
      campaign_id: camp.id,
      start_date: date,
      end_date: formatIsoDay(world.firstDay + p.end),
      duration_days: p.end - p.start + 1,
      factor: p.factor,
      ...(p.type === 'revenue_spike' ? { added_transactions: p.added } : {}),
      labels: ls,
    });
    for (const l of ls) labels.push({ date, campaign_id: camp.id, ...l });
  }
  labels.sort(
    (a, b) =>
      cmp(a.date, b.date) || cmp(a.campaign_id, b.campaign_id) || METRICS.indexOf(a.metric) - METRICS.indexOf(b.metric),
  );
  return { events, labels, mask };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Applies one event to the observed rows. */
function apply(store: Store, p: Planned): void {
  const { nC } = store;
  for (let d = p.start; d <= p.end; d++) {
    const i = d * nC + p.campaign;
    const s = store.salesStart[i]!;
    const n = s >= 0 ? store.salesCount[i]! : 0;
    switch (p.type) {
      case 'spend_spike':
        store.spend[i] = Math.round(store.spend[i]! * p.factor);
        break;
      case 'click_spike': {
        const clicks = Math.round(store.clicks[i]! * p.factor);
        store.clicks[i] = clicks;
        // Bot traffic brings its own impressions when it would otherwise exceed them.
        if (clicks > store.impressions[i]!) store.impressions[i] = clicks;
        break;
      }
      case 'conversion_drop': {
        let t = 0;
        let r = 0;
        for (let k = s; k < s + n; k++) {
          t += store.sales.trans[k]!;
          r += store.sales.rev[k]!;
        }
        redistribute(store, s, n, Math.max(1, Math.round(t * p.factor)), Math.round(r * p.factor));
        break;
      }
      case 'revenue_spike': {
        // One bulk order: added to the product row with the most revenue.
        let best = s;
        let r = 0;
        for (let k = s; k < s + n; k++) {
          r += store.sales.rev[k]!;
          if (store.sales.rev[k]! > store.sales.rev[best]!) best = k;
        }
        store.sales.trans[best]! += p.added;
        store.sales.rev[best]! += Math.round(r * p.factor) - r;
        break;
      }
      case 'tracking_shift':
        for (let k = s; k < s + n; k++) {
          store.sales.trans[k] = 0;
          store.sales.rev[k] = 0;
        }
        break;
    }
  }
}

/** Sets a campaign-day's rows to new totals, keeping each row's revenue consistent with its transactions. */
function redistribute(store: Store, s: number, n: number, transactions: number, revenue: number): void {
  let total = 0;
  let heaviest = s;
  for (let k = s; k < s + n; k++) {
    total += store.sales.trans[k]!;
    if (store.sales.trans[k]! > store.sales.trans[heaviest]!) heaviest = k;
  }
  let given = 0;
  for (let k = s; k < s + n; k++) {
    const t = Math.floor((store.sales.trans[k]! * transactions) / total);
    store.sales.trans[k] = t;
    given += t;
  }
  store.sales.trans[heaviest]! += transactions - given;
  let last = -1;
  for (let k = s; k < s + n; k++) if (store.sales.trans[k]! > 0) last = k;
  let rest = revenue;
  for (let k = s; k < s + n; k++) {
    const t = store.sales.trans[k]!;
    const r = t === 0 ? 0 : k === last ? rest : Math.floor((revenue * t) / transactions);
    store.sales.rev[k] = r;
    rest -= r;
  }
}
