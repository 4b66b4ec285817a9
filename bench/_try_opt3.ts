import { greedy, gridOptimum, solveLambda, polish } from '../server/src/engine/budget/optimize.js';
const curves = [
  { beta: 7703, K: 1182, S: 1.74 }, { beta: 2580, K: 429, S: 1.48 }, { beta: 4214, K: 241, S: 1.4 },
  { beta: 19207, K: 2866, S: 1.59 }, { beta: 10620, K: 1498, S: 2.18 }, { beta: 5885, K: 1150, S: 1.59 },
];
for (const n of [6, 50]) {
  const c = Array.from({ length: n }, (_, i) => ({ curve: { ...curves[i % 6]!, beta: curves[i % 6]!.beta * (1 + (i % 7) / 10) }, lo: 0, hi: Infinity }));
  const B = 6000 * n / 6;
  const time = (name: string, f: () => unknown) => { for (let i = 0; i < 3; i++) f(); const t = performance.now(); for (let i = 0; i < 10; i++) f(); console.log(n, name, ((performance.now() - t) / 10).toFixed(2)); };
  time('greedy', () => greedy(c, B));
  time('lambda', () => solveLambda(c, B));
  time('grid', () => gridOptimum(c, B));
  const g = greedy(c, B);
  time('polish', () => polish(c, g, B));
}
