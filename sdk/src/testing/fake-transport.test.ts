import { describe, expect, it } from 'vitest';
import { APIConnectionError, AuthenticationError, InternalServerError, NotFoundError, PermissionDeniedError } from '../errors.js';
import { SummaryResponse, AnomaliesResponse, CampaignHealthResponse, RecommendationsResponse, MetaResponse, ReportResponse } from '../contract/index.js';
import { createFakeClient, sample } from './index.js';

describe('@retailmind/sdk/testing fake transport', () => {
  it('answers from the recorded fixtures, which still match the contract', async () => {
    const client = createFakeClient();
    expect(SummaryResponse.parse(await client.dashboardSummary()).totals.revenue).toBe(sample.summary.totals.revenue);
    MetaResponse.parse(await client.meta());
    AnomaliesResponse.parse(await client.anomalies());
    CampaignHealthResponse.parse(await client.campaignHealth());
    RecommendationsResponse.parse(await client.recommendations());
    ReportResponse.parse(await client.report());
    expect(client.fake.calls.map((c) => c.path)).toEqual([
      '/api/dashboard-summary', '/api/meta', '/api/anomalies', '/api/campaign-health', '/api/recommendations', '/api/report',
    ]);
  });

  it('gives each role what the server gave it, and each scenario its typed error', async () => {
    await expect(createFakeClient({ role: 'leadership' }).anomalies()).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(createFakeClient({ role: 'leadership' }).dashboardSummary()).resolves.toHaveProperty('totals');
    await expect(createFakeClient({ scenario: 'error' }).meta()).rejects.toBeInstanceOf(InternalServerError);
    await expect(createFakeClient({ scenario: { '/api/meta': 'offline' } }).meta()).rejects.toBeInstanceOf(APIConnectionError);
    await expect(createFakeClient({ scenario: { '/api/meta': 'unauthorized' } }).meta()).rejects.toMatchObject({ name: 'AuthenticationError', code: 'token_expired' });
    await expect(createFakeClient({ synthetic: true, scenario: { '/api/export': 'unauthorized' } }).export()).rejects.toBeInstanceOf(AuthenticationError);
    const empty = await createFakeClient({ scenario: 'empty' }).campaignHealth();
    expect(empty.campaigns).toEqual([]);
  });

  it('tells the truth about routes it has no recording of, unless asked for synthetic ones', async () => {
    const plain = createFakeClient();
    await expect(plain.responseCurves()).rejects.toBeInstanceOf(NotFoundError);
    const synthetic = createFakeClient({ synthetic: true });
    const curves = (await synthetic.responseCurves!()) as { channels: { channel: string; points: unknown[] }[] };
    expect(curves.channels.map((c) => c.channel)).toEqual(expect.arrayContaining(sample.summary.channels.map((c) => c.channel)));
    await expect(createFakeClient({ synthetic: true, scenario: { '/api/report': 'error' } }).report()).rejects.toBeInstanceOf(InternalServerError);
    const file = await createFakeClient({ synthetic: true }).export({ format: 'csv', view: 'channels' });
    expect(file.name).toBe('retailmind-channels.csv');
    await expect(createFakeClient({ synthetic: true, role: 'leadership' }).responseCurves!()).rejects.toBeInstanceOf(PermissionDeniedError);
    // a bare fetch of a path the server does not have is its 404
    const res = await plain.fake.fetch('http://fake.invalid/api/nowhere', { method: 'GET' });
    expect(res.status).toBe(404);
    expect(NotFoundError).toBeDefined();
  });

  it('delivers pushed live updates to subscribers until they unsubscribe', () => {
    const client = createFakeClient();
    const seen: unknown[] = [];
    const stop = client.subscribe('summary', (payload, meta) => seen.push([payload, meta.dataVersion]));
    client.fake.live.push('summary', { x: 1 }, 7);
    stop();
    client.fake.live.push('summary', { x: 2 }, 8);
    expect(seen).toEqual([[{ x: 1 }, 7]]);
  });
});
