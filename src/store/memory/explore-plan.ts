/**
 * The explorer's query planner on the memory store: which nodes a page scan walks, and which connections are
 * answered backwards from their targets before it starts.
 *
 * - Anchor: the shortest id-sorted candidate list the indexes give for the root (kind or family, a required
 *   insight, an indexed property's value; explore-candidates.ts). A root connection answered backwards narrows it
 *   further: its reach is the anchor when it is the smallest set (sorted, when small enough to sort within a
 *   slice), or a membership test in front of the full test otherwise.
 * - Connections: bottom-up (a target's own connections first), a connection is answered backwards when its
 *   targets are no more numerous than the nodes that will test it, and the walk stays within a budget of
 *   edges proportional to those nodes; otherwise each tested node searches forward, as it always could.
 * The full test still runs on every candidate, so a plan only decides how much work finds the page, never which
 * rows it holds.
 */
import type { NodeKind } from '../../model/index.js';
import { kindsOf, startKinds, targetKinds, type Connection, type ExplorerQuery } from '../../query/index.js';
import type { LoopPacer } from '../../util/deadline.js';
import { yieldToEventLoop } from '../../util/deadline.js';
import { sortInSlices } from '../../util/sort-in-slices.js';
import { compareIds } from '../query-options.js';
import { candidateIds } from './explore-candidates.js';
import type { Evaluator } from './explore-evaluator.js';
import type { ExplorerGraph } from './explore.js';
import type { ExploreCache } from './explore-cache.js';
import { listInSlices, type LazyIds } from './indexes.js';
import { reverseReach, type ConnectionReach } from './reverse-reach.js';

/** Sorting more ids than this would hold the event loop for more than a few milliseconds. */
const SORT_LIMIT = 20_000;
/** Edges a backward walk may look at per node that would test the connection forward (and at least this many). */
const BUDGET_PER_ORIGIN = 8;
const MIN_BUDGET = 50_000;

/** Where the page scan walks: ids in id order, and a cheap test an id must pass before its node is read. */
export interface Anchor {
  readonly ids: readonly string[];
  readonly admits: ((id: string) => boolean) | undefined;
}

/**
 * How connections are answered: by estimated cost (the default), or always one way — backwards whenever the
 * targets can be listed, or always forward — so tests and benchmarks can hold each plan against the other.
 */
export type ConnectionPlan = 'cost' | 'backward' | 'forward';

export interface PlanContext {
  readonly plan: ConnectionPlan;
  readonly graph: ExplorerGraph;
  readonly evaluator: Evaluator;
  readonly pacer: LoopPacer;
  readonly cache: ExploreCache | undefined;
  /** The graph's generation when the query started: what the cache holds for it is what this query may use. */
  readonly generation: number;
}

export async function planQuery(context: PlanContext, query: ExplorerQuery): Promise<Anchor> {
  const roots = candidateIds(context.graph, kindsOf(query.kind), query.where);
  const reaches: ConnectionReach[] = [];
  for (const connection of query.connections ?? []) {
    const reach = await prepareConnection(context, connection, roots.size);
    // A negated connection holds outside its reach: no narrowing from it.
    if (reach && !connection.negate) reaches.push(reach);
  }
  const smallest = reaches.reduce<ConnectionReach | undefined>(
    (best, r) => (best === undefined || sizeOf(r) < sizeOf(best) ? r : best),
    undefined,
  );
  if (smallest && sizeOf(smallest) < roots.size && sizeOf(smallest) <= SORT_LIMIT) {
    const others = reaches.filter((r) => r !== smallest);
    return {
      ids: await sortedReach(context, smallest),
      admits: others.length ? (id) => others.every((r) => inReach(r, id)) : undefined,
    };
  }
  return {
    ids: await listed(context, roots),
    admits: reaches.length ? (id) => reaches.every((r) => inReach(r, id)) : undefined,
  };
}

const sizeOf = (reach: ConnectionReach) => reach.origins.size + reach.uncertain.size;
const inReach = (reach: ConnectionReach, id: string) => reach.origins.has(id) || reach.uncertain.has(id);

/** The candidates in id order; a list not sorted since the index changed is sorted in slices. */
async function listed(context: PlanContext, ids: LazyIds): Promise<readonly string[]> {
  return listInSlices(ids, context.pacer);
}

async function sortedReach(context: PlanContext, reach: ConnectionReach): Promise<readonly string[]> {
  reach.sorted ??= await sortInSlices([...reach.origins, ...reach.uncertain], compareIds, context.pacer);
  return reach.sorted;
}

/**
 * Answers `connection` backwards when that is the cheaper plan (after its target's own connections), and returns
 * its reach; undefined when it is left to the forward search. `testers` is how many nodes would test it.
 */
async function prepareConnection(
  context: PlanContext,
  connection: Connection,
  testers: number,
): Promise<ConnectionReach | undefined> {
  const { graph, evaluator } = context;
  const key = JSON.stringify(connection);
  const { generation } = context;
  const cached = context.cache?.reach(generation, key);
  if (cached) {
    evaluator.useReach(connection, cached);
    return cached;
  }
  const kinds: readonly NodeKind[] = targetKinds(connection.edge, connection.direction, connection.to.kind);
  const candidates = candidateIds(graph, kinds, connection.to.where);
  // The target's connections are tested on its candidates when this one is walked backwards, and on no more nodes
  // than this connection's testers meet when it is searched forward.
  const innerTesters = Math.min(candidates.size, testers);
  for (const inner of connection.to.connections ?? []) await prepareConnection(context, inner, innerTesters);
  if (context.plan === 'forward' || (context.plan === 'cost' && candidates.size > testers)) return undefined;
  const budget = context.plan === 'backward' ? Infinity : Math.max(MIN_BUDGET, BUDGET_PER_ORIGIN * testers);
  // A walk that ran over this budget before would again: remembered apart, since a larger budget may suffice.
  const overKey = `${key} over ${budget}`;
  if (context.cache?.reach(generation, overKey) === null) return undefined;

  const targets: string[] = [];
  const startingTargets: string[] = [];
  const starts = new Set(startKinds(connection.edge, connection.direction));
  for (const id of await listed(context, candidates)) {
    if (context.pacer.tick()) {
      await yieldToEventLoop();
      context.pacer.resumed();
    }
    if (!evaluator.targetHolds(connection.to, id)) continue;
    targets.push(id);
    if (starts.has(graph.node(id)!.kind)) startingTargets.push(id);
  }
  const reach = await reverseReach(
    {
      graph,
      connection,
      edgePasses: (properties) => evaluator.edgePasses(connection, properties),
      pacer: context.pacer,
      budget,
    },
    targets,
    startingTargets,
  );
  // Kept only when the graph did not change while the walk yielded: the reach then describes this generation.
  if (graph.generation() === generation) context.cache?.keepReach(generation, reach ? key : overKey, reach ?? null);
  if (reach) evaluator.useReach(connection, reach);
  return reach;
}
