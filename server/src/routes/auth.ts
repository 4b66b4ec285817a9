import { getConnInfo } from '@hono/node-server/conninfo';
import { ROUTES } from '@retailmind/sdk/contract';
import { Hono, type Context } from 'hono';
import type { AuthEnv } from '../auth/context.js';
import { DUMMY_HASH, verifyPassword } from '../auth/password.js';
import { MemoryRateLimitStore, RateLimiter, type RateLimitStore } from '../auth/rate-limit.js';
import type { Claims, TokenService } from '../auth/tokens.js';
import type { UserStore } from '../auth/users.js';
import { ApiError } from '../http/errors.js';
import { validate } from '../http/validate.js';

/** Subjects of embed tokens start with this, so an embed token is told apart (and cannot mint more). */
const EMBED_PREFIX = 'embed:';
/** Every attempt from one address counts (it also caps the scrypt work one address can cause). */
const PER_ADDRESS = { name: 'login:addr', limit: 20, windowMs: 60_000 };
/** Failed attempts per username; a success clears them. */
const PER_USER = { name: 'login:user', limit: 5, windowMs: 15 * 60_000 };

export interface AuthRouteDeps {
  users: UserStore;
  tokens: TokenService;
  /** Where the login limits count attempts: default this process's memory; with RM_REDIS_URL, redis, shared by every instance. */
  rateLimitStore?: RateLimitStore;
}

export const authRoutes = ({ users, tokens, rateLimitStore = new MemoryRateLimitStore() }: AuthRouteDeps) => {
  const perAddress = new RateLimiter(PER_ADDRESS, rateLimitStore);
  const perUser = new RateLimiter(PER_USER, rateLimitStore);

  return new Hono<AuthEnv>()
    .post(ROUTES.login.path, validate('json', ROUTES.login.json), async (c) => {
      const { username, password } = c.req.valid('json');
      const address = clientAddress(c);
      const userKey = username.toLowerCase();
      const wait = Math.max(...(await Promise.all([perAddress.retryAfterSeconds(address), perUser.retryAfterSeconds(userKey)])));
      if (wait > 0)
        throw new ApiError(429, 'rate_limited', `too many sign-in attempts; try again in ${wait} s`, { retryAfterSeconds: wait }, {
          'Retry-After': String(wait),
        });
      await perAddress.hit(address);
      const user = await users.find(username);
      // Hash even for an unknown user, so the answer's timing does not reveal which usernames exist.
      const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !matches) {
        await perUser.hit(userKey);
        throw new ApiError(401, 'invalid_credentials', 'wrong username or password');
      }
      await perUser.reset(userKey);
      const issued = await tokens.issue(user.username, user.role);
      return c.json(tokenResponse(issued.token, issued.claims), 200);
    })
    .get(ROUTES.me.path, (c) => {
      const { sub, role, exp } = c.get('auth');
      return c.json({ user: { username: sub, role }, expiresAt: isoSeconds(exp) }, 200);
    })
    .post(ROUTES.embedToken.path, validate('json', ROUTES.embedToken.json), async (c) => {
      const caller = c.get('auth');
      if (caller.sub.startsWith(EMBED_PREFIX))
        throw new ApiError(403, 'forbidden', 'an embed token cannot mint further tokens; sign in as a manager');
      const { role, ttl } = c.req.valid('json');
      const issued = await tokens.issue(`${EMBED_PREFIX}${caller.sub}`, role, ttl);
      return c.json(tokenResponse(issued.token, issued.claims), 200);
    });
};

function tokenResponse(token: string, claims: Claims) {
  return { token, user: { username: claims.sub, role: claims.role }, expiresAt: isoSeconds(claims.exp) };
}

const isoSeconds = (s: number) => new Date(s * 1000).toISOString();

/** The peer's address. Behind a reverse proxy that is the proxy's; forwarded headers are not trusted (they are forgeable). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served by @hono/node-server, e.g. app.request() in a test
  }
}
