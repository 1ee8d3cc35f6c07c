import type { GraphNode, Insight, JsonValue } from '../../model/index.js';
import type { InsightUpdate } from '../../store/index.js';
import { compareIds } from '../../util/order.js';

/** Gathers insights per node with their evidence, to be written in one replaceAnalysis. */
export class InsightSet {
  private readonly byNode = new Map<string, { node: GraphNode; insights: Map<Insight, JsonValue> }>();

  add(node: GraphNode, insight: Insight, evidence: JsonValue): void {
    let entry = this.byNode.get(node.id);
    if (!entry) this.byNode.set(node.id, (entry = { node, insights: new Map() }));
    if (!entry.insights.has(insight)) entry.insights.set(insight, evidence);
  }

  has(id: string, insight: Insight): boolean {
    return this.byNode.get(id)?.insights.has(insight) ?? false;
  }

  of(id: string): Insight[] {
    return [...(this.byNode.get(id)?.insights.keys() ?? [])];
  }

  evidence(id: string, insight: Insight): JsonValue | undefined {
    return this.byNode.get(id)?.insights.get(insight);
  }

  updates(): InsightUpdate[] {
    return [...this.byNode.values()]
      .sort((a, b) => compareIds(a.node.id, b.node.id))
      .map(({ node, insights }) => ({
        id: node.id,
        kind: node.kind,
        insights: [...insights.keys()].sort(),
        evidence: Object.fromEntries([...insights].sort(([a], [b]) => compareIds(a, b))),
      }));
  }
}
