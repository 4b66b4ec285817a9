import type { Client } from '@libsql/client';
import { filterWhere, type Filter } from './queries.js';

/**
 * Reads for the decision engine, from the `campaign_day` rollup. Money comes back in micros
 * (exact integers); the engine turns it into currency units.
 */

export interface CampaignRow {
  id: string;
  name: string;
  channel: string;
  segment: string;
  startDate: string;
  endDate: string | null;
}

/**
 * Every campaign's row of one day, as columns (one entry per campaign with a row that day, in the
 * same order in every column). Money in micros.
 */
export interface CampaignDayBatch {
  date: string;
  campaignIds: string[];
  impressions: number[];
  clicks: number[];
  spendMicros: number[];
  transactions: number[];
  revenueMicros: number[];
}

/** What the engine reads: the dashboard's filter. */
export type CampaignScope = Filter;

export async function campaignList(db: Client): Promise<CampaignRow[]> {
  const result = await db.execute(
    'SELECT campaign_id, campaign_name, channel, segment, start_date, end_date FROM campaigns ORDER BY campaign_id',
  );
  return result.rows.map((r) => ({
    id: r['campaign_id'] as string,
    name: r['campaign_name'] as string,
    channel: r['channel'] as string,
    segment: r['segment'] as string,
    startDate: r['start_date'] as string,
    endDate: (r['end_date'] as string | null) ?? null,
  }));
}

/**
 * Every campaign-day in the scope, one batch per day in date order. Each day comes back as one row
 * of JSON arrays built in SQL, in the primary key's order (date, then campaign), so SQLite neither
 * sorts nor groups through a temporary table, and the driver's per-row cost and per-row objects
 * stay out of the engine's budget at scale: a few hundred rows instead of hundreds of thousands.
 */
export async function campaignDays(db: Client, scope: CampaignScope): Promise<CampaignDayBatch[]> {
  const { where, args } = filterWhere(scope);
  const result = await db.execute({
    sql: `SELECT date, json_group_array(campaign_id), json_group_array(impressions), json_group_array(clicks),
                 json_group_array(spend_micros), json_group_array(transactions), json_group_array(revenue_micros)
          FROM campaign_day WHERE ${where} GROUP BY date ORDER BY date`,
    args,
  });
  return result.rows.map((r) => ({
    date: r[0] as string,
    campaignIds: JSON.parse(r[1] as string) as string[],
    impressions: JSON.parse(r[2] as string) as number[],
    clicks: JSON.parse(r[3] as string) as number[],
    spendMicros: JSON.parse(r[4] as string) as number[],
    transactions: JSON.parse(r[5] as string) as number[],
    revenueMicros: JSON.parse(r[6] as string) as number[],
  }));
}

export interface CampaignTotals {
  campaignId: string;
  days: number;
  impressions: number;
  clicks: number;
  spendMicros: number;
  transactions: number;
  revenueMicros: number;
  /** The same sums over the days from `recentFrom` on, for trends. */
  recentClicks: number;
  recentTransactions: number;
}

/** Per-campaign sums over the scope, aggregated in SQL; `recentFrom` splits off the latest days. */
export async function campaignTotals(db: Client, scope: CampaignScope, recentFrom: string): Promise<CampaignTotals[]> {
  const { where, args } = filterWhere(scope);
  const result = await db.execute({
    sql: `SELECT campaign_id, count(*) AS days, sum(impressions), sum(clicks), sum(spend_micros), sum(transactions),
                 sum(revenue_micros),
                 sum(CASE WHEN date >= ? THEN clicks ELSE 0 END),
                 sum(CASE WHEN date >= ? THEN transactions ELSE 0 END)
          FROM campaign_day WHERE ${where} GROUP BY campaign_id ORDER BY campaign_id`,
    args: [recentFrom, recentFrom, ...args],
  });
  return result.rows.map((r) => ({
    campaignId: r[0] as string,
    days: Number(r[1]),
    impressions: Number(r[2]),
    clicks: Number(r[3]),
    spendMicros: Number(r[4]),
    transactions: Number(r[5]),
    revenueMicros: Number(r[6]),
    recentClicks: Number(r[7]),
    recentTransactions: Number(r[8]),
  }));
}

/** The data version and the thresholds version: together they key every cached engine result. */
export async function engineVersions(db: Client): Promise<{ data: number; thresholds: number }> {
  const result = await db.execute(
    `SELECT key, value FROM settings WHERE key IN ('data_version', 'thresholds_version')`,
  );
  const map = new Map(result.rows.map((r) => [r['key'] as string, Number(r['value'])]));
  return { data: map.get('data_version') ?? 0, thresholds: map.get('thresholds_version') ?? 0 };
}
