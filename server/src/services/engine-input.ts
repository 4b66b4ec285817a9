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
