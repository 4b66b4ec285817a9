import { sign } from 'hono/jwt';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.js';
import { resolveJwtSecret } from './secret.js';
import { MAX_TOKEN_LIFETIME_SECONDS, TOKEN_TTL_SECONDS, TokenService, bearerToken } from './tokens.js';

const SECRET = 'a-test-secret-that-is-32-chars-long!!';
const now = () => Math.floor(Date.now() / 1000);
const codeOf = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof ApiError ? `${e.status} ${e.code}` : String(e)));

describe('bearer tokens', () => {
  const tokens = new TokenService(SECRET);

  it('issues HS256 tokens with sub, role and a one-hour exp, and verifies them', async () => {
    const { token, claims } = await tokens.issue('ana', 'analyst');
    expect(claims.exp - now()).toBeGreaterThan(TOKEN_TTL_SECONDS - 5);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    expect(await tokens.verify(token)).toEqual({ sub: 'ana', role: 'analyst', exp: claims.exp });
  });

  it('refuses expired, forged, unsigned and malformed tokens with a 401 that says which', async () => {
    const expired = await sign({ sub: 'ana', role: 'analyst', exp: now() - 1 }, SECRET, 'HS256');
    const forged = await sign({ sub: 'ana', role: 'manager', exp: now() + 60 }, 'another-secret-another-secret-xx', 'HS256');
    const forgedExpired = await sign({ sub: 'ana', role: 'manager', exp: now() - 60 }, 'another-secret-another-secret-xx', 'HS256');
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'ana', role: 'manager', exp: now() + 60 })}.`;
    const hs512 = await sign({ sub: 'ana', role: 'manager', exp: now() + 60 }, SECRET, 'HS512');
    expect(await codeOf(tokens.verify(expired))).toBe('401 token_expired');
    expect(await codeOf(tokens.verify(forged))).toBe('401 invalid_token');
    expect(await codeOf(tokens.verify(forgedExpired))).toBe('401 invalid_token');
    expect(await codeOf(tokens.verify(none))).toBe('401 invalid_token');
    expect(await codeOf(tokens.verify(hs512))).toBe('401 invalid_token');
    expect(await codeOf(tokens.verify('not.a.jwt'))).toBe('401 invalid_token');
  });

  it('refuses genuine tokens without exp, with an unknown role, or living too long', async () => {
    const mint = (claims: object) => sign(claims as Record<string, unknown>, SECRET, 'HS256');
    expect(await codeOf(tokens.verify(await mint({ sub: 'a', role: 'manager' })))).toBe('401 invalid_token');
    expect(await codeOf(tokens.verify(await mint({ sub: 'a', role: 'admin', exp: now() + 60 })))).toBe('401 invalid_token');
    expect(await codeOf(tokens.verify(await mint({ sub: '', role: 'manager', exp: now() + 60 })))).toBe('401 invalid_token');
    expect(await codeOf(tokens.verify(await mint({ sub: 'a', role: 'manager', exp: now() + MAX_TOKEN_LIFETIME_SECONDS + 60 })))).toBe(
      '401 invalid_token',
    );
    expect(await codeOf(tokens.verify(await mint({ sub: 'portal-user', role: 'leadership', exp: now() + 600 })))).toBe('accepted');
  });

  it('reads only a well-formed Bearer header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer x')).toBe('x');
    expect(bearerToken('Basic x')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});

describe('the signing secret', () => {
  const real = () => randomBytes(32).toString('base64');

  it('is required, at least 32 characters, in production', () => {
    const key = real();
    expect(() => resolveJwtSecret(undefined, true)).toThrow(/RM_JWT_SECRET is not set/);
    expect(() => resolveJwtSecret('', true)).toThrow(/RM_JWT_SECRET is not set/);
    expect(() => resolveJwtSecret('short', true)).toThrow(/at least 32/);
    expect(resolveJwtSecret(key, true)).toEqual({ secret: key });
    // `openssl rand -hex 16`: 32 characters of 16, fewer than 8 distinct about once in 27 million.
    const hex = randomBytes(16).toString('hex');
    expect(resolveJwtSecret(hex, true)).toEqual({ secret: hex });
  });

  it.each([
    ['one character repeated', 'p'.repeat(40), /1 distinct characters, fewer than 8/],
    ['a short pattern repeated', 'abc123'.repeat(8), /6 distinct characters, fewer than 8/],
    ['a placeholder', 'changeme-changeme-changeme-changeme', /placeholder \(it contains "changeme"\)/],
    ['a placeholder', 'your-secret-here-please-replace-it-now', /placeholder \(it contains "secret"\)/],
    ["the test servers' secret (tests/helpers/server.ts)", 'test-secret-of-at-least-32-characters!', /placeholder/],
    ['this file\'s secret', SECRET, /placeholder/],
  ])('refuses %s in production, however long', (_label, secret, reason) => {
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(() => resolveJwtSecret(secret, true)).toThrow(reason);
  });

  it('is generated per process, with a warning, elsewhere', () => {
    const a = resolveJwtSecret(undefined, false);
    const b = resolveJwtSecret('short', false);
    expect(a.secret.length).toBeGreaterThanOrEqual(32);
    expect(a.secret).not.toBe(b.secret);
    expect(a.warning).toMatch(/not set/);
    expect(b.warning).toMatch(/shorter/);
  });

  it('is kept, with a warning, when weak but long outside production', () => {
    expect(resolveJwtSecret('p'.repeat(40), false)).toEqual({
      secret: 'p'.repeat(40),
      warning: expect.stringMatching(/repeated pattern, not a random key; production would refuse it/),
    });
  });
});
