import { isDataStoreKind, isInsight, type GraphNode, type Insight } from '../../model/index.js';

/** The insights the insight stage set on a node (`properties.insights`); unknown names are ignored. */
export function nodeInsights(node: GraphNode | undefined): Insight[] {
  const value = node?.properties['insights'];
  return Array.isArray(value) ? value.filter((v): v is Insight => typeof v === 'string' && isInsight(v)) : [];
}

export function hasInsight(node: GraphNode | undefined, insight: Insight): boolean {
  const value = node?.properties['insights'];
  return Array.isArray(value) && value.includes(insight);
}

/** A path ends at a data store, or at an endpoint that itself carries sensitive data. */
export function isPathTarget(node: GraphNode): boolean {
  return isDataStoreKind(node.kind) || (node.kind === 'ApiEndpoint' && hasInsight(node, 'SensitiveData'));
}
