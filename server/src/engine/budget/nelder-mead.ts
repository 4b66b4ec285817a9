/**
 * A small Nelder–Mead simplex minimiser with box bounds (points are clamped into the box), for the
 * two or three parameters of a response curve. Deterministic; no allocation per iteration beyond
 * the simplex itself.
 */

export interface NelderMeadOptions {
  /** Lower and upper bound of each coordinate. */
  lower: readonly number[];
  upper: readonly number[];
  /** Initial step of each coordinate (default 10 % of the box, at least 0.05). */
  step?: readonly number[];
  maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this (absolute). */
  tolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
}

export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions): NelderMeadResult {
  const n = start.length;
  const { lower, upper } = options;
  const maxEvaluations = options.maxEvaluations ?? 200 * n;
  const tolerance = options.tolerance ?? 1e-9;
  const clamp = (x: number[]) => {
    for (let i = 0; i < n; i++) x[i] = Math.min(upper[i]!, Math.max(lower[i]!, x[i]!));
    return x;
  };
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };

  const points: number[][] = [clamp([...start])];
  for (let i = 0; i < n; i++) {
    const p = [...points[0]!];
    const step = options.step?.[i] ?? Math.max(0.05, 0.1 * (upper[i]! - lower[i]!));
    // Step towards the side of the box with room.
    p[i] = p[i]! + step <= upper[i]! ? p[i]! + step : p[i]! - step;
    points.push(clamp(p));
  }
  const values = points.map(value);
  const order = points.map((_, i) => i);
  const centroid = new Array<number>(n).fill(0);
  const along = (from: number[], to: number[], t: number) => clamp(from.map((v, i) => v + t * (to[i]! - v)));

  while (evaluations < maxEvaluations) {
    order.sort((a, b) => values[a]! - values[b]!);
    const best = order[0]!;
    const worst = order[n]!;
    const second = order[n - 1]!;
    if (Math.abs(values[worst]! - values[best]!) <= tolerance) break;
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k]!]!;
      for (let i = 0; i < n; i++) centroid[i] = centroid[i]! + p[i]! / n;
    }
    const reflected = along(points[worst]!, centroid, 2);
    const fr = value(reflected);
    if (fr < values[best]!) {
      const expanded = along(points[worst]!, centroid, 3);
      const fe = value(expanded);
      if (fe < fr) {
        points[worst] = expanded;
        values[worst] = fe;
      } else {
        points[worst] = reflected;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < values[second]!) {
      points[worst] = reflected;
      values[worst] = fr;
      continue;
    }
    const outside = fr < values[worst]!;
    const contracted = outside ? along(points[worst]!, centroid, 1.5) : along(points[worst]!, centroid, 0.5);
    const fc = value(contracted);
    if (fc < Math.min(fr, values[worst]!)) {
      points[worst] = contracted;
      values[worst] = fc;
      continue;
    }
    // Shrink towards the best point.
    for (let k = 1; k <= n; k++) {
      const j = order[k]!;
      points[j] = along(points[best]!, points[j]!, 0.5);
      values[j] = value(points[j]!);
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[best]!) best = i;
  return { x: points[best]!, value: values[best]!, evaluations };
}

/** Golden-section search for the minimum of a unimodal `f` on [a, b]. */
export function goldenSection(f: (x: number) => number, a: number, b: number, tolerance = 1e-6, maxIterations = 100): { x: number; value: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < maxIterations && Math.abs(b - a) > tolerance; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return fc < fd ? { x: c, value: fc } : { x: d, value: fd };
}
