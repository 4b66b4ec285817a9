import type { InStatement, InValue } from '@libsql/client';
import type { KindSpec } from './kinds.js';

/** Rows per INSERT: a multi-row VALUES list cuts per-statement overhead by two orders of magnitude. */
const ROWS_PER_STATEMENT = 400;

/** Upserts on the kind's natural key, so re-ingesting a row updates it instead of counting it twice. */
export function upsertStatements(spec: KindSpec, rows: Record<string, InValue>[]): InStatement[] {
  const cols = spec.dbColumns;
  const keyCols = spec.key.map((k) => cols[spec.columns.indexOf(k)]!);
  const updates = cols.filter((c) => !keyCols.includes(c)).map((c) => `${c} = excluded.${c}`);
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  const statements: InStatement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const args: InValue[] = [];
    for (const row of chunk) for (const column of spec.columns) args.push(row[column] ?? null);
    statements.push({
      sql: `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}
            ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
      args,
    });
  }
  return statements;
}
