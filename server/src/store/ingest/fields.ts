import { isRealDate } from '@retailmind/sdk/contract';
import { z } from 'zod';

/**
 * Field parsers for CSV cells. Each takes the raw cell text and either returns the stored value
 * or fails with a reason a person can act on ("must not be negative", not "invalid").
 */

const MAX_MONEY = 1e12;
const MAX_COUNT = 1e12;

export const text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `is longer than ${max} characters`);

/** An empty cell is `''`; sales use it for unattributed revenue. */
export const optionalText = (max = 200) => z.string().trim().max(max, `is longer than ${max} characters`);

export const date = () =>
  z
    .string()
    .trim()
    .refine((s) => s.length > 0, 'is required')
    .refine((s) => s.length === 0 || (/^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s)), 'is not a date as YYYY-MM-DD');

export const optionalDate = () =>
  z
    .string()
    .trim()
    .refine((s) => s.length === 0 || (/^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s)), 'is not a date as YYYY-MM-DD')
    .transform((s) => (s.length === 0 ? null : s));

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A non-negative whole number (impressions, clicks, orders…). */
export const count = () =>
  z.string().transform((raw, ctx) => {
    const s = raw.trim();
    if (s.length === 0) return fail(ctx, 'is required');
    if (!DECIMAL.test(s)) return fail(ctx, 'is not a number');
    const n = Number(s);
    if (n < 0) return fail(ctx, 'must not be negative');
    if (!Number.isInteger(n)) return fail(ctx, 'must be a whole number');
    if (n > MAX_COUNT) return fail(ctx, `exceeds ${MAX_COUNT}`);
    return n;
  });

/** A non-negative decimal amount of money, stored as integer micros so sums stay exact. */
export const money = () =>
  z.string().transform((raw, ctx) => {
    const s = raw.trim();
    if (s.length === 0) return fail(ctx, 'is required');
    if (!DECIMAL.test(s)) return fail(ctx, 'is not a number');
    const n = Number(s);
    if (n < 0) return fail(ctx, 'must not be negative');
    if (n > MAX_MONEY) return fail(ctx, `exceeds ${MAX_MONEY}`);
    return Math.round(n * 1e6);
  });

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}
