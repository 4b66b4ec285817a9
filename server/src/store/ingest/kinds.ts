import type { InValue } from '@libsql/client';
import type { IngestKind } from '@retailmind/sdk/contract';
import { count, date, money, optionalDate, optionalText, text, type CellParser } from './fields.js';

export interface Column {
  /** The contract's name for the CSV column. */
  name: string;
  /** The table column it is stored in. */
  db: string;
  parse: CellParser;
}

/** A rule across the cells of one row: the column it blames and why, or null when the row is fine. */
type RowRule = (row: InValue[]) => { column: string; reason: string } | null;

/** How one file of the data contract maps onto its table. */
export interface KindSpec {
  kind: IngestKind;
  table: string;
  columns: readonly Column[];
  /** Contract columns that form the natural key: re-ingesting a key updates its row. */
  key: readonly string[];
  rules: readonly RowRule[];
  /** Whether `campaign_id` must name a known campaign (`'empty-ok'`: blank means unattributed). */
  campaignRef: 'none' | 'required' | 'empty-ok';
}

const col = (name: string, parse: CellParser, db = name): Column => ({ name, db, parse });

/** `a` must not exceed `b` (both are indexes into the parsed row). */
const notAbove = (a: number, b: number, column: string, reason: string): RowRule => (row) =>
  row[a] !== null && row[b] !== null && (row[a] as number | string) > (row[b] as number | string) ? { column, reason } : null;

export const KINDS: Record<IngestKind, KindSpec> = {
  campaigns: {
    kind: 'campaigns',
    table: 'campaigns',
    columns: [
      col('campaign_id', text(64)),
      col('campaign_name', text(300)),
      col('channel', text()),
      col('segment', text()),
      col('start_date', date()),
      col('end_date', optionalDate()),
    ],
    key: ['campaign_id'],
    rules: [notAbove(4, 5, 'end_date', 'end_date is before start_date')],
    campaignRef: 'none',
  },
  campaign_daily: {
    kind: 'campaign_daily',
    table: 'campaign_daily',
    columns: [
      col('date', date()),
      col('campaign_id', text(64)),
      col('impressions', count()),
      col('clicks', count()),
      col('spend', money(), 'spend_micros'),
    ],
    key: ['date', 'campaign_id'],
    rules: [notAbove(3, 2, 'clicks', 'clicks exceeds impressions')],
    campaignRef: 'required',
  },
  sales_daily: {
    kind: 'sales_daily',
    table: 'sales_daily',
    columns: [
      col('date', date()),
      col('campaign_id', optionalText(64)),
      col('product', text()),
      col('transactions', count()),
      col('revenue', money(), 'revenue_micros'),
    ],
    key: ['date', 'campaign_id', 'product'],
    rules: [],
    campaignRef: 'empty-ok',
  },
  customer_daily: {
    kind: 'customer_daily',
    table: 'customer_daily',
    columns: [
      col('date', date()),
      col('segment', text()),
      col('channel', text()),
      col('customers', count()),
      col('repeat_customers', count()),
      col('orders', count()),
      col('items', count()),
    ],
    key: ['date', 'segment', 'channel'],
    rules: [notAbove(4, 3, 'repeat_customers', 'repeat_customers exceeds customers')],
    campaignRef: 'none',
  },
  budgets: {
    kind: 'budgets',
    table: 'budgets',
    columns: [col('period_start', date()), col('period_end', date()), col('channel', text()), col('allocated', money(), 'allocated_micros')],
    key: ['period_start', 'period_end', 'channel'],
    rules: [notAbove(0, 1, 'period_end', 'period_end is before period_start')],
    campaignRef: 'none',
  },
};

/** The order a directory is ingested in: campaigns first, since daily rows reference them. */
export const INGEST_ORDER: readonly IngestKind[] = ['campaigns', 'campaign_daily', 'sales_daily', 'customer_daily', 'budgets'];
