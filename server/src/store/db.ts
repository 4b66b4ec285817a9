import { createClient, type Client } from '@libsql/client';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.js';

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
  const client = createClient({ url: normalized, ...(authToken ? { authToken } : {}) });
  if (isLocal(normalized)) {
    // WAL lets readers proceed while an ingest batch writes; NORMAL sync is safe under WAL.
    await client.execute('PRAGMA journal_mode = WAL').catch(() => undefined);
    await client.execute('PRAGMA synchronous = NORMAL');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  await migrate(client);
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
