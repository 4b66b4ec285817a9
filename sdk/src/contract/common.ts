import { z } from 'zod';

/** A calendar day, `YYYY-MM-DD`, that exists (no 2026-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'not a real calendar date');

export function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A query filter that may be given once (`?channel=a`) or repeated (`?channel=a&channel=b`). */
export const StringList = z
  .union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(100)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const DateRange = z.object({ from: IsoDate, to: IsoDate });
export type DateRange = z.infer<typeof DateRange>;

/** Every error the API returns has this shape. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A ratio or rate that is undefined when its denominator is zero. */
export const Ratio = z.number().nullable();

/** The date range and filters every dashboard read accepts, in one place for every query schema. */
export const rangeFields = { from: IsoDate.optional(), to: IsoDate.optional() };
export const filterFields = {
  ...rangeFields,
  channel: StringList.optional(),
  segment: StringList.optional(),
  campaign: StringList.optional(),
};

/** Refuses `from` after `to` on a query schema, naming `from`. */
export const rangeInOrder = <T extends { from?: string | undefined; to?: string | undefined }>(q: T) =>
  !(q.from && q.to) || q.from <= q.to;
export const RANGE_ORDER = { message: '`from` must not be after `to`', path: ['from'] };
