import { ROUTES, type RouteName, type RouteSpec } from '@retailmind/sdk/contract';
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

const BY_METHOD_AND_PATH = new Map<string, RouteName>(
  (Object.entries(ROUTES) as [RouteName, RouteSpec][]).map(([name, spec]) => [`${spec.method.toUpperCase()} ${spec.path}`, name]),
);

/** The contract's name for a registered route, if the contract has it. */
export function contractRouteName(method: string, path: string): RouteName | undefined {
  return BY_METHOD_AND_PATH.get(`${method.toUpperCase()} ${path}`);
}

/** Where the API's handlers live; the role matrix governs these paths and nothing else. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Which contract route a request is about to reach: its name, `'unlisted'` when an API handler the
 * contract does not name matched, or null when none matched (the answer will be a 404).
 * Middleware is registered for every method (`ALL`); handlers for one. Handlers registered outside
 * `/api` (the demo site's `GET /*`) can match an API request by wildcard but pass it on, so they
 * name nothing: counting them made every unknown `/api/…` a 403 instead of a 404.
 */
export function routeNameOf(c: Context): RouteName | 'unlisted' | null {
  for (const route of matchedRoutes(c)) {
    if (route.method === 'ALL' || !isApiPath(route.path)) continue;
    return contractRouteName(route.method, route.path) ?? 'unlisted';
  }
  return null;
}
