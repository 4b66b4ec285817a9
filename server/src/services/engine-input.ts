import type { Client } from '@libsql/client';
import type { CampaignSeries, DayPoint } from '../engine/types.js';
import { campaignDays, campaignList, type CampaignScope } from '../store/series.js';

const money = (micros: number) => micros / 1e6;

/** Every campaign's days in the scope, as the engine's typed series (campaigns without days left out). */
export async function loadSeries(db: Client, scope: CampaignScope): Promise<CampaignSeries[]> {
  const [campaigns, rows] = await Promise.all([campaignList(db), campaignDays(db, scope)]);
  const byId = new Map<string, DayPoint[]>();
  for (const r of rows) {
    let days = byId.get(r.campaignId);
    if (!days) byId.set(r.campaignId, (days = []));
    days.push({
      date: r.date,
      impressions: r.impressions,
      clicks: r.clicks,
      spend: money(r.spendMicros),
      transactions: r.transactions,
      revenue: money(r.revenueMicros),
    });
  }
  return campaigns.filter((c) => byId.has(c.id)).map((c) => ({ campaign: c, days: byId.get(c.id)! }));
}
