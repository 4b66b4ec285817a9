import { describe, expect, it } from 'vitest';
import { BudgetOptimizeResponse, BudgetSimulateResponse, ResponseCurvesResponse } from '../contract/index.js';
import { projectAllocation } from '../curves.js';
import { syntheticCurves, syntheticOptimize, syntheticSimulate } from './synthetic-budget.js';

describe('the fake transport\'s budget answers', () => {
  it('are what the contract says the routes answer', () => {
    const curves = ResponseCurvesResponse.parse(syntheticCurves());
    const allocations = curves.channels.map((c) => ({ channel: c.channel, spend: c.currentSpend * 1.5 }));
    expect(BudgetSimulateResponse.safeParse(syntheticSimulate({ allocations }).body).success).toBe(true);
    expect(BudgetOptimizeResponse.safeParse(syntheticOptimize({ totalBudget: 10_000 }).body).success).toBe(true);
  });

  it('project as a client projects from the curves it serves', () => {
    const curves = syntheticCurves();
    const allocation = curves.channels.map((c) => ({ channel: c.channel, spend: c.currentSpend * 0.8 }));
    const local = projectAllocation(new Map(curves.channels.map((c) => [c.channel, c.curve])), allocation, curves.days);
    const served = BudgetSimulateResponse.parse(syntheticSimulate({ allocations: allocation }).body);
    expect(served.totals.projectedRevenue).toBe(local.total.revenue);
    expect(served.totals.low).toBe(local.total.low);
  });

  it('refuses a channel without a curve', () => {
    expect(syntheticSimulate({ allocations: [{ channel: 'Carrier pigeon', spend: 1 }] }).status).toBe(400);
  });
});
