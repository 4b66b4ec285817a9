import { sign } from 'hono/jwt';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserStore } from '../server/src/auth/users.js';
import { startServer, TEST_JWT_SECRET, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ dataDir: 'tests/fixtures/tiny', config: { corsOrigins: ['https://portal.example'] } });
  const users = new UserStore(server.store.db);
  await users.set('mia', 'manager', 'manager-pw');
  await users.set('lee', 'leadership', 'leader-pw');
  await users.set('locked', 'analyst', 'analyst-pw');
});
afterAll(() => server.close());

async function call(method: string, path: string, options: { token?: string; json?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + path, {
    method,
    headers,
    ...(options.json !== undefined ? { body: typeof options.json === 'string' ? options.json : JSON.stringify(options.json) } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const login = (username: string, password: string) => call('POST', '/api/auth/login', { json: { username, password } });
const seconds = (iso: string) => (Date.parse(iso) - Date.now()) / 1000;

describe('POST /api/auth/login and GET /api/auth/me', () => {
  it('exchanges a right password for a one-hour token that /me reads back', async () => {
    const { status, body } = await login('mia', 'manager-pw');
    expect(status).toBe(200);
    expect(body.user).toEqual({ username: 'mia', role: 'manager' });
    expect(seconds(body.expiresAt)).toBeGreaterThan(3590);
    expect(seconds(body.expiresAt)).toBeLessThanOrEqual(3600);
    const me = await call('GET', '/api/auth/me', { token: body.token });
    expect(me).toMatchObject({ status: 200, body: { user: { username: 'mia', role: 'manager' }, expiresAt: body.expiresAt } });
  });

  it('answers a wrong password and an unknown user alike: 401 invalid_credentials', async () => {
    const wrong = await login('lee', 'nope');
    const unknown = await login('nobody', 'nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('locks a username after 5 failures with a JSON 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('locked', 'guess')).status).toBe(401);
    const limited = await login('locked', 'analyst-pw');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited' });
    expect((await login('mia', 'manager-pw')).status).toBe(200); // other users are not affected
  });

  it('limits attempts per address whatever the usernames', async () => {
    const own = await startServer();
    try {
      const attempt = (i: number) =>
        fetch(`${own.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `u${i}`, password: 'x' }) });
      for (let i = 0; i < 20; i++) expect((await attempt(i)).status).toBe(401);
      const limited = await attempt(20);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/); // whole seconds, as RFC 9110 has it
      expect(((await limited.json()) as any).error.code).toBe('rate_limited');
    } finally {
      await own.close();
    }
  });

  it('validates the body', async () => {
    const res = await call('POST', '/api/auth/login', { json: { username: 'mia' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('password');
  });
});

describe('401 on missing, expired and forged tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['no token', undefined, 'unauthenticated'],
    ['garbage', 'garbage', 'invalid_token'],
    ['expired', async () => sign({ sub: 'x', role: 'manager', exp: now() - 5 }, TEST_JWT_SECRET, 'HS256'), 'token_expired'],
    ['forged', async () => sign({ sub: 'x', role: 'manager', exp: now() + 60 }, 'not-the-secret-not-the-secret-xx', 'HS256'), 'invalid_token'],
  ])('%s', async (_label, token, code) => {
    const value = typeof token === 'function' ? await token() : token;
    const res = await call('GET', '/api/meta', value ? { token: value } : {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(code);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('a portal minting its own tokens', () => {
  it('is accepted with the README\'s ten lines, run as the README prints them', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const snippet = /```js\n(import \{ createHmac \}[\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet, 'the README\'s token-minting example').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'rm-readme-'));
    const file = join(dir, 'mint.mjs');
    writeFileSync(file, snippet!);
    const previous = process.env['RM_JWT_SECRET'];
    process.env['RM_JWT_SECRET'] = TEST_JWT_SECRET; // the portal backend's environment
    try {
      const { retailmindToken } = (await import(pathToFileURL(file).href)) as { retailmindToken: (user: string, role: string) => string };
      const me = await call('GET', '/api/auth/me', { token: retailmindToken('portal:jane', 'leadership') });
      expect(me.status).toBe(200);
      expect(me.body.user).toEqual({ username: 'portal:jane', role: 'leadership' });
      expect((await call('GET', '/api/meta', { token: retailmindToken('portal:jane', 'admin') })).status).toBe(401);
    } finally {
      if (previous === undefined) delete process.env['RM_JWT_SECRET'];
      else process.env['RM_JWT_SECRET'] = previous;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('POST /api/auth/embed-token', () => {
  it('lets a manager mint a short-lived token for a role, which gets that role and no more', async () => {
    const minted = await call('POST', '/api/auth/embed-token', { token: server.token('manager'), json: { role: 'leadership', ttl: 120 } });
    expect(minted.status).toBe(200);
    expect(minted.body.user).toEqual({ username: 'embed:test-manager', role: 'leadership' });
    expect(seconds(minted.body.expiresAt)).toBeGreaterThan(110);
    expect(seconds(minted.body.expiresAt)).toBeLessThanOrEqual(120);
    expect((await call('GET', '/api/meta', { token: minted.body.token })).status).toBe(200);
    expect((await call('GET', '/api/dashboard-summary?campaign=A1', { token: minted.body.token })).status).toBe(403);
  });

  it('bounds the ttl, refuses other roles and refuses embed tokens minting more', async () => {
    const manager = server.token('manager');
    expect((await call('POST', '/api/auth/embed-token', { token: manager, json: { role: 'analyst', ttl: 10 } })).status).toBe(400);
    expect((await call('POST', '/api/auth/embed-token', { token: manager, json: { role: 'analyst', ttl: 86_400 } })).status).toBe(400);
    expect((await call('POST', '/api/auth/embed-token', { token: server.token('analyst'), json: { role: 'analyst' } })).status).toBe(403);
    const embed = (await call('POST', '/api/auth/embed-token', { token: manager, json: { role: 'manager' } })).body.token;
    const again = await call('POST', '/api/auth/embed-token', { token: embed, json: { role: 'manager' } });
    expect(again.status).toBe(403);
  });
});

describe('hardening', () => {
  it('keeps Leadership from campaign-level questions', async () => {
    const res = await call('GET', '/api/dashboard-summary?campaign=A1', { token: server.token('leadership') });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'forbidden', details: { role: 'leadership', field: 'campaign' } });
    expect((await call('GET', '/api/dashboard-summary?campaign=A1', { token: server.token('analyst') })).status).toBe(200);
  });

  it('caps JSON bodies at 64 KiB with a JSON 413, while ingest keeps its own limit', async () => {
    const big = JSON.stringify({ username: 'mia', password: 'x'.repeat(70 * 1024) });
    const res = await call('POST', '/api/auth/login', { json: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    const rows = Array.from({ length: 3000 }, (_, i) => `2026-04-01,2026-04-30,Channel ${i},1`).join('\n');
    const csv = `period_start,period_end,channel,allocated\n${rows}\n`;
    expect(csv.length).toBeGreaterThan(64 * 1024);
    const ingest = await fetch(`${server.url}/api/ingest/budgets`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv', ...server.auth('manager') } });
    expect(ingest.status).toBe(200);
  });

  it('answers CORS preflights for allowed origins only, and sends secure headers', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/meta`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const allowed = await preflight('https://portal.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(`${server.url}/api/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // Only the widget bundle is for other origins to load (tests/e2e checks its cross-origin policy).
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});
