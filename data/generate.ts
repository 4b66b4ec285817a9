/**
 * Seeded synthetic retail marketing data with labelled ground truth.
 *
 *   npx tsx data/generate.ts --seed 42 --days 60 --campaigns 24 --out data/sample
 *
 * Revenue follows per-channel saturating response curves with carry-over (adstock → Hill),
 * weekly seasonality and noise, so budget decisions matter. Anomalies are injected afterwards
 * as perturbations of what was recorded and listed in `anomalies_truth.csv`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ANOMALY_TYPES, applyEvent, labelsOf, round2, type AnomalyEvent, type AnomalyLabel, type AnomalyType, type CampaignDay } from './src/anomalies.js';
import { csvFile, csvLine } from './src/csv.js';
import { Random } from './src/random.js';
import { adstock, hill } from './src/response.js';

export interface GenerateOptions {
  seed: number;
  days: number;
  campaigns: number;
  channels: string[];
  segments: string[];
  /** Last day of the data, `YYYY-MM-DD`; fixed by default so a seed always gives the same bytes. */
  end: string;
  products: number;
}

export const DEFAULT_OPTIONS: GenerateOptions = {
  seed: 42,
  days: 60,
  campaigns: 24,
  channels: ['Paid Search', 'Social', 'Email', 'Display', 'Affiliate', 'Video'],
  segments: ['New Customers', 'Returning', 'Loyalty Members'],
  end: '2026-10-31',
  products: 8,
};

export const FILE_HEADERS = {
  campaigns: ['campaign_id', 'campaign_name', 'channel', 'segment', 'start_date', 'end_date'],
  campaign_daily: ['date', 'campaign_id', 'impressions', 'clicks', 'spend'],
  sales_daily: ['date', 'campaign_id', 'product', 'transactions', 'revenue'],
  customer_daily: ['date', 'segment', 'channel', 'customers', 'repeat_customers', 'orders', 'items'],
  budgets: ['period_start', 'period_end', 'channel', 'allocated'],
} as const;
export type DataFile = keyof typeof FILE_HEADERS;

export interface ChannelTruth {
  theta: number;
  K: number;
  S: number;
  beta: number;
  cpm: number;
  ctr: number;
  /** Multipliers by weekday, Sunday first (JavaScript's getUTCDay order). */
  weekday: number[];
  meanDailySpend: number;
}

export interface Truth {
  seed: number;
  options: GenerateOptions;
  dateRange: { from: string; to: string };
  revenueModel: string;
  noiseSigma: number;
  organicDailyRevenue: number;
  channels: Record<string, ChannelTruth>;
  anomalies: Array<Omit<AnomalyEvent, 'startDay'> & { startDate: string }>;
}

export interface Dataset {
  channels: string[];
  segments: string[];
  files: Record<DataFile, string>;
  truth: Truth;
  anomaliesCsv: string;
  labels: Array<Omit<AnomalyLabel, 'day'> & { date: string }>;
}

const NOISE_SIGMA = 0.1;
const PRODUCTS = ['Sneakers', 'Denim Jacket', 'Wool Sweater', 'Leather Bag', 'Sunglasses', 'Running Shorts', 'Scarf', 'Ankle Boots', 'Backpack', 'Watch', 'Beanie', 'Rain Coat'];
const THEMES = ['Spring Sale', 'Back to School', 'Weekend Deals', 'New Arrivals', 'Clearance', 'Loyalty Boost', 'Holiday Preview', 'Flash Offer'];
/** A retail week, Sunday first: weekends sell more. */
const RETAIL_WEEK = [1.12, 0.92, 0.95, 0.97, 1.0, 1.08, 1.18];

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Campaign {
  id: string;
  name: string;
  channel: number;
  segment: number;
  startDay: number;
  endDay: number;
  endDate: string;
  products: number[];
  plan: number;
  ctr: number;
  cpm: number;
  changeDay: number;
  changeFactor: number;
}

export function generateDataset(partial: Partial<GenerateOptions> = {}): Dataset {
  const o: GenerateOptions = { ...DEFAULT_OPTIONS, ...partial };
  validateOptions(o);
  const r = new Random(o.seed);
  const endMs = Date.parse(`${o.end}T00:00:00Z`);
  const startMs = endMs - (o.days - 1) * DAY_MS;
  const dates = Array.from({ length: o.days }, (_, d) => isoDay(startMs + d * DAY_MS));
  const dow = dates.map((_, d) => new Date(startMs + d * DAY_MS).getUTCDay());
  const catalogue = Array.from({ length: o.products }, (_, i) => ({
    name: i < PRODUCTS.length ? PRODUCTS[i]! : `Product ${i + 1}`,
    aov: round2(r.uniform(25, 140)),
  }));

  const channelSetup = o.channels.map(() => ({
    campaignBase: r.uniform(80, 600),
    cpm: r.uniform(3, 25),
    ctr: r.uniform(0.006, 0.035),
    theta: r.uniform(0.2, 0.7),
    S: r.uniform(1.0, 2.5),
    regime: r.uniform(0.4, 2.0),
    roas: r.uniform(1.6, 5),
    weekday: RETAIL_WEEK.map((w) => w * r.uniform(0.97, 1.03)),
  }));

  const campaigns: Campaign[] = Array.from({ length: o.campaigns }, (_, c) => {
    const channel = c % o.channels.length;
    const segment = (c + Math.floor(c / o.channels.length)) % o.segments.length;
    const setup = channelSetup[channel]!;
    const u = r.next();
    const startDay = u < 0.15 ? r.int(1, Math.floor(o.days / 3)) : 0;
    const endDay = u >= 0.15 && u < 0.3 ? r.int(Math.floor((2 * o.days) / 3), o.days - 2) : o.days - 1;
    const productCount = r.int(1, Math.min(3, o.products));
    const products = r.shuffle(Array.from({ length: o.products }, (_, i) => i)).slice(0, productCount);
    return {
      id: `C${String(c + 1).padStart(4, '0')}`,
      name: `${THEMES[c % THEMES.length]} · ${o.channels[channel]} ${c + 1}`,
      channel,
      segment,
      startDay,
      endDay,
      endDate: endDay < o.days - 1 ? dates[endDay]! : '',
      products,
      plan: setup.campaignBase * r.lognormal(0.35),
      ctr: setup.ctr * r.lognormal(0.15),
      cpm: setup.cpm * r.lognormal(0.1),
      changeDay: r.next() < 0.3 ? r.int(Math.floor(o.days / 4), Math.floor((3 * o.days) / 4)) : o.days,
      changeFactor: r.uniform(0.7, 1.4),
    };
  });

  // Spend per campaign-day, then each channel's true response.
  const spend = campaigns.map((c) =>
    dates.map((_, d) => (d < c.startDay || d > c.endDay ? 0 : round2(c.plan * (d >= c.changeDay ? c.changeFactor : 1) * r.lognormal(NOISE_SIGMA)))),
  );
  const truthChannels: Record<string, ChannelTruth> = {};
  const campaignRevenue = campaigns.map(() => new Array<number>(o.days).fill(0));
  o.channels.forEach((name, ch) => {
    const setup = channelSetup[ch]!;
    const members = campaigns.map((c, i) => (c.channel === ch ? i : -1)).filter((i) => i >= 0);
    const channelSpend = dates.map((_, d) => members.reduce((s, i) => s + spend[i]![d]!, 0));
    const channelAd = adstock(channelSpend, setup.theta);
    const meanSpend = channelSpend.reduce((a, b) => a + b, 0) / o.days;
    const meanAd = channelAd.reduce((a, b) => a + b, 0) / o.days;
    const K = Math.max(1, meanAd * setup.regime);
    const beta = meanAd > 0 ? (setup.roas * meanSpend) / hill(meanAd, K, setup.S) : 0;
    truthChannels[name] = { theta: setup.theta, K, S: setup.S, beta, cpm: setup.cpm, ctr: setup.ctr, weekday: setup.weekday, meanDailySpend: meanSpend };
    const memberAd = members.map((i) => adstock(spend[i]!, setup.theta));
    for (let d = 0; d < o.days; d++) {
      if (channelAd[d]! <= 0) continue;
      const revenue = beta * hill(channelAd[d]!, K, setup.S) * setup.weekday[dow[d]!]! * r.lognormal(NOISE_SIGMA);
      members.forEach((i, m) => (campaignRevenue[i]![d] = (revenue * memberAd[m]![d]!) / channelAd[d]!));
    }
  });

  // What was recorded per campaign-day.
  const observed = campaigns.map((c, i) => {
    const days = new Map<number, CampaignDay>();
    for (let d = 0; d < o.days; d++) {
      const s = spend[i]![d]!;
      const revenue = campaignRevenue[i]![d]!;
      if (s === 0 && revenue < 1) continue;
      const impressions = s > 0 ? Math.max(1, Math.round((s / c.cpm) * 1000 * r.lognormal(0.05))) : 0;
      const clicks = Math.min(impressions, Math.round(impressions * c.ctr * r.lognormal(0.08)));
      const weights = c.products.map(() => r.lognormal(0.3));
      const total = weights.reduce((a, b) => a + b, 0);
      const sales = c.products
        .map((p, k) => {
          const rev = round2((revenue * weights[k]!) / total);
          return { product: catalogue[p]!.name, transactions: Math.round(rev / catalogue[p]!.aov), revenue: rev };
        })
        .filter((x) => x.revenue >= 1)
        .map((x) => ({ ...x, transactions: Math.max(1, x.transactions) }));
      days.set(d, { day: d, spend: s, impressions, clicks, sales });
    }
    return days;
  });

  const events = injectAnomalies(r, o, campaigns, observed);
  const labels = events.flatMap(labelsOf).sort((a, b) => a.day - b.day || a.campaignId.localeCompare(b.campaignId) || a.metric.localeCompare(b.metric));

  // Files.
  const campaignRows = campaigns.map((c) => csvLine([c.id, c.name, o.channels[c.channel]!, o.segments[c.segment]!, dates[c.startDay]!, c.endDate]));
  const dailyRows: string[] = [];
  const salesRows: string[] = [];
  const customerRows: string[] = [];
  const organicBase = campaigns.reduce((s, _c, i) => s + campaignRevenue[i]!.reduce((a, b) => a + b, 0), 0) / o.days * 0.15;
  const segmentTraits = o.segments.map(() => ({ repeat: r.uniform(0.1, 0.7), cart: r.uniform(1.5, 3.5) }));
  for (let d = 0; d < o.days; d++) {
    const date = dates[d]!;
    const orders = new Map<string, number>();
    campaigns.forEach((c, i) => {
      const day = observed[i]!.get(d);
      if (!day) return;
      if (day.spend > 0) dailyRows.push(csvLine([date, c.id, day.impressions, day.clicks, day.spend.toFixed(2)]));
      for (const s of day.sales) {
        salesRows.push(csvLine([date, c.id, s.product, s.transactions, s.revenue.toFixed(2)]));
        const key = `${c.segment}|${c.channel}`;
        orders.set(key, (orders.get(key) ?? 0) + s.transactions);
      }
    });
    for (const p of catalogue) {
      if (r.next() < 0.2) continue;
      const revenue = round2((organicBase / o.products) * RETAIL_WEEK[dow[d]!]! * r.lognormal(0.15));
      if (revenue >= 1) salesRows.push(csvLine([date, '', p.name, Math.max(1, Math.round(revenue / p.aov)), revenue.toFixed(2)]));
    }
    for (const [key, n] of [...orders].sort(([a], [b]) => a.localeCompare(b))) {
      if (n === 0) continue;
      const [seg, ch] = key.split('|').map(Number) as [number, number];
      const traits = segmentTraits[seg]!;
      const customers = Math.max(1, Math.round(n * r.uniform(0.88, 0.98)));
      const repeat = Math.min(customers, Math.round(customers * traits.repeat * r.lognormal(0.1)));
      const items = Math.max(n, Math.round(n * traits.cart * r.lognormal(0.08)));
      customerRows.push(csvLine([date, o.segments[seg]!, o.channels[ch]!, customers, repeat, n, items]));
    }
  }

  const budgetRows = budgets(r, o, dates, campaigns, observed);
  const files: Record<DataFile, string> = {
    campaigns: csvFile(FILE_HEADERS.campaigns, campaignRows),
    campaign_daily: csvFile(FILE_HEADERS.campaign_daily, dailyRows),
    sales_daily: csvFile(FILE_HEADERS.sales_daily, salesRows),
    customer_daily: csvFile(FILE_HEADERS.customer_daily, customerRows),
    budgets: csvFile(FILE_HEADERS.budgets, budgetRows),
  };
  const labelRows = labels.map((l) => ({ date: dates[l.day]!, campaignId: l.campaignId, metric: l.metric, direction: l.direction }));
  return {
    channels: o.channels,
    segments: o.segments,
    files,
    labels: labelRows,
    anomaliesCsv: csvFile(['date', 'campaign_id', 'metric', 'direction'], labelRows.map((l) => csvLine([l.date, l.campaignId, l.metric, l.direction]))),
    truth: {
      seed: o.seed,
      options: o,
      dateRange: { from: dates[0]!, to: dates[o.days - 1]! },
      revenueModel:
        'channel revenue[t] = beta × hill(adstock[t]) × weekday[dow(t)] × lognormal(noiseSigma); adstock[t] = spend[t] + theta × adstock[t−1]; hill(x) = x^S / (x^S + K^S); split over the channel\'s campaigns by their own adstocked spend',
      noiseSigma: NOISE_SIGMA,
      organicDailyRevenue: organicBase,
      channels: truthChannels,
      anomalies: events.map(({ startDay, ...e }) => ({ ...e, startDate: dates[startDay]! })),
    },
  };
}

const FACTORS: Record<AnomalyType, [number, number]> = {
  spend_spike: [3, 5],
  conversion_drop: [0.1, 0.3],
  click_spike: [4, 8],
  revenue_spike: [3, 5],
  tracking_shift: [0, 0],
};

/** Picks campaigns with enough volume for an event to be statistically visible, and applies the events. */
function injectAnomalies(r: Random, o: GenerateOptions, campaigns: Campaign[], observed: Array<Map<number, CampaignDay>>): AnomalyEvent[] {
  const eligible = campaigns
    .map((c, i) => {
      const active = [...observed[i]!.values()].filter((d) => d.spend > 0);
      const clicks = active.reduce((s, d) => s + d.clicks, 0) / Math.max(1, active.length);
      const tx = active.reduce((s, d) => s + d.sales.reduce((a, x) => a + x.transactions, 0), 0) / Math.max(1, active.length);
      return { i, c, ok: active.length >= 35 && clicks >= 30 && tx >= 3 };
    })
    .filter((e) => e.ok);
  if (eligible.length === 0) return [];
  const count = Math.max(campaigns.length >= 12 ? ANOMALY_TYPES.length : 1, Math.round((campaigns.length * o.days) / 120));
  const types = Array.from({ length: count }, (_, k) => ANOMALY_TYPES[k % ANOMALY_TYPES.length]!);
  r.shuffle(types);
  const taken = new Map<number, Array<[number, number]>>();
  const events: AnomalyEvent[] = [];
  for (const type of types) {
    for (let attempt = 0; attempt < 60; attempt++) {
      const { i, c } = r.pick(eligible);
      const first = c.startDay + 21;
      const last = c.endDay - 1;
      if (last < first) continue;
      const startDay = r.int(first, last);
      const durationDays = type === 'tracking_shift' ? Math.min(r.int(7, 20), c.endDay - startDay + 1) : 1;
      if (type === 'tracking_shift' && durationDays < 7) continue;
      if (!observed[i]!.get(startDay)?.spend) continue;
      const busy = taken.get(i) ?? [];
      if (busy.some(([s, e]) => startDay < e + 10 && startDay + durationDays + 10 > s)) continue;
      busy.push([startDay, startDay + durationDays]);
      taken.set(i, busy);
      const [lo, hi] = FACTORS[type];
      const event = { type, campaignId: c.id, startDay, durationDays, factor: Math.round(r.uniform(lo, hi) * 100) / 100 };
      applyEvent(observed[i]!, event, r);
      events.push(event);
      break;
    }
  }
  return events.sort((a, b) => a.startDay - b.startDay || a.campaignId.localeCompare(b.campaignId));
}

/** One budget per channel per calendar month touching the range, around what the channel spends. */
function budgets(r: Random, o: GenerateOptions, dates: string[], campaigns: Campaign[], observed: Array<Map<number, CampaignDay>>): string[] {
  const months = [...new Set(dates.map((d) => d.slice(0, 7)))];
  const rows: string[] = [];
  for (const month of months) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const monthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const covered = dates.filter((d) => d.startsWith(month));
    const first = dates.indexOf(covered[0]!);
    o.channels.forEach((channel, ch) => {
      let spent = 0;
      campaigns.forEach((c, i) => {
        if (c.channel !== ch) return;
        for (let d = first; d < first + covered.length; d++) spent += observed[i]!.get(d)?.spend ?? 0;
      });
      if (spent === 0) return;
      const allocated = round2(((spent * monthDays) / covered.length) * r.uniform(0.85, 1.25));
      rows.push(csvLine([`${month}-01`, `${month}-${String(monthDays).padStart(2, '0')}`, channel, allocated.toFixed(2)]));
    });
  }
  return rows;
}

function validateOptions(o: GenerateOptions) {
  const problems: string[] = [];
  if (!Number.isInteger(o.seed)) problems.push('--seed must be an integer');
  if (!Number.isInteger(o.days) || o.days < 14 || o.days > 3650) problems.push('--days must be a whole number from 14 to 3650');
  if (!Number.isInteger(o.campaigns) || o.campaigns < 1 || o.campaigns > 100_000) problems.push('--campaigns must be a whole number from 1 to 100000');
  if (!Number.isInteger(o.products) || o.products < 1) problems.push('--products must be a whole number of at least 1');
  if (o.channels.length < 1 || o.channels.some((c) => c.trim() === '')) problems.push('--channels needs at least one non-empty name');
  if (o.segments.length < 1 || o.segments.some((s) => s.trim() === '')) problems.push('--segments needs at least one non-empty name');
  if (new Set(o.channels).size !== o.channels.length) problems.push('--channels has a name twice');
  if (new Set(o.segments).size !== o.segments.length) problems.push('--segments has a name twice');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.end) || Number.isNaN(Date.parse(`${o.end}T00:00:00Z`))) problems.push('--end must be a date as YYYY-MM-DD');
  if (problems.length > 0) throw new RangeError(problems.join('; '));
}

export function writeDataset(dir: string, dataset: Dataset): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(dataset.files)) writeFileSync(join(dir, `${name}.csv`), text);
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(dataset.truth, null, 2) + '\n');
  writeFileSync(join(dir, 'anomalies_truth.csv'), dataset.anomaliesCsv);
}

/** Parses the CLI's flags; unknown flags and bad values are errors, not silently ignored. */
export function parseArgs(argv: string[]): Partial<GenerateOptions> & { out: string } {
  const options: Partial<GenerateOptions> & { out?: string } = {};
  for (let k = 0; k < argv.length; k += 2) {
    const flag = argv[k]!;
    const value = argv[k + 1];
    if (value === undefined || value.startsWith('--')) throw new RangeError(`${flag} needs a value`);
    switch (flag) {
      case '--seed': options.seed = Number(value); break;
      case '--days': options.days = Number(value); break;
      case '--campaigns': options.campaigns = Number(value); break;
      case '--products': options.products = Number(value); break;
      case '--end': options.end = value; break;
      case '--out': options.out = value; break;
      case '--channels': options.channels = value.split(',').map((s) => s.trim()); break;
      case '--segments': options.segments = value.split(',').map((s) => s.trim()); break;
      default: throw new RangeError(`unknown option ${flag}`);
    }
  }
  if (!options.out) throw new RangeError('--out DIR is required');
  return options as Partial<GenerateOptions> & { out: string };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { out, ...options } = parseArgs(process.argv.slice(2));
    const started = performance.now();
    const dataset = generateDataset(options);
    writeDataset(out, dataset);
    const rows = Object.entries(dataset.files).map(([name, text]) => `${name} ${text.split('\n').length - 2}`);
    console.log(`wrote ${out}: ${rows.join(', ')}, ${dataset.labels.length} anomaly labels in ${Math.round(performance.now() - started)} ms`);
  } catch (err) {
    console.error(`data:generate: ${err instanceof Error ? err.message : String(err)}`);
    console.error('usage: npm run data:generate -- --out DIR [--seed N] [--days D] [--campaigns C] [--channels "a,b"] [--segments "x,y"] [--end YYYY-MM-DD] [--products N]');
    process.exit(2);
  }
}
