/**
 * What kind of figure a report fact is, from its path (`totals.roi`,
 * `channels.Social.revenueChangePct`, `budgetSuggestion.upliftPct`, …), so that the widgets and
 * the server's documents write a highlight's value the same way.
 */
export type FigureKind = 'money' | 'percent' | 'points' | 'fraction' | 'multiple' | 'count';

const FRACTIONS = new Set(['roi', 'previousRoi', 'roiAfter', 'currentRoi', 'suggestedRoi', 'conversionRate', 'ctr']);
const MULTIPLES = new Set(['roas']);
const COUNTS = new Set(['count', 'high', 'medium', 'low', 'transactions', 'clicks', 'impressions', 'campaigns', 'days', 'anomalyCount']);

export function figureKind(factPath: string): FigureKind {
  const key = factPath.split('.').at(-1) ?? '';
  if (/Pct$/.test(key)) return 'percent';
  if (key === 'roiChange') return 'points'; // a change of a ratio, in ratio units
  if (FRACTIONS.has(key)) return 'fraction';
  if (MULTIPLES.has(key)) return 'multiple';
  if (COUNTS.has(key)) return 'count';
  return 'money';
}
