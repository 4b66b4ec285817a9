import { allocate } from '../server/src/engine/budget/optimize.js';
const curves = [
  { beta: 7703, K: 1182, S: 1.74 }, { beta: 2580, K: 429, S: 1.48 }, { beta: 4214, K: 241, S: 1.4 },
  { beta: 19207, K: 2866, S: 1.59 }, { beta: 10620, K: 1498, S: 2.18 }, { beta: 5885, K: 1150, S: 1.59 },
];
const chans = (n: number) => Array.from({ length: n }, (_, i) => ({ curve: { ...curves[i % 6]!, beta: curves[i % 6]!.beta * (1 + (i % 7) / 10) }, lo: 0, hi: Infinity }));
for (const n of [6, 50]) {
  const c = chans(n);
  const budget = 6000 * n / 6;
  for (let i = 0; i < 5; i++) allocate(c, budget);
  const t = performance.now();
  for (let i = 0; i < 20; i++) allocate(c, budget);
  console.log(n, ((performance.now() - t) / 20).toFixed(2), 'ms');
}
