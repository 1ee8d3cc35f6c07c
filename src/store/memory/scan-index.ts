/**
 * The store's answers without secondary indexes: only nodes by kind are kept (as the store did before it kept
 * the others); everything else is found by scanning the graph on every call. Kept so the indexes' cost can be
 * measured against the same store (bench: ingest with and without them), and never the default.
 */
import type { MultiDirectedGraph } from 'graphology';
import type { EdgeKind, NodeKind, Properties } from '../../model/index.js';
import { compareIds } from '../query-options.js';
import { countsOf, indexedProperties, KindIndex, lazyIds, type EdgeDirection, type LazyIds, type StoreIndex } from './indexes.js';

export type StoreGraph = MultiDirectedGraph<{ kind: NodeKind; properties: Properties }, { kind: EdgeKind; properties: Properties }>;

const tally = <K extends string>(keys: Iterable<K>): Partial<Record<K, number>> => {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return countsOf(counts, (n) => n);
};

export class ScanIndex implements StoreIndex {
  private readonly byKind = new KindIndex();

  constructor(private readonly graph: StoreGraph) {}

  addNode(id: string, kind: NodeKind): void {
    this.byKind.add(id, kind);
  }

  removeNode(id: string, kind: NodeKind): void {
    this.byKind.remove(id, kind);
  }

  replaceNode(id: string, before: { kind: NodeKind }, kind: NodeKind): void {
    this.byKind.remove(id, before.kind);
    this.byKind.add(id, kind);
  }

  addEdge(): void {}

  removeEdge(): void {}

  idsOfKind(kind: NodeKind): readonly string[] {
    return this.byKind.ids(kind);
  }

  private idsWhere(test: (properties: Properties) => boolean): readonly string[] {
    return this.graph.filterNodes((_id, attributes) => test(attributes.properties)).sort(compareIds);
  }

  idsWithInsight(insight: string): readonly string[] {
    return this.idsWhere((p) => Array.isArray(p['insights']) && p['insights'].includes(insight));
  }

  idsOfSubscription(subscriptionId: string): readonly string[] {
    return this.idsWhere((p) => p['subscriptionId'] === subscriptionId);
  }

  /** Not kept: the store reads the kind's ids instead. */
  idsWithProperty(): undefined {
    return undefined;
  }

  kindSize(kind: NodeKind): number {
    return this.byKind.size(kind);
  }

  kindIds(kind: NodeKind): LazyIds {
    return this.byKind.lazy(kind);
  }

  insightIds(insight: string): LazyIds {
    return lazyIds(this.idsWithInsight(insight));
  }

  propertyIds(): undefined {
    return undefined;
  }

  edgesAt(id: string, kind: EdgeKind, direction: EdgeDirection): Iterable<string> | undefined {
    if (!this.graph.hasNode(id)) return undefined;
    const keys = direction === 'out' ? this.graph.outEdges(id) : this.graph.inEdges(id);
    return keys.filter((key) => this.graph.getEdgeAttribute(key, 'kind') === kind);
  }

  countByKind(): Partial<Record<NodeKind, number>> {
    return this.byKind.counts();
  }

  countByInsight(): Partial<Record<string, number>> {
    return tally(this.graph.mapNodes((_id, a) => a.properties['insights']).flatMap((i) => (Array.isArray(i) ? i.filter((x): x is string => typeof x === 'string') : [])));
  }

  countBySource(): Partial<Record<string, number>> {
    return tally(this.graph.mapNodes((_id, a) => a.properties['source']).filter((s): s is string => typeof s === 'string'));
  }

  /** The same counts as the kept ones, for the same properties, read from every node of the kind. */
  countOfKindByValue(kind: NodeKind, property: string): Partial<Record<string, number>> | undefined {
    if (property !== 'insights' && !indexedProperties(kind).includes(property)) return undefined;
    return tally(
      this.byKind.ids(kind).flatMap((id) => {
        const value: unknown = this.graph.getNodeAttributes(id).properties[property];
        const values: unknown[] = Array.isArray(value) ? value : [value];
        return values.filter((v): v is string => typeof v === 'string' && v !== '');
      }),
    );
  }

  countEdgesByKind(): Partial<Record<EdgeKind, number>> {
    return tally(this.graph.mapEdges((_key, a) => a.kind));
  }
}
