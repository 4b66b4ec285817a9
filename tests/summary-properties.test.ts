import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, recompute } from './helpers/recompute.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * Properties of `GET /api/dashboard-summary` for random filters over a dataset: the per-channel
 * rows add up to the totals, and the totals match an independent recomputation from the CSVs.
 */
const DATASETS = ['tests/fixtures/tiny', 'data/sample'];

for (const dir of DATASETS) {
  describe(`dashboard-summary properties on ${dir}`, () => {
    let server: TestServer;
    const data = loadDataset(dir);
    const channels = [...new Set(data.campaigns.map((c) => c['channel']!))];
    const segments = [...new Set(data.campaigns.map((c) => c['segment']!))];
    const dates = [...new Set(data.daily.map((r) => r['date']!))].sort();
    const first = Date.parse(`${dates[0]}T00:00:00Z`);
    const span = (Date.parse(`${dates.at(-1)}T00:00:00Z`) - first) / 86_400_000;
    const isoDay = (offset: number) => new Date(first + offset * 86_400_000).toISOString().slice(0, 10);

    beforeAll(async () => {
      server = await startServer({ dataDir: dir });
    });
    afterAll(() => server.close());

    const filterArb = fc.record({
      start: fc.integer({ min: -3, max: span + 3 }),
      length: fc.integer({ min: 0, max: span + 3 }),
      channels: fc.option(fc.subarray(channels, { minLength: 1 }), { nil: undefined }),
      segments: fc.option(fc.subarray(segments, { minLength: 1 }), { nil: undefined }),
    });

    it('channel rows add up to the totals and match a recomputation from the CSVs', async () => {
      await fc.assert(
        fc.asyncProperty(filterArb, async (f) => {
          const from = isoDay(f.start);
          const to = isoDay(f.start + f.length);
          const params = new URLSearchParams({ from, to });
          f.channels?.forEach((c) => params.append('channel', c));
          f.segments?.forEach((s) => params.append('segment', s));
          const res = await fetch(`${server.url}/api/dashboard-summary?${params}`, { headers: server.auth('leadership') });
          expect(res.status).toBe(200);
          const body = (await res.json()) as any;
          const sum = (k: string) => body.channels.reduce((a: number, c: any) => a + c[k], 0);
          expect(sum('revenue')).toBeCloseTo(body.totals.revenue, 6);
          expect(sum('spend')).toBeCloseTo(body.totals.spend, 6);
          const daySum = (k: string) => body.daily.reduce((a: number, d: any) => a + d[k], 0);
          expect(daySum('revenue')).toBeCloseTo(body.totals.revenue, 6);
          expect(daySum('clicks')).toBe(body.totals.clicks);

          const expected = recompute(data, { from, to, channels: f.channels, segments: f.segments });
          expect(body.totals.revenue).toBeCloseTo(expected.revenue, 6);
          expect(body.totals.spend).toBeCloseTo(expected.spend, 6);
          expect(body.totals.clicks).toBe(expected.clicks);
          expect(body.totals.impressions).toBe(expected.impressions);
          expect(body.totals.transactions).toBe(expected.transactions);
          const narrowed = f.channels || f.segments;
          expect(body.totals.unattributedRevenue).toBeCloseTo(narrowed ? 0 : expected.unattributedRevenue, 6);
          if (!f.segments) expect(body.totals.budgetAllocated).toBeCloseTo(expected.budgetAllocated, 6);
          for (const [channel, v] of expected.byChannel) {
            const row = body.channels.find((c: any) => c.channel === channel);
            expect(row.revenue).toBeCloseTo(v.revenue, 6);
            expect(row.spend).toBeCloseTo(v.spend, 6);
          }
        }),
        { numRuns: 60 },
      );
    });
  });
}
