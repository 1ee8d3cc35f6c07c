import DataLoader from 'dataloader';
import type { EdgeKind, GraphNode } from '../model/index.js';
import type { Direction, GraphStore, Neighbour } from '../store/index.js';
import type { Deadline } from '../util/deadline.js';
import { apiError } from './errors.js';

export interface NeighbourRequest {
  readonly id: string;
  readonly direction: Direction;
  readonly edge: EdgeKind | null;
  /** The first this many neighbours (the store cuts each list where it reads it). */
  readonly limit: number;
}

/**
 * Per-request loaders: every node lookup made while one query resolves is batched into one `getNodes` call per
 * tick, and every neighbour list into one `neighboursOfMany` call per tick and (direction, edge kind) asked for,
 * so a page of N assets with their neighbours costs a constant number of store round trips, whatever N. Each
 * list is fetched once per (node, edge kind, direction, page size) however many times the query names it. Neighbour nodes
 * prime the node loader, so resolving them again costs nothing.
 */
export interface Loaders {
  readonly nodes: DataLoader<string, GraphNode | null>;
  readonly neighbours: DataLoader<NeighbourRequest, readonly Neighbour[], string>;
  /** Node counts by kind, fetched at most once per request. */
  counts(): ReturnType<GraphStore['countNodesByKind']>;
}

/**
 * Store calls stop once the request's deadline has passed (the client already has its TIMEOUT answer) or the
 * operation's time budget is spent (QueryTimeoutError: QUERY_TIMEOUT).
 */
export function checkDeadline(signal: AbortSignal, deadline?: Deadline): void {
  if (signal.aborted) throw apiError('TIMEOUT', 'the request ran out of time');
  deadline?.check();
}

/**
 * One store call takes this many ids at most, keeping Neo4j parameter lists and memory store scans small. Pages
 * are capped well below it (ServerLimits.maxPageSize), so one page's lookups fit one call.
 */
const NODE_BATCH = 1_000;

const shapeOf = (r: NeighbourRequest) => `${r.direction}\u0000${r.edge ?? ''}\u0000${r.limit}`;

/** Neighbour requests of one tick grouped by shape: one store call per shape, covering every node asking for it. */
async function loadNeighbours(
  store: GraphStore,
  requests: readonly NeighbourRequest[],
): Promise<(readonly Neighbour[])[]> {
  const shapes = new Map<string, NeighbourRequest[]>();
  for (const r of requests) {
    const group = shapes.get(shapeOf(r));
    if (group) group.push(r);
    else shapes.set(shapeOf(r), [r]);
  }
  const answers = new Map<string, ReadonlyMap<string, readonly Neighbour[]>>();
  await Promise.all(
    [...shapes].map(async ([shape, group]) => {
      const { direction, edge, limit } = group[0]!;
      const options = { direction, limit, ...(edge ? { edgeKinds: [edge] } : {}) };
      answers.set(
        shape,
        await store.neighboursOfMany(
          group.map((r) => r.id),
          options,
        ),
      );
    }),
  );
  return requests.map((r) => answers.get(shapeOf(r))?.get(r.id) ?? []);
}

/**
 * `countNodes`: where counts come from (the server passes its AnalysisCache's read, shared across requests).
 * Each loader is built on first use: a DataLoader with its cache and batch state is garbage for every request
 * that never loads through it.
 */
export function createLoaders(
  store: GraphStore,
  signal: AbortSignal,
  deadline?: Deadline,
  countNodes: GraphStore['countNodesByKind'] = () => store.countNodesByKind(),
): Loaders {
  let nodes: Loaders['nodes'] | undefined;
  let neighbours: Loaders['neighbours'] | undefined;
  let counts: ReturnType<GraphStore['countNodesByKind']> | undefined;
  const nodeLoader = () =>
    (nodes ??= new DataLoader<string, GraphNode | null>(
      async (ids) => {
        checkDeadline(signal, deadline);
        const found = new Map((await store.getNodes(ids)).map((n) => [n.id, n]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { maxBatchSize: NODE_BATCH },
    ));
  return {
    get nodes() {
      return nodeLoader();
    },
    get neighbours() {
      return (neighbours ??= new DataLoader<NeighbourRequest, readonly Neighbour[], string>(
        async (requests) => {
          checkDeadline(signal, deadline);
          const lists = await loadNeighbours(store, requests);
          const primed = nodeLoader();
          for (const list of lists) for (const { node } of list) primed.prime(node.id, node);
          return lists;
        },
        { cacheKeyFn: (r) => `${r.id}\u0000${shapeOf(r)}`, maxBatchSize: NODE_BATCH },
      ));
    },
    counts: () => {
      checkDeadline(signal, deadline);
      counts ??= countNodes();
      return counts;
    },
  };
}
