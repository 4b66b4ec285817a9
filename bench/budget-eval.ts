/**
 * Scores the budget simulator and optimizer against the generator's true response curves
 * (`truth.json`). Only this harness reads the truth; the server never does.
 *
 * Truth is per channel (the generator splits a channel's revenue over its campaigns), so both sides
 * are compared per channel, over the same horizon, at a steady daily spend (adstock in its steady
 * state, weekday effects averaging out): true revenue = days · β · hill(spend / days; K, S).
 */
import { projectAllocation, projectSpend, type ResponseCurve } from '@retailmind/sdk';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, writeDataset } from '../data/generate.js';
import { allocate, value, type CurveParams } from '../server/src/engine/budget/optimize.js';
import { Random } from '../server/src/engine/budget/random.js';
import { BudgetService } from '../server/src/services/budget.js';
import { DecisionEngine } from '../server/src/services/engine.js';
import { openDatabase } from '../server/src/store/db.js';
import { ingestPath } from '../server/src/store/ingest/directory.js';
import { Store } from '../server/src/store/store.js';

export const BUDGET_DAYS = 30;
/** The allocations checked: each channel's spend scaled by a factor in [1 − 0.3, 1 + 0.3] of its historical spend. */
export const SPREAD = 0.3;
const SCALES = [0.7, 0.85, 1, 1.15, 1.3];
const RANDOM_ALLOCATIONS = 200;

export interface BudgetEvalResult {
  name: string;
  channels: number;
  /** Allocations within ±30 % per channel: the largest and mean |projected − true| / true of the total. */
  allocationErrorMax: number;
  allocationErrorMean: number;
  /** The same per channel, at 0.7, 0.85, 1, 1.15 and 1.3 × its historical spend. */
  channelErrorMax: number;
  channelWithin10Pct: number;
  /** Share of those channel points whose band holds the true revenue. */
  bandCoverage: number;
  /** The optimizer's allocation at the historical total budget, in true revenue, over the true optimum's. */
  optimizerShare: number;
  /** The historical split's true revenue over the true optimum's (what there was to gain). */
  historicalShare: number;
  fitMs: number;
}

interface TrueChannel extends CurveParams {
  name: string;
}

function readTruthCurves(dir: string): TrueChannel[] {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { channels: TrueChannel[] };
  return truth.channels.map((c) => ({ name: c.name, K: c.K, S: c.S, beta: c.beta }));
}

const trueRevenue = (c: CurveParams, spend: number, days: number) => days * value(c, spend / days);

/**
 * The true optimum of `budget` (daily) on the true curves: the optimizer under test on the truth,
 * then an independent check, pairwise transfers between channels from several starts; the best wins.
 */
export function trueOptimum(curves: CurveParams[], budget: number, starts: number[][]): number {
  const bounded = curves.map((curve) => ({ curve, lo: 0, hi: Infinity }));
  const total = (x: number[]) => x.reduce((s, v, i) => s + value(curves[i]!, v), 0);
  let best = total(allocate(bounded, budget).x);
  const n = curves.length;
  for (const start of [...starts, curves.map(() => budget / n)]) {
    const x = start.map((v) => (v * budget) / start.reduce((a, b) => a + b, 0));
    let f = total(x);
    for (let delta = budget / 4; delta > budget * 1e-7; delta /= 2) {
      let improved = true;
      while (improved) {
        improved = false;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            if (i === j || x[i]! < delta) continue;
            x[i] = x[i]! - delta;
            x[j] = x[j]! + delta;
            const g = total(x);
            if (g > f + 1e-12 * f) {
              f = g;
              improved = true;
            } else {
              x[i] = x[i]! + delta;
              x[j] = x[j]! - delta;
            }
          }
      }
    }
    best = Math.max(best, f);
  }
  return best;
}

/** Ingests `dir` into a fresh in-memory store, fits the curves and scores them against its truth.json. */
export async function evaluateBudgetDir(name: string, dir: string): Promise<BudgetEvalResult> {
  const store = new Store(await openDatabase(':memory:'));
  try {
    await ingestPath(store, dir);
    const service = new BudgetService(store, new DecisionEngine(store));
    const fitted = await service.fitted();
    const truth = new Map(readTruthCurves(dir).map((c) => [c.name, c]));
    const fits = [...fitted.fits.values()].filter((f) => truth.has(f.channel));
    const days = BUDGET_DAYS;
    const historical = fits.map((f) => f.currentDailySpend * days);

    let channelErrorMax = 0;
    let within = 0;
    let covered = 0;
    let points = 0;
    fits.forEach((f, i) => {
      const t = truth.get(f.channel)!;
      for (const k of SCALES) {
        const spend = historical[i]! * k;
        const p = projectSpend(f.curve, spend, days);
        const r = trueRevenue(t, spend, days);
        const err = Math.abs(p.revenue / r - 1);
        channelErrorMax = Math.max(channelErrorMax, err);
        if (err <= 0.1) within++;
        if (r >= p.low && r <= p.high) covered++;
        points++;
      }
    });

    const rng = new Random(20261031);
    const curves = new Map<string, ResponseCurve>(fits.map((f) => [f.channel, f.curve]));
    let allocationErrorMax = 0;
    let allocationErrorSum = 0;
    for (let a = 0; a < RANDOM_ALLOCATIONS; a++) {
      const allocation = fits.map((f, i) => ({ channel: f.channel, spend: historical[i]! * (1 - SPREAD + 2 * SPREAD * rng.next()) }));
      const projected = projectAllocation(curves, allocation, days).total.revenue;
      const actual = allocation.reduce((s, x) => s + trueRevenue(truth.get(x.channel)!, x.spend, days), 0);
      const err = Math.abs(projected / actual - 1);
      allocationErrorMax = Math.max(allocationErrorMax, err);
      allocationErrorSum += err;
    }

    const totalBudget = historical.reduce((a, b) => a + b, 0);
    const answer = await service.optimize({ totalBudget, days });
    const earned = answer.allocations.reduce((s, a) => s + trueRevenue(truth.get(a.channel)!, a.spend, days), 0);
    const trueCurves = fits.map((f) => truth.get(f.channel)!);
    const optimum =
      days *
      trueOptimum(
        trueCurves,
        totalBudget / days,
        [historical.map((h) => h / days), answer.allocations.map((a) => a.spend / days)],
      );
    const historicalRevenue = fits.reduce((s, f, i) => s + trueRevenue(truth.get(f.channel)!, historical[i]!, days), 0);
    return {
      name,
      channels: fits.length,
      allocationErrorMax,
      allocationErrorMean: allocationErrorSum / RANDOM_ALLOCATIONS,
      channelErrorMax,
      channelWithin10Pct: within / points,
      bandCoverage: covered / points,
      optimizerShare: earned / optimum,
      historicalShare: historicalRevenue / optimum,
      fitMs: fitted.fitMs,
    };
  } finally {
    store.close();
  }
}

/** Generates `seed` with the generator's defaults into a temporary directory, scores it, and removes it. */
export async function evaluateBudgetSeed(seed: number, options: Parameters<typeof generateDataset>[0] = {}): Promise<BudgetEvalResult> {
  const dir = mkdtempSync(join(tmpdir(), `rm-budget-eval-${seed}-`));
  try {
    writeDataset(dir, generateDataset({ ...options, seed }));
    return await evaluateBudgetDir(`seed ${seed}`, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
