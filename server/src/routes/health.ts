import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';

const startedAt = Date.now();

export const healthRoutes = () =>
  new Hono().get(ROUTES.health.path, (c) =>
    c.json({ status: 'ok' as const, uptimeSeconds: (Date.now() - startedAt) / 1000 }),
  );
