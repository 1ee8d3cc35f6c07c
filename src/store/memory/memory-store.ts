import GraphologyGraph from 'graphology';
import type { MultiDirectedGraph } from 'graphology';
import {
  DERIVED_EDGE_KINDS,
  EDGE_DECLARATIONS,
  edgeKey,
  nodeDeclaration,
  type EdgeKind,
  type GraphEdge,
  type GraphNode,
  type NodeKind,
  type Properties,
} from '../../model/index.js';
import type { ExplorePage, ExplorerQuery } from '../../query/index.js';
import type {
  AnalysisResult,
  CleanupReport,
  Direction,
  GraphChunk,
  GraphStore,
  ListOptions,
  Neighbour,
  NeighbourLists,
  NeighbourOptions,
  Page,
  ReadOptions,
  RunContext,
  StoreState,
  UpsertReport,
} from '../port.js';
import { UNINGESTED_PROPERTIES, type GraphScope } from '../port.js';
import { keptOnWrite, ownerOfWrite } from '../property-owners.js';
import { checkListOptions, checkNeighbourOptions, compareIds, hasInsights, matchesFilter } from '../query-options.js';
import { evaluateExplorerQuery, type ExplorerGraph } from './explore.js';
import { GraphIndexes, listingCandidates, type StoreIndex } from './indexes.js';
import { pageOfSortedIds } from './pager.js';
import { LoopPacer } from '../../util/deadline.js';
import { ExploreCache } from './explore-cache.js';
import { firstEdges } from './first-edges.js';
import type { ConnectionPlan } from './explore-plan.js';
import { ScanIndex } from './scan-index.js';
import { readSnapshot, removeAbandonedTempFiles, snapshotPath, writeSnapshot } from './snapshot.js';

interface NodeAttributes {
  kind: NodeKind;
  properties: Properties;
}
interface EdgeAttributes {
  kind: EdgeKind;
  properties: Properties;
}
type Graph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

const DERIVED = new Set<EdgeKind>(DERIVED_EDGE_KINDS);
/** Neighbour lists are ordered by edge kind first. */
const EDGE_KINDS_IN_ORDER: readonly EdgeKind[] = EDGE_DECLARATIONS.map((d) => d.kind).sort(compareIds);
const isAnalysisOwned = (kind: NodeKind) => !nodeDeclaration(kind).subscriptionScoped;

/** The node without the properties scope `ingested` leaves out (copied only when it has any). */
function ingestedNode(node: GraphNode): GraphNode {
  if (!UNINGESTED_PROPERTIES.some((name) => name in node.properties)) return node;
  const properties: Record<string, Properties[string]> = { ...node.properties };
  for (const name of UNINGESTED_PROPERTIES) delete properties[name];
  return { ...node, properties };
}

export interface MemoryStoreOptions {
  /** Directory of the snapshot; without it the store lives in memory only. */
  readonly dataDir?: string;
  /**
   * `kept` (the default): secondary indexes kept on every write. `scan`: only nodes by kind are kept and every
   * other answer scans the graph — the same answers, slower reads; it exists to measure what the indexes cost.
   */
  readonly indexes?: 'kept' | 'scan';
  /**
   * How explorer connections are answered (explore-plan.ts): by estimated cost (the default), or always backwards
   * from their targets or always forward — the same rows either way; tests and benchmarks compare the plans.
   */
  readonly explorerPlan?: ConnectionPlan;
}

/** The embedded store: the whole graph in process (graphology), persisted as an atomic NDJSON snapshot. */
export class MemoryStore implements GraphStore {
  readonly name = 'memory' as const;
  private readonly graph: Graph;
  /** Kept on every write and delete below, and rebuilt on load: the graph is only ever changed through them. */
  private readonly indexes: StoreIndex;
  // A store without a data dir lives in memory only: it exists from the start.
  private state: StoreState;
  /** Moves on with every change to the graph (the private writers below): explorer results are kept per value. */
  private generation = 0;
  private readonly explored = new ExploreCache();

  private constructor(private readonly options: MemoryStoreOptions) {
    this.graph = new GraphologyGraph.MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
    this.indexes = options.indexes === 'scan' ? new ScanIndex(this.graph) : new GraphIndexes();
    this.state = { exists: options.dataDir === undefined, lastIngest: null, lastAnalysis: null };
  }

  static async open(options: MemoryStoreOptions = {}): Promise<MemoryStore> {
    const store = new MemoryStore(options);
    if (options.dataDir) {
      await removeAbandonedTempFiles(snapshotPath(options.dataDir));
      const { nodes, edges, exists, state } = await readSnapshot(snapshotPath(options.dataDir));
      store.state = { exists, ...state };
      for (const node of nodes) store.putNode(node.id, node.kind, node.properties);
      for (const edge of edges) store.putEdge(edge);
    }
    return store;
  }

  private putNode(id: string, kind: NodeKind, properties: Properties): void {
    // graphology merges into the attributes object it holds: what was indexed is read out before.
    const held = this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : undefined;
    const before = held && { kind: held.kind, properties: held.properties };
    this.generation++;
    this.graph.mergeNode(id, { kind, properties });
    if (before) this.indexes.replaceNode(id, before, kind, properties);
    else this.indexes.addNode(id, kind, properties);
  }

  private addNewNode(id: string, kind: NodeKind, properties: Properties): void {
    this.generation++;
    this.graph.addNode(id, { kind, properties });
    this.indexes.addNode(id, kind, properties);
  }

  private setNodeProperties(id: string, properties: Properties): void {
    const { kind, properties: before } = this.graph.getNodeAttributes(id);
    this.generation++;
    this.graph.setNodeAttribute(id, 'properties', properties);
    this.indexes.replaceNode(id, { kind, properties: before }, kind, properties);
  }

  private dropNode(id: string): void {
    const { kind, properties } = this.graph.getNodeAttributes(id);
    this.generation++;
    // graphology drops the node's edges with it: they leave the adjacency first.
    this.graph.forEachEdge(id, (key, attributes, source, target) => this.indexes.removeEdge(key, attributes.kind, source, target));
    this.graph.dropNode(id);
    this.indexes.removeNode(id, kind, properties);
  }

  private addNewEdge(key: string, edge: GraphEdge, properties: Properties): void {
    this.generation++;
    this.graph.addEdgeWithKey(key, edge.from, edge.to, { kind: edge.kind, properties });
    this.indexes.addEdge(key, edge.kind, edge.from, edge.to);
  }

  private dropEdge(key: string): void {
    const kind = this.graph.getEdgeAttribute(key, 'kind');
    this.generation++;
    this.indexes.removeEdge(key, kind, this.graph.source(key), this.graph.target(key));
    this.graph.dropEdge(key);
  }

  private putEdge(edge: GraphEdge): boolean {
    if (!this.graph.hasNode(edge.from) || !this.graph.hasNode(edge.to)) return false;
    const key = edgeKey(edge);
    // The key holds the kind and both ends, so a replacement changes no index (its properties may matter to a query).
    if (this.graph.hasEdge(key)) {
      this.generation++;
      this.graph.replaceEdgeAttributes(key, { kind: edge.kind, properties: edge.properties });
    } else this.addNewEdge(key, edge, edge.properties);
    return true;
  }

  private toNode(id: string): GraphNode {
    const { kind, properties } = this.graph.getNodeAttributes(id);
    return { id, kind, properties };
  }

  private toEdge(key: string): GraphEdge {
    const { kind, properties } = this.graph.getEdgeAttributes(key);
    const from = this.graph.source(key);
    const to = this.graph.target(key);
    return {
      kind,
      from,
      fromKind: this.graph.getNodeAttribute(from, 'kind'),
      to,
      toKind: this.graph.getNodeAttribute(to, 'kind'),
      properties,
    };
  }

  async upsertNodes(nodes: readonly GraphNode[], run: RunContext): Promise<UpsertReport> {
    const graph = this.graph;
    for (const node of nodes) {
      const existing = graph.hasNode(node.id) ? graph.getNodeAttributes(node.id) : undefined;
      if (!existing) {
        // A new node: no merge, and graphology is told so (addNode skips mergeNode's lookups).
        this.addNewNode(node.id, node.kind, stamped(node.properties, run.startedAt, run));
        continue;
      }
      const firstSeen = existing.properties['firstSeen'] ?? run.startedAt;
      // Exact replacement, as in Neo4j: of the stored properties only those this write does not own stay.
      const owner = ownerOfWrite(node);
      const kept: Record<string, Properties[string]> = {};
      for (const [name, value] of Object.entries(existing.properties)) if (keptOnWrite(owner, name)) kept[name] = value;
      this.putNode(node.id, node.kind, {
        ...kept,
        ...node.properties,
        firstSeen,
        lastSeen: run.startedAt,
        lastRunId: run.runId,
      });
    }
    return { written: nodes.length, skipped: 0 };
  }

  async upsertEdges(edges: readonly GraphEdge[], run: RunContext): Promise<UpsertReport> {
    const graph = this.graph;
    let written = 0;
    for (const edge of edges) {
      if (!graph.hasNode(edge.from) || !graph.hasNode(edge.to)) continue;
      // One key per edge, one lookup: the key is long (two ARM ids), so building and hashing it twice showed up.
      const key = edgeKey(edge);
      written += 1;
      if (!graph.hasEdge(key)) {
        this.addNewEdge(key, edge, stamped(edge.properties, run.startedAt, run));
        continue;
      }
      const existing = graph.getEdgeAttribute(key, 'properties');
      const properties = {
        ...existing,
        ...edge.properties,
        firstSeen: existing['firstSeen'] ?? run.startedAt,
        lastSeen: run.startedAt,
        lastRunId: run.runId,
      };
      graph.replaceEdgeAttributes(key, { kind: edge.kind, properties });
    }
    return { written, skipped: edges.length - written };
  }

  async completeRun(run: RunContext, subscriptionIds: readonly string[]): Promise<CleanupReport> {
    const subscriptions = new Set(subscriptionIds);
    const isStale = (properties: Properties) =>
      subscriptions.has(properties['subscriptionId'] as string) && properties['lastRunId'] !== run.runId;
    let removedEdges = 0;
    for (const key of [...this.graph.edges()]) {
      const { kind, properties } = this.graph.getEdgeAttributes(key);
      if (!DERIVED.has(kind) && isStale(properties)) {
        this.dropEdge(key);
        removedEdges += 1;
      }
    }
    let removedNodes = 0;
    // Only the subscriptions' own nodes can be stale: read them from the subscription index, not the whole graph.
    for (const id of subscriptionIds.flatMap((s) => [...this.indexes.idsOfSubscription(s)])) {
      const { kind, properties } = this.graph.getNodeAttributes(id);
      if (!isAnalysisOwned(kind) && isStale(properties)) {
        this.dropNode(id);
        removedNodes += 1;
      }
    }
    this.state = { ...this.state, lastIngest: { runId: run.runId, at: run.startedAt } };
    await this.persist();
    return { removedNodes, removedEdges };
  }

  async getNode(id: string): Promise<GraphNode | null> {
    return this.graph.hasNode(id) ? this.toNode(id) : null;
  }

  async getNodes(ids: readonly string[]): Promise<readonly GraphNode[]> {
    return [...new Set(ids)].filter((id) => this.graph.hasNode(id)).sort(compareIds).map((id) => this.toNode(id));
  }

  async listNodes(options: ListOptions): Promise<Page<GraphNode>> {
    const { first, after } = checkListOptions(options);
    const where = options.where ?? [];
    const kind = options.kind;
    // Candidates from the smallest index that holds every match; the full test still runs on each, so an index
    // only narrows where the scan looks and the page is the one a scan of the kind gives.
    return pageOfSortedIds(
      await listingCandidates(this.indexes, kind, options.insights ?? [], where, new LoopPacer(options.deadline)),
      (id) => this.toNode(id),
      (node) => node.kind === kind && hasInsights(node, options.insights) && where.every((f) => matchesFilter(node, f)),
      { first, after, deadline: options.deadline },
    );
  }

  async neighbours(id: string, options: NeighbourOptions): Promise<readonly Neighbour[]> {
    return (await this.neighboursOfMany([id], options)).get(id) ?? [];
  }

  async neighboursOfMany(ids: readonly string[], options: NeighbourOptions): Promise<NeighbourLists> {
    checkNeighbourOptions(ids, options);
    const kinds = options.edgeKinds ? new Set(options.edgeKinds) : null;
    const lists = new Map<string, readonly Neighbour[]>();
    for (const id of ids) {
      if (lists.has(id)) continue;
      lists.set(id, this.neighbourList(id, options.direction, kinds, options.limit));
    }
    return lists;
  }

  /**
   * The neighbours in (edge kind, from, to) order, at most `limit` of them. Edge kinds are taken in order from the
   * adjacency index and, of each kind, only the edges first on their ends that the page still has room for
   * (first-edges.ts); only the kept edges are built. A gateway that thousands of attack paths traverse answers a
   * page of 25 from its first kinds.
   */
  private neighbourList(id: string, direction: Direction, kinds: ReadonlySet<EdgeKind> | null, limit = Infinity): Neighbour[] {
    if (!this.graph.hasNode(id)) return [];
    const graph = this.graph;
    const result: Neighbour[] = [];
    for (const kind of kinds ? [...kinds].sort(compareIds) : EDGE_KINDS_IN_ORDER) {
      const out = direction !== 'in' ? this.indexes.edgesAt(id, kind, 'out') : undefined;
      const into = direction !== 'out' ? this.indexes.edgesAt(id, kind, 'in') : undefined;
      if (!out && !into) continue;
      const found = firstEdges(out && into ? [out, into] : [(out ?? into)!], limit - result.length, graph);
      for (const e of found) {
        if (result.length >= limit) return result;
        result.push({ edge: this.toEdge(e.key), node: this.toNode(e.from === id ? e.to : e.from) });
      }
    }
    return result;
  }

  async explore(query: ExplorerQuery, page: ExplorePage, options?: ReadOptions): Promise<Page<GraphNode>> {
    return evaluateExplorerQuery(this.explorerGraph(), query, page, options, this.explored, this.options.explorerPlan);
  }

  /** The minimal view the explorer's evaluator walks: no Cypher, just the graphology graph. */
  private explorerGraph(): ExplorerGraph {
    const graph = this.graph;
    return {
      sortedIds: (kind) => this.indexes.idsOfKind(kind),
      node: (id) => (graph.hasNode(id) ? this.toNode(id) : undefined),
      kindSize: (kind) => this.indexes.kindSize(kind),
      idsWithInsight: (insight) => this.indexes.insightIds(insight),
      idsWithProperty: (kind, property, value) => this.indexes.propertyIds(kind, property, value),
      generation: () => this.generation,
      someEdge: (id, kind, direction, test) => {
        const keys = this.indexes.edgesAt(id, kind, direction);
        if (!keys) return false;
        for (const key of keys) {
          const other = direction === 'out' ? graph.target(key) : graph.source(key);
          if (test(other, graph.getEdgeAttribute(key, 'properties'))) return true;
        }
        return false;
      },
    };
  }

  async *streamGraph(chunkSize = 10_000, scope: GraphScope = 'all'): AsyncIterable<GraphChunk> {
    const ingestedOnly = scope === 'ingested';
    let nodes: GraphNode[] = [];
    for (const id of this.graph.nodes()) {
      const node = this.toNode(id);
      if (ingestedOnly && isAnalysisOwned(node.kind)) continue;
      nodes.push(ingestedOnly ? ingestedNode(node) : node);
      if (nodes.length >= chunkSize) {
        yield { nodes, edges: [] };
        nodes = [];
      }
    }
    if (nodes.length) yield { nodes, edges: [] };
    let edges: GraphEdge[] = [];
    for (const key of this.graph.edges()) {
      if (ingestedOnly && DERIVED.has(this.graph.getEdgeAttribute(key, 'kind'))) continue;
      edges.push(this.toEdge(key));
      if (edges.length >= chunkSize) {
        yield { nodes: [], edges };
        edges = [];
      }
    }
    if (edges.length) yield { nodes: [], edges };
  }

  async replaceAnalysis(result: AnalysisResult, run: RunContext): Promise<void> {
    // Synchronous from here to the snapshot write: no reader can observe a half-replaced analysis.
    for (const key of [...this.graph.edges()]) {
      if (DERIVED.has(this.graph.getEdgeAttribute(key, 'kind'))) this.dropEdge(key);
    }
    for (const id of [...this.graph.nodes()]) {
      const attributes = this.graph.getNodeAttributes(id);
      if (isAnalysisOwned(attributes.kind)) this.dropNode(id);
      else if ('insights' in attributes.properties || 'insightEvidence' in attributes.properties) {
        const { insights: _i, insightEvidence: _e, ...rest } = attributes.properties;
        this.setNodeProperties(id, rest);
      }
    }
    const stamp = { firstSeen: run.startedAt, lastSeen: run.startedAt, lastRunId: run.runId };
    for (const node of result.nodes) this.putNode(node.id, node.kind, { ...node.properties, ...stamp });
    for (const edge of result.edges) this.putEdge({ ...edge, properties: { ...edge.properties, ...stamp } });
    for (const update of result.insights) {
      if (!this.graph.hasNode(update.id)) continue;
      const properties = this.graph.getNodeAttribute(update.id, 'properties');
      this.setNodeProperties(update.id, {
        ...properties,
        insights: [...update.insights],
        insightEvidence: update.evidence,
      });
    }
    this.state = { ...this.state, lastAnalysis: { runId: run.runId, at: run.startedAt, ingestRunId: this.state.lastIngest?.runId ?? null } };
    await this.persist();
  }

  async countNodesByKind(): Promise<Partial<Record<NodeKind, number>>> {
    return this.indexes.countByKind();
  }

  /** Nodes carrying each insight (memory store only: kept by its indexes, not counted). */
  countNodesByInsight(): Partial<Record<string, number>> {
    return this.indexes.countByInsight();
  }

  /** Kept by the indexes for `insights` and every `indexed` property (see the port): nothing is read to answer. */
  async countNodesByValue(kind: NodeKind, property: string): Promise<Partial<Record<string, number>> | undefined> {
    return this.indexes.countOfKindByValue(kind, property);
  }

  /** Nodes by their `source` (memory store only: kept by its indexes, not counted). */
  countNodesBySource(): Partial<Record<string, number>> {
    return this.indexes.countBySource();
  }

  async readState(): Promise<StoreState> {
    return this.state;
  }

  async countEdgesByKind(): Promise<Partial<Record<EdgeKind, number>>> {
    return this.indexes.countEdgesByKind();
  }

  /** Writes the snapshot now (no-op without a data dir). */
  async persist(): Promise<void> {
    if (!this.options.dataDir) return;
    const graph = this.graph;
    const nodes = (function* () {
      for (const id of graph.nodes()) yield { id, ...graph.getNodeAttributes(id) };
    })();
    const toEdge = (key: string) => this.toEdge(key);
    const edges = (function* () {
      for (const key of graph.edges()) yield toEdge(key);
    })();
    const { lastIngest, lastAnalysis } = this.state;
    await writeSnapshot(snapshotPath(this.options.dataDir), nodes, edges, { nodes: graph.order, edges: graph.size }, { lastIngest, lastAnalysis });
    this.state = { ...this.state, exists: true };
  }

  async close(): Promise<void> {}
}

/** A first write's properties with the run stamp: the same keys, in the same order, as a merge with nothing. */
function stamped(properties: Properties, firstSeen: string, run: RunContext): Properties {
  return { ...properties, firstSeen, lastSeen: run.startedAt, lastRunId: run.runId };
}

