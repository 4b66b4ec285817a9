import { csvField, formatCents } from './csv.js';
import { formatIsoDay } from './dates.js';
import type { World } from './model.js';
import { Rng } from './random.js';
import type { Store } from './simulate.js';

export interface BudgetTruth {
  period_start: string;
  period_end: string;
  channel: string;
  /** Planned spend of the channel's campaigns for the whole month (before daily noise and anomalies). */
  planned: number;
  /** allocated / planned: below 1 the channel will overspend its budget, above 1 underspend. */
  factor: number;
  allocated: number;
}

const PACING: [number, number] = [0.85, 1.25];

/**
 * One budget per channel per calendar month overlapping the range: the channel's planned spend
 * for the month (scaled to the whole month when the range covers only part of it) × a factor in
 * 0.85–1.25 (a per-channel level with a little monthly variation), rounded to 10.
 */
export function budgets(world: World, store: Store): { lines: string[]; truth: BudgetTruth[] } {
  const rng = Rng.stream(world.options.seed, 'budgets');
  const nM = store.months.length;
  const level = world.channels.map(() => rng.uniform(PACING[0], PACING[1]));
  const lines: string[] = [];
  const truth: BudgetTruth[] = [];
  for (const [m, month] of store.months.entries()) {
    const inRange = Math.min(month.end, world.lastDay) - Math.max(month.start, world.firstDay) + 1;
    const monthDays = month.end - month.start + 1;
    const start = formatIsoDay(month.start);
    const end = formatIsoDay(month.end);
    for (const [ch, channel] of world.channels.entries()) {
      const planned = (store.plannedSpend[ch * nM + m]! * monthDays) / inRange;
      const factor = Math.min(PACING[1], Math.max(PACING[0], level[ch]! * rng.uniform(0.96, 1.04)));
      const allocated = Math.round((planned * factor) / 10) * 10;
      lines.push(`${start},${end},${csvField(channel.name)},${formatCents(allocated * 100)}`);
      truth.push({
        period_start: start,
        period_end: end,
        channel: channel.name,
        planned: Math.round(planned * 100) / 100,
        factor: Math.round(factor * 1000) / 1000,
        allocated,
      });
    }
  }
  return { lines, truth };
}
