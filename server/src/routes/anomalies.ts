import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import { validate } from '../http/validate.js';
import type { DecisionEngine } from '../services/engine.js';
import { resolveFilter } from '../services/filter.js';
import type { Store } from '../store/store.js';

export const anomaliesRoutes = (store: Store, engine: DecisionEngine) =>
  new Hono().get(ROUTES.anomalies.path, validate('query', ROUTES.anomalies.query), async (c) => {
    const query = c.req.valid('query');
    const filter = await resolveFilter(store, query);
    return c.json(await engine.anomalies({ ...filter, severities: query.severity }));
  });
