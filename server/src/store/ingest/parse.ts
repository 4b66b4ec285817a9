import type { InValue } from '@libsql/client';
import type { IngestKind, RejectedRow } from '@retailmind/sdk/contract';
import type { Readable } from 'node:stream';
import { csvRecords } from './csv-rows.js';
import { IngestFileError } from './errors.js';
import { Invalid } from './fields.js';
import { KINDS, type KindSpec } from './kinds.js';
import { KeyLines } from './key-lines.js';

/** Valid rows ready to write: the rows as one JSON array, their distinct first fields (days), the counts so far. */
export interface ParsedBatch {
  json: string;
  rows: number;
  days: InValue[];
  rowsRead: number;
  rowsRejected: number;
}

/** What the whole file came to, once read. */
export interface ParseSummary {
  rowsRead: number;
  rowsRejected: number;
  rejected: RejectedRow[];
  rejectedTruncated: boolean;
  ignoredColumns: string[];
}

export interface ParseOptions {
  file: string;
  batchSize: number;
  maxListed: number;
  /** The known campaign ids, for kinds that reference campaigns. */
  campaigns: Set<string> | null;
}

type Problem = { column: string | null; value: string | null; reason: string };

/**
 * Reads and validates one CSV file of the contract, yielding its valid rows in batches of
 * `batchSize`; every rejected row is listed with its line, column, value and reason. The one
 * implementation, run in the ingesting thread or in a worker (parse-thread.ts).
 */
export async function* parseCsv(kind: IngestKind, source: Readable, options: ParseOptions): AsyncGenerator<ParsedBatch, ParseSummary> {
  const spec = KINDS[kind];
  const { file, batchSize, maxListed } = options;
  const validator = rowValidator(spec, spec.campaignRef === 'none' ? null : options.campaigns);
  const rejected: RejectedRow[] = [];
  let rowsRead = 0;
  let rowsRejected = 0;
  let problemsSeen = 0;
  let pending: InValue[][] = [];
  let days = new Set<InValue>();
  let header: { index: number[]; ignored: string[] } | null = null;

  const reject = (line: number, problems: Problem[]) => {
    rowsRejected += 1;
    for (const p of problems) {
      problemsSeen += 1;
      if (rejected.length < maxListed) rejected.push({ file, line, ...p });
    }
  };

  const batch = (): ParsedBatch => {
    const out = { json: JSON.stringify(pending), rows: pending.length, days: [...days], rowsRead, rowsRejected };
    pending = [];
    days = new Set();
    return out;
  };

  for await (const records of csvRecords(source)) {
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
        days.add(result[0]!);
        if (pending.length >= batchSize) yield batch();
      } else reject(record.line, result.problems);
    }
  }
  if (pending.length > 0) yield batch();
  if (!header) throw new IngestFileError(400, 'empty_file', `${file} is empty: expected a header row`);
  return { rowsRead, rowsRejected, rejected, rejectedTruncated: problemsSeen > rejected.length, ignoredColumns: header.ignored };
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
