import { parseIsoDay } from './dates.js';

/** What the generator can be asked for. Every field has a default. */
export interface GenerateOptions {
  /** PRNG seed, a non-negative integer. Default 42. */
  seed?: number;
  /** Number of days of data, ending on `end`. At least 14. Default 60. */
  days?: number;
  /** Number of campaigns. At least 1. Default 24. */
  campaigns?: number;
  /** Channel names (any text). Default the six in `DEFAULT_CHANNELS`. */
  channels?: readonly string[];
  /** Customer segment names (any text). Default the three in `DEFAULT_SEGMENTS`. */
  segments?: readonly string[];
  /** Last day of data, `YYYY-MM-DD`. Fixed default so output never depends on today. */
  end?: string;
  /** Size of the product catalogue. Default 8. */
  products?: number;
}

export type ResolvedOptions = Required<{ [K in keyof GenerateOptions]: NonNullable<GenerateOptions[K]> }> & {
  channels: string[];
  segments: string[];
};

export const DEFAULT_CHANNELS = ['Paid Search', 'Social', 'Email', 'Display', 'Affiliate', 'Video'] as const;
export const DEFAULT_SEGMENTS = ['New Customers', 'Returning', 'Loyalty Members'] as const;

export const DEFAULTS = {
  seed: 42,
  days: 60,
  campaigns: 24,
  end: '2026-10-31',
  products: 8,
} as const;

export const LIMITS = {
  minDays: 14,
  maxDays: 3660,
  maxCampaigns: 100_000,
  maxProducts: 1000,
  maxNames: 200,
  maxNameLength: 100,
  /** campaigns × days: beyond this the sales CSV would outgrow a JavaScript string. */
  maxCampaignDays: 4_000_000,
} as const;

/** A bad option: the CLI prints the message and exits with status 2. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

function int(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new OptionsError(`--${name} must be a whole number (got ${String(value)})`);
  if (value < min || value > max) throw new OptionsError(`--${name} must be between ${min} and ${max} (got ${value})`);
  return value;
}

function names(name: string, value: readonly string[] | undefined, fallback: readonly string[]): string[] {
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value)) throw new OptionsError(`--${name} must be a list of names`);
  const out = value.map((v) => (typeof v === 'string' ? v.trim() : ''));
  if (out.length < 1) throw new OptionsError(`--${name} needs at least one name`);
  if (out.length > LIMITS.maxNames) throw new OptionsError(`--${name} allows at most ${LIMITS.maxNames} names`);
  const seen = new Set<string>();
  for (const n of out) {
    if (n.length === 0) throw new OptionsError(`--${name} has an empty name`);
    if (n.length > LIMITS.maxNameLength)
      throw new OptionsError(`--${name}: "${n.slice(0, 20)}…" is longer than ${LIMITS.maxNameLength} characters`);
    if (seen.has(n)) throw new OptionsError(`--${name}: "${n}" is given twice`);
    seen.add(n);
  }
  return out;
}

/** Fills in defaults and checks every option; throws `OptionsError` on a bad one. */
export function resolveOptions(options: GenerateOptions = {}): ResolvedOptions {
  const seed = int('seed', options.seed ?? DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER);
  const days = int('days', options.days ?? DEFAULTS.days, LIMITS.minDays, LIMITS.maxDays);
  const campaigns = int('campaigns', options.campaigns ?? DEFAULTS.campaigns, 1, LIMITS.maxCampaigns);
  const products = int('products', options.products ?? DEFAULTS.products, 1, LIMITS.maxProducts);
  if (campaigns * days > LIMITS.maxCampaignDays)
    throw new OptionsError(
      `--campaigns × --days must be at most ${LIMITS.maxCampaignDays.toLocaleString('en-US')} (got ${(campaigns * days).toLocaleString('en-US')})`,
    );
  const end = options.end ?? DEFAULTS.end;
  if (typeof end !== 'string' || parseIsoDay(end) === null)
    throw new OptionsError(`--end must be a real date as YYYY-MM-DD (got ${String(end)})`);
  return {
    seed,
    days,
    campaigns,
    products,
    end,
    channels: names('channels', options.channels, DEFAULT_CHANNELS),
    segments: names('segments', options.segments, DEFAULT_SEGMENTS),
  };
}
