import DataLoader from 'dataloader';
import type { EdgeKind, GraphNode } from '../model/index.js';
import type { Direction, GraphStore, Neighbour } from '../store/index.js';
import { apiError } from './errors.js';

export interface NeighbourRequest {
  readonly id: string;
  readonly direction: Direction;
  readonly edge: EdgeKind | null;
}

/**
 * Per-request loaders: every node lookup made while one query resolves is batched into one `getNodes` call per
 * tick, and every neighbour list is fetched once per (node, edge kind, direction) however many times the query
 * names it. Neighbour nodes prime the node loader, so resolving them again costs nothing.
 */
export interface Loaders {
  readonly nodes: DataLoader<string, GraphNode | null>;
  readonly neighbours: DataLoader<NeighbourRequest, readonly Neighbour[], string>;
  /** Node counts by kind, fetched at most once per request. */
  counts(): ReturnType<GraphStore['countNodesByKind']>;
}

/** Store calls stop once the request's deadline has passed: the client already has its TIMEOUT answer. */
export function checkDeadline(signal: AbortSignal): void {
  if (signal.aborted) throw apiError('TIMEOUT', 'the request ran out of time');
}

/** getNodes takes this many ids at most per call, keeping Neo4j parameter lists and memory store scans small. */
const NODE_BATCH = 1_000;

export function createLoaders(store: GraphStore, signal: AbortSignal): Loaders {
  const nodes = new DataLoader<string, GraphNode | null>(
    async (ids) => {
      checkDeadline(signal);
      const found = new Map((await store.getNodes(ids)).map((n) => [n.id, n]));
      return ids.map((id) => found.get(id) ?? null);
    },
    { maxBatchSize: NODE_BATCH },
  );
  const neighbours = new DataLoader<NeighbourRequest, readonly Neighbour[], string>(
    async (requests) => {
      checkDeadline(signal);
      // The port answers one node per call; the batch runs them concurrently and only once per distinct request.
      const lists = await Promise.all(
        requests.map((r) =>
          store.neighbours(r.id, { direction: r.direction, ...(r.edge ? { edgeKinds: [r.edge] } : {}) }),
        ),
      );
      for (const list of lists) for (const { node } of list) nodes.prime(node.id, node);
      return lists;
    },
    { cacheKeyFn: (r) => `${r.id}\u0000${r.direction}\u0000${r.edge ?? ''}` },
  );
  let counts: ReturnType<GraphStore['countNodesByKind']> | undefined;
  return {
    nodes,
    neighbours,
    counts: () => {
      checkDeadline(signal);
      counts ??= store.countNodesByKind();
      return counts;
    },
  };
}
