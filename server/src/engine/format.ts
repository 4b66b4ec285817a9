/**
 * Numbers in explanations. Neutral formats only: money as a plain amount (the currency is the
 * client's to show), rates as percentages, so every figure can be traced back to the data.
 */

const amountFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const amount = (v: number) => amountFormat.format(v);
export const count = (v: number) => countFormat.format(v);

/** A rate as a percentage with enough digits to be meaningful (0.4 %, 12.3 %). */
export function percent(rate: number): string {
  const p = 100 * rate;
  const digits = Math.abs(p) < 10 ? 2 : 1;
  return `${p.toFixed(digits)}%`;
}

/** A ratio such as ROI or ROAS, two decimals. */
export const ratio = (v: number) => v.toFixed(2);

/** "3.4× the" for big rises, "45% above the" for small ones, "71% below the" for falls. */
export function changeAgainst(value: number, expected: number): string {
  if (expected <= 0) return 'against the';
  const r = value / expected;
  if (r >= 2) return `${r.toFixed(1)}× the`;
  if (r >= 1) return `${Math.round(100 * (r - 1))}% above the`;
  return `${Math.round(100 * (1 - r))}% below the`;
}

/** A metric's value in its own unit: clicks as a count, conversion rate as a percentage, money as an amount. */
export function metricValue(metric: string, v: number): string {
  return metric === 'clicks' ? count(v) : metric === 'conversionRate' ? percent(v) : amount(v);
}
