import { compareIds } from '../../util/order.js';

/** One edge at a node, by its key and its two ends. */
export interface EdgeEnds {
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

/** (from, to) order; edge keys are unique per (from, kind, to), so no two edges of one kind tie. */
const before = (a: EdgeEnds, b: { from: string; to: string }) => compareIds(a.from, b.from) || compareIds(a.to, b.to);

/**
 * The first `count` of the given edges in (from, to) order, sorted. With a finite count, only the ones still among
 * the first so far are kept (a sorted window, binary-searched): a gateway with thousands of edges
 * of one kind answers a page of 25 without an object per edge, which would be garbage for every request.
 */
export function firstEdges(
  keys: readonly Iterable<string>[],
  count: number,
  ends: { source(key: string): string; target(key: string): string },
): EdgeEnds[] {
  if (count <= 0) return [];
  const kept: EdgeEnds[] = [];
  // No bound (a listing of every neighbour): all of them, sorted once.
  const all = !Number.isFinite(count);
  for (const group of keys) {
    for (const key of group) {
      const from = ends.source(key);
      const to = ends.target(key);
      if (all) {
        kept.push({ key, from, to });
        continue;
      }
      const candidate = { from, to };
      if (kept.length === count && before(kept[count - 1]!, candidate) < 0) continue;
      let low = 0;
      let high = kept.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (before(kept[middle]!, candidate) < 0) low = middle + 1;
        else high = middle;
      }
      kept.splice(low, 0, { key, from, to });
      if (kept.length > count) kept.pop();
    }
  }
  if (all) kept.sort(before);
  return kept;
}
