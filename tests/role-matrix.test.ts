import { ROLES, ROUTES, type Role, type RouteName, type RouteSpec } from '@retailmind/sdk/contract';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/src/app.js';
import { ROLE_MATRIX, allows } from '../server/src/auth/matrix.js';
import { TokenService } from '../server/src/auth/tokens.js';
import { contractRouteName, isApiPath } from '../server/src/http/route-name.js';
import { openDatabase } from '../server/src/store/db.js';
import { Store } from '../server/src/store/store.js';
import { startServer, TEST_JWT_SECRET, type TestServer } from './helpers/server.js';

const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

/** A minimal built demo site and widget bundle, as `npm start` serves them from `demo-site/dist` and `widgets/dist`. */
let siteRoot: string;
beforeAll(() => {
  siteRoot = mkdtempSync(join(tmpdir(), 'rm-site-'));
  mkdirSync(join(siteRoot, 'site'));
  mkdirSync(join(siteRoot, 'widgets'));
  writeFileSync(join(siteRoot, 'site', 'index.html'), '<!doctype html><title>RetailMind</title>');
  writeFileSync(join(siteRoot, 'widgets', 'retailmind-widgets.js'), 'export {};');
});
afterAll(() => rmSync(siteRoot, { recursive: true, force: true }));

async function buildApp(options: { site?: boolean } = {}) {
  const store = new Store(await openDatabase(':memory:'));
  const site = options.site ? { siteDir: join(siteRoot, 'site'), widgetsDir: join(siteRoot, 'widgets') } : {};
  return { store, app: createApp({ store, config: { corsOrigins: [], maxIngestBytes: 1024 }, jwtSecret: TEST_JWT_SECRET, ...site }) };
}

describe('every route the app serves is in the role matrix', () => {
  it.each([
    ['the API alone', false],
    ['the API and the demo site', true],
  ])('walks app.routes (%s): each /api handler is a contract route with a matrix entry, and each contract route is served', async (_label, site) => {
    const { app, store } = await buildApp({ site });
    const handlers = app.routes.filter((r) => r.method !== 'ALL');
    const api = handlers.filter((r) => isApiPath(r.path));
    const unlisted = api.filter((r) => {
      const name = contractRouteName(r.method, r.path);
      return !name || !(name in ROLE_MATRIX);
    });
    expect(unlisted.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const served = new Set(api.map((r) => contractRouteName(r.method, r.path)));
    expect(ROUTE_NAMES.filter((name) => !served.has(name))).toEqual([]);
    // Outside /api only the site's static files: read-only, and only when a site is served.
    const outside = handlers.filter((r) => !api.includes(r));
    if (site) expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((r) => !site || r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // Middleware (registered for ALL methods) only on wildcard paths: no handler hides as ALL.
    expect(app.routes.filter((r) => r.method === 'ALL' && !r.path.endsWith('*'))).toEqual([]);
    store.close();
  });

  it.each([
    ['the API alone', false],
    ['the API and the demo site', true],
  ])('answers an unknown /api path with a JSON 404, with or without a token (%s)', async (_label, site) => {
    const { app, store } = await buildApp({ site });
    const { token } = await new TokenService(TEST_JWT_SECRET).issue('t', 'manager');
    for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
      for (const path of ['/api/typo', '/api', '/api/auth/typo']) {
        const res = await app.request(path, { headers });
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(((await res.json()) as any).error.code).toBe('not_found');
      }
    }
    // Known routes still reach the matrix.
    expect((await app.request('/api/healthz')).status).toBe(200);
    expect((await app.request('/api/meta')).status).toBe(401);
    if (site) {
      // The site itself still answers, without a token.
      const page = await app.request('/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('RetailMind');
      expect((await app.request('/widgets/retailmind-widgets.js')).status).toBe(200);
    }
    store.close();
  });

  it.each([
    ['the API alone', false],
    ['the API and the demo site', true],
  ])('refuses an /api handler that is not in the contract, for every role (%s)', async (_label, site) => {
    const { app, store } = await buildApp({ site });
    app.get('/api/forgotten', (c) => c.json({ secret: true }));
    const issuer = new TokenService(TEST_JWT_SECRET);
    for (const role of ROLES) {
      const { token } = await issuer.issue('t', role);
      const res = await app.request('/api/forgotten', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.message).toContain('not in the role matrix');
    }
    store.close();
  });
});

/** A request to `route` that gets past routing: path parameters filled, a body when the route takes one. */
function requestFor(spec: RouteSpec): { path: string; init: RequestInit } {
  const path = spec.path.replace(/:kind\b/, 'campaigns').replace(/:(\w+)/g, 'x');
  const init: RequestInit = { method: spec.method.toUpperCase() };
  if (spec.json) init.body = '{}';
  if (spec.body) init.body = '';
  if (spec.json) init.headers = { 'content-type': 'application/json' };
  if (spec.body) init.headers = { 'content-type': spec.body.mediaType };
  return { path, init };
}

describe('role × route, against a real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ dataDir: 'tests/fixtures/tiny' });
  });
  afterAll(() => server.close());

  const send = async (route: RouteName, role: Role | null) => {
    const { path, init } = requestFor(ROUTES[route]);
    const headers = { ...(init.headers as Record<string, string> | undefined), ...(role ? server.auth(role) : {}) };
    const res = await fetch(server.url + path, { ...init, headers });
    await res.arrayBuffer();
    return res.status;
  };

  const cases = ROUTE_NAMES.flatMap((route) => [null, ...ROLES].map((role) => [route, role] as const));
  it.each(cases)('%s as %s', async (route, role) => {
    const status = await send(route, role);
    if (ROLE_MATRIX[route] === 'public') expect(status, 'a public route').not.toBe(401);
    else if (role === null) expect(status, 'no token').toBe(401);
    else if (!allows(route, role)) expect(status, 'the matrix says no').toBe(403);
    else expect([401, 403], 'the matrix says yes').not.toContain(status);
  });
});

describe('the README documents the matrix in force', () => {
  it('has one row per route with the roles the code admits', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('| route | manager | analyst | leadership |');
    expect(start).toBeGreaterThan(-1);
    const rows = readme.slice(start).split('\n').slice(2).filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('|')));
    const documented = new Map<string, string[]>();
    for (const row of rows) {
      const [names, ...cells] = row.split('|').slice(1, -1).map((c) => c.trim());
      for (const [, name] of names!.matchAll(/`(\w+)`/g)) documented.set(name!, cells);
    }
    expect([...documented.keys()].sort()).toEqual([...ROUTE_NAMES].sort());
    for (const route of ROUTE_NAMES) {
      const cells = documented.get(route)!;
      const expected = ROLES.map((role) => (ROLE_MATRIX[route] === 'public' ? 'public' : allows(route, role) ? 'yes' : 'no'));
      expect(cells.map((c) => c.split(',')[0]), route).toEqual(expected);
    }
  });
});
