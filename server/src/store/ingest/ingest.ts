import type { Client, InValue } from '@libsql/client';
import type { IngestKind, IngestResponse, RejectedRow } from '@retailmind/sdk/contract';
import { Readable } from 'node:stream';
import { BUMP_DATA_VERSION } from '../data-version.js';
import { markPending } from '../rollups.js';
import { csvRecords } from './csv-rows.js';
import { IngestFileError } from './errors.js';
import { Invalid } from './fields.js';
import { KINDS, type KindSpec } from './kinds.js';
import { KeyLines } from './key-lines.js';
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

export type CsvSource = Readable | AsyncIterable<Uint8Array | string>;

type Problem = { column: string | null; value: string | null; reason: string };

/**
 * Streams one CSV file of the contract into the store. Rows are validated one by one; valid
 * rows are upserted in batches of one transaction each, marking the days they touch; the Store
 * rebuilds the rollups of those days when the load is done (see rollups.ts). Every rejected row is reported with
 * its line, column, value and reason.
 */
export async function ingestCsv(
  db: Client,
  kind: IngestKind,
  source: CsvSource,
  options: IngestOptions = {},
): Promise<IngestResponse> {
  const spec = KINDS[kind];
  const file = options.fileName ?? `${kind}.csv`;
  const batchSize = options.batchSize ?? 10_000;
  const maxListed = options.maxRejectedListed ?? 10_000;

  const validator = rowValidator(spec, spec.campaignRef === 'none' ? null : await loadCampaignIds(db));
  const rejected: RejectedRow[] = [];
  let rowsRead = 0;
  let rowsStored = 0;
  let rowsRejected = 0;
  let problemsSeen = 0;
  let dataVersion = await readDataVersion(db);
  let pending: InValue[][] = [];
  let header: { index: number[]; ignored: string[] } | null = null;

  const reject = (line: number, problems: Problem[]) => {
    rowsRejected += 1;
    for (const p of problems) {
      problemsSeen += 1;
      if (rejected.length < maxListed) rejected.push({ file, line, ...p });
    }
  };

  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const json = JSON.stringify(rows);
    await db.batch([upsertStatement(spec, json), ...markPending(kind, rows), BUMP_DATA_VERSION], 'write');
    rowsStored += rows.length;
    dataVersion += 1;
    options.onProgress?.({ rowsRead, rowsStored, rowsRejected });
  };

  try {
    for await (const records of csvRecords(toReadable(source))) {
      for (const record of records) {
        if ('error' in record) {
          // A header that cannot be read makes the whole file unreadable.
          if (!header) throw new IngestFileError(400, 'unreadable_file', `${file} has no readable header row: ${record.error}`);
          rowsRead += 1;
          reject(record.line, [{ column: null, value: null, reason: `unreadable CSV: ${record.error}` }]);
          continue;
        }
        if (!header) {
          header = readHeader(spec, record.cells, file);
          continue;
        }
        rowsRead += 1;
        const result = validator(header.index, record.cells, record.line);
        if (Array.isArray(result)) {
          pending.push(result);
          if (pending.length >= batchSize) await flush();
        } else reject(record.line, result.problems);
      }
    }
    await flush();
  } catch (err) {
    // Whatever was stored so far stays stored (its days marked); the caller learns why the rest was not read.
    throw streamError(err);
  }
  if (!header) throw new IngestFileError(400, 'empty_file', `${file} is empty: expected a header row`);

  return {
    kind,
    file,
    rowsRead,
    rowsStored,
    rowsRejected,
    rejected,
    rejectedTruncated: problemsSeen > rejected.length,
    ignoredColumns: header.ignored,
    dataVersion,
  };
}

/** Maps each contract column to its position in this file's header, or refuses the file. */
function readHeader(spec: KindSpec, cells: string[], file: string) {
  const names = cells.map((h) => h.trim().toLowerCase());
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicates.length > 0)
    throw new IngestFileError(400, 'duplicate_columns', `${file} names a column twice: ${duplicates.join(', ')}`, { file, columns: duplicates });
  const expected = spec.columns.map((c) => c.name);
  const missing = expected.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new IngestFileError(
      400,
      'missing_columns',
      `${file} is missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${expected.join(', ')}`,
      { file, missing, expected, found: cells },
    );
  return { index: expected.map((c) => names.indexOf(c)), ignored: names.filter((n) => !expected.includes(n)) };
}

/** Validates rows of one file: cells, cross-column rules, campaign references, duplicate keys. */
function rowValidator(spec: KindSpec, knownCampaigns: Set<string> | null) {
  const keys = new KeyLines(spec.key.length);
  const keyCells: string[] = new Array(spec.key.length);
  const keyIndexes = spec.key.map((k) => spec.columns.findIndex((c) => c.name === k));
  const campaignIndex = spec.columns.findIndex((c) => c.name === 'campaign_id');
  const width = spec.columns.length;

  let needed = -1;
  return (index: number[], cells: string[], line: number): InValue[] | { problems: Problem[] } => {
    if (needed < 0) needed = Math.max(...index) + 1;
    if (cells.length < needed)
      return { problems: [{ column: null, value: null, reason: `row has ${cells.length} fields, header has ${needed}` }] };
    const row = new Array<InValue>(width);
    let problems: Problem[] | null = null;
    for (let i = 0; i < width; i++) {
      const column = spec.columns[i]!;
      const raw = cells[index[i]!]!;
      const value = column.parse(raw);
      if (value instanceof Invalid) (problems ??= []).push({ column: column.name, value: raw, reason: `${column.name} ${value.reason}` });
      else row[i] = value;
    }
    if (problems) return { problems };
    for (const rule of spec.rules) {
      const broken = rule(row);
      if (broken) return { problems: [{ column: broken.column, value: String(row[spec.columns.findIndex((c) => c.name === broken.column)]), reason: broken.reason }] };
    }
    if (knownCampaigns) {
      const id = row[campaignIndex] as string;
      if (!(spec.campaignRef === 'empty-ok' && id === '') && !knownCampaigns.has(id))
        return { problems: [{ column: 'campaign_id', value: id, reason: 'campaign_id is not a known campaign (ingest campaigns.csv first)' }] };
    }
    for (let j = 0; j < keyIndexes.length; j++) keyCells[j] = String(row[keyIndexes[j]!]);
    const firstLine = keys.firstLine(keyCells, line);
    if (firstLine !== undefined)
      return { problems: [{ column: null, value: null, reason: `duplicate of line ${firstLine} (same ${spec.key.join(', ')})` }] };
    return row;
  };
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
  return source instanceof Readable ? source : Readable.from(source);
}

function streamError(err: unknown): Error {
  if (err instanceof IngestFileError) return err;
  return err instanceof Error ? err : new Error(String(err));
}
