import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AuthEnv } from './auth/context.js';
import { authorize } from './auth/middleware.js';
import type { RateLimitStore } from './auth/rate-limit.js';
import { TokenService } from './auth/tokens.js';
import { UserStore } from './auth/users.js';
import { limitBodies } from './http/body-limit.js';
import { ApiError } from './http/errors.js';
import { ReportService, type ReportConfig } from './report/service.js';
import { anomaliesRoutes } from './routes/anomalies.js';
import { authRoutes } from './routes/auth.js';
import { budgetRoutes } from './routes/budget.js';
import { campaignHealthRoutes } from './routes/campaign-health.js';
import { dashboardSummaryRoutes } from './routes/dashboard-summary.js';
import { exportRoutes } from './routes/export.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { metaRoutes } from './routes/meta.js';
import { modelRoutes } from './routes/model.js';
import { openapiRoutes } from './routes/openapi.js';
import { recommendationsRoutes } from './routes/recommendations.js';
import { reportRoutes } from './routes/report.js';
import { siteRoutes, type SiteOptions } from './routes/site.js';
import { thresholdsRoutes } from './routes/thresholds.js';
import { budgetFor } from './services/budget.js';
import { engineFor } from './services/engine.js';
import type { Store } from './store/store.js';

export interface AppConfig {
  /** Origins allowed to call the API from a browser; empty = same origin only. */
  corsOrigins: string[];
  /** Largest CSV body `POST /api/ingest/:kind` accepts, in bytes. */
  maxIngestBytes: number;
  /** Largest request body of every other route, in bytes. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Report writers: OpenAI settings from `OPENAI_API_KEY` and friends; without them, the offline writer. */
  report?: ReportConfig;
}

export interface AppDeps {
  store: Store;
  config: AppConfig;
  /** Signs and verifies bearer tokens (HS256); from `RM_JWT_SECRET`, see `auth/secret.ts`. */
  jwtSecret: string;
  /** The login limits' counters; default this process's memory. With RM_REDIS_URL, redis, so instances share them. */
  rateLimitStore?: RateLimitStore;
  /** Where unexpected errors are reported; they never reach the client beyond a request id. */
  logError?: (err: unknown, requestId: string) => void;
  /** The built demo site (and widget bundle) to serve as static files; none without it. */
  siteDir?: string;
  /** The built widgets (`widgets/dist`), for `/widgets/retailmind-widgets.js`; only with `siteDir`. */
  widgetsDir?: string;
}

export type AppEnv = AuthEnv;

/** The HTTP app: cross-cutting middleware and the error handler here, resources in `routes/`. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  // Cross-Origin-Resource-Policy: same-origin everywhere but the widget bundle (routes/site.ts).
  const sameOrigin = secureHeaders();
  // The widget bundle is meant to be loaded by portals on other origins.
  const crossOrigin = secureHeaders({ crossOriginResourcePolicy: 'cross-origin' });
  app.use('*', (c, next) => (c.req.path.startsWith('/widgets/') ? crossOrigin(c, next) : sameOrigin(c, next)));
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (deps.config.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  const tokens = new TokenService(deps.jwtSecret);
  const engine = engineFor(deps.store);
  const reports = new ReportService(deps.store, engine, deps.config.report);
  app.use('/api/*', authorize(tokens));
  app.use('/api/*', limitBodies(deps.config.maxBodyBytes ?? 64 * 1024));

  const routes = app
    .route('/', healthRoutes())
    .route('/', metaRoutes(deps.store))
    .route('/', dashboardSummaryRoutes(deps.store))
    .route('/', ingestRoutes(deps.store, deps.config))
    .route('/', openapiRoutes())
    .route('/', authRoutes({ users: new UserStore(deps.store.db), tokens, ...(deps.rateLimitStore ? { rateLimitStore: deps.rateLimitStore } : {}) }))
    .route('/', anomaliesRoutes(deps.store, engine))
    .route('/', recommendationsRoutes(deps.store, engine))
    .route('/', campaignHealthRoutes(deps.store, engine))
    .route('/', modelRoutes(engine))
    .route('/', thresholdsRoutes(engine))
    .route('/', reportRoutes(deps.store, reports))
    .route('/', exportRoutes(deps.store, engine, reports))
    .route('/', budgetRoutes(budgetFor(deps.store)));
  if (deps.siteDir) {
    const site: SiteOptions = { siteDir: deps.siteDir, ...(deps.widgetsDir ? { widgetsDir: deps.widgetsDir } : {}) };
    app.route('/', siteRoutes(site));
  }

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((err, c) => {
    if (err instanceof ApiError)
      return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.status, err.headers);
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
