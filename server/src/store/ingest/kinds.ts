import type { IngestKind } from '@retailmind/sdk/contract';
import { z } from 'zod';
import { count, date, money, optionalDate, optionalText, text } from './fields.js';

/** How one file of the data contract maps onto its table. */
export interface KindSpec {
  kind: IngestKind;
  table: string;
  /** CSV columns, as the contract names them. */
  columns: readonly string[];
  /** CSV columns that form the natural key: re-ingesting a key updates its row. */
  key: readonly string[];
  /** Table columns, in the order `toArgs` returns values. */
  dbColumns: readonly string[];
  /** Validates one row of cells (all strings) into the values stored. */
  schema: z.ZodObject;
  /** Whether `campaign_id` must name a known campaign (`'empty-ok'`: blank means unattributed). */
  campaignRef: 'none' | 'required' | 'empty-ok';
}

const campaigns = z
  .object({
    campaign_id: text(64),
    campaign_name: text(300),
    channel: text(),
    segment: text(),
    start_date: date(),
    end_date: optionalDate(),
  })
  .superRefine((r, ctx) => {
    if (r.end_date !== null && r.end_date < r.start_date)
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'is before start_date' });
  });

const campaignDaily = z
  .object({ date: date(), campaign_id: text(64), impressions: count(), clicks: count(), spend: money() })
  .superRefine((r, ctx) => {
    if (r.clicks > r.impressions)
      ctx.addIssue({ code: 'custom', path: ['clicks'], message: 'exceeds impressions' });
  });

const salesDaily = z.object({
  date: date(),
  campaign_id: optionalText(64),
  product: text(),
  transactions: count(),
  revenue: money(),
});

const customerDaily = z
  .object({
    date: date(),
    segment: text(),
    channel: text(),
    customers: count(),
    repeat_customers: count(),
    orders: count(),
    items: count(),
  })
  .superRefine((r, ctx) => {
    if (r.repeat_customers > r.customers)
      ctx.addIssue({ code: 'custom', path: ['repeat_customers'], message: 'exceeds customers' });
  });

const budgets = z
  .object({ period_start: date(), period_end: date(), channel: text(), allocated: money() })
  .superRefine((r, ctx) => {
    if (r.period_end < r.period_start)
      ctx.addIssue({ code: 'custom', path: ['period_end'], message: 'is before period_start' });
  });

function spec(
  kind: IngestKind,
  schema: z.ZodObject,
  key: string[],
  moneyColumns: string[],
  campaignRef: KindSpec['campaignRef'],
): KindSpec {
  const columns = Object.keys(schema.shape);
  return {
    kind,
    table: kind,
    columns,
    key,
    dbColumns: columns.map((c) => (moneyColumns.includes(c) ? `${c}_micros` : c)),
    schema,
    campaignRef,
  };
}

export const KINDS: Record<IngestKind, KindSpec> = {
  campaigns: spec('campaigns', campaigns, ['campaign_id'], [], 'none'),
  campaign_daily: spec('campaign_daily', campaignDaily, ['date', 'campaign_id'], ['spend'], 'required'),
  sales_daily: spec('sales_daily', salesDaily, ['date', 'campaign_id', 'product'], ['revenue'], 'empty-ok'),
  customer_daily: spec('customer_daily', customerDaily, ['date', 'segment', 'channel'], [], 'none'),
  budgets: spec('budgets', budgets, ['period_start', 'period_end', 'channel'], ['allocated'], 'none'),
};

/** The order a directory is ingested in: campaigns first, since daily rows reference them. */
export const INGEST_ORDER: readonly IngestKind[] = [
  'campaigns',
  'campaign_daily',
  'sales_daily',
  'customer_daily',
  'budgets',
];
