import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import { validate } from '../http/validate.js';
import type { DecisionEngine } from '../services/engine.js';
import { resolveFilter } from '../services/filter.js';
import type { Store } from '../store/store.js';

export const recommendationsRoutes = (store: Store, engine: DecisionEngine) =>
  new Hono().get(ROUTES.recommendations.path, validate('query', ROUTES.recommendations.query), async (c) => {
    const filter = await resolveFilter(store, c.req.valid('query'));
    return c.json(await engine.recommendations(filter));
  });
