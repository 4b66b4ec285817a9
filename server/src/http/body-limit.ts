import { ROUTES } from '@retailmind/sdk/contract';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.js';
import { routeNameOf } from './route-name.js';

/**
 * Caps request bodies on every route at `maxBytes`, as a JSON 413. Routes that take a streamed
 * upload (a `body` in the contract, e.g. ingest's CSV) enforce their own, larger limit while streaming.
 */
export function limitBodies(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `the request body is larger than the ${maxBytes}-byte limit`, { limitBytes: maxBytes });
    },
  });
  return (c, next) => {
    const route = routeNameOf(c);
    if (route && route !== 'unlisted' && 'body' in ROUTES[route]) return next();
    return limit(c, next);
  };
}
