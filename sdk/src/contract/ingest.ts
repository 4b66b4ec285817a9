import { z } from 'zod';

/** The five files of the data contract; `:kind` in `POST /api/ingest/:kind` is the file's base name. */
export const INGEST_KINDS = ['campaigns', 'campaign_daily', 'sales_daily', 'customer_daily', 'budgets'] as const;
export const IngestKind = z.enum(INGEST_KINDS);
export type IngestKind = z.infer<typeof IngestKind>;

export const IngestParams = z.object({ kind: IngestKind });

/** One row the ingest refused, and why. `line` is the 1-based line in the file (the header is line 1). */
export const RejectedRow = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

export const IngestResponse = z.object({
  kind: IngestKind,
  file: z.string(),
  rowsRead: z.number().int(),
  rowsStored: z.number().int(),
  rowsRejected: z.number().int(),
  /** Every rejected row, up to a cap; `rejectedTruncated` says when more were rejected than listed. */
  rejected: z.array(RejectedRow),
  rejectedTruncated: z.boolean(),
  /** Header columns the contract does not define; their cells are not stored. */
  ignoredColumns: z.array(z.string()),
  dataVersion: z.number().int(),
});
export type IngestResponse = z.infer<typeof IngestResponse>;
