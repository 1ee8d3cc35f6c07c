import { DERIVED_EDGE_KINDS, NODE_DECLARATIONS, type EdgeKind, type GraphEdge, type GraphNode, type JsonValue, type NodeKind } from '../model/index.js';
import type { GraphStore } from '../store/index.js';

const DERIVED = new Set<EdgeKind>(DERIVED_EDGE_KINDS);
/** Kinds the analysis itself produces (the internet, external hosts, info types, labels, findings, paths). */
const ANALYSIS_OWNED = new Set<NodeKind>(NODE_DECLARATIONS.filter((d) => !d.subscriptionScoped).map((d) => d.kind));

const NO_EDGES: readonly GraphEdge[] = Object.freeze([]);

function append(map: Map<string, GraphEdge[]>, key: string, edge: GraphEdge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}

/** Edges by node id and by edge kind, in the order added: `byKind.get(kind).get(id)` is `all.get(id)` filtered by kind. */
class EdgeIndex {
  readonly all = new Map<string, GraphEdge[]>();
  private readonly byKind = new Map<EdgeKind, Map<string, GraphEdge[]>>();

  add(id: string, edge: GraphEdge): void {
    append(this.all, id, edge);
    let ofKind = this.byKind.get(edge.kind);
    if (!ofKind) {
      ofKind = new Map();
      this.byKind.set(edge.kind, ofKind);
    }
    append(ofKind, id, edge);
  }

  get(id: string, kind?: EdgeKind): readonly GraphEdge[] {
    return (kind ? this.byKind.get(kind)?.get(id) : this.all.get(id)) ?? NO_EDGES;
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
  private readonly outgoing = new EdgeIndex();
  private readonly incoming = new EdgeIndex();

  static async load(store: GraphStore): Promise<GraphView> {
    const view = new GraphView();
    // Only what ingest wrote: this view leaves out derived edges and analysis-owned nodes anyway, so the store
    // need not send them (nor the insights a previous analysis stored on nodes).
    for await (const chunk of store.streamGraph(undefined, 'ingested')) {
      for (const node of chunk.nodes) if (!ANALYSIS_OWNED.has(node.kind)) view.addNode(node);
      for (const edge of chunk.edges) if (!DERIVED.has(edge.kind)) view.addEdge(edge);
    }
    view.sort();
    return view;
  }

  static of(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphView {
    const view = new GraphView();
    for (const node of nodes) if (!ANALYSIS_OWNED.has(node.kind)) view.addNode(node);
    for (const edge of edges) if (!DERIVED.has(edge.kind)) view.addEdge(edge);
    view.sort();
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

  /** Deterministic order everywhere: nodes by id, so every derived result comes out the same on every run. */
  private sort(): void {
    for (const list of this.byKind.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** A view with more edges (derived ones a later stage needs), sharing this view's nodes. */
  withEdges(edges: readonly GraphEdge[]): GraphView {
    const view = new GraphView();
    for (const node of this.nodes.values()) view.addNode(node);
    for (const [, list] of this.outgoing.all) for (const edge of list) view.addEdge(edge);
    for (const edge of edges) view.addEdge(edge);
    view.sort();
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
    return this.ends(this.outgoing.get(id, kind), 'to', ofKind);
  }

  sources(id: string, kind: EdgeKind, ofKind?: NodeKind): GraphNode[] {
    return this.ends(this.incoming.get(id, kind), 'from', ofKind);
  }

  private ends(edges: readonly GraphEdge[], end: 'from' | 'to', ofKind: NodeKind | undefined): GraphNode[] {
    const nodes: GraphNode[] = [];
    for (const edge of edges) {
      const node = this.nodes.get(edge[end]);
      if (node !== undefined && (!ofKind || node.kind === ofKind)) nodes.push(node);
    }
    return nodes;
  }
}

/** Property readers over stored nodes. */
export const prop = {
  str(node: GraphNode | undefined, name: string): string | undefined {
    const v = node?.properties[name];
    return typeof v === 'string' ? v : undefined;
  },
  bool(node: GraphNode | undefined, name: string): boolean | undefined {
    const v = node?.properties[name];
    return typeof v === 'boolean' ? v : undefined;
  },
  num(node: GraphNode | undefined, name: string): number | undefined {
    const v = node?.properties[name];
    return typeof v === 'number' ? v : undefined;
  },
  strs(node: GraphNode | undefined, name: string): string[] {
    const v = node?.properties[name];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  },
  json(node: GraphNode | undefined, name: string): JsonValue | undefined {
    return node?.properties[name];
  },
};
