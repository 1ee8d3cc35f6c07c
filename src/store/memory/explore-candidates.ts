/**
 * Candidate lists for the explorer's planner: the shortest id-sorted list of nodes that holds every node of some
 * kinds passing a condition, read from the memory store's indexes (kind, insight, indexed property equality).
 * A candidate list may hold more than the matches (the full test still runs on each), never fewer.
 */
import type { NodeKind } from '../../model/index.js';
import { isAndCondition, isInsightCondition, type Condition, type PropertyCondition } from '../../query/index.js';
import { compareIds } from '../query-options.js';
import type { ExplorerGraph } from './explore.js';
import type { LazyIds } from './indexes.js';

/**
 * Merged id lists of several kinds, keyed by the first kind's list. A store hands out the same list for a kind
 * until the kind changes, so a merge is reused while every part is the very same list, and dropped with it.
 */
const mergedIds = new WeakMap<
  readonly string[],
  { parts: readonly (readonly string[])[]; merged: readonly string[] }
>();

/** The union of id-sorted lists with no id in two of them (lists of different kinds), itself id-sorted. */
export function unionOfDisjoint(parts: readonly (readonly string[])[]): readonly string[] {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const cached = mergedIds.get(nonEmpty[0]!);
  if (cached && cached.parts.length === nonEmpty.length && cached.parts.every((p, i) => p === nonEmpty[i]))
    return cached.merged;
  const merged = nonEmpty.reduce<readonly string[]>((all, ids) => (all.length === 0 ? ids : mergeSorted(all, ids)), []);
  mergedIds.set(nonEmpty[0]!, { parts: nonEmpty, merged });
  return merged;
}

/** Two id-sorted lists as one: linear, where sorting the union on every call is not. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareIds(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

const isPropertyCondition = (c: Condition): c is PropertyCondition => 'property' in c;

/** Conditions every match must meet: the condition itself, or any part of a conjunction (and, recursively). */
function* requiredParts(condition: Condition | undefined): Generator<Condition> {
  if (condition === undefined) return;
  if (isAndCondition(condition)) for (const part of condition.and) yield* requiredParts(part);
  else yield condition;
}

/** How many candidates a list of a kind selector holds, without merging the kinds' lists. */
export function kindCount(graph: ExplorerGraph, kinds: readonly NodeKind[]): number {
  let count = 0;
  for (const kind of kinds) count += graph.kindSize(kind);
  return count;
}

/**
 * The shortest id-sorted list holding every node of `kinds` that passes `where`: the kinds' own lists (merged), the
 * nodes holding a required insight (any kind), or the nodes of those kinds whose indexed property equals a
 * required value. Sizes decide; only the winner is sorted (an index sorts a list on first use after a change, a
 * synchronous call worth avoiding for a list of tens of thousands that is not walked) and merged.
 */
export function candidateIds(graph: ExplorerGraph, kinds: readonly NodeKind[], where: Condition | undefined): LazyIds {
  let best: { size: number; list: () => readonly string[] } = {
    size: kindCount(graph, kinds),
    list: () => unionOfDisjoint(kinds.map((k) => graph.sortedIds(k))),
  };
  const consider = (size: number, list: () => readonly string[]) => {
    if (size < best.size) best = { size, list };
  };
  for (const part of requiredParts(where)) {
    if (isInsightCondition(part)) {
      const ids = graph.idsWithInsight(part.insight);
      consider(ids.size, () => ids.list());
    } else if (isPropertyCondition(part) && part.op === 'eq') {
      if (part.property === 'id') {
        // The id is the graph's own key: at most one node.
        const id = typeof part.value === 'string' && graph.node(part.value) ? [part.value] : [];
        consider(id.length, () => id);
        continue;
      }
      const lists = kinds.map((k) => graph.idsWithProperty(k, part.property, part.value));
      if (lists.some((l) => l === undefined)) continue;
      const present = lists as readonly LazyIds[];
      consider(
        present.reduce((n, l) => n + l.size, 0),
        () => unionOfDisjoint(present.map((l) => l.list())),
      );
    }
  }
  const { size, list } = best;
  return { size, list };
}
