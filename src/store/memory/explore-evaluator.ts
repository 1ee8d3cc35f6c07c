/**
 * The explorer's per-node test on the memory store: whether a node passes a query's conditions and connections.
 *
 * A connection holds when some node other than the tested one, at a shortest distance of minHops..maxHops over
 * the connection's edges, satisfies its target. Whether a node satisfies a target does not depend on where the
 * search came from, so it is computed once per target and node and remembered for the rest of the query. The
 * planner (explore-plan.ts) may have answered a connection backwards from its targets for every node
 * (reverse-reach.ts); otherwise, with minHops 1 and a tested node that is no target itself, the question is plain
 * bounded reachability, answered by a memoised recursion every tested node shares, and a breadth-first search from
 * the node (which gives shortest distances) answers the rest.
 */
import type { GraphNode, Properties } from '../../model/index.js';
import {
  hopRange,
  selectorMatches,
  isAndCondition,
  isInsightCondition,
  isNotCondition,
  isOrCondition,
  type Condition,
  type Connection,
  type ConnectionTarget,
} from '../../query/index.js';
import type { Deadline } from '../../util/deadline.js';
import { hasInsights, matchesFilter } from '../query-options.js';
import type { ExplorerGraph } from './explore.js';
import type { ExploreCache } from './explore-cache.js';
import type { ConnectionReach } from './reverse-reach.js';

/** `matchesFilter` reads only `properties`; edges are tested by the very same rules through this holder. */
function propertiesHolder(properties: Properties): GraphNode {
  return { id: '', kind: 'Internet', properties };
}

const STEPS_PER_CHECK = 4_096;

export class Evaluator {
  private readonly memo = new Map<ConnectionTarget, Map<string, boolean>>();
  /** Per connection, per hop budget, per node: whether a target lies within the budget. */
  private readonly reach = new Map<Connection, Map<string, boolean>[]>();
  /** Per connection, per node: whether it holds (without its `negate`), once searched forward. */
  private readonly found = new Map<Connection, Map<string, boolean>>();
  /** Connections the planner answered backwards from their targets. */
  private readonly reached = new Map<Connection, ConnectionReach>();
  /** Graph steps taken: one row's reachability can walk much of the graph, so the deadline is checked within it. */
  private steps = 0;

  constructor(
    private readonly graph: ExplorerGraph,
    private readonly deadline: Deadline | undefined,
    /** Memos shared with later queries while the graph stays at this generation (explore-cache.ts). */
    private readonly shared?: { readonly cache: ExploreCache; readonly generation: number },
  ) {}

  /** A memo of this query, taken from the shared cache when there is one. */
  private sharedMemo(key: () => string): Map<string, boolean> {
    return this.shared ? this.shared.cache.memo(this.shared.generation, key()) : new Map();
  }

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

  targetHolds(target: ConnectionTarget, id: string): boolean {
    let known = this.memo.get(target);
    if (!known) this.memo.set(target, (known = this.sharedMemo(() => `target ${JSON.stringify(target)}`)));
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

  /** Answers `connection` from its reach for every node the reach decides. */
  useReach(connection: Connection, reach: ConnectionReach): void {
    this.reached.set(connection, reach);
  }

  reachOf(connection: Connection): ConnectionReach | undefined {
    return this.reached.get(connection);
  }

  connectionHolds(connection: Connection, origin: GraphNode): boolean {
    const reach = this.reached.get(connection);
    if (reach && !reach.uncertain.has(origin.id)) return reach.origins.has(origin.id) !== (connection.negate === true);
    let known = this.found.get(connection);
    if (!known) this.found.set(connection, (known = this.sharedMemo(() => `found ${JSON.stringify(connection)}`)));
    let found = known.get(origin.id);
    if (found === undefined) {
      found = this.searchFrom(connection, origin);
      known.set(origin.id, found);
    }
    return connection.negate ? !found : found;
  }

  /** Whether the connection (read without `negate`) holds for `origin`, searching forward from it. */
  private searchFrom(connection: Connection, origin: GraphNode): boolean {
    const { min, max } = hopRange(connection);
    // From a node that is no target itself, "a target other than me within max hops" is plain reachability,
    // which every search of the query can share; otherwise the origin must be excluded: search from it alone.
    return min === 1 &&
      !(selectorMatches(connection.to.kind, origin.kind) && this.targetHolds(connection.to, origin.id))
      ? this.someNeighbour(connection, origin.id, (next) => this.reaches(connection, next, max - 1))
      : this.search(connection, origin.id, min, max);
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

  edgePasses(connection: Connection, properties: Properties): boolean {
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
    const byNode = (budgets[hops] ??= this.sharedMemo(() => `within ${hops} ${JSON.stringify(connection)}`));
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
