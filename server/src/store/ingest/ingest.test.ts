import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db.js';
import { Store } from '../store.js';
import { IngestFileError } from './errors.js';
import { CsvFile } from './ingest.js';
import { parseInWorker } from './parse-thread.js';

const csv = (text: string) => Readable.from([text]);

const CAMPAIGNS = `campaign_id,campaign_name,channel,segment,start_date,end_date
A1,Search one,Search,New,2026-03-01,
A2,Mail two,Email,Loyal,2026-03-01,2026-03-31
`;

let store: Store;
beforeEach(async () => {
  store = new Store(await openDatabase(':memory:'));
  await store.ingest('campaigns', csv(CAMPAIGNS));
});
afterEach(() => store.close());

async function rows(sql: string) {
  return (await store.db.execute(sql)).rows.map((r) => ({ ...r }));
}

/** The rollup recomputed from the raw tables, to compare with what ingest maintained. */
async function rollupFromRaw() {
  return rows(`
    SELECT k.date, c.channel, c.segment,
      sum(coalesce(d.impressions,0)) AS impressions, sum(coalesce(d.clicks,0)) AS clicks,
      sum(coalesce(d.spend_micros,0)) AS spend, sum(coalesce(s.tx,0)) AS tx, sum(coalesce(s.rev,0)) AS rev
    FROM (SELECT date, campaign_id FROM campaign_daily UNION SELECT date, campaign_id FROM sales_daily WHERE campaign_id <> '') k
    JOIN campaigns c USING (campaign_id)
    LEFT JOIN campaign_daily d ON d.date = k.date AND d.campaign_id = k.campaign_id
    LEFT JOIN (SELECT date, campaign_id, sum(transactions) tx, sum(revenue_micros) rev FROM sales_daily GROUP BY 1, 2) s
      ON s.date = k.date AND s.campaign_id = k.campaign_id
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
}
async function rollupMaintained() {
  return rows(`SELECT date, channel, segment, impressions, clicks, spend_micros AS spend, transactions AS tx, revenue_micros AS rev
               FROM channel_segment_day WHERE impressions + clicks + spend_micros + transactions + revenue_micros <> 0
               ORDER BY 1, 2, 3`);
}

describe('ingest', () => {
  it('reports every bad row with its line, column, value and reason, and stores the valid ones', async () => {
    const result = await store.ingest(
      'campaign_daily',
      csv(`date,campaign_id,impressions,clicks,spend
2026-03-01,A1,1000,100,50.00
2026-02-30,A1,1000,100,50
2026-03-02,A1,-5,1,1
2026-03-03,A1,100,200,1
2026-03-04,ZZ,100,10,1
2026-03-05,A1,100,10,abc
2026-03-01,A1,999,99,9
2026-03-06,A1,100,10
2026-03-07,A2,100,10.5,3
2026-03-08,A2,100,10,7.125
`),
    );
    expect(result.rowsRead).toBe(10);
    expect(result.rowsStored).toBe(2);
    expect(result.rowsRejected).toBe(8);
    const byLine = Object.fromEntries(result.rejected.map((r) => [r.line, r]));
    expect(byLine[3]).toMatchObject({ column: 'date', value: '2026-02-30', file: 'campaign_daily.csv' });
    expect(byLine[4]).toMatchObject({ column: 'impressions', value: '-5', reason: 'impressions must not be negative' });
    expect(byLine[5]).toMatchObject({ column: 'clicks', reason: 'clicks exceeds impressions' });
    expect(byLine[6]).toMatchObject({ column: 'campaign_id', value: 'ZZ' });
    expect(byLine[7]).toMatchObject({ column: 'spend', value: 'abc', reason: 'spend is not a number' });
    expect(byLine[8]?.reason).toBe('duplicate of line 2 (same date, campaign_id)');
    expect(byLine[9]?.reason).toMatch(/4 fields, header has 5/);
    expect(byLine[10]).toMatchObject({ column: 'clicks', reason: 'clicks must be a whole number' });
    expect(await rows('SELECT date, campaign_id, spend_micros FROM campaign_daily ORDER BY date')).toEqual([
      { date: '2026-03-01', campaign_id: 'A1', spend_micros: 50_000_000 },
      { date: '2026-03-08', campaign_id: 'A2', spend_micros: 7_125_000 },
    ]);
  });

  it('refuses a file missing a column and stores nothing from it', async () => {
    const attempt = store.ingest('campaign_daily', csv('date,campaign_id,impressions,spend\n2026-03-01,A1,1,1\n'));
    await expect(attempt).rejects.toBeInstanceOf(IngestFileError);
    await expect(attempt).rejects.toMatchObject({ code: 'missing_columns', details: { missing: ['clicks'] } });
    expect(await rows('SELECT * FROM campaign_daily')).toEqual([]);
  });

  it('refuses an empty file', async () => {
    await expect(store.ingest('budgets', csv(''))).rejects.toMatchObject({ code: 'empty_file' });
  });

  it('reports an unclosed quote instead of dropping what it swallowed', async () => {
    const result = await store.ingest(
      'sales_daily',
      csv('date,campaign_id,product,transactions,revenue\n2026-03-01,A1,"Shoes,2,10\n2026-03-02,A1,Hats,1,5\n'),
    );
    expect(result.rowsRejected).toBe(1);
    expect(result.rejected[0]?.reason).toMatch(/^unreadable CSV: Quoted field unterminated/);
    expect(result.rejected[0]?.line).toBe(2);
  });

  it('is idempotent: re-ingesting the same rows updates them and never double counts', async () => {
    const daily = `date,campaign_id,impressions,clicks,spend\n2026-03-01,A1,1000,100,50\n2026-03-01,A2,10,1,2\n`;
    const sales = `date,campaign_id,product,transactions,revenue\n2026-03-01,A1,Shoes,5,250\n2026-03-01,,Hats,1,9\n`;
    for (let i = 0; i < 3; i++) {
      await store.ingest('campaign_daily', csv(daily));
      await store.ingest('sales_daily', csv(sales));
    }
    expect(await rows('SELECT count(*) AS n FROM campaign_daily')).toEqual([{ n: 2 }]);
    expect(await rollupMaintained()).toEqual(await rollupFromRaw());
    expect(await rows('SELECT * FROM unattributed_day')).toEqual([{ date: '2026-03-01', transactions: 1, revenue_micros: 9_000_000 }]);

    await store.ingest('campaign_daily', csv(`date,campaign_id,impressions,clicks,spend\n2026-03-01,A1,2000,150,80\n`));
    expect(await rows(`SELECT spend_micros, revenue_micros FROM campaign_day WHERE campaign_id = 'A1'`)).toEqual([
      { spend_micros: 80_000_000, revenue_micros: 250_000_000 },
    ]);
    expect(await rollupMaintained()).toEqual(await rollupFromRaw());
  });

  it('moves a campaign\'s history in the rollup when it changes channel', async () => {
    await store.ingest('campaign_daily', csv(`date,campaign_id,impressions,clicks,spend\n2026-03-01,A1,1000,100,50\n2026-03-02,A1,1000,100,60\n`));
    await store.ingest('campaigns', csv(`campaign_id,campaign_name,channel,segment,start_date,end_date\nA1,Search one,Social,New,2026-03-01,\n`));
    expect(await rollupMaintained()).toEqual(await rollupFromRaw());
    expect(await rows(`SELECT DISTINCT channel FROM channel_segment_day WHERE spend_micros > 0`)).toEqual([{ channel: 'Social' }]);
  });

  it('keeps rollups equal to the raw tables across many small batches', async () => {
    const lines = ['date,campaign_id,product,transactions,revenue'];
    for (let d = 1; d <= 28; d++)
      for (const id of ['A1', 'A2', ''])
        lines.push(`2026-03-${String(d).padStart(2, '0')},${id},P${d % 3},${d % 5},${(d * 1.37).toFixed(2)}`);
    await store.ingest('sales_daily', csv(lines.join('\n')), { batchSize: 7 });
    await store.ingest('campaign_daily', csv(`date,campaign_id,impressions,clicks,spend\n2026-03-05,A1,10,1,1\n`), { batchSize: 1 });
    expect(await rollupMaintained()).toEqual(await rollupFromRaw());
    expect(await store.dataVersion()).toBeGreaterThan(10);
  });

  it('rebuilds the same rollups whether a load covers most days (indexes rebuilt after) or a few', async () => {
    const load = async (days: number[], scale: number) => {
      const daily = ['date,campaign_id,impressions,clicks,spend'];
      const sales = ['date,campaign_id,product,transactions,revenue'];
      for (const d of days) {
        const date = `2026-03-${String(d).padStart(2, '0')}`;
        // A1 has spend every day and sales on even days; A2 has sales every day and spend on odd ones.
        daily.push(`${date},A1,${100 * scale + d},${d},${(scale * d * 1.25).toFixed(2)}`);
        if (d % 2 === 1) daily.push(`${date},A2,${50 * scale},${d % 7},${scale}.5`);
        if (d % 2 === 0) sales.push(`${date},A1,Shoes,${d},${(scale * d).toFixed(2)}`);
        sales.push(`${date},A2,Hats,${scale},${scale * 3}`, `${date},A2,Shoes,1,1`, `${date},,Hats,${d % 3},${d}`);
      }
      await store.ingestFiles([
        { kind: 'campaign_daily', open: () => csv(daily.join('\n')) },
        { kind: 'sales_daily', open: () => csv(sales.join('\n')) },
      ]);
      expect(await rollupMaintained()).toEqual(await rollupFromRaw());
      expect(await rows(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'campaign_day' AND sql IS NOT NULL`)).toEqual([
        { name: 'campaign_day_by_campaign' },
      ]);
      expect(await rows('SELECT count(*) AS n FROM rollup_pending')).toEqual([{ n: 0 }]);
    };
    const all = Array.from({ length: 28 }, (_, i) => i + 1);
    await load(all, 1); // empty rollups: the bulk path
    await load([5], 2); // one day of 28: indexes kept
    await load(all.slice(2), 3); // most days again, over existing rows
    expect(await rows(`SELECT transactions, revenue_micros FROM campaign_day WHERE date = '2026-03-05' AND campaign_id = 'A2'`)).toEqual([
      { transactions: 4, revenue_micros: 10_000_000 },
    ]);
  });

  it('keeps the rows a failed stream already stored in the rollups', async () => {
    async function* broken() {
      yield 'date,campaign_id,impressions,clicks,spend\n2026-03-01,A1,1000,100,50\n2026-03-02,A1,1000,100,60\n';
      throw new Error('connection reset');
    }
    await expect(store.ingest('campaign_daily', Readable.from(broken()), { batchSize: 1 })).rejects.toThrow('connection reset');
    expect(await rows('SELECT count(*) AS n FROM campaign_daily')).toEqual([{ n: 2 }]);
    expect(await rows('SELECT count(*) AS n FROM rollup_pending')).toEqual([{ n: 0 }]);
    expect(await rollupMaintained()).toEqual(await rollupFromRaw());
  });

  it('announces data-changed once per ingest that stored rows', async () => {
    const seen: string[] = [];
    store.onDataChanged((c) => seen.push(`${c.kind}:${c.rowsStored}`));
    await store.ingest('budgets', csv('period_start,period_end,channel,allocated\n2026-03-01,2026-03-31,Search,100\n'));
    await store.ingest('budgets', csv('period_start,period_end,channel,allocated\n2026-03-31,2026-03-01,Search,100\n'));
    expect(seen).toEqual(['budgets:1']);
  });

  it('numbers lines from where each row starts, across quoted line breaks', async () => {
    const result = await store.ingest(
      'campaigns',
      csv('campaign_id,campaign_name,channel,segment,start_date,end_date\nB1,"two\nlines",Search,New,2026-03-01,\nB2,x,Search,New,2026-13-01,\n'),
    );
    expect(result.rejected).toEqual([
      { file: 'campaigns.csv', line: 4, column: 'start_date', value: '2026-13-01', reason: 'start_date is not a date as YYYY-MM-DD' },
    ]);
  });

  it('keeps multi-byte characters whole across stream chunks', async () => {
    const name = 'Ünïcødé 🛍️ Kampagne';
    const text = `campaign_id,campaign_name,channel,segment,start_date,end_date\nU1,${name},Search,New,2026-03-01,\n`;
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    await store.ingest('campaigns', Readable.from(chunks));
    expect(await rows(`SELECT campaign_name FROM campaigns WHERE campaign_id = 'U1'`)).toEqual([{ campaign_name: name }]);
  });

  it('accepts names that look like code, and reports extra columns it ignores', async () => {
    const result = await store.ingest(
      'campaigns',
      csv(`campaign_id,campaign_name,channel,segment,start_date,end_date,owner\n"=cmd|' /C calc'!A0","<script>alert(1)</script>","Robert'); DROP TABLE campaigns;--",Seg,2026-03-01,,me\n`),
    );
    expect(result.rowsStored).toBe(1);
    expect(result.ignoredColumns).toEqual(['owner']);
    expect(await rows('SELECT count(*) AS n FROM campaigns')).toEqual([{ n: 3 }]);
  });

  it('parses a file on a worker thread with the same rows, rejections, progress and rollups as in the thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-ingest-'));
    try {
      const files = {
        campaign_daily: `date,campaign_id,impressions,clicks,spend\n2026-03-01,A1,1000,100,50\n2026-02-30,A1,1,1,1\n2026-03-02,ZZ,1,1,1\n2026-03-01,A1,9,9,9\n2026-03-03,A2,100,10,5\n`,
        sales_daily: `date,campaign_id,product,transactions,revenue\n2026-03-01,A1,Shoes,2,10\n2026-03-01,,Hats,1,5\n2026-03-02,A1,"Shoes,1,5\n`,
        budgets: 'period_start,period_end,channel\n2026-03-01,2026-03-31,Search\n',
      };
      for (const [kind, text] of Object.entries(files)) writeFileSync(join(dir, `${kind}.csv`), text);
      const path = (kind: string) => join(dir, `${kind}.csv`);
      // The worker does load here (tests run from the TypeScript sources, through tsx).
      const probe = await parseInWorker('budgets', path('campaign_daily'), { file: 'x', batchSize: 2, maxListed: 1, campaigns: null });
      expect(probe).not.toBeNull();
      await expect(probe!.next()).rejects.toMatchObject({ code: 'missing_columns' });

      const other = new Store(await openDatabase(':memory:'));
      try {
        await other.ingest('campaigns', csv(CAMPAIGNS));
        const load = async (target: Store, source: (kind: 'campaign_daily' | 'sales_daily') => CsvFile | Readable) => {
          const progress: unknown[] = [];
          const results = [];
          for (const kind of ['campaign_daily', 'sales_daily'] as const)
            results.push(
              await target.ingest(kind, source(kind), { fileName: `${kind}.csv`, batchSize: 1, onProgress: (p) => progress.push(p) }),
            );
          return { results, progress };
        };
        const inWorker = await load(store, (kind) => new CsvFile(path(kind)));
        const inThread = await load(other, (kind) => csv(files[kind]));
        expect(inWorker).toEqual(inThread);
        expect(inWorker.results[0]?.rejected.map((r) => r.line)).toEqual([3, 4, 5]);
        for (const table of ['campaign_daily', 'sales_daily', 'campaign_day', 'channel_segment_day']) {
          const sql = `SELECT * FROM ${table} ORDER BY 1, 2, 3`;
          expect(await rows(sql)).toEqual((await other.db.execute(sql)).rows.map((r) => ({ ...r })));
        }
        const refused = (source: CsvFile | Readable) => store.ingest('budgets', source).catch((e: unknown) => e);
        expect(await refused(new CsvFile(path('budgets')))).toEqual(await refused(csv(files.budgets)));
        expect(await refused(new CsvFile(path('budgets')))).toBeInstanceOf(IngestFileError);
      } finally {
        other.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
