import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import { validate } from '../http/validate.js';
import type { DecisionEngine } from '../services/engine.js';

/** The engine's thresholds: configuration, so a change bumps their own version, never the data version. */
export const thresholdsRoutes = (engine: DecisionEngine) =>
  new Hono()
    .get(ROUTES.thresholds.path, async (c) => c.json(await engine.thresholdsResponse()))
    .put(ROUTES.updateThresholds.path, validate('json', ROUTES.updateThresholds.json), async (c) =>
      c.json(await engine.updateThresholds(c.req.valid('json'))),
    );
