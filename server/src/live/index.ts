import type { Server as HttpServer } from 'node:http';
import { TokenService } from '../auth/tokens.js';
import type { Store } from '../store/store.js';
import { LivePublisher } from './publisher.js';
import { connectRedisAdapter } from './redis.js';
import { authenticateSockets, createLiveServer, type LiveServer } from './server.js';

export interface LiveDeps {
  store: Store;
  /** The same secret the API verifies tokens with. */
  jwtSecret: string;
  /** Browser origins allowed besides the API's own (RM_CORS_ORIGINS). */
  corsOrigins: string[];
  /** With it, updates fan out to the clients of every instance through redis (RM_REDIS_URL). */
  redisUrl?: string;
  /** See `PublisherOptions.watchMs`; default `defaultWatchMs(dbUrl)`. */
  watchMs?: number;
  /** The database's URL (RM_DB_URL), which sets the watch's default interval. */
  dbUrl?: string;
  logError?: (err: unknown) => void;
}

export interface Live {
  io: LiveServer;
  publisher: LivePublisher;
  /** Disconnects every socket and closes the HTTP server and the redis connections. */
  close(): Promise<void>;
}

/** The data-version watch's interval on a local database (file or `:memory:`), in ms. */
export const LOCAL_WATCH_MS = 50;
/** ... and on a remote libSQL server, where each poll is a network round trip. */
export const REMOTE_WATCH_MS = 1000;

/**
 * How often to poll the data version by default for the database at `dbUrl`. The poll is one
 * `SELECT value FROM settings WHERE key = 'data_version'`: microseconds on a local file, so a
 * commit by another process (the ingest CLI) is published within ~50 ms; a round trip to a remote
 * server (`libsql:`, `http(s):`, `ws(s):`), so that one is polled once a second.
 */
export function defaultWatchMs(dbUrl: string): number {
  return /^(libsql|https?|wss?):/i.test(dbUrl.trim()) ? REMOTE_WATCH_MS : LOCAL_WATCH_MS;
}

/** Live updates: socket.io on the API's own HTTP server (the one `serve()` returns). */
export async function attachLive(httpServer: HttpServer, deps: LiveDeps): Promise<Live> {
  const logError = deps.logError ?? ((err: unknown) => console.error('[live]', err));
  // Connect redis before attaching, so no socket is accepted before the adapter and the auth check are in place.
  const redis = deps.redisUrl ? await connectRedisAdapter(deps.redisUrl, logError) : null;
  const io = createLiveServer(httpServer, deps.corsOrigins);
  if (redis) io.adapter(redis.adapter);
  authenticateSockets(io, new TokenService(deps.jwtSecret));
  const publisher = new LivePublisher(io, deps.store, { store: deps.store }, {
    watchMs: deps.watchMs ?? defaultWatchMs(deps.dbUrl ?? ':memory:'),
    shareVersions: redis !== null,
    logError,
  });
  await publisher.start();
  return {
    io,
    publisher,
    close: async () => {
      publisher.stop();
      await publisher.settled();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await redis?.close();
    },
  };
}
