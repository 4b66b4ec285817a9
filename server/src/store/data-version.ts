import type { InStatement } from '@libsql/client';

/** Ends every ingest batch, in the same transaction: caches keyed by the data version see the change. */
export const BUMP_DATA_VERSION: InStatement = {
  sql: `UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'`,
  args: [],
};
