import type { IngestKind, IngestResponse } from '@retailmind/sdk/contract';
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CsvFile, type IngestOptions } from './ingest.js';
import { INGEST_ORDER } from './kinds.js';
import type { Store } from '../store.js';

/** The contract kind a file is, from its base name (`sales_daily.csv` → `sales_daily`). */
export function kindOfFile(path: string): IngestKind | null {
  const name = basename(path).replace(/\.csv$/i, '');
  return (INGEST_ORDER as readonly string[]).includes(name) ? (name as IngestKind) : null;
}

/** The contract's files present in a directory, or the one file given, in ingest order. */
export function contractFiles(path: string): Array<{ kind: IngestKind; path: string }> {
  if (!existsSync(path)) throw new Error(`no such file or directory: ${path}`);
  if (statSync(path).isFile()) {
    const kind = kindOfFile(path);
    if (!kind) throw new Error(`${basename(path)} is not a contract file; expected one of ${INGEST_ORDER.map((k) => `${k}.csv`).join(', ')}`);
    return [{ kind, path }];
  }
  return INGEST_ORDER.map((kind) => ({ kind, path: join(path, `${kind}.csv`) })).filter((f) => existsSync(f.path));
}

/** Ingests every contract file found at `path`, campaigns first, as one load. */
export function ingestPath(
  store: Store,
  path: string,
  options: (file: { kind: IngestKind; path: string }) => IngestOptions = () => ({}),
): Promise<IngestResponse[]> {
  return store.ingestFiles(
    contractFiles(path).map((file) => ({
      kind: file.kind,
      open: () => new CsvFile(file.path),
      options: { fileName: basename(file.path), ...options(file) },
    })),
  );
}
