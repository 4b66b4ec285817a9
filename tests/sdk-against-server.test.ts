import { createClient, BadRequestError, UnprocessableEntityError } from '@retailmind/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ dataDir: 'tests/fixtures/tiny' });
});
afterAll(() => server.close());

describe('@retailmind/sdk against the real server', () => {
  it('reads typed data', async () => {
    const client = createClient({ baseUrl: server.url, token: server.token('manager') });
    const meta = await client.meta();
    expect(meta.campaignCount).toBe(3);
    const summary = await client.dashboardSummary({ from: '2026-03-01', to: '2026-03-03', channel: ['Search', 'Email'] });
    expect(summary.totals.revenue).toBeCloseTo(630, 9);
    expect(summary.channels.map((c) => c.channel)).toEqual(['Email', 'Search']);
  });

  it('raises typed errors carrying the server\'s code and details', async () => {
    const client = createClient({ baseUrl: server.url, token: server.token('manager'), maxRetries: 0 });
    const err = await client.dashboardSummary({ from: '2026-02-30' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, code: 'invalid_query' });
    const bad = await client.ingest('budgets', 'period_start,period_end,channel,allocated\n2026-01-02,2026-01-01,X,1\n').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(UnprocessableEntityError);
    expect((bad as UnprocessableEntityError).details).toMatchObject({ rowsRejected: 1 });
  });

  it('uploads a stream', async () => {
    const client = createClient({ baseUrl: server.url, token: server.token('manager') });
    const body = new Blob(['period_start,period_end,channel,allocated\n2026-04-01,2026-04-30,Search,900\n']).stream();
    const result = await client.ingest('budgets', body);
    expect(result.rowsStored).toBe(1);
  });

  it('honours an abort', async () => {
    const client = createClient({ baseUrl: server.url, token: server.token('manager') });
    const controller = new AbortController();
    controller.abort();
    await expect(client.meta({ signal: controller.signal })).rejects.toMatchObject({ name: 'APIUserAbortError' });
  });
});
