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
  login: '/api/auth/login',
  me: '/api/auth/me',
  embedToken: '/api/auth/embed-token',
  anomalies: '/api/anomalies',
  recommendations: '/api/recommendations',
  campaignHealth: '/api/campaign-health',
  model: '/api/model',
  thresholds: '/api/config/thresholds',
  updateThresholds: '/api/config/thresholds',
  report: '/api/report',
  export: '/api/export',
  budgetSimulate: '/api/budget-simulate',
  budgetOptimize: '/api/budget-optimize',
  responseCurves: '/api/response-curves',
} as const;
export type RouteName = keyof typeof PATHS;
