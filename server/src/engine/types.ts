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

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
