/**
 * The media response model: how spend turns into revenue.
 *
 * - Geometric adstock (normalised): A_t = theta * A_{t-1} + (1 - theta) * x_t. Spend keeps
 *   working for a few days after it is spent; at a steady spend x the adstock equals x, so the
 *   half-saturation K is in the same units as daily spend.
 * - Hill saturation: hill(A) = A^S / (A^S + K^S), in [0, 1). Revenue = beta * hill(A), so beta is
 *   the maximum daily revenue the channel can drive, K the adstock at which it drives half of
 *   that, and S the shape (S > 1: S-shaped, slow start then diminishing returns).
 */

/** One step of normalised geometric adstock. */
export function adstockStep(previous: number, spend: number, theta: number): number {
  return theta * previous + (1 - theta) * spend;
}

/** Geometric adstock of a whole series (starting from `initial`). */
export function adstock(spend: readonly number[], theta: number, initial = 0): number[] {
  const out: number[] = [];
  let a = initial;
  for (const x of spend) {
    a = adstockStep(a, x, theta);
    out.push(a);
  }
  return out;
}

/** Hill saturation in [0, 1): x^S / (x^S + K^S). */
export function hill(x: number, K: number, S: number): number {
  if (x <= 0) return 0;
  const r = Math.pow(x / K, S);
  return r / (1 + r);
}

/** Expected daily revenue (before weekday and noise) at a steady adstock `x`. */
export function response(x: number, p: { K: number; S: number; beta: number }): number {
  return p.beta * hill(x, p.K, p.S);
}

/** d revenue / d adstock at `x`: the marginal return of one more unit of steady daily spend. */
export function marginalResponse(x: number, p: { K: number; S: number; beta: number }): number {
  if (x <= 0) return p.S === 1 ? p.beta / p.K : 0;
  const r = Math.pow(x / p.K, p.S);
  return (p.beta * p.S * r) / (x * (1 + r) * (1 + r));
}
