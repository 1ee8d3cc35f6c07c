import type { AnalysisGraph } from '../../../src/analysis/paths/index.js';
import { apiToStore, TinyGraph } from '../paths/tiny-graph.js';

/**
 * The worked examples of docs/risk-model.md, as graphs. risk-model-doc.test.ts scores each one and checks that
 * the doc shows exactly the formula and level the code computes.
 */

function endpoint(
  insights: Parameters<TinyGraph['node']>[3],
  label?: { name: string; priority: number },
  scope: 'any' | 'restricted' = 'any',
): TinyGraph {
  const g = new TinyGraph()
    .internet()
    .node('/apim', 'ApiGateway', { name: 'apim-shop' })
    .node('/apim/apis/orders', 'Api', { name: 'orders' })
    .node(
      '/apim/apis/orders/operations/get-order',
      'ApiEndpoint',
      { name: 'get-order', endpointSource: 'apim' },
      insights,
    )
    .edge('CAN_REACH', 'internet', '/apim', { ports: ['443'], scope })
    .edge('CONTAINS', '/apim', '/apim/apis/orders')
    .edge('CONTAINS', '/apim/apis/orders', '/apim/apis/orders/operations/get-order');
  if (label) {
    g.node(`label:${label.name.toLowerCase()}`, 'SensitivityLabel', {
      name: label.name,
      priority: label.priority,
    }).edge('HAS_LABEL', '/apim/apis/orders/operations/get-order', `label:${label.name.toLowerCase()}`);
  }
  return g;
}

export const WORKED_EXAMPLES: Readonly<Record<string, () => AnalysisGraph>> = {
  'unauthenticated-sensitive-endpoint': () =>
    endpoint(['SensitiveData', 'AllowsAnonymousAccess'], { name: 'Highly Confidential', priority: 3 }).graph(),
  'after-authentication': () => endpoint(['SensitiveData'], { name: 'Highly Confidential', priority: 3 }).graph(),
  'gateway-bypass-write': () => {
    const g = apiToStore()
      .edge('CAN_REACH', 'internet', '/fn', { ports: ['443'], scope: 'any' })
      .insights('/fn', ['GatewayBypass', 'InternetExposed']);
    const graph = g.graph();
    // Only the bypass: drop the gateway's own reach.
    return { nodes: graph.nodes, edges: graph.edges.filter((e) => !(e.kind === 'CAN_REACH' && e.to === '/gw')) };
  },
  'shared-service-tag-bypass': () => {
    const g = apiToStore()
      .edge('CAN_REACH', 'internet', '/fn', { ports: ['443'], scope: 'restricted', sharedServiceTags: ['ApiManagement'] })
      .insights('/fn', ['GatewayBypass', 'InternetExposed']);
    const graph = g.graph();
    return { nodes: graph.nodes, edges: graph.edges.filter((e) => !(e.kind === 'CAN_REACH' && e.to === '/gw')) };
  },
  'authenticated-identity-read': () => apiToStore({ access: 'read' }).graph(),
  'restricted-dormant-unencrypted': () =>
    endpoint(['AllowsAnonymousAccess', 'UnencryptedAccess', 'Inactive'], undefined, 'restricted')
      .node('/st', 'StorageAccount', { name: 'stexports' })
      .edge('ROUTES_TO', '/apim/apis/orders/operations/get-order', '/st', { resolvedBy: 'serviceUrl' })
      .graph(),
};
