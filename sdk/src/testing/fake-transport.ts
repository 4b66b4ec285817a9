/**
 * A fake transport for the RetailMind client: an injected `fetch` that answers from fixtures the real
 * server recorded on `data/sample` (see `recorded.ts`), and an in-memory live hub in place of socket.io.
 * Storybook and the widget tests run on it without a server. Zod-free and DOM-free.
 *
 * ```ts
 * import { createFakeClient } from '@retailmind/sdk/testing';
 * const client = createFakeClient({ role: 'leadership' });       // 403 where the server says 403
 * const broken = createFakeClient({ scenario: 'error' });        // every route answers 500
 * const slow = createFakeClient({ scenario: { '/api/anomalies': 'pending' } }); // never answers
 * const expired = createFakeClient({ scenario: { '/api/export': 'unauthorized' } }); // 401, token expired
 * client.fake.live.push('summary', payload);                      // a live update
 * ```
 */
import { createClient, type ClientOptions, type FetchLike, type RetailMindClient, type RequestOptions } from '../client.js';
import type {
  AnomaliesResponse,
  CampaignHealthResponse,
  ConnectionState,
  LiveTopic,
  MetaResponse,
  ModelInfo,
  RecommendationsResponse,
  ReportResponse,
  ResponseCurvesResponse,
  Role,
  SummaryResponse,
  ThresholdsResponse,
} from '../contract/index.js';
import { APIError } from '../errors.js';
import { RECORDED, RECORDED_BODIES } from './recorded.js';
import { syntheticCurves, syntheticOptimize, syntheticSimulate } from './synthetic-budget.js';

/**
 * How the fake answers a path:
 * - `recorded`: what the real server answered the role on `data/sample` (the default): the answer
 *   recorded for the same query when there is one, else the one without a query;
 * - `empty`: a well-formed answer with no data (no campaigns, no days);
 * - `error`: a 500 with the API's error body;
 * - `offline`: no answer at all (the client raises `APIConnectionError`);
 * - `pending`: an answer that never comes (a loading state that stays);
 * - `forbidden`: a 403, as the server gives a role the route is not for;
 * - `unauthorized`: a 401 `token_expired`, as the server gives an expired token (the client, with no
 *   `getToken` to renew it, raises `AuthenticationError`);
 * - `missing`: a 404, as a server without the route gives.
 */
export type FakeScenario = 'recorded' | 'empty' | 'error' | 'offline' | 'pending' | 'forbidden' | 'unauthorized' | 'missing';

/** API paths the fake knows, without the query. */
export type FakePath =
  | '/api/meta'
  | '/api/dashboard-summary'
  | '/api/anomalies'
  | '/api/recommendations'
  | '/api/campaign-health'
  | '/api/model'
  | '/api/config/thresholds'
  | '/api/response-curves'
  | '/api/budget-simulate'
  | '/api/budget-optimize'
  | '/api/report'
  | '/api/export';

export interface FakeTransportOptions {
  /** Whose recorded answers to give. Default `manager`. */
  role?: Role;
  /** One scenario for every path, or one per path (the others `recorded`). */
  scenario?: FakeScenario | Partial<Record<FakePath, FakeScenario>>;
  /** Delay before each answer, in ms. Default 0. */
  latencyMs?: number;
  /**
   * Answer the budget routes (`response-curves`, `budget-simulate`, `budget-optimize`) from synthetic
   * fixtures while the server has none (recorded as 404), and `export` with a small synthetic file
   * (a file is not recorded). For stories and tests of `<rm-budget-sim>` and `<rm-report>`.
   */
  synthetic?: boolean;
}

/** A request the fake received. */
export interface FakeCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** The fake `fetch`, with the requests it has answered. */
export interface FakeFetch extends FetchLike {
  readonly calls: FakeCall[];
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/** A recorded body, typed by the caller. Recorded for the manager unless a role is given. */
export function recordedBody<T>(path: FakePath, role: Role = 'manager'): T {
  const answer = RECORDED[role][path];
  if (!answer) throw new Error(`no recorded answer for ${path}`);
  return RECORDED_BODIES[answer.body] as T;
}

/** The recorded sample answers (manager's view of `data/sample`, default range and filters). */
export const sample = {
  get meta() {
    return recordedBody<MetaResponse>('/api/meta');
  },
  get summary() {
    return recordedBody<SummaryResponse>('/api/dashboard-summary');
  },
  get anomalies() {
    return recordedBody<AnomaliesResponse>('/api/anomalies');
  },
  get recommendations() {
    return recordedBody<RecommendationsResponse>('/api/recommendations');
  },
  get campaignHealth() {
    return recordedBody<CampaignHealthResponse>('/api/campaign-health');
  },
  get model() {
    return recordedBody<ModelInfo>('/api/model');
  },
  get thresholds() {
    return recordedBody<ThresholdsResponse>('/api/config/thresholds');
  },
  get report() {
    return recordedBody<ReportResponse>('/api/report');
  },
};

/** A well-formed answer without data, as an empty database gives. */
export function emptyBody(path: FakePath): unknown {
  const s = sample.summary;
  switch (path) {
    case '/api/meta':
      return { channels: [], segments: [], campaignCount: 0, dateRange: { min: null, max: null }, dataVersion: 0 } satisfies MetaResponse;
    case '/api/dashboard-summary':
      return {
        range: s.range,
        previousRange: s.previousRange,
        totals: {
          revenue: 0, unattributedRevenue: 0, spend: 0, roi: null, roas: null, impressions: 0, clicks: 0, transactions: 0,
          conversionRate: null, ctr: null, cpa: null, budgetAllocated: null, budgetUsed: 0, budgetUtilizationPct: null,
          revenueGrowthPct: null, anomalyCount: 0,
        },
        channels: [],
        segments: [],
        daily: [],
      } satisfies SummaryResponse;
    case '/api/anomalies':
      return { range: s.range, anomalies: [], count: 0 } satisfies AnomaliesResponse;
    case '/api/recommendations':
      return { ...sample.recommendations, recommendations: [] } satisfies RecommendationsResponse;
    case '/api/campaign-health':
      return { ...sample.campaignHealth, campaigns: [], counts: { healthy: 0, attention: 0, critical: 0 } } satisfies CampaignHealthResponse;
    case '/api/response-curves':
      return { days: 30, window: null, weekday: [], channels: [], notes: [], dataVersion: 0 } satisfies ResponseCurvesResponse;
    case '/api/report':
      return { ...recordedBody<object>('/api/report'), narrative: '', highlights: [], recommendations: [] };
    default:
      return {};
  }
}

// ---- the fake fetch -------------------------------------------------------------------------------

const SYNTHETIC_PATHS = new Set<string>(['/api/response-curves', '/api/budget-simulate', '/api/budget-optimize', '/api/report', '/api/export']);

/** An injected `fetch` answering the client from the recorded fixtures. */
export function createFakeFetch(options: FakeTransportOptions = {}): FakeFetch {
  const role = options.role ?? 'manager';
  const calls: FakeCall[] = [];
  const scenarioFor = (path: string): FakeScenario =>
    typeof options.scenario === 'string' ? options.scenario : (options.scenario?.[path as FakePath] ?? 'recorded');

  const answer = (method: string, path: string, query: URLSearchParams, body: unknown): Response | 'offline' | 'pending' => {
    const scenario = scenarioFor(path);
    if (scenario === 'offline' || scenario === 'pending') return scenario;
    if (scenario === 'error') return json(500, { error: { code: 'internal', message: 'internal error', details: { requestId: 'fake' } } });
    if (scenario === 'forbidden') return json(403, errorBody('forbidden', `the ${role} role may not call ${path}`));
    if (scenario === 'unauthorized')
      return json(401, errorBody('token_expired', 'the token has expired; sign in again or refresh it'), {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    if (scenario === 'missing') return json(404, errorBody('not_found', `no route for ${method} ${path}`));
    const sorted = new URLSearchParams([...query].sort(([a], [b]) => a.localeCompare(b))).toString();
    const recorded = (sorted ? RECORDED[role][`${path}?${sorted}`] : undefined) ?? RECORDED[role][path];
    const synthetic = options.synthetic && SYNTHETIC_PATHS.has(path) && (!recorded || recorded.status === 404);
    if (synthetic && role === 'leadership' && path !== '/api/report')
      return json(403, errorBody('forbidden', `the leadership role may not call ${path}`));
    if (scenario === 'empty' && (recorded?.status === 200 || synthetic)) return json(200, emptyBody(path as FakePath));
    if (synthetic) {
      if (path === '/api/response-curves') return json(200, syntheticCurves(Number(query.get('days') ?? 30)));
      const reply = (a: { status: number; body: unknown }) => json(a.status, a.body);
      if (path === '/api/budget-simulate' && method === 'POST') return reply(syntheticSimulate(body as Parameters<typeof syntheticSimulate>[0]));
      if (path === '/api/budget-optimize' && method === 'POST') return reply(syntheticOptimize(body as Parameters<typeof syntheticOptimize>[0]));
      if (path === '/api/export') {
        const format = query.get('format') ?? 'csv';
        const text = format === 'csv' ? 'channel,revenue\nEmail,1\n' : '%PDF-1.4\n% fake\n';
        const name = `retailmind-${query.get('view') ?? 'report'}.${format}`;
        return new Response(text, {
          status: 200,
          headers: { 'Content-Type': format === 'csv' ? 'text/csv' : 'application/pdf', 'Content-Disposition': `attachment; filename="${name}"` },
        });
      }
    }
    if (!recorded) return json(404, errorBody('not_found', `no route for ${method} ${path}`));
    return json(recorded.status, RECORDED_BODIES[recorded.body]);
  };

  const fetch = (async (url: string, init: RequestInit) => {
    const parsed = new URL(url, 'http://fake.invalid');
    const method = init.method ?? 'GET';
    let body: unknown = undefined;
    if (typeof init.body === 'string') {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    calls.push({ method, path: parsed.pathname, query: parsed.searchParams, body });
    const result = answer(method, parsed.pathname, parsed.searchParams, body);
    const signal = init.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      const abort = () => reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        abort();
      }, { once: true });
      if (result === 'pending') return; // never answers (until aborted)
      const timer = setTimeout(() => {
        if (result === 'offline') reject(new TypeError('fetch failed (fake transport: offline)'));
        else resolve(result);
      }, options.latencyMs ?? 0);
    });
  }) as FakeFetch;
  Object.defineProperty(fetch, 'calls', { value: calls });
  return fetch;
}

// ---- the fake live hub ----------------------------------------------------------------------------

type AnyLiveHandler = (payload: unknown, meta: { dataVersion: number | null }) => void;

/** An in-memory stand-in for the socket.io connection: tests and stories push updates by hand. */
export interface FakeLive {
  /** Delivers `payload` to every subscriber of `topic`, as a pushed update at `dataVersion`. */
  push(topic: LiveTopic | (string & {}), payload: unknown, dataVersion?: number): void;
  /** Calls every subscriber's `onError` (e.g. with a `PermissionDeniedError`). */
  fail(topic: LiveTopic | (string & {}), error: unknown): void;
  /** How many handlers listen to `topic` now. */
  subscribers(topic: LiveTopic | (string & {})): number;
  /** Sets the connection state reported to `onConnectionState` listeners. */
  setState(state: ConnectionState): void;
}

/** The client the fake makes: a real `RetailMindClient` over the fake fetch, plus `fake` to drive it. */
export type FakeClient = RetailMindClient & {
  fake: { fetch: FakeFetch; live: FakeLive; calls: FakeCall[] };
};

export interface FakeClientOptions extends FakeTransportOptions, Partial<Omit<ClientOptions, 'fetch'>> {}

/**
 * A real client (`createClient`) whose `fetch` is {@link createFakeFetch} and whose live updates come
 * from an in-memory hub. Retries are off by default so error states show at once.
 */
export function createFakeClient(options: FakeClientOptions = {}): FakeClient {
  const fetch = createFakeFetch(options);
  const { role: _role, scenario: _scenario, latencyMs: _latency, synthetic, ...clientOptions } = options;
  const client = createClient({ baseUrl: 'http://fake.invalid', token: 'fake-token', maxRetries: 0, ...clientOptions, fetch });

  const topics = new Map<string, Map<AnyLiveHandler, ((error: unknown) => void) | undefined>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'offline';
  const live: FakeLive = {
    push(topic, payload, dataVersion = 1) {
      for (const handler of topics.get(topic)?.keys() ?? []) handler(payload, { dataVersion });
    },
    fail(topic, error) {
      for (const onError of topics.get(topic)?.values() ?? []) onError?.(error);
    },
    subscribers: (topic) => topics.get(topic)?.size ?? 0,
    setState(next) {
      state = next;
      for (const l of stateListeners) l(next);
    },
  };

  const request = async (method: 'GET' | 'POST', path: string, query: Record<string, string | undefined> | undefined, body: unknown, opts?: RequestOptions) => {
    const qs = new URLSearchParams(Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    const init: RequestInit = { method, ...(opts?.signal ? { signal: opts.signal } : {}) };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(`http://fake.invalid${path}${qs ? `?${qs}` : ''}`, init);
    if (!res.ok) throw APIError.from(res.status, await res.json().catch(() => undefined), res.headers);
    return res;
  };

  const fake: FakeClient = Object.assign(client, {
    fake: { fetch, live, calls: fetch.calls },
    subscribe: ((topic: string, handler: AnyLiveHandler, onError?: (error: unknown) => void) => {
      let handlers = topics.get(topic);
      if (!handlers) topics.set(topic, (handlers = new Map()));
      handlers.set(handler, onError);
      return () => void handlers.delete(handler);
    }) as RetailMindClient['subscribe'],
    onConnectionState(listener: (state: ConnectionState) => void) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    closeLive() {
      topics.clear();
    },
  });
  Object.defineProperty(fake, 'connectionState', { get: () => state });
  if (synthetic) {
    const extra = fake as unknown as Record<string, unknown>;
    const add = (name: string, fn: unknown) => {
      if (!(name in extra)) extra[name] = fn;
    };
    add('responseCurves', async (opts?: RequestOptions) => (await request('GET', '/api/response-curves', undefined, undefined, opts)).json());
    add('budgetSimulate', async (body: unknown, opts?: RequestOptions) => (await request('POST', '/api/budget-simulate', undefined, body, opts)).json());
    add('budgetOptimize', async (body: unknown, opts?: RequestOptions) => (await request('POST', '/api/budget-optimize', undefined, body, opts)).json());
  }
  return fake;
}
