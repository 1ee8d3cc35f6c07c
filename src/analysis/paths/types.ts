import type { GraphEdge, GraphNode } from '../../model/index.js';

/** What every stage after derive and insights works on: the whole graph in memory, ingested and derived edges. */
export interface AnalysisGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/**
 * How a path is anchored on an API (DESIGN §4): it passes an `ApiEndpoint`, or it reaches an API's backend around
 * the gateway in front of it: straight from the internet as its first hop, or through the estate's own Front Door
 * (first hop the Front Door, second its ROUTES_TO to the backend).
 */
export type PathAnchor = 'endpoint' | 'gatewayBypass';

/** A path as the engine finds it: steps from `internet` to a target, and the edge taken between each pair. */
export interface FoundPath {
  /** `path:<sha256 prefix of the step ids>`: the same steps give the same id in every scan. */
  readonly id: string;
  /** Ordered step ids: `internet` first, the target last. */
  readonly nodeIds: readonly string[];
  /** `edges[i]` joins `nodeIds[i]` to `nodeIds[i + 1]`. */
  readonly edges: readonly GraphEdge[];
  /** `gatewayBypass` when the first hop is the backend of an API, or a Front Door routing to one; `endpoint` otherwise. */
  readonly anchor: PathAnchor;
}

export interface PathSearchOptions {
  /** Longest path, in edges. Default 8. */
  readonly maxHops?: number;
  /** Paths kept per (entry, target) pair; the rest are counted as dropped. Default 25. */
  readonly maxPathsPerPair?: number;
  /** Paths kept overall; the search stops when reached. Default 10 000. */
  readonly maxPaths?: number;
  /** Edges the depth-first search may try before it stops: a work budget against path explosion. Default 20 000 000. */
  readonly maxExpansions?: number;
}

export interface ResolvedSearchOptions {
  readonly maxHops: number;
  readonly maxPathsPerPair: number;
  readonly maxPaths: number;
  readonly maxExpansions: number;
}

/** What the search saw and where it stopped: every cap that was hit is reported here, never silently. */
export interface PathSearchStats {
  readonly nodes: number;
  readonly traversableEdges: number;
  readonly targets: number;
  readonly forwardReachable: number;
  readonly backwardReachable: number;
  /** Nodes on some internet → target walk within the hop bound: the only nodes the depth-first search visits. */
  readonly candidates: number;
  readonly expansions: number;
  readonly paths: number;
  /** (entry, target) pairs that had more paths than `maxPathsPerPair`. */
  readonly cappedPairs: number;
  /** Paths not kept because their pair was full. */
  readonly droppedPaths: number;
  readonly maxPathsReached: boolean;
  readonly maxExpansionsReached: boolean;
}

export interface PathSearchResult {
  readonly paths: readonly FoundPath[];
  readonly stats: PathSearchStats;
}
