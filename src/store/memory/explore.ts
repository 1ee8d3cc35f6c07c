/**
 * Explorer queries evaluated directly on the memory store's graph (through a minimal view), with the same
 * semantics as the Neo4j adapter's compiled Cypher (../neo4j/explore-cypher.ts): same rows, same order, same pages.
 *
 * A connection holds when some node other than the tested one, at a shortest distance of minHops..maxHops over
 * the connection's edges, satisfies its target. Whether a node satisfies a target does not depend on where the
 * search came from, so it is computed once per target and node and remembered for the rest of the query. With
 * minHops 1 and a tested node that is no target itself, the question is plain bounded reachability, answered by
 * a memoised recursion every tested node shares; otherwise a breadth-first search from the node (which gives
 * shortest distances) answers it.
 */
import type { EdgeKind, GraphNode, NodeKind, Properties } from '../../model/index.js';
import {
  hopRange,
  kindsOf,
  selectorMatches,
  validateExplorerQuery,
  isAndCondition,
  isInsightCondition,
  isNotCondition,
  isOrCondition,
  type Condition,
  type Connection,
  type ConnectionTarget,
  type ExplorePage,
  type ExplorerQuery,
  type KindSelector,
} from '../../query/index.js';
import type { Deadline } from '../../util/deadline.js';
import type { Page, ReadOptions } from '../port.js';
import { checkPage, compareIds, hasInsights, matchesFilter } from '../query-options.js';
import { pageOfSortedIds } from './pager.js';

/** What the evaluator needs from a store: nodes by kind in id order, nodes by id, and edges by kind at a node. */
export interface ExplorerGraph {
  /**
   * Ids of the nodes of one kind, in id order (`compareIds`). Returning the same (unmodified) list while the kind
   * is unchanged lets the evaluator reuse merged lists of a family.
   */
  sortedIds(kind: NodeKind): readonly string[];
  node(id: string): GraphNode | undefined;
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

/** `matchesFilter` reads only `properties`; edges are tested by the very same rules through this holder. */
function propertiesHolder(properties: Properties): GraphNode {
  return { id: '', kind: 'Internet', properties };
}

const STEPS_PER_CHECK = 4_096;

class Evaluator {
  private readonly memo = new Map<ConnectionTarget, Map<string, boolean>>();
  /** Per connection, per hop budget, per node: whether a target lies within the budget. */
  private readonly reach = new Map<Connection, Map<string, boolean>[]>();
  /** Graph steps taken: one row's reachability can walk much of the graph, so the deadline is checked within it. */
  private steps = 0;

  constructor(
    private readonly graph: ExplorerGraph,
    private readonly deadline: Deadline | undefined,
  ) {}

  /** Every STEPS_PER_CHECK steps through the graph, fails the query if its deadline passed. */
  private step(): void {
    if (this.deadline && ++this.steps % STEPS_PER_CHECK === 0) this.deadline.check();
  }

  conditionHolds(condition: Condition, holder: GraphNode): boolean {
    if (isInsightCondition(condition)) return hasInsights(holder, [condition.insight]);
    if (isAndCondition(condition)) return condition.and.every((c) => this.conditionHolds(c, holder));
    if (isOrCondition(condition)) return condition.or.some((c) => this.conditionHolds(c, holder));
    if (isNotCondition(condition)) return !this.conditionHolds(condition.not, holder);
    return matchesFilter(holder, condition);
  }

  nodeHolds(node: GraphNode, where: Condition | undefined, connections: readonly Connection[] | undefined): boolean {
    if (where && !this.conditionHolds(where, node)) return false;
    if (connections) for (const c of connections) if (!this.connectionHolds(c, node)) return false;
    return true;
  }

  private targetHolds(target: ConnectionTarget, id: string): boolean {
    let known = this.memo.get(target);
    if (!known) this.memo.set(target, (known = new Map()));
    let holds = known.get(id);
    if (holds === undefined) {
      const node = this.graph.node(id);
      holds =
        node !== undefined &&
        selectorMatches(target.kind, node.kind) &&
        this.nodeHolds(node, target.where, target.connections);
      known.set(id, holds);
    }
    return holds;
  }

  connectionHolds(connection: Connection, origin: GraphNode): boolean {
    const { min, max } = hopRange(connection);
    // From a node that is no target itself, "a target other than me within max hops" is plain reachability,
    // which every search of the query can share; otherwise the origin must be excluded: search from it alone.
    const found =
      min === 1 && !(selectorMatches(connection.to.kind, origin.kind) && this.targetHolds(connection.to, origin.id))
        ? this.someNeighbour(connection, origin.id, (next) => this.reaches(connection, next, max - 1))
        : this.search(connection, origin.id, min, max);
    return connection.negate ? !found : found;
  }

  /** Calls `test` on the far end of each edge of the connection at `id` (kind, direction, edge condition). */
  private someNeighbour(connection: Connection, id: string, test: (other: string) => boolean): boolean {
    // Callbacks are written inline: this runs for every node a query touches, and it should allocate little.
    const { edge, direction } = connection;
    if (
      direction !== 'in' &&
      this.graph.someEdge(id, edge, 'out', (o, p) => this.edgePasses(connection, p) && test(o))
    ) {
      return true;
    }
    return (
      direction !== 'out' && this.graph.someEdge(id, edge, 'in', (o, p) => this.edgePasses(connection, p) && test(o))
    );
  }

  private edgePasses(connection: Connection, properties: Properties): boolean {
    return !connection.edgeWhere || this.conditionHolds(connection.edgeWhere, propertiesHolder(properties));
  }

  /**
   * Whether a target lies within `hops` of `id` (itself included): a target, or a neighbour within one hop less.
   * Remembered per connection, node and hop budget; the budget falls on every call, so cycles end.
   */
  private reaches(connection: Connection, id: string, hops: number): boolean {
    this.step();
    if (this.targetHolds(connection.to, id)) return true;
    if (hops === 0) return false;
    let budgets = this.reach.get(connection);
    if (!budgets) this.reach.set(connection, (budgets = []));
    const byNode = (budgets[hops] ??= new Map());
    let holds = byNode.get(id);
    if (holds === undefined) {
      holds = this.someNeighbour(connection, id, (next) => this.reaches(connection, next, hops - 1));
      byNode.set(id, holds);
    }
    return holds;
  }

  /** Breadth-first from `start` (never counting it): a target at a shortest distance of min..max hops. */
  private search(connection: Connection, start: string, min: number, max: number): boolean {
    const seen = new Set<string>([start]);
    let frontier = [start];
    let next: string[] = [];
    let depth = 1;
    const visit = (other: string): boolean => {
      if (seen.has(other)) return false;
      seen.add(other);
      next.push(other);
      return depth >= min && this.targetHolds(connection.to, other);
    };
    for (; depth <= max && frontier.length > 0; depth++) {
      for (const id of frontier) {
        this.step();
        if (this.someNeighbour(connection, id, visit)) return true;
      }
      frontier = next;
      next = [];
    }
    return false;
  }
}

/**
 * Merged id lists of family selectors, keyed by the first kind's list. A store hands out the same list for a
 * kind until the kind changes, so a merge is reused while every part is the very same list, and dropped with it.
 */
const mergedIds = new WeakMap<
  readonly string[],
  { parts: readonly (readonly string[])[]; merged: readonly string[] }
>();

function rootIds(graph: ExplorerGraph, selector: KindSelector): readonly string[] {
  const parts = kindsOf(selector).map((k) => graph.sortedIds(k));
  if (parts.length === 1) return parts[0]!;
  const cached = mergedIds.get(parts[0]!);
  if (cached && cached.parts.length === parts.length && cached.parts.every((p, i) => p === parts[i]))
    return cached.merged;
  const merged = parts.reduce<readonly string[]>((all, ids) => (all.length === 0 ? ids : mergeSorted(all, ids)), []);
  mergedIds.set(parts[0]!, { parts, merged });
  return merged;
}

/** Two id-sorted lists as one (ids are unique across kinds): linear, where sorting the union on every call is not. */
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

/**
 * One page of the query's rows, in id order, after the cursor; `limit` caps the rows of all pages together. The
 * scan checks the deadline between chunks of tested nodes and gives the event loop a turn every few milliseconds.
 */
export function evaluateExplorerQuery(
  graph: ExplorerGraph,
  query: ExplorerQuery,
  page: ExplorePage,
  options: ReadOptions = {},
): Promise<Page<GraphNode>> {
  const valid = validateExplorerQuery(query);
  const { first, after } = checkPage(page);
  const evaluator = new Evaluator(graph, options.deadline);
  return pageOfSortedIds(
    rootIds(graph, valid.kind),
    (id) => graph.node(id),
    (node) => evaluator.nodeHolds(node, valid.where, valid.connections),
    { first, after, limit: valid.limit, deadline: options.deadline },
  );
}
