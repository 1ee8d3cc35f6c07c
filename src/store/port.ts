import type { EdgeKind, GraphEdge, GraphNode, Insight, JsonValue, NodeKind } from '../model/index.js';
import type { ExplorePage, ExplorerQuery, PropertyCondition } from '../query/index.js';
import type { Deadline } from '../util/deadline.js';

/** One ingest or analysis run: every node and edge it writes is stamped with it. */
export interface RunContext {
  readonly runId: string;
  /** ISO time, written as lastSeen (and firstSeen on creation). */
  readonly startedAt: string;
}

/**
 * A condition on one declared property of a listing: an explorer query's property condition, with the same
 * semantics in both stores (every operator but `exists` is false on a missing property; `contains` is substring on
 * strings and membership on lists).
 */
export type PropertyFilter = PropertyCondition;

/**
 * How long a read may take. Past the deadline it fails with QueryTimeoutError: the memory store checks it between
 * chunks of its scans (and gives the event loop a turn), Neo4j runs the read with the time left as its transaction
 * timeout.
 */
export interface ReadOptions {
  readonly deadline?: Deadline | undefined;
}

export interface ListOptions extends ReadOptions {
  readonly kind: NodeKind;
  readonly where?: readonly PropertyFilter[];
  /** The node must carry every one of these insights. */
  readonly insights?: readonly Insight[];
  readonly first?: number;
  /** Opaque cursor from a previous page's `endCursor`. */
  readonly after?: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export type Direction = 'out' | 'in' | 'both';

export interface NeighbourOptions {
  readonly direction: Direction;
  readonly edgeKinds?: readonly EdgeKind[];
  /**
   * At most this many neighbours per node: the first ones of the full list, in its order. A store cuts the list
   * where it reads it (Neo4j: per node on the server), so a node with thousands of edges costs only what is kept.
   */
  readonly limit?: number;
}

export interface Neighbour {
  readonly edge: GraphEdge;
  readonly node: GraphNode;
}

/** Neighbour lists by node id. */
export type NeighbourLists = ReadonlyMap<string, readonly Neighbour[]>;

export interface InsightUpdate {
  readonly id: string;
  readonly kind: NodeKind;
  readonly insights: readonly Insight[];
  readonly evidence: JsonValue;
}

/** Everything one analysis produces; it replaces the previous analysis as a whole. */
export interface AnalysisResult {
  /** Nodes of analysis-owned kinds (findings, attack paths, info types, the internet, external hosts). */
  readonly nodes: readonly GraphNode[];
  /** Derived edges only. */
  readonly edges: readonly GraphEdge[];
  readonly insights: readonly InsightUpdate[];
}

/**
 * What `streamGraph` reads. `ingested`: the facts ingest wrote, which is all an analysis starts from — no
 * analysis-owned nodes, no derived edges, and none of the properties in UNINGESTED_PROPERTIES.
 */
export type GraphScope = 'all' | 'ingested';

/** Node properties scope `ingested` leaves out: what a previous analysis stored on nodes. */
export const UNINGESTED_PROPERTIES = ['insights', 'insightEvidence'] as const;

export interface GraphChunk {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export interface UpsertReport {
  readonly written: number;
  /** Edges whose ends were not in the store, so were not written. */
  readonly skipped: number;
}

export interface CleanupReport {
  readonly removedNodes: number;
  readonly removedEdges: number;
}

export type StoreName = 'memory' | 'neo4j';

/** One run that changed the store: its id and start time. */
export interface RunStamp {
  readonly runId: string;
  readonly at: string;
}

/**
 * What a store holds, so read commands never answer from nothing: whether it exists at all, the last ingest that
 * completed, and the last analysis with the ingest it was computed from. An analysis whose `ingestRunId` is not the
 * last ingest's run is stale: the graph changed after it.
 */
export interface StoreState {
  /** False when there is no store (memory: no snapshot in the data dir). */
  readonly exists: boolean;
  readonly lastIngest: RunStamp | null;
  readonly lastAnalysis: (RunStamp & { readonly ingestRunId: string | null }) | null;
}

/** The port every part of apiposture talks to; the memory and Neo4j adapters pass one contract suite. */
export interface GraphStore {
  readonly name: StoreName;
  upsertNodes(nodes: readonly GraphNode[], run: RunContext): Promise<UpsertReport>;
  upsertEdges(edges: readonly GraphEdge[], run: RunContext): Promise<UpsertReport>;
  /**
   * Ends a successful ingest run: removes, per subscription given, the ingested nodes and edges the run did not
   * write. Call it only after every write of the run succeeded. The memory store persists its snapshot here.
   */
  completeRun(run: RunContext, subscriptionIds: readonly string[]): Promise<CleanupReport>;
  getNode(id: string): Promise<GraphNode | null>;
  getNodes(ids: readonly string[]): Promise<readonly GraphNode[]>;
  listNodes(options: ListOptions): Promise<Page<GraphNode>>;
  neighbours(id: string, options: NeighbourOptions): Promise<readonly Neighbour[]>;
  /**
   * The neighbours of many nodes in one store round trip (Neo4j: one UNWIND query), so a page of N nodes costs
   * one call, not N. Every distinct id asked for has an entry (empty for an unknown node); each list is exactly
   * what `neighbours(id, options)` answers, in the same order.
   */
  neighboursOfMany(ids: readonly string[], options: NeighbourOptions): Promise<NeighbourLists>;
  /**
   * Runs an explorer query (src/query): one page of the matching nodes in id order. Neo4j runs the compiled
   * parameterized Cypher, the memory store evaluates it on its graph; both give the same rows and pages.
   */
  explore(query: ExplorerQuery, page: ExplorePage, options?: ReadOptions): Promise<Page<GraphNode>>;
  /** The whole graph (or only its ingested part) in chunks, nodes first, for analysis. Default scope `all`. */
  streamGraph(chunkSize?: number, scope?: GraphScope): AsyncIterable<GraphChunk>;
  /** Replaces derived edges, analysis-owned nodes and insights atomically: readers see the old or the new analysis. */
  replaceAnalysis(result: AnalysisResult, run: RunContext): Promise<void>;
  countNodesByKind(): Promise<Partial<Record<NodeKind, number>>>;
  /**
   * Nodes of one kind by each non-empty string value of a property (each element of a list such as `insights`
   * counted), for a store that keeps such counts: undefined when it does not keep them for this property, and the
   * caller counts a listing instead. The memory store keeps them for `insights` and the model's `indexed` properties.
   */
  countNodesByValue?(kind: NodeKind, property: string): Promise<Partial<Record<string, number>> | undefined>;
  /** Ingest and analysis stamps: `completeRun` records an ingest, `replaceAnalysis` an analysis of it. */
  readState(): Promise<StoreState>;
  countEdgesByKind(): Promise<Partial<Record<EdgeKind, number>>>;
  close(): Promise<void>;
}
