import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { connectSharedRateLimits } from './auth/rate-limit-redis.js';
import { resolveJwtSecret } from './auth/secret.js';
import { createDemoUsers, refuseOpenDemoAccounts, UserStore } from './auth/users.js';
import { readConfig } from './config.js';
import { startFeed } from './live/feed.js';
import { attachLive } from './live/index.js';
import { openDatabase } from './store/db.js';
import { ingestPath } from './store/ingest/directory.js';
import { Store } from './store/store.js';

/** The server's entry: the only module that reads the environment and listens. */
async function main() {
  const config = readConfig();
  const production = config.NODE_ENV === 'production';
  const jwt = resolveJwtSecret(config.RM_JWT_SECRET, production);
  if (jwt.warning) console.warn(`warning: ${jwt.warning}`);
  const store = new Store(await openDatabase(config.RM_DB_URL, config.RM_DB_AUTH_TOKEN));

  if ((await store.isEmpty()) && existsSync(config.RM_DATA_DIR)) {
    const started = Date.now();
    const results = await ingestPath(store, config.RM_DATA_DIR);
    const stored = results.reduce((n, r) => n + r.rowsStored, 0);
    const rejected = results.reduce((n, r) => n + r.rowsRejected, 0);
    console.log(`filled the empty database from ${config.RM_DATA_DIR}: ${stored} rows stored, ${rejected} rejected, ${Date.now() - started} ms`);
    for (const r of results) for (const row of r.rejected.slice(0, 5)) console.warn(`  ${row.file}:${row.line} ${row.reason}`);
    // Demo accounts only on a database this start filled from the sample data, and never in production.
    if (!production && resolve(config.RM_DATA_DIR) === SAMPLE_DIR) {
      await createDemoUsers(new UserStore(store.db));
      console.log('created the demo accounts manager, analyst and leadership (password "demo")');
    }
  }

  if (production) await refuseOpenDemoAccounts(new UserStore(store.db));
  // With several instances, login attempts count in redis: otherwise N instances allow N times the guesses.
  const sharedLimits = config.RM_REDIS_URL
    ? await connectSharedRateLimits(config.RM_REDIS_URL, (message) => console.error(`[rate-limit] ${message}`))
    : null;

  const app = createApp({
    store,
    config: {
      corsOrigins: config.RM_CORS_ORIGINS,
      maxIngestBytes: config.RM_MAX_INGEST_BYTES,
      report: {
        openai: config.OPENAI_API_KEY
          ? {
              apiKey: config.OPENAI_API_KEY,
              ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
              model: config.RM_OPENAI_MODEL,
              timeoutMs: config.RM_OPENAI_TIMEOUT_MS,
              maxRetries: config.RM_OPENAI_MAX_RETRIES,
            }
          : null,
      },
    },
    jwtSecret: jwt.secret,
    ...(sharedLimits ? { rateLimitStore: sharedLimits.store } : {}),
    ...(existsSync(SITE_DIR) ? { siteDir: SITE_DIR, widgetsDir: WIDGETS_DIR } : {}),
  });
  if (!existsSync(SITE_DIR)) console.warn(`warning: no demo site at ${SITE_DIR} (npm run build -w demo-site); serving the API only`);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`RetailMind listening on http://localhost:${info.port}`);
  });

  const live = await attachLive(server as HttpServer, {
    store,
    jwtSecret: jwt.secret,
    corsOrigins: config.RM_CORS_ORIGINS,
    dbUrl: config.RM_DB_URL,
    ...(config.RM_LIVE_WATCH_MS !== undefined ? { watchMs: config.RM_LIVE_WATCH_MS } : {}),
    ...(config.RM_REDIS_URL ? { redisUrl: config.RM_REDIS_URL } : {}),
  });
  const stopFeed = config.RM_LIVE || process.argv.includes('--live') ? startFeed(store, { log: console.log }) : () => undefined;

  const shutdown = () => {
    stopFeed();
    // Closing the live layer closes the HTTP server too; then the limiter's redis connection.
    void live.close().finally(async () => {
      await sharedLimits?.close();
      store.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

const SAMPLE_DIR = fileURLToPath(new URL('../../data/sample', import.meta.url));
const SITE_DIR = fileURLToPath(new URL('../../demo-site/dist', import.meta.url));
const WIDGETS_DIR = fileURLToPath(new URL('../../widgets/dist', import.meta.url));

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
