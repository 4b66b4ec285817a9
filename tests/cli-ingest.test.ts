import type { LiveUpdate } from '@retailmind/sdk/contract';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../server/src/config.js';
import { defaultWatchMs } from '../server/src/live/index.js';
import { openDatabase } from '../server/src/store/db.js';
import { startServer } from './helpers/server.js';
import { connectSocket, nextEvent } from './helpers/sockets.js';

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

describe('ingest CLI and live updates', () => {
  it('a CLI commit to the database file of a running server reaches its socket clients (the data-version watch)', async () => {
    const liveDb = `file:${join(dir, 'live.db')}`;
    const server = await startServer({ dbUrl: liveDb, dataDir: 'tests/fixtures/tiny', watchMs: defaultWatchMs(liveDb) });
    try {
      const socket = await connectSocket(server.url, server.token('manager'));
      try {
        const before = await server.store.dataVersion();
        const update = nextEvent<LiveUpdate<'summary'>>(socket, 'summary', 20_000);
        const file = join(dir, 'sales_daily.csv');
        writeFileSync(file, 'date,campaign_id,product,transactions,revenue\n2026-03-03,A1,From the CLI,1,42\n');
        // Asynchronously, so the server in this process keeps running while the CLI commits.
        await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/cli/ingest.ts', file], {
          env: { PATH: process.env['PATH'] ?? '', RM_DB_URL: liveDb },
        });
        const received = await update;
        expect(received.dataVersion).toBeGreaterThan(before);
        expect(received.dataVersion).toBe(await server.store.dataVersion());
      } finally {
        socket.close();
      }
    } finally {
      await server.close();
    }
  });

  it('polls the data version every 50 ms on a local database and every second on a remote one, unless RM_LIVE_WATCH_MS says otherwise', () => {
    expect(defaultWatchMs('file:.retailmind/retailmind.db')).toBe(50);
    expect(defaultWatchMs('data/rm.db')).toBe(50);
    expect(defaultWatchMs(':memory:')).toBe(50);
    for (const url of ['libsql://db.example.com', 'https://db.example.com', 'http://127.0.0.1:8080', 'wss://db.example.com', 'ws://x'])
      expect(defaultWatchMs(url)).toBe(1000);
    expect(readConfig({}).RM_LIVE_WATCH_MS).toBeUndefined();
    expect(readConfig({ RM_LIVE_WATCH_MS: '' }).RM_LIVE_WATCH_MS).toBeUndefined();
    expect(readConfig({ RM_LIVE_WATCH_MS: '250' }).RM_LIVE_WATCH_MS).toBe(250);
    expect(readConfig({ RM_LIVE_WATCH_MS: '0' }).RM_LIVE_WATCH_MS).toBe(0);
    expect(() => readConfig({ RM_LIVE_WATCH_MS: 'fast' })).toThrow(/RM_LIVE_WATCH_MS/);
  });
});
