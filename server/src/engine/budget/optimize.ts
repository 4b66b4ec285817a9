/**
 * Splits a budget over channels to maximise revenue (or profit) on their response curves, with
 * per-channel bounds. Units are daily spend: the horizon only scales everything.
 *
 * - Concave curves (every S ≤ 1): at the optimum every channel not held by a bound has the same
 *   marginal return λ, so bisection on λ (each channel's spend for a λ by bisection on its own
 *   decreasing marginal) finds it.
 * - S-shaped curves (some S > 1): the marginal return is near zero at first and rises before it
 *   falls, so equal marginals can be a minimum and a one-step greedy never starts such a channel.
 *   A greedy search on a grid of the budget gives each step to the channel with the best average
 *   return over its next k steps, looking ahead past the flat start (k up to the whole grid). Two
 *   more starts: the Lagrangian (each channel's best spend for a marginal value λ, λ by bisection)
 *   and the exact optimum on a coarser grid (dynamic programming), which a greedy choice between two
 *   S-shaped channels can miss. Each is polished by projected gradient ascent; the best one wins.
 *
 * Profit (revenue − spend): the budget becomes a ceiling; money is spent only while it returns
 * more than it costs (marginal revenue ≥ 1).
 */

export interface CurveParams {
  beta: number;
  K: number;
  S: number;
}

export interface Bounded {
  curve: CurveParams;
  /** Lower and upper bound of the channel's daily spend (`hi` may be Infinity). */
  lo: number;
  hi: number;
}

export type Objective = 'revenue' | 'profit';

export interface Allocation {
  /** Daily spend per channel, in input order. */
  x: number[];
  /** Budget left unspent (profit objective only). */
  unspent: number;
  /** Σ revenue a day (revenue), or Σ revenue − Σ spend (profit). */
  value: number;
  method: 'bisection' | 'greedy';
}

const GRID_STEPS = 400;
const DP_STEPS = 200;
const POLISH_ITERATIONS = 400;

export function value(c: CurveParams, x: number): number {
  if (!(x > 0)) return 0;
  const r = Math.pow(x / c.K, c.S);
  return Number.isFinite(r) ? (c.beta * r) / (1 + r) : c.beta;
}

export function slope(c: CurveParams, x: number): number {
  const at = x > 0 ? x : c.S < 1 ? c.K * 1e-9 : 0;
  if (at === 0) return c.S === 1 ? c.beta / c.K : 0;
  const r = Math.pow(at / c.K, c.S);
  if (!Number.isFinite(r)) return 0;
  return (c.beta * c.S * r) / (at * (1 + r) * (1 + r));
}

/** Where the marginal return peaks: 0 for concave curves, `K·((S−1)/(S+1))^(1/S)` for S-shaped ones. */
export function peak(c: CurveParams): number {
  return c.S > 1 ? c.K * Math.pow((c.S - 1) / (c.S + 1), 1 / c.S) : 0;
}

const isConcave = (c: CurveParams) => c.S <= 1 + 1e-12;

/** The spend in [from, to] where the decreasing marginal return equals λ (clamped to the ends). */
function onFallingBranch(c: CurveParams, lambda: number, from: number, to: number): number {
  if (slope(c, from) <= lambda) return from;
  let hi = Number.isFinite(to) ? to : Math.max(from, c.K, 1e-9) * 2;
  if (!Number.isFinite(to)) while (slope(c, hi) > lambda && hi < 1e15) hi *= 2;
  if (slope(c, hi) >= lambda) return hi;
  let lo = from;
  for (let i = 0; i < 80 && hi - lo > 1e-9 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (slope(c, mid) > lambda) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * The channel's best daily spend in [lo, hi] for a marginal value λ: the maximiser of
 * `value(x) − λ·x` (the bounds, or the point on the falling branch where the marginal equals λ).
 */
export function bestForLambda(b: Bounded, lambda: number): number {
  const { curve: c, lo, hi } = b;
  const candidates = [lo];
  if (Number.isFinite(hi)) candidates.push(hi);
  const from = Math.max(lo, peak(c));
  if (from < hi) candidates.push(onFallingBranch(c, lambda, from, hi));
  let best = lo;
  let bestValue = value(c, lo) - lambda * lo;
  for (const x of candidates) {
    const v = value(c, x) - lambda * x;
    if (v > bestValue + 1e-12 * Math.abs(bestValue)) (bestValue = v), (best = x);
  }
  return best;
}

const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function objectiveValue(channels: readonly Bounded[], x: readonly number[], objective: Objective): number {
  let v = 0;
  for (let i = 0; i < channels.length; i++) v += value(channels[i]!.curve, x[i]!) - (objective === 'profit' ? x[i]! : 0);
  return v;
}

/** Σ spend for marginal value λ (Lagrangian), and the allocation. */
function lagrangian(channels: readonly Bounded[], lambda: number): number[] {
  return channels.map((b) => bestForLambda(b, lambda));
}

/** λ by bisection so that Σ x(λ) ≈ budget (the largest λ whose allocation still reaches it, when Σ jumps). */
function solveLambda(channels: readonly Bounded[], budget: number): { lambda: number; x: number[] } {
  let lo = 1e-12;
  let hi = 1;
  for (const b of channels) hi = Math.max(hi, slope(b.curve, Math.max(b.lo, peak(b.curve))) * 2);
  // Σ x(λ) falls as λ rises: find λ where it crosses the budget, on the log scale.
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(lo * hi);
    if (total(lagrangian(channels, mid)) >= budget) lo = mid;
    else hi = mid;
    if (hi / lo < 1 + 1e-10) break;
  }
  return { lambda: lo, x: lagrangian(channels, lo) };
}

/** Moves `y` onto {Σx = budget, lo ≤ x ≤ hi}: x_i = clamp(y_i − τ), τ by bisection (Σ falls as τ rises). */
function project(channels: readonly Bounded[], y: ArrayLike<number>, budget: number, out = new Array<number>(channels.length)): number[] {
  const n = channels.length;
  const sumAt = (tau: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.min(channels[i]!.hi, Math.max(channels[i]!.lo, y[i]! - tau));
    return s;
  };
  let spread = 1;
  for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(y[i]!), Math.abs(channels[i]!.lo), Number.isFinite(channels[i]!.hi) ? channels[i]!.hi : 0);
  let lo = -budget - 2 * spread;
  let hi = 2 * spread;
  for (let i = 0; i < 100 && hi - lo > 1e-13 * spread; i++) {
    const mid = 0.5 * (lo + hi);
    if (sumAt(mid) > budget) lo = mid;
    else hi = mid;
  }
  const tau = 0.5 * (lo + hi);
  for (let i = 0; i < n; i++) out[i] = Math.min(channels[i]!.hi, Math.max(channels[i]!.lo, y[i]! - tau));
  return out;
}

/** Projected gradient ascent on Σ value (fixed Σx = budget), with an adaptive step. */
function polish(channels: readonly Bounded[], start: readonly number[], budget: number): number[] {
  const n = channels.length;
  let x = project(channels, start, budget);
  let fx = objectiveValue(channels, x, 'revenue');
  const g = new Float64Array(n);
  const y = new Float64Array(n);
  let candidate = new Array<number>(n);
  let eta = 0;
  let stalls = 0;
  for (let iteration = 0; iteration < POLISH_ITERATIONS; iteration++) {
    let gMax = 0;
    for (let i = 0; i < n; i++) {
      g[i] = slope(channels[i]!.curve, x[i]!);
      gMax = Math.max(gMax, Math.abs(g[i]!));
    }
    if (!(gMax > 0)) break;
    if (eta === 0) eta = (0.05 * budget) / (n * gMax);
    for (let i = 0; i < n; i++) y[i] = x[i]! + eta * g[i]!;
    candidate = project(channels, y, budget, candidate);
    const fc = objectiveValue(channels, candidate, 'revenue');
    if (fc > fx) {
      const gain = fc - fx;
      [x, candidate] = [candidate, x];
      fx = fc;
      eta *= 1.6;
      stalls = gain <= 1e-11 * Math.abs(fx) ? stalls + 1 : 0;
      if (stalls >= 3) break;
    } else {
      eta *= 0.35;
      if (eta * gMax < 1e-9 * (budget / n)) break;
    }
  }
  return x;
}

/**
 * Greedy on a grid of the budget above the lower bounds: each step goes to the channel whose next
 * k steps return the most per unit on average (k up to what is left), so an S-shaped channel's
 * flat start does not hide what lies beyond it.
 */
function greedy(channels: readonly Bounded[], budget: number): number[] {
  const n = channels.length;
  const x = channels.map((b) => b.lo);
  const free = budget - total(x);
  if (!(free > 0)) return x;
  const step = free / GRID_STEPS;
  let left = GRID_STEPS;
  const best = new Array<{ k: number; gain: number }>(n);
  const evaluate = (i: number) => {
    const b = channels[i]!;
    const room = Number.isFinite(b.hi) ? Math.floor((b.hi - x[i]! + 1e-9 * step) / step) : left;
    const steps = Math.min(room, left);
    const base = value(b.curve, x[i]!);
    let top = { k: 0, gain: -Infinity };
    for (let k = 1; k <= steps; k++) {
      const gain = (value(b.curve, x[i]! + k * step) - base) / (k * step);
      if (gain > top.gain) top = { k, gain };
    }
    best[i] = top;
  };
  for (let i = 0; i < n; i++) evaluate(i);
  while (left > 0) {
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (best[i]!.k > left) evaluate(i);
      if (best[i]!.k > 0 && (pick < 0 || best[i]!.gain > best[pick]!.gain)) pick = i;
    }
    if (pick < 0) break;
    const k = best[pick]!.k;
    x[pick] = x[pick]! + k * step;
    left -= k;
    evaluate(pick);
  }
  // Grid rounding against the upper bounds can leave a little over: put it where there is room.
  return left > 0 ? project(channels, x, budget) : x;
}

/**
 * The exact best split on a grid of the budget above the lower bounds, by dynamic programming over
 * the channels (a knapsack with one unit per grid step): O(channels × steps²) additions. Greedy
 * choices can commit to the cheaper of two S-shaped channels and leave too little for the one that
 * pays more once past its flat start; the grid optimum cannot.
 */
function gridOptimum(channels: readonly Bounded[], budget: number, steps = DP_STEPS): number[] {
  const n = channels.length;
  const x = channels.map((b) => b.lo);
  const free = budget - total(x);
  if (!(free > 0)) return x;
  const step = free / steps;
  let best = new Float64Array(steps + 1).fill(-Infinity);
  best[0] = 0;
  const choice: Uint16Array[] = [];
  const gain = new Float64Array(steps + 1);
  for (let k = 0; k < n; k++) {
    const b = channels[k]!;
    const base = value(b.curve, b.lo);
    const room = Number.isFinite(b.hi) ? Math.min(steps, Math.floor((b.hi - b.lo + 1e-9 * step) / step)) : steps;
    for (let j = 0; j <= room; j++) gain[j] = value(b.curve, b.lo + j * step) - base;
    const next = new Float64Array(steps + 1).fill(-Infinity);
    const pick = new Uint16Array(steps + 1);
    for (let u = 0; u <= steps; u++) {
      const top = Math.min(u, room);
      for (let j = 0; j <= top; j++) {
        const v = best[u - j]! + gain[j]!;
        if (v > next[u]!) (next[u] = v), (pick[u] = j);
      }
    }
    choice.push(pick);
    best = next;
  }
  // Spend the whole grid if the bounds allow it, else as much as they do.
  let u = steps;
  while (u > 0 && best[u] === -Infinity) u--;
  for (let k = n - 1; k >= 0; k--) {
    const j = choice[k]![u]!;
    x[k] = x[k]! + j * step;
    u -= j;
  }
  return x;
}

/** Concave curves: bisection on the common marginal value. */
function bisection(channels: readonly Bounded[], budget: number): number[] {
  return solveLambda(channels, budget).x;
}

/**
 * The allocation of `budget` (a day) that maximises the objective within each channel's bounds.
 * The caller checks feasibility (Σ lo ≤ budget, and Σ hi ≥ budget for revenue). `quick` trades a
 * little precision for speed, for scans over many budgets.
 */
export function allocate(channels: readonly Bounded[], budget: number, objective: Objective = 'revenue', options: { quick?: boolean } = {}): Allocation {
  const concave = channels.every((b) => isConcave(b.curve));
  const method = concave ? 'bisection' : 'greedy';
  if (objective === 'profit') {
    // Each channel on its own up to where the next unit returns less than it costs (λ = 1): exact,
    // because nothing else ties the channels. When that fits the budget the rest stays unspent;
    // otherwise the budget binds, and the best profit is the best revenue for the whole budget.
    const atOne = lagrangian(channels, 1);
    if (total(atOne) <= budget) return { x: atOne, unspent: budget - total(atOne), value: objectiveValue(channels, atOne, 'profit'), method };
  }
  // `quick` (a scan over many budgets): the grid optimum alone, on a coarser grid.
  const candidates = concave
    ? [bisection(channels, budget)]
    : options.quick
      ? [gridOptimum(channels, budget, DP_STEPS / 2)]
      : [greedy(channels, budget), solveLambda(channels, budget).x, gridOptimum(channels, budget)];
  let best = candidates[0]!;
  let bestValue = -Infinity;
  for (const c of candidates) {
    const x = polish(channels, c, budget);
    const v = objectiveValue(channels, x, 'revenue');
    if (v > bestValue) (bestValue = v), (best = x);
  }
  return { x: best, unspent: 0, value: objectiveValue(channels, best, objective), method };
}

/** Each channel's spend where its marginal return is `lambda` (the target-marginal-ROI scenario). */
export function allocateAtMarginal(channels: readonly Bounded[], lambda: number): number[] {
  return lagrangian(channels, lambda);
}
