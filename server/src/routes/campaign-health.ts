import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import { validate } from '../http/validate.js';
import type { DecisionEngine } from '../services/engine.js';
import { resolveFilter } from '../services/filter.js';
import type { Store } from '../store/store.js';

export const campaignHealthRoutes = (store: Store, engine: DecisionEngine) =>
  new Hono().get(ROUTES.campaignHealth.path, validate('query', ROUTES.campaignHealth.query), async (c) => {
    const query = c.req.valid('query');
    // Health has its own window (the latest days of data); the filter only checks the names.
    const { channels, segments } = await resolveFilter(store, { channel: query.channel, segment: query.segment });
    return c.json(await engine.campaignHealth({ statuses: query.status, channels, segments }));
  });
