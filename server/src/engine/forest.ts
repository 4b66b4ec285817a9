import { IsolationForest } from 'ml-isolation-forest';
import { seededRandom } from './stats.js';

export interface ForestOptions {
  /** Trees in all. */
  trees: number;
  /** Groups of trees, each grown from its own sample. */
  groups: number;
  /** Rows each group is grown from (the original paper's 256 works well; more costs time, not accuracy). */
  sampleSize: number;
  seed: number;
}

export const DEFAULT_FOREST: ForestOptions = { trees: 100, groups: 5, sampleSize: 256, seed: 2024 };

/**
 * Isolation-forest scores of `targets` (feature vectors), the forest grown from seeded samples of `rows`.
 * `ml-isolation-forest` grows every tree of a forest from the whole set it is given, so the trees
 * come in groups, each from its own sample, as the algorithm intends; a row's score is the
 * geometric mean of the groups' scores, which is exactly the score of its mean path length.
 * The library draws its splits from `Math.random`; that is swapped for a seeded generator while
 * the trees grow (synchronously, so nothing else can observe it), so the same data always gives
 * the same scores and the eval and tests are reproducible.
 */
export function isolationScores(rows: number[][], targets: number[][] = rows, options: ForestOptions = DEFAULT_FOREST): number[] {
  if (rows.length < 16) return targets.map(() => 0.5);
  const random = seededRandom(options.seed);
  const logSum = new Float64Array(targets.length);
  const perGroup = Math.max(1, Math.round(options.trees / options.groups));
  for (let g = 0; g < options.groups; g++) {
    const forest = new IsolationForest({ nEstimators: perGroup });
    const sample = sampleRows(rows, options.sampleSize, random);
    const original = Math.random;
    Math.random = random;
    try {
      forest.train(sample);
    } finally {
      Math.random = original;
    }
    const scores = forest.predict(targets);
    for (let i = 0; i < targets.length; i++) logSum[i] = logSum[i]! + Math.log(scores[i]!);
  }
  return Array.from(logSum, (l) => Math.exp(l / options.groups));
}

/** A uniform sample without replacement (partial Fisher–Yates over indices). */
function sampleRows(rows: number[][], size: number, random: () => number): number[][] {
  if (rows.length <= size) return rows;
  const idx = Array.from(rows.keys());
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, size).map((i) => rows[i]!);
}
