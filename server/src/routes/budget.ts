import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import { validate } from '../http/validate.js';
import type { BudgetService } from '../services/budget.js';

/** The budget simulator and optimizer, and the response curves behind them (manager only, see auth/matrix.ts). */
export const budgetRoutes = (budget: BudgetService) =>
  new Hono()
    .post(ROUTES.budgetSimulate.path, validate('json', ROUTES.budgetSimulate.json), async (c) =>
      c.json(await budget.simulate(c.req.valid('json'))),
    )
    .post(ROUTES.budgetOptimize.path, validate('json', ROUTES.budgetOptimize.json), async (c) =>
      c.json(await budget.optimize(c.req.valid('json'))),
    )
    .get(ROUTES.responseCurves.path, validate('query', ROUTES.responseCurves.query), async (c) =>
      c.json(await budget.responseCurves(c.req.valid('query'))),
    );
