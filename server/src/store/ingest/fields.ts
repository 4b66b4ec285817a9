import { isRealDate } from '@retailmind/sdk/contract';
import type { InValue } from '@libsql/client';

/**
 * Cell parsers for CSV ingest. Each takes the raw cell and returns the stored value or an
 * `Invalid` with a reason a person can act on ("must not be negative", not "invalid").
 * Plain functions rather than zod here: this is the per-row hot path (a zod object costs
 * ~8 µs a row, more than the whole budget for ingest at 100,000 rows/s); zod validates the API.
 */
export class Invalid {
  constructor(readonly reason: string) {}
}
export type CellParser = (raw: string) => InValue | Invalid;

const MAX_MONEY = 1e12;
const MAX_COUNT = 1e12;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const REQUIRED = new Invalid('is required');

export const text =
  (max = 200): CellParser =>
  (raw) => {
    const s = raw.trim();
    if (s.length === 0) return REQUIRED;
    return s.length > max ? new Invalid(`is longer than ${max} characters`) : s;
  };

/** An empty cell is `''`; sales use it for unattributed revenue. */
export const optionalText =
  (max = 200): CellParser =>
  (raw) => {
    const s = raw.trim();
    return s.length > max ? new Invalid(`is longer than ${max} characters`) : s;
  };

const NOT_A_DATE = new Invalid('is not a date as YYYY-MM-DD');
/** A file repeats a few hundred dates a million times: remember which strings are real dates. */
const realDates = new Map<string, boolean>();
function isDate(s: string): boolean {
  let ok = realDates.get(s);
  if (ok === undefined) {
    ok = DATE.test(s) && isRealDate(s);
    if (realDates.size < 100_000) realDates.set(s, ok);
  }
  return ok;
}

export const date = (): CellParser => (raw) => {
  const s = raw.trim();
  if (s.length === 0) return REQUIRED;
  return isDate(s) ? s : NOT_A_DATE;
};

/** An empty cell is `null` (an ongoing campaign has no end date). */
export const optionalDate = (): CellParser => (raw) => {
  const s = raw.trim();
  if (s.length === 0) return null;
  return isDate(s) ? s : NOT_A_DATE;
};

function number(raw: string, max: number): number | Invalid {
  const s = raw.trim();
  if (s.length === 0) return REQUIRED;
  if (!DECIMAL.test(s)) return new Invalid('is not a number');
  const n = Number(s);
  if (n < 0) return new Invalid('must not be negative');
  if (n > max) return new Invalid(`exceeds ${max}`);
  return n;
}

/** A non-negative whole number (impressions, clicks, orders…). */
export const count = (): CellParser => (raw) => {
  const n = number(raw, MAX_COUNT);
  if (n instanceof Invalid) return n;
  return Number.isInteger(n) ? n : new Invalid('must be a whole number');
};

/** A non-negative decimal amount of money, stored as integer micros so sums stay exact. */
export const money = (): CellParser => (raw) => {
  const n = number(raw, MAX_MONEY);
  return n instanceof Invalid ? n : Math.round(n * 1e6);
};
