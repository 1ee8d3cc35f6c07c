/**
 * Seeded randomness for the estate generator. No Math.random: the same seed must give byte-identical output.
 *
 * Every entity draws from its own stream, seeded by hashing (seed, stream name, subscription, index). An entity's
 * attributes can therefore be recomputed anywhere (a NIC needs its subnet's id, a role assignment its principal)
 * without keeping the estate in memory, and the order in which rows are written never changes a value.
 */

import { fnv1a, mix32, SeededRandom } from '../../src/util/random.js';

const streamHashes = new Map<string, number>();

/** FNV-1a of a stream name, cached: stream names are a small fixed set. */
function streamHash(name: string): number {
  let h = streamHashes.get(name);
  if (h === undefined) {
    h = fnv1a(name);
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

/** The shared seeded generator, with the draws synthetic Azure data needs. */
export class Rng extends SeededRandom {
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
