import { describe, expect, it } from 'vitest';
import { firstEdges } from '../../src/store/memory/first-edges.js';
import { compareIds } from '../../src/util/order.js';

/** Edges at node `n`: out to `t…`, in from `s…`, keyed by their ends, in a scrambled order. */
function edgesAt(outs: number, ins: number) {
  const ends = new Map<string, { from: string; to: string }>();
  const out: string[] = [];
  const into: string[] = [];
  for (let i = 0; i < outs; i++) out.push(`n>t${(i * 7919) % outs}`);
  for (let i = 0; i < ins; i++) into.push(`s${(i * 104729) % ins}>n`);
  for (const key of [...out, ...into]) {
    const [from, to] = key.split('>') as [string, string];
    ends.set(key, { from, to });
  }
  const graph = { source: (k: string) => ends.get(k)!.from, target: (k: string) => ends.get(k)!.to };
  const sorted = [...ends.entries()]
    .map(([key, e]) => ({ key, ...e }))
    .sort((a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to));
  return { out, into, graph, sorted };
}

describe('the first edges at a node in (from, to) order', () => {
  it('keeps the same edges, in the same order, as sorting all of them and cutting the list', () => {
    const { out, into, graph, sorted } = edgesAt(300, 120);
    for (const count of [1, 2, 25, 119, 420, 421, 1_000])
      expect(firstEdges([out, into], count, graph), String(count)).toEqual(sorted.slice(0, count));
    expect(firstEdges([out], 25, graph)).toEqual(sorted.filter((e) => e.from === 'n').slice(0, 25));
  });

  it('returns every edge, sorted, without a bound, and none for a count of 0', () => {
    const { out, into, graph, sorted } = edgesAt(40, 40);
    expect(firstEdges([out, into], Infinity, graph)).toEqual(sorted);
    expect(firstEdges([out, into], 0, graph)).toEqual([]);
    expect(firstEdges([], 5, graph)).toEqual([]);
  });
});
