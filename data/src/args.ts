import { type GenerateOptions, OptionsError } from './options.js';

export interface CliArgs {
  options: GenerateOptions;
  out: string;
  help: boolean;
}

export const USAGE = `Usage: npx tsx data/generate.ts --out DIR [options]

Writes campaigns.csv, campaign_daily.csv, sales_daily.csv, customer_daily.csv, budgets.csv,
truth.json and anomalies_truth.csv into DIR. Same options => byte-identical files.

Options:
  --out DIR          output directory (required; created if missing)
  --seed N           PRNG seed, a non-negative integer (default 42)
  --days D           days of data, at least 14 (default 60)
  --campaigns C      number of campaigns, at least 1 (default 24)
  --channels LIST    channel names, comma-separated ("a,b,c") or a JSON array
                     ('["Search, brand","TV"]') for names containing commas
                     (default "Paid Search,Social,Email,Display,Affiliate,Video")
  --segments LIST    segment names, same format (default "New Customers,Returning,Loyalty Members")
  --end YYYY-MM-DD   last day of data (default 2026-10-31)
  --products N       size of the product catalogue (default 8)
  -h, --help         show this help`;

const INT_FLAGS = ['seed', 'days', 'campaigns', 'products'] as const;

function parseInt(flag: string, raw: string): number {
  if (!/^[+-]?\d+$/.test(raw.trim())) throw new OptionsError(`--${flag} must be a whole number (got "${raw}")`);
  return Number(raw);
}

function parseList(flag: string, raw: string): string[] {
  const s = raw.trim();
  if (s.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(s);
    } catch {
      throw new OptionsError(`--${flag}: not a valid JSON array`);
    }
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string'))
      throw new OptionsError(`--${flag}: the JSON array must hold only strings`);
    return parsed;
  }
  return s.split(',').map((x) => x.trim());
}

/** Parses `--flag value` / `--flag=value` arguments; throws `OptionsError` on anything unknown or malformed. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const options: GenerateOptions = {};
  let out: string | undefined;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { options, out: out ?? '', help: true };
    if (!arg.startsWith('--')) throw new OptionsError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new OptionsError(`--${flag} needs a value`);
      i++;
    }
    if (seen.has(flag)) throw new OptionsError(`--${flag} is given twice`);
    seen.add(flag);
    if ((INT_FLAGS as readonly string[]).includes(flag)) {
      options[flag as (typeof INT_FLAGS)[number]] = parseInt(flag, value);
    } else if (flag === 'channels' || flag === 'segments') {
      options[flag] = parseList(flag, value);
    } else if (flag === 'end') {
      options.end = value.trim();
    } else if (flag === 'out') {
      if (value.trim() === '') throw new OptionsError('--out needs a directory');
      out = value;
    } else {
      throw new OptionsError(`unknown option --${flag}`);
    }
  }
  if (out === undefined) throw new OptionsError('--out DIR is required');
  return { options, out, help: false };
}
