import { isInsight, type GraphNode, type Insight, type NodeKind } from '../../model/index.js';

/** Data stores and Key Vaults: the targets DESIGN §4 names. */
export const DATA_STORE_KINDS = [
  'StorageAccount',
  'SqlServer',
  'SqlDatabase',
  'CosmosDbAccount',
  'KeyVault',
  'PostgreSqlServer',
  'MySqlServer',
] as const satisfies readonly NodeKind[];

const DATA_STORES: ReadonlySet<NodeKind> = new Set(DATA_STORE_KINDS);

export function isDataStoreKind(kind: NodeKind): boolean {
  return DATA_STORES.has(kind);
}

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
