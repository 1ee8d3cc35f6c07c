import type { Rng } from './prng.js';

/**
 * Zipf-distributed choice: rank k (0-based) is picked with weight 1 / (k + 1)^s. Real estates share a few
 * NSGs, subnets, identities and gateways among very many resources and leave most of them lightly used; a
 * Zipf choice reproduces that heavy tail (s ≈ 1 gives "the top item serves a fifth of everything").
 */

const tables = new Map<string, Float64Array>();

/** Cumulative weights for n ranks, cached: estates reuse a handful of (n, s) pairs millions of times. */
function cumulative(n: number, exponent: number): Float64Array {
  const key = `${n}:${exponent}`;
  let table = tables.get(key);
  if (!table) {
    table = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, exponent);
      table[k] = sum;
    }
    tables.set(key, table);
  }
  return table;
}

/** A rank in [0, n), Zipf-distributed with the given exponent. */
export function zipf(rng: Rng, n: number, exponent = 1.1): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`zipf needs at least one item, got ${n}`);
  if (n === 1) return 0;
  const table = cumulative(n, exponent);
  const x = rng.next() * table[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
