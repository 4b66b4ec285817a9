import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, type FetchLike } from './client.js';
import { AuthenticationError } from './errors.js';
import { REFRESH_MARGIN_MS, refreshMarginMs, tokenExpiryMs } from './token.js';

const META = { channels: [], segments: [], campaignCount: 0, dateRange: { min: null, max: null }, dataVersion: 1 };

/** An unsigned JWT-shaped token with this `exp` (seconds, and `iat` if given); the client only reads it. */
function jwt(exp: number, sub = 'u', iat?: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, role: 'analyst', exp, ...(iat === undefined ? {} : { iat }) })}.sig`;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const unauthorized = () => json(401, { error: { code: 'token_expired', message: 'expired' } });

/** A fake fetch answering with `answer(call index, authorization header)`, recording the authorization of each call. */
function fakeFetch(answer: (i: number, auth: string | null) => Response): FetchLike & { auth: (string | null)[] } {
  const auth: (string | null)[] = [];
  const fn: FetchLike = async (_url, init) => {
    const header = new Headers(init.headers).get('authorization');
    auth.push(header);
    return answer(auth.length - 1, header);
  };
  return Object.assign(fn, { auth });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('token renewal', () => {
  it('reads exp from a JWT without verifying it, and nothing from other strings', () => {
    expect(tokenExpiryMs(jwt(1_900_000_000))).toBe(1_900_000_000_000);
    expect(tokenExpiryMs('opaque')).toBeUndefined();
    expect(tokenExpiryMs('a.!!!.c')).toBeUndefined();
  });

  it('keeps a token while it is fresh and asks getToken again shortly before it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000_000_000);
    const now = () => Math.floor(Date.now() / 1000);
    const getToken = vi.fn(async () => jwt(now() + 3600, `t${getToken.mock.calls.length}`));
    const fetch = fakeFetch(() => json(200, META));
    const rm = createClient({ baseUrl: 'http://x', fetch, getToken });
    await rm.meta();
    await rm.meta();
    expect(getToken).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 3600_000 - REFRESH_MARGIN_MS + 1000); // inside the renewal margin
    await rm.meta();
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(new Set(fetch.auth).size).toBe(2);
  });

  it('caps the renewal margin at half the lifetime, so a token shorter-lived than the margin is reused', async () => {
    expect(refreshMarginMs(3600_000)).toBe(REFRESH_MARGIN_MS);
    expect(refreshMarginMs(60_000)).toBe(30_000);
    expect(refreshMarginMs(-5)).toBe(0);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000_000_000);
    const now = () => Math.floor(Date.now() / 1000);
    for (const withIat of [true, false]) {
      // A 60 s embed token: the lifetime is exp - iat, or without iat counted from its arrival.
      const getToken = vi.fn(async () => jwt(now() + 60, `t${getToken.mock.calls.length}`, withIat ? now() : undefined));
      const rm = createClient({ baseUrl: 'http://x', fetch: fakeFetch(() => json(200, META)), getToken });
      await rm.meta();
      vi.setSystemTime(Date.now() + 29_000); // first half of its life: still fresh
      await rm.meta();
      await rm.meta();
      expect(getToken).toHaveBeenCalledTimes(1);
      vi.setSystemTime(Date.now() + 2_000); // past half its life: renewed
      await rm.meta();
      expect(getToken).toHaveBeenCalledTimes(2);
    }
  });

  it('shares one getToken call among concurrent requests', async () => {
    const getToken = vi.fn(async () => 'shared');
    const rm = createClient({ baseUrl: 'http://x', fetch: fakeFetch(() => json(200, META)), getToken });
    await Promise.all([rm.meta(), rm.meta(), rm.meta()]);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('on a 401 renews the token once and sends the request again', async () => {
    const tokens = ['old', 'new'];
    const getToken = vi.fn(async () => tokens.shift());
    const fetch = fakeFetch((_, auth) => (auth === 'Bearer new' ? json(200, META) : unauthorized()));
    const rm = createClient({ baseUrl: 'http://x', fetch, getToken, maxRetries: 0 });
    expect(await rm.meta()).toEqual(META);
    expect(fetch.auth).toEqual(['Bearer old', 'Bearer new']);
  });

  it('gives up with the AuthenticationError when the renewed token is refused too', async () => {
    let n = 0;
    const fetch = fakeFetch(() => unauthorized());
    const rm = createClient({ baseUrl: 'http://x', fetch, getToken: async () => `t${++n}` });
    const error = await rm.meta().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(fetch.auth).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('throws AuthenticationError (token_refresh_failed, with the cause) when getToken fails', async () => {
    let calls = 0;
    const cause = new Error('portal session over');
    const getToken = async () => {
      if (++calls > 1) throw cause;
      return 'first';
    };
    const rm = createClient({ baseUrl: 'http://x', fetch: fakeFetch(() => unauthorized()), getToken });
    const error = await rm.meta().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'token_refresh_failed', cause });
  });

  it('does not send a static token twice, nor a streamed body', async () => {
    const fetchA = fakeFetch(() => unauthorized());
    await expect(createClient({ baseUrl: 'http://x', fetch: fetchA, token: 'static' }).meta()).rejects.toBeInstanceOf(AuthenticationError);
    expect(fetchA.auth).toHaveLength(1);

    const fetchB = fakeFetch(() => unauthorized());
    const rm = createClient({ baseUrl: 'http://x', fetch: fetchB, getToken: async () => 't' });
    const stream = new Blob(['a,b\n']).stream();
    await expect(rm.ingest('budgets', stream)).rejects.toBeInstanceOf(AuthenticationError);
    expect(fetchB.auth).toHaveLength(1);
  });

  it('login sends no token, then uses the one it got', async () => {
    const token = jwt(Math.floor(Date.now() / 1000) + 3600);
    const fetch = fakeFetch((i) =>
      i === 0 ? json(200, { token, user: { username: 'ana', role: 'analyst' }, expiresAt: new Date().toISOString() }) : json(200, META),
    );
    const rm = createClient({ baseUrl: 'http://x', fetch });
    await rm.login('ana', 'pw');
    await rm.meta();
    expect(fetch.auth).toEqual([null, `Bearer ${token}`]);
  });
});
