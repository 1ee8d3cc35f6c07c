import { DERIVED_EDGE_KINDS, NODE_DECLARATIONS, type EdgeKind, type GraphEdge, type GraphNode, type JsonValue, type NodeKind } from '../model/index.js';
import type { GraphStore } from '../store/index.js';
import { compareIds } from '../util/order.js';
import { bool, num, str, strs } from '../util/json.js';

const DERIVED = new Set<EdgeKind>(DERIVED_EDGE_KINDS);
/** Kinds the analysis itself produces (the internet, external hosts, info types, labels, findings, paths). */
const ANALYSIS_OWNED = new Set<NodeKind>(NODE_DECLARATIONS.filter((d) => !d.subscriptionScoped).map((d) => d.kind));

const NO_EDGES: readonly GraphEdge[] = Object.freeze([]);

function append(map: Map<string, GraphEdge[]>, key: string, edge: GraphEdge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}

/** A node's edges of one kind, in the order added, and the node at each one's other end (once the view is complete). */
interface Adjacent {
  readonly edges: GraphEdge[];
  ends: (GraphNode | undefined)[];
}

/**
 * Edges by node id, and by node id and edge kind (the same edges filtered by kind, same order), each with the node
 * at its other end looked up once when the view is complete, not on every question derive asks.
 */
class EdgeIndex {
  readonly all = new Map<string, GraphEdge[]>();
  private readonly byKind = new Map<EdgeKind, Map<string, Adjacent>>();

  constructor(private readonly end: 'from' | 'to') {}

  add(id: string, edge: GraphEdge): void {
    append(this.all, id, edge);
    let ofKind = this.byKind.get(edge.kind);
    if (!ofKind) {
      ofKind = new Map();
      this.byKind.set(edge.kind, ofKind);
    }
    const adjacent = ofKind.get(id);
    if (adjacent) adjacent.edges.push(edge);
    else ofKind.set(id, { edges: [edge], ends: [] });
  }

  /** Looks up every edge's other end; runs when all nodes and edges are in. */
  resolve(nodes: ReadonlyMap<string, GraphNode>): void {
    for (const ofKind of this.byKind.values()) {
      for (const adjacent of ofKind.values()) adjacent.ends = adjacent.edges.map((edge) => nodes.get(edge[this.end]));
    }
  }

  get(id: string, kind?: EdgeKind): readonly GraphEdge[] {
    return (kind ? this.byKind.get(kind)?.get(id)?.edges : this.all.get(id)) ?? NO_EDGES;
  }

  /** The nodes at the other ends of a node's edges of a kind (of a node kind), skipping ends not in the view. */
  ends(id: string, kind: EdgeKind, ofKind: NodeKind | undefined): GraphNode[] {
    const adjacent = this.byKind.get(kind)?.get(id);
    const nodes: GraphNode[] = [];
    if (!adjacent) return nodes;
    for (const node of adjacent.ends) if (node !== undefined && (!ofKind || node.kind === ofKind)) nodes.push(node);
    return nodes;
  }
}

/**
 * The ingested graph in memory, indexed for the derive and insight stages: nodes by id and kind, ingested edges
 * by their ends. Derived edges and analysis-owned nodes are left out: every analysis computes them afresh.
 */
export class GraphView {
  readonly nodes = new Map<string, GraphNode>();
  private readonly byKind = new Map<NodeKind, GraphNode[]>();
  // Per node and edge kind too: a subnet has thousands of NICs attached but one NSG, and derive asks for the NSG.
  private readonly outgoing = new EdgeIndex('to');
  private readonly incoming = new EdgeIndex('from');

  static async load(store: GraphStore): Promise<GraphView> {
    const view = new GraphView();
    // Only what ingest wrote: this view leaves out derived edges and analysis-owned nodes anyway, so the store
    // need not send them (nor the insights a previous analysis stored on nodes).
    for await (const chunk of store.streamGraph(undefined, 'ingested')) {
      for (const node of chunk.nodes) if (!ANALYSIS_OWNED.has(node.kind)) view.addNode(node);
      for (const edge of chunk.edges) if (!DERIVED.has(edge.kind)) view.addEdge(edge);
    }
    view.complete();
    return view;
  }

  static of(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphView {
    const view = new GraphView();
    for (const node of nodes) if (!ANALYSIS_OWNED.has(node.kind)) view.addNode(node);
    for (const edge of edges) if (!DERIVED.has(edge.kind)) view.addEdge(edge);
    view.complete();
    return view;
  }

  private addNode(node: GraphNode): void {
    this.nodes.set(node.id, node);
    const list = this.byKind.get(node.kind);
    if (list) list.push(node);
    else this.byKind.set(node.kind, [node]);
  }

  private addEdge(edge: GraphEdge): void {
    this.outgoing.add(edge.from, edge);
    this.incoming.add(edge.to, edge);
  }

  /**
   * Ends a view's construction. Deterministic order everywhere: nodes by id, so every derived result comes out the
   * same on every run. Edges' other ends are looked up now that every node is in.
   */
  private complete(): void {
    for (const list of this.byKind.values()) list.sort((a, b) => compareIds(a.id, b.id));
    this.outgoing.resolve(this.nodes);
    this.incoming.resolve(this.nodes);
  }

  /** A view with more edges (derived ones a later stage needs), sharing this view's nodes. */
  withEdges(edges: readonly GraphEdge[]): GraphView {
    const view = new GraphView();
    for (const node of this.nodes.values()) view.addNode(node);
    for (const [, list] of this.outgoing.all) for (const edge of list) view.addEdge(edge);
    for (const edge of edges) view.addEdge(edge);
    view.complete();
    return view;
  }

  /** Every (ingested) edge of the view. */
  edges(): GraphEdge[] {
    return [...this.outgoing.all.values()].flat();
  }

  get(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  ofKind(...kinds: NodeKind[]): readonly GraphNode[] {
    return kinds.flatMap((k) => this.byKind.get(k) ?? []);
  }

  /** Outgoing edges (of a kind), in the order they were added. Shared: callers must not change the list. */
  out(id: string, kind?: EdgeKind): readonly GraphEdge[] {
    return this.outgoing.get(id, kind);
  }

  in(id: string, kind?: EdgeKind): readonly GraphEdge[] {
    return this.incoming.get(id, kind);
  }

  /** Targets of outgoing edges of a kind, as nodes. */
  targets(id: string, kind: EdgeKind, ofKind?: NodeKind): GraphNode[] {
    return this.outgoing.ends(id, kind, ofKind);
  }

  sources(id: string, kind: EdgeKind, ofKind?: NodeKind): GraphNode[] {
    return this.incoming.ends(id, kind, ofKind);
  }
}

/**
 * Property readers over stored nodes: the JSON readers applied to one property. Stored values were checked against
 * their declared types when the node was built, so these only narrow (and treat an empty string as absent).
 */
export const prop = {
  str: (node: GraphNode | undefined, name: string): string | undefined => str(node?.properties[name]),
  bool: (node: GraphNode | undefined, name: string): boolean | undefined => bool(node?.properties[name]),
  num: (node: GraphNode | undefined, name: string): number | undefined => num(node?.properties[name]),
  strs: (node: GraphNode | undefined, name: string): string[] => strs(node?.properties[name]) ?? [],
  json: (node: GraphNode | undefined, name: string): JsonValue | undefined => node?.properties[name],
};
