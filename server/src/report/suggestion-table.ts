import type { BudgetSuggestionFact } from '@retailmind/sdk/contract';
import { amount, list, plural, plusAmount, plusPct, signedRatio } from './format.js';

/**
 * The budget optimizer's suggestion as a table, for the Markdown and PDF documents: one row per
 * channel (current and suggested spend, the change) and a line with the projection. Cells are
 * plain text; each document escapes them its own way.
 */
export interface SuggestionTable {
  title: string;
  columns: readonly string[];
  rows: string[][];
  /** The projection, and what the table leaves out, in sentences. */
  notes: string[];
}

const EXTRAPOLATED = 'outside its range';

export const SUGGESTION_COLUMNS = ['Channel', 'Current spend', 'Suggested spend', 'Change', 'Change %', 'Note'] as const;

export function suggestionTable(s: BudgetSuggestionFact): SuggestionTable {
  const rows = s.channels.map((c) => [
    c.channel,
    amount(c.currentSpend),
    amount(c.suggestedSpend),
    plusAmount(c.change),
    c.changePct === null ? '—' : plusPct(c.changePct),
    c.extrapolated ? EXTRAPOLATED : '',
  ]);
  const roi = s.currentRoi !== null && s.suggestedRoi !== null ? `; ROI ${signedRatio(s.currentRoi)} now, ${signedRatio(s.suggestedRoi)} with the suggestion` : '';
  const lift = `${plusAmount(s.upliftRevenue)}${s.upliftPct === null ? '' : ` (${plusPct(s.upliftPct)})`}`;
  const notes = [
    `Projected revenue over the next ${plural(s.days, 'day')}: ${amount(s.suggestedRevenue)} with the suggestion (range ${amount(s.suggestedRevenueLow)} to ` +
      `${amount(s.suggestedRevenueHigh)}) against ${amount(s.currentRevenue)} with the current split, ${lift}${roi}. ` +
      `Current spend is each channel's rate over the latest ${plural(s.runRateDays, 'day')}.`,
  ];
  if (s.channels.some((c) => c.extrapolated))
    notes.push(`"${EXTRAPOLATED}": a daily spend the channel has not run at, so its projection is a rough guess.`);
  if (s.channelsLeftOut.length) notes.push(`Left out (too little data for a response curve): ${list(s.channelsLeftOut)}.`);
  return { title: `Budget optimizer's suggestion: the same ${amount(s.totalBudget)}, split anew`, columns: SUGGESTION_COLUMNS, rows, notes };
}
