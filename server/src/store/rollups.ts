import type { Client, InStatement } from '@libsql/client';
import type { IngestKind } from '@retailmind/sdk/contract';
import { BUMP_DATA_VERSION } from './data-version.js';

/**
 * Rollup maintenance. Each ingest batch marks the days it touched in `rollup_pending`, in the
 * batch's own transaction; when the file is done, one transaction rebuilds the rollups of
 * those days from the raw tables with set-based GROUP BYs and bumps the data version.
 * Measured at 1,000 campaigns × 365 days, this is several times faster than updating the
 * rollups row by row, readers see a file's rows appear at once, and a crash between the two
 * leaves the marks behind, so the next start finishes the rebuild.
 */

const DATED_KINDS: ReadonlySet<IngestKind> = new Set(['campaign_daily', 'sales_daily']);

/** Marks the days of a batch (JSON rows whose first field is the date) for rebuilding. */
export function markPending(kind: IngestKind, rowsJson: string): InStatement[] {
  if (!DATED_KINDS.has(kind)) return [];
  return [
    {
      sql: `INSERT OR IGNORE INTO rollup_pending (date) SELECT DISTINCT value ->> 0 FROM json_each(?)`,
      args: [rowsJson],
    },
  ];
}

const PENDING = 'SELECT date FROM rollup_pending';
const MEASURES = 'impressions, clicks, spend_micros, transactions, revenue_micros';

/** Rebuilds `campaign_day`, `channel_segment_day` and `unattributed_day` for the marked days. */
export const REBUILD_PENDING: InStatement[] = [
  `DELETE FROM campaign_day WHERE date IN (${PENDING})`,
  // Read in key order from campaign_daily, so the inserts append to the rollup's key.
  `INSERT INTO campaign_day (date, campaign_id, channel, segment, ${MEASURES})
   SELECT d.date, d.campaign_id, c.channel, c.segment, d.impressions, d.clicks, d.spend_micros,
          coalesce((SELECT sum(s.transactions) FROM sales_daily s WHERE s.date = d.date AND s.campaign_id = d.campaign_id), 0),
          coalesce((SELECT sum(s.revenue_micros) FROM sales_daily s WHERE s.date = d.date AND s.campaign_id = d.campaign_id), 0)
   FROM campaign_daily d JOIN campaigns c ON c.campaign_id = d.campaign_id
   WHERE d.date IN (${PENDING})`,
  // Days with sales but no spend row (carry-over after a campaign ends).
  `INSERT INTO campaign_day (date, campaign_id, channel, segment, ${MEASURES})
   SELECT s.date, s.campaign_id, c.channel, c.segment, 0, 0, 0, sum(s.transactions), sum(s.revenue_micros)
   FROM sales_daily s JOIN campaigns c ON c.campaign_id = s.campaign_id
   WHERE s.date IN (${PENDING}) AND s.campaign_id <> ''
     AND NOT EXISTS (SELECT 1 FROM campaign_daily d WHERE d.date = s.date AND d.campaign_id = s.campaign_id)
   GROUP BY s.date, s.campaign_id`,
  `DELETE FROM channel_segment_day WHERE date IN (${PENDING})`,
  `INSERT INTO channel_segment_day (date, channel, segment, ${MEASURES})
   SELECT date, channel, segment, sum(impressions), sum(clicks), sum(spend_micros), sum(transactions), sum(revenue_micros)
   FROM campaign_day WHERE date IN (${PENDING}) GROUP BY date, channel, segment`,
  `DELETE FROM unattributed_day WHERE date IN (${PENDING})`,
  `INSERT INTO unattributed_day (date, transactions, revenue_micros)
   SELECT date, sum(transactions), sum(revenue_micros) FROM sales_daily
   WHERE campaign_id = '' AND date IN (${PENDING}) GROUP BY date`,
  'DELETE FROM rollup_pending',
];

export async function hasPendingRollups(db: Client): Promise<boolean> {
  const result = await db.execute('SELECT EXISTS (SELECT 1 FROM rollup_pending) AS pending');
  return Number(result.rows[0]?.['pending'] ?? 0) === 1;
}

/** Rebuilds the rollups of every marked day in one transaction, and moves the data version. */
export async function rebuildPendingRollups(db: Client): Promise<void> {
  await db.batch([...REBUILD_PENDING, BUMP_DATA_VERSION], 'write');
}
