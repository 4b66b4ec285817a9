/**
 * CSV for exports (RFC 4180): UTF-8 with a byte-order mark (so spreadsheet programs read names in
 * any script as UTF-8), a header row, CRLF line ends, fields quoted when they hold a comma, quote,
 * line break or edge spaces. Numbers are written as they are (`1234.5`, `-0.35`), never formatted.
 *
 * Formula injection: a text cell that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return, also after leading spaces, or their full-width forms) gets
 * a single quote in front, so `=HYPERLINK(…)` is shown as text. Numeric cells are numbers and are
 * left alone, so `-0.35` stays a number.
 */

export type Cell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[\s]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, neutralised and quoted as needed. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value === 0 ? 0 : value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * The CSV as a stream: the header, then `rowsPerChunk` rows per chunk, each produced only when
 * the client reads on, so a large export never sits in memory as one string.
 */
export function csvStream(header: readonly string[], rows: Iterable<readonly Cell[]>, rowsPerChunk = 500): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.iterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = started ? '' : BOM + csvLine(header);
      started = true;
      for (let i = 0; i < rowsPerChunk; i++) {
        const next = iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(text));
    },
    cancel() {
      iterator.return?.();
    },
    // Nothing is read ahead: a chunk is produced when the client asks for it.
  }, { highWaterMark: 0 });
}
