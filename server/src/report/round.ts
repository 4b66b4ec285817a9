/** How the facts round, once: money to cents, ratios to 4 decimals, percentages to 2. */
export const money = (v: number) => Math.round(v * 100) / 100;
export const ratio = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);
export const pct = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
