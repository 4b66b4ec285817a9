import type { Client, InValue } from '@libsql/client';

/** Filters every dashboard read accepts. Lists are OR-ed within a field and AND-ed across fields. */
export interface Filter {
  from: string;
  to: string;
  channels?: string[] | undefined;
  segments?: string[] | undefined;
  campaigns?: string[] | undefined;
}

/** Campaign activity summed over a group (a channel, a segment or a day). Money in micros. */
export interface ActivitySums {
  impressions: number;
  clicks: number;
  spendMicros: number;
  transactions: number;
  revenueMicros: number;
}

export interface ActivityBreakdown {
  byChannel: Map<string, ActivitySums>;
  bySegment: Map<string, ActivitySums>;
  byDate: Map<string, ActivitySums>;
}

function inList(column: string, values: string[] | undefined, where: string[], args: InValue[]) {
  if (!values || values.length === 0) return;
  where.push(`${column} IN (SELECT value FROM json_each(?))`);
  args.push(JSON.stringify(values));
}

/**
 * Where campaign activity is read from. Without a campaign filter: the `channel_segment_day`
 * rollup (days × channels × segments rows, whatever the campaign count); with one:
 * `campaign_day` for just those campaigns.
 */
function activityScope(filter: Filter) {
  const { where, args } = filterWhere(filter);
  const source = (filter.campaigns?.length ?? 0) > 0 ? 'campaign_day' : 'channel_segment_day';
  return { from: `${source} WHERE ${where}`, args };
}

/** The WHERE clause of a filter over a table with `date`, `channel`, `segment` and `campaign_id` columns. */
export function filterWhere(filter: Filter, alias = ''): { where: string; args: InValue[] } {
  const where = [`${alias}date BETWEEN ? AND ?`];
  const args: InValue[] = [filter.from, filter.to];
  inList(`${alias}channel`, filter.channels, where, args);
  inList(`${alias}segment`, filter.segments, where, args);
  inList(`${alias}campaign_id`, filter.campaigns, where, args);
  return { where: where.join(' AND '), args };
}

const SUMS = `sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend_micros) AS spend,
              sum(transactions) AS transactions, sum(revenue_micros) AS revenue`;

/**
 * Campaign activity by channel, by segment and by day, aggregated in SQL in one statement:
 * a few dozen rows cross the driver instead of one per day × channel × segment (each row it
 * hands back costs more than SQLite's whole GROUP BY).
 */
export async function activityBreakdown(db: Client, filter: Filter): Promise<ActivityBreakdown> {
  const scope = activityScope(filter);
  const result = await db.execute({
    sql: `SELECT 'channel' AS dim, channel AS name, ${SUMS} FROM ${scope.from} GROUP BY channel
          UNION ALL SELECT 'segment', segment, ${SUMS} FROM ${scope.from} GROUP BY segment
          UNION ALL SELECT 'date', date, ${SUMS} FROM ${scope.from} GROUP BY date`,
    args: [...scope.args, ...scope.args, ...scope.args],
  });
  const breakdown: ActivityBreakdown = { byChannel: new Map(), bySegment: new Map(), byDate: new Map() };
  const target = { channel: breakdown.byChannel, segment: breakdown.bySegment, date: breakdown.byDate };
  for (const r of result.rows) {
    target[r['dim'] as keyof typeof target].set(r['name'] as string, {
      impressions: Number(r['impressions']),
      clicks: Number(r['clicks']),
      spendMicros: Number(r['spend']),
      transactions: Number(r['transactions']),
      revenueMicros: Number(r['revenue']),
    });
  }
  return breakdown;
}

/** Attributed revenue over a range, in currency units (for growth against the previous period). */
export async function attributedRevenue(db: Client, filter: Filter): Promise<number> {
  const scope = activityScope(filter);
  const result = await db.execute({
    sql: `SELECT coalesce(sum(revenue_micros), 0) / 1e6 AS revenue FROM ${scope.from}`,
    args: scope.args,
  });
  return Number(result.rows[0]?.['revenue'] ?? 0);
}

export async function unattributedRevenue(db: Client, range: { from: string; to: string }): Promise<number> {
  const result = await db.execute({
    sql: 'SELECT coalesce(sum(revenue_micros), 0) / 1e6 AS revenue FROM unattributed_day WHERE date BETWEEN ? AND ?',
    args: [range.from, range.to],
  });
  return Number(result.rows[0]?.['revenue'] ?? 0);
}

export interface BudgetPeriod {
  start: string;
  end: string;
  channel: string;
  allocatedMicros: number;
}

/** Budget periods overlapping the range, for the given channels (all when none given). */
export async function budgetPeriods(db: Client, filter: Filter): Promise<BudgetPeriod[]> {
  const where = ['period_end >= ?', 'period_start <= ?'];
  const args: InValue[] = [filter.from, filter.to];
  inList('channel', filter.channels, where, args);
  const result = await db.execute({
    sql: `SELECT period_start, period_end, channel, allocated_micros FROM budgets WHERE ${where.join(' AND ')}`,
    args,
  });
  return result.rows.map((r) => ({
    start: r['period_start'] as string,
    end: r['period_end'] as string,
    channel: r['channel'] as string,
    allocatedMicros: Number(r['allocated_micros']),
  }));
}

export interface CustomerAggregate {
  segment: string;
  customers: number;
  repeatCustomers: number;
  orders: number;
  items: number;
}

/** Customer behaviour per segment; filtered by channel and segment (it is not kept per campaign). */
export async function customersBySegment(db: Client, filter: Filter): Promise<CustomerAggregate[]> {
  const where = ['date BETWEEN ? AND ?'];
  const args: InValue[] = [filter.from, filter.to];
  inList('channel', filter.channels, where, args);
  inList('segment', filter.segments, where, args);
  const result = await db.execute({
    sql: `SELECT segment, sum(customers) AS customers, sum(repeat_customers) AS repeat_customers,
                 sum(orders) AS orders, sum(items) AS items
          FROM customer_daily WHERE ${where.join(' AND ')} GROUP BY segment ORDER BY segment`,
    args,
  });
  return result.rows.map((r) => ({
    segment: r['segment'] as string,
    customers: Number(r['customers']),
    repeatCustomers: Number(r['repeat_customers']),
    orders: Number(r['orders']),
    items: Number(r['items']),
  }));
}

export interface Dimensions {
  channels: string[];
  segments: string[];
  campaignIds: string[];
  minDate: string | null;
  maxDate: string | null;
}

/** The names present in the data: what filters may name and what `GET /api/meta` lists. */
export async function dimensions(db: Client): Promise<Dimensions> {
  const [channels, segments, campaigns, range] = await db.batch(
    [
      `SELECT channel AS name FROM campaigns UNION SELECT channel FROM budgets
       UNION SELECT channel FROM customer_daily ORDER BY 1`,
      'SELECT segment AS name FROM campaigns UNION SELECT segment FROM customer_daily ORDER BY 1',
      'SELECT campaign_id FROM campaigns ORDER BY 1',
      `SELECT min(d) AS min, max(d) AS max FROM (
         SELECT min(date) AS d FROM campaign_day UNION ALL SELECT max(date) FROM campaign_day
         UNION ALL SELECT min(date) FROM unattributed_day UNION ALL SELECT max(date) FROM unattributed_day)`,
    ],
    'read',
  );
  return {
    channels: channels!.rows.map((r) => r['name'] as string),
    segments: segments!.rows.map((r) => r['name'] as string),
    campaignIds: campaigns!.rows.map((r) => r['campaign_id'] as string),
    minDate: (range!.rows[0]?.['min'] as string | null) ?? null,
    maxDate: (range!.rows[0]?.['max'] as string | null) ?? null,
  };
}
