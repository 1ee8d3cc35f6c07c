import type { JsonValue } from '../../model/index.js';
import { parentId } from '../../model/arm-ids.js';

export interface PendingNode {
  readonly kind: string;
  readonly properties: Record<string, JsonValue | undefined>;
}

/** Looks a node's properties up among this run's nodes, then among those stored before. */
export type NodeLookup = (id: string) => Readonly<Record<string, JsonValue | undefined>> | undefined;

/** The URL callers use for an APIM operation: the gateway URL, the API path, then the operation's URL template. */
export function apimOperationUrl(gatewayUrl: string, apiPath: string, urlTemplate: string): string {
  const base = gatewayUrl.replace(/\/+$/, '');
  const path = apiPath.replace(/^\/+|\/+$/g, '');
  const template = urlTemplate.startsWith('/') ? urlTemplate : `/${urlTemplate}`;
  return `${base}${path ? `/${path}` : ''}${template}`;
}

function apimParents(endpointId: string): { apiId: string; gatewayId: string } {
  const apiId = parentId(endpointId);
  return { apiId, gatewayId: apiId.slice(0, apiId.lastIndexOf('/apis/')).replace(/\/workspaces\/[^/]+$/, '') };
}

function needsUrl(node: PendingNode): boolean {
  return node.kind === 'ApiEndpoint' && node.properties['endpointSource'] === 'apim' && !node.properties['url'];
}

/** Ids outside this run's nodes that linking needs (APIs and gateways stored by an earlier run). */
export function linkDependencies(nodes: Map<string, PendingNode>): string[] {
  const ids = new Set<string>();
  for (const [id, node] of nodes) {
    if (!needsUrl(node)) continue;
    const { apiId, gatewayId } = apimParents(id);
    for (const parent of [apiId, gatewayId]) if (!nodes.has(parent)) ids.add(parent);
  }
  return [...ids];
}

/** Fills in what one row alone cannot know: the full URL of APIM operations. */
export function linkEndpoints(nodes: Map<string, PendingNode>, lookup: NodeLookup): void {
  for (const [id, node] of nodes) {
    if (!needsUrl(node)) continue;
    const { apiId, gatewayId } = apimParents(id);
    const api = lookup(apiId);
    const gateway = lookup(gatewayId);
    const gatewayUrl = gateway?.['gatewayUrl'];
    if (typeof gatewayUrl !== 'string' || !api) continue;
    node.properties['url'] = apimOperationUrl(gatewayUrl, String(api['path'] ?? ''), String(node.properties['urlTemplate'] ?? '/'));
  }
}
