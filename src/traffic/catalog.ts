import { lastSegment, parentId } from '../model/arm-ids.js';
import type { GraphNode, NodeKind } from '../model/index.js';
import type { GraphStore, ListOptions } from '../store/index.js';
import { str } from '../util/json.js';

/** One APIM operation as traffic mapping needs it. Names are APIM entity names, as the gateway logs carry them. */
export interface EndpointCatalogEntry {
  /** The ApiEndpoint node id (lower-cased ARM id of the operation). */
  readonly endpointId: string;
  /** The ApiGateway node id (the API Management service; workspace APIs belong to their service). */
  readonly gatewayId: string;
  /** APIM API name, e.g. `orders-api`. */
  readonly apiName: string;
  /** API URL suffix under the gateway; null when the Api node is unknown (then only id matching applies). */
  readonly apiPath: string | null;
  /** APIM operation name, e.g. `get-order`. */
  readonly operationName: string;
  /** Upper-case HTTP method, or `*`. */
  readonly method: string;
  readonly urlTemplate: string;
  /** Lower-cased proxy host names of the gateway. */
  readonly gatewayHosts: readonly string[];
}

/** `…/service/<s>/apis/<a>` or `…/service/<s>/workspaces/<w>/apis/<a>` → `…/service/<s>`. */
function gatewayOfApi(apiId: string): string {
  const at = apiId.lastIndexOf('/apis/');
  return apiId.slice(0, at).replace(/\/workspaces\/[^/]+$/, '');
}

function hostsOf(gateway: GraphNode | undefined): string[] {
  if (!gateway) return [];
  const hosts = new Set<string>();
  const listed = gateway.properties['hostNames'];
  if (Array.isArray(listed)) for (const h of listed) if (typeof h === 'string') hosts.add(h.toLowerCase());
  const url = str(gateway.properties['gatewayUrl']);
  if (url) {
    try {
      hosts.add(new URL(url).hostname.toLowerCase());
    } catch {
      // A gateway URL that is no URL adds no host.
    }
  }
  return [...hosts].sort();
}

/**
 * The APIM operations known in the graph, from `ApiGateway`, `Api` and `ApiEndpoint` nodes (as
 * src/ingest/azure/transforms/apim.ts writes them). Function and Logic App endpoints are not behind these logs.
 */
export function buildEndpointCatalog(nodes: Iterable<GraphNode>): EndpointCatalogEntry[] {
  const gateways = new Map<string, GraphNode>();
  const apis = new Map<string, GraphNode>();
  const endpoints: GraphNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'ApiGateway') gateways.set(node.id, node);
    else if (node.kind === 'Api' && node.properties['apiSource'] === 'apim') apis.set(node.id, node);
    else if (node.kind === 'ApiEndpoint' && node.properties['endpointSource'] === 'apim') endpoints.push(node);
  }
  const entries: EndpointCatalogEntry[] = [];
  for (const endpoint of endpoints) {
    const apiId = parentId(endpoint.id);
    if (!apiId.includes('/apis/')) continue;
    const gatewayId = gatewayOfApi(apiId);
    const api = apis.get(apiId);
    entries.push({
      endpointId: endpoint.id,
      gatewayId,
      apiName: lastSegment(apiId),
      apiPath: api ? (str(api.properties['path']) ?? '') : null,
      operationName: lastSegment(endpoint.id),
      method: (str(endpoint.properties['method']) ?? '*').toUpperCase(),
      urlTemplate: str(endpoint.properties['urlTemplate']) ?? '/',
      gatewayHosts: hostsOf(gateways.get(gatewayId)),
    });
  }
  return entries.sort((a, b) => (a.endpointId < b.endpointId ? -1 : a.endpointId > b.endpointId ? 1 : 0));
}

async function listAll(store: GraphStore, options: Omit<ListOptions, 'after' | 'first'>): Promise<GraphNode[]> {
  const nodes: GraphNode[] = [];
  let after: string | null = null;
  do {
    const page = await store.listNodes({ ...options, first: 10_000, after });
    nodes.push(...page.items);
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  return nodes;
}

/** The catalog from a store: gateways, APIM APIs and APIM endpoints only, paged. */
export async function loadEndpointCatalog(store: GraphStore): Promise<EndpointCatalogEntry[]> {
  const kinds: [NodeKind, ListOptions['where']][] = [
    ['ApiGateway', undefined],
    ['Api', [{ property: 'apiSource', op: 'eq', value: 'apim' }]],
    ['ApiEndpoint', [{ property: 'endpointSource', op: 'eq', value: 'apim' }]],
  ];
  const nodes: GraphNode[] = [];
  for (const [kind, where] of kinds) nodes.push(...(await listAll(store, where ? { kind, where } : { kind })));
  return buildEndpointCatalog(nodes);
}
