import type { Client, InValue } from '@libsql/client';

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

export interface CampaignDayRow {
  campaignId: string;
  date: string;
  impressions: number;
  clicks: number;
  spendMicros: number;
  transactions: number;
  revenueMicros: number;
}

export interface CampaignScope {
  from: string;
  to: string;
  channels?: string[] | undefined;
  segments?: string[] | undefined;
  campaigns?: string[] | undefined;
}

function scopeWhere(scope: CampaignScope, alias = '') {
  const where = [`${alias}date BETWEEN ? AND ?`];
  const args: InValue[] = [scope.from, scope.to];
  const list = (column: string, values: string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${alias}${column} IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(values));
  };
  list('channel', scope.channels);
  list('segment', scope.segments);
  list('campaign_id', scope.campaigns);
  return { where: where.join(' AND '), args };
}

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
 * Every campaign-day in the scope, by campaign then date. Each campaign's days come back as one
 * JSON array built in SQL: a few hundred rows instead of hundreds of thousands, which keeps the
 * driver's per-row cost out of the engine's budget at scale.
 */
export async function campaignDays(db: Client, scope: CampaignScope): Promise<CampaignDayRow[]> {
  const { where, args } = scopeWhere(scope);
  const result = await db.execute({
    sql: `SELECT campaign_id, json_group_array(json_array(date, impressions, clicks, spend_micros, transactions, revenue_micros)) AS days
          FROM (SELECT * FROM campaign_day WHERE ${where} ORDER BY campaign_id, date)
          GROUP BY campaign_id ORDER BY campaign_id`,
    args,
  });
  const rows: CampaignDayRow[] = [];
  for (const r of result.rows) {
    const campaignId = r[0] as string;
    const days = JSON.parse(r[1] as string) as Array<[string, number, number, number, number, number]>;
    // Group order follows the ordered subquery in SQLite; sorting again costs little and promises it.
    days.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [date, impressions, clicks, spendMicros, transactions, revenueMicros] of days)
      rows.push({ campaignId, date, impressions, clicks, spendMicros, transactions, revenueMicros });
  }
  return rows;
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
  const { where, args } = scopeWhere(scope);
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
