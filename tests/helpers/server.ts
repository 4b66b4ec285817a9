import { serve } from '@hono/node-server';
import { ROLES, type Role } from '@retailmind/sdk/contract';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppConfig } from '../../server/src/app.js';
import type { RateLimitStore } from '../../server/src/auth/rate-limit.js';
import { TokenService } from '../../server/src/auth/tokens.js';
import { attachLive, type Live } from '../../server/src/live/index.js';
import { openDatabase } from '../../server/src/store/db.js';
import { ingestPath } from '../../server/src/store/ingest/directory.js';
import { Store } from '../../server/src/store/store.js';

/** The token secret of test servers (the real one comes from RM_JWT_SECRET). */
export const TEST_JWT_SECRET = 'test-secret-of-at-least-32-characters!';

export interface TestServer {
  url: string;
  store: Store;
  live: Live;
  /** A valid token (one hour) for `role`, signed with the test secret. */
  token(role: Role): string;
  /** `{ Authorization: 'Bearer …' }` for `role`. */
  auth(role: Role): { Authorization: string };
  close(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  config?: Partial<AppConfig>;
  /** Database URL; default a fresh `:memory:` one. */
  dbUrl?: string;
  /** socket.io's redis adapter (the two-instance test). */
  redisUrl?: string;
  /** The live layer's data-version watch interval; 0 turns it off. */
  watchMs?: number;
  /** The login limits' counters (the shared-limits test passes a redis one); default in memory. */
  rateLimitStore?: RateLimitStore;
}

/** A real HTTP server with the live layer on a loopback port over a fresh database, optionally filled from `dataDir`. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const store = new Store(await openDatabase(options.dbUrl ?? ':memory:'));
  if (options.dataDir) await ingestPath(store, options.dataDir);
  const config: AppConfig = { corsOrigins: [], maxIngestBytes: 10 * 1024 * 1024, ...options.config };
  const app = createApp({
    store,
    config,
    jwtSecret: TEST_JWT_SECRET,
    logError: () => undefined,
    ...(options.rateLimitStore ? { rateLimitStore: options.rateLimitStore } : {}),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as HttpServer;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const live = await attachLive(server, {
    store,
    jwtSecret: TEST_JWT_SECRET,
    corsOrigins: config.corsOrigins,
    watchMs: options.watchMs ?? 0,
    logError: () => undefined,
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  const { port } = server.address() as AddressInfo;
  const issuer = new TokenService(TEST_JWT_SECRET);
  const tokens = Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, (await issuer.issue(`test-${role}`, role)).token] as const)),
  ) as Record<Role, string>;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    live,
    token: (role) => tokens[role],
    auth: (role) => ({ Authorization: `Bearer ${tokens[role]}` }),
    close: async () => {
      await live.close(); // closes the HTTP server too
      store.close();
    },
  };
}
