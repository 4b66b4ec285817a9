import { describe, expect, it } from 'vitest';
import { KeyLines } from './key-lines.js';

describe('KeyLines', () => {
  it('answers the first line of a key seen before, and nothing for a new one', () => {
    const keys = new KeyLines(3);
    expect(keys.firstLine(['2026-03-01', 'A1', 'Shoes'], 2)).toBeUndefined();
    expect(keys.firstLine(['2026-03-01', 'A1', 'Hats'], 3)).toBeUndefined();
    expect(keys.firstLine(['2026-03-01', '', 'Shoes'], 4)).toBeUndefined();
    expect(keys.firstLine(['2026-03-02', 'A1', 'Shoes'], 5)).toBeUndefined();
    expect(keys.firstLine(['2026-03-01', 'A1', 'Shoes'], 6)).toBe(2);
    expect(keys.firstLine(['2026-03-01', 'A1', 'Shoes'], 7)).toBe(2);
    // Cells are compared whole: no separator can make two keys collide.
    expect(keys.firstLine(['2026-03-01', 'A1Shoes', ''], 8)).toBeUndefined();
  });

  it('agrees with a Map of joined keys over many keys, in any order and any width', () => {
    for (const width of [1, 2, 3]) {
      const keys = new KeyLines(width);
      const reference = new Map<string, number>();
      let seed = 7;
      const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      let mismatches = 0;
      for (let line = 2; line < 30_000; line++) {
        const cells = Array.from({ length: width }, (_, j) => `v${Math.floor(random() * (j === 0 ? 50 : 30))}`);
        const joined = JSON.stringify(cells);
        if (keys.firstLine(cells, line) !== reference.get(joined)) mismatches += 1;
        if (!reference.has(joined)) reference.set(joined, line);
      }
      expect(mismatches).toBe(0);
    }
  });
});
