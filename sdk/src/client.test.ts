import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type ClientOptions, type FetchLike } from './client.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  RetailMindError,
  UnprocessableEntityError,
} from './errors.js';
import * as sdk from './index.js';
import type { IngestResponse, MetaResponse } from './index.js';

// ---------------------------------------------------------------------------------------------
// helpers

interface Call {
  url: string;
  init: RequestInit & { duplex?: string };
  at: number;
}

type Step = Response | Error | ((call: Call) => Response | Promise<Response>);

/** A fake fetch that plays `steps` in order (the last one repeats) and records every call. */
function scripted(...steps: Step[]): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = async (url: string, init: RequestInit) => {
    const call: Call = { url, init, at: Date.now() };
    calls.push(call);
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error('no step scripted');
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(call);
    return step.clone();
  };
  return Object.assign(fn, { calls });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}, statusText?: string): Response {
  return new Response(JSON.stringify(body), {
    status,
    ...(statusText === undefined ? {} : { statusText }),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** A fetch that never answers by itself but rejects, like the real one, when its signal aborts. */
function hanging(): Step {
  return (call) =>
    new Promise<Response>((_, reject) => {
      const signal = call.init.signal;
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
}

/** Settle a promise into a value or an error, so a rejection is never unhandled while timers run. */
function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function headerOf(call: Call | undefined, name: string): string | null {
  return new Headers(call?.init.headers).get(name);
}

const META: MetaResponse = {
  channels: ['email', 'search'],
  segments: ['new', 'returning'],
  campaignCount: 3,
  dateRange: { min: '2025-01-01', max: '2025-03-31' },
  dataVersion: 7,
};

const INGESTED: IngestResponse = {
  kind: 'campaigns',
  file: 'campaigns.csv',
  rowsRead: 2,
  rowsStored: 2,
  rowsRejected: 0,
  rejected: [],
  rejectedTruncated: false,
  ignoredColumns: [],
  dataVersion: 8,
};

function client(fetch: FetchLike, options: Partial<ClientOptions> = {}) {
  return createClient({ baseUrl: 'http://engine.test', fetch, ...options });
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// ---------------------------------------------------------------------------------------------

describe('URLs', () => {
  it.each([
    ['http://engine.test', 'http://engine.test/api/meta'],
    ['http://engine.test/', 'http://engine.test/api/meta'],
    ['http://engine.test//', 'http://engine.test/api/meta'],
    ['https://x.test/retailmind', 'https://x.test/retailmind/api/meta'],
    ['https://x.test/retailmind/', 'https://x.test/retailmind/api/meta'],
    ['', '/api/meta'],
    ['/', '/api/meta'],
    ['/retailmind/', '/retailmind/api/meta'],
  ])('baseUrl %j → %s', async (baseUrl, expected) => {
    const fetch = scripted(json(200, META));
    await createClient({ baseUrl, fetch }).meta();
    expect(fetch.calls[0]?.url).toBe(expected);
  });

  it('uses the path of every route', async () => {
    const fetch = scripted(json(200, {}));
    const rm = client(fetch);
    await rm.health();
    await rm.meta();
    await rm.dashboardSummary();
    await rm.openapi();
    await rm.ingest('sales_daily', 'a,b\n');
    expect(fetch.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET http://engine.test/api/healthz',
      'GET http://engine.test/api/meta',
      'GET http://engine.test/api/dashboard-summary',
      'GET http://engine.test/api/openapi.json',
      'POST http://engine.test/api/ingest/sales_daily',
    ]);
  });

  it('sends arrays as repeated params, omits undefined values and encodes', async () => {
    const fetch = scripted(json(200, {}));
    await client(fetch).dashboardSummary({
      from: '2025-01-01',
      to: '2025-01-31',
      channel: ['email', 'paid search'],
      segment: undefined,
      campaign: 'a&b=c',
    });
    const url = fetch.calls[0]?.url ?? '';
    expect(url).toBe(
      'http://engine.test/api/dashboard-summary?from=2025-01-01&to=2025-01-31&channel=email&channel=paid%20search&campaign=a%26b%3Dc',
    );
    const params = new URL(url).searchParams;
    expect(params.getAll('channel')).toEqual(['email', 'paid search']);
    expect(params.getAll('campaign')).toEqual(['a&b=c']);
    expect(params.has('segment')).toBe(false);
  });

  it('adds no "?" when the query is empty or all undefined', async () => {
    const fetch = scripted(json(200, {}));
    const rm = createClient({ baseUrl: '/', fetch });
    await rm.dashboardSummary({});
    await rm.dashboardSummary({ from: undefined, channel: [] });
    expect(fetch.calls.map((c) => c.url)).toEqual(['/api/dashboard-summary', '/api/dashboard-summary']);
  });

  it('sends a single filter value once', async () => {
    const fetch = scripted(json(200, {}));
    await createClient({ baseUrl: '', fetch }).dashboardSummary({ segment: 'new' });
    expect(fetch.calls[0]?.url).toBe('/api/dashboard-summary?segment=new');
  });
});

describe('responses', () => {
  it('resolves with the parsed body, not a Response', async () => {
    const fetch = scripted(json(200, META));
    const meta = await client(fetch).meta();
    expect(meta).toEqual(META);
    expect(meta).not.toBeInstanceOf(Response);
  });

  it('rejects a 2xx body that is not JSON with an APIError', async () => {
    const fetch = scripted(new Response('<html>oops</html>', { status: 200 }));
    const error = await client(fetch).meta().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 200, body: '<html>oops</html>' });
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('headers and auth', () => {
  it('sends Accept and the client headers, and no Authorization without a token', async () => {
    const fetch = scripted(json(200, META));
    await client(fetch, { headers: { 'X-Trace': 't-1' } }).meta();
    expect(headerOf(fetch.calls[0], 'accept')).toBe('application/json');
    expect(headerOf(fetch.calls[0], 'x-trace')).toBe('t-1');
    expect(headerOf(fetch.calls[0], 'authorization')).toBeNull();
  });

  it('sends a static token as a bearer token', async () => {
    const fetch = scripted(json(200, META));
    await client(fetch, { token: 's3cret' }).meta();
    expect(headerOf(fetch.calls[0], 'authorization')).toBe('Bearer s3cret');
  });

  it('asks getToken once and keeps its token across retries, preferring it to token', async () => {
    let n = 0;
    const getToken = vi.fn(async () => `tok-${++n}`);
    const fetch = scripted(json(500, errorBody('boom', 'boom')), json(200, META));
    vi.spyOn(Math, 'random').mockReturnValue(0);
    vi.useFakeTimers();
    const rm = client(fetch, { token: 'static', getToken });
    const result = settle(rm.meta());
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(META);
    expect(getToken).toHaveBeenCalledTimes(1);
    expect(fetch.calls.map((c) => headerOf(c, 'authorization'))).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  it('falls back to token when getToken returns nothing', async () => {
    const fetch = scripted(json(200, META));
    await client(fetch, { token: 'static', getToken: () => undefined }).meta();
    expect(headerOf(fetch.calls[0], 'authorization')).toBe('Bearer static');
  });

  it('uses the global fetch, looked up at call time, when none is injected', async () => {
    const rm = createClient({ baseUrl: 'http://engine.test' });
    const fetch = scripted(json(200, META));
    vi.stubGlobal('fetch', fetch);
    expect(await rm.meta()).toEqual(META);
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('ingest', () => {
  it('POSTs a string as text/csv and returns the IngestResponse', async () => {
    const fetch = scripted(json(200, INGESTED));
    const csv = 'campaign_id,name\nc1,Spring\n';
    const result = await client(fetch).ingest('campaigns', csv);
    expect(result).toEqual(INGESTED);
    const call = fetch.calls[0];
    expect(call?.init.method).toBe('POST');
    expect(call?.init.body).toBe(csv);
    expect(headerOf(call, 'content-type')).toBe('text/csv');
    expect(call?.init.duplex).toBeUndefined();
  });

  it('passes a Blob through as given', async () => {
    const fetch = scripted(json(200, INGESTED));
    const blob = new Blob(['a,b\n1,2\n'], { type: 'application/octet-stream' });
    await client(fetch).ingest('budgets', blob);
    expect(fetch.calls[0]?.init.body).toBe(blob);
    expect(headerOf(fetch.calls[0], 'content-type')).toBe('text/csv');
  });

  it("streams a ReadableStream with duplex: 'half'", async () => {
    const fetch = scripted(json(200, INGESTED));
    const stream = new Blob(['a,b\n']).stream();
    await client(fetch).ingest('customer_daily', stream);
    expect(fetch.calls[0]?.init.body).toBe(stream);
    expect(fetch.calls[0]?.init.duplex).toBe('half');
  });

  it('works with the real Request constructor for a streamed body', async () => {
    // Node's fetch refuses a stream body without duplex: 'half'; check our init satisfies it.
    const fetch = scripted((call) => {
      const req = new Request(call.url, call.init);
      return req.text().then((text) => json(200, { ...INGESTED, file: text }));
    });
    const result = await client(fetch).ingest('campaigns', new Blob(['x,y\n1,2\n']).stream());
    expect(result.file).toBe('x,y\n1,2\n');
  });

  it('encodes the kind into the path', async () => {
    const fetch = scripted(json(404, errorBody('not_found', 'no such kind')));
    // a kind outside the contract's union still reaches the server, safely encoded
    await client(fetch)
      .ingest('../x?y' as 'campaigns', '')
      .catch(() => undefined);
    expect(fetch.calls[0]?.url).toBe('http://engine.test/api/ingest/..%2Fx%3Fy');
  });

  it.each([
    ['a 500', json(500, errorBody('internal', 'db locked')), InternalServerError],
    ['a 503', json(503, errorBody('unavailable', 'busy'), { 'retry-after': '0' }), InternalServerError],
    ['a 429', json(429, errorBody('rate_limited', 'slow down'), { 'retry-after': '0' }), RateLimitError],
    ['a connection error', new TypeError('fetch failed'), APIConnectionError],
  ])('is never retried, even on %s', async (_, step, ErrorClass) => {
    const fetch = scripted(step, json(200, INGESTED));
    const error = await client(fetch, { maxRetries: 5 })
      .ingest('campaigns', 'a\n', { maxRetries: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('error mapping', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [413, PayloadTooLargeError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
    [409, APIError],
  ] as const)('%i → %o with code, message and details from the body', async (status, ErrorClass) => {
    const details = { issues: [{ path: ['from'], message: 'bad date' }] };
    const fetch = scripted(json(status, errorBody(`code_${status}`, `message ${status}`, details), { 'x-request-id': 'r1' }));
    const error = await client(fetch, { maxRetries: 0 })
      .meta()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(RetailMindError);
    expect(error).toBeInstanceOf(Error);
    const e = error as APIError;
    expect(e.constructor).toBe(ErrorClass);
    expect(e.name).toBe(ErrorClass.name);
    expect(e.status).toBe(status);
    expect(e.code).toBe(`code_${status}`);
    expect(e.message).toBe(`message ${status}`);
    expect(e.details).toEqual(details);
    expect(e.headers.get('x-request-id')).toBe('r1');
    expect(e.body).toEqual(errorBody(`code_${status}`, `message ${status}`, details));
  });

  it('falls back to http_<status> and the status text for a non-JSON body', async () => {
    const html = '<html><body>502 Bad Gateway</body></html>';
    const fetch = scripted(new Response(html, { status: 502, statusText: 'Upstream Down', headers: { 'content-type': 'text/html' } }));
    const error = await client(fetch, { maxRetries: 0 })
      .meta()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, code: 'http_502', message: 'Upstream Down', body: html });
    expect((error as APIError).details).toBeUndefined();
  });

  it('falls back for JSON that is not the error shape, and uses the reason phrase without status text', async () => {
    const fetch = scripted(json(404, { message: 'nope' }));
    const error = await client(fetch)
      .meta()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'http_404', message: 'Not Found', body: { message: 'nope' } });
  });

  it('handles an empty error body', async () => {
    const fetch = scripted(new Response(null, { status: 401 }));
    const error = await client(fetch)
      .meta()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'http_401', message: 'Unauthorized', body: undefined });
  });

  it('APIError.from picks the subclass and parses Retry-After on 429', () => {
    const e = APIError.from(429, errorBody('rate_limited', 'slow down'), { 'Retry-After': '7' });
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfterSeconds).toBe(7);
    expect((APIError.from(429, undefined) as RateLimitError).retryAfterSeconds).toBeUndefined();
    expect(APIError.from(418, 'teapot', undefined, "I'm a teapot")).toMatchObject({
      constructor: APIError,
      code: 'http_418',
      message: "I'm a teapot",
    });
    expect(APIError.from(599, null)).toBeInstanceOf(InternalServerError);
    expect(APIError.from(499, null).message).toBe('HTTP 499');
  });

  it('RateLimitError.retryAfterSeconds understands an HTTP date', () => {
    vi.useFakeTimers({ now: Date.parse('2025-06-01T12:00:00Z') });
    const e = APIError.from(429, undefined, { 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }) as RateLimitError;
    expect(e.retryAfterSeconds).toBe(30);
  });
});

describe('retries', () => {
  beforeEach(() => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // no jitter: delays are exactly 250, 500, 1000, ...
    vi.useFakeTimers({ now: Date.parse('2025-06-01T12:00:00Z') });
  });

  async function run<T>(p: Promise<T>) {
    const result = settle(p);
    await vi.runAllTimersAsync();
    return result;
  }

  const gaps = (calls: Call[]) => calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));

  it.each([
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
    [429, RateLimitError],
    [408, APIError],
  ])('retries a %i, then succeeds', async (status) => {
    const fetch = scripted(json(status, errorBody('e', 'e')), json(status, errorBody('e', 'e')), json(200, META));
    const { value, error } = await run(client(fetch).meta());
    expect(error).toBeUndefined();
    expect(value).toEqual(META);
    expect(fetch.calls).toHaveLength(3);
  });

  it('gives up after maxRetries (default 2) and throws the last error', async () => {
    const fetch = scripted(json(500, errorBody('first', 'first')), json(503, errorBody('last', 'last')));
    const { error } = await run(client(fetch).meta());
    expect(fetch.calls).toHaveLength(3);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, code: 'last' });
  });

  it('honours per-call and per-client maxRetries', async () => {
    const fetch = scripted(json(500, errorBody('e', 'e')));
    await run(client(fetch, { maxRetries: 4 }).meta());
    expect(fetch.calls).toHaveLength(5);
    const fetch2 = scripted(json(500, errorBody('e', 'e')));
    await run(client(fetch2, { maxRetries: 4 }).meta({ maxRetries: 0 }));
    expect(fetch2.calls).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 413, 422])('does not retry a %i', async (status) => {
    const fetch = scripted(json(status, errorBody('e', 'e')), json(200, META));
    const { error } = await run(client(fetch).meta());
    expect(error).toBeInstanceOf(APIError);
    expect(fetch.calls).toHaveLength(1);
  });

  it('backs off exponentially from 250 ms, capped at 4 s', async () => {
    const fetch = scripted(json(500, errorBody('e', 'e')));
    await run(client(fetch, { maxRetries: 7 }).meta());
    expect(gaps(fetch.calls)).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('jitters the backoff down by at most 25 %', async () => {
    vi.mocked(Math.random).mockReturnValue(0.999);
    const fetch = scripted(json(500, errorBody('e', 'e')));
    await run(client(fetch, { maxRetries: 2 }).meta());
    const [first, second] = gaps(fetch.calls);
    expect(first).toBeGreaterThanOrEqual(187);
    expect(first).toBeLessThan(200);
    expect(second).toBeGreaterThanOrEqual(375);
    expect(second).toBeLessThan(400);
  });

  it('waits exactly the Retry-After seconds on a 429', async () => {
    const fetch = scripted(json(429, errorBody('rate_limited', 'slow'), { 'retry-after': '2' }), json(200, META));
    const result = settle(client(fetch).meta());
    await vi.advanceTimersByTimeAsync(1999);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch.calls).toHaveLength(2);
    expect((await result).value).toEqual(META);
  });

  it('honours a Retry-After HTTP date on a 503', async () => {
    const fetch = scripted(
      json(503, errorBody('unavailable', 'busy'), { 'retry-after': 'Sun, 01 Jun 2025 12:00:03 GMT' }),
      json(200, META),
    );
    const { value } = await run(client(fetch).meta());
    expect(value).toEqual(META);
    expect(gaps(fetch.calls)).toEqual([3000]);
  });

  it('caps a long Retry-After at 60 s', async () => {
    const fetch = scripted(json(429, errorBody('rate_limited', 'slow'), { 'retry-after': '3600' }), json(200, META));
    await run(client(fetch).meta());
    expect(gaps(fetch.calls)).toEqual([60_000]);
  });

  it('ignores Retry-After on a 500 and an unparsable one on a 429', async () => {
    const fetch = scripted(
      json(500, errorBody('e', 'e'), { 'retry-after': '10' }),
      json(429, errorBody('e', 'e'), { 'retry-after': 'soon' }),
      json(200, META),
    );
    await run(client(fetch).meta());
    expect(gaps(fetch.calls)).toEqual([250, 500]);
  });

  it('throws APIConnectionError after retrying when fetch throws', async () => {
    const cause = new TypeError('fetch failed');
    const fetch = scripted(cause);
    const { error } = await run(client(fetch).meta());
    expect(fetch.calls).toHaveLength(3);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).not.toBeInstanceOf(APIError);
    expect(error).toMatchObject({ code: 'connection_error', status: undefined, cause });
  });

  it('retries a connection error, then succeeds', async () => {
    const fetch = scripted(new TypeError('fetch failed'), json(200, META));
    const { value } = await run(client(fetch).meta());
    expect(value).toEqual(META);
    expect(fetch.calls).toHaveLength(2);
  });

  it('stops at once with APIUserAbortError when aborted during backoff', async () => {
    const fetch = scripted(json(429, errorBody('rate_limited', 'slow'), { 'retry-after': '30' }), json(200, META));
    const controller = new AbortController();
    const result = settle(client(fetch).meta({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    expect(fetch.calls).toHaveLength(1);
    controller.abort();
    await Promise.resolve();
    const { error } = await result;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(vi.getTimerCount()).toBe(0); // the backoff timer was cleared
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  beforeEach(() => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    vi.useFakeTimers();
  });

  it('rejects with APIConnectionTimeoutError when no response comes within timeoutMs', async () => {
    const fetch = scripted(hanging());
    const result = settle(client(fetch, { timeoutMs: 1000, maxRetries: 0 }).meta());
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await result;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ code: 'timeout', status: undefined });
    expect(fetch.calls[0]?.init.signal?.aborted).toBe(true);
  });

  it('defaults to a 30 s timeout', async () => {
    const fetch = scripted(hanging());
    const result = settle(client(fetch, { maxRetries: 0 }).meta());
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fetch.calls[0]?.init.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('times out even when the fetch ignores its signal', async () => {
    const fetch = scripted(() => new Promise<Response>(() => {}));
    const result = settle(client(fetch, { maxRetries: 0 }).meta({ timeoutMs: 50 }));
    await vi.advanceTimersByTimeAsync(50);
    expect((await result).error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('times out while reading a slow body', async () => {
    const fetch = scripted(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"channels":'));
            },
          }),
          { status: 200 },
        ),
    );
    const result = settle(client(fetch, { maxRetries: 0, timeoutMs: 100 }).meta());
    await vi.advanceTimersByTimeAsync(100);
    expect((await result).error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('retries a timeout (per-attempt timer), then succeeds', async () => {
    const fetch = scripted(hanging(), json(200, META));
    const result = settle(client(fetch, { timeoutMs: 1000 }).meta());
    await vi.runAllTimersAsync();
    expect((await result).value).toEqual(META);
    expect(fetch.calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0); // the second attempt's timeout timer was cleared
  });

  it('rejects with APIUserAbortError when the caller aborts, without retrying', async () => {
    const fetch = scripted(hanging(), json(200, META));
    const controller = new AbortController();
    const result = settle(client(fetch).meta({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('user navigated away'));
    const { error } = await result;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).not.toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(fetch.calls).toHaveLength(1);
    expect(fetch.calls[0]?.init.signal?.aborted).toBe(true);
  });

  it('does not call fetch when the signal is already aborted', async () => {
    const fetch = scripted(json(200, META));
    const error = await client(fetch)
      .meta({ signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(fetch.calls).toHaveLength(0);
  });

  it('aborts an ingest too', async () => {
    const fetch = scripted(hanging());
    const controller = new AbortController();
    const result = settle(client(fetch).ingest('campaigns', 'a\n', { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    expect((await result).error).toBeInstanceOf(APIUserAbortError);
  });

  it('timeoutMs: 0 disables the timeout', async () => {
    const fetch = scripted(hanging());
    const controller = new AbortController();
    const result = settle(client(fetch, { timeoutMs: 0 }).meta({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fetch.calls[0]?.init.signal?.aborted).toBe(false);
    controller.abort();
    expect((await result).error).toBeInstanceOf(APIUserAbortError);
  });

  describe('without AbortSignal.any', () => {
    const original = AbortSignal.any;
    beforeEach(() => {
      (AbortSignal as { any?: unknown }).any = undefined;
    });
    afterEach(() => {
      AbortSignal.any = original;
    });

    it('still times out', async () => {
      const fetch = scripted(hanging());
      const result = settle(client(fetch, { maxRetries: 0 }).meta({ signal: new AbortController().signal, timeoutMs: 100 }));
      await vi.advanceTimersByTimeAsync(100);
      expect((await result).error).toBeInstanceOf(APIConnectionTimeoutError);
    });

    it('still honours the caller signal', async () => {
      const fetch = scripted(hanging());
      const controller = new AbortController();
      const result = settle(client(fetch).meta({ signal: controller.signal }));
      await vi.advanceTimersByTimeAsync(0);
      controller.abort();
      expect((await result).error).toBeInstanceOf(APIUserAbortError);
      expect(fetch.calls).toHaveLength(1);
    });
  });
});

describe('options', () => {
  it('rejects invalid maxRetries and timeoutMs', async () => {
    const fetch = scripted(json(200, META));
    expect(() => client(fetch, { maxRetries: -1 })).toThrow(RangeError);
    expect(() => client(fetch, { maxRetries: 1.5 })).toThrow(RangeError);
    expect(() => client(fetch, { timeoutMs: Number.NaN })).toThrow(RangeError);
    await expect(client(fetch).meta({ maxRetries: -2 })).rejects.toThrow(RangeError);
  });

  it('keeps no state between clients', async () => {
    const a = scripted(json(200, META));
    const b = scripted(json(200, META));
    await client(a, { token: 'a' }).meta();
    await createClient({ baseUrl: '/other', fetch: b }).meta();
    expect(headerOf(a.calls[0], 'authorization')).toBe('Bearer a');
    expect(headerOf(b.calls[0], 'authorization')).toBeNull();
    expect(b.calls[0]?.url).toBe('/other/api/meta');
  });
});

describe('package entry', () => {
  it('exports the client and the error classes, and no zod schemas', () => {
    expect(Object.keys(sdk).sort()).toEqual(
      [
        'APIConnectionError',
        'APIConnectionTimeoutError',
        'APIError',
        'APIUserAbortError',
        'AuthenticationError',
        'BadRequestError',
        'InternalServerError',
        'NotFoundError',
        'PayloadTooLargeError',
        'PermissionDeniedError',
        'RateLimitError',
        'RetailMindError',
        'UnprocessableEntityError',
        'createClient',
        // the response-curve projection the server and <rm-budget-sim> share (curves.ts)
        'BAND_Z',
        'EXTRAPOLATION_SD_PER_LOG',
        'adstock',
        'dailyRevenue',
        'extrapolationDistance',
        'hill',
        'hillSlope',
        'marginalDailyRevenue',
        'projectAllocation',
        'projectSpend',
        // how a report fact's figure is written, shared by <rm-report> and the server's documents (figures.ts)
        'figureKind',
      ].sort(),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The browser bundle must not contain zod: follow the *runtime* imports of the client and of the
// package entry and check that none of the reachable modules imports 'zod'.

const SRC = dirname(fileURLToPath(import.meta.url));

/** Specifiers of the runtime imports/re-exports of a TS or JS source (`import type` / `export type` are erased). */
function runtimeImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers: string[] = [];
  const re = /\b(import|export)\s+(type\s+)?(?:[\w*{}\s,$]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of code.matchAll(re)) {
    if (m[4] !== undefined) specifiers.push(m[4]);
    else if (m[2] === undefined && m[3] !== undefined) specifiers.push(m[3]);
  }
  return specifiers;
}

/** Every module reachable from `entry` through runtime imports; bare specifiers are returned as-is. */
function runtimeGraph(entry: string, ext: '.ts' | '.js'): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, ext)));
      else seen.add(spec);
    }
  };
  visit(entry);
  return seen;
}

const rel = (files: Set<string>, root: string) => [...files].map((f) => (f.startsWith(root) ? f.slice(root.length + 1) : f)).sort();

describe('no zod at runtime', () => {
  it('the import scanner sees through type-only imports and finds zod where it is', () => {
    expect(runtimeImports(`import type { A } from './a.js';\nexport type * from './b.js';\nimport { z } from 'zod';`)).toEqual(['zod']);
    expect(runtimeImports(`import { PATHS, type RouteName } from './p.js';\nexport { x } from "./x.js";`)).toEqual(['./p.js', './x.js']);
    // control: the contract's index does pull zod in, so the check below can fail
    expect(runtimeGraph(resolve(SRC, 'contract/index.ts'), '.ts').has('zod')).toBe(true);
  });

  it.each(['client.ts', 'index.ts'])('%s reaches only zod-free modules', (entry) => {
    const graph = runtimeGraph(resolve(SRC, entry), '.ts');
    // socket.io-client is loaded by a dynamic import on the first subscription only.
    const expected = ['client.ts', 'contract/live.ts', 'contract/paths.ts', 'errors.ts', 'live.ts', 'socket.io-client', 'token.ts'];
    expect(rel(graph, SRC)).toEqual([...expected, ...(entry === 'index.ts' ? ['curves.ts', 'figures.ts', 'index.ts'] : [])].sort());
    expect(graph.has('zod')).toBe(false);
  });

  const DIST = resolve(SRC, '../dist');
  it.skipIf(!existsSync(resolve(DIST, 'index.js')))('the compiled dist/index.js reaches only zod-free modules', () => {
    const graph = runtimeGraph(resolve(DIST, 'index.js'), '.js');
    expect(rel(graph, DIST)).toEqual(
      ['client.js', 'contract/live.js', 'contract/paths.js', 'curves.js', 'errors.js', 'figures.js', 'index.js', 'live.js', 'socket.io-client', 'token.js'].sort(),
    );
  });
});
