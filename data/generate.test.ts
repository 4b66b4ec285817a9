import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_HEADERS, generateDataset, parseArgs, type Dataset } from './generate.js';

const rows = (ds: Dataset, file: keyof typeof FILE_HEADERS) =>
  parse(ds.files[file], { columns: true, skip_empty_lines: true }) as Record<string, string>[];

describe('generateDataset', () => {
  const sample = generateDataset({ seed: 42, days: 60, campaigns: 24 });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateDataset({ seed: 42, days: 60, campaigns: 24 }).files).toEqual(sample.files);
    expect(generateDataset({ seed: 43, days: 60, campaigns: 24 }).files.campaign_daily).not.toEqual(sample.files.campaign_daily);
  });

  it('writes the contract headers', () => {
    for (const [file, header] of Object.entries(FILE_HEADERS))
      expect(sample.files[file as keyof typeof FILE_HEADERS].split('\n')[0]).toBe(header.join(','));
  });

  it('keeps every row within the contract', () => {
    const ids = new Set(rows(sample, 'campaigns').map((c) => c['campaign_id']));
    const keys = new Set<string>();
    for (const r of rows(sample, 'campaign_daily')) {
      expect(ids.has(r['campaign_id'])).toBe(true);
      expect(Number(r['clicks'])).toBeLessThanOrEqual(Number(r['impressions']));
      expect(Number(r['spend'])).toBeGreaterThanOrEqual(0);
      const key = `${r['date']}|${r['campaign_id']}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
    for (const r of rows(sample, 'sales_daily')) {
      expect(r['campaign_id'] === '' || ids.has(r['campaign_id'])).toBe(true);
      expect(Number.isInteger(Number(r['transactions']))).toBe(true);
      expect(Number(r['revenue'])).toBeGreaterThanOrEqual(1);
    }
    for (const r of rows(sample, 'customer_daily')) {
      expect(Number(r['repeat_customers'])).toBeLessThanOrEqual(Number(r['customers']));
      expect(Number(r['items'])).toBeGreaterThanOrEqual(Number(r['orders']));
    }
  });

  it('has the sample\'s shape: 6 channels, 3 segments, 60 days, monthly budgets per channel', () => {
    const campaigns = rows(sample, 'campaigns');
    expect(new Set(campaigns.map((c) => c['channel'])).size).toBe(6);
    expect(new Set(campaigns.map((c) => c['segment'])).size).toBe(3);
    expect(new Set(rows(sample, 'campaign_daily').map((r) => r['date'])).size).toBe(60);
    expect(rows(sample, 'budgets')).toHaveLength(6 * 2);
    expect(Object.keys(sample.truth.channels)).toEqual(sample.channels);
  });

  it('labels at least one of each kind of anomaly, and each is visible in the data', () => {
    expect(new Set(sample.truth.anomalies.map((a) => a.type)).size).toBe(5);
    const daily = rows(sample, 'campaign_daily');
    for (const label of sample.labels.filter((l) => l.metric === 'spend')) {
      const series = daily.filter((r) => r['campaign_id'] === label.campaignId).map((r) => Number(r['spend']));
      const median = [...series].sort((a, b) => a - b)[Math.floor(series.length / 2)]!;
      const day = daily.find((r) => r['campaign_id'] === label.campaignId && r['date'] === label.date)!;
      expect(Number(day['spend'])).toBeGreaterThanOrEqual(2.5 * median);
    }
  });

  it('carries any channel and segment names through CSV quoting', () => {
    const odd = ['Search, paid', 'Say "hi"', '=cmd|calc!A0', '<script>x</script>'];
    const ds = generateDataset({ seed: 1, days: 30, campaigns: 8, channels: odd, segments: ['Ünïcode', 'a,b'] });
    expect(new Set(rows(ds, 'campaigns').map((c) => c['channel']))).toEqual(new Set(odd));
    expect(new Set(rows(ds, 'customer_daily').map((c) => c['segment']))).toEqual(new Set(['Ünïcode', 'a,b']));
  });

  it('refuses bad options', () => {
    expect(() => generateDataset({ days: 5 })).toThrow(/--days/);
    expect(() => parseArgs(['--seed', '1'])).toThrow(/--out/);
    expect(() => parseArgs(['--frobnicate', '1', '--out', 'x'])).toThrow(/unknown option/);
  });

  it('matches the committed sample, so the sample never goes stale', () => {
    const dir = join(import.meta.dirname, 'sample');
    for (const file of Object.keys(FILE_HEADERS))
      expect(readFileSync(join(dir, `${file}.csv`), 'utf8')).toBe(sample.files[file as keyof typeof FILE_HEADERS]);
    expect(readFileSync(join(dir, 'anomalies_truth.csv'), 'utf8')).toBe(sample.anomaliesCsv);
  });
});
