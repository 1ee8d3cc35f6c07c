/**
 * Seeded randomness, shared by the estate generator and traffic sampling: no Math.random anywhere, so the same seed
 * always gives the same estate and the same sample. mulberry32 (fast, 32-bit state) is ample for choosing rows and
 * synthesizing data; none of this is for cryptography.
 */

/** The 32-bit finalizer of MurmurHash3: spreads every input bit over the whole word. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string's UTF-16 code units. */
export function fnv1a(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A well-spread 32-bit hash of a string: FNV-1a finished with MurmurHash3's mixer. */
export function hash32(text: string, seed = 0): number {
  return mix32(fnv1a(text, 0x811c9dc5 ^ seed));
}

/** mulberry32. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
