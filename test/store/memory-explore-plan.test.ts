/**
 * The memory store's planned explorer evaluation (index anchors, connections answered backwards from their
 * targets, answers kept across queries per graph generation) against a naive reading of the query language over
 * random graphs and random queries: every node of the kind in id order, each condition tested as written, each
 * connection searched breadth-first from the node. Same rows, same order, same pages and cursors — cold, warm
 * (the same query again, answered from what the first one kept) and after the graph changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  edgeDeclaration,
  type EdgeKind,
  type GraphEdge,
  type GraphNode,
  type Insight,
  type NodeKind,
} from '../../src/model/index.js';
import {
  ExplorerValidationError,
  endKinds,
  selectorMatches,
  startKinds,
  type Condition,
  type Connection,
  type ConnectionTarget,
  type ExplorerQuery,
  type KindSelector,
} from '../../src/query/index.js';
import { MemoryStore, type AnalysisResult } from '../../src/store/index.js';
import { decodeCursor, matchesFilter } from '../../src/store/query-options.js';
import { compareIds } from '../../src/util/order.js';
import { FUZZ_TIMEOUT_MS, fuzzAsync } from '../support/fuzz.js';

const KINDS = [
  'ApiGateway',
  'Api',
  'ApiEndpoint',
  'LoadBalancer',
  'VirtualMachine',
  'FunctionApp',
  'ManagedIdentity',
  'StorageAccount',
  'KeyVault',
] as const satisfies readonly NodeKind[];
const SELECTORS = [...KINDS, 'ApiAsset', 'Compute', 'DataStore'] as const satisfies readonly KindSelector[];
const EDGES = [
  'ROUTES_TO',
  'CONTAINS',
  'CAN_AUTHENTICATE_AS',
  'HAS_PERMISSION_TO',
] as const satisfies readonly EdgeKind[];
const INSIGHTS = ['InternetExposed', 'AllowsAnonymousAccess', 'GatewayBypass'] as const satisfies readonly Insight[];
const NAMES = ['a', 'b', 'c'] as const;
const ACCESS = ['read', 'write', 'admin'] as const;
const SLOTS = 14;
const PLANS = ['cost', 'backward', 'forward'] as const;

const idOf = (slot: number) => `/subscriptions/s/resourcegroups/rg/providers/x/n-${String(slot).padStart(2, '0')}`;

const graphArb = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: SLOTS, maxLength: SLOTS }),
  names: fc.array(fc.constantFrom(...NAMES), { minLength: SLOTS, maxLength: SLOTS }),
});
const analysisArb = fc.record({
  edges: fc.array(
    fc.record({
      from: fc.nat(SLOTS - 1),
      to: fc.nat(SLOTS - 1),
      loop: fc.boolean(),
      kind: fc.constantFrom(...EDGES),
      access: fc.constantFrom(...ACCESS),
    }),
    { maxLength: 50 },
  ),
  insights: fc.array(fc.subarray([...INSIGHTS]), { minLength: SLOTS, maxLength: SLOTS }),
});
type Analysis = typeof analysisArb extends fc.Arbitrary<infer A> ? A : never;

const conditionArb = (depth: number): fc.Arbitrary<Condition> => {
  const leaves: fc.Arbitrary<Condition>[] = [
    fc.constantFrom(...INSIGHTS).map((insight) => ({ insight })),
    fc.constantFrom(...NAMES).map((value) => ({ property: 'name', op: 'eq' as const, value })),
    fc.constantFrom(...NAMES).map((value) => ({ property: 'name', op: 'neq' as const, value })),
  ];
  if (depth === 0) return fc.oneof(...leaves);
  const inner = conditionArb(depth - 1);
  return fc.oneof(
    ...leaves,
    fc.array(inner, { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
    fc.array(inner, { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
    inner.map((not) => ({ not })),
  );
};

/** Kinds of the test graph among `kinds`, or the whole list when none is (then the query simply finds nothing). */
const ofGraph = (kinds: readonly NodeKind[]): readonly NodeKind[] => {
  const mine = kinds.filter((k) => (KINDS as readonly NodeKind[]).includes(k));
  return mine.length ? mine : KINDS;
};

/** A connection whose target kind is one the edge can end at (as a query that finds something would be). */
const connectionArb = (depth: number): fc.Arbitrary<Connection> =>
  fc
    .record({
      edge: fc.constantFrom(...EDGES),
      direction: fc.constantFrom('out' as const, 'in' as const, 'both' as const),
    })
    .chain(({ edge, direction }) =>
      fc.record({
        edge: fc.constant(edge),
        direction: fc.constant(direction),
        // Mostly one-hop-and-up and positive, as real queries are; enough of the rest to meet every rule.
        minHops: fc.constantFrom(1, 1, 1, 2, 3),
        extra: fc.integer({ min: 0, max: 2 }),
        kind: fc.option(
          fc.constantFrom<KindSelector>(...ofGraph(endKinds(edge, direction)), 'ApiAsset', 'Compute', 'DataStore'),
          {
            nil: undefined,
          },
        ),
        where: fc.option(conditionArb(1), { nil: undefined }),
        connections:
          depth > 0
            ? fc.option(fc.array(connectionArb(depth - 1), { maxLength: 2 }), { nil: undefined })
            : fc.constant(undefined),
        negate: fc.constantFrom(false, false, false, true),
        access: fc.option(fc.subarray([...ACCESS], { minLength: 1 }), { nil: undefined }),
      }),
    )
    .map((c) => ({
      edge: c.edge,
      direction: c.direction,
      minHops: c.minHops,
      maxHops: Math.min(3, c.minHops + c.extra),
      ...(c.access && c.edge === 'HAS_PERMISSION_TO'
        ? { edgeWhere: { property: 'accessLevel', op: 'in' as const, value: c.access } }
        : {}),
      to: {
        ...(c.kind ? { kind: c.kind } : {}),
        ...(c.where ? { where: c.where } : {}),
        ...(c.connections?.length ? { connections: c.connections } : {}),
      },
      ...(c.negate ? { negate: true } : {}),
    }));

/** A query whose root kind is one its first connection's edge can start at. */
const queryArb: fc.Arbitrary<ExplorerQuery> = fc
  .option(fc.array(connectionArb(2), { minLength: 1, maxLength: 2 }), { nil: undefined })
  .chain((connections) =>
    fc.record({
      kind: fc.constantFrom<KindSelector>(
        ...(connections ? ofGraph(startKinds(connections[0]!.edge, connections[0]!.direction)) : SELECTORS),
      ),
      where: fc.option(conditionArb(2), { nil: undefined }),
      connections: fc.constant(connections),
      limit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    }),
  )
  .map((q) => ({
    kind: q.kind,
    ...(q.where ? { where: q.where } : {}),
    ...(q.connections ? { connections: q.connections } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
  }));

/**
 * The model's edges only: each end is picked among the nodes whose kind the edge kind allows there (none when no
 * node fits). Self-loops are kept only now and then (`loop`), so that walks meet them without being mostly them.
 */
function analysisOf(nodes: readonly GraphNode[], analysis: Analysis): AnalysisResult {
  const edges: GraphEdge[] = [];
  for (const spec of analysis.edges) {
    const declaration = edgeDeclaration(spec.kind);
    const starts = nodes.filter((n) => declaration.from.includes(n.kind));
    const ends = nodes.filter((n) => declaration.to.includes(n.kind));
    if (starts.length === 0 || ends.length === 0) continue;
    const from = starts[spec.from % starts.length]!;
    const to = ends[spec.to % ends.length]!;
    if (from.id === to.id && !spec.loop) continue;
    const properties =
      spec.kind === 'HAS_PERMISSION_TO' ? { accessLevel: spec.access, derived: true } : { derived: true };
    edges.push({ kind: spec.kind, from: from.id, fromKind: from.kind, to: to.id, toKind: to.kind, properties });
  }
  const insights = nodes.flatMap((node, slot) => {
    const held = analysis.insights[slot] ?? [];
    return held.length ? [{ id: node.id, kind: node.kind, insights: held, evidence: { by: 'test' } }] : [];
  });
  return { nodes: [], edges, insights };
}

/** The query language read literally over plain lists of nodes and edges. */
function naiveRows(nodes: readonly GraphNode[], edges: readonly GraphEdge[], query: ExplorerQuery): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const holds = (condition: Condition, node: GraphNode): boolean => {
    if ('insight' in condition) {
      const held = node.properties['insights'];
      return Array.isArray(held) && held.includes(condition.insight);
    }
    if ('and' in condition) return condition.and.every((c) => holds(c, node));
    if ('or' in condition) return condition.or.some((c) => holds(c, node));
    if ('not' in condition) return !holds(condition.not, node);
    return matchesFilter(node, condition);
  };
  const satisfies = (target: ConnectionTarget, node: GraphNode): boolean =>
    selectorMatches(target.kind, node.kind) &&
    (!target.where || holds(target.where, node)) &&
    (target.connections ?? []).every((c) => connected(c, node));
  const neighbours = (c: Connection, id: string): string[] =>
    edges
      .filter(
        (e) =>
          e.kind === c.edge &&
          (!c.edgeWhere || holds(c.edgeWhere, { id: '', kind: 'Internet', properties: e.properties })),
      )
      .flatMap((e) => [
        ...(c.direction !== 'in' && e.from === id ? [e.to] : []),
        ...(c.direction !== 'out' && e.to === id ? [e.from] : []),
      ]);
  /** Breadth-first: a node first met at depth d is at shortest distance d. */
  const connected = (c: Connection, origin: GraphNode): boolean => {
    const min = c.minHops ?? 1;
    const max = c.maxHops ?? min;
    const seen = new Set([origin.id]);
    let frontier = [origin.id];
    let found = false;
    for (let depth = 1; depth <= max && !found; depth++) {
      const next: string[] = [];
      for (const id of frontier)
        for (const other of neighbours(c, id)) {
          if (seen.has(other)) continue;
          seen.add(other);
          next.push(other);
          if (depth >= min && satisfies(c.to, byId.get(other)!)) found = true;
        }
      frontier = next;
    }
    return c.negate ? !found : found;
  };
  const rows = [...nodes]
    .sort((a, b) => compareIds(a.id, b.id))
    .filter((n) =>
      satisfies(
        {
          kind: query.kind,
          ...(query.where ? { where: query.where } : {}),
          ...(query.connections ? { connections: query.connections } : {}),
        },
        n,
      ),
    )
    .map((n) => n.id);
  return query.limit === undefined ? rows : rows.slice(0, query.limit);
}

/** Every page of the query in pages of `first`, checked page by page against the expected rows. */
async function expectPages(
  store: MemoryStore,
  query: ExplorerQuery,
  first: number,
  expected: readonly string[],
): Promise<void> {
  let after: string | null = null;
  const seen: string[] = [];
  for (;;) {
    const page = await store.explore(query, { first, after });
    const ids = page.items.map((n) => n.id);
    expect(ids).toEqual(expected.slice(seen.length, seen.length + first));
    seen.push(...ids);
    expect(page.hasNextPage).toBe(seen.length < expected.length);
    expect(page.endCursor === null ? null : decodeCursor(page.endCursor)).toBe(ids.at(-1) ?? null);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  expect(seen).toEqual(expected);
}

describe('explorer planner on the memory store', () => {
  it(
    'gives the naive evaluation rows, pages and cursors over random graphs and queries, cold, warm and after a change',
    async () => {
      const count = await fuzzAsync(
        'memory explorer planner against a naive evaluation',
        fc.record({
          graph: graphArb,
          analyses: fc.tuple(analysisArb, analysisArb),
          queries: fc.array(queryArb, { minLength: 1, maxLength: 4 }),
          first: fc.integer({ min: 1, max: 4 }),
        }),
        async ({ graph, analyses, queries, first }) => {
          // Each plan on a store of its own (each keeps its own answers): by cost, always backwards, always forward.
          const stores = await Promise.all(PLANS.map((explorerPlan) => MemoryStore.open({ explorerPlan })));
          const run = { runId: 'r1', startedAt: '2026-01-01T00:00:00.000Z' };
          const written: GraphNode[] = graph.kinds.map((kind, slot) => ({
            id: idOf(slot),
            kind,
            properties: { name: graph.names[slot]!, subscriptionId: 's' },
          }));
          for (const store of stores) await store.upsertNodes(written, run);
          let checked = 0;
          for (const analysis of analyses) {
            // The second analysis replaces the first: what queries kept about the first graph must not answer now.
            for (const store of stores) await store.replaceAnalysis(analysisOf(written, analysis), run);
            const { nodes, edges } = await readGraph(stores[0]!);
            for (const query of queries) {
              try {
                await stores[0]!.explore(query, { first });
              } catch (error) {
                if (error instanceof ExplorerValidationError) continue;
                throw error;
              }
              const expected = naiveRows(nodes, edges, query);
              for (const store of stores) {
                await expectPages(store, query, first, expected);
                // Again: now answered from what the first run kept.
                await expectPages(store, query, first, expected);
              }
              checked += 1;
            }
          }
          return checked > 0 ? 'checked' : 'only invalid queries';
        },
        150,
      );
      expect(count.outcomes['checked'] ?? 0).toBeGreaterThan(count.runs / 3);
    },
    FUZZ_TIMEOUT_MS,
  );
});

async function readGraph(store: MemoryStore): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for await (const chunk of store.streamGraph()) {
    nodes.push(...chunk.nodes);
    edges.push(...chunk.edges);
  }
  return { nodes, edges };
}
