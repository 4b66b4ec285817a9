import type { Client } from '@libsql/client';

/**
 * Engine configuration kept in the `settings` table. Config is not data: writing it bumps
 * `thresholds_version`, never `data_version`, so only the engine's caches notice.
 */

const THRESHOLDS_KEY = 'engine_thresholds';
const VERSION_KEY = 'thresholds_version';

export async function readStoredThresholds(db: Client): Promise<{ value: unknown; version: number }> {
  const result = await db.execute({
    sql: 'SELECT key, value FROM settings WHERE key IN (?, ?)',
    args: [THRESHOLDS_KEY, VERSION_KEY],
  });
  const map = new Map(result.rows.map((r) => [r['key'] as string, r['value'] as string]));
  const raw = map.get(THRESHOLDS_KEY);
  let value: unknown = null;
  try {
    value = raw === undefined ? null : (JSON.parse(raw) as unknown);
  } catch {
    value = null; // a hand-edited row that is not JSON falls back to the defaults
  }
  return { value, version: Number(map.get(VERSION_KEY) ?? 0) };
}

/** Stores the thresholds and bumps their version in one transaction; answers the new version. */
export async function writeStoredThresholds(db: Client, value: unknown): Promise<number> {
  const upsert = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
  const [, , read] = await db.batch(
    [
      { sql: upsert, args: [THRESHOLDS_KEY, JSON.stringify(value)] },
      {
        sql: `INSERT INTO settings (key, value) VALUES (?, '1')
              ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
        args: [VERSION_KEY],
      },
      { sql: 'SELECT value FROM settings WHERE key = ?', args: [VERSION_KEY] },
    ],
    'write',
  );
  return Number(read?.rows[0]?.['value'] ?? 0);
}
