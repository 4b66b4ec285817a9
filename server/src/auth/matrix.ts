import { ROLES, type Role, type RouteName } from '@retailmind/sdk/contract';

/** `public`: no token needed; otherwise the roles whose token may call the route. */
export type Access = 'public' | readonly Role[];

const ALL = ROLES;
const MANAGER_ANALYST = ['manager', 'analyst'] as const satisfies readonly Role[];
const MANAGER = ['manager'] as const satisfies readonly Role[];

/**
 * The role matrix: every route of the contract and who may call it. The one table the
 * `authorize` middleware enforces and the README documents. Keyed by the contract's route
 * names, so a route added to `ROUTES` without an entry here does not compile.
 */
export const ROLE_MATRIX = {
  health: 'public',
  openapi: 'public',
  login: 'public',
  me: ALL,
  meta: ALL,
  dashboardSummary: ALL,
  embedToken: MANAGER,
  ingest: MANAGER,
  anomalies: MANAGER_ANALYST,
  recommendations: MANAGER_ANALYST,
  campaignHealth: MANAGER_ANALYST,
  model: MANAGER_ANALYST,
  thresholds: MANAGER_ANALYST,
  updateThresholds: MANAGER,
  // Every role reads reports; leadership's is the executive one (see `reportAudience` in views.ts).
  report: ALL,
  export: MANAGER_ANALYST,
  // Budget moves are the manager's call; the curves behind them only serve that.
  budgetSimulate: MANAGER,
  budgetOptimize: MANAGER,
  responseCurves: MANAGER,
} as const satisfies Record<RouteName, Access>;

export function isPublic(route: RouteName): boolean {
  return ROLE_MATRIX[route] === 'public';
}

export function allows(route: RouteName, role: Role): boolean {
  const access: Access = ROLE_MATRIX[route];
  return access === 'public' || access.includes(role);
}

/** The roles a route's answer may reach (every role for a public route). */
export function rolesFor(route: RouteName): readonly Role[] {
  return ROLES.filter((role) => allows(route, role));
}
