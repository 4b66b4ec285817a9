/** CSV writing (RFC 4180 quoting) and the number formats of the data contract. */

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes a field when it holds a comma, quote, CR or LF; inner quotes are doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (no line ending) from raw field values. */
export function csvLine(fields: readonly string[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ',';
    out += csvField(fields[i]!);
  }
  return out;
}

/** Joins pre-serialised lines into a file: header first, LF line endings, trailing newline. */
export function csvDocument(header: readonly string[], lines: readonly string[]): string {
  return lines.length === 0 ? `${csvLine(header)}\n` : `${csvLine(header)}\n${lines.join('\n')}\n`;
}

/** Integer cents (>= 0) as a decimal with exactly two places: 1234 -> "12.34". */
export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents - whole * 100;
  return rest < 10 ? `${whole}.0${rest}` : `${whole}.${rest}`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const COMMA = 44;
const LF = 10;
const DOT = 46;
const ZERO = 48;

/**
 * Builds a CSV file as UTF-8 bytes in one growing buffer: no string per row, so a million rows
 * make almost no garbage. Text fields are encoded (and quoted) once with `encodeField` and reused.
 */
export class CsvWriter {
  private buf: Uint8Array;
  private len = 0;
  rows = 0;

  constructor(header: readonly string[], capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(1024, capacity));
    this.raw(encoder.encode(`${csvLine(header)}\n`));
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** A pre-encoded field (see `encodeField`), preceded by a comma unless it starts the row. */
  field(bytes: Uint8Array, first = false): this {
    this.ensure(bytes.length + 1);
    if (!first) this.buf[this.len++] = COMMA;
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** A non-negative whole number. */
  int(n: number, first = false): this {
    this.ensure(18);
    if (!first) this.buf[this.len++] = COMMA;
    this.digits(n);
    return this;
  }

  /** Integer cents as a decimal with two places. */
  cents(c: number, first = false): this {
    this.ensure(21);
    if (!first) this.buf[this.len++] = COMMA;
    const whole = Math.floor(c / 100);
    const rest = c - whole * 100;
    this.digits(whole);
    this.buf[this.len++] = DOT;
    this.buf[this.len++] = ZERO + Math.floor(rest / 10);
    this.buf[this.len++] = ZERO + (rest % 10);
    return this;
  }

  /** Ends the row. */
  end(): void {
    this.ensure(1);
    this.buf[this.len++] = LF;
    this.rows++;
  }

  private digits(n: number): void {
    if (n < 10) {
      this.buf[this.len++] = ZERO + n;
      return;
    }
    let count = 0;
    for (let x = n; x >= 1; x = Math.floor(x / 10)) count++;
    let x = n;
    for (let i = this.len + count - 1; i >= this.len; i--) {
      const q = Math.floor(x / 10);
      this.buf[i] = ZERO + (x - q * 10);
      x = q;
    }
    this.len += count;
  }

  toString(): string {
    return decoder.decode(this.buf.subarray(0, this.len));
  }
}

/** A text field quoted as needed and encoded as UTF-8, ready for `CsvWriter.field`. */
export function encodeField(value: string): Uint8Array {
  return encoder.encode(csvField(value));
}
