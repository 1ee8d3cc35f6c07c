import {
  NODE_KINDS,
  TRAVERSABLE_EDGES,
  type EdgeKind,
  type GraphEdge,
  type GraphNode,
  type NodeKind,
} from '../../model/index.js';
import { InvalidPathArgumentError } from './errors.js';
import { isPathTarget } from './targets.js';
import type { AnalysisGraph } from './types.js';
import { compareIds } from '../../util/order.js';

export const FLAG_TARGET = 1;
export const FLAG_ENDPOINT = 2;
/** The node is the ROUTES_TO target of an API or endpoint: reaching it straight from the internet skips the gateway. */
export const FLAG_API_BACKEND = 4;
/**
 * The node is a Front Door: when the internet reaches it and it routes (ROUTES_TO) to an API's backend, that hop
 * skips the gateway as surely as reaching the backend directly (an origin the estate's own Front Door serves).
 */
export const FLAG_FRONT_DOOR = 8;

function behindGateway(node: GraphNode): boolean {
  const source = node.properties['endpointSource'] ?? node.properties['apiSource'];
  // Nodes without a source (hand-built graphs) are treated as API Management's.
  return source === undefined || source === 'apim';
}

/** Compressed sparse rows: the neighbours of node `i` are `targets[offsets[i] .. offsets[i + 1])`, sorted by id. */
export interface Adjacency {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Index into `PathProjection.edges` of the edge behind each neighbour entry. */
  readonly edgeRefs: Int32Array;
}

/**
 * The graph as the path engine sees it: typed arrays over the traversable edges only. Nodes keep their input
 * position as index; forward neighbour lists are sorted by neighbour id, so the search is deterministic whatever
 * the input order.
 */
export interface PathProjection {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** The input nodes, by index. */
  readonly nodes: readonly GraphNode[];
  /** Index into NODE_KINDS. */
  readonly kinds: Uint8Array;
  readonly flags: Uint8Array;
  readonly forward: Adjacency;
  readonly backward: Adjacency;
  /** The traversable edges kept, in input order. */
  readonly edges: readonly GraphEdge[];
  /** Index of the `internet` node, -1 when the graph has none. */
  readonly internet: number;
}

const KIND_CODE = new Map<NodeKind, number>(NODE_KINDS.map((k, i) => [k, i]));
const TRAVERSABLE: ReadonlySet<EdgeKind> = new Set(TRAVERSABLE_EDGES);
const API_SOURCES: ReadonlySet<NodeKind> = new Set(['Api', 'ApiEndpoint']);

/**
 * True when the forward entry `k` (from `v`) leads from a Front Door to an API's backend over a route: the hop that
 * anchors a bypass through the estate's own Front Door. The search takes a neighbour once, at its first entry, so
 * every entry to the same neighbour from `k` on is looked at, not only the first edge.
 */
export function isFrontDoorBypassHop(p: PathProjection, v: number, k: number): boolean {
  const { offsets, targets, edgeRefs } = p.forward;
  const w = targets[k] as number;
  if (((p.flags[v] as number) & FLAG_FRONT_DOOR) === 0 || ((p.flags[w] as number) & FLAG_API_BACKEND) === 0) return false;
  for (let j = k, end = offsets[v + 1] as number; j < end && targets[j] === w; j++) {
    if (p.edges[edgeRefs[j] as number]?.kind === 'ROUTES_TO') return true;
  }
  return false;
}

export function kindCode(kind: NodeKind): number {
  return KIND_CODE.get(kind) ?? 255;
}

export function kindOfCode(code: number): NodeKind {
  const kind = NODE_KINDS[code];
  if (kind === undefined) throw new RangeError(`No node kind with code ${code}`);
  return kind;
}

/** CONTAINS is walked only down the API hierarchy: gateway → API → endpoint (DESIGN §2). */
function walkable(edge: GraphEdge, fromKind: NodeKind, toKind: NodeKind): boolean {
  if (!TRAVERSABLE.has(edge.kind)) return false;
  if (edge.kind === 'CONTAINS')
    return (fromKind === 'ApiGateway' && toKind === 'Api') || (fromKind === 'Api' && toKind === 'ApiEndpoint');
  if (edge.kind === 'CAN_REACH') return fromKind === 'Internet';
  return true;
}

export function checkGraph(graph: AnalysisGraph): void {
  if (!graph || typeof graph !== 'object')
    throw new InvalidPathArgumentError('graph', 'must be an object with nodes and edges');
  if (!Array.isArray(graph.nodes)) throw new InvalidPathArgumentError('graph.nodes', 'must be an array');
  if (!Array.isArray(graph.edges)) throw new InvalidPathArgumentError('graph.edges', 'must be an array');
}

function numberNodes(nodes: readonly GraphNode[]): { ids: string[]; indexOf: Map<string, number> } {
  const ids = new Array<string>(nodes.length);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    const id = (nodes[i] as GraphNode).id;
    ids[i] = id;
    indexOf.set(id, i);
    if (indexOf.size !== i + 1) throw new InvalidPathArgumentError('graph.nodes', `duplicate node id "${id}"`);
  }
  return { ids, indexOf };
}

const byId = (ids: readonly string[]) => (a: number, b: number) => compareIds(ids[a] as string, ids[b] as string);

/**
 * Builds one direction of the adjacency. With `ids`, each neighbour list is sorted by neighbour id (then edge
 * order), which makes the search's output independent of the input order; without, lists keep the input order
 * (enough for distances).
 */
function buildAdjacency(n: number, from: Int32Array, to: Int32Array, ids?: readonly string[]): Adjacency {
  const m = from.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[(from[e] as number) + 1]! += 1;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i] as number;
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const edgeRefs = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const at = cursor[from[e] as number]!++;
    targets[at] = to[e] as number;
    edgeRefs[at] = e;
  }
  if (ids) {
    const compare = byId(ids);
    for (let i = 0; i < n; i++) {
      const start = offsets[i] as number;
      const end = offsets[i + 1] as number;
      if (end - start < 2) continue;
      const order = Array.from({ length: end - start }, (_, k) => start + k);
      order.sort(
        (a, b) =>
          compare(targets[a] as number, targets[b] as number) || (edgeRefs[a] as number) - (edgeRefs[b] as number),
      );
      const t = order.map((k) => targets[k] as number);
      const r = order.map((k) => edgeRefs[k] as number);
      targets.set(t, start);
      edgeRefs.set(r, start);
    }
  }
  return { offsets, targets, edgeRefs };
}

/**
 * Projects the graph onto the traversable edges (BloodHound's lesson: informational edges are never walked).
 * Edges whose ends are not in `graph.nodes` are left out.
 */
export function projectGraph(graph: AnalysisGraph): PathProjection {
  checkGraph(graph);
  const { ids, indexOf } = numberNodes(graph.nodes);
  const n = ids.length;
  const kinds = new Uint8Array(n);
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const node = graph.nodes[i] as GraphNode;
    kinds[i] = kindCode(node.kind);
    if (isPathTarget(node)) flags[i]! |= FLAG_TARGET;
    if (node.kind === 'ApiEndpoint') flags[i]! |= FLAG_ENDPOINT;
    if (node.kind === 'FrontDoor') flags[i]! |= FLAG_FRONT_DOOR;
  }
  const kept: GraphEdge[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (const edge of graph.edges) {
    if (!TRAVERSABLE.has(edge.kind)) continue; // before any lookup: most edges of an estate are informational
    const a = indexOf.get(edge.from);
    const b = indexOf.get(edge.to);
    if (a === undefined || b === undefined || a === b) continue;
    const fromKind = kindOfCode(kinds[a] as number);
    const toKind = kindOfCode(kinds[b] as number);
    if (!walkable(edge, fromKind, toKind)) continue;
    // Only a gateway can be bypassed: the backend of an API Management API or operation. A Function or Logic App
    // is its HTTP endpoints' own host, so reaching it directly skips nothing.
    if (edge.kind === 'ROUTES_TO' && API_SOURCES.has(fromKind) && behindGateway(graph.nodes[a] as GraphNode)) flags[b]! |= FLAG_API_BACKEND;
    kept.push(edge);
    from.push(a);
    to.push(b);
  }
  const fromArray = Int32Array.from(from);
  const toArray = Int32Array.from(to);
  return {
    ids,
    indexOf,
    kinds,
    flags,
    nodes: graph.nodes,
    forward: buildAdjacency(n, fromArray, toArray, ids),
    backward: buildAdjacency(n, toArray, fromArray),
    edges: kept,
    internet: indexOf.get('internet') ?? -1,
  };
}
