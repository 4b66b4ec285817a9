import { seededRandom } from '../stats.js';

/** Seeded randomness for the bootstrap, so the same data always gives the same bands. */

/** The engine's seeded uniform stream (`seededRandom`, mulberry32), with normals and integers on top. */
export class Random {
  /** Uniform in [0, 1). */
  readonly next: () => number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** A seed from a string (FNV-1a), e.g. a channel's name. */
  static fromString(text: string, salt = 0): Random {
    let h = 0x811c9dc5 ^ salt;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return new Random(h >>> 0);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
