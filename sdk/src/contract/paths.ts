/**
 * Route paths of the engine API. Kept free of zod so the browser client can import them
 * without pulling the schemas into the widgets' bundle.
 */
export const PATHS = {
  health: '/api/healthz',
  meta: '/api/meta',
  dashboardSummary: '/api/dashboard-summary',
  ingest: '/api/ingest/:kind',
  openapi: '/api/openapi.json',
} as const;
export type RouteName = keyof typeof PATHS;
