/**
 * RetailMind synthetic-data generator: seeded, deterministic, with ground truth.
 *
 *   npx tsx data/generate.ts --seed 42 --days 60 --campaigns 24 --out data/sample
 *
 * `generateDataset(options)` builds everything in memory (the five contract tables as CSV text,
 * the anomaly labels and truth.json); `writeDataset(dir, dataset)` writes them. See data/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AnomalyEvent, type AnomalyLabel, injectAnomalies, RULES } from './src/anomalies.js';
import { USAGE, parseArgs } from './src/args.js';
import { type BudgetTruth, budgets } from './src/budgets.js';
import { CsvWriter, csvDocument, csvLine, encodeField } from './src/csv.js';
import { customerRows } from './src/customers.js';
import { formatIsoDay, parseIsoDay } from './src/dates.js';
import { type ChannelParams, type ProductParams, type SegmentParams, type World, buildWorld } from './src/model.js';
import { type GenerateOptions, type ResolvedOptions, OptionsError, resolveOptions } from './src/options.js';
import { ORGANIC_WEEKDAY, simulate } from './src/simulate.js';

export { OptionsError, resolveOptions, type GenerateOptions, type ResolvedOptions } from './src/options.js';
export { DEFAULT_CHANNELS, DEFAULT_SEGMENTS, DEFAULTS } from './src/options.js';
export { EVENT_LABELS, RULES, type AnomalyEvent, type AnomalyLabel } from './src/anomalies.js';

export const TABLES = ['campaigns', 'campaign_daily', 'sales_daily', 'customer_daily', 'budgets'] as const;
export type TableName = (typeof TABLES)[number];

/** The header of each file, exactly as the data contract names the columns. */
export const FILE_HEADERS: Record<TableName | 'anomalies_truth', readonly string[]> = {
  campaigns: ['campaign_id', 'campaign_name', 'channel', 'segment', 'start_date', 'end_date'],
  campaign_daily: ['date', 'campaign_id', 'impressions', 'clicks', 'spend'],
  sales_daily: ['date', 'campaign_id', 'product', 'transactions', 'revenue'],
  customer_daily: ['date', 'segment', 'channel', 'customers', 'repeat_customers', 'orders', 'items'],
  budgets: ['period_start', 'period_end', 'channel', 'allocated'],
  anomalies_truth: ['date', 'campaign_id', 'metric', 'direction'],
};

export interface Truth {
  generator: string;
  seed: number;
  options: ResolvedOptions;
  dateRange: { start: string; end: string; days: number };
  model: Record<string, string>;
  channels: ChannelParams[];
  segments: SegmentParams[];
  products: ProductParams[];
  organic: { dailyMean: number; weekday: number[]; sigma: number; productSigma: number };
  noise: World['noise'] & { revenueSigmaByChannel: Record<string, number> };
  campaigns: {
    campaign_id: string;
    channel: string;
    segment: string;
    plannedDailySpend: number;
    cpm: number;
    ctr: number;
    aov: number;
    products: string[];
    warmStart: boolean;
  }[];
  budgets: BudgetTruth[];
  anomalies: { rules: typeof RULES; events: AnomalyEvent[] };
}

export interface Dataset {
  options: ResolvedOptions;
  /** The five contract files as CSV text (header, LF line endings, trailing newline). */
  files: Record<TableName, string>;
  /** anomalies_truth.csv as CSV text, and the same labels as objects. */
  anomaliesCsv: string;
  anomalies: AnomalyLabel[];
  truth: Truth;
  /** Data rows (header excluded) per written file. */
  rowCounts: Record<TableName | 'anomalies_truth', number>;
}

const MODEL_DOC: Record<string, string> = {
  adstock: 'A[c,t] = theta * A[c,t-1] + (1 - theta) * spend[c,t] per campaign; channel adstock A[t] = sum over its campaigns',
  hill: 'hill(A) = A^S / (A^S + K^S)',
  channelRevenue: 'R[ch,t] = beta * hill(A[ch,t]) * weekday[dow(t)] * exp(N(0, sigma^2))',
  campaignRevenue: 'R[c,t] = R[ch,t] * A[c,t] / A[ch,t] (also after the campaign ends, until A[c,t] < 5% of its plan)',
  spend: 'spend[c,t] = plannedDailySpend * budgetMultiplier[c,t] * exp(N(0, spendSigma^2)) on active days',
  impressions: 'round(1000 * spend / (cpm[c] * exp(N(0, cpmSigma^2))))',
  clicks: 'min(impressions, round(impressions * ctr[c] * exp(N(0, ctrSigma^2))))',
  transactions: 'max(1, round(R[c,t] / (aov[c] * exp(N(0, orderValueSigma^2))))), split over 1-3 of the campaign products',
  organic: 'O[t] = dailyMean * weekday[dow(t)] * exp(N(0, sigma^2)), split over all products by popularity',
  weekday: 'index 0 = Monday ... 6 = Sunday',
};

/** Builds the whole dataset in memory. Throws `OptionsError` on bad options. */
export function generateDataset(input: GenerateOptions = {}): Dataset {
  const options = resolveOptions(input);
  const lastDay = parseIsoDay(options.end)!;
  const firstDay = lastDay - options.days + 1;
  const world = buildWorld(options, firstDay, lastDay);
  const store = simulate(world);
  const injected = injectAnomalies(world, store);

  const { nC, nD } = store;
  const dates: string[] = [];
  for (let d = 0; d < nD; d++) dates.push(formatIsoDay(firstDay + d));
  const dateF = dates.map(encodeField);
  const idF = world.campaigns.map((c) => encodeField(c.id));
  const productF = world.products.map((p) => encodeField(p.name));
  const empty = new Uint8Array(0);

  const campaignLines = world.campaigns.map((c) =>
    csvLine([
      c.id,
      c.name,
      options.channels[c.channel]!,
      options.segments[c.segment]!,
      formatIsoDay(c.startDay),
      c.endDay === null ? '' : formatIsoDay(c.endDay),
    ]),
  );

  const daily = new CsvWriter(FILE_HEADERS.campaign_daily, nC * nD * 36);
  for (let d = 0; d < nD; d++) {
    const base = d * nC;
    for (let c = 0; c < nC; c++) {
      const i = base + c;
      if (!store.active[i]) continue;
      daily.field(dateF[d]!, true).field(idF[c]!).int(store.impressions[i]!).int(store.clicks[i]!).cents(store.spend[i]!);
      daily.end();
    }
  }

  const sales = new CsvWriter(FILE_HEADERS.sales_daily, store.sales.length * 44);
  const { camp, day, prod, trans, rev } = store.sales;
  for (let k = 0; k < store.sales.length; k++) {
    const c = camp[k]!;
    sales.field(dateF[day[k]!]!, true).field(c < 0 ? empty : idF[c]!).field(productF[prod[k]!]!);
    sales.int(trans[k]!).cents(rev[k]!);
    sales.end();
  }

  const customer = customerRows(world, store, dateF);
  const budget = budgets(world, store);
  const anomalyLines = injected.labels.map((l) => csvLine([l.date, l.campaign_id, l.metric, l.direction]));

  const files: Record<TableName, string> = {
    campaigns: csvDocument(FILE_HEADERS.campaigns, campaignLines),
    campaign_daily: daily.toString(),
    sales_daily: sales.toString(),
    customer_daily: customer.toString(),
    budgets: csvDocument(FILE_HEADERS.budgets, budget.lines),
  };

  const truth: Truth = {
    generator: 'retailmind data/generate.ts',
    seed: options.seed,
    options,
    dateRange: { start: dates[0]!, end: dates[nD - 1]!, days: nD },
    model: MODEL_DOC,
    channels: world.channels,
    segments: world.segments,
    products: world.products,
    organic: {
      dailyMean: world.organicLevel,
      weekday: [...ORGANIC_WEEKDAY],
      sigma: world.noise.organicSigma,
      productSigma: world.noise.organicProductSigma,
    },
    noise: {
      ...world.noise,
      revenueSigmaByChannel: Object.fromEntries(world.channels.map((c) => [c.name, c.sigma])),
    },
    campaigns: world.campaigns.map((c) => ({
      campaign_id: c.id,
      channel: options.channels[c.channel]!,
      segment: options.segments[c.segment]!,
      plannedDailySpend: c.plannedSpend,
      cpm: c.cpm,
      ctr: c.ctr,
      aov: c.aov,
      products: c.products.map((p) => world.products[p]!.name),
      warmStart: c.warmStart,
    })),
    budgets: budget.truth,
    anomalies: { rules: RULES, events: injected.events },
  };

  return {
    options,
    files,
    anomaliesCsv: csvDocument(FILE_HEADERS.anomalies_truth, anomalyLines),
    anomalies: injected.labels,
    truth,
    rowCounts: {
      campaigns: campaignLines.length,
      campaign_daily: daily.rows,
      sales_daily: sales.rows,
      customer_daily: customer.rows,
      budgets: budget.lines.length,
      anomalies_truth: anomalyLines.length,
    },
  };
}

/** The files `writeDataset` writes, by name, with their content. */
export function datasetFiles(dataset: Dataset): Record<string, string> {
  const files: Record<string, string> = {};
  for (const t of TABLES) files[`${t}.csv`] = dataset.files[t];
  files['truth.json'] = `${JSON.stringify(dataset.truth, null, 2)}\n`;
  files['anomalies_truth.csv'] = dataset.anomaliesCsv;
  return files;
}

/**
 * Writes the five tables, truth.json and anomalies_truth.csv into `dir` (created if missing).
 * Synchronous on purpose: seven whole-file writes, and callers can use the files right after.
 */
export function writeDataset(dir: string, dataset: Dataset): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(datasetFiles(dataset))) {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    written.push(path);
  }
  return written;
}

function main(argv: readonly string[]): number {
  let args;
  try {
    args = parseArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    resolveOptions(args.options);
  } catch (err) {
    if (err instanceof OptionsError) {
      console.error(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  const t0 = performance.now();
  const dataset = generateDataset(args.options);
  writeDataset(args.out, dataset);
  const ms = Math.round(performance.now() - t0);
  const counts = Object.entries(dataset.rowCounts)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  const { start, end } = dataset.truth.dateRange;
  console.log(`wrote ${args.out} (seed ${dataset.options.seed}, ${start}..${end}): ${counts} rows in ${ms} ms`);
  return 0;
}

const invoked = process.argv[1];
if (invoked !== undefined && import.meta.url === pathToFileURL(invoked).href) {
  process.exitCode = main(process.argv.slice(2));
}
