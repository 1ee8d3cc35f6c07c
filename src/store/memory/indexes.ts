/**
 * The memory store's secondary indexes: node ids by kind, by insight, by subscription, by source and by every
 * property the model declares `indexed` (the same declaration that creates Neo4j's range indexes), and edge keys by
 * node, direction and edge kind. The adapter calls these hooks on every write, delete and snapshot load, so a
 * listing or a count answers from a set of the right nodes instead of scanning the whole graph.
 */
import { nodeProperties, type EdgeKind, type NodeKind, type Properties } from '../../model/index.js';
import type { PropertyFilter } from '../port.js';
import type { LoopPacer } from '../../util/deadline.js';
import { sortInSlices } from '../../util/sort-in-slices.js';
import { compareIds } from '../query-options.js';

/** A set of node ids that hands out the same id-sorted list until it changes (explorer merges rely on that). */
export class SortedIdSet {
  private readonly ids = new Set<string>();
  private sorted: string[] | null = null;
  /** Moves on with every change: a sort that yielded part-way is kept only if nothing changed meanwhile. */
  private version = 0;

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    this.sorted = null;
    this.version++;
  }

  delete(id: string): void {
    if (!this.ids.delete(id)) return;
    this.sorted = null;
    this.version++;
  }

  /** The ids in `compareIds` order; the very same array while the set is unchanged. */
  list(): readonly string[] {
    return (this.sorted ??= [...this.ids].sort(compareIds));
  }

  /** The same list, sorted in slices that give the event loop a turn when it is not sorted yet. */
  async listInSlices(pacer: LoopPacer): Promise<readonly string[]> {
    if (this.sorted) return this.sorted;
    const version = this.version;
    const sorted = await sortInSlices([...this.ids], compareIds, pacer);
    // A write while the sort yielded: that list is already stale, so the current set is sorted at once.
    if (this.version !== version) return this.list();
    return (this.sorted = sorted);
  }
}

const EMPTY: readonly string[] = [];

/** Ids in id order, sorted only when the list is asked for: a planner compares sizes before it picks one. */
export interface LazyIds {
  readonly size: number;
  list(): readonly string[];
}

const NO_IDS: LazyIds = { size: 0, list: () => EMPTY };

/** A list that is already at hand, as LazyIds. */
export const lazyIds = (ids: readonly string[]): LazyIds => ({ size: ids.length, list: () => ids });

/** The ids in id order; an index list not sorted since it changed is sorted in slices (see SortedIdSet). */
export function listInSlices(ids: LazyIds, pacer: LoopPacer): Promise<readonly string[]> | readonly string[] {
  return ids instanceof SortedIdSet ? ids.listInSlices(pacer) : ids.list();
}

/** Index keys of a property value: scalars only (every `indexed` declaration is a scalar type). */
function indexKey(value: unknown): string | number | boolean | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

const indexedCache = new Map<NodeKind, readonly string[]>();

/** The declared `indexed` properties of a kind, `id` aside (it is the graph's own key). */
export function indexedProperties(kind: NodeKind): readonly string[] {
  let names = indexedCache.get(kind);
  if (!names) {
    names = Object.entries(nodeProperties(kind))
      .filter(([name, declaration]) => declaration.indexed === true && name !== 'id')
      .map(([name]) => name);
    indexedCache.set(kind, names);
  }
  return names;
}

function addTo<K>(map: Map<K, SortedIdSet>, key: K, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new SortedIdSet()));
  set.add(id);
}

function removeFrom<K>(map: Map<K, SortedIdSet>, key: K, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

function bump<K>(map: Map<K, number>, key: K, by: number): void {
  const count = (map.get(key) ?? 0) + by;
  if (count === 0) map.delete(key);
  else map.set(key, count);
}

const insightsOf = (properties: Properties): readonly string[] => {
  const held = properties['insights'];
  return Array.isArray(held) ? held.filter((i): i is string => typeof i === 'string') : EMPTY;
};

/** Edge keys at one node, by edge kind. */
type Adjacency = Map<string, Map<EdgeKind, Set<string>>>;

export type EdgeDirection = 'out' | 'in';

/** What the memory store asks of its indexes: write hooks, then id lists in id order, edge keys and counts. */
export interface StoreIndex {
  addNode(id: string, kind: NodeKind, properties: Properties): void;
  removeNode(id: string, kind: NodeKind, properties: Properties): void;
  replaceNode(id: string, before: { kind: NodeKind; properties: Properties }, kind: NodeKind, properties: Properties): void;
  addEdge(key: string, kind: EdgeKind, from: string, to: string): void;
  removeEdge(key: string, kind: EdgeKind, from: string, to: string): void;
  idsOfKind(kind: NodeKind): readonly string[];
  idsWithInsight(insight: string): readonly string[];
  idsOfSubscription(subscriptionId: string): readonly string[];
  idsWithProperty(kind: NodeKind, property: string, value: unknown): readonly string[] | undefined;
  kindSize(kind: NodeKind): number;
  kindIds(kind: NodeKind): LazyIds;
  insightIds(insight: string): LazyIds;
  /** Undefined when the property is not indexed. */
  propertyIds(kind: NodeKind, property: string, value: unknown): LazyIds | undefined;
  edgesAt(id: string, kind: EdgeKind, direction: EdgeDirection): Iterable<string> | undefined;
  countByKind(): Partial<Record<NodeKind, number>>;
  countByInsight(): Partial<Record<string, number>>;
  countBySource(): Partial<Record<string, number>>;
  /** Nodes of one kind by the non-empty string values of `insights` or of an indexed property; undefined for another property. */
  countOfKindByValue(kind: NodeKind, property: string): Partial<Record<string, number>> | undefined;
  countEdgesByKind(): Partial<Record<EdgeKind, number>>;
}

/** Nodes by kind, in id order: the one index the store kept before the others, shared by both index flavours. */
export class KindIndex {
  private readonly byKind = new Map<NodeKind, SortedIdSet>();

  add(id: string, kind: NodeKind): void {
    addTo(this.byKind, kind, id);
  }

  remove(id: string, kind: NodeKind): void {
    removeFrom(this.byKind, kind, id);
  }

  ids(kind: NodeKind): readonly string[] {
    return this.byKind.get(kind)?.list() ?? EMPTY;
  }

  size(kind: NodeKind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  lazy(kind: NodeKind): LazyIds {
    return this.byKind.get(kind) ?? NO_IDS;
  }

  counts(): Partial<Record<NodeKind, number>> {
    return countsOf(this.byKind, (set) => set.size);
  }
}

export class GraphIndexes implements StoreIndex {
  private readonly byKind = new KindIndex();
  private readonly byInsight = new Map<string, SortedIdSet>();
  private readonly bySubscription = new Map<string, SortedIdSet>();
  private readonly sourceCounts = new Map<string, number>();
  /** Insight occurrences per kind: the inventory's endpoints by insight, without reading an endpoint. */
  private readonly kindInsightCounts = new Map<NodeKind, Map<string, number>>();
  /** Per kind, per indexed property, per value. */
  private readonly byProperty = new Map<NodeKind, Map<string, Map<string | number | boolean, SortedIdSet>>>();
  private readonly outEdges: Adjacency = new Map();
  private readonly inEdges: Adjacency = new Map();
  private readonly edgeCounts = new Map<EdgeKind, number>();

  addNode(id: string, kind: NodeKind, properties: Properties): void {
    this.byKind.add(id, kind);
    this.bumpKindInsights(kind, properties, 1);
    for (const insight of insightsOf(properties)) addTo(this.byInsight, insight, id);
    const subscription = properties['subscriptionId'];
    if (typeof subscription === 'string') addTo(this.bySubscription, subscription, id);
    const source = properties['source'];
    if (typeof source === 'string') bump(this.sourceCounts, source, 1);
    const names = indexedProperties(kind);
    if (names.length === 0) return;
    let byName = this.byProperty.get(kind);
    if (!byName) this.byProperty.set(kind, (byName = new Map()));
    for (const name of names) {
      const key = indexKey(properties[name]);
      if (key === undefined) continue;
      let byValue = byName.get(name);
      if (!byValue) byName.set(name, (byValue = new Map()));
      addTo(byValue, key, id);
    }
  }

  /** Takes the node out of every index; `properties` must be the ones it was indexed with. */
  removeNode(id: string, kind: NodeKind, properties: Properties): void {
    this.byKind.remove(id, kind);
    this.bumpKindInsights(kind, properties, -1);
    for (const insight of insightsOf(properties)) removeFrom(this.byInsight, insight, id);
    const subscription = properties['subscriptionId'];
    if (typeof subscription === 'string') removeFrom(this.bySubscription, subscription, id);
    const source = properties['source'];
    if (typeof source === 'string') bump(this.sourceCounts, source, -1);
    const byName = this.byProperty.get(kind);
    if (!byName) return;
    for (const name of indexedProperties(kind)) {
      const key = indexKey(properties[name]);
      const byValue = byName.get(name);
      if (key !== undefined && byValue) removeFrom(byValue, key, id);
    }
  }

  private bumpKindInsights(kind: NodeKind, properties: Properties, by: 1 | -1): void {
    const insights = insightsOf(properties);
    if (insights.length === 0) return;
    let counts = this.kindInsightCounts.get(kind);
    if (!counts) this.kindInsightCounts.set(kind, (counts = new Map()));
    for (const insight of insights) if (insight !== '') bump(counts, insight, by);
  }

  /** Re-indexes a node whose kind or properties changed. */
  replaceNode(id: string, before: { kind: NodeKind; properties: Properties }, kind: NodeKind, properties: Properties): void {
    this.removeNode(id, before.kind, before.properties);
    this.addNode(id, kind, properties);
  }

  addEdge(key: string, kind: EdgeKind, from: string, to: string): void {
    if (!adjacent(this.outEdges, from, kind).has(key)) bump(this.edgeCounts, kind, 1);
    adjacent(this.outEdges, from, kind).add(key);
    adjacent(this.inEdges, to, kind).add(key);
  }

  removeEdge(key: string, kind: EdgeKind, from: string, to: string): void {
    if (detach(this.outEdges, from, kind, key)) bump(this.edgeCounts, kind, -1);
    detach(this.inEdges, to, kind, key);
  }

  /** Ids of one kind in id order. */
  idsOfKind(kind: NodeKind): readonly string[] {
    return this.byKind.ids(kind);
  }

  idsWithInsight(insight: string): readonly string[] {
    return this.byInsight.get(insight)?.list() ?? EMPTY;
  }

  idsOfSubscription(subscriptionId: string): readonly string[] {
    return this.bySubscription.get(subscriptionId)?.list() ?? EMPTY;
  }

  /** Ids of one kind whose indexed property equals `value`, in id order; undefined when the property is not indexed. */
  idsWithProperty(kind: NodeKind, property: string, value: unknown): readonly string[] | undefined {
    return this.propertyIds(kind, property, value)?.list();
  }

  kindSize(kind: NodeKind): number {
    return this.byKind.size(kind);
  }

  kindIds(kind: NodeKind): LazyIds {
    return this.byKind.lazy(kind);
  }

  insightIds(insight: string): LazyIds {
    return this.byInsight.get(insight) ?? NO_IDS;
  }

  propertyIds(kind: NodeKind, property: string, value: unknown): LazyIds | undefined {
    if (!indexedProperties(kind).includes(property)) return undefined;
    const key = indexKey(value);
    if (key === undefined) return undefined;
    return this.byProperty.get(kind)?.get(property)?.get(key) ?? NO_IDS;
  }

  /** Edge keys of one kind at a node in one direction (insertion order). */
  edgesAt(id: string, kind: EdgeKind, direction: EdgeDirection): ReadonlySet<string> | undefined {
    return (direction === 'out' ? this.outEdges : this.inEdges).get(id)?.get(kind);
  }

  /** Node counts by kind, kinds in id order. */
  countByKind(): Partial<Record<NodeKind, number>> {
    return this.byKind.counts();
  }

  countByInsight(): Partial<Record<string, number>> {
    return countsOf(this.byInsight, (set) => set.size);
  }

  countBySource(): Partial<Record<string, number>> {
    return countsOf(this.sourceCounts, (count) => count);
  }

  countOfKindByValue(kind: NodeKind, property: string): Partial<Record<string, number>> | undefined {
    if (property === 'insights') return countsOf(this.kindInsightCounts.get(kind) ?? new Map<string, number>(), (n) => n);
    if (!indexedProperties(kind).includes(property)) return undefined;
    const byValue = this.byProperty.get(kind)?.get(property) ?? new Map<string | number | boolean, SortedIdSet>();
    const strings = new Map<string, number>();
    for (const [value, ids] of byValue) if (typeof value === 'string' && value !== '') strings.set(value, ids.size);
    return countsOf(strings, (n) => n);
  }

  countEdgesByKind(): Partial<Record<EdgeKind, number>> {
    return countsOf(this.edgeCounts, (count) => count);
  }
}

function adjacent(adjacency: Adjacency, id: string, kind: EdgeKind): Set<string> {
  let byKind = adjacency.get(id);
  if (!byKind) adjacency.set(id, (byKind = new Map()));
  let keys = byKind.get(kind);
  if (!keys) byKind.set(kind, (keys = new Set()));
  return keys;
}

function detach(adjacency: Adjacency, id: string, kind: EdgeKind, key: string): boolean {
  const byKind = adjacency.get(id);
  const keys = byKind?.get(kind);
  if (!byKind || !keys?.delete(key)) return false;
  if (keys.size === 0) byKind.delete(kind);
  if (byKind.size === 0) adjacency.delete(id);
  return true;
}

export function countsOf<K extends string, V>(map: ReadonlyMap<K, V>, count: (value: V) => number): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const key of [...map.keys()].sort(compareIds)) {
    const n = count(map.get(key)!);
    if (n > 0) counts[key] = n;
  }
  return counts;
}

/**
 * The shortest id-sorted list that holds every node of the kind passing the listing's conditions: the kind's ids,
 * the ids with one of the required insights, or the ids with an indexed property equal to a filter's value. Lists
 * are compared by size and only the chosen one is sorted, in slices when it is not sorted yet.
 */
export function listingCandidates(
  indexes: StoreIndex,
  kind: NodeKind,
  insights: readonly string[],
  where: readonly PropertyFilter[],
  pacer: LoopPacer,
): Promise<readonly string[]> | readonly string[] {
  let best = indexes.kindIds(kind);
  const consider = (ids: LazyIds | undefined) => {
    if (ids && ids.size < best.size) best = ids;
  };
  for (const insight of insights) consider(indexes.insightIds(insight));
  for (const filter of where) if (filter.op === 'eq') consider(indexes.propertyIds(kind, filter.property, filter.value));
  return listInSlices(best, pacer);
}
