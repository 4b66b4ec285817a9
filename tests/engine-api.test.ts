import { createClient, BadRequestError, PermissionDeniedError } from '@retailmind/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ dataDir: 'data/sample' });
});
afterAll(() => server.close());

const call = async (path: string, init: RequestInit = {}, role: 'manager' | 'analyst' | 'leadership' = 'analyst') => {
  const res = await fetch(server.url + path, { ...init, headers: { ...server.auth(role), 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as any };
};
const put = (body: unknown, role: 'manager' | 'analyst' = 'manager') => call('/api/config/thresholds', { method: 'PUT', body: JSON.stringify(body) }, role);

describe('GET /api/anomalies', () => {
  it('answers the last 30 days by default, highest score first, each explained with its numbers', async () => {
    const { status, body } = await call('/api/anomalies');
    expect(status).toBe(200);
    expect(body.range).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(body.count).toBe(body.anomalies.length);
    expect(body.count).toBeGreaterThan(5);
    for (const a of body.anomalies) {
      expect(a.date >= body.range.from && a.date <= body.range.to).toBe(true);
      expect(a.explanation).toMatch(/\d/);
    }
    expect(body.anomalies.every((a: any, i: number) => i === 0 || body.anomalies[i - 1].score >= a.score)).toBe(true);
  });

  it('filters by channel, campaign and severity, and the summary counts the same anomalies', async () => {
    const all = (await call('/api/anomalies?from=2026-09-01&to=2026-10-31')).body.anomalies as any[];
    const first = all[0];
    const byCampaign = (await call(`/api/anomalies?from=2026-09-01&to=2026-10-31&campaign=${first.campaignId}`)).body;
    expect(byCampaign.anomalies.every((a: any) => a.campaignId === first.campaignId)).toBe(true);
    expect(byCampaign.count).toBe(all.filter((a) => a.campaignId === first.campaignId).length);
    const high = (await call('/api/anomalies?from=2026-09-01&to=2026-10-31&severity=high&severity=medium')).body;
    expect(high.count).toBe(all.filter((a) => a.severity !== 'low').length);
    const channel = encodeURIComponent(first.channel);
    const summary = (await call(`/api/dashboard-summary?from=2026-09-01&to=2026-10-31&channel=${channel}`)).body;
    expect(summary.totals.anomalyCount).toBe(all.filter((a) => a.channel === first.channel).length);
  });

  it.each([
    ['/api/anomalies?severity=huge', 'severity'],
    ['/api/anomalies?from=2026-02-30', 'from'],
    ['/api/anomalies?from=2026-10-05&to=2026-10-01', 'from'],
    ['/api/recommendations?to=soon', 'to'],
    ['/api/campaign-health?status=fine', 'status'],
  ])('%s is a 400 naming %s', async (path, field) => {
    const { status, body } = await call(path);
    expect(status).toBe(400);
    expect(body.error.details.fields[0].field).toBe(field);
  });

  it('refuses a channel the data does not have, with a 400', async () => {
    for (const path of ['/api/anomalies?channel=Nope', '/api/recommendations?channel=Nope', '/api/campaign-health?segment=Nope']) {
      expect((await call(path)).status).toBe(400);
    }
  });
});

describe('GET /api/recommendations and /api/model', () => {
  it('lists actions sorted by expected value, each with evidence and an impact, and the model that priced them', async () => {
    const { status, body } = await call('/api/recommendations');
    expect(status).toBe(200);
    expect(body.recommendations.length).toBeGreaterThan(0);
    const recs = body.recommendations as any[];
    expect(recs.every((r, i) => i === 0 || recs[i - 1].expectedValue >= r.expectedValue)).toBe(true);
    for (const r of recs) {
      expect(['pause', 'scale', 'monitor', 'alert']).toContain(r.action);
      expect(r.evidence.spend).toBeGreaterThan(0);
      expect(r.reason).toMatch(/\d/);
    }
    expect(body.model.status).toBe('trained');
    expect(body.model.beatsBaselines).toBe(true);
  });

  it('narrows to a segment', async () => {
    const all = (await call('/api/recommendations')).body.recommendations as any[];
    const segment = all[0].segment;
    const some = (await call(`/api/recommendations?segment=${encodeURIComponent(segment)}`)).body.recommendations as any[];
    expect(some.length).toBe(all.filter((r) => r.segment === segment).length);
  });

  it('describes the model with its holdout figures next to the baselines', async () => {
    const { body } = await call('/api/model');
    expect(body.holdout.model.r2).toBeGreaterThan(body.holdout.baselines.lastWeek.r2);
    expect(body.holdout.model.mape).toBeLessThan(body.holdout.baselines.channelMean.mape);
    expect(body.features).toContain('log adstocked spend');
  });
});

describe('GET /api/campaign-health', () => {
  it('scores every running campaign, counts statuses, and filters by status on the server', async () => {
    const all = (await call('/api/campaign-health')).body;
    const total = all.counts.healthy + all.counts.attention + all.counts.critical;
    expect(all.campaigns).toHaveLength(total);
    for (const c of all.campaigns) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(100);
      expect(c.reasons.length).toBeGreaterThan(0);
    }
    const critical = (await call('/api/campaign-health?status=critical')).body;
    expect(critical.campaigns.every((c: any) => c.status === 'critical')).toBe(true);
    expect(critical.counts).toEqual(all.counts);
  });
});

describe('/api/config/thresholds', () => {
  it('changes results and their cache without touching the data version', async () => {
    const before = (await call('/api/meta')).body.dataVersion;
    const loose = (await call('/api/anomalies')).body.count;
    const updated = await put({ anomalies: { zThreshold: 40, zSupport: 30 } });
    expect(updated.status).toBe(200);
    expect(updated.body.thresholds.anomalies).toMatchObject({ zThreshold: 40, zSupport: 30, minFactor: 2 });
    expect((await call('/api/config/thresholds')).body.version).toBe(updated.body.version);
    expect((await call('/api/anomalies')).body.count).toBeLessThan(loose);
    expect((await call('/api/meta')).body.dataVersion).toBe(before);
    const back = await put({ anomalies: { zThreshold: 3.5, zSupport: 2.5 } });
    expect(back.body.version).toBe(updated.body.version + 1);
    expect((await call('/api/anomalies')).body.count).toBe(loose);
  });

  it('refuses unknown and contradictory fields with a 400 naming them, and analysts may only read', async () => {
    const unknown = await put({ anomalies: { zThresh: 5 } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details.fields)).toContain('zThresh');
    const conflict = await put({ health: { pacingLowPct: 200 } });
    expect(conflict.status).toBe(400);
    expect(conflict.body.error.details.fields[0].field).toBe('health.pacingLowPct');
    expect((await put({ anomalies: { zThreshold: 4 } }, 'analyst')).status).toBe(403);
    expect((await call('/api/anomalies', {}, 'leadership')).status).toBe(403);
  });
});

describe('the SDK and OpenAPI cover the engine routes', () => {
  it('calls every engine route with typed answers and typed errors', async () => {
    const client = createClient({ baseUrl: server.url, token: server.token('manager'), maxRetries: 0 });
    expect((await client.anomalies({ severity: 'high' })).anomalies.every((a) => a.severity === 'high')).toBe(true);
    expect((await client.recommendations()).model.status).toBe('trained');
    expect((await client.campaignHealth({ status: ['healthy'] })).campaigns.every((c) => c.status === 'healthy')).toBe(true);
    expect((await client.model()).target).toBe('revenue per campaign-day');
    const t = await client.thresholds();
    expect((await client.updateThresholds({ health: { windowDays: t.thresholds.health.windowDays } })).version).toBe(t.version + 1);
    await expect(client.anomalies({ from: '2026-13-01' })).rejects.toBeInstanceOf(BadRequestError);
    const analyst = createClient({ baseUrl: server.url, token: server.token('analyst'), maxRetries: 0 });
    await expect(analyst.updateThresholds({})).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('documents them in the OpenAPI document', async () => {
    const doc = (await call('/api/openapi.json')).body;
    for (const path of ['/api/anomalies', '/api/recommendations', '/api/campaign-health', '/api/model']) expect(doc.paths[path].get).toBeDefined();
    expect(doc.paths['/api/config/thresholds'].put.requestBody).toBeDefined();
    expect(doc.paths['/api/anomalies'].get.parameters.map((p: any) => p.name)).toContain('severity');
  });
});
