import type { GraphNode, JsonValue, NodeKind } from '../../model/index.js';
import type { AnalysisGraph } from '../paths/types.js';
import type { GoalScope } from './types.js';

/** Kinds that Azure cannot tag themselves (APIM APIs and operations, functions, triggers): they take their owner's tags. */
const UNTAGGABLE: ReadonlySet<NodeKind> = new Set(['Api', 'ApiEndpoint']);

/** Subscription and tag lookups for scoping goals. */
export class ScopeIndex {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly parent = new Map<string, string>();

  constructor(graph: AnalysisGraph) {
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    for (const edge of graph.edges) {
      if (edge.kind === 'CONTAINS' && UNTAGGABLE.has(edge.toKind) && !this.parent.has(edge.to))
        this.parent.set(edge.to, edge.from);
    }
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  subscriptionOf(node: GraphNode): string | undefined {
    const declared = node.properties['subscriptionId'];
    if (typeof declared === 'string') return declared.toLowerCase();
    return /^\/subscriptions\/([^/]+)/i.exec(node.id)?.[1]?.toLowerCase();
  }

  /** Own tags, and for APIs and endpoints the tags of the gateway or app that holds them; keys lower-cased. */
  tagsOf(node: GraphNode): Map<string, string> {
    const tags = new Map<string, string>();
    const chain: GraphNode[] = [];
    for (
      let at: GraphNode | undefined = node;
      at && chain.length < 4;
      at = UNTAGGABLE.has(at.kind) ? this.nodes.get(this.parent.get(at.id) ?? '') : undefined
    )
      chain.push(at);
    for (const holder of chain.reverse()) {
      const own: JsonValue | undefined = holder.properties['tags'];
      if (own && typeof own === 'object' && !Array.isArray(own))
        for (const [k, v] of Object.entries(own)) if (v !== null) tags.set(k.toLowerCase(), String(v));
    }
    return tags;
  }

  inScope(node: GraphNode, scope: GoalScope | undefined): boolean {
    if (!scope) return true;
    if (scope.subscriptions) {
      const sub = this.subscriptionOf(node);
      if (!sub || !scope.subscriptions.includes(sub)) return false;
    }
    if (scope.tags) {
      const tags = this.tagsOf(node);
      for (const [k, v] of Object.entries(scope.tags)) if (tags.get(k.toLowerCase()) !== v) return false;
    }
    return true;
  }
}
