import { BudgetOptimizeBody, type BudgetOptimizeResponse, type BudgetSuggestionFact } from '@retailmind/sdk/contract';
import { CURRENT_DAYS, ROWS_PER_PARAMETER } from '../engine/budget/fit.js';
import { ApiError } from '../http/errors.js';
import type { BudgetService } from '../services/budget.js';
import { list } from './format.js';
import { pct } from './round.js';

/**
 * The budget optimizer's suggestion as a report fact: the budget service's own `optimize` (what
 * `POST /api/budget-optimize` answers) asked to split the current total spend anew over a horizon
 * as long as the report's period. When the curves cannot carry a suggestion (no channel fitted,
 * a single one, no spend to split), there is no fact and the warning says why: never a guess.
 */

/** Longest horizon the optimizer takes (the contract's limit on `days`). */
const MAX_DAYS = 365;
/**
 * A report suggests a step, not a leap: no channel moves more than this share of its current
 * spend, which keeps the advice near spend levels the curves have seen (bigger what-ifs are the
 * budget simulator's job).
 */
export const SUGGESTION_MAX_CHANGE_PCT = 30;

export type SuggestionResult = { suggestion: BudgetSuggestionFact; warning: null } | { suggestion: null; warning: string };

const absent = (why: string): SuggestionResult => ({ suggestion: null, warning: `no budget reallocation is suggested: ${why}` });

export async function budgetSuggestion(budget: BudgetService, periodDays: number): Promise<SuggestionResult> {
  const days = Math.min(Math.max(1, periodDays), MAX_DAYS);
  const fitted = await budget.fitted();
  const fits = [...fitted.fits.values()];
  const leftOut = [...fitted.unfitted.keys()];
  const thin = (names: string[]) => `${list(names)} ${names.length === 1 ? 'has' : 'have'} too few usable days for a response curve`;

  if (fits.length === 0) {
    if (!leftOut.length) return absent('there is no campaign data to fit a response curve to');
    const most = Math.max(...[...fitted.unfitted.values()].map((u) => u.usableDays));
    return absent(`no channel has the ${ROWS_PER_PARAMETER} usable days a response curve needs (the most any has is ${most})`);
  }
  if (fits.length === 1)
    return absent(`only ${fits[0]!.channel} has a response curve${leftOut.length ? ` (${thin(leftOut)})` : ''}, so there is no other channel to move budget to`);
  const total = fits.reduce((s, f) => s + f.currentDailySpend, 0) * days;
  if (!(total > 0)) return absent(`the channels spent nothing over the latest ${CURRENT_DAYS} days, so there is no budget to split`);

  const body = BudgetOptimizeBody.safeParse({ totalBudget: total, days, maxChangePct: SUGGESTION_MAX_CHANGE_PCT });
  if (!body.success) return absent(`the current spend is outside what the optimizer takes (${body.error.issues[0]?.message ?? 'invalid'})`);
  let r: BudgetOptimizeResponse;
  try {
    r = await budget.optimize(body.data);
  } catch (err) {
    // The optimizer's own refusals (4xx) become the reason; anything else is a bug and surfaces.
    if (err instanceof ApiError) return absent(err.message);
    throw err;
  }
  const suggestion: BudgetSuggestionFact = {
    days: r.days,
    runRateDays: CURRENT_DAYS,
    totalBudget: r.totalBudget,
    channels: r.allocations.map((a) => ({
      channel: a.channel,
      currentSpend: a.currentSpend,
      suggestedSpend: a.spend,
      change: a.change,
      changePct: pct(a.changePct),
      extrapolated: a.extrapolated,
    })),
    channelsLeftOut: leftOut,
    currentRevenue: r.current.projectedRevenue,
    suggestedRevenue: r.projection.projectedRevenue,
    suggestedRevenueLow: r.projection.low,
    suggestedRevenueHigh: r.projection.high,
    upliftRevenue: r.lift.revenue,
    upliftPct: pct(r.lift.revenuePct),
    currentRoi: r.current.projectedRoi,
    suggestedRoi: r.projection.projectedRoi,
  };
  if (!allFinite(suggestion)) return absent('the budget model gave no finite projection for this data');
  return { suggestion, warning: null };
}

/** Every number in the fact is finite (a NaN would reach JSON as null and the text as "NaN"). */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}
