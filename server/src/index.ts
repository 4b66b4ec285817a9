import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { createApp } from './app.js';
import { readConfig } from './config.js';
import { openDatabase } from './store/db.js';
import { ingestPath } from './store/ingest/directory.js';
import { Store } from './store/store.js';

/** The server's entry: the only module that reads the environment and listens. */
async function main() {
  const config = readConfig();
  const store = new Store(await openDatabase(config.RM_DB_URL, config.RM_DB_AUTH_TOKEN));

  if ((await store.isEmpty()) && existsSync(config.RM_DATA_DIR)) {
    const started = Date.now();
    const results = await ingestPath(store, config.RM_DATA_DIR);
    const stored = results.reduce((n, r) => n + r.rowsStored, 0);
    const rejected = results.reduce((n, r) => n + r.rowsRejected, 0);
    console.log(`filled the empty database from ${config.RM_DATA_DIR}: ${stored} rows stored, ${rejected} rejected, ${Date.now() - started} ms`);
    for (const r of results) for (const row of r.rejected.slice(0, 5)) console.warn(`  ${row.file}:${row.line} ${row.reason}`);
  }

  const app = createApp({
    store,
    config: { corsOrigins: config.RM_CORS_ORIGINS, maxIngestBytes: config.RM_MAX_INGEST_BYTES },
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`RetailMind listening on http://localhost:${info.port}`);
  });

  const shutdown = () => {
    server.close(() => {
      store.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
