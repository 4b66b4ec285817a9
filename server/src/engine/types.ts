/** The engine's inputs: campaign metadata and one campaign's days, money in currency units. */

export interface CampaignInfo {
  id: string;
  name: string;
  channel: string;
  segment: string;
  startDate: string;
  /** Null while the campaign runs on. */
  endDate: string | null;
}

export interface DayPoint {
  date: string;
  impressions: number;
  clicks: number;
  spend: number;
  transactions: number;
  revenue: number;
}

/** One campaign's days in date order (days without activity are simply absent). Sales can
 * trail a campaign's end date (carry-over); those days are in `days` too. */
export interface CampaignSeries {
  campaign: CampaignInfo;
  days: DayPoint[];
}

/** Day of the week of an ISO date, 0 = Sunday, computed in UTC so no time zone moves it. */
export function weekday(date: string): number {
  let wd = weekdays.get(date);
  if (wd === undefined) {
    wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    // Dates repeat across campaigns and metrics; parsing each once matters at 1,000 campaigns.
    if (weekdays.size > 100_000) weekdays.clear();
    weekdays.set(date, wd);
  }
  return wd;
}
const weekdays = new Map<string, number>();

/** Days since 1970-01-01 of an ISO date (UTC), cached like `weekday`: positions in time without string keys. */
export function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}
const dayNumbers = new Map<string, number>();

/** `dayNumber` of each of a series' days, computed once per days array (every metric and model pass shares it). */
export function dayNumbersOf(days: readonly DayPoint[]): Int32Array {
  let out = dayNumberArrays.get(days);
  if (!out) {
    out = new Int32Array(days.length);
    for (let i = 0; i < days.length; i++) out[i] = dayNumber(days[i]!.date);
    dayNumberArrays.set(days, out);
  }
  return out;
}
const dayNumberArrays = new WeakMap<readonly DayPoint[], Int32Array>();

/** Day of the week (0 = Sunday) of a `dayNumber`: 1970-01-01 was a Thursday. */
export function weekdayOf(dayNo: number): number {
  return (((dayNo + 4) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
