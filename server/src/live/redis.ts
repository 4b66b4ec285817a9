import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

/** How long the start waits for redis before giving up (the client alone would retry forever). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The redis adapter of socket.io: every emit to a room is published on redis, so it reaches the
 * room's sockets on every instance, and `serverSideEmit` reaches the other instances.
 */
export async function connectRedisAdapter(url: string, logError: (err: unknown) => void) {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // Without a listener an 'error' event would crash the process; the client reconnects by itself.
  pub.on('error', logError);
  sub.on('error', logError);
  await connectWithinTimeout([pub, sub]);
  return {
    adapter: createAdapter(pub, sub),
    close: async () => {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}

/**
 * Connects redis clients, or destroys them and throws when redis does not answer within
 * CONNECT_TIMEOUT_MS. Shared with the login limiter's client (auth/rate-limit-redis.ts).
 */
export async function connectWithinTimeout(clients: { connect(): Promise<unknown>; destroy(): void }[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all(clients.map((client) => client.connect())),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`RM_REDIS_URL: no connection to redis within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    for (const client of clients) client.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
