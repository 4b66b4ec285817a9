/**
 * Numbers through `Intl.NumberFormat` with the element's locale and currency: compact notation for
 * big values, percentages as percentages. Formatters are cached per locale and options.
 */
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      // an invalid locale or currency code from an attribute: fall back rather than break the page
      const { currency: _c, ...rest } = options;
      f = new Intl.NumberFormat(undefined, options.style === 'currency' ? { ...rest, style: 'currency', currency: 'USD' } : rest);
    }
    cache.set(key, f);
  }
  return f;
}

/** What a missing figure (a ratio whose denominator is zero) shows. */
export const NOT_AVAILABLE = '—';

/** From this absolute value on, figures are compact ("1.2M"). */
const COMPACT_FROM = 100_000;

export interface Formatter {
  /** Money in the currency: `$1,234.50`, `$575K`. */
  money(value: number | null | undefined, options?: { compact?: boolean }): string;
  /** A plain count: `1,234`, `27.5M`. */
  count(value: number | null | undefined): string;
  /** A fraction as a percentage: 0.0281 → `2.8%`. */
  fraction(value: number | null | undefined): string;
  /** A number already in percent: 98.1 → `98.1%`. */
  percent(value: number | null | undefined): string;
  /** A multiple: 3.14 → `3.14×`. */
  multiple(value: number | null | undefined): string;
  /** A signed change in percent: 12.3 → `+12.3%`. */
  signedPercent(value: number | null | undefined): string;
  /** A signed change in percentage points: 4.2 → `+4.2 pts`. */
  points(value: number | null | undefined): string;
  /** A calendar day `YYYY-MM-DD` in the locale: `Oct 2, 2026`. */
  date(iso: string | null | undefined): string;
}

export function formatter(locale: string | undefined, currency: string | undefined = 'USD'): Formatter {
  const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);
  return {
    money(value, options) {
      if (missing(value)) return NOT_AVAILABLE;
      const compact = options?.compact ?? Math.abs(value) >= COMPACT_FROM;
      return nf(locale, {
        style: 'currency',
        currency,
        ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : 2 }),
      }).format(value);
    },
    count(value) {
      if (missing(value)) return NOT_AVAILABLE;
      return nf(locale, Math.abs(value) >= COMPACT_FROM ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 0 }).format(value);
    },
    fraction(value) {
      if (missing(value)) return NOT_AVAILABLE;
      return nf(locale, { style: 'percent', maximumFractionDigits: Math.abs(value) < 0.1 ? 2 : 1 }).format(value);
    },
    percent(value) {
      if (missing(value)) return NOT_AVAILABLE;
      return nf(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
    },
    multiple(value) {
      if (missing(value)) return NOT_AVAILABLE;
      return `${nf(locale, { maximumFractionDigits: 2 }).format(value)}×`;
    },
    signedPercent(value) {
      if (missing(value)) return NOT_AVAILABLE;
      return nf(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value / 100);
    },
    points(value) {
      if (missing(value)) return NOT_AVAILABLE;
      return `${nf(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value)} pts`;
    },
    date(iso) {
      if (!iso) return NOT_AVAILABLE;
      const d = new Date(`${iso}T00:00:00Z`);
      if (Number.isNaN(d.getTime())) return iso;
      try {
        return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
      } catch {
        return iso;
      }
    },
  };
}
