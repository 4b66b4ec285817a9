import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An error the API answers with its own status and the contract's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Headers the answer carries, e.g. `Retry-After` on a 429 or `WWW-Authenticate` on a 401. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns zod issues into a 400 that names the field at fault. */
export function validationError(where: 'query' | 'param' | 'json', issues: z.core.$ZodIssue[]): ApiError {
  const fields = issues.map((i) => ({ field: i.path.join('.') || where, message: i.message }));
  const first = fields[0];
  const message = first ? `${where} parameter \`${first.field}\`: ${first.message}` : `invalid ${where}`;
  return new ApiError(400, `invalid_${where}`, message, { fields });
}
