import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import type { DecisionEngine } from '../services/engine.js';

export const modelRoutes = (engine: DecisionEngine) => new Hono().get(ROUTES.model.path, async (c) => c.json(await engine.model()));
