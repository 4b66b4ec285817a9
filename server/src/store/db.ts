import { createClient, type Client } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.js';
import { hasPendingRollups, rebuildPendingRollups } from './rollups.js';

/**
 * Opens the libSQL database named by `url` (`:memory:`, `file:path`, a bare path, or a remote
 * `libsql://`/`http(s)://` URL) and brings its schema up to date.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Client> {
  const normalized = normalizeUrl(url);
  if (normalized.startsWith('file:')) {
    const path = normalized.slice('file:'.length);
    if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  }
  const local = isLocal(normalized);
  // One connection for a local database: the driver is synchronous under the hood, so more
  // connections add no parallelism, and the pragmas below are per connection.
  const client = createClient({ url: normalized, ...(authToken ? { authToken } : {}), ...(local ? { concurrency: 1 } : {}) });
  if (local) {
    // WAL lets readers proceed while an ingest batch writes; NORMAL sync is safe under WAL.
    await client.execute('PRAGMA journal_mode = WAL').catch(() => undefined);
    await client.execute('PRAGMA synchronous = NORMAL');
    await client.execute('PRAGMA foreign_keys = ON');
    // The rollup keyed by campaign takes rows in date order: a 64 MB page cache keeps those
    // scattered inserts in memory (the 2 MB default made ingest at scale 4× slower).
    await client.execute('PRAGMA cache_size = -65536');
    await client.execute('PRAGMA temp_store = MEMORY');
  }
  await migrate(client);
  // An ingest stopped between storing rows and rebuilding their rollups finishes here.
  if (await hasPendingRollups(client)) await rebuildPendingRollups(client);
  return client;
}

function normalizeUrl(url: string): string {
  if (url === ':memory:') return ':memory:';
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z]:[\\/]/i.test(url)) return url;
  return `file:${url}`;
}

function isLocal(url: string): boolean {
  return url === ':memory:' || url.startsWith('file:');
}
