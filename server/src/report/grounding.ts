import type { ReportFacts } from '@retailmind/sdk/contract';
import type { WrittenReport } from './writer.js';

/**
 * The grounding check: every number a writer puts in a report must be one of the facts' numbers,
 * as written within its own rounding ("12%" stands for anything from 11.5 to 12.5, "1.23M" for
 * 1,225,000 to 1,235,000). A ratio may be written as a percentage and back (ROI 2.1 = 210%),
 * amounts may carry a currency symbol, thousands separators and a k / M / bn suffix. A number with
 * an explicit sign must match a fact of that sign; one without is matched by size, since direction
 * is usually in words ("fell 12%"). Dates must be dates of the facts. Digits inside names from the
 * facts (a campaign called "Q4 Push 2") are not claims and are skipped.
 *
 * What it does not read: numbers spelled out in words ("doubled", "three"); writers are told to
 * use digits.
 */

export interface GroundingOptions {
  /** Campaign names and ids that must not appear at all (the executive audience); problems do not repeat them. */
  forbidden?: readonly string[];
}

export interface GroundingResult {
  ok: boolean;
  /** One line per number, date or name that failed, e.g. `"999%" matches no fact`. */
  problems: string[];
}

export interface NumberToken {
  raw: string;
  /** The value as written, suffix applied, without sign. */
  value: number;
  /** Half a unit of the last digit written, suffix applied. */
  tolerance: number;
  unit: 'percent' | 'points' | 'times' | 'plain';
  sign: '+' | '-' | '';
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_PATTERN = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORD = '(?:st|nd|rd|th)?';

const monthIndex = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;

const SUFFIX: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };

/**
 * Numbers as written: optional sign (only right before the digits or a currency symbol, so the
 * dash of "70-115" is not one), currency symbol, digits with optional thousands separators and
 * decimals, an optional magnitude suffix, and a unit (%, points, ×).
 */
const NUMBER =
  /(?<![\p{L}\p{N}_.,])(?:(?<sign>(?<=^|[\s(\[{"'“‘:;/])[-−+])(?=[$€£¥\d]))?(?:[$€£¥]\s?)?(?<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<frac>\d+))?(?:\s?(?<suffix>thousand|million|billion|bn|mn|[kKmMB])(?![\p{L}\p{N}]))?(?<unit>\s?(?:%|per\s?cent\b|percentage points?\b|pp\b|points?\b|pts\b)|\s?[x×](?![\p{L}\p{N}]))?/gu;

/** Every number in `text`, in order. Call on text whose dates and names have been taken out. */
export function extractNumbers(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const g = match.groups ?? {};
    const decimals = g['frac']?.length ?? 0;
    const suffixKey = g['suffix'] ? (g['suffix'].length === 1 ? g['suffix'].toLowerCase() : g['suffix']) : '';
    const multiplier = suffixKey ? (SUFFIX[suffixKey] ?? 1) : 1;
    const value = Number(`${(g['int'] ?? '0').replace(/,/g, '')}.${g['frac'] ?? '0'}`) * multiplier;
    const unitText = (g['unit'] ?? '').trim().toLowerCase();
    const unit = unitText === '' ? 'plain' : unitText === 'x' || unitText === '×' ? 'times' : unitText.includes('point') || unitText === 'pp' || unitText === 'pts' ? 'points' : 'percent';
    const sign = g['sign'] === '+' ? '+' : g['sign'] ? '-' : '';
    tokens.push({ raw: match[0].trim(), value, tolerance: 0.5 * 10 ** -decimals * multiplier, unit, sign });
  }
  return tokens;
}

/** The numbers and the dates a report may state: every number in the facts but the data version. */
export function factValues(facts: ReportFacts): { numbers: number[]; dates: Set<string>; names: string[] } {
  const numbers = new Set<number>();
  const dates = new Set<string>();
  const names = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'number') {
      if (key !== 'dataVersion' && Number.isFinite(value)) numbers.add(value);
    } else if (typeof value === 'string') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) dates.add(value);
      else names.add(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(facts, '');
  return { numbers: [...numbers], dates, names: [...names] };
}

/** Whether a token stands for one of `facts` within its rounding (see the module comment). */
export function matchesFact(token: NumberToken, facts: readonly number[]): boolean {
  const tolerance = token.tolerance * (1 + 1e-9) + 1e-9;
  const scales = token.unit === 'percent' || token.unit === 'points' ? [1, 100] : token.unit === 'times' ? [1, 0.01] : [1, 100, 0.01];
  const signed = token.sign === '-' ? -token.value : token.value;
  for (const fact of facts)
    for (const scale of scales) {
      const candidate = fact * scale;
      if (token.sign === '' ? Math.abs(Math.abs(candidate) - token.value) <= tolerance : Math.abs(candidate - signed) <= tolerance) return true;
    }
  return false;
}

/** Checks every text field of a written report (and each highlight's value) against the facts. */
export function checkGrounding(written: WrittenReport, facts: ReportFacts, options: GroundingOptions = {}): GroundingResult {
  const { numbers, dates, names } = factValues(facts);
  const years = new Set([...dates].map((d) => Number(d.slice(0, 4))));
  const problems: string[] = [];
  const texts = [written.title, written.narrative, ...written.highlights.map((h) => h.text), ...written.recommendations];

  // The name itself stays out of the message: it is what this audience may not read.
  for (const text of [...texts, ...written.highlights.map((h) => h.metric)])
    if ((options.forbidden ?? []).some((name) => name && text.includes(name))) problems.push('names a campaign, which this audience may not see');
  for (const text of texts) {
    let rest = stripNames(text, names);
    rest = checkDates(rest, dates, problems);
    for (const token of extractNumbers(rest)) {
      const isYear = token.unit === 'plain' && token.sign === '' && token.tolerance === 0.5 && years.has(token.value) && /^\d{4}$/.test(token.raw);
      if (!isYear && !matchesFact(token, numbers)) problems.push(`${JSON.stringify(token.raw)} matches no fact`);
    }
  }
  for (const h of written.highlights) {
    // As the writer gave it (its digits are its rounding); tiny or huge values without exponent notation.
    const given = String(Math.abs(h.value));
    const [token] = extractNumbers(/e/i.test(given) ? Math.abs(h.value).toFixed(12) : given);
    if (!token || !matchesFact({ ...token, sign: h.value < 0 ? '-' : '' }, numbers))
      problems.push(`highlight value ${h.value} (${h.metric}) matches no fact`);
  }
  return { ok: problems.length === 0, problems: [...new Set(problems)] };
}

/** Takes names from the facts (those with a letter in them) out of the text, longest first. */
function stripNames(text: string, names: readonly string[]): string {
  let out = text;
  for (const name of [...names].filter((n) => /\p{L}/u.test(n) && /\d/.test(n)).sort((a, b) => b.length - a.length))
    out = out.split(name).join(' § ');
  return out;
}

/** Checks ISO and written-out dates against the facts' dates, and blanks them so their digits are not read as figures. */
function checkDates(text: string, dates: Set<string>, problems: string[]): string {
  const known = [...dates];
  const has = (month: number, day: number, year?: number) =>
    known.some((d) => Number(d.slice(5, 7)) === month && Number(d.slice(8, 10)) === day && (year === undefined || Number(d.slice(0, 4)) === year));
  const hasMonth = (month: number, year: number) => known.some((d) => Number(d.slice(5, 7)) === month && Number(d.slice(0, 4)) === year);
  const fail = (raw: string) => {
    problems.push(`date ${JSON.stringify(raw.trim())} is not a date of the facts`);
    return ' § ';
  };

  let out = text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (raw) => (dates.has(raw) ? ' § ' : fail(raw)));
  // "October 2–31, 2026", "Oct 14", "October 14, 2026"
  out = out.replace(
    new RegExp(`\\b${MONTH_PATTERN}\\.?\\s+(\\d{1,2})${ORD}(?:\\s*[-–]\\s*(\\d{1,2})${ORD})?(?:,?\\s+(\\d{4}))?\\b(?!\\s*%)`, 'giu'),
    (raw, month: string, d1: string, d2: string | undefined, year: string | undefined) => {
      const mi = monthIndex(month);
      const y = year ? Number(year) : undefined;
      return has(mi, Number(d1), y) && (d2 === undefined || has(mi, Number(d2), y)) ? ' § ' : fail(raw);
    },
  );
  // "14 October 2026", "2–31 October"
  out = out.replace(
    new RegExp(`\\b(\\d{1,2})${ORD}(?:\\s*[-–]\\s*(\\d{1,2})${ORD})?\\s+(?:of\\s+)?${MONTH_PATTERN}\\b(?:,?\\s+(\\d{4}))?`, 'giu'),
    (raw, d1: string, d2: string | undefined, month: string, year: string | undefined) => {
      const mi = monthIndex(month);
      const y = year ? Number(year) : undefined;
      return has(mi, Number(d1), y) && (d2 === undefined || has(mi, Number(d2), y)) ? ' § ' : fail(raw);
    },
  );
  // "October 2026"
  out = out.replace(new RegExp(`\\b${MONTH_PATTERN}\\s+(\\d{4})\\b`, 'giu'), (raw, month: string, year: string) =>
    hasMonth(monthIndex(month), Number(year)) ? ' § ' : fail(raw),
  );
  return out;
}
