/**
 * The line each natural key of a file was first seen on, to reject duplicates. At a million
 * rows a Map of joined-string keys costs seconds of hashing and garbage collection, so each key
 * cell is interned to a small id and the ids live in typed arrays, nothing for the collector to
 * trace: one small open-addressing table per first cell (a file's rows mostly come a date at a
 * time, so the table in use stays in the processor's cache).
 */
export class KeyLines {
  private readonly ids: Array<Map<string, number>>;
  private readonly key: Int32Array;
  /** By the id of the key's first cell: the rest of the keys that start with it. */
  private readonly groups: IdTable[] = [];

  constructor(width: number) {
    this.ids = Array.from({ length: width }, () => new Map());
    this.key = new Int32Array(width);
  }

  /** The line `cells` were first seen on; when they are new, remembers `line` (≥ 1) and answers undefined. */
  firstLine(cells: readonly string[], line: number): number | undefined {
    for (let j = 0; j < this.key.length; j++) {
      const ids = this.ids[j]!;
      let id = ids.get(cells[j]!);
      if (id === undefined) ids.set(cells[j]!, (id = ids.size));
      this.key[j] = id;
    }
    const group = (this.groups[this.key[0]!] ??= new IdTable(this.key.length - 1));
    return group.firstLine(this.key, line);
  }
}

/** Lines by tuples of ids (the key after its first cell), in one Int32Array with linear probing. */
class IdTable {
  /** Per slot: the ids, then the line (0 marks an empty slot). */
  private slots: Int32Array;
  private mask = 3;
  private size = 0;

  constructor(private readonly width: number) {
    this.slots = new Int32Array((this.mask + 1) * (width + 1));
  }

  /** Looks up `key` from index 1 on. */
  firstLine(key: Int32Array, line: number): number | undefined {
    const base = this.find(this.slots, key, 1, hash(key, 1, this.width));
    const seen = this.slots[base + this.width]!;
    if (seen !== 0) return seen;
    for (let j = 0; j < this.width; j++) this.slots[base + j] = key[1 + j]!;
    this.slots[base + this.width] = line;
    if (++this.size * 2 > this.mask) this.grow();
    return undefined;
  }

  /** The slot of `slots` holding the ids at `from` in `source`, or the empty slot where they belong. */
  private find(slots: Int32Array, source: Int32Array, from: number, h: number): number {
    const width = this.width;
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const base = at * (width + 1);
      if (slots[base + width] === 0) return base;
      let j = 0;
      while (j < width && slots[base + j] === source[from + j]) j++;
      if (j === width) return base;
    }
  }

  private grow() {
    const old = this.slots;
    const stride = this.width + 1;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array((this.mask + 1) * stride);
    for (let from = 0; from < old.length; from += stride) {
      if (old[from + this.width] === 0) continue;
      const to = this.find(this.slots, old, from, hash(old, from, this.width));
      for (let j = 0; j < stride; j++) this.slots[to + j] = old[from + j]!;
    }
  }
}

/** A well-spread hash of `width` ids from `from` (murmur3's finalizer keeps linear probing short). */
function hash(ids: Int32Array, from: number, width: number): number {
  let h = 0;
  for (let j = 0; j < width; j++) h = Math.imul(h ^ ids[from + j]!, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
