import { allocate, value } from '../server/src/engine/budget/optimize.js';
const c = [{ beta: 14_000, K: 2000, S: 2.3 }, { beta: 7500, K: 1100, S: 2.4 }, { beta: 3100, K: 100, S: 1.07 }].map((curve) => ({ curve, lo: 0, hi: Infinity }));
const rev = (x: number[]) => x.reduce((s, v, i) => s + value(c[i]!.curve, v), 0);
for (const B of [500, 2000, 4000, 8000]) {
  const a = allocate(c, B);
  let best = -1, bx: number[] = [];
  const steps = 400, d = B / steps;
  for (let i = 0; i <= steps; i++) for (let j = 0; i + j <= steps; j++) { const x = [i * d, j * d, B - (i + j) * d]; const r = rev(x); if (r > best) { best = r; bx = x; } }
  console.log(B, a.x.map((v) => v.toFixed(0)), rev(a.x).toFixed(1), 'brute', bx.map((v) => v.toFixed(0)), best.toFixed(1));
}
