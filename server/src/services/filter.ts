import type { z } from 'zod';
import type { SummaryQuery } from '@retailmind/sdk/contract';
import { addDays, daysBetween } from '../dates.js';
import { ApiError } from '../http/errors.js';
import type { Filter } from '../store/queries.js';
import type { Store } from '../store/store.js';

/** Days in the default range: the last 30 days present in the data. */
export const DEFAULT_RANGE_DAYS = 30;
/** Longest range a request may ask for, so one call cannot scan decades. */
export const MAX_RANGE_DAYS = 3660;

type FilterQuery = Pick<z.output<typeof SummaryQuery>, 'from' | 'to' | 'channel' | 'segment' | 'campaign'>;

/**
 * Turns a validated query into a filter: fills the default range from the data and refuses
 * names the data does not have (a typo must not read as "zero revenue").
 */
export async function resolveFilter(store: Store, query: FilterQuery): Promise<Filter> {
  const dims = await store.dimensions();
  const latest = dims.maxDate ?? new Date().toISOString().slice(0, 10);
  const to = query.to ?? (query.from ? maxDate(query.from, latest) : latest);
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) throw new ApiError(400, 'invalid_query', 'query parameter `from`: must not be after `to`', { fields: [{ field: 'from', message: 'must not be after `to`' }] });
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
    throw new ApiError(400, 'invalid_query', `query parameter \`from\`: the range may span at most ${MAX_RANGE_DAYS} days`, {
      fields: [{ field: 'from', message: `range longer than ${MAX_RANGE_DAYS} days` }],
    });
  checkKnown('channel', query.channel, dims.channels);
  checkKnown('segment', query.segment, dims.segments);
  checkKnown('campaign', query.campaign, dims.campaignIds);
  return { from, to, channels: query.channel, segments: query.segment, campaigns: query.campaign };
}

function maxDate(a: string, b: string) {
  return a > b ? a : b;
}

function checkKnown(field: string, values: string[] | undefined, known: string[]) {
  if (!values) return;
  const set = new Set(known);
  const unknown = values.filter((v) => !set.has(v));
  if (unknown.length > 0)
    throw new ApiError(400, `unknown_${field}`, `query parameter \`${field}\`: no ${field} named ${unknown.map((u) => JSON.stringify(u)).join(', ')} in the data`, {
      fields: [{ field, message: 'not in the data' }],
      unknown,
    });
}
