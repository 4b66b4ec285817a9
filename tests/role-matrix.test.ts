import { ROLES, ROUTES, type Role, type RouteName, type RouteSpec } from '@retailmind/sdk/contract';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/src/app.js';
import { ROLE_MATRIX, allows } from '../server/src/auth/matrix.js';
import { TokenService } from '../server/src/auth/tokens.js';
import { contractRouteName } from '../server/src/http/route-name.js';
import { openDatabase } from '../server/src/store/db.js';
import { Store } from '../server/src/store/store.js';
import { startServer, TEST_JWT_SECRET, type TestServer } from './helpers/server.js';

const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

async function buildApp() {
  const store = new Store(await openDatabase(':memory:'));
  return { store, app: createApp({ store, config: { corsOrigins: [], maxIngestBytes: 1024 }, jwtSecret: TEST_JWT_SECRET }) };
}

describe('every route the app serves is in the role matrix', () => {
  it('walks app.routes: each handler is a contract route with a matrix entry, and each contract route is served', async () => {
    const { app, store } = await buildApp();
    const handlers = app.routes.filter((r) => r.method !== 'ALL');
    const unlisted = handlers.filter((r) => {
      const name = contractRouteName(r.method, r.path);
      return !name || !(name in ROLE_MATRIX);
    });
    expect(unlisted.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const served = new Set(handlers.map((r) => contractRouteName(r.method, r.path)));
    expect(ROUTE_NAMES.filter((name) => !served.has(name))).toEqual([]);
    // Middleware (registered for ALL methods) only on wildcard paths: no handler hides as ALL.
    expect(app.routes.filter((r) => r.method === 'ALL' && !r.path.endsWith('*'))).toEqual([]);
    store.close();
  });

  it('refuses a handler that is not in the contract, for every role', async () => {
    const { app, store } = await buildApp();
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
