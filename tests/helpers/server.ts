import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppConfig } from '../../server/src/app.js';
import { openDatabase } from '../../server/src/store/db.js';
import { ingestPath } from '../../server/src/store/ingest/directory.js';
import { Store } from '../../server/src/store/store.js';

export interface TestServer {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** A real HTTP server on a loopback port over a fresh `:memory:` database, optionally filled from `dataDir`. */
export async function startServer(options: { dataDir?: string; config?: Partial<AppConfig> } = {}): Promise<TestServer> {
  const store = new Store(await openDatabase(':memory:'));
  if (options.dataDir) await ingestPath(store, options.dataDir);
  const app = createApp({
    store,
    config: { corsOrigins: [], maxIngestBytes: 10 * 1024 * 1024, ...options.config },
    logError: () => undefined,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          store.close();
          resolve();
        }),
      ),
  };
}
