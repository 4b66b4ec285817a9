/**
 * The typed RetailMind API client.
 *
 * Runtime imports are deliberately limited to `./errors.js`, `./token.js`, `./live.js` and the zod-free
 * `./contract/paths.js` and `./contract/live.js`: everything taken from the schema modules is `import type`,
 * so a browser bundle of the client never pulls in zod. `client.test.ts` checks this.
 */
import type {
  AnomaliesQuery,
  AnomaliesResponse,
  BudgetOptimizeBody,
  BudgetOptimizeResponse,
  BudgetSimulateBody,
  BudgetSimulateResponse,
  CampaignHealthQuery,
  CampaignHealthResponse,
  EmbedTokenBody,
  ExportQuery,
  HealthResponse,
  IngestKind,
  IngestParams,
  IngestResponse,
  LiveTopic,
  MeResponse,
  MetaResponse,
  ModelInfo,
  RecommendationsQuery,
  RecommendationsResponse,
  ReportQuery,
  ReportResponse,
  ResponseCurvesQuery,
  ResponseCurvesResponse,
  ROUTES,
  SummaryQuery,
  SummaryResponse,
  ThresholdsResponse,
  ThresholdsUpdate,
  TokenResponse,
} from './contract/index.js';
import { LIVE_TOPICS } from './contract/live.js';
import { PATHS, type RouteName } from './contract/paths.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  RetailMindError,
  parseRetryAfterMs,
} from './errors.js';
import { createLive, type LiveClient } from './live.js';
import { TokenKeeper, type TokenProvider } from './token.js';

export type { TokenProvider } from './token.js';

/** The `fetch` the client calls. `globalThis.fetch` fits; so does any function with this shape (handy for tests). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The CSV body `ingest` uploads, header row first. */
export type IngestBody = string | Blob | ReadableStream<Uint8Array>;

/** The generated OpenAPI 3 document. */
export type OpenApiDocument = Record<string, unknown>;

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * Where the API lives, without the `/api` part: `https://engine.example.com`, `http://localhost:3000/`,
   * a path prefix such as `/retailmind/`, or `''` / `'/'` for same-origin in a browser.
   * A trailing slash is optional.
   */
  baseUrl: string;
  /** A static bearer token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * Supplies bearer tokens; takes precedence over `token` whenever it returns a non-empty string.
   * The client keeps the token it returns and calls it again when that token is within a minute of
   * its `exp` (read from the JWT; within half its lifetime for a token living under two minutes),
   * and once after a 401, retrying the request once with the new token. A live session is renewed
   * with a new token shortly before its token expires, without going offline.
   * If it throws, the request (or live reconnection) fails with an `AuthenticationError`
   * (code `token_refresh_failed`, the thrown error as `cause`).
   */
  getToken?: TokenProvider;
  /** The `fetch` implementation; defaults to the global `fetch`, looked up at call time. */
  fetch?: FetchLike;
  /** Timeout of each HTTP attempt, in ms. Default 30 000. `0` or `Infinity` disables it. */
  timeoutMs?: number;
  /** How many times a failed idempotent request is retried. Default 2. `ingest` is never retried. */
  maxRetries?: number;
  /** Extra headers sent with every request (e.g. a tracing header). */
  headers?: HeadersInit;
  /** Live connection's reconnection backoff: first delay and cap in ms (default 500 and 10 000, ±50 % jitter). */
  live?: { reconnectDelayMs?: number; reconnectDelayMaxMs?: number };
}

/** Per-call options, accepted as the last argument of every client method. */
export interface RequestOptions {
  /** Cancels the call, including any backoff wait; the call then rejects with {@link APIUserAbortError}. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call (per attempt). */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this call. Ignored by `ingest`, which is never retried. */
  maxRetries?: number;
}

/**
 * A client of the RetailMind engine API, with one method per route of the contract's `ROUTES` table.
 * Every method resolves with the parsed JSON body, typed by the contract, and rejects with a
 * {@link RetailMindError} subclass.
 */
export interface RetailMindClient extends LiveClient {
  /** `GET /api/healthz`: liveness probe. */
  health(options?: RequestOptions): Promise<HealthResponse>;
  /** `GET /api/meta`: channels, segments, campaign count and date range present in the data. */
  meta(options?: RequestOptions): Promise<MetaResponse>;
  /**
   * `GET /api/dashboard-summary`: totals, per-channel, per-segment and daily figures for a date range and filters.
   *
   * @param query `from`/`to` as `YYYY-MM-DD`; `channel`, `segment`, `campaign` as one value or an array
   *   (sent as repeated parameters). Undefined values are left out. Validation is the server's: an invalid
   *   query rejects with a `BadRequestError` whose `details` lists the issues.
   */
  dashboardSummary(query?: SummaryQuery, options?: RequestOptions): Promise<SummaryResponse>;
  /**
   * `POST /api/ingest/:kind`: ingest one CSV file of the data contract; rows are validated and upserted on their key.
   *
   * Sent as `Content-Type: text/csv`. A `ReadableStream` is streamed (`duplex: 'half'`); browsers
   * may require HTTP/2 for streamed uploads, so prefer a `string` or `Blob` there.
   *
   * **Never retried**, whatever `maxRetries` says: an upload is not idempotent from the client's point of
   * view (a stream cannot be replayed, and a lost response does not mean the rows were not stored).
   * Retry yourself if you know it is safe (ingest upserts on each file's key, so re-sending a file is).
   */
  ingest(kind: IngestKind, csv: IngestBody, options?: RequestOptions): Promise<IngestResponse>;
  /** `GET /api/openapi.json`: the OpenAPI document generated from the contract. */
  openapi(options?: RequestOptions): Promise<OpenApiDocument>;
  /**
   * `POST /api/auth/login`: exchanges a username and password for a token (valid one hour), which this
   * client then uses. Without `getToken` nothing renews it: sign in again when calls fail with 401.
   */
  login(username: string, password: string, options?: RequestOptions): Promise<TokenResponse>;
  /** `GET /api/auth/me`: who the token belongs to and when it expires. */
  me(options?: RequestOptions): Promise<MeResponse>;
  /** `POST /api/auth/embed-token` (manager only): a short-lived token for `role`, to hand to an embedded page. */
  embedToken(body: EmbedTokenBody, options?: RequestOptions): Promise<TokenResponse>;
  /**
   * `GET /api/anomalies`: anomalies per campaign and metric whose first day lies in the range, highest score
   * first, each with an explanation carrying its numbers. `severity` (one or several of `low`, `medium`,
   * `high`) and the other filters are exact matches; the default range is the last 30 days of data.
   */
  anomalies(query?: AnomaliesQuery, options?: RequestOptions): Promise<AnomaliesResponse>;
  /** `GET /api/recommendations`: pause / scale / alert / monitor items sorted by expected value, with the model's holdout figures. */
  recommendations(query?: RecommendationsQuery, options?: RequestOptions): Promise<RecommendationsResponse>;
  /** `GET /api/campaign-health`: score, status and reasons per campaign over the latest window; counts per status. */
  campaignHealth(query?: CampaignHealthQuery, options?: RequestOptions): Promise<CampaignHealthResponse>;
  /** `GET /api/model`: the revenue model's description and holdout quality against the naive baselines. */
  model(options?: RequestOptions): Promise<ModelInfo>;
  /** `GET /api/config/thresholds`: the engine's thresholds, their defaults and their version. */
  thresholds(options?: RequestOptions): Promise<ThresholdsResponse>;
  /**
   * `PUT /api/config/thresholds` (manager only): changes the thresholds given; the others keep their values.
   * Retried like a GET: applying the same change twice gives the same thresholds.
   */
  updateThresholds(update: ThresholdsUpdate, options?: RequestOptions): Promise<ThresholdsResponse>;
  /**
   * `GET /api/report`: the written report for an audience (default the caller's role; leadership reads only the
   * executive one): narrative, highlights and recommendations, every number checked against `facts`;
   * `generatedBy` says whether the model or the offline writer wrote it. Render its text as text, never as HTML.
   * With `format: 'markdown'` it resolves with the Markdown document instead.
   */
  report(query: ReportQuery & { format: 'markdown' }, options?: RequestOptions): Promise<string>;
  report(query?: ReportQuery & { format?: 'json' | undefined }, options?: RequestOptions): Promise<ReportResponse>;
  /**
   * `GET /api/export` (manager and analyst): campaigns, channels, anomalies, recommendations or the report as
   * CSV (UTF-8, header row, raw numbers) or PDF (`paper: 'a4' | 'letter'`). Resolves with a `File`: the bytes,
   * `type` (`text/csv` or `application/pdf`) and `name`, the server's file name with the period in it.
   */
  export(query?: ExportQuery, options?: RequestOptions): Promise<File>;
  /**
   * `POST /api/budget-simulate` (manager only): what a split of the budget over `days` days (default 30) is
   * projected to return, per channel and in total, with a band, ROI, marginal ROI and an `extrapolated` flag,
   * against the current split. Channels left out keep their current spend. For a slider, fetch
   * {@link RetailMindClient.responseCurves} once and call `projectAllocation` locally: the same math.
   */
  budgetSimulate(body: BudgetSimulateBody, options?: RequestOptions): Promise<BudgetSimulateResponse>;
  /**
   * `POST /api/budget-optimize` (manager only): the split of `totalBudget` (or of the budget that meets
   * `targetRoi` / `targetMarginalRoi`) that earns the most within the constraints, with its projection, the
   * lift over the current split and one plain sentence to act on. Retried like a GET: it changes nothing.
   */
  budgetOptimize(body: BudgetOptimizeBody, options?: RequestOptions): Promise<BudgetOptimizeResponse>;
  /** `GET /api/response-curves` (manager only): each channel's fitted curve, fit quality, data sufficiency and sampled points. */
  responseCurves(query?: ResponseCurvesQuery, options?: RequestOptions): Promise<ResponseCurvesResponse>;
}

// ---- compile-time checks against the contract (types only; nothing here reaches the bundle) ----
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Every route of `ROUTES` has a client method (fails to compile when a route is added without one). */
type _EveryRouteHasAMethod = Assert<Same<RouteName, Exclude<keyof RetailMindClient, keyof LiveClient>>>;
/** Each method's types are inferred from the very schemas `ROUTES` names. */
type _MethodsMatchRoutes = [
  Assert<Same<(typeof ROUTES)['health']['response'], typeof HealthResponse>>,
  Assert<Same<(typeof ROUTES)['meta']['response'], typeof MetaResponse>>,
  Assert<Same<(typeof ROUTES)['dashboardSummary']['response'], typeof SummaryResponse>>,
  Assert<Same<(typeof ROUTES)['dashboardSummary']['query'], typeof SummaryQuery>>,
  Assert<Same<(typeof ROUTES)['ingest']['response'], typeof IngestResponse>>,
  Assert<Same<(typeof ROUTES)['ingest']['params'], typeof IngestParams>>,
  Assert<Same<(typeof ROUTES)['anomalies']['response'], typeof AnomaliesResponse>>,
  Assert<Same<(typeof ROUTES)['anomalies']['query'], typeof AnomaliesQuery>>,
  Assert<Same<(typeof ROUTES)['recommendations']['response'], typeof RecommendationsResponse>>,
  Assert<Same<(typeof ROUTES)['recommendations']['query'], typeof RecommendationsQuery>>,
  Assert<Same<(typeof ROUTES)['campaignHealth']['response'], typeof CampaignHealthResponse>>,
  Assert<Same<(typeof ROUTES)['campaignHealth']['query'], typeof CampaignHealthQuery>>,
  Assert<Same<(typeof ROUTES)['model']['response'], typeof ModelInfo>>,
  Assert<Same<(typeof ROUTES)['thresholds']['response'], typeof ThresholdsResponse>>,
  Assert<Same<(typeof ROUTES)['updateThresholds']['response'], typeof ThresholdsResponse>>,
  Assert<Same<(typeof ROUTES)['updateThresholds']['json'], typeof ThresholdsUpdate>>,
  Assert<Same<(typeof ROUTES)['report']['query'], typeof ReportQuery>>,
  Assert<Same<(typeof ROUTES)['report']['response'], typeof ReportResponse>>,
  Assert<Same<(typeof ROUTES)['export']['query'], typeof ExportQuery>>,
  Assert<Same<(typeof ROUTES)['budgetSimulate']['json'], typeof BudgetSimulateBody>>,
  Assert<Same<(typeof ROUTES)['budgetSimulate']['response'], typeof BudgetSimulateResponse>>,
  Assert<Same<(typeof ROUTES)['budgetOptimize']['json'], typeof BudgetOptimizeBody>>,
  Assert<Same<(typeof ROUTES)['budgetOptimize']['response'], typeof BudgetOptimizeResponse>>,
  Assert<Same<(typeof ROUTES)['responseCurves']['query'], typeof ResponseCurvesQuery>>,
  Assert<Same<(typeof ROUTES)['responseCurves']['response'], typeof ResponseCurvesResponse>>,
];

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
/** Exponential backoff: 250 ms, 500 ms, 1 s, 2 s, 4 s, 4 s, ... minus up to 25 % jitter. */
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 4_000;
/** A `Retry-After` longer than this is shortened to it. */
const MAX_RETRY_AFTER_MS = 60_000;
/** setTimeout fires at once for delays above 2^31-1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean | null | undefined)[];

/** Serialize a query object: arrays become repeated parameters, `undefined`/`null` are left out. */
function buildQueryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null) continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Join base and path without `new URL()`, so relative bases (`''`, `'/'`, `'/prefix/'`) work. */
function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

function checkNonNegative(name: string, value: number, integer: boolean): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

/** Full backoff delay before retry number `retry` (0-based): capped exponential with up to 25 % jitter. */
function backoffMs(retry: number): number {
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  return exp * (1 - Math.random() * 0.25);
}

function isRetryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true; // includes APIConnectionTimeoutError
  if (error instanceof APIError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return false;
}

function retryDelayMs(error: unknown, retry: number): number {
  if (error instanceof APIError && (error.status === 429 || error.status === 503)) {
    const ms = parseRetryAfterMs(error.headers.get('retry-after'));
    if (ms !== undefined) return Math.min(ms, MAX_RETRY_AFTER_MS);
  }
  return backoffMs(retry);
}

/** Wait `ms`, rejecting with APIUserAbortError as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new APIUserAbortError({ cause: signal.reason }));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError({ cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.min(ms, MAX_TIMER_MS));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settle like `promise`, or reject with the signal's reason as soon as it aborts (guards against fetches that ignore signals). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

interface AttemptSignal {
  signal: AbortSignal;
  timedOut(): boolean;
  dispose(): void;
}

/** One attempt's signal: the caller's signal combined with a per-attempt timeout. */
function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const timeout = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          timeout.abort();
        }, Math.min(timeoutMs, MAX_TIMER_MS))
      : undefined;
  let signal = timeout.signal;
  let unlink = () => {};
  if (caller) {
    const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
    if (typeof any === 'function') {
      signal = any.call(AbortSignal, [caller, timeout.signal]);
    } else {
      const combined = new AbortController();
      const onCallerAbort = () => combined.abort(caller.reason);
      const onTimeout = () => combined.abort(timeout.signal.reason);
      if (caller.aborted) combined.abort(caller.reason);
      else caller.addEventListener('abort', onCallerAbort, { once: true });
      timeout.signal.addEventListener('abort', onTimeout, { once: true });
      unlink = () => caller.removeEventListener('abort', onCallerAbort);
      signal = combined.signal;
    }
  }
  return {
    signal,
    timedOut: () => timedOut,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      unlink();
    },
  };
}

/** Parse a body as JSON, falling back to its text (`undefined` when empty). */
function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  body?: IngestBody;
  contentType?: string;
  /** May this request be retried? False for non-idempotent requests. */
  retry: boolean;
  /** False for requests that must not carry (or renew) a token, e.g. `login`. */
  auth?: boolean;
  /** How a 2xx body is read: JSON (default), text, or a `File`. */
  as?: 'json' | 'text' | 'file';
  /** The `Accept` header; default `application/json`. */
  accept?: string;
}

/**
 * Create a RetailMind API client. No global state: each client has its own options.
 *
 * Failed calls reject with a {@link RetailMindError}: an {@link APIError} subclass when the server
 * answered with an error status, {@link APIConnectionError} / {@link APIConnectionTimeoutError} when it
 * did not answer, {@link APIUserAbortError} when the caller's signal aborted.
 *
 * Idempotent (GET) calls are retried up to `maxRetries` times on connection errors, timeouts, 408,
 * 429 and 5xx, with capped exponential backoff and jitter (250 ms base, 4 s cap), honouring
 * `Retry-After` (seconds or HTTP date, capped at 60 s) on 429 and 503. `ingest` is never retried.
 *
 * @example
 * ```ts
 * const rm = createClient({ baseUrl: 'http://localhost:3000', token: process.env.RM_TOKEN });
 * const summary = await rm.dashboardSummary({ from: '2025-01-01', to: '2025-01-31', channel: ['email', 'search'] });
 * ```
 */
export function createClient(options: ClientOptions): RetailMindClient {
  if (typeof options?.baseUrl !== 'string') throw new TypeError('createClient: `baseUrl` must be a string');
  const baseUrl = options.baseUrl;
  const clientTimeoutMs = checkNonNegative('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, false);
  const clientMaxRetries = checkNonNegative('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, true);
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const defaultHeaders = new Headers(options.headers);
  const tokens = new TokenKeeper(options.token, options.getToken);

  function buildHeaders(spec: RequestSpec, bearer: string | null): Headers {
    const headers = new Headers({ Accept: spec.accept ?? 'application/json' });
    defaultHeaders.forEach((value, key) => headers.set(key, value));
    if (bearer) headers.set('Authorization', `Bearer ${bearer}`);
    if (spec.contentType) headers.set('Content-Type', spec.contentType);
    return headers;
  }

  /** One HTTP attempt: resolves with the parsed 2xx body or rejects with a RetailMindError. */
  async function attempt<T>(
    spec: RequestSpec,
    url: string,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
    bearer: string | null,
  ): Promise<T> {
    const headers = buildHeaders(spec, bearer);
    const { signal, timedOut, dispose } = attemptSignal(callerSignal, timeoutMs);
    const toRetailMindError = (error: unknown): RetailMindError => {
      if (callerSignal?.aborted) return new APIUserAbortError({ cause: error });
      if (timedOut()) return new APIConnectionTimeoutError({ message: `Request timed out after ${timeoutMs} ms.`, cause: error });
      return new APIConnectionError({ cause: error });
    };
    try {
      const init: RequestInit & { duplex?: 'half' } = { method: spec.method, headers, signal };
      if (spec.body !== undefined) {
        init.body = spec.body;
        if (isStream(spec.body)) init.duplex = 'half';
      }
      let response: Response;
      let text = '';
      let file: Blob | undefined;
      try {
        response = await abortable(fetchImpl(url, init), signal);
        if (spec.as === 'file' && response.ok) file = await abortable(response.blob(), signal);
        else text = await abortable(response.text(), signal);
      } catch (error) {
        throw toRetailMindError(error);
      }
      if (!response.ok) throw APIError.from(response.status, parseBody(text), response.headers, response.statusText);
      if (file) return exportFile(response, file) as T;
      if (spec.as === 'text') return text as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new APIError(response.status, text, response.headers, 'The response body is not valid JSON');
      }
    } finally {
      dispose();
    }
  }

  async function request<T>(spec: RequestSpec, opts: RequestOptions | undefined): Promise<T> {
    const url = joinUrl(baseUrl, spec.path) + buildQueryString(spec.query);
    const signal = opts?.signal;
    const timeoutMs = opts?.timeoutMs === undefined ? clientTimeoutMs : checkNonNegative('timeoutMs', opts.timeoutMs, false);
    const maxRetries = !spec.retry
      ? 0
      : opts?.maxRetries === undefined
        ? clientMaxRetries
        : checkNonNegative('maxRetries', opts.maxRetries, true);
    // A 401 is answered once by renewing the token and sending again (not counted as a retry);
    // a streamed body cannot be sent twice.
    let renewed = spec.auth === false || !tokens.canRefresh || isStream(spec.body);
    for (let retry = 0; ; ) {
      if (signal?.aborted) throw new APIUserAbortError({ cause: signal.reason });
      const bearer = spec.auth === false ? null : await tokens.current();
      try {
        return await attempt<T>(spec, url, signal, timeoutMs, bearer);
      } catch (error) {
        if (error instanceof AuthenticationError && !renewed) {
          renewed = true;
          await tokens.refresh(bearer);
          continue;
        }
        if (retry >= maxRetries || !isRetryable(error)) throw error;
        await sleep(retryDelayMs(error, retry), signal);
        retry++;
      }
    }
  }

  const methods = {
    health: (opts) => request<HealthResponse>({ method: 'GET', path: PATHS.health, retry: true }, opts),
    meta: (opts) => request<MetaResponse>({ method: 'GET', path: PATHS.meta, retry: true }, opts),
    dashboardSummary: (query, opts) =>
      request<SummaryResponse>({ method: 'GET', path: PATHS.dashboardSummary, query: { ...query }, retry: true }, opts),
    ingest: (kind, csv, opts) =>
      request<IngestResponse>(
        {
          method: 'POST',
          path: PATHS.ingest.replace(':kind', encodeURIComponent(kind)),
          body: csv,
          contentType: 'text/csv',
          retry: false,
        },
        opts,
      ),
    openapi: (opts) => request<OpenApiDocument>({ method: 'GET', path: PATHS.openapi, retry: true }, opts),
    login: async (username, password, opts) => {
      const answer = await request<TokenResponse>(
        { method: 'POST', path: PATHS.login, body: JSON.stringify({ username, password }), contentType: 'application/json', retry: false, auth: false },
        opts,
      );
      tokens.set(answer.token);
      return answer;
    },
    me: (opts) => request<MeResponse>({ method: 'GET', path: PATHS.me, retry: true }, opts),
    embedToken: (body, opts) =>
      request<TokenResponse>(
        { method: 'POST', path: PATHS.embedToken, body: JSON.stringify(body), contentType: 'application/json', retry: false },
        opts,
      ),
    anomalies: (query, opts) =>
      request<AnomaliesResponse>({ method: 'GET', path: PATHS.anomalies, query: { ...query }, retry: true }, opts),
    recommendations: (query, opts) =>
      request<RecommendationsResponse>({ method: 'GET', path: PATHS.recommendations, query: { ...query }, retry: true }, opts),
    campaignHealth: (query, opts) =>
      request<CampaignHealthResponse>({ method: 'GET', path: PATHS.campaignHealth, query: { ...query }, retry: true }, opts),
    model: (opts) => request<ModelInfo>({ method: 'GET', path: PATHS.model, retry: true }, opts),
    thresholds: (opts) => request<ThresholdsResponse>({ method: 'GET', path: PATHS.thresholds, retry: true }, opts),
    updateThresholds: (update, opts) =>
      request<ThresholdsResponse>(
        { method: 'PUT', path: PATHS.updateThresholds, body: JSON.stringify(update), contentType: 'application/json', retry: true },
        opts,
      ),
    report: ((query?: ReportQuery, opts?: RequestOptions) =>
      request<ReportResponse | string>(
        {
          method: 'GET',
          path: PATHS.report,
          query: { ...query },
          retry: true,
          ...(query?.format === 'markdown' ? { as: 'text' as const, accept: 'text/markdown' } : {}),
        },
        opts,
      )) as RetailMindClient['report'],
    export: (query, opts) =>
      request<File>(
        { method: 'GET', path: PATHS.export, query: { ...query }, retry: true, as: 'file', accept: query?.format === 'pdf' ? 'application/pdf' : 'text/csv' },
        opts,
      ),
    budgetSimulate: (body, opts) =>
      request<BudgetSimulateResponse>(
        { method: 'POST', path: PATHS.budgetSimulate, body: JSON.stringify(body), contentType: 'application/json', retry: true },
        opts,
      ),
    budgetOptimize: (body, opts) =>
      request<BudgetOptimizeResponse>(
        { method: 'POST', path: PATHS.budgetOptimize, body: JSON.stringify(body), contentType: 'application/json', retry: true },
        opts,
      ),
    responseCurves: (query, opts) =>
      request<ResponseCurvesResponse>({ method: 'GET', path: PATHS.responseCurves, query: { ...query }, retry: true }, opts),
  } satisfies Omit<RetailMindClient, keyof LiveClient>;

  const live = createLive({
    baseUrl,
    tokens,
    // A topic's snapshot is its route's answer without parameters.
    snapshot: (topic: LiveTopic) => (methods[LIVE_TOPICS[topic]] as () => Promise<unknown>)(),
    ...options.live,
  });
  return {
    ...methods,
    subscribe: live.subscribe,
    get connectionState() {
      return live.connectionState;
    },
    onConnectionState: live.onConnectionState,
    closeLive: live.closeLive,
  };
}

/** An export as a `File`: its bytes, its type and the file name from `Content-Disposition`. */
function exportFile(response: Response, data: Blob): File {
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? 'retailmind-export';
  return new File([data], name, { type: response.headers.get('content-type') ?? data.type });
}

function isStream(body: IngestBody | undefined): body is ReadableStream<Uint8Array> {
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
}
