import { createClient } from 'redis';
import { connectWithinTimeout } from '../live/redis.js';
import { FallbackRateLimitStore, MemoryRateLimitStore, type RateLimitStore, type RateWindow } from './rate-limit.js';

/**
 * How long a login waits for redis before it counts in memory instead. Redis answers in well under
 * a millisecond on a LAN; a stalled one must not hold every login for the client's 5 s default.
 */
const COMMAND_TIMEOUT_MS = 500;

/**
 * Count one hit, atomically: INCR, and a window set at the first hit only. `PTTL < 0` also repairs
 * a key left without expiry, whose window would otherwise never end.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/** A key's count and expiry in one step, so both belong to the same window (0 and -2 when there is none). */
const PEEK_SCRIPT = `
return {tonumber(redis.call('GET', KEYS[1])) or 0, redis.call('PTTL', KEYS[1])}
`;

/** The two commands the store sends; a connected node-redis client has both. */
export interface RedisCommands {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/**
 * Fixed windows in redis, shared by every instance: one key per limited thing, holding the count
 * and expiring when the window ends. Keys and arguments travel as separate protocol arguments,
 * never spliced into a command or the script, so a username cannot be a command.
 */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly client: RedisCommands) {}

  async hit(key: string, windowMs: number): Promise<RateWindow> {
    const [count, ttl] = (await this.client.eval(HIT_SCRIPT, { keys: [key], arguments: [String(windowMs)] })) as [number, number];
    return { count, retryAfterMs: ttl };
  }

  async peek(key: string): Promise<RateWindow | null> {
    const [count, ttl] = (await this.client.eval(PEEK_SCRIPT, { keys: [key], arguments: [] })) as [number, number];
    // A key without expiry is not one of ours to trust; the next hit gives it one.
    return count > 0 && ttl > 0 ? { count, retryAfterMs: ttl } : null;
  }

  async reset(key: string): Promise<void> {
    await this.client.del(key);
  }
}

export interface SharedRateLimits {
  /** Redis first, this process's memory when redis fails (see `FallbackRateLimitStore`). */
  store: RateLimitStore;
  close(): Promise<void>;
}

/**
 * The login limiter's own redis connection (RM_REDIS_URL), apart from socket.io's: its commands
 * fail fast while redis is away (no offline queue, a short timeout), so a login falls back to
 * counting in memory instead of waiting for a reconnect.
 */
export async function connectSharedRateLimits(url: string, log: (message: string) => void): Promise<SharedRateLimits> {
  const client = createClient({ url, disableOfflineQueue: true, commandOptions: { timeout: COMMAND_TIMEOUT_MS } });
  // Without a listener an 'error' event would crash the process; the client reconnects by itself.
  // Once per outage: it retries every few seconds and each failed retry is another 'error'.
  let reported = false;
  client.on('error', (err: unknown) => {
    if (!reported) log(`redis connection: ${err instanceof Error ? err.message : String(err)}`);
    reported = true;
  });
  client.on('ready', () => (reported = false));
  await connectWithinTimeout([client]);
  return {
    store: new FallbackRateLimitStore(new RedisRateLimitStore(client), new MemoryRateLimitStore(), log),
    close: async () => {
      await client.close().catch(() => undefined);
    },
  };
}
