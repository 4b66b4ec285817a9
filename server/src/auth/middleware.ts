import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.js';
import { routeNameOf } from '../http/route-name.js';
import type { AuthEnv } from './context.js';
import { allows, isPublic } from './matrix.js';
import { bearerToken, type TokenService } from './tokens.js';
import { refuseCampaignFilter } from './views.js';

/**
 * Enforces the role matrix on every route: public routes pass, others need a valid bearer token
 * (401 otherwise) whose role the matrix admits (403 otherwise). A handler the contract does not
 * name is refused: a route cannot become reachable by being forgotten in the matrix.
 */
export function authorize(tokens: TokenService): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const route = routeNameOf(c);
    if (route === null) return next();
    if (route === 'unlisted')
      throw new ApiError(403, 'forbidden', `${c.req.method} ${c.req.path} is not in the role matrix`);
    if (isPublic(route)) return next();

    const token = bearerToken(c.req.header('authorization'));
    if (!token)
      throw new ApiError(401, 'unauthenticated', 'this route needs a bearer token: Authorization: Bearer <token>', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    const claims = await tokens.verify(token);
    if (!allows(route, claims.role))
      throw new ApiError(403, 'forbidden', `the ${claims.role} role may not use ${route}`, { role: claims.role, route });
    refuseCampaignFilter(claims.role, new URL(c.req.url).searchParams);
    c.set('auth', claims);
    return next();
  };
}
