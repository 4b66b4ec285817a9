import { figureKind, type ReportHighlight } from '@retailmind/sdk';
import { amount, count } from '../engine/format.js';

/**
 * How the report's writers and documents print the facts' numbers. Neutral formats, as in the
 * engine's explanations: money as a plain amount (`1,402.50`; the currency is the reader's to
 * know), percentages with one decimal, ratios (ROI, ROAS) with two. Signs are left to words
 * ("grew", "fell"), so these print sizes.
 */
export { amount, count };

/** A figure already in percent (`12.34` → `12.3%`). */
export const pct = (v: number, digits = 1) => `${Math.abs(v).toFixed(digits)}%`;

/** A ratio (`1.7034` → `1.70`). */
export const ratio = (v: number) => Math.abs(v).toFixed(2);

/** A ratio as a percentage (`1.7034` → `170.3%`). */
export const ratioPct = (v: number, digits = 1) => pct(100 * v, digits);

/** A ratio or rate for a table cell, signed, or an em dash when it is not defined. */
export const signedRatio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
export const signedPct = (v: number | null, digits = 1) => (v === null ? '—' : `${v.toFixed(digits)}%`);
export const money = (v: number | null) => (v === null ? '—' : amount(v));

/** A change with its sign always written: `+14.3%`, `-2.0%`. */
export const plusPct = (v: number, digits = 1) => `${v < 0 ? '-' : '+'}${pct(v, digits)}`;
/** The same for an amount: `+7,788.63`, `-20,154.37`. */
export const plusAmount = (v: number) => `${v < 0 ? '-' : '+'}${amount(Math.abs(v))}`;

/** `"grew 8.2%"` / `"fell 3.1%"` / `"held steady"` for a change in percent. */
export function change(v: number, up = 'grew', down = 'fell'): string {
  if (Math.abs(v) < 0.05) return 'held steady';
  return `${v > 0 ? up : down} ${pct(v)}`;
}

/** A campaign's name as quoted data in prose. */
export const quoted = (name: string) => `"${name}"`;

export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "a, b and c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A highlight as a line of a document: its label and its value, written by what its fact is. */
export function highlightLine(h: ReportHighlight): string {
  const v = h.value;
  const isChange = /change|uplift/i.test(h.metric);
  const value = (() => {
    switch (figureKind(h.metric)) {
      case 'percent':
        return isChange ? plusPct(v) : signedPct(v);
      case 'points':
        return `${v < 0 ? '-' : '+'}${(Math.abs(v) * 100).toFixed(1)} pts`;
      case 'fraction':
        return signedPct(100 * v);
      case 'multiple':
        return `${v.toFixed(2)}×`;
      case 'count':
        return count(v);
      case 'money':
        return amount(v);
    }
  })();
  return `${h.text}: ${value}`;
}
