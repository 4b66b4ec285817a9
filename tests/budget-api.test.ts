import { BadRequestError, createClient, PermissionDeniedError, projectAllocation, type ResponseCurve } from '@retailmind/sdk';
import type { BudgetOptimizeResponse, BudgetSimulateResponse, ResponseCurvesResponse } from '@retailmind/sdk/contract';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, writeDataset } from '../data/generate.js';
import { startServer, type TestServer } from './helpers/server.js';

type Role = 'manager' | 'analyst' | 'leadership';

let server: TestServer;
let curves: ResponseCurvesResponse;
beforeAll(async () => {
  server = await startServer({ dataDir: 'data/sample' });
  curves = (await get('/api/response-curves')).body;
});
afterAll(() => server.close());

async function get(path: string, role: Role = 'manager') {
  const res = await fetch(server.url + path, { headers: server.auth(role) });
  return { status: res.status, body: (await res.json()) as any };
}
async function post(path: string, body: unknown, role: Role = 'manager') {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { ...server.auth(role), 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const simulate = (body: unknown, role?: Role) => post('/api/budget-simulate', body, role);
const optimize = (body: unknown, role?: Role) => post('/api/budget-optimize', body, role);
const current = () => curves.channels.reduce((s, c) => s + c.currentSpend, 0);
const channelNames = () => curves.channels.map((c) => c.channel);

describe('GET /api/response-curves', () => {
  it("answers every channel's curve, draws, fit quality, sufficiency and sampled points", () => {
    const truth = JSON.parse(readFileSync('data/sample/truth.json', 'utf8')) as { channels: { name: string }[] };
    expect(channelNames().sort()).toEqual(truth.channels.map((c) => c.name).sort());
    for (const c of curves.channels) {
      expect(c.curve.K).toBeGreaterThan(0);
      expect(c.curve.S).toBeGreaterThanOrEqual(0.5);
      expect(c.curve.theta).toBeGreaterThanOrEqual(0);
      expect(c.curve.draws).toHaveLength(40);
      expect(c.curve.observed.low).toBeLessThanOrEqual(c.curve.observed.high);
      expect(c.fit.usableDays).toBeGreaterThanOrEqual(40);
      expect(c.fit.holdout?.days).toBeGreaterThan(0);
      expect(c.fit.holdout?.mape).toBeLessThan(0.5);
      expect(c.sufficiency).toMatchObject({ level: 'full', parameters: 4, fixed: [], maxMovePct: null });
      expect(c.points).toHaveLength(41);
      expect(c.points[0]).toMatchObject({ spend: 0, projectedRevenue: 0 });
      // Revenue never falls as spend rises, and the band holds the projection.
      for (let i = 1; i < c.points.length; i++) expect(c.points[i]!.projectedRevenue).toBeGreaterThanOrEqual(c.points[i - 1]!.projectedRevenue);
      for (const p of c.points.slice(1)) expect(p.low <= p.projectedRevenue && p.projectedRevenue <= p.high).toBe(true);
      expect(c.points.at(-1)!.extrapolated).toBe(true);
    }
    expect(curves.days).toBe(30);
    expect(curves.weekday).toHaveLength(7);
    expect(curves.window?.to).toBe('2026-10-31');
    expect(curves.notes.join(' ')).toMatch(/Curves fitted on \d+ days/);
  });

  it('samples over the horizon asked for, and refuses a bad one naming `days`', async () => {
    const sixty = (await get('/api/response-curves?days=60')).body as ResponseCurvesResponse;
    expect(sixty.days).toBe(60);
    expect(sixty.channels[0]!.currentSpend).toBeCloseTo(2 * curves.channels[0]!.currentSpend, 1);
    for (const q of ['days=0', 'days=abc', 'days=1.5', 'days=400']) {
      const { status, body } = await get(`/api/response-curves?${q}`);
      expect(status, q).toBe(400);
      expect(body.error.details.fields[0].field).toBe('days');
    }
  });
});

describe('POST /api/budget-simulate', () => {
  it('projects the current split as no change, and a move against it', async () => {
    const [first] = curves.channels;
    const same = (await simulate({ allocations: [{ channel: first!.channel, spend: first!.currentSpend }] })).body as BudgetSimulateResponse;
    expect(same.channels).toHaveLength(curves.channels.length);
    expect(Math.abs(same.totals.revenueDelta)).toBeLessThan(1);
    expect(same.totals.currentSpend).toBeCloseTo(current(), 0);

    const moved = await simulate({ allocations: [{ channel: first!.channel, spend: first!.currentSpend * 1.2 }], days: 30 });
    expect(moved.status).toBe(200);
    const b = moved.body as BudgetSimulateResponse;
    const c = b.channels.find((x) => x.channel === first!.channel)!;
    expect(c.spend).toBeCloseTo(first!.currentSpend * 1.2, 1);
    expect(c.low).toBeLessThan(c.projectedRevenue);
    expect(c.high).toBeGreaterThan(c.projectedRevenue);
    expect(c.projectedRoi).toBeCloseTo((c.projectedRevenue - c.spend) / c.spend, 3);
    expect(b.totals.revenueDelta).toBeCloseTo(b.totals.projectedRevenue - b.totals.currentRevenue, 1);
    expect(b.totals.roiDelta).toBeCloseTo(b.totals.projectedRoi! - b.totals.currentRoi!, 3);
    expect(b.totals.low).toBeLessThan(b.totals.projectedRevenue);
  });

  it('flags a spend far beyond what a channel has run at as an extrapolation, with a wider band', async () => {
    const [first] = curves.channels;
    const b = (await simulate({ allocations: [{ channel: first!.channel, spend: first!.currentSpend * 5 }] })).body as BudgetSimulateResponse;
    const far = b.channels.find((x) => x.channel === first!.channel)!;
    const near = b.channels.find((x) => x.channel !== first!.channel)!;
    expect(far.extrapolated).toBe(true);
    expect(near.extrapolated).toBe(false);
    expect((far.high - far.low) / far.projectedRevenue).toBeGreaterThan((near.high - near.low) / near.projectedRevenue);
    expect(b.notes.join(' ')).toMatch(/Extrapolated/);
  });

  it('matches the SDK projection a widget makes from the curves in the browser, to the cent', async () => {
    const allocation = curves.channels.map((c, i) => ({ channel: c.channel, spend: c.currentSpend * (0.8 + 0.1 * i) }));
    const server = (await simulate({ allocations: allocation })).body as BudgetSimulateResponse;
    const local = projectAllocation(new Map(curves.channels.map((c) => [c.channel, c.curve as ResponseCurve])), allocation, 30);
    expect(server.totals.projectedRevenue).toBeCloseTo(local.total.revenue, 2);
    expect(server.totals.low).toBeCloseTo(local.total.low, 2);
    expect(server.totals.high).toBeCloseTo(local.total.high, 2);
    local.channels.forEach((c, i) => expect(server.channels[i]!.projectedRevenue).toBeCloseTo(c.revenue, 2));
  });

  it.each([
    [{ allocations: [{ channel: 'Carrier Pigeon', spend: 100 }] }, 'allocations.0.channel'],
    [{ allocations: [{ channel: 'Email', spend: -5 }] }, 'allocations.0.spend'],
    [{ allocations: [{ channel: 'Email', spend: '100' }] }, 'allocations.0.spend'],
    [{ allocations: [{ channel: 'Email', spend: null }] }, 'allocations.0.spend'],
    [{ allocations: [{ channel: 'Email', spend: 1 }, { channel: 'Email', spend: 2 }] }, 'allocations.1.channel'],
    [{ allocations: [] }, 'allocations'],
    [{}, 'allocations'],
    [{ allocations: [{ channel: 'Email', spend: 1 }], days: 0 }, 'days'],
    [{ allocations: [{ channel: 'Email', spend: 1 }], days: 2.5 }, 'days'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const { status, body: answer } = await simulate(body);
    expect(status).toBe(400);
    expect(answer.error.details.fields[0].field).toBe(field);
    expect(answer.error.message).toContain(field);
  });

  it('refuses spends that add up to zero, and a body that is not JSON, with a 400 (never a 500)', async () => {
    const zero = await simulate({ allocations: channelNames().map((channel) => ({ channel, spend: 0 })) });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.fields[0].field).toBe('allocations');
    expect((await simulate('{"allocations": [')).status).toBe(400);
    expect((await simulate({ allocations: [{ channel: 'Email', spend: 1 }], extra: true })).status).toBe(400);
  });
});

describe('POST /api/budget-optimize', () => {
  it('splits the current budget for more revenue, equalising marginal ROI, with a sentence to act on', async () => {
    const { status, body } = await optimize({ totalBudget: current() });
    expect(status).toBe(200);
    const b = body as BudgetOptimizeResponse;
    expect(b.allocations.reduce((s, a) => s + a.spend, 0)).toBeCloseTo(current(), 0);
    expect(b.projection.projectedRevenue).toBeGreaterThan(b.current.projectedRevenue);
    expect(b.lift.revenue).toBeCloseTo(b.projection.projectedRevenue - b.current.projectedRevenue, 1);
    expect(b.allocations.some((a) => Math.abs(a.changePct ?? 0) > 5)).toBe(true);
    const free = b.allocations.filter((a) => a.bound === null);
    expect(free.length).toBeGreaterThan(1);
    for (const a of free) expect(a.marginalRoi).toBeCloseTo(b.marginalRoi!, 2);
    expect(b.recommendation).toMatch(/^Move [\d,]+ \(\d+%\) of .+ to .+: \+[\d,]+ revenue over 30 days \(\+\d+\.\d%\), ROI \d\.\d\d → \d\.\d\d\./);
    expect(b.recommendation).not.toMatch(/[$€£]/);
    expect(['greedy', 'bisection']).toContain(b.method);
  });

  it('respects min and max per channel and maxChangePct', async () => {
    const [a, bChannel] = curves.channels;
    const bounded = (await optimize({
      totalBudget: current(),
      constraints: [
        { channel: a!.channel, min: a!.currentSpend * 1.1 },
        { channel: bChannel!.channel, max: bChannel!.currentSpend * 0.5 },
      ],
    })).body as BudgetOptimizeResponse;
    const byName = new Map(bounded.allocations.map((x) => [x.channel, x]));
    expect(byName.get(a!.channel)!.spend).toBeGreaterThanOrEqual(a!.currentSpend * 1.1 - 0.01);
    expect(byName.get(bChannel!.channel)!.spend).toBeLessThanOrEqual(bChannel!.currentSpend * 0.5 + 0.01);

    const small = (await optimize({ totalBudget: current(), maxChangePct: 10 })).body as BudgetOptimizeResponse;
    for (const x of small.allocations) expect(Math.abs(x.changePct!)).toBeLessThanOrEqual(10 + 1e-6);
    expect(small.lift.revenue).toBeGreaterThan(0);
  });

  it('profit: leaves a budget unspent where no channel returns more than it costs', async () => {
    const b = (await optimize({ totalBudget: current() * 20, objective: 'profit' })).body as BudgetOptimizeResponse;
    expect(b.objective).toBe('profit');
    expect(b.projection.unspent).toBeGreaterThan(0);
    expect(b.marginalRoi).toBeCloseTo(0, 2);
    expect(b.notes.join(' ')).toMatch(/unspent/);
  });

  it('finds the budget that meets a target ROI, or says it cannot', async () => {
    const base = (await optimize({ totalBudget: current() })).body as BudgetOptimizeResponse;
    const target = Math.round((base.projection.projectedRoi! - 0.3) * 100) / 100;
    const b = (await optimize({ targetRoi: target })).body as BudgetOptimizeResponse;
    expect(b.target).toMatchObject({ kind: 'roi', value: target, met: true });
    expect(b.projection.projectedRoi).toBeCloseTo(target, 1);
    expect(b.totalBudget).toBeGreaterThan(current());

    const impossible = (await optimize({ targetRoi: 500 })).body as BudgetOptimizeResponse;
    expect(impossible.target?.met).toBe(false);
    expect(impossible.notes.join(' ')).toMatch(/No budget reaches an ROI of 500/);
  });

  it('finds the budget where every channel’s next unit returns a target marginal ROI', async () => {
    const b = (await optimize({ targetMarginalRoi: 0.5 })).body as BudgetOptimizeResponse;
    expect(b.target).toMatchObject({ kind: 'marginalRoi', value: 0.5, met: true });
    for (const a of b.allocations.filter((x) => x.bound === null)) expect(a.marginalRoi).toBeCloseTo(0.5, 2);
    expect(b.totalBudget).toBeCloseTo(b.projection.spend, 1);
  });

  it.each([
    [{}, 'totalBudget'],
    [{ totalBudget: 1000, targetRoi: 2 }, 'targetRoi'],
    [{ totalBudget: -1 }, 'totalBudget'],
    [{ totalBudget: 0 }, 'totalBudget'],
    [{ totalBudget: 'lots' }, 'totalBudget'],
    [{ totalBudget: 1000, objective: 'fun' }, 'objective'],
    [{ totalBudget: 1000, maxChangePct: -3 }, 'maxChangePct'],
    [{ targetMarginalRoi: -1 }, 'targetMarginalRoi'],
    [{ totalBudget: 1000, constraints: [{ channel: 'Carrier Pigeon', min: 1 }] }, 'constraints.0.channel'],
    [{ totalBudget: 1000, constraints: [{ channel: 'Email', min: 10, max: 5 }] }, 'constraints.0.max'],
    [{ totalBudget: 1000, constraints: [{ channel: 'Email', min: -10 }] }, 'constraints.0.min'],
    [{ totalBudget: 1000, constraints: [{ channel: 'Email', min: 5000 }] }, 'totalBudget'],
    [{ totalBudget: 1000, days: 366 }, 'days'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const { status, body: answer } = await optimize(body);
    expect(status).toBe(400);
    expect(answer.error.details.fields[0].field).toBe(field);
  });

  it('refuses a budget the upper bounds cannot absorb', async () => {
    const maxed = channelNames().map((channel) => ({ channel, max: 1 }));
    const { status, body } = await optimize({ totalBudget: 1000, constraints: maxed });
    expect(status).toBe(400);
    expect(body.error.details.fields[0].field).toBe('totalBudget');
  });
});

describe('who may use the budget routes', () => {
  it.each(['analyst', 'leadership'] as const)('%s gets a 403 on all three', async (role) => {
    expect((await get('/api/response-curves', role)).status).toBe(403);
    expect((await simulate({ allocations: [{ channel: 'Email', spend: 1 }] }, role)).status).toBe(403);
    expect((await optimize({ totalBudget: 1000 }, role)).status).toBe(403);
  });

  it('is documented in the OpenAPI document as manager only', async () => {
    const doc = (await get('/api/openapi.json')).body;
    expect(doc.paths['/api/budget-simulate'].post['x-roles']).toEqual(['manager']);
    expect(doc.paths['/api/budget-optimize'].post['x-roles']).toEqual(['manager']);
    expect(doc.paths['/api/response-curves'].get['x-roles']).toEqual(['manager']);
    expect(doc.paths['/api/budget-optimize'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('targetMarginalRoi');
  });
});

describe('the SDK methods', () => {
  it('call the three routes, typed, and surface bad input and roles as typed errors', async () => {
    const client = createClient({ baseUrl: server.url, token: server.token('manager'), maxRetries: 0 });
    const c = await client.responseCurves({ days: 30 });
    expect(c.channels.length).toBe(curves.channels.length);
    const s = await client.budgetSimulate({ allocations: [{ channel: c.channels[0]!.channel, spend: 1000 }] });
    expect(s.channels[0]!.spend).toBe(1000);
    const o = await client.budgetOptimize({ totalBudget: current(), maxChangePct: 20 });
    expect(o.recommendation.length).toBeGreaterThan(20);
    await expect(client.budgetSimulate({ allocations: [{ channel: 'Nope', spend: 1 }] })).rejects.toBeInstanceOf(BadRequestError);
    const analyst = createClient({ baseUrl: server.url, token: server.token('analyst'), maxRetries: 0 });
    await expect(analyst.budgetOptimize({ totalBudget: 1 })).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});

describe('thin data', () => {
  let thin: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rm-budget-thin-'));
    writeDataset(dir, generateDataset({ seed: 3, days: 26, campaigns: 12 }));
    thin = await startServer({ dataDir: dir });
  });
  afterAll(async () => {
    await thin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fixes parameters, says so, and keeps the optimizer’s moves small', async () => {
    const headers = thin.auth('manager');
    const c = (await (await fetch(`${thin.url}/api/response-curves`, { headers })).json()) as ResponseCurvesResponse;
    expect(c.channels.length).toBeGreaterThan(0);
    for (const ch of c.channels) {
      expect(ch.sufficiency.level).toBe('level-only');
      expect(ch.sufficiency.fixed).toEqual(expect.arrayContaining(['S', 'K']));
      expect(ch.sufficiency.maxMovePct).toBe(25);
      expect(ch.sufficiency.rowsPerParameter).toBeLessThan(20);
    }
    expect(c.notes.join(' ')).toMatch(/usable days for 2 parameters/);
    const total = c.channels.reduce((s, ch) => s + ch.currentSpend, 0);
    const res = await fetch(`${thin.url}/api/budget-optimize`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ totalBudget: total }),
    });
    const o = (await res.json()) as BudgetOptimizeResponse;
    expect(res.status).toBe(200);
    for (const a of o.allocations) expect(Math.abs(a.changePct!)).toBeLessThanOrEqual(25 + 1e-6);
    expect(o.notes.join(' ')).toMatch(/within 25% of the current/);
  });
});

describe('the fit is cached per data version', () => {
  it('answers from the cache until an ingest changes the data, then refits', async () => {
    const before = (await get('/api/response-curves')).body as ResponseCurvesResponse;
    const t0 = performance.now();
    await get('/api/response-curves');
    expect(performance.now() - t0).toBeLessThan(200);
    const [header, first] = readFileSync('data/sample/sales_daily.csv', 'utf8').split('\n');
    const cells = first!.split(',');
    cells[4] = '4321.00';
    const res = await fetch(`${server.url}/api/ingest/sales_daily`, {
      method: 'POST',
      headers: { ...server.auth('manager'), 'content-type': 'text/csv' },
      body: `${header}\n${cells.join(',')}\n`,
    });
    expect(res.status).toBe(200);
    const after = (await get('/api/response-curves')).body as ResponseCurvesResponse;
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
  });
});
