/** Calendar days as integers (days since 1970-01-01, UTC), so date arithmetic is exact. */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` to an epoch day, or null if it is not a real calendar date. */
export function parseIsoDay(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const ms = Date.parse(`${s}T00:00:00Z`);
  if (Number.isNaN(ms)) return null;
  const day = Math.round(ms / DAY_MS);
  return formatIsoDay(day) === s ? day : null;
}

export function formatIsoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day of week with Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayMon0(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The calendar months overlapping [first, last], each as its first and last epoch day. */
export function monthsOverlapping(first: number, last: number): { start: number; end: number }[] {
  const months: { start: number; end: number }[] = [];
  const d = new Date(first * DAY_MS);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  for (;;) {
    const start = Math.round(Date.UTC(y, m, 1) / DAY_MS);
    if (start > last) break;
    const end = Math.round(Date.UTC(y, m + 1, 1) / DAY_MS) - 1;
    months.push({ start, end });
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
  return months;
}
