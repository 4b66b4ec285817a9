import { z } from 'zod';
import { IngestParams, IngestResponse } from './ingest.js';
import { HealthResponse, MetaResponse } from './meta.js';
import { PATHS, type RouteName } from './paths.js';
import { SummaryQuery, SummaryResponse } from './summary.js';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Media type of the request body, when the route takes one. */
  body?: { mediaType: string; description: string };
  response: z.ZodType;
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
} satisfies Record<RouteName, RouteSpec>;
