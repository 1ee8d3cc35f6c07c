/**
 * The memory store's secondary indexes never disagree with a scan: random sequences of writes, deletes (a
 * re-ingest's cleanup, an analysis replacing the last one) and re-ingests, after which every listing, count and
 * neighbour list the indexes answer is compared with a brute-force scan of the whole graph — on the live store and
 * on one reopened from its snapshot (indexes rebuilt on load).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeDeclaration, type EdgeKind, type GraphEdge, type GraphNode, type Insight, type NodeKind } from '../../src/model/index.js';
import { MemoryStore, type Direction, type GraphStore, type PropertyFilter } from '../../src/store/index.js';
import { compareIds } from '../../src/util/order.js';
import { FUZZ_TIMEOUT_MS, fuzzAsync } from '../support/fuzz.js';
import { readAll } from './graph-store-contract.js';

const SUBSCRIPTIONS = ['sub-a', 'sub-b'] as const;
const KINDS = ['ApiEndpoint', 'Api', 'FunctionApp', 'ManagedIdentity', 'StorageAccount'] as const satisfies readonly NodeKind[];
const INGESTED_EDGES = ['CONTAINS', 'CAN_AUTHENTICATE_AS'] as const satisfies readonly EdgeKind[];
const DERIVED_EDGES = ['ROUTES_TO', 'CAN_REACH', 'HAS_PERMISSION_TO', 'CALLS'] as const satisfies readonly EdgeKind[];
const INSIGHTS = ['InternetExposed', 'AllowsAnonymousAccess', 'SensitiveData'] as const satisfies readonly Insight[];
const NAMES = ['orders', 'users', 'billing'] as const;
const METHODS = ['GET', 'POST'] as const;
const SOURCES = ['azure-export', 'azure-live'] as const;
/** Few ids, so writes land on existing nodes and edges (merges, kind changes, replaced properties) often. */
const SLOTS = 8;

const nodeArb = fc.record({
  slot: fc.integer({ min: 0, max: SLOTS - 1 }),
  subscription: fc.constantFrom(...SUBSCRIPTIONS),
  name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
  method: fc.option(fc.constantFrom(...METHODS), { nil: undefined }),
  source: fc.option(fc.constantFrom(...SOURCES), { nil: undefined }),
});
type NodeSpec = typeof nodeArb extends fc.Arbitrary<infer N> ? N : never;
const edgeArb = fc.record({
  from: fc.integer({ min: 0, max: SLOTS }),
  to: fc.integer({ min: 0, max: SLOTS }),
  kind: fc.constantFrom(...INGESTED_EDGES),
  subscription: fc.constantFrom(...SUBSCRIPTIONS),
});
const analysisArb = fc.record({
  insights: fc.array(fc.record({ slot: fc.integer({ min: 0, max: SLOTS - 1 }), insights: fc.subarray([...INSIGHTS]) }), { maxLength: 6 }),
  findings: fc.array(fc.integer({ min: 0, max: SLOTS - 1 }), { maxLength: 3 }),
  edges: fc.array(
    fc.record({ from: fc.integer({ min: 0, max: SLOTS }), to: fc.integer({ min: 0, max: SLOTS }), kind: fc.constantFrom(...DERIVED_EDGES) }),
    { maxLength: 6 },
  ),
});
const stepArb = fc.oneof(
  fc.record({ op: fc.constant('upsertNodes' as const), nodes: fc.array(nodeArb, { maxLength: 6 }) }),
  fc.record({ op: fc.constant('upsertEdges' as const), edges: fc.array(edgeArb, { maxLength: 8 }) }),
  // A whole re-ingest of one subscription: what it writes stays, the rest of that subscription is cleaned up.
  fc.record({
    op: fc.constant('reingest' as const),
    subscription: fc.constantFrom(...SUBSCRIPTIONS),
    nodes: fc.array(nodeArb, { maxLength: 6 }),
    edges: fc.array(edgeArb, { maxLength: 6 }),
  }),
  fc.record({ op: fc.constant('analyse' as const), analysis: analysisArb }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

const idOf = (slot: number) => (slot === SLOTS ? 'internet' : `/subscriptions/s/resourcegroups/rg/providers/x/r-${slot}`);
let runs = 0;
const nextRun = () => ({ runId: `run-${++runs}`, startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, runs)).toISOString() });

/** An id's kind never changes (an ARM id names its type), so the kind follows from the slot. */
const kindOfSlot = (slot: number): (typeof KINDS)[number] => KINDS[slot % KINDS.length]!;

function toNode(spec: NodeSpec, subscription = spec.subscription): GraphNode {
  const kind = kindOfSlot(spec.slot);
  const properties: Record<string, string> = { subscriptionId: subscription };
  if (spec.name !== undefined) properties['name'] = spec.name;
  if (spec.source !== undefined) properties['source'] = spec.source;
  if (spec.method !== undefined && kind === 'ApiEndpoint') properties['method'] = spec.method;
  return { id: idOf(spec.slot), kind, properties };
}

async function kindOf(store: GraphStore, slot: number): Promise<NodeKind | undefined> {
  return (await store.getNode(idOf(slot)))?.kind;
}

/**
 * Edges the model allows (a snapshot refuses any other): the spec's kind if it fits the two ends, else the next of
 * the same group that does; none when no kind of the group joins them.
 */
async function toEdges(
  store: GraphStore,
  specs: readonly { from: number; to: number; kind: EdgeKind; subscription?: string }[],
  group: readonly EdgeKind[],
): Promise<GraphEdge[]> {
  const edges: GraphEdge[] = [];
  for (const spec of specs) {
    const fromKind = await kindOf(store, spec.from);
    const toKind = await kindOf(store, spec.to);
    if (!fromKind || !toKind) continue;
    const properties = spec.subscription ? { subscriptionId: spec.subscription } : { derived: true };
    const start = group.indexOf(spec.kind);
    const kind = [...group.slice(start), ...group.slice(0, start)].find((k) => {
      const { from, to } = edgeDeclaration(k);
      return from.includes(fromKind) && to.includes(toKind);
    });
    if (kind) edges.push({ kind, from: idOf(spec.from), fromKind, to: idOf(spec.to), toKind, properties });
  }
  return edges;
}

async function apply(store: MemoryStore, step: Step): Promise<void> {
  switch (step.op) {
    case 'upsertNodes':
      await store.upsertNodes(step.nodes.map((n) => toNode(n)), nextRun());
      return;
    case 'upsertEdges':
      await store.upsertEdges(await toEdges(store, step.edges, INGESTED_EDGES), nextRun());
      return;
    case 'reingest': {
      const run = nextRun();
      await store.upsertNodes(step.nodes.map((n) => toNode(n, step.subscription)), run);
      await store.upsertEdges(await toEdges(store, step.edges.map((e) => ({ ...e, subscription: step.subscription })), INGESTED_EDGES), run);
      await store.completeRun(run, [step.subscription]);
      return;
    }
    case 'analyse': {
      const { analysis } = step;
      const internet: GraphNode = { id: 'internet', kind: 'Internet', properties: { name: 'Internet', source: 'analysis' } };
      const findings: GraphNode[] = analysis.findings.map((slot) => ({
        id: `finding-${slot}`,
        kind: 'Finding',
        properties: { name: `finding ${slot}`, source: 'analysis' },
      }));
      const run = nextRun();
      // The internet node must exist for derived edges that start there: written with the analysis, as analysis does.
      await store.replaceAnalysis({ nodes: [internet, ...findings], edges: [], insights: [] }, run);
      const insights = [];
      for (const { slot, insights: held } of analysis.insights) {
        const kind = await kindOf(store, slot);
        if (kind) insights.push({ id: idOf(slot), kind, insights: held, evidence: { by: 'test' } });
      }
      const edges = await toEdges(store, analysis.edges, DERIVED_EDGES);
      await store.replaceAnalysis({ nodes: [internet, ...findings], edges, insights }, run);
      return;
    }
  }
}

const scan = readAll;

const tally = (keys: readonly string[]) => {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
};
const ids = (nodes: readonly GraphNode[]) => nodes.map((n) => n.id);
const insightsOf = (node: GraphNode) => (Array.isArray(node.properties['insights']) ? (node.properties['insights'] as string[]) : []);

/** Every listing of a kind, in pages of two, read to the end. */
async function listAll(store: GraphStore, kind: NodeKind, insights: readonly Insight[], where: readonly PropertyFilter[]): Promise<string[]> {
  const found: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.listNodes({ kind, insights, where, first: 2, after });
    found.push(...ids(page.items));
    if (!page.hasNextPage) return found;
    after = page.endCursor;
  }
}

/** Compares every index answer of the store with a brute-force scan of its graph. */
async function expectIndexesAgreeWithScan(store: MemoryStore): Promise<void> {
  const { nodes, edges } = await scan(store);
  expect(await store.countNodesByKind()).toEqual(tally(nodes.map((n) => n.kind)));
  expect(await store.countEdgesByKind()).toEqual(tally(edges.map((e) => e.kind)));
  expect(store.countNodesByInsight()).toEqual(tally(nodes.flatMap(insightsOf)));
  expect(store.countNodesBySource()).toEqual(tally(nodes.flatMap((n) => (typeof n.properties['source'] === 'string' ? [n.properties['source']] : []))));
  const sorted = [...nodes].sort((a, b) => compareIds(a.id, b.id));
  for (const kind of [...KINDS, 'Finding', 'Internet'] as const) {
    const ofKind = sorted.filter((n) => n.kind === kind);
    const strings = (property: string) =>
      ofKind.flatMap((n) => [n.properties[property]].flat().filter((v): v is string => typeof v === 'string' && v !== ''));
    expect(await store.countNodesByValue(kind, 'insights')).toEqual(tally(strings('insights')));
    expect(await store.countNodesByValue(kind, 'name')).toEqual(tally(strings('name')));
    if (kind === 'ApiEndpoint') expect(await store.countNodesByValue(kind, 'method')).toEqual(tally(strings('method')));
    // Not kept for a property the model does not index: the caller counts a listing instead.
    expect(await store.countNodesByValue(kind, 'lastRunId')).toBeUndefined();
    expect(await listAll(store, kind, [], [])).toEqual(ids(ofKind));
    for (const insight of INSIGHTS) {
      expect(await listAll(store, kind, [insight], [])).toEqual(ids(ofKind.filter((n) => insightsOf(n).includes(insight))));
    }
    const conditions: [string, string][] = [
      ...NAMES.map((v): [string, string] => ['name', v]),
      ...SUBSCRIPTIONS.map((v): [string, string] => ['subscriptionId', v]),
      ...(kind === 'ApiEndpoint' ? METHODS.map((v): [string, string] => ['method', v]) : []),
    ];
    for (const [property, value] of conditions) {
      if (kind === 'Finding' || kind === 'Internet') if (property === 'subscriptionId') continue;
      const where: PropertyFilter[] = [{ property, op: 'eq', value }];
      expect(await listAll(store, kind, [], where)).toEqual(ids(ofKind.filter((n) => n.properties[property] === value)));
      expect(await listAll(store, kind, ['InternetExposed'], where)).toEqual(
        ids(ofKind.filter((n) => n.properties[property] === value && insightsOf(n).includes('InternetExposed'))),
      );
    }
  }
  for (const node of nodes) {
    for (const direction of ['out', 'in', 'both'] as const satisfies readonly Direction[]) {
      for (const edgeKinds of [[...INGESTED_EDGES, ...DERIVED_EDGES], ['CONTAINS'], ['ROUTES_TO', 'CAN_REACH', 'CALLS']] as const) {
        // A self-loop is met once leaving and once arriving when both directions are asked for.
        const expected = edges
          .filter((e) => (edgeKinds as readonly string[]).includes(e.kind))
          .flatMap((e) => [
            ...(direction !== 'in' && e.from === node.id ? [`${e.kind} ${e.from} ${e.to} ${e.to}`] : []),
            ...(direction !== 'out' && e.to === node.id ? [`${e.kind} ${e.from} ${e.to} ${e.from}`] : []),
          ])
          .sort();
        const answered = (await store.neighbours(node.id, { direction, edgeKinds: [...edgeKinds] })).map(
          (n) => `${n.edge.kind} ${n.edge.from} ${n.edge.to} ${n.node.id}`,
        );
        expect([...answered].sort()).toEqual(expected);
        // Same order as the listing without edge kinds (a scan of the node's edges), filtered.
        const unfiltered = (await store.neighbours(node.id, { direction })).filter((n) => (edgeKinds as readonly string[]).includes(n.edge.kind));
        expect(answered).toEqual(unfiltered.map((n) => `${n.edge.kind} ${n.edge.from} ${n.edge.to} ${n.node.id}`));
      }
    }
  }
}

describe('memory store indexes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apiposture-indexes-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // `scan` is the store without secondary indexes, kept for measuring their cost: it must answer the same.
  it.each(['kept', 'scan'] as const)(
    'never disagree with a scan over random write, delete and re-ingest sequences, nor after a snapshot load (%s)',
    async (indexes) => {
      let cases = 0;
      const count = await fuzzAsync(
        `memory-store indexes (${indexes}) against a scan`,
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        async (steps) => {
          const dataDir = join(dir, `${indexes}-${++cases}`);
          const store = await MemoryStore.open({ dataDir, indexes });
          for (const step of steps) {
            await apply(store, step);
            await expectIndexesAgreeWithScan(store);
          }
          await store.persist();
          const reopened = await MemoryStore.open({ dataDir, indexes });
          await expectIndexesAgreeWithScan(reopened);
          expect(await scan(reopened)).toEqual(await scan(store));
          if (Object.keys(await store.countNodesByKind()).length === 0) return 'empty graph';
          const edges = Object.keys(await store.countEdgesByKind()).length > 0;
          const insights = Object.keys(store.countNodesByInsight()).length > 0;
          return edges && insights ? 'graph with edges and insights' : 'graph';
        },
        60,
      );
      // Not vacuous: most cases end with a graph to compare.
      expect(count.runs - (count.outcomes['empty graph'] ?? 0)).toBeGreaterThan(count.runs / 2);
      expect(count.outcomes['graph with edges and insights'] ?? 0).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );
});
