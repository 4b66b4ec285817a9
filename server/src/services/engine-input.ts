import type { Client } from '@libsql/client';
import type { CampaignSeries, DayPoint } from '../engine/types.js';
import { campaignDays, campaignList, type CampaignScope } from '../store/series.js';

const money = (micros: number) => micros / 1e6;

/** Every campaign's days in the scope, as the engine's typed series (campaigns without days left out). */
export async function loadSeries(db: Client, scope: CampaignScope): Promise<CampaignSeries[]> {
  const [campaigns, batches] = await Promise.all([campaignList(db), campaignDays(db, scope)]);
  const byId = new Map<string, DayPoint[]>();
  // Batches come in date order, so each campaign's days do too; one object per campaign-day.
  for (const b of batches) {
    for (let k = 0; k < b.campaignIds.length; k++) {
      const id = b.campaignIds[k]!;
      let days = byId.get(id);
      if (!days) byId.set(id, (days = []));
      days.push({
        date: b.date,
        impressions: b.impressions[k]!,
        clicks: b.clicks[k]!,
        spend: money(b.spendMicros[k]!),
        transactions: b.transactions[k]!,
        revenue: money(b.revenueMicros[k]!),
      });
    }
  }
  return campaigns.filter((c) => byId.has(c.id)).map((c) => ({ campaign: c, days: byId.get(c.id)! }));
}

/** The days of `series` within `scope` (campaigns left without days left out); days arrays already inside it are shared, not copied. */
export function sliceSeries(series: CampaignSeries[], scope: { from: string; to: string }): CampaignSeries[] {
  const out: CampaignSeries[] = [];
  for (const s of series) {
    const start = firstAfter(s.days, scope.from, true);
    const end = firstAfter(s.days, scope.to, false);
    if (end <= start) continue;
    out.push(start === 0 && end === s.days.length ? s : { campaign: s.campaign, days: s.days.slice(start, end) });
  }
  return out;
}

/** Index of the first day on or after `date` (`inclusive`) or after it; days are in date order. */
function firstAfter(days: DayPoint[], date: string, inclusive: boolean): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const d = days[mid]!.date;
    if (d < date || (!inclusive && d === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
