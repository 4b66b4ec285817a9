import type { Client, InStatement, InValue } from '@libsql/client';
import type { IngestKind, IngestResponse, RejectedRow } from '@retailmind/sdk/contract';
import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BUMP_DATA_VERSION, refreshCampaignDays, refreshUnattributedDays } from '../rollups.js';
import { IngestFileError } from './errors.js';
import { KINDS, type KindSpec } from './kinds.js';
import { upsertStatements } from './upsert.js';

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

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Streams one CSV file of the contract into the store. Rows are validated one by one; valid
 * rows are upserted in batches, each batch one transaction together with its rollup updates
 * and a data-version bump. Every rejected row is reported with its line, column, value and reason.
 */
export async function ingestCsv(
  db: Client,
  kind: IngestKind,
  source: CsvSource,
  options: IngestOptions = {},
): Promise<IngestResponse> {
  const spec = KINDS[kind];
  const file = options.fileName ?? `${kind}.csv`;
  const batchSize = options.batchSize ?? 5000;
  const maxListed = options.maxRejectedListed ?? 10_000;

  const knownCampaigns = spec.campaignRef === 'none' ? null : await loadCampaignIds(db);
  const seenKeys = new Map<string, number>();
  const rejected: RejectedRow[] = [];
  let rowsRead = 0;
  let rowsStored = 0;
  let rowsRejected = 0;
  let problemsSeen = 0;
  let dataVersion = await readDataVersion(db);
  let pending: Record<string, InValue>[] = [];
  let header: { index: Map<string, number>; ignored: string[] } | null = null;

  const reject = (line: number, column: string | null, value: string | null, reason: string) => {
    problemsSeen += 1;
    if (rejected.length < maxListed) rejected.push({ file, line, column, value, reason });
  };

  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const statements = [...upsertStatements(spec, rows), ...(await rollupStatements(db, spec, rows)), BUMP_DATA_VERSION];
    await db.batch(statements, 'write');
    rowsStored += rows.length;
    dataVersion += 1;
    options.onProgress?.({ rowsRead, rowsStored, rowsRejected });
  };

  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    skip_records_with_error: true,
    // Called as the parser meets the bad record, which may be before the loop below has
    // taken the header from the parser's buffer, so it must not depend on `header`.
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      rowsRead += 1;
      rowsRejected += 1;
      reject(Number(err.lines ?? 0), null, null, `unreadable CSV: ${err.message}`);
    },
  });
  const feeding = pipeline(toReadable(source), parser).catch((err: unknown) => {
    parser.destroy(err instanceof Error ? err : new Error(String(err)));
  });

  try {
    for await (const { record, info } of parser as AsyncIterable<ParsedRecord>) {
      if (!header) {
        header = readHeader(spec, record, file);
        continue;
      }
      rowsRead += 1;
      const problem = validateRow(spec, header.index, record, info.lines, knownCampaigns, seenKeys);
      if ('problems' in problem) {
        rowsRejected += 1;
        for (const p of problem.problems) reject(info.lines, p.column, p.value, p.reason);
        continue;
      }
      pending.push(problem.row);
      if (pending.length >= batchSize) await flush();
    }
    await feeding;
  } catch (err) {
    // Whatever was valid so far stays stored; the caller learns why the rest was not read.
    if (err instanceof IngestFileError) throw err;
    throw streamError(err);
  }
  if (!header && rejected[0])
    throw new IngestFileError(400, 'unreadable_file', `${file} has no readable header row: ${rejected[0].reason}`, { rejected });
  if (!header) throw new IngestFileError(400, 'empty_file', `${file} is empty: expected a header row`);
  await flush();

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

function readHeader(spec: KindSpec, record: string[], file: string) {
  const names = record.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  const duplicates: string[] = [];
  names.forEach((name, i) => {
    if (index.has(name)) duplicates.push(name);
    else index.set(name, i);
  });
  if (duplicates.length > 0)
    throw new IngestFileError(400, 'duplicate_columns', `${file} names a column twice: ${duplicates.join(', ')}`, {
      file,
      columns: duplicates,
    });
  const missing = spec.columns.filter((c) => !index.has(c));
  if (missing.length > 0)
    throw new IngestFileError(
      400,
      'missing_columns',
      `${file} is missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${spec.columns.join(', ')}`,
      { file, missing, expected: spec.columns, found: record },
    );
  const ignored = names.filter((n) => !spec.columns.includes(n));
  return { index, ignored };
}

type RowResult =
  | { row: Record<string, InValue> }
  | { problems: Array<{ column: string | null; value: string | null; reason: string }> };

function validateRow(
  spec: KindSpec,
  index: Map<string, number>,
  record: string[],
  line: number,
  knownCampaigns: Set<string> | null,
  seenKeys: Map<string, number>,
): RowResult {
  if (record.length < index.size)
    return { problems: [{ column: null, value: null, reason: `row has ${record.length} fields, header has ${index.size}` }] };
  const cells: Record<string, string> = {};
  for (const column of spec.columns) cells[column] = record[index.get(column)!] ?? '';

  const parsed = spec.schema.safeParse(cells);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => {
        const column = typeof issue.path[0] === 'string' ? issue.path[0] : null;
        return { column, value: column === null ? null : (cells[column] ?? null), reason: `${column ?? 'row'} ${issue.message}` };
      }),
    };
  }
  const row = parsed.data as Record<string, InValue>;

  if (knownCampaigns) {
    const id = row['campaign_id'] as string;
    if (!(spec.campaignRef === 'empty-ok' && id === '') && !knownCampaigns.has(id))
      return { problems: [{ column: 'campaign_id', value: id, reason: 'campaign_id is not a known campaign (ingest campaigns.csv first)' }] };
  }

  const key = spec.key.map((k) => String(row[k])).join('\u0000');
  const firstLine = seenKeys.get(key);
  if (firstLine !== undefined)
    return {
      problems: [{ column: null, value: null, reason: `duplicate of line ${firstLine} (same ${spec.key.join(', ')})` }],
    };
  seenKeys.set(key, line);
  return { row };
}

async function rollupStatements(db: Client, spec: KindSpec, rows: Record<string, InValue>[]): Promise<InStatement[]> {
  switch (spec.kind) {
    case 'campaign_daily':
      return refreshCampaignDays(rows.map((r) => [r['date'] as string, r['campaign_id'] as string]));
    case 'sales_daily': {
      const attributed = rows.filter((r) => r['campaign_id'] !== '');
      const unattributedDates = [...new Set(rows.filter((r) => r['campaign_id'] === '').map((r) => r['date'] as string))];
      return [
        ...refreshCampaignDays(attributed.map((r) => [r['date'] as string, r['campaign_id'] as string])),
        ...refreshUnattributedDays(unattributedDates),
      ];
    }
    case 'campaigns':
      return refreshCampaignDays(await daysOfMovedCampaigns(db, rows));
    default:
      return [];
  }
}

/** Campaign-days whose rollup rows must move because their campaign changed channel or segment. */
async function daysOfMovedCampaigns(db: Client, rows: Record<string, InValue>[]): Promise<Array<[string, string]>> {
  const incoming = new Map(rows.map((r) => [r['campaign_id'] as string, r]));
  const current = await db.execute({
    sql: 'SELECT campaign_id, channel, segment FROM campaigns WHERE campaign_id IN (SELECT value FROM json_each(?))',
    args: [JSON.stringify([...incoming.keys()])],
  });
  const moved = current.rows
    .filter((c) => {
      const next = incoming.get(c['campaign_id'] as string);
      return next && (next['channel'] !== c['channel'] || next['segment'] !== c['segment']);
    })
    .map((c) => c['campaign_id'] as string);
  if (moved.length === 0) return [];
  const days = await db.execute({
    sql: 'SELECT date, campaign_id FROM campaign_day WHERE campaign_id IN (SELECT value FROM json_each(?))',
    args: [JSON.stringify(moved)],
  });
  return days.rows.map((d) => [d['date'] as string, d['campaign_id'] as string]);
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
  const e = err as { code?: string; message?: string; status?: number };
  if (e?.status === 413 || e?.code === 'PAYLOAD_TOO_LARGE')
    return new IngestFileError(413, 'payload_too_large', e.message ?? 'the file is too large');
  return err instanceof Error ? err : new Error(String(err));
}
