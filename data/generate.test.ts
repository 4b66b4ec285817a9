import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type Dataset, EVENT_LABELS, OptionsError, datasetFiles, generateDataset } from './generate.js';
import { parseArgs } from './src/args.js';
import { csvField, csvLine } from './src/csv.js';
import { adstock, hill } from './src/response.js';

type Row = Record<string, string>;
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');

/** The contract's headers, written out here rather than imported so a drift in the generator fails. */
const CONTRACT: Record<string, string[]> = {
  campaigns: ['campaign_id', 'campaign_name', 'channel', 'segment', 'start_date', 'end_date'],
  campaign_daily: ['date', 'campaign_id', 'impressions', 'clicks', 'spend'],
  sales_daily: ['date', 'campaign_id', 'product', 'transactions', 'revenue'],
  customer_daily: ['date', 'segment', 'channel', 'customers', 'repeat_customers', 'orders', 'items'],
  budgets: ['period_start', 'period_end', 'channel', 'allocated'],
};

const INT = /^\d+$/;
const MONEY = /^\d+(\.\d{1,2})?$/;
const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const addDays = (s: string, n: number) =>
  new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Parsed {
  campaigns: Row[];
  daily: Row[];
  sales: Row[];
  customers: Row[];
  budgets: Row[];
  labels: Row[];
}

function parseDataset(ds: Dataset): Parsed {
  const p = (text: string) => parse(text, { columns: true }) as Row[];
  return {
    campaigns: p(ds.files.campaigns),
    daily: p(ds.files.campaign_daily),
    sales: p(ds.files.sales_daily),
    customers: p(ds.files.customer_daily),
    budgets: p(ds.files.budgets),
    labels: p(ds.anomaliesCsv),
  };
}

/** Every contract rule, checked on parsed rows; returns the first few violations. */
function contractViolations(d: Parsed): string[] {
  const bad: string[] = [];
  const fail = (file: string, i: number, why: string) => {
    if (bad.length < 10) bad.push(`${file} row ${i + 2}: ${why}`);
  };
  const unique = (file: string, rows: Row[], key: string[]) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const k = JSON.stringify(key.map((c) => r[c]));
      if (seen.has(k)) fail(file, i, `duplicate key ${k}`);
      seen.add(k);
    });
  };
  const campaigns = new Map(d.campaigns.map((c) => [c['campaign_id']!, c]));
  d.campaigns.forEach((c, i) => {
    for (const col of ['campaign_id', 'campaign_name', 'channel', 'segment'])
      if (!c[col] || c[col]!.trim() !== c[col]) fail('campaigns', i, `${col} empty or padded`);
    if (!isDate(c['start_date']!)) fail('campaigns', i, 'start_date');
    if (c['end_date'] !== '' && (!isDate(c['end_date']!) || c['end_date']! < c['start_date']!))
      fail('campaigns', i, 'end_date');
  });
  unique('campaigns', d.campaigns, ['campaign_id']);

  d.daily.forEach((r, i) => {
    const c = campaigns.get(r['campaign_id']!);
    if (!c) return fail('campaign_daily', i, `unknown campaign ${r['campaign_id']}`);
    if (!isDate(r['date']!)) fail('campaign_daily', i, 'date');
    if (!INT.test(r['impressions']!) || !INT.test(r['clicks']!)) fail('campaign_daily', i, 'counts');
    if (!MONEY.test(r['spend']!)) fail('campaign_daily', i, `spend ${r['spend']}`);
    if (Number(r['clicks']) > Number(r['impressions'])) fail('campaign_daily', i, 'clicks > impressions');
    if (r['date']! < c['start_date']! || (c['end_date'] !== '' && r['date']! > c['end_date']!))
      fail('campaign_daily', i, 'row outside the campaign dates');
  });
  unique('campaign_daily', d.daily, ['date', 'campaign_id']);

  d.sales.forEach((r, i) => {
    if (r['campaign_id'] !== '' && !campaigns.has(r['campaign_id']!)) fail('sales_daily', i, 'unknown campaign');
    if (!isDate(r['date']!)) fail('sales_daily', i, 'date');
    if (!r['product']) fail('sales_daily', i, 'product');
    if (!INT.test(r['transactions']!)) fail('sales_daily', i, 'transactions');
    if (!MONEY.test(r['revenue']!)) fail('sales_daily', i, `revenue ${r['revenue']}`);
  });
  unique('sales_daily', d.sales, ['date', 'campaign_id', 'product']);

  d.customers.forEach((r, i) => {
    if (!isDate(r['date']!)) fail('customer_daily', i, 'date');
    for (const col of ['customers', 'repeat_customers', 'orders', 'items'])
      if (!INT.test(r[col]!)) fail('customer_daily', i, col);
    if (Number(r['repeat_customers']) > Number(r['customers'])) fail('customer_daily', i, 'repeat > customers');
    if (Number(r['items']) < Number(r['orders'])) fail('customer_daily', i, 'items < orders');
    if (Number(r['customers']) > Number(r['orders'])) fail('customer_daily', i, 'customers > orders');
  });
  unique('customer_daily', d.customers, ['date', 'segment', 'channel']);

  d.budgets.forEach((r, i) => {
    if (!isDate(r['period_start']!) || !isDate(r['period_end']!)) fail('budgets', i, 'dates');
    if (r['period_end']! < r['period_start']!) fail('budgets', i, 'period_end before period_start');
    if (!r['period_start']!.endsWith('-01') || addDays(r['period_end']!, 1).slice(8) !== '01')
      fail('budgets', i, 'not a calendar month');
    if (!MONEY.test(r['allocated']!)) fail('budgets', i, 'allocated');
  });
  unique('budgets', d.budgets, ['period_start', 'period_end', 'channel']);
  return bad;
}

/** Campaign-day values of the five anomaly metrics, from the parsed CSVs. */
function campaignDays(d: Parsed) {
  const out = new Map<string, { spend: number; clicks: number; transactions: number; revenue: number }>();
  for (const r of d.daily)
    out.set(`${r['campaign_id']}|${r['date']}`, {
      spend: Number(r['spend']),
      clicks: Number(r['clicks']),
      transactions: 0,
      revenue: 0,
    });
  for (const s of d.sales) {
    const v = out.get(`${s['campaign_id']}|${s['date']}`);
    if (!v) continue;
    v.transactions += Number(s['transactions']);
    v.revenue += Number(s['revenue']);
  }
  return out;
}

function metricOf(m: string, v: { spend: number; clicks: number; transactions: number; revenue: number }) {
  if (m === 'spend') return v.spend;
  if (m === 'clicks') return v.clicks;
  if (m === 'revenue') return v.revenue;
  if (m === 'conversionRate') return v.clicks > 0 ? v.transactions / v.clicks : null;
  return v.transactions > 0 ? v.spend / v.transactions : null;
}

const sample = generateDataset({ seed: 42, days: 60, campaigns: 24 });
const parsedSample = parseDataset(sample);

describe('determinism', () => {
  it('gives byte-identical output for the same options', () => {
    const again = generateDataset({ seed: 42, days: 60, campaigns: 24 });
    expect(datasetFiles(again)).toEqual(datasetFiles(sample));
  });

  it('defaults to seed 42, 60 days, 24 campaigns ending on the fixed 2026-10-31', () => {
    expect(datasetFiles(generateDataset())).toEqual(datasetFiles(sample));
    expect(sample.truth.dateRange).toEqual({ start: '2026-09-02', end: '2026-10-31', days: 60 });
  });

  it('gives different data for a different seed', () => {
    const other = generateDataset({ seed: 43, days: 60, campaigns: 24 });
    expect(other.files.campaign_daily).not.toBe(sample.files.campaign_daily);
    expect(other.files.sales_daily).not.toBe(sample.files.sales_daily);
    expect(other.truth.channels).not.toEqual(sample.truth.channels);
  });
});

describe('the data contract', () => {
  it('writes exactly the contract headers', () => {
    for (const [file, header] of Object.entries(CONTRACT))
      expect(sample.files[file as keyof Dataset['files']].split('\n')[0]).toBe(header.join(','));
    expect(sample.anomaliesCsv.split('\n')[0]).toBe('date,campaign_id,metric,direction');
  });

  it('keeps every row of the sample within the contract', () => {
    expect(contractViolations(parsedSample)).toEqual([]);
  });

  it('keeps every row within the contract for other shapes too', () => {
    for (const opts of [
      { seed: 5, days: 90, campaigns: 40, products: 20 },
      { seed: 6, days: 14, campaigns: 1 },
      { seed: 7, days: 45, campaigns: 3, channels: ['Only'], segments: ['All'], products: 1 },
    ]) {
      const d = parseDataset(generateDataset(opts));
      expect(contractViolations(d), JSON.stringify(opts)).toEqual([]);
      expect(d.daily.length).toBeGreaterThan(0);
    }
  });

  it('has the sample shape: 6 channels, 3 segments, 60 days, a budget per channel per month', () => {
    const channels = new Set(parsedSample.campaigns.map((c) => c['channel']));
    expect(channels).toEqual(new Set(['Paid Search', 'Social', 'Email', 'Display', 'Affiliate', 'Video']));
    expect(new Set(parsedSample.campaigns.map((c) => c['segment']))).toEqual(
      new Set(['New Customers', 'Returning', 'Loyalty Members']),
    );
    expect(parsedSample.campaigns).toHaveLength(24);
    expect(parsedSample.campaigns[0]!['campaign_id']).toBe('C0001');
    expect(new Set(parsedSample.daily.map((r) => r['date'])).size).toBe(60);
    expect(parsedSample.budgets.map((b) => `${b['period_start']}|${b['channel']}`)).toEqual(
      ['2026-09-01', '2026-10-01'].flatMap((m) => [...channels].map((c) => `${m}|${c}`)),
    );
    // Every channel has several campaigns; some campaigns end early, some start late, some are ongoing.
    for (const ch of channels) expect(parsedSample.campaigns.filter((c) => c['channel'] === ch).length).toBeGreaterThanOrEqual(3);
    expect(parsedSample.campaigns.some((c) => c['end_date'] === '')).toBe(true);
    expect(parsedSample.campaigns.some((c) => c['end_date'] !== '' && c['end_date']! < '2026-10-31')).toBe(true);
    expect(parsedSample.campaigns.some((c) => c['start_date']! > '2026-09-02')).toBe(true);
    // Organic (unattributed) revenue every day.
    expect(new Set(parsedSample.sales.filter((s) => s['campaign_id'] === '').map((s) => s['date'])).size).toBe(60);
  });

  it('derives customer_daily orders from the (perturbed) attributed transactions', () => {
    const campaign = new Map(parsedSample.campaigns.map((c) => [c['campaign_id']!, c]));
    const orders = new Map<string, number>();
    for (const s of parsedSample.sales) {
      const c = campaign.get(s['campaign_id']!);
      if (!c) continue;
      const k = `${s['date']}|${c['segment']}|${c['channel']}`;
      orders.set(k, (orders.get(k) ?? 0) + Number(s['transactions']));
    }
    for (const r of parsedSample.customers)
      expect(Number(r['orders'])).toBe(orders.get(`${r['date']}|${r['segment']}|${r['channel']}`) ?? 0);
    // Repeat share depends on the segment.
    const share = (seg: string) => {
      const rows = parsedSample.customers.filter((r) => r['segment'] === seg);
      return rows.reduce((s, r) => s + Number(r['repeat_customers']), 0) / rows.reduce((s, r) => s + Number(r['customers']), 0);
    };
    expect(share('New Customers')).toBeLessThan(share('Returning'));
    expect(share('Returning')).toBeLessThan(share('Loyalty Members'));
  });

  it('sets budgets at 0.85–1.25 × the planned spend, so some channels over-pace and some under', () => {
    for (const b of sample.truth.budgets) {
      expect(b.factor).toBeGreaterThanOrEqual(0.85);
      expect(b.factor).toBeLessThanOrEqual(1.25);
    }
    const factors = sample.truth.budgets.map((b) => b.factor);
    expect(Math.max(...factors) - Math.min(...factors)).toBeGreaterThan(0.1);
  });
});

describe('CSV quoting of names that are data', () => {
  const channels = ['Search, brand', 'Say "hi"', '=cmd()', '<script>alert(1)</script>', 'Ünïcode 📈', 'two\nlines'];
  const segments = ['a,b', '=SUM(A1)', '"quoted"'];
  const ds = generateDataset({ seed: 1, days: 30, campaigns: 12, channels, segments });
  const d = parseDataset(ds);

  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('x\ry')).toBe('"x\ry"');
    expect(csvField('=cmd()')).toBe('=cmd()');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",');
  });

  it('round-trips any channel and segment names through every file', () => {
    expect(contractViolations(d)).toEqual([]);
    expect(new Set(d.campaigns.map((c) => c['channel']))).toEqual(new Set(channels));
    expect(new Set(d.campaigns.map((c) => c['segment']))).toEqual(new Set(segments));
    expect(new Set(d.budgets.map((b) => b['channel']))).toEqual(new Set(channels));
    expect(new Set(d.customers.map((r) => r['channel']))).toEqual(new Set(channels));
    expect(new Set(d.customers.map((r) => r['segment']))).toEqual(new Set(segments));
    expect(d.campaigns.every((c) => c['campaign_name']!.includes(c['channel']!))).toBe(true);
    expect(ds.truth.channels.map((c) => c.name)).toEqual(channels);
  });
});

describe('labelled anomalies', () => {
  const events = sample.truth.anomalies.events;

  it('has at least one event of each type in the sample, about one per 2 campaigns per 60 days', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['spend_spike', 'conversion_drop', 'click_spike', 'revenue_spike', 'tracking_shift']),
    );
    expect(events.length).toBeGreaterThanOrEqual(8);
    expect(events.length).toBeLessThanOrEqual(16);
  });

  it('labels exactly the metrics each event moves, once, on its first day', () => {
    const expected = events
      .flatMap((e) => EVENT_LABELS[e.type].map((l) => `${e.start_date},${e.campaign_id},${l.metric},${l.direction}`))
      .sort();
    const got = parsedSample.labels.map((l) => `${l['date']},${l['campaign_id']},${l['metric']},${l['direction']}`);
    expect([...got].sort()).toEqual(expected);
    expect(new Set(got).size).toBe(got.length);
    for (const l of parsedSample.labels) {
      expect(['spend', 'clicks', 'conversionRate', 'revenue', 'cpa']).toContain(l['metric']);
      expect(['spike', 'drop']).toContain(l['direction']);
    }
  });

  for (const [name, ds] of [
    ['sample', sample],
    ['a longer run', generateDataset({ seed: 9, days: 150, campaigns: 60 })],
  ] as const) {
    it(`follows the placement rules (${name})`, () => {
      const d = name === 'sample' ? parsedSample : parseDataset(ds);
      const firstData = new Map<string, string>();
      for (const r of d.daily)
        if (!firstData.has(r['campaign_id']!) || r['date']! < firstData.get(r['campaign_id']!)!)
          firstData.set(r['campaign_id']!, r['date']!);
      const days = campaignDays(d);
      const byCampaign = new Map<string, typeof ds.truth.anomalies.events>();
      for (const e of ds.truth.anomalies.events) {
        // Not in the first 21 days of the campaign's data, and only on days it has data.
        expect(daysBetween(firstData.get(e.campaign_id)!, e.start_date)).toBeGreaterThanOrEqual(21);
        for (let k = 0; k < e.duration_days; k++) expect(days.has(`${e.campaign_id}|${addDays(e.start_date, k)}`)).toBe(true);
        expect(e.duration_days).toBe(daysBetween(e.start_date, e.end_date) + 1);
        if (e.type === 'tracking_shift') {
          expect(e.duration_days).toBeGreaterThanOrEqual(7);
          expect(e.duration_days).toBeLessThanOrEqual(20);
        } else expect(e.duration_days).toBe(1);
        byCampaign.set(e.campaign_id, [...(byCampaign.get(e.campaign_id) ?? []), e]);
      }
      // At least 10 days between two events' windows on one campaign.
      for (const list of byCampaign.values()) {
        list.sort((a, b) => (a.start_date < b.start_date ? -1 : 1));
        for (let i = 1; i < list.length; i++)
          expect(daysBetween(list[i - 1]!.end_date, list[i]!.start_date)).toBeGreaterThanOrEqual(10);
      }
      const n = ds.truth.options.campaigns * ds.truth.options.days / 120;
      expect(ds.truth.anomalies.events.length).toBeGreaterThanOrEqual(0.8 * n);
    });

    it(`makes every labelled metric visible in the data (${name})`, () => {
      const d = name === 'sample' ? parsedSample : parseDataset(ds);
      const days = campaignDays(d);
      const eventDays = new Set<string>();
      for (const e of ds.truth.anomalies.events)
        for (let k = 0; k < e.duration_days; k++) eventDays.add(`${e.campaign_id}|${addDays(e.start_date, k)}`);
      for (const l of d.labels) {
        const id = l['campaign_id']!;
        const value = metricOf(l['metric']!, days.get(`${id}|${l['date']}`)!);
        // Baseline: median of the 14 days before, event days excluded.
        const history: number[] = [];
        for (let k = 1; k <= 14; k++) {
          const key = `${id}|${addDays(l['date']!, -k)}`;
          const v = days.get(key);
          const m = v && !eventDays.has(key) ? metricOf(l['metric']!, v) : null;
          if (m !== null) history.push(m);
        }
        expect(history.length).toBeGreaterThanOrEqual(7);
        const base = median(history);
        expect(value, JSON.stringify(l)).not.toBeNull();
        if (l['direction'] === 'spike') expect(value!, JSON.stringify(l)).toBeGreaterThanOrEqual(2.5 * base);
        else expect(value!, JSON.stringify(l)).toBeLessThanOrEqual(0.4 * base);
      }
      // The example from the brief: a spend spike is >= 2.5 × the campaign's median spend.
      for (const l of d.labels.filter((x) => x['metric'] === 'spend')) {
        const series = d.daily.filter((r) => r['campaign_id'] === l['campaign_id']).map((r) => Number(r['spend']));
        expect(days.get(`${l['campaign_id']}|${l['date']}`)!.spend).toBeGreaterThanOrEqual(2.5 * median(series));
      }
      // A tracking shift records no sales for its whole window.
      for (const e of ds.truth.anomalies.events.filter((x) => x.type === 'tracking_shift'))
        for (let k = 0; k < e.duration_days; k++) {
          const v = days.get(`${e.campaign_id}|${addDays(e.start_date, k)}`)!;
          expect(v.transactions + v.revenue).toBe(0);
        }
    });
  }
});

describe('truth.json', () => {
  it('has the true parameters of every channel', () => {
    const t = sample.truth;
    expect(t.seed).toBe(42);
    expect(t.options.channels).toEqual(['Paid Search', 'Social', 'Email', 'Display', 'Affiliate', 'Video']);
    expect(t.channels.map((c) => c.name)).toEqual(t.options.channels);
    for (const c of t.channels) {
      expect(c.theta).toBeGreaterThanOrEqual(0.2);
      expect(c.theta).toBeLessThanOrEqual(0.7);
      expect(c.S).toBeGreaterThanOrEqual(1);
      expect(c.S).toBeLessThanOrEqual(2.5);
      expect(c.K).toBeGreaterThan(0);
      expect(c.beta).toBeGreaterThan(0);
      expect(c.cpm).toBeGreaterThan(0);
      expect(c.ctr).toBeGreaterThan(0);
      expect(c.sigma).toBeGreaterThanOrEqual(0.08);
      expect(c.sigma).toBeLessThanOrEqual(0.15);
      expect(c.weekday).toHaveLength(7);
      expect(c.weekday.reduce((s, w) => s + w, 0) / 7).toBeCloseTo(1, 2);
      // Weekends sell more (Monday first).
      expect(Math.min(c.weekday[5]!, c.weekday[6]!)).toBeGreaterThan(Math.max(...c.weekday.slice(0, 4)));
    }
    expect(t.organic.dailyMean).toBeGreaterThan(0);
    expect(t.anomalies.events.length).toBeGreaterThan(0);
  });

  it('puts channels in different saturation regimes, so budget moves matter', () => {
    const sat = sample.truth.channels.map((c) => c.saturationAtTypical);
    expect(Math.min(...sat)).toBeLessThan(0.4);
    expect(Math.max(...sat)).toBeGreaterThan(0.7);
    const marginal = sample.truth.channels.map((c) => c.marginalRoasAtTypical);
    expect(Math.max(...marginal) / Math.min(...marginal)).toBeGreaterThan(2);
  });

  it('matches the data: attributed revenue per channel is close to the response curve', () => {
    // Expected revenue = beta * hill(adstock of the channel's spend); compare totals on clean days.
    const campaign = new Map(parsedSample.campaigns.map((c) => [c['campaign_id']!, c]));
    for (const ch of sample.truth.channels) {
      const spendByDay = new Map<string, number>();
      for (const r of parsedSample.daily)
        if (campaign.get(r['campaign_id']!)!['channel'] === ch.name)
          spendByDay.set(r['date']!, (spendByDay.get(r['date']!) ?? 0) + Number(r['spend']));
      const dates = [...spendByDay.keys()].sort();
      const spend = dates.map((d) => spendByDay.get(d)!);
      const a = adstock(spend, ch.theta, spend[0]);
      const expected = a.reduce((s, x) => s + ch.beta * hill(x, ch.K, ch.S), 0);
      const actual = parsedSample.sales
        .filter((s) => s['campaign_id'] !== '' && campaign.get(s['campaign_id']!)!['channel'] === ch.name)
        .reduce((s, r) => s + Number(r['revenue']), 0);
      // Loose: anomalies, weekday mix and noise move the observed total a little.
      expect(actual / expected, ch.name).toBeGreaterThan(0.7);
      expect(actual / expected, ch.name).toBeLessThan(1.3);
    }
  });
});

describe('the committed sample', () => {
  it('equals what the generator produces for seed 42, 60 days, 24 campaigns', () => {
    for (const [name, text] of Object.entries(datasetFiles(sample)))
      expect(readFileSync(join(here, 'sample', name), 'utf8'), name).toBe(text);
  });
});

describe('options', () => {
  it('refuses bad options with a clear error', () => {
    expect(() => generateDataset({ days: 13 })).toThrow(OptionsError);
    expect(() => generateDataset({ days: 13 })).toThrow(/--days/);
    expect(() => generateDataset({ campaigns: 0 })).toThrow(/--campaigns/);
    expect(() => generateDataset({ channels: [] })).toThrow(/--channels/);
    expect(() => generateDataset({ channels: ['a', 'a'] })).toThrow(/twice/);
    expect(() => generateDataset({ segments: [' '] })).toThrow(/--segments/);
    expect(() => generateDataset({ end: '2026-02-30' })).toThrow(/--end/);
    expect(() => generateDataset({ seed: 1.5 })).toThrow(/--seed/);
  });

  it('parses the CLI flags', () => {
    expect(parseArgs(['--seed', '7', '--days=30', '--out', 'x', '--channels', 'A, B,C'])).toEqual({
      options: { seed: 7, days: 30, channels: ['A', 'B', 'C'] },
      out: 'x',
      help: false,
    });
    expect(parseArgs(['--out', 'x', '--channels', '["Search, brand","TV"]']).options.channels).toEqual([
      'Search, brand',
      'TV',
    ]);
    expect(() => parseArgs(['--seed', '1'])).toThrow(/--out/);
    expect(() => parseArgs(['--frobnicate', '1', '--out', 'x'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--days', 'ten', '--out', 'x'])).toThrow(/whole number/);
    expect(() => parseArgs(['--out', 'x', 'stray'])).toThrow(/unexpected/);
  });

  it('runs as a script: writes the files, and exits 2 on a bad option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-data-'));
    try {
      const tsx = join(root, 'node_modules', '.bin', 'tsx');
      const ok = spawnSync(tsx, ['data/generate.ts', '--seed', '3', '--days', '20', '--campaigns', '4', '--out', dir], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/campaign_daily \d+/);
      const expected = datasetFiles(generateDataset({ seed: 3, days: 20, campaigns: 4 }));
      for (const [name, text] of Object.entries(expected)) expect(readFileSync(join(dir, name), 'utf8')).toBe(text);

      const bad = spawnSync(tsx, ['data/generate.ts', '--days', '5', '--out', dir], { cwd: root, encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--days must be between 14/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

