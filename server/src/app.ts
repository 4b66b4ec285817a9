import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError } from './http/errors.js';
import { dashboardSummaryRoutes } from './routes/dashboard-summary.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { metaRoutes } from './routes/meta.js';
import { openapiRoutes } from './routes/openapi.js';
import type { Store } from './store/store.js';

export interface AppConfig {
  /** Origins allowed to call the API from a browser; empty = same origin only. */
  corsOrigins: string[];
  /** Largest CSV body `POST /api/ingest/:kind` accepts, in bytes. */
  maxIngestBytes: number;
}

export interface AppDeps {
  store: Store;
  config: AppConfig;
  /** Where unexpected errors are reported; they never reach the client beyond a request id. */
  logError?: (err: unknown, requestId: string) => void;
}

export type AppEnv = { Variables: { requestId: string } };

/** The HTTP app: cross-cutting middleware and the error handler here, resources in `routes/`. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', secureHeaders());
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (deps.config.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );

  const routes = app
    .route('/', healthRoutes())
    .route('/', metaRoutes(deps.store))
    .route('/', dashboardSummaryRoutes(deps.store))
    .route('/', ingestRoutes(deps.store, deps.config))
    .route('/', openapiRoutes());

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((err, c) => {
    if (err instanceof ApiError)
      return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.status);
    if (err instanceof HTTPException) {
      const status = err.status;
      return c.json({ error: { code: `http_${status}`, message: err.message || 'request refused' } }, status);
    }
    const id = c.get('requestId');
    (deps.logError ?? defaultLogError)(err, id);
    return c.json({ error: { code: 'internal', message: 'internal error', details: { requestId: id } } }, 500);
  });
  return routes;
}

function defaultLogError(err: unknown, requestId: string) {
  console.error(`[${requestId}]`, err);
}

export type AppType = ReturnType<typeof createApp>;
