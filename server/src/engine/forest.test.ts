import { describe, expect, it } from 'vitest';
import { isolationScores } from './forest.js';
import { seededRandom } from './stats.js';

describe('isolationScores', () => {
  const random = seededRandom(3);
  const rows = Array.from({ length: 2000 }, () => [random(), random(), random(), random()]);
  rows[1234] = [8, 8, 8, 8];

  it('ranks an outlier highest', () => {
    const scores = isolationScores(rows);
    expect(scores.indexOf(Math.max(...scores))).toBe(1234);
  });

  it('scores a target the same whether or not others are scored with it, and from rows given by accessor', () => {
    const all = isolationScores(rows, rows);
    const some = [5, 1234, 1999];
    const source = { length: rows.length, row: (i: number) => rows[i]! };
    expect(isolationScores(source, some.map((i) => rows[i]!))).toEqual(some.map((i) => all[i]));
  });
});
