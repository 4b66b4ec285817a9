import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import type { Store } from '../store/store.js';

export const metaRoutes = (store: Store) =>
  new Hono().get(ROUTES.meta.path, async (c) => {
    const d = await store.dimensions();
    return c.json({
      channels: d.channels,
      segments: d.segments,
      campaignCount: d.campaignIds.length,
      dateRange: { min: d.minDate, max: d.maxDate },
      dataVersion: d.dataVersion,
    });
  });
