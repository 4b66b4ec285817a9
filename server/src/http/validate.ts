import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { validationError } from './errors.js';

/** `zValidator` whose failures become the API's one error shape, naming the field. */
export const validate = <T extends z.ZodType, W extends 'query' | 'param' | 'json'>(where: W, schema: T) =>
  zValidator(where, schema, (result) => {
    if (!result.success) throw validationError(where, result.error.issues);
  });
