/** Small robust statistics the engine shares. Inputs are never mutated. */

/** Reused scratch space: the engine takes millions of small medians, so they should not allocate. */
let scratch = new Float64Array(256);

function sortedScratch(values: ArrayLike<number>, map?: (v: number) => number): Float64Array {
  const n = values.length;
  if (scratch.length < n) scratch = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) scratch[i] = map ? map(values[i]!) : values[i]!;
  return scratch.subarray(0, n).sort();
}

export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const s = sortedScratch(values);
  const mid = n >> 1;
  return n % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: ArrayLike<number>, center = median(values)): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const s = sortedScratch(values, (v) => Math.abs(v - center));
  const mid = n >> 1;
  return n % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

export function meanAbsDeviation(values: ArrayLike<number>, center: number): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]! - center);
  return values.length ? s / values.length : Number.NaN;
}

/** 1.4826 × MAD estimates the standard deviation of normal data. */
export const MAD_TO_SD = 1.4826;
/** 1.2533 × mean absolute deviation estimates it too; the usual fallback where MAD is 0. */
export const MEANAD_TO_SD = 1.2533;

/**
 * A robust spread (standard-deviation units) of `values` around `center`: MAD-based, falling back
 * to the mean absolute deviation when more than half the values sit exactly on the center (MAD = 0),
 * and never below `floor`, so a perfectly flat history does not make every wobble infinitely unusual.
 */
export function robustScale(values: ArrayLike<number>, center: number, floor: number): number {
  const m = mad(values, center);
  const scale = m > 0 ? MAD_TO_SD * m : MEANAD_TO_SD * meanAbsDeviation(values, center);
  return Math.max(scale, floor);
}

export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/** A small seeded PRNG (mulberry32), so sampling and forests give the same answer every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
