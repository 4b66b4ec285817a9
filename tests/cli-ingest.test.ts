import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/src/store/db.js';

/** `npm run ingest -- DIR|FILE`: the ingest CLI in a child process against a temporary database file. */
const dir = mkdtempSync(join(tmpdir(), 'rm-cli-'));
const dbUrl = `file:${join(dir, 'cli.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ingest = (...paths: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/ingest.ts', ...paths], {
    env: { PATH: process.env['PATH'] ?? '', RM_DB_URL: dbUrl },
    encoding: 'utf8',
  });

describe('ingest CLI', () => {
  it('loads a directory, reports each file and shows progress', async () => {
    const run = ingest('tests/fixtures/tiny');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('campaign_daily.csv: 5 stored, 0 rejected of 5');
    expect(run.stderr).toMatch(/sales_daily: 9 rows read, 9 stored, 0 rejected/);
    const db = await openDatabase(dbUrl);
    const rows = await db.execute('SELECT sum(revenue_micros) AS r FROM campaign_day');
    expect(Number(rows.rows[0]?.['r'])).toBe(725_500_000);
    db.close();
  });

  it('lists rejected rows and exits 1', () => {
    const file = join(dir, 'budgets.csv');
    writeFileSync(file, 'period_start,period_end,channel,allocated\n2026-03-01,2026-03-31,Search,-5\n');
    const run = ingest(file);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('line 2 [allocated="-5"]: allocated must not be negative');
  });

  it('refuses a path that is not a contract file, before writing anything', () => {
    const run = ingest(join(dir, 'nothing-here'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no such file or directory');
  });
});
