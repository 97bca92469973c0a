/**
 * Key → the first candidate index with that key. For the numeric keys of
 * evaluate's KeySpace it is an open-addressing table in two typed arrays
 * (12 bytes a slot, outside the JS heap); a big file's 640,000 keys in a Map
 * took ~30 MB of heap the garbage collector had to walk. String keys (a
 * catalogue too big to number) use a Map.
 */
export type Key = number | string;

export interface KeyIndex {
  get(key: Key): number | undefined;
  set(key: Key, index: number): void;
}

class NumericKeyIndex implements KeyIndex {
  private readonly keys: Float64Array;
  /** index + 1; 0 marks a free slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** 32 − log2(size): the top bits of the product are the slot. */
  private readonly shift: number;

  constructor(capacity: number) {
    let size = 16;
    let bits = 4;
    while (size < capacity * 2) {
      size *= 2;
      bits++;
    }
    this.keys = new Float64Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.shift = 32 - bits;
  }

  private find(key: number): number {
    // Fibonacci hashing: multiply by 2^32/φ and take the TOP bits. (The low bits of the product depend only
    // on the key's low bits — its region and period — so every indicator's keys would share a chain.)
    let h = Math.imul(key | 0, 0x9e3779b1) >>> this.shift;
    while (this.slots[h] !== 0 && this.keys[h] !== key) h = (h + 1) & this.mask;
    return h;
  }

  get(key: Key): number | undefined {
    const h = this.find(key as number);
    return this.slots[h] === 0 ? undefined : this.slots[h]! - 1;
  }

  set(key: Key, index: number): void {
    const h = this.find(key as number);
    this.keys[h] = key as number;
    this.slots[h] = index + 1;
  }
}

/** A table for up to `capacity` distinct keys. */
export function keyIndex(numeric: boolean, capacity: number): KeyIndex {
  return numeric ? new NumericKeyIndex(capacity) : new Map<Key, number>();
}
