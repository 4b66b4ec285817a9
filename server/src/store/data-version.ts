import type { InStatement } from '@libsql/client';

/**
 * Statements that keep the rollups in step with the raw tables. They run inside the same
 * batch (one transaction) as the raw upsert they follow, so readers never see one without
 * the other. Money is integer micros, so the incremental updates below are exact.
 */

const MEASURES = ['impressions', 'clicks', 'spend_micros', 'transactions', 'revenue_micros'] as const;

/** `(campaign_id, date)` pairs from a JSON array of `[date, campaignId]`. */
const KEYS = `SELECT json_extract(value, '$[1]'), json_extract(value, '$[0]') FROM json_each(?)`;

function applyToChannelSegmentDay(sign: '+' | '-', keysJson: string): InStatement {
  const sums = MEASURES.map((m) => `${sign === '-' ? '-' : ''}sum(${m})`).join(', ');
  const updates = MEASURES.map((m) => `${m} = ${m} + excluded.${m}`).join(', ');
  return {
    sql: `INSERT INTO channel_segment_day (date, channel, segment, ${MEASURES.join(', ')})
          SELECT date, channel, segment, ${sums} FROM campaign_day
          WHERE (campaign_id, date) IN (${KEYS})
          GROUP BY date, channel, segment
          ON CONFLICT (date, channel, segment) DO UPDATE SET ${updates}`,
    args: [keysJson],
  };
}

/**
 * Rebuilds `campaign_day` for the given campaign-days from the raw tables and moves the
 * difference into `channel_segment_day`: subtract the old rows, rebuild, add the new rows.
 */
export function refreshCampaignDays(keys: Array<[date: string, campaignId: string]>): InStatement[] {
  if (keys.length === 0) return [];
  const keysJson = JSON.stringify(keys);
  return [
    applyToChannelSegmentDay('-', keysJson),
    { sql: `DELETE FROM campaign_day WHERE (campaign_id, date) IN (${KEYS})`, args: [keysJson] },
    {
      sql: `INSERT INTO campaign_day (date, campaign_id, channel, segment, ${MEASURES.join(', ')})
            SELECT date, campaign_id, channel, segment, impressions, clicks, spend_micros,
                   coalesce(transactions, 0), coalesce(revenue_micros, 0)
            FROM (
              SELECT k.date, k.campaign_id, c.channel, c.segment,
                     coalesce(d.impressions, 0) AS impressions, coalesce(d.clicks, 0) AS clicks,
                     coalesce(d.spend_micros, 0) AS spend_micros, d.date AS has_daily,
                     (SELECT sum(s.transactions) FROM sales_daily s
                       WHERE s.date = k.date AND s.campaign_id = k.campaign_id) AS transactions,
                     (SELECT sum(s.revenue_micros) FROM sales_daily s
                       WHERE s.date = k.date AND s.campaign_id = k.campaign_id) AS revenue_micros
              FROM (SELECT DISTINCT json_extract(value, '$[0]') AS date, json_extract(value, '$[1]') AS campaign_id
                    FROM json_each(?)) k
              JOIN campaigns c ON c.campaign_id = k.campaign_id
              LEFT JOIN campaign_daily d ON d.date = k.date AND d.campaign_id = k.campaign_id
            )
            WHERE has_daily IS NOT NULL OR transactions IS NOT NULL`,
      args: [keysJson],
    },
    applyToChannelSegmentDay('+', keysJson),
  ];
}

/** Recomputes unattributed revenue for whole days; a day holds only a handful of such rows. */
export function refreshUnattributedDays(dates: string[]): InStatement[] {
  if (dates.length === 0) return [];
  const datesJson = JSON.stringify(dates);
  return [
    { sql: 'DELETE FROM unattributed_day WHERE date IN (SELECT value FROM json_each(?))', args: [datesJson] },
    {
      sql: `INSERT INTO unattributed_day (date, transactions, revenue_micros)
            SELECT date, sum(transactions), sum(revenue_micros) FROM sales_daily
            WHERE campaign_id = '' AND date IN (SELECT value FROM json_each(?))
            GROUP BY date`,
      args: [datesJson],
    },
  ];
}

export const BUMP_DATA_VERSION: InStatement = {
  sql: `UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'`,
  args: [],
};
