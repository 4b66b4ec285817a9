/** The true revenue model: geometric adstock (carry-over) then Hill saturation. */

/** adstock[t] = spend[t] + theta × adstock[t−1]. */
export function adstock(spend: readonly number[], theta: number): number[] {
  const out = new Array<number>(spend.length);
  let carry = 0;
  for (let t = 0; t < spend.length; t++) {
    carry = spend[t]! + theta * carry;
    out[t] = carry;
  }
  return out;
}

/** Hill saturation in [0, 1): x^S / (x^S + K^S). */
export function hill(x: number, K: number, S: number): number {
  if (x <= 0) return 0;
  const xs = Math.pow(x, S);
  return xs / (xs + Math.pow(K, S));
}
