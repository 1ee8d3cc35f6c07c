import type { GraphNode } from '../../model/index.js';
import type { AnalysisGraph } from '../paths/types.js';
import { compareIds } from '../../util/order.js';

export interface LabelRef {
  readonly id: string;
  readonly name: string;
  /** Purview order: higher is more sensitive. */
  readonly priority: number;
}

/** Lookups the scoring and the recommendations need over the graph, built once. */
export interface GraphIndex {
  node(id: string): GraphNode | undefined;
  /** Sensitivity labels a node carries (HAS_LABEL), most sensitive first. */
  labels(id: string): readonly LabelRef[];
}

const NO_LABELS: readonly LabelRef[] = Object.freeze([]);

function labelRef(label: GraphNode): LabelRef {
  const priority = label.properties['priority'];
  const name = label.properties['name'];
  return {
    id: label.id,
    name: typeof name === 'string' ? name : label.id.replace(/^label:/, ''),
    priority: typeof priority === 'number' ? priority : 0,
  };
}

/** Builds the index; pass `nodeOf` to reuse a node lookup that already exists (the path projection's). */
export function indexGraph(graph: AnalysisGraph, nodeOf?: (id: string) => GraphNode | undefined): GraphIndex {
  let node = nodeOf;
  if (!node) {
    const nodes = new Map<string, GraphNode>();
    for (const n of graph.nodes) nodes.set(n.id, n);
    node = (id) => nodes.get(id);
  }
  const labels = new Map<string, LabelRef[]>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'HAS_LABEL') continue;
    const label = node(edge.to);
    if (label?.kind !== 'SensitivityLabel') continue;
    const list = labels.get(edge.from) ?? [];
    list.push(labelRef(label));
    labels.set(edge.from, list);
  }
  for (const list of labels.values()) list.sort((a, b) => b.priority - a.priority || compareIds(a.id, b.id));
  return { node, labels: (id) => labels.get(id) ?? NO_LABELS };
}
