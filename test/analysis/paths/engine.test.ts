import { describe, expect, it } from 'vitest';
import {
  findAttackPaths,
  InvalidPathArgumentError,
  projectGraph,
  searchProjection,
  visitAttackPaths,
  type AnalysisGraph,
} from '../../../src/analysis/paths/index.js';
import { ValidationError } from '../../../src/util/errors.js';
import { apiToStore, TinyGraph } from './tiny-graph.js';

const steps = (graph: AnalysisGraph, options = {}) =>
  findAttackPaths(graph, options).paths.map((p) => p.nodeIds.join(' > '));

describe('path engine: arguments', () => {
  it('rejects a missing graph, non-array parts and bad options with typed errors before any work', () => {
    const graph = apiToStore().graph();
    expect(() => findAttackPaths(undefined as unknown as AnalysisGraph)).toThrow(InvalidPathArgumentError);
    expect(() => findAttackPaths({ nodes: {}, edges: [] } as unknown as AnalysisGraph)).toThrow(/graph.nodes/);
    for (const bad of [0, -1, 1.5, 65, Number.NaN])
      expect(() => findAttackPaths(graph, { maxHops: bad })).toThrow(/maxHops/);
    expect(() => findAttackPaths(graph, { maxPathsPerPair: 0 })).toThrow(/maxPathsPerPair/);
    expect(() => findAttackPaths(graph, { maxPaths: 2.5 })).toThrow(/maxPaths/);
    expect(() => findAttackPaths(graph, { maxExpansions: 0 })).toThrow(/maxExpansions/);
    try {
      findAttackPaths(graph, { maxHops: 0 });
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as InvalidPathArgumentError).argument).toBe('maxHops');
    }
  });

  it('rejects duplicate node ids', () => {
    const graph = apiToStore().graph();
    expect(() => findAttackPaths({ nodes: [...graph.nodes, graph.nodes[0]!], edges: graph.edges })).toThrow(
      /duplicate node id/,
    );
  });
});

describe('path engine: search', () => {
  it('finds the internet → gateway → API → endpoint → app → identity → store path (happy path)', () => {
    const { paths, stats } = findAttackPaths(apiToStore().graph());
    expect(paths.map((p) => p.nodeIds)).toEqual([
      ['internet', '/gw', '/gw/apis/a', '/gw/apis/a/operations/op', '/fn', '/fn/identities/system', '/st'],
    ]);
    expect(paths[0]?.edges.map((e) => e.kind)).toEqual([
      'CAN_REACH',
      'CONTAINS',
      'CONTAINS',
      'ROUTES_TO',
      'CAN_AUTHENTICATE_AS',
      'HAS_PERMISSION_TO',
    ]);
    expect(paths[0]?.anchor).toBe('endpoint');
    expect(paths[0]?.id).toMatch(/^path:[0-9a-f]{16}$/);
    expect(stats).toMatchObject({
      paths: 1,
      targets: 1,
      candidates: 7,
      cappedPairs: 0,
      maxPathsReached: false,
      maxExpansionsReached: false,
    });
  });

  it('gives an empty result when there is no path, no internet node, or an empty graph', () => {
    const noReach = new TinyGraph().internet().node('/st', 'StorageAccount').graph();
    expect(findAttackPaths(noReach).paths).toEqual([]);
    const noInternet = apiToStore().graph();
    const withoutInternet = {
      nodes: noInternet.nodes.filter((n) => n.id !== 'internet'),
      edges: noInternet.edges.filter((e) => e.from !== 'internet'),
    };
    expect(findAttackPaths(withoutInternet).paths).toEqual([]);
    expect(findAttackPaths({ nodes: [], edges: [] })).toMatchObject({ paths: [], stats: { nodes: 0, paths: 0 } });
  });

  it('walks edges only in their direction', () => {
    // The store holds a permission on the identity, not the other way round: nothing reaches the store.
    const g = new TinyGraph()
      .internet()
      .node('/ep', 'ApiEndpoint', {}, [])
      .node('/fn', 'FunctionApp')
      .node('/mi', 'ManagedIdentity')
      .node('/st', 'StorageAccount')
      .edge('CAN_REACH', 'internet', '/ep')
      .edge('ROUTES_TO', '/ep', '/fn')
      .edge('CAN_AUTHENTICATE_AS', '/fn', '/mi');
    expect(steps(g.graph())).toEqual([]);
    g.edge('HAS_PERMISSION_TO', '/mi', '/st', { accessLevel: 'read' });
    expect(steps(g.graph())).toEqual(['internet > /ep > /fn > /mi > /st']);
  });

  it('never repeats a node on a cycle, and terminates', () => {
    // ep → fd → api → ep is a cycle (a Front Door in front of the API it is routed from).
    const g = new TinyGraph()
      .internet()
      .node('/api', 'Api')
      .node('/api/ep', 'ApiEndpoint', {}, ['SensitiveData'])
      .node('/fd', 'FrontDoor')
      .edge('CAN_REACH', 'internet', '/api')
      .edge('CONTAINS', '/api', '/api/ep')
      .edge('ROUTES_TO', '/api/ep', '/fd')
      .edge('ROUTES_TO', '/fd', '/api');
    expect(steps(g.graph())).toEqual(['internet > /api > /api/ep']);
  });

  it('respects the hop bound exactly', () => {
    const graph = apiToStore({ epInsights: ['SensitiveData'] }).graph(); // targets: the endpoint (3 hops) and the store (6)
    expect(steps(graph, { maxHops: 2 })).toEqual([]);
    expect(steps(graph, { maxHops: 3 })).toEqual(['internet > /gw > /gw/apis/a > /gw/apis/a/operations/op']);
    expect(steps(graph, { maxHops: 5 })).toHaveLength(1);
    expect(steps(graph, { maxHops: 6 })).toHaveLength(2);
  });

  it('keeps neighbours in id order, so the output order is the same whatever the input order', () => {
    const g = apiToStore()
      .node('/st2', 'StorageAccount')
      .node('/st0', 'StorageAccount')
      .edge('HAS_PERMISSION_TO', '/fn/identities/system', '/st2', { accessLevel: 'read' })
      .edge('HAS_PERMISSION_TO', '/fn/identities/system', '/st0', { accessLevel: 'read' });
    const graph = g.graph();
    const reversed = { nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() };
    const targets = (x: AnalysisGraph) => findAttackPaths(x).paths.map((p) => p.nodeIds.at(-1));
    expect(targets(graph)).toEqual(['/st', '/st0', '/st2']);
    expect(targets(reversed)).toEqual(['/st', '/st0', '/st2']);
    expect(findAttackPaths(reversed).paths.map((p) => p.id)).toEqual(findAttackPaths(graph).paths.map((p) => p.id));
  });

  it('walks CONTAINS only down gateway → API → endpoint, and never informational edges', () => {
    const g = new TinyGraph()
      .internet()
      .node('/sub', 'Subscription')
      .node('/sqlserver', 'SqlServer')
      .node('/sqlserver/databases/db', 'SqlDatabase')
      .node('/vm', 'VirtualMachine')
      .node('/nic', 'NetworkInterface')
      .edge('CAN_REACH', 'internet', '/vm')
      .edge('ATTACHED_TO', '/nic', '/vm')
      .edge('CONTAINS', '/sub', '/sqlserver')
      .edge('CONTAINS', '/sqlserver', '/sqlserver/databases/db');
    const p = projectGraph(g.graph());
    expect(p.edges.map((e) => e.kind)).toEqual(['CAN_REACH']);
    expect(p.forward.offsets).toBeInstanceOf(Int32Array);
    expect(p.kinds).toBeInstanceOf(Uint8Array);
  });

  it('treats two edges between the same nodes as one step', () => {
    const g = new TinyGraph()
      .internet()
      .node('/api', 'Api')
      .node('/api/ep', 'ApiEndpoint', {}, ['SensitiveData'])
      .node('/api2', 'Api')
      .edge('CAN_REACH', 'internet', '/api')
      .edge('CONTAINS', '/api', '/api/ep')
      .edge('ROUTES_TO', '/api', '/api2');
    const graph = g.graph();
    const doubled = { ...graph, edges: [...graph.edges, graph.edges[1]!] };
    expect(steps(doubled)).toEqual(['internet > /api > /api/ep']);
  });
});

describe('path engine: anchoring on an API', () => {
  it('does not report a path that never touches an API (internet → VM → identity → store)', () => {
    const g = new TinyGraph()
      .internet()
      .node('/vm', 'VirtualMachine')
      .node('/mi', 'ManagedIdentity')
      .node('/st', 'StorageAccount')
      .edge('CAN_REACH', 'internet', '/vm')
      .edge('CAN_AUTHENTICATE_AS', '/vm', '/mi')
      .edge('HAS_PERMISSION_TO', '/mi', '/st', { accessLevel: 'admin' });
    expect(steps(g.graph())).toEqual([]);
    // …nor a store the internet reaches directly when no API routes to it.
    const direct = new TinyGraph().internet().node('/st', 'StorageAccount').edge('CAN_REACH', 'internet', '/st');
    expect(steps(direct.graph())).toEqual([]);
  });

  it('reports the gateway bypass: the internet reaches an API backend directly', () => {
    const g = apiToStore().edge('CAN_REACH', 'internet', '/fn', { ports: ['443'], scope: 'any' });
    const { paths } = findAttackPaths(g.graph());
    expect(paths.map((p) => [p.nodeIds.join(' > '), p.anchor])).toEqual([
      ['internet > /fn > /fn/identities/system > /st', 'gatewayBypass'],
      ['internet > /gw > /gw/apis/a > /gw/apis/a/operations/op > /fn > /fn/identities/system > /st', 'endpoint'],
    ]);
  });

  it('counts a backend as bypassed only on the first hop', () => {
    // A VM reached from the internet that leads to the backend (not routed by an API) is not a bypass.
    const g = apiToStore()
      .node('/vm', 'VirtualMachine')
      .node('/lb', 'LoadBalancer')
      .edge('CAN_REACH', 'internet', '/lb')
      .edge('ROUTES_TO', '/lb', '/fn');
    expect(steps(g.graph())).toEqual([
      'internet > /gw > /gw/apis/a > /gw/apis/a/operations/op > /fn > /fn/identities/system > /st',
    ]);
  });

  it('reports the gateway bypass through the estate\'s own Front Door: first hop the Front Door, second its route', () => {
    const g = apiToStore()
      .node('/fd', 'FrontDoor')
      .edge('CAN_REACH', 'internet', '/fd', { ports: ['443'], scope: 'any' })
      .edge('ROUTES_TO', '/fd', '/fn');
    const { paths } = findAttackPaths(g.graph());
    expect(paths.map((p) => [p.nodeIds.join(' > '), p.anchor])).toEqual([
      ['internet > /fd > /fn > /fn/identities/system > /st', 'gatewayBypass'],
      ['internet > /gw > /gw/apis/a > /gw/apis/a/operations/op > /fn > /fn/identities/system > /st', 'endpoint'],
    ]);
    // The bound counts the Front Door's hop: 4 hops keep the bypass, 3 do not (and the API path needs 6).
    expect(steps(g.graph(), { maxHops: 4 })).toEqual(['internet > /fd > /fn > /fn/identities/system > /st']);
    expect(steps(g.graph(), { maxHops: 3 })).toEqual([]);
  });

  it('keeps a Front Door in front of the gateway an endpoint path, and anchors a Front Door only as first hop', () => {
    // Front Door → gateway: the path passes the API's endpoint, nothing is bypassed.
    const inFront = apiToStore()
      .node('/fd', 'FrontDoor')
      .edge('CAN_REACH', 'internet', '/fd')
      .edge('ROUTES_TO', '/fd', '/gw');
    expect(findAttackPaths(inFront.graph()).paths.map((p) => p.anchor)).toEqual(['endpoint', 'endpoint']);
    // A Front Door reached through something else (here a load balancer) is not the internet's first hop.
    const behind = apiToStore()
      .node('/lb', 'LoadBalancer')
      .node('/fd', 'FrontDoor')
      .edge('CAN_REACH', 'internet', '/lb')
      .edge('ROUTES_TO', '/lb', '/fd')
      .edge('ROUTES_TO', '/fd', '/fn');
    expect(steps(behind.graph())).toEqual([
      'internet > /gw > /gw/apis/a > /gw/apis/a/operations/op > /fn > /fn/identities/system > /st',
    ]);
    // A Front Door origin no API routes to skips no gateway.
    const plain = new TinyGraph()
      .internet()
      .node('/fd', 'FrontDoor')
      .node('/fn', 'FunctionApp')
      .node('/fn/identities/system', 'ManagedIdentity')
      .node('/st', 'StorageAccount')
      .edge('CAN_REACH', 'internet', '/fd')
      .edge('ROUTES_TO', '/fd', '/fn')
      .edge('CAN_AUTHENTICATE_AS', '/fn', '/fn/identities/system')
      .edge('HAS_PERMISSION_TO', '/fn/identities/system', '/st', { accessLevel: 'write' });
    expect(steps(plain.graph())).toEqual([]);
  });

  it('prunes unanchored walks by the distance through an endpoint', () => {
    // The store is 2 hops from the internet directly, but through the endpoint it is 6: with 5 hops, nothing.
    const g = apiToStore().node('/vm', 'VirtualMachine').node('/vm/mi', 'ManagedIdentity');
    g.edge('CAN_REACH', 'internet', '/vm')
      .edge('CAN_AUTHENTICATE_AS', '/vm', '/vm/mi')
      .edge('HAS_PERMISSION_TO', '/vm/mi', '/st', { accessLevel: 'read' });
    expect(steps(g.graph(), { maxHops: 5 })).toEqual([]);
  });
});

describe('path engine: caps', () => {
  /** internet → api → endpoints e0..e(k-1) → fn: k paths to the same store through one entry. */
  function fan(k: number): AnalysisGraph {
    const g = new TinyGraph()
      .internet()
      .node('/api', 'Api')
      .node('/fn', 'FunctionApp')
      .node('/mi', 'ManagedIdentity')
      .node('/st', 'StorageAccount')
      .edge('CAN_REACH', 'internet', '/api')
      .edge('CAN_AUTHENTICATE_AS', '/fn', '/mi')
      .edge('HAS_PERMISSION_TO', '/mi', '/st', { accessLevel: 'read' });
    for (let i = 0; i < k; i++)
      g.node(`/api/e${i}`, 'ApiEndpoint').edge('CONTAINS', '/api', `/api/e${i}`).edge('ROUTES_TO', `/api/e${i}`, '/fn');
    return g.graph();
  }

  it('keeps at most maxPathsPerPair per (entry, target) and reports the capped pairs', () => {
    const { paths, stats } = findAttackPaths(fan(5), { maxPathsPerPair: 2 });
    expect(paths.map((p) => p.nodeIds[2])).toEqual(['/api/e0', '/api/e1']);
    expect(stats).toMatchObject({ cappedPairs: 1, droppedPaths: 3, maxPathsReached: false });
  });

  it('stops at maxPaths and reports it', () => {
    const { paths, stats } = findAttackPaths(fan(5), { maxPaths: 3 });
    expect(paths).toHaveLength(3);
    expect(stats.maxPathsReached).toBe(true);
  });

  it('stops at the work budget and reports it', () => {
    const { stats } = findAttackPaths(fan(50), { maxExpansions: 10 });
    expect(stats.maxExpansionsReached).toBe(true);
    expect(stats.expansions).toBe(10);
  });

  it('reuses one projection for several searches', () => {
    const p = projectGraph(fan(3));
    expect(searchProjection(p, { maxHops: 3 }).paths).toEqual([]);
    expect(searchProjection(p).paths).toHaveLength(3);
  });

  it('keeps every path when the per-pair cap is at least the overall cap (nothing counted per pair)', () => {
    const { paths, stats } = findAttackPaths(fan(5), { maxPathsPerPair: 5, maxPaths: 5 });
    expect(paths).toHaveLength(5);
    expect(stats).toMatchObject({ cappedPairs: 0, droppedPaths: 0, maxPathsReached: true });
    expect(findAttackPaths(fan(5), { maxPathsPerPair: 4, maxPaths: 5 }).stats).toMatchObject({
      cappedPairs: 1,
      droppedPaths: 1,
    });
  });
});

describe('path engine: visiting paths without keeping them', () => {
  const graph = () =>
    apiToStore()
      .node('/gw/apis/a/operations/other', 'ApiEndpoint', { endpointSource: 'apim' })
      .edge('CONTAINS', '/gw/apis/a', '/gw/apis/a/operations/other')
      .edge('ROUTES_TO', '/gw/apis/a/operations/other', '/fn')
      .edge('CAN_REACH', 'internet', '/fn')
      .graph();

  it('hands the visitor exactly the paths, edges, anchors and stats the search keeps, in the same order', () => {
    const p = projectGraph(graph());
    const kept = searchProjection(p);
    const visited: { nodeIds: string[]; edges: string[]; anchor: string }[] = [];
    const stats = visitAttackPaths(p, undefined, (path) => {
      visited.push({
        nodeIds: Array.from(path.nodes.subarray(0, path.length + 1), (i) => p.ids[i] as string),
        edges: Array.from(
          path.edges.subarray(0, path.length),
          (e) => `${p.edges[e]!.from} -${p.edges[e]!.kind}-> ${p.edges[e]!.to}`,
        ),
        anchor: path.anchor,
      });
    });
    expect(kept.paths.length).toBeGreaterThan(1);
    expect(visited).toEqual(
      kept.paths.map((f) => ({
        nodeIds: [...f.nodeIds],
        edges: f.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`),
        anchor: f.anchor,
      })),
    );
    expect(stats).toEqual(kept.stats);
  });

  it('applies the caps as the search does, and checks options first', () => {
    const p = projectGraph(graph());
    let count = 0;
    expect(visitAttackPaths(p, { maxPaths: 1 }, () => count++)).toMatchObject({ paths: 1, maxPathsReached: true });
    expect(count).toBe(1);
    expect(() => visitAttackPaths(p, { maxHops: 0 }, () => count++)).toThrow(InvalidPathArgumentError);
    expect(count).toBe(1);
  });
});
