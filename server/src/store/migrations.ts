import type { Client } from '@libsql/client';
import { ROLLUP_TRIGGERS } from './rollup-triggers.js';

/**
 * Versioned schema. Each entry runs once, in order, inside one batch with the bump of
 * `schema_version`; never edit a shipped entry, append a new one.
 */
// Money is stored as integer micros (1e-6 of the currency unit, as ad platforms report it) so
// sums and the rollups' incremental updates are exact.
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE campaigns (
      campaign_id TEXT PRIMARY KEY,
      campaign_name TEXT NOT NULL,
      channel TEXT NOT NULL,
      segment TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT
    ) STRICT`,
    `CREATE TABLE campaign_daily (
      date TEXT NOT NULL,
      campaign_id TEXT NOT NULL REFERENCES campaigns(campaign_id),
      impressions INTEGER NOT NULL,
      clicks INTEGER NOT NULL,
      spend_micros INTEGER NOT NULL,
      PRIMARY KEY (date, campaign_id)
    ) STRICT, WITHOUT ROWID`,
    // campaign_id '' is unattributed revenue, so it cannot reference campaigns.
    `CREATE TABLE sales_daily (
      date TEXT NOT NULL,
      campaign_id TEXT NOT NULL,
      product TEXT NOT NULL,
      transactions INTEGER NOT NULL,
      revenue_micros INTEGER NOT NULL,
      PRIMARY KEY (date, campaign_id, product)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE customer_daily (
      date TEXT NOT NULL,
      segment TEXT NOT NULL,
      channel TEXT NOT NULL,
      customers INTEGER NOT NULL,
      repeat_customers INTEGER NOT NULL,
      orders INTEGER NOT NULL,
      items INTEGER NOT NULL,
      PRIMARY KEY (date, segment, channel)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE budgets (
      period_start TEXT NOT NULL,
      period_end TEXT NOT NULL,
      channel TEXT NOT NULL,
      allocated_micros INTEGER NOT NULL,
      PRIMARY KEY (period_start, period_end, channel)
    ) STRICT, WITHOUT ROWID`,
    // Rollup: one row per campaign-day joining spend with its sales, for campaign filters
    // and the engine's series. Rebuilt per ingested file (rollups.ts).
    `CREATE TABLE campaign_day (
      date TEXT NOT NULL,
      campaign_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      segment TEXT NOT NULL,
      impressions INTEGER NOT NULL,
      clicks INTEGER NOT NULL,
      spend_micros INTEGER NOT NULL,
      transactions INTEGER NOT NULL,
      revenue_micros INTEGER NOT NULL,
      PRIMARY KEY (date, campaign_id)
    ) STRICT, WITHOUT ROWID`,
    `CREATE INDEX campaign_day_by_campaign ON campaign_day(campaign_id, date)`,
    // Rollup: the dashboard's grain. Days × channels × segments stays small at any campaign count.
    `CREATE TABLE channel_segment_day (
      date TEXT NOT NULL,
      channel TEXT NOT NULL,
      segment TEXT NOT NULL,
      impressions INTEGER NOT NULL,
      clicks INTEGER NOT NULL,
      spend_micros INTEGER NOT NULL,
      transactions INTEGER NOT NULL,
      revenue_micros INTEGER NOT NULL,
      PRIMARY KEY (date, channel, segment)
    ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE unattributed_day (
      date TEXT PRIMARY KEY,
      transactions INTEGER NOT NULL,
      revenue_micros INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID`,
    // Days whose rollups an ingest has yet to rebuild (see rollups.ts).
    `CREATE TABLE rollup_pending (date TEXT PRIMARY KEY) STRICT, WITHOUT ROWID`,
    `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT`,
    `INSERT INTO settings (key, value) VALUES ('data_version', '0')`,
    ...ROLLUP_TRIGGERS,
  ],
  // Accounts for `POST /api/auth/login`; password_hash is `scrypt$N$r$p$salt$hash` (server/src/auth/password.ts).
  [
    `CREATE TABLE users (
      username TEXT PRIMARY KEY,
      role TEXT NOT NULL CHECK (role IN ('manager', 'analyst', 'leadership')),
      password_hash TEXT NOT NULL
    ) STRICT`,
  ],
];

export async function migrate(client: Client): Promise<number> {
  await client.execute('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = (await client.execute('SELECT max(version) AS v FROM schema_version')).rows[0];
  const current = Number(row?.['v'] ?? 0);
  for (let v = current; v < MIGRATIONS.length; v++) {
    const statements = MIGRATIONS[v] ?? [];
    await client.batch(
      [...statements, { sql: 'INSERT INTO schema_version (version) VALUES (?)', args: [v + 1] }],
      'write',
    );
  }
  return MIGRATIONS.length;
}
