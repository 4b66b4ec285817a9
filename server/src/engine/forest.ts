import { IsolationForest } from 'ml-isolation-forest';
import { seededRandom } from './stats.js';

export interface ForestOptions {
  /** Trees in all. */
  trees: number;
  /** Groups of trees, each grown from its own sample. */
  groups: number;
  /**
   * Rows each group is grown from. The original paper finds detection converges by 256 and holds
   * at smaller samples; 128 gives the same eval results (`npm run eval`) at under half the
   * training time, which the live updates wait for.
   */
  sampleSize: number;
  seed: number;
}

export const DEFAULT_FOREST: ForestOptions = { trees: 100, groups: 5, sampleSize: 128, seed: 2024 };

/**
 * The rows a forest grows from, by count and accessor: at scale there are hundreds of thousands of
 * campaign-days, of which each group of trees sees only `sampleSize`, so only those need building.
 */
export interface RowSource {
  length: number;
  row(index: number): number[];
}

/**
 * Isolation-forest scores of `targets` (feature vectors), the forest grown from seeded samples of `rows`.
 * `ml-isolation-forest` grows every tree of a forest from the whole set it is given, so the trees
 * come in groups, each from its own sample, as the algorithm intends; a row's score is the
 * geometric mean of the groups' scores, which is exactly the score of its mean path length.
 * The library draws its splits from `Math.random`; that is swapped for a seeded generator while
 * the trees grow (synchronously, so nothing else can observe it), so the same data always gives
 * the same scores and the eval and tests are reproducible. A target's score does not depend on
 * the other targets, so callers score only the rows whose score they read.
 */
export function isolationScores(rows: number[][] | RowSource, targets?: number[][], options: ForestOptions = DEFAULT_FOREST): number[] {
  const source: RowSource = Array.isArray(rows) ? { length: rows.length, row: (i) => rows[i]! } : rows;
  const scored = targets ?? (Array.isArray(rows) ? rows : Array.from({ length: source.length }, (_, i) => source.row(i)));
  if (source.length < 16) return scored.map(() => 0.5);
  if (scored.length === 0) return [];
  const random = seededRandom(options.seed);
  const logSum = new Float64Array(scored.length);
  const perGroup = Math.max(1, Math.round(options.trees / options.groups));
  for (let g = 0; g < options.groups; g++) {
    const forest = new IsolationForest({ nEstimators: perGroup });
    const sample = sampleRows(source, options.sampleSize, random);
    const original = Math.random;
    Math.random = random;
    try {
      forest.train(sample);
    } finally {
      Math.random = original;
    }
    const scores = forest.predict(scored);
    for (let i = 0; i < scored.length; i++) logSum[i] = logSum[i]! + Math.log(scores[i]!);
  }
  return Array.from(logSum, (l) => Math.exp(l / options.groups));
}

/** A uniform sample without replacement (partial Fisher–Yates over indices); every row, in order, when there are no more than `size`. */
function sampleRows(rows: RowSource, size: number, random: () => number): number[][] {
  const n = rows.length;
  if (n <= size) return Array.from({ length: n }, (_, i) => rows.row(i));
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return Array.from(idx.subarray(0, size), (i) => rows.row(i));
}
