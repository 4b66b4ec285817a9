import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ dataDir: 'tests/fixtures/tiny', config: { maxIngestBytes: 4096 } });
});
afterAll(() => server.close());

const get = async (path: string) => {
  const res = await fetch(server.url + path, { headers: server.auth('analyst') });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
};

describe('GET /api/dashboard-summary (tiny fixture, hand-computed)', () => {
  it('computes totals from the CSVs', async () => {
    const { status, body } = await get('/api/dashboard-summary?from=2026-03-01&to=2026-03-03');
    expect(status).toBe(200);
    expect(body.range).toEqual({ from: '2026-03-01', to: '2026-03-03' });
    expect(body.previousRange).toEqual({ from: '2026-02-26', to: '2026-02-28' });
    const t = body.totals;
    // revenue: 250+30+200 (A1) + 90+60 (A2) + 45.5+50 (A3); spend: 50+80.5+10+12.25+40
    expect(t.revenue).toBeCloseTo(725.5, 9);
    expect(t.unattributedRevenue).toBeCloseTo(145, 9);
    expect(t.spend).toBeCloseTo(192.75, 9);
    expect(t.roi).toBeCloseTo((725.5 - 192.75) / 192.75, 12);
    expect(t.roas).toBeCloseTo(725.5 / 192.75, 12);
    expect(t.impressions).toBe(7100);
    expect(t.clicks).toBe(440);
    expect(t.transactions).toBe(22);
    expect(t.conversionRate).toBeCloseTo(22 / 440, 12);
    expect(t.ctr).toBeCloseTo(440 / 7100, 12);
    expect(t.cpa).toBeCloseTo(192.75 / 22, 12);
    // 3 of 31 days of (3100 + 620 + 310)
    expect(t.budgetAllocated).toBeCloseTo(390, 9);
    expect(t.budgetUtilizationPct).toBeCloseTo((100 * 192.75) / 390, 9);
    expect(t.revenueGrowthPct).toBeNull(); // nothing in the previous period
    expect(t.anomalyCount).toBe(0); // three days of data: too little history to judge any day
  });

  it('breaks down by channel, segment and day, and the parts add up', async () => {
    const { body } = await get('/api/dashboard-summary?from=2026-03-01&to=2026-03-03');
    const email = body.channels.find((c: any) => c.channel === 'Email');
    expect(email).toMatchObject({ revenue: 150, spend: 22.25, conversionRate: 8 / 100, budgetAllocated: 60 });
    expect(email.contributionPct).toBeCloseTo((100 * 150) / 725.5, 9);
    const social = body.channels.find((c: any) => c.channel === 'Social');
    expect(social.budgetUtilizationPct).toBeCloseTo((100 * 40) / 30, 9);
    expect(body.segments).toEqual([
      { segment: 'Loyal', revenue: 150, customers: 8, repeatRate: 7 / 8, avgCartSize: 15 / 8 },
      { segment: 'New', revenue: 575.5, customers: 13, repeatRate: 3 / 13, avgCartSize: 23 / 13 },
    ]);
    expect(body.daily.map((d: any) => d.date)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(body.daily[2]).toEqual({ date: '2026-03-03', revenue: 50, spend: 0, clicks: 0, transactions: 1 });
    const sum = (k: string) => body.channels.reduce((a: number, c: any) => a + c[k], 0);
    expect(sum('revenue')).toBeCloseTo(body.totals.revenue, 9);
    expect(sum('spend')).toBeCloseTo(body.totals.spend, 9);
  });

  it('filters by channel, segment and campaign', async () => {
    const search = (await get('/api/dashboard-summary?from=2026-03-01&to=2026-03-03&channel=Search')).body;
    expect(search.totals).toMatchObject({ revenue: 480, spend: 130.5, unattributedRevenue: 0, budgetAllocated: 300 });
    const two = (await get('/api/dashboard-summary?from=2026-03-01&to=2026-03-03&channel=Search&channel=Email')).body;
    expect(two.totals.revenue).toBeCloseTo(630, 9);
    const loyal = (await get('/api/dashboard-summary?from=2026-03-01&to=2026-03-03&segment=Loyal')).body;
    expect(loyal.totals).toMatchObject({ revenue: 150, budgetAllocated: null, budgetUtilizationPct: null });
    const a3 = (await get('/api/dashboard-summary?from=2026-03-01&to=2026-03-03&campaign=A3')).body;
    expect(a3.totals).toMatchObject({ revenue: 95.5, spend: 40, clicks: 90, transactions: 2 });
  });

  it('compares revenue with the equal-length period before', async () => {
    const { body } = await get('/api/dashboard-summary?from=2026-03-02&to=2026-03-02');
    // 2026-03-02: 200 + 60 + 45.5 = 305.5; 2026-03-01: 250 + 30 + 90 = 370
    expect(body.totals.revenue).toBeCloseTo(305.5, 9);
    expect(body.totals.revenueGrowthPct).toBeCloseTo((100 * (305.5 - 370)) / 370, 9);
  });

  it('defaults to the last 30 days present in the data', async () => {
    const { body } = await get('/api/dashboard-summary');
    expect(body.range).toEqual({ from: '2026-02-02', to: '2026-03-03' });
  });
});

describe('bad input is a 400 naming the field, never a 500', () => {
  it.each([
    ['/api/dashboard-summary?from=2026-13-01', 'from'],
    ['/api/dashboard-summary?from=yesterday', 'from'],
    ['/api/dashboard-summary?from=2026-03-05&to=2026-03-01', 'from'],
    ['/api/dashboard-summary?from=1900-01-01&to=2026-03-01', 'from'],
  ])('%s', async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.details.fields[0].field).toBe(field);
    expect(body.error.message).toContain(field);
  });

  it('refuses a channel the data does not have', async () => {
    const { status, body } = await get('/api/dashboard-summary?channel=Serach');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'unknown_channel', details: { unknown: ['Serach'] } });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { status, body } = await get('/api/nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('POST /api/ingest/:kind', () => {
  const post = async (kind: string, body: string, type = 'text/csv') => {
    const res = await fetch(`${server.url}/api/ingest/${kind}`, { method: 'POST', body, headers: { 'content-type': type, ...server.auth('manager') } });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('stores valid rows, lists rejected ones, and the summary reflects them', async () => {
    const before = (await get('/api/meta')).body.dataVersion;
    const { status, body } = await post(
      'sales_daily',
      'date,campaign_id,product,transactions,revenue\n2026-03-03,A1,Shoes,2,100\n2026-03-03,A9,Shoes,1,1\n',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'sales_daily', rowsRead: 2, rowsStored: 1, rowsRejected: 1 });
    expect(body.rejected[0]).toMatchObject({ line: 3, column: 'campaign_id', value: 'A9' });
    expect(body.dataVersion).toBeGreaterThan(before);
    const summary = (await get('/api/dashboard-summary?from=2026-03-03&to=2026-03-03')).body;
    expect(summary.totals.revenue).toBeCloseTo(150, 9);
  });

  it('answers 422 when no row is valid, 400 for a missing column, 415 for JSON, 400 for an unknown kind', async () => {
    expect((await post('budgets', 'period_start,period_end,channel,allocated\nx,y,z,1\n')).status).toBe(422);
    const missing = await post('budgets', 'period_start,channel,allocated\n2026-01-01,z,1\n');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'missing_columns', details: { missing: ['period_end'] } });
    expect((await post('budgets', '{}', 'application/json')).status).toBe(415);
    const kind = await post('orders', 'a\n1\n');
    expect(kind.status).toBe(400);
    expect(kind.body.error.details.fields[0].field).toBe('kind');
  });

  it('answers 413 for a body over the limit and stores nothing from it', async () => {
    const before = (await get('/api/meta')).body.dataVersion;
    const rows = Array.from({ length: 400 }, (_, i) => `2026-03-01,Search,Shoe ${i},1,1`);
    const { status, body } = await post('sales_daily', `date,campaign_id,product,transactions,revenue\n${rows.join('\n')}`);
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
    expect((await get('/api/meta')).body.dataVersion).toBe(before);
  });
});

describe('GET /api/meta, /api/healthz, /api/openapi.json', () => {
  it('lists what the data holds', async () => {
    const { body } = await get('/api/meta');
    expect(body).toMatchObject({
      channels: ['Email', 'Search', 'Social'],
      segments: ['Loyal', 'New'],
      campaignCount: 3,
      dateRange: { min: '2026-03-01', max: '2026-03-03' },
    });
  });

  it('is alive', async () => {
    expect((await get('/api/healthz')).body.status).toBe('ok');
  });

  it('documents every route from the same schemas', async () => {
    const { body } = await get('/api/openapi.json');
    expect(body.openapi).toBe('3.0.3');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/dashboard-summary', '/api/meta', '/api/ingest/{kind}', '/api/healthz']),
    );
    const params = body.paths['/api/dashboard-summary'].get.parameters.map((p: any) => p.name);
    expect(params).toEqual(['from', 'to', 'channel', 'segment', 'campaign']);
    expect(body.paths['/api/ingest/{kind}'].post.parameters[0].schema.enum).toContain('sales_daily');
  });
});
