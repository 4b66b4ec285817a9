import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An independent recomputation of the dashboard figures straight from the contract CSVs, in
 * plain JavaScript with no code shared with the server, to check the server against.
 */
type Rec = Record<string, string>;
const read = (dir: string, name: string): Rec[] =>
  parse(readFileSync(join(dir, `${name}.csv`), 'utf8'), { columns: true, skip_empty_lines: true, bom: true });

export interface Expected {
  revenue: number;
  unattributedRevenue: number;
  spend: number;
  clicks: number;
  impressions: number;
  transactions: number;
  byChannel: Map<string, { revenue: number; spend: number }>;
  budgetAllocated: number;
}

export function loadDataset(dir: string) {
  return {
    campaigns: read(dir, 'campaigns'),
    daily: read(dir, 'campaign_daily'),
    sales: read(dir, 'sales_daily'),
    budgets: read(dir, 'budgets'),
  };
}

export function recompute(
  data: ReturnType<typeof loadDataset>,
  filter: { from: string; to: string; channels?: string[]; segments?: string[] },
): Expected {
  const campaign = new Map(data.campaigns.map((c) => [c['campaign_id']!, c]));
  const inScope = (id: string) => {
    const c = campaign.get(id);
    if (!c) return false;
    if (filter.channels && !filter.channels.includes(c['channel']!)) return false;
    if (filter.segments && !filter.segments.includes(c['segment']!)) return false;
    return true;
  };
  const inRange = (d: string) => d >= filter.from && d <= filter.to;
  const e: Expected = {
    revenue: 0,
    unattributedRevenue: 0,
    spend: 0,
    clicks: 0,
    impressions: 0,
    transactions: 0,
    byChannel: new Map(),
    budgetAllocated: 0,
  };
  const channelOf = (id: string) => {
    const ch = campaign.get(id)!['channel']!;
    if (!e.byChannel.has(ch)) e.byChannel.set(ch, { revenue: 0, spend: 0 });
    return e.byChannel.get(ch)!;
  };
  for (const r of data.daily) {
    if (!inRange(r['date']!) || !inScope(r['campaign_id']!)) continue;
    e.spend += Number(r['spend']);
    e.clicks += Number(r['clicks']);
    e.impressions += Number(r['impressions']);
    channelOf(r['campaign_id']!).spend += Number(r['spend']);
  }
  for (const r of data.sales) {
    if (!inRange(r['date']!)) continue;
    if (r['campaign_id'] === '') {
      e.unattributedRevenue += Number(r['revenue']);
      continue;
    }
    if (!inScope(r['campaign_id']!)) continue;
    e.revenue += Number(r['revenue']);
    e.transactions += Number(r['transactions']);
    channelOf(r['campaign_id']!).revenue += Number(r['revenue']);
  }
  const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
  for (const b of data.budgets) {
    if (filter.channels && !filter.channels.includes(b['channel']!)) continue;
    const start = Math.max(day(b['period_start']!), day(filter.from));
    const end = Math.min(day(b['period_end']!), day(filter.to));
    if (end < start) continue;
    e.budgetAllocated += (Number(b['allocated']) * (end - start + 1)) / (day(b['period_end']!) - day(b['period_start']!) + 1);
  }
  return e;
}
