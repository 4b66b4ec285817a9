import type { Client } from '@libsql/client';
import type { IngestKind, IngestResponse } from '@retailmind/sdk/contract';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { BUMP_DATA_VERSION } from '../data-version.js';
import { markPending } from '../rollups.js';
import { IngestFileError } from './errors.js';
import { KINDS } from './kinds.js';
import { parseCsv, type ParseOptions, type ParsedBatch, type ParseSummary } from './parse.js';
import { parseInWorker } from './parse-thread.js';
import { upsertStatement } from './upsert.js';

export interface IngestOptions {
  /** Name reported back in each rejection; defaults to `<kind>.csv`. */
  fileName?: string;
  /** Valid rows written per transaction. */
  batchSize?: number;
  /** Rejections listed in the answer; all are counted. */
  maxRejectedListed?: number;
  onProgress?: (progress: { rowsRead: number; rowsStored: number; rowsRejected: number }) => void;
}

/** A file the ingest may open itself, on a worker thread (see parse-thread.ts). */
export class CsvFile {
  constructor(readonly path: string) {}
}

export type CsvSource = Readable | AsyncIterable<Uint8Array | string> | CsvFile;

/**
 * Streams one CSV file of the contract into the store. Rows are validated one by one (parse.ts);
 * valid rows are upserted in batches of one transaction each, marking the days they touch; the
 * Store rebuilds the rollups of those days when the load is done (see rollups.ts). Every
 * rejected row is reported with its line, column, value and reason.
 */
export async function ingestCsv(
  db: Client,
  kind: IngestKind,
  source: CsvSource,
  options: IngestOptions = {},
): Promise<IngestResponse> {
  const spec = KINDS[kind];
  const file = options.fileName ?? `${kind}.csv`;
  const parse: ParseOptions = {
    file,
    batchSize: options.batchSize ?? 10_000,
    maxListed: options.maxRejectedListed ?? 10_000,
    campaigns: spec.campaignRef === 'none' ? null : await loadCampaignIds(db),
  };
  let dataVersion = await readDataVersion(db);
  let rowsStored = 0;

  let batches: AsyncGenerator<ParsedBatch, ParseSummary> | null = null;
  try {
    // A file the worker can open is parsed there, overlapping the writes below; streams are parsed here.
    batches =
      (source instanceof CsvFile ? await parseInWorker(kind, source.path, parse) : null) ?? parseCsv(kind, toReadable(source), parse);
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        const { rowsRead, rowsRejected, rejected, rejectedTruncated, ignoredColumns } = next.value;
        return { kind, file, rowsRead, rowsStored, rowsRejected, rejected, rejectedTruncated, ignoredColumns, dataVersion };
      }
      const batch = next.value;
      await db.batch([upsertStatement(spec, batch.json), ...markPending(kind, batch.days), BUMP_DATA_VERSION], 'write');
      rowsStored += batch.rows;
      dataVersion += 1;
      options.onProgress?.({ rowsRead: batch.rowsRead, rowsStored, rowsRejected: batch.rowsRejected });
    }
  } catch (err) {
    // Whatever was stored so far stays stored (its days marked); the caller learns why the rest was not read.
    // Ending the parser stops its worker, if it has one.
    await batches?.return(undefined as never).catch(() => undefined);
    throw streamError(err);
  }
}

async function loadCampaignIds(db: Client): Promise<Set<string>> {
  const result = await db.execute('SELECT campaign_id FROM campaigns');
  return new Set(result.rows.map((r) => r['campaign_id'] as string));
}

export async function readDataVersion(db: Client): Promise<number> {
  const result = await db.execute(`SELECT value FROM settings WHERE key = 'data_version'`);
  return Number(result.rows[0]?.['value'] ?? 0);
}

function toReadable(source: CsvSource): Readable {
  if (source instanceof CsvFile) return createReadStream(source.path);
  return source instanceof Readable ? source : Readable.from(source);
}

function streamError(err: unknown): Error {
  if (err instanceof IngestFileError) return err;
  return err instanceof Error ? err : new Error(String(err));
}
