import type { ReportAudience, ReportFacts, Role, ROUTES, RouteName } from '@retailmind/sdk/contract';
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

/**
 * The audience of the report a role asks for: its own unless it names another. A role that does not
 * see campaigns gets only the executive (`leadership`) audience; asking for another is a 403.
 */
export function reportAudience(role: Role, requested: ReportAudience | undefined): ReportAudience {
  if (seesCampaigns(role)) return requested ?? role;
  if (requested && requested !== 'leadership')
    throw new ApiError(403, 'forbidden', `the ${role} role reads the executive report: drop \`audience\` or ask for \`leadership\``, {
      role,
      field: 'audience',
    });
  return 'leadership';
}

/**
 * The facts a report for `audience` is written from. An audience that does not see campaigns gets
 * channel-level aggregates only: no campaign names, ids or per-campaign anomalies and
 * recommendations, so no writer (and no model) is ever handed them.
 */
export function reportFactsFor(audience: ReportAudience, facts: ReportFacts): ReportFacts {
  if (seesCampaigns(audience)) return facts;
  return {
    ...facts,
    campaignLevel: false,
    anomalies: { ...facts.anomalies, top: [] },
    recommendations: { ...facts.recommendations, top: [] },
  };
}

export type RoutePayload<R extends RouteName> = z.output<(typeof ROUTES)[R]['response']>;
type View<R extends RouteName> = (payload: RoutePayload<R>, role: Role) => RoutePayload<R>;

/**
 * Per-role shaping of a route's answer, for routes whose answer differs by role among the roles
 * the matrix admits (e.g. a report for an executive audience). Routes without an entry answer
 * every admitted role the same.
 */
const VIEWS: { [R in RouteName]?: View<R> } = {
  // A report is written for its audience (facts narrowed by `reportFactsFor` before any writer sees
  // them, the audience chosen by `reportAudience`). Here, last: a role that does not see campaigns
  // never receives another audience's report (a bug if it were about to), and its facts are narrowed.
  report: (payload, role) => {
    if (seesCampaigns(role)) return payload;
    if (payload.audience !== undefined && payload.audience !== 'leadership')
      throw new Error(`a ${payload.audience} report was about to reach the ${role} role`);
    return payload.facts ? { ...payload, facts: reportFactsFor('leadership', payload.facts) } : payload;
  },
};

/** What `role` may see of `payload`, or null when the matrix keeps the route from that role. */
export function viewAs<R extends RouteName>(route: R, role: Role, payload: RoutePayload<R>): RoutePayload<R> | null {
  if (!allows(route, role)) return null;
  const view = VIEWS[route] as View<R> | undefined;
  return view ? view(payload, role) : payload;
}
