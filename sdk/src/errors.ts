/**
 * Typed errors thrown by the RetailMind client, modelled on openai-node.
 *
 * ```text
 * RetailMindError
 * ├── APIError                      the server answered with a non-2xx status (or an unreadable 2xx body)
 * │   ├── BadRequestError           400
 * │   ├── AuthenticationError       401
 * │   ├── PermissionDeniedError     403
 * │   ├── NotFoundError             404
 * │   ├── PayloadTooLargeError      413
 * │   ├── UnprocessableEntityError  422
 * │   ├── RateLimitError            429
 * │   └── InternalServerError       >= 500
 * ├── APIConnectionError            no response: fetch threw (DNS, refused, reset, CORS, ...)
 * │   └── APIConnectionTimeoutError no response within the request's timeout
 * └── APIUserAbortError             the caller's AbortSignal aborted
 * ```
 *
 * This module is zod-free and has no runtime imports, so it is safe for browser bundles.
 */

/** Options shared by every {@link RetailMindError} constructor. */
export interface RetailMindErrorOptions {
  /** Machine-readable error code, e.g. `invalid_query` or `http_502`. */
  code: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Extra structured information, e.g. the zod issues of a rejected query. */
  details?: unknown;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** Base class of every error the client throws. Catch this to handle all of them. */
export class RetailMindError extends Error {
  override name = 'RetailMindError';
  /** HTTP status, when the server answered; `undefined` for connection errors, timeouts and aborts. */
  readonly status?: number;
  /** Machine-readable error code (the server's `error.code`, or one the client made up). */
  readonly code: string;
  /** Extra structured information from the server's `error.details`, if any. */
  readonly details?: unknown;

  constructor(message: string, options: RetailMindErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    if (options.status !== undefined) this.status = options.status;
    if (options.details !== undefined) this.details = options.details;
  }
}

/** Standard reason phrases, used when neither the body nor `statusText` says what went wrong (HTTP/2 has no status text). */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Does `body` have the API's error shape `{ error: { code, message, details? } }`? */
function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null) return false;
  const error: unknown = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}

/**
 * Parse a `Retry-After` header value: delay-seconds (`"120"`, decimals accepted) or an HTTP date.
 * Returns the delay in milliseconds (never negative), or `undefined` when absent or unparsable.
 */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The server answered with an error status. `code`, `message` and `details` come from its `{ error }` body. */
export class APIError extends RetailMindError {
  override name = 'APIError';
  /** HTTP status of the response. */
  declare readonly status: number;
  /** Response headers (e.g. `Retry-After`, `X-Request-Id`). */
  readonly headers: Headers;
  /** The response body as received: parsed JSON when it was JSON, else the text (or `undefined` when empty). */
  readonly body: unknown;

  constructor(status: number, body: unknown, headers?: HeadersInit, statusText?: string) {
    const parsed = isErrorBody(body) ? body.error : undefined;
    const message = parsed?.message ?? (statusText?.trim() || REASON_PHRASES[status] || `HTTP ${status}`);
    super(message, {
      code: parsed?.code ?? `http_${status}`,
      status,
      ...(parsed !== undefined && parsed.details !== undefined ? { details: parsed.details } : {}),
    });
    this.status = status;
    this.headers = new Headers(headers);
    this.body = body;
  }

  /**
   * Build the error for an HTTP status, picking the most specific subclass.
   *
   * @param status HTTP status of the response.
   * @param body The response body: parsed JSON if it was JSON, otherwise its text.
   * @param headers Response headers.
   * @param statusText Response status text, used as the message when the body is not `{ error: { code, message } }`.
   */
  static from(status: number, body: unknown, headers?: HeadersInit, statusText?: string): APIError {
    switch (status) {
      case 400:
        return new BadRequestError(status, body, headers, statusText);
      case 401:
        return new AuthenticationError(status, body, headers, statusText);
      case 403:
        return new PermissionDeniedError(status, body, headers, statusText);
      case 404:
        return new NotFoundError(status, body, headers, statusText);
      case 413:
        return new PayloadTooLargeError(status, body, headers, statusText);
      case 422:
        return new UnprocessableEntityError(status, body, headers, statusText);
      case 429:
        return new RateLimitError(status, body, headers, statusText);
      default:
        return status >= 500
          ? new InternalServerError(status, body, headers, statusText)
          : new APIError(status, body, headers, statusText);
    }
  }
}

/** 400: the request was malformed, e.g. a query parameter failed validation (`details` holds the issues). */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}

/** 401: missing or invalid credentials. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}

/** 403: the credentials are valid but not allowed to do this. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}

/** 404: no such route or resource (e.g. an unknown ingest kind). */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}

/** 413: the request body (e.g. an ingested CSV) is larger than the server accepts. */
export class PayloadTooLargeError extends APIError {
  override name = 'PayloadTooLargeError';
}

/** 422: the request was well-formed but its content was refused (e.g. a CSV with a wrong header). */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}

/** 429: too many requests. */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /** How long the server asked to wait, from its `Retry-After` header, in seconds; `undefined` if it did not say. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: unknown, headers?: HeadersInit, statusText?: string) {
    super(status, body, headers, statusText);
    const ms = parseRetryAfterMs(this.headers.get('retry-after'));
    this.retryAfterSeconds = ms === undefined ? undefined : ms / 1000;
  }
}

/** 5xx: the server failed. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** No response was received: `fetch` threw (network down, DNS, connection refused or reset, CORS, ...). */
export class APIConnectionError extends RetailMindError {
  override name = 'APIConnectionError';

  constructor(options: { message?: string; cause?: unknown; code?: string } = {}) {
    super(options.message ?? 'Connection error.', { code: options.code ?? 'connection_error', cause: options.cause });
  }
}

/** No response was received within the request's timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';

  constructor(options: { message?: string; cause?: unknown } = {}) {
    super({ message: options.message ?? 'Request timed out.', cause: options.cause, code: 'timeout' });
  }
}

/** The request was cancelled through the caller's `AbortSignal`. Never retried. */
export class APIUserAbortError extends RetailMindError {
  override name = 'APIUserAbortError';

  constructor(options: { message?: string; cause?: unknown } = {}) {
    super(options.message ?? 'Request was aborted.', { code: 'aborted', cause: options.cause });
  }
}
