/**
 * Seeded randomness for the estate generator. No Math.random: the same seed must give byte-identical output.
 *
 * Every entity draws from its own stream, seeded by hashing (seed, stream name, subscription, index). An entity's
 * attributes can therefore be recomputed anywhere (a NIC needs its subnet's id, a role assignment its principal)
 * without keeping the estate in memory, and the order in which rows are written never changes a value.
 */

/** 32-bit finalizer of MurmurHash3: spreads every input bit over the whole word. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const streamHashes = new Map<string, number>();

/** FNV-1a of a stream name, cached: stream names are a small fixed set. */
function streamHash(name: string): number {
  let h = streamHashes.get(name);
  if (h === undefined) {
    h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    streamHashes.set(name, h);
  }
  return h;
}

/** A 32-bit seed for (seed, stream, ...indices). */
export function streamSeed(seed: number, stream: string, ...indices: readonly number[]): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ streamHash(stream));
  for (const index of indices) h = mix32((h + Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  return h;
}

/** mulberry32: a tiny, fast 32-bit generator, ample for synthetic data (not for cryptography). */
export class Rng {
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

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [value, weight] of choices) {
      x -= weight;
      if (x < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += (this.int(0x10000) | 0x10000).toString(16).slice(1);
    return out.slice(0, digits);
  }

  /** A version-4-shaped GUID, lower case, as Azure prints them. */
  guid(): string {
    const variant = (8 + this.int(4)).toString(16);
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}

/** The stream of one entity. */
export function rngFor(seed: number, stream: string, ...indices: readonly number[]): Rng {
  return new Rng(streamSeed(seed, stream, ...indices));
}
