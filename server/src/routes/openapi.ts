import { Hono } from 'hono';
import { ErrorBody, ROUTES, type RouteName, type RouteSpec } from '@retailmind/sdk/contract';
import { z } from 'zod';
import { ROLE_MATRIX } from '../auth/matrix.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input; the message names the field or row',
  401: 'Missing or invalid credentials',
  403: 'Not allowed for this role',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Nothing valid to store',
  429: 'Too many requests; see Retry-After',
  500: 'Unexpected server error',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
}

function parameters(schema: z.ZodType | undefined, location: 'query' | 'path') {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: location,
    required: location === 'path' || (s.required ?? []).includes(name),
    schema: prop,
    ...(location === 'query' ? { style: 'form', explode: true } : {}),
  }));
}

/** The 200 answer's media types: JSON by the response schema, documents (CSV, PDF, Markdown) as strings. */
function okContent(spec: RouteSpec) {
  const types = spec.produces ?? ['application/json'];
  return Object.fromEntries(
    types.map((type) => [
      type,
      { schema: type === 'application/json' ? jsonSchema(spec.response, 'output') : { type: 'string', ...(type === 'application/pdf' ? { format: 'binary' } : {}) } },
    ]),
  );
}

/** OpenAPI 3 document generated from the contract's route table: the same schemas the server validates with. */
export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorSchema = jsonSchema(ErrorBody, 'output');
  for (const [name, spec] of Object.entries(ROUTES) as [RouteName, RouteSpec][]) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const access = ROLE_MATRIX[name];
    const authErrors = access === 'public' ? [] : [401, 403];
    const errors = [...new Set([400, ...authErrors, ...(spec.errors ?? []), 500])].sort((a, b) => a - b);
    paths[path] = {
      ...paths[path],
      [spec.method]: {
        operationId: name,
        summary: spec.summary,
        ...(access === 'public' ? { security: [] } : { 'x-roles': access }),
        parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
        ...(spec.body
          ? {
              requestBody: {
                required: true,
                description: spec.body.description,
                content: { [spec.body.mediaType]: { schema: { type: 'string' } } },
              },
            }
          : {}),
        ...(spec.json
          ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.json, 'input') } } } }
          : {}),
        responses: {
          200: { description: 'OK', content: okContent(spec) },
          ...Object.fromEntries(
            errors.map((status) => [
              status,
              { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: errorSchema } } },
            ]),
          ),
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'RetailMind engine API', version: '0.1.0' },
    // Every route needs a bearer token unless its operation says `security: []`; `x-roles` lists who may call it.
    security: [{ bearerAuth: [] }],
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

export const openapiRoutes = () => {
  const document = buildOpenApi();
  return new Hono().get(ROUTES.openapi.path, (c) => c.json(document));
};
