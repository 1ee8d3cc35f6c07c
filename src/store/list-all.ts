import type { GraphNode, NodeKind } from '../model/index.js';
import type { GraphStore } from './port.js';

/** Every stored node of a kind, paged through in id order. */
export async function listAllNodes(store: GraphStore, kind: NodeKind): Promise<GraphNode[]> {
  const nodes: GraphNode[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.listNodes({ kind, first: 1000, after });
    nodes.push(...page.items);
    if (!page.hasNextPage) return nodes;
    after = page.endCursor;
  }
}
