/**
 * Explorer queries evaluated directly on the memory store's graph (through a minimal view), with the same
 * semantics as the Neo4j adapter's compiled Cypher (../neo4j/explore-cypher.ts): same rows, same order, same pages.
 * The planner (explore-plan.ts) picks where the scan walks and answers some connections backwards from their
 * targets; the evaluator (explore-evaluator.ts) tests every candidate in full; the pager walks in id order and
 * stops at the first match past the page.
 */
import type { EdgeKind, GraphNode, NodeKind, Properties } from '../../model/index.js';
import { selectorMatches, validateExplorerQuery, type ExplorePage, type ExplorerQuery } from '../../query/index.js';
import { LoopPacer } from '../../util/deadline.js';
import type { Page, ReadOptions } from '../port.js';
import { checkPage } from '../query-options.js';
import { Evaluator } from './explore-evaluator.js';
import { planQuery, type ConnectionPlan } from './explore-plan.js';
import { pageOfSortedIds } from './pager.js';
import type { ExploreCache } from './explore-cache.js';
import type { LazyIds } from './indexes.js';

/** What the evaluator needs from a store: nodes by kind in id order, nodes by id, and edges by kind at a node. */
export interface ExplorerGraph {
  /**
   * Ids of the nodes of one kind, in id order (`compareIds`). Returning the same (unmodified) list while the kind
   * is unchanged lets the evaluator reuse merged lists of a family.
   */
  sortedIds(kind: NodeKind): readonly string[];
  node(id: string): GraphNode | undefined;
  /** How many nodes of one kind there are (without sorting their ids). */
  kindSize(kind: NodeKind): number;
  /** Ids of the nodes holding an insight (any kind), in id order, sorted only when listed. */
  idsWithInsight(insight: string): LazyIds;
  /** Ids of one kind whose indexed property equals `value`, sorted only when listed; undefined when not indexed. */
  idsWithProperty(kind: NodeKind, property: string, value: unknown): LazyIds | undefined;
  /** Moves on with every write: what was computed at one generation holds until it changes. */
  generation(): number;
  /**
   * Calls `test` with the far end and the properties of each edge of kind `edge` at node `id` (outgoing for
   * `out`, incoming for `in`) until it returns true; returns whether it did.
   */
  someEdge(
    id: string,
    edge: EdgeKind,
    direction: 'out' | 'in',
    test: (other: string, properties: Properties) => boolean,
  ): boolean;
}

/**
 * One page of the query's rows, in id order, after the cursor; `limit` caps the rows of all pages together. The
 * planning and the scan check the deadline as they go and give the event loop a turn every few milliseconds.
 * `cache` keeps what the query learns about the graph for later queries while the graph is unchanged.
 */
export async function evaluateExplorerQuery(
  graph: ExplorerGraph,
  query: ExplorerQuery,
  page: ExplorePage,
  options: ReadOptions = {},
  cache?: ExploreCache,
  plan: ConnectionPlan = 'cost',
): Promise<Page<GraphNode>> {
  const valid = validateExplorerQuery(query);
  const { first, after } = checkPage(page);
  options.deadline?.check();
  const generation = graph.generation();
  const evaluator = new Evaluator(graph, options.deadline, cache && { cache, generation });
  const anchor = await planQuery(
    { graph, evaluator, pacer: new LoopPacer(options.deadline), cache, generation, plan },
    valid,
  );
  const { admits } = anchor;
  return pageOfSortedIds(
    anchor.ids,
    // Ids the plan rules out are skipped before their node is read.
    admits ? (id) => (admits(id) ? graph.node(id) : undefined) : (id) => graph.node(id),
    (node) => selectorMatches(valid.kind, node.kind) && evaluator.nodeHolds(node, valid.where, valid.connections),
    { first, after, limit: valid.limit, deadline: options.deadline },
  );
}
