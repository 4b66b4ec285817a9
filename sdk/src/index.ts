/**
 * `@retailmind/sdk`: the typed client of the RetailMind engine API.
 *
 * This entry point is zod-free at runtime: it re-exports the contract's *types* only.
 * Import the zod schemas themselves from `@retailmind/sdk/contract`.
 *
 * @packageDocumentation
 */
export { createClient } from './client.js';
export type {
  ClientOptions,
  FetchLike,
  IngestBody,
  OpenApiDocument,
  RequestOptions,
  RetailMindClient,
  TokenProvider,
} from './client.js';
export type { LiveClient, LiveHandler } from './live.js';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  RetailMindError,
  UnprocessableEntityError,
} from './errors.js';
export type { RetailMindErrorOptions } from './errors.js';
export { figureKind, type FigureKind } from './figures.js';
export {
  adstock,
  BAND_Z,
  dailyRevenue,
  EXTRAPOLATION_SD_PER_LOG,
  extrapolationDistance,
  hill,
  hillSlope,
  marginalDailyRevenue,
  projectAllocation,
  projectSpend,
} from './curves.js';
export type { AllocationProjection, ChannelSpend, CurveDraw, Projection, ResponseCurve } from './curves.js';
export type * from './contract/index.js';
