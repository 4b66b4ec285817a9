import { z } from 'zod';
import { IsoDate } from './common.js';

export const MetaResponse = z.object({
  channels: z.array(z.string()),
  segments: z.array(z.string()),
  campaignCount: z.number().int(),
  dateRange: z.object({ min: IsoDate.nullable(), max: IsoDate.nullable() }),
  dataVersion: z.number().int(),
});
export type MetaResponse = z.infer<typeof MetaResponse>;

export const HealthResponse = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });
export type HealthResponse = z.infer<typeof HealthResponse>;
