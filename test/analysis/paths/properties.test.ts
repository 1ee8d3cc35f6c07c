import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  validateEdge,
  validateNode,
  TRAVERSABLE_EDGES,
  type GraphEdge,
  type GraphNode,
  type Insight,
  type NodeKind,
} from '../../../src/model/index.js';
import {
  analyzeAttackPaths,
  findAttackPaths,
  isPathTarget,
  type AnalysisGraph,
} from '../../../src/analysis/paths/index.js';

// API kinds and identities appear more often, so that about half the random graphs hold some path.
const KINDS: NodeKind[] = [
  ...([
    'ApiGateway',
    'VirtualMachine',
    'LoadBalancer',
    'FrontDoor',
    'StorageAccount',
    'KeyVault',
    'SqlServer',
    'SqlDatabase',
  ] as const),
  ...([
    'Api',
    'Api',
    'ApiEndpoint',
    'ApiEndpoint',
    'ApiEndpoint',
    'FunctionApp',
    'FunctionApp',
    'ManagedIdentity',
    'ManagedIdentity',
  ] as const),
];
const EDGE_KINDS = [...TRAVERSABLE_EDGES, 'ATTACHED_TO', 'INCLUDES'] as const;
const INSIGHTS: Insight[] = [
  'AllowsAnonymousAccess',
  'SensitiveData',
  'UnencryptedAccess',
  'Inactive',
  'PublicDataAccess',
  'GatewayBypass',
];
const NO_CAPS = { maxPathsPerPair: 100_000, maxPaths: 100_000 };

const graphArbitrary = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 12 }),
  edges: fc.array(
    fc.record({
      kind: fc.constantFrom(...EDGE_KINDS),
      from: fc.nat(),
      to: fc.nat(),
      access: fc.constantFrom('read', 'write', 'admin'),
    }),
    { maxLength: 60 },
  ),
  reach: fc.array(fc.record({ to: fc.nat(), scope: fc.constantFrom('any', 'restricted') }), { maxLength: 8 }),
  insights: fc.array(fc.subarray(INSIGHTS), { minLength: 1, maxLength: 12 }),
  maxHops: fc.integer({ min: 1, max: 8 }),
});
type Spec = typeof graphArbitrary extends fc.Arbitrary<infer T> ? T : never;

function tryEdge(input: Parameters<typeof validateEdge>[0]): GraphEdge | null {
  try {
    return validateEdge(input);
  } catch {
    return null; // a combination the model forbids: the generator simply skips it
  }
}

function buildGraph(spec: Spec): AnalysisGraph {
  const n = spec.kinds.length;
  const nodes: GraphNode[] = [validateNode({ id: 'internet', kind: 'Internet', properties: {} })];
  spec.kinds.forEach((kind, i) =>
    nodes.push(
      validateNode({
        id: `/n${i}`,
        kind,
        properties: { name: `n${i}`, insights: spec.insights[i % spec.insights.length] ?? [] },
      }),
    ),
  );
  const kindOf = (i: number) => spec.kinds[i % n] as NodeKind;
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (e: GraphEdge | null) => {
    const key = `${e?.from}|${e?.kind}|${e?.to}`;
    if (!e || seen.has(key)) return;
    edges.push(e);
    seen.add(key);
  };
  for (const e of spec.edges) {
    // The drawn kind when the model allows it between the two nodes, else the first kind that it allows.
    for (const kind of [e.kind, ...EDGE_KINDS]) {
      const props = kind === 'HAS_PERMISSION_TO' ? { accessLevel: e.access } : {};
      const edge = tryEdge({
        kind,
        from: `/n${e.from % n}`,
        fromKind: kindOf(e.from),
        to: `/n${e.to % n}`,
        toKind: kindOf(e.to),
        properties: props,
      });
      if (edge) {
        add(edge);
        break;
      }
    }
  }
  for (const r of spec.reach)
    add(
      tryEdge({
        kind: 'CAN_REACH',
        from: 'internet',
        fromKind: 'Internet',
        to: `/n${r.to % n}`,
        toKind: kindOf(r.to),
        properties: { scope: r.scope, ports: ['443'] },
      }),
    );
  return { nodes, edges };
}

/** The oracle: every simple walk from the internet, no pruning at all, filtered by the definition (a self-loop is no edge). */
function bruteForce(graph: AnalysisGraph, maxHops: number): string[] {
  const kind = new Map(graph.nodes.map((x) => [x.id, x.kind]));
  const node = new Map(graph.nodes.map((x) => [x.id, x]));
  const walkable = (e: GraphEdge) =>
    (TRAVERSABLE_EDGES as readonly string[]).includes(e.kind) &&
    (e.kind !== 'CONTAINS' ||
      (e.fromKind === 'ApiGateway' && e.toKind === 'Api') ||
      (e.fromKind === 'Api' && e.toKind === 'ApiEndpoint'));
  const out = new Map<string, string[]>();
  for (const e of graph.edges.filter(walkable)) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const backends = new Set(
    graph.edges
      .filter(
        (e) => e.kind === 'ROUTES_TO' && e.from !== e.to && (e.fromKind === 'Api' || e.fromKind === 'ApiEndpoint'),
      )
      .map((e) => e.to),
  );
  // Front Door routes to API backends: a walk whose first hop is the Front Door and second its route is a bypass.
  const doorRoutes = new Set(
    graph.edges
      .filter((e) => e.kind === 'ROUTES_TO' && e.fromKind === 'FrontDoor' && backends.has(e.to))
      .map((e) => `${e.from}>${e.to}`),
  );
  const found: string[] = [];
  const walk = (path: string[]) => {
    const last = path[path.length - 1] as string;
    const anchored =
      path.some((id) => kind.get(id) === 'ApiEndpoint') ||
      (path.length > 1 && backends.has(path[1] as string)) ||
      (path.length > 2 && doorRoutes.has(`${path[1]}>${path[2]}`));
    if (path.length > 1 && anchored && isPathTarget(node.get(last) as GraphNode)) found.push(path.join(' > '));
    if (path.length - 1 >= maxHops) return;
    for (const next of new Set(out.get(last) ?? [])) if (!path.includes(next)) walk([...path, next]);
  };
  walk(['internet']);
  return found.sort();
}

describe('path engine properties on random graphs', () => {
  it('finds exactly the paths the definition allows: from internet, to a target, anchored, traversable, simple, bounded', () => {
    fc.assert(
      fc.property(graphArbitrary, (spec) => {
        const graph = buildGraph(spec);
        const { paths } = findAttackPaths(graph, { maxHops: spec.maxHops, ...NO_CAPS });
        const byId = new Map(graph.nodes.map((x) => [x.id, x]));
        const backends = new Set(
          graph.edges
            .filter(
              (e) =>
                e.kind === 'ROUTES_TO' && e.from !== e.to && (e.fromKind === 'Api' || e.fromKind === 'ApiEndpoint'),
            )
            .map((e) => e.to),
        );
        for (const p of paths) {
          expect(p.nodeIds[0]).toBe('internet');
          expect(isPathTarget(byId.get(p.nodeIds.at(-1) as string) as GraphNode)).toBe(true);
          const viaEndpoint = p.nodeIds.some((id) => byId.get(id)?.kind === 'ApiEndpoint');
          const viaDoor = graph.edges.some(
            (e) =>
              e.kind === 'ROUTES_TO' &&
              e.fromKind === 'FrontDoor' &&
              e.from === p.nodeIds[1] &&
              e.to === p.nodeIds[2] &&
              backends.has(e.to),
          );
          expect(viaEndpoint || backends.has(p.nodeIds[1] as string) || viaDoor).toBe(true);
          expect(p.anchor).toBe(viaEndpoint && !backends.has(p.nodeIds[1] as string) && !viaDoor ? 'endpoint' : 'gatewayBypass');
          expect(new Set(p.nodeIds).size).toBe(p.nodeIds.length);
          expect(p.edges.length).toBe(p.nodeIds.length - 1);
          expect(p.edges.length).toBeLessThanOrEqual(spec.maxHops);
          p.edges.forEach((e, i) => {
            expect(TRAVERSABLE_EDGES).toContain(e.kind);
            expect([e.from, e.to]).toEqual([p.nodeIds[i], p.nodeIds[i + 1]]);
            if (e.kind === 'CONTAINS')
              expect(['ApiGateway>Api', 'Api>ApiEndpoint']).toContain(`${e.fromKind}>${e.toKind}`);
          });
        }
        expect(paths.map((p) => p.nodeIds.join(' > ')).sort()).toEqual(bruteForce(graph, spec.maxHops));
      }),
      { numRuns: 500 },
    );
  });

  it('never raises a score when AllowsAnonymousAccess is removed from a node', () => {
    fc.assert(
      fc.property(graphArbitrary, fc.nat(), (spec, pick) => {
        const graph = buildGraph(spec);
        const victim = graph.nodes[pick % graph.nodes.length] as GraphNode;
        const insights = (victim.properties['insights'] as string[] | undefined) ?? [];
        const fixed = {
          ...victim,
          properties: { ...victim.properties, insights: insights.filter((i) => i !== 'AllowsAnonymousAccess') },
        };
        const after = { nodes: graph.nodes.map((x) => (x.id === victim.id ? fixed : x)), edges: graph.edges };
        const before = new Map(
          analyzeAttackPaths(graph, { maxHops: spec.maxHops, ...NO_CAPS }).paths.map((p) => [p.found.id, p.risk.score]),
        );
        for (const p of analyzeAttackPaths(after, { maxHops: spec.maxHops, ...NO_CAPS }).paths) {
          expect(before.has(p.found.id)).toBe(true);
          expect(p.risk.score).toBeLessThanOrEqual(before.get(p.found.id) as number);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never raises a score, nor adds a path, when a CAN_REACH edge is removed', () => {
    fc.assert(
      fc.property(graphArbitrary, fc.nat(), (spec, pick) => {
        const graph = buildGraph(spec);
        const reach = graph.edges.filter((e) => e.kind === 'CAN_REACH');
        if (reach.length === 0) return;
        const cut = reach[pick % reach.length] as GraphEdge;
        const after = { nodes: graph.nodes, edges: graph.edges.filter((e) => e !== cut) };
        const before = new Map(
          analyzeAttackPaths(graph, { maxHops: spec.maxHops, ...NO_CAPS }).paths.map((p) => [p.found.id, p.risk.score]),
        );
        for (const p of analyzeAttackPaths(after, { maxHops: spec.maxHops, ...NO_CAPS }).paths) {
          expect(before.has(p.found.id)).toBe(true);
          expect(p.risk.score).toBeLessThanOrEqual(before.get(p.found.id) as number);
        }
      }),
      { numRuns: 300 },
    );
  });
});
