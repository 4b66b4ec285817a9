import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import { validate } from '../http/validate.js';
import { dashboardSummary } from '../services/dashboard-summary.js';
import { resolveFilter } from '../services/filter.js';
import type { Store } from '../store/store.js';

export const dashboardSummaryRoutes = (store: Store) =>
  new Hono().get(ROUTES.dashboardSummary.path, validate('query', ROUTES.dashboardSummary.query), async (c) => {
    const filter = await resolveFilter(store, c.req.valid('query'));
    return c.json(await dashboardSummary(store, filter));
  });
