import type { Role, ROUTES, RouteName } from '@retailmind/sdk/contract';
import type { z } from 'zod';
import { ApiError } from '../http/errors.js';
import { allows } from './matrix.js';

/**
 * Role filtering, in one place for routes and live payloads. Three layers:
 * 1. the role matrix (`matrix.ts`) keeps whole routes, and the live topics bound to them, from a role;
 * 2. `refuseCampaignFilter` keeps campaign-level questions from roles that see only channels and segments;
 * 3. `viewAs` shapes a payload a role may receive; routes and the live layer both call it.
 */

/** Roles that see campaign-level data (campaign ids, names, per-campaign figures). Leadership does not. */
const CAMPAIGN_LEVEL: ReadonlySet<Role> = new Set<Role>(['manager', 'analyst']);

export function seesCampaigns(role: Role): boolean {
  return CAMPAIGN_LEVEL.has(role);
}

/** A query naming campaigns asks a campaign-level question; refused (403) for roles that do not see campaigns. */
export function refuseCampaignFilter(role: Role, query: URLSearchParams): void {
  if (!seesCampaigns(role) && query.has('campaign'))
    throw new ApiError(403, 'forbidden', `the ${role} role sees channels and segments, not single campaigns: drop the \`campaign\` filter`, {
      role,
      field: 'campaign',
    });
}

export type RoutePayload<R extends RouteName> = z.output<(typeof ROUTES)[R]['response']>;
type View<R extends RouteName> = (payload: RoutePayload<R>, role: Role) => RoutePayload<R>;

/**
 * Per-role shaping of a route's answer, for routes whose answer differs by role among the roles
 * the matrix admits (e.g. a report for an executive audience). Routes without an entry answer
 * every admitted role the same.
 */
const VIEWS: { [R in RouteName]?: View<R> } = {};

/** What `role` may see of `payload`, or null when the matrix keeps the route from that role. */
export function viewAs<R extends RouteName>(route: R, role: Role, payload: RoutePayload<R>): RoutePayload<R> | null {
  if (!allows(route, role)) return null;
  const view = VIEWS[route] as View<R> | undefined;
  return view ? view(payload, role) : payload;
}
