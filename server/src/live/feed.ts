import type { IngestKind } from '@retailmind/sdk/contract';
import { Readable } from 'node:stream';
import { addDays } from '../dates.js';
import type { Store } from '../store/store.js';

/**
 * The live feed (RM_LIVE=1, `npm start -- --live`): every few seconds it appends the next day,
 * made from the latest day's rows with some noise and the odd spike, through the normal ingest
 * path, so the dashboards visibly move and the live layer has something to push.
 */
export function startFeed(store: Store, options: { intervalMs?: number; log?: (line: string) => void } = {}): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return; // a slow ingest never piles ticks up
    busy = true;
    appendDay(store)
      .then((slice) => slice && options.log?.(`live feed: appended ${slice.day} (${slice.rowsStored} rows)`))
      .catch((err: unknown) => options.log?.(`live feed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (busy = false));
  }, options.intervalMs ?? 3000);
  return () => clearInterval(timer);
}

export interface Slice {
  day: string;
  rowsStored: number;
  rowsRejected: number;
}

/** Appends the day after the latest one in the data; null when there is no data to continue. */
export async function appendDay(store: Store, random: () => number = Math.random): Promise<Slice | null> {
  const latest = await latestDate(store);
  if (!latest) return null;
  const day = addDays(latest, 1);
  const noise = () => (random() < 0.05 ? (random() < 0.5 ? 2.5 : 0.3) : 0.85 + 0.3 * random());
  // Each table continues from its own latest day's rows (the tables need not end on the same day).
  const rows = async (columns: string, table: string) =>
    (await store.db.execute(`SELECT ${columns} FROM ${table} WHERE date = (SELECT max(date) FROM ${table})`)).rows;

  const campaign = (await rows('campaign_id, impressions, clicks, spend_micros', 'campaign_daily')).map((r) => {
    const f = noise();
    const impressions = Math.round(Number(r['impressions']) * f);
    return [day, r['campaign_id'], impressions, Math.min(impressions, Math.round(Number(r['clicks']) * f * noise())), money(Number(r['spend_micros']) * f)];
  });
  const sales = (await rows('campaign_id, product, transactions, revenue_micros', 'sales_daily')).map((r) => {
    const f = noise();
    return [day, r['campaign_id'], r['product'], Math.round(Number(r['transactions']) * f), money(Number(r['revenue_micros']) * f)];
  });
  const customers = (await rows('segment, channel, customers, repeat_customers, orders, items', 'customer_daily')).map((r) => {
    const f = noise();
    const total = Math.round(Number(r['customers']) * f);
    return [day, r['segment'], r['channel'], total, Math.min(total, Math.round(Number(r['repeat_customers']) * f)), Math.round(Number(r['orders']) * f), Math.round(Number(r['items']) * f)];
  });

  // One load: the rollups are rebuilt once, and its data-changed events come in one burst (one push).
  const results = await store.ingestFiles(
    [
      file('campaign_daily', 'date,campaign_id,impressions,clicks,spend', campaign),
      file('sales_daily', 'date,campaign_id,product,transactions,revenue', sales),
      file('customer_daily', 'date,segment,channel,customers,repeat_customers,orders,items', customers),
    ].filter((f) => f !== null),
  );
  return {
    day,
    rowsStored: results.reduce((n, r) => n + r.rowsStored, 0),
    rowsRejected: results.reduce((n, r) => n + r.rowsRejected, 0),
  };
}

/** The latest day in any daily table: the new day comes after it, so no existing day is overwritten. */
async function latestDate(store: Store): Promise<string | null> {
  const row = (
    await store.db.execute(
      'SELECT max(d) AS d FROM (SELECT max(date) AS d FROM campaign_daily UNION ALL SELECT max(date) FROM sales_daily UNION ALL SELECT max(date) FROM customer_daily)',
    )
  ).rows[0];
  return row?.['d'] == null ? null : String(row['d']);
}

function file(kind: IngestKind, header: string, rows: unknown[][]) {
  if (rows.length === 0) return null;
  const csv = [header, ...rows.map((r) => r.map(cell).join(','))].join('\n');
  return { kind, open: () => Readable.from([csv]), options: { fileName: `live-${kind}.csv` } };
}

const money = (micros: number) => (Math.round(micros / 10_000) / 100).toFixed(2);

/** Quotes a cell that holds a comma, quote or newline (product and segment names are data). */
function cell(value: unknown): string {
  const s = String(value ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
