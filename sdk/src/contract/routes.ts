import { z } from 'zod';
import { EmbedTokenBody, LoginBody, MeResponse, TokenResponse } from './auth.js';
import {
  BudgetOptimizeBody,
  BudgetOptimizeResponse,
  BudgetSimulateBody,
  BudgetSimulateResponse,
  ResponseCurvesQuery,
  ResponseCurvesResponse,
} from './budget.js';
import {
  AnomaliesQuery,
  AnomaliesResponse,
  CampaignHealthQuery,
  CampaignHealthResponse,
  ModelInfo,
  RecommendationsQuery,
  RecommendationsResponse,
  ThresholdsResponse,
  ThresholdsUpdate,
} from './engine.js';
import { IngestParams, IngestResponse } from './ingest.js';
import { HealthResponse, MetaResponse } from './meta.js';
import { PATHS, type RouteName } from './paths.js';
import { ExportQuery, ExportResponse, ReportQuery, ReportResponse } from './report.js';
import { SummaryQuery, SummaryResponse } from './summary.js';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Media type of the request body, when the route takes one. */
  body?: { mediaType: string; description: string };
  /** Schema of a JSON request body, when the route takes one. */
  json?: z.ZodType;
  response: z.ZodType;
  /**
   * Media types of the 200 answer when it is not (only) JSON, the default first: `application/json`
   * in the list is `response`'s schema; any other is a document (`response` then describes it as a string).
   */
  produces?: readonly string[];
  /** Extra statuses besides 200 and 400 that the route answers with. */
  errors?: number[];
}

/**
 * The one table of what the API serves: the server validates against these schemas,
 * the OpenAPI document is generated from them and the SDK's types are inferred from them.
 */
export const ROUTES = {
  health: { method: 'get', path: PATHS.health, summary: 'Liveness probe', response: HealthResponse },
  meta: {
    method: 'get',
    path: PATHS.meta,
    summary: 'Channels, segments, campaign count and date range present in the data',
    response: MetaResponse,
  },
  dashboardSummary: {
    method: 'get',
    path: PATHS.dashboardSummary,
    summary: 'Totals, per-channel, per-segment and daily figures for a date range and filters',
    query: SummaryQuery,
    response: SummaryResponse,
  },
  ingest: {
    method: 'post',
    path: PATHS.ingest,
    summary: 'Ingest one CSV file of the data contract; rows are validated and upserted on their key',
    params: IngestParams,
    body: { mediaType: 'text/csv', description: 'The CSV file, header row first' },
    response: IngestResponse,
    errors: [413, 422],
  },
  openapi: {
    method: 'get',
    path: PATHS.openapi,
    summary: 'This OpenAPI document',
    response: z.record(z.string(), z.unknown()),
  },
  login: {
    method: 'post',
    path: PATHS.login,
    summary: 'Exchange a username and password for a bearer token',
    json: LoginBody,
    response: TokenResponse,
    errors: [401, 429],
  },
  me: { method: 'get', path: PATHS.me, summary: 'Who the bearer token belongs to', response: MeResponse, errors: [401] },
  embedToken: {
    method: 'post',
    path: PATHS.embedToken,
    summary: 'Mint a short-lived token for a role, to embed widgets in a page (manager only)',
    json: EmbedTokenBody,
    response: TokenResponse,
    errors: [401, 403],
  },
  anomalies: {
    method: 'get',
    path: PATHS.anomalies,
    summary: 'Anomalies per campaign and metric in a date range, each explained with its numbers; highest score first',
    query: AnomaliesQuery,
    response: AnomaliesResponse,
  },
  recommendations: {
    method: 'get',
    path: PATHS.recommendations,
    summary: 'Pause, scale, alert and monitor recommendations from rules and the revenue model, sorted by expected value',
    query: RecommendationsQuery,
    response: RecommendationsResponse,
  },
  campaignHealth: {
    method: 'get',
    path: PATHS.campaignHealth,
    summary: 'Health score, status and reasons per campaign over the latest window',
    query: CampaignHealthQuery,
    response: CampaignHealthResponse,
  },
  model: {
    method: 'get',
    path: PATHS.model,
    summary: "The revenue model's description and its holdout quality against naive baselines",
    response: ModelInfo,
  },
  thresholds: {
    method: 'get',
    path: PATHS.thresholds,
    summary: "The decision engine's thresholds, with their defaults",
    response: ThresholdsResponse,
  },
  updateThresholds: {
    method: 'put',
    path: PATHS.updateThresholds,
    summary: 'Change some of the thresholds; the rest keep their values. Configuration, not data: the data version stays',
    json: ThresholdsUpdate,
    response: ThresholdsResponse,
  },
  report: {
    method: 'get',
    path: PATHS.report,
    summary:
      'A written report for an audience: narrative, highlights and recommendations from the facts, every number checked against them (OpenAI or the offline writer)',
    query: ReportQuery,
    response: ReportResponse,
    produces: ['application/json', 'text/markdown'],
  },
  export: {
    method: 'get',
    path: PATHS.export,
    summary: 'Download campaigns, channels, anomalies, recommendations or the report as CSV or PDF (manager and analyst)',
    query: ExportQuery,
    response: ExportResponse,
    produces: ['text/csv', 'application/pdf'],
  },
  budgetSimulate: {
    method: 'post',
    path: PATHS.budgetSimulate,
    summary:
      'What-if: projected revenue, band, ROI and marginal ROI per channel for a split of the budget over a horizon, against the current split (manager only)',
    json: BudgetSimulateBody,
    response: BudgetSimulateResponse,
  },
  budgetOptimize: {
    method: 'post',
    path: PATHS.budgetOptimize,
    summary:
      'The split of a budget (or of the budget that meets a target ROI or marginal ROI) that earns the most under the constraints, with its projection, lift and a plain recommendation (manager only)',
    json: BudgetOptimizeBody,
    response: BudgetOptimizeResponse,
  },
  responseCurves: {
    method: 'get',
    path: PATHS.responseCurves,
    summary: "Each channel's fitted response curve (parameters, draws, fit quality, data sufficiency) and sampled points, to project in the browser (manager only)",
    query: ResponseCurvesQuery,
    response: ResponseCurvesResponse,
  },
} satisfies Record<RouteName, RouteSpec>;
