/**
 * The graph generator of the attack path benchmark (bench/paths.ts): a derived graph shaped like an estate after
 * the derive and insight stages, with heavy-tailed fan-out, built as plain objects in memory (seeded).
 */
import type { AnalysisGraph } from '../src/analysis/paths/index.js';
import { Rng, zipf } from '../tools/estate/index.js';
import type { GraphEdge, GraphNode, Insight, JsonValue, NodeKind } from '../src/model/index.js';

/** Share of the nodes per kind; the rest is network and identity noise the engine never walks. */
const SHARES = {
  gateways: 0.001,
  apis: 0.03,
  endpoints: 0.2,
  apps: 0.04,
  userIdentities: 0.005,
  stores: 0.03,
  vms: 0.02,
  balancers: 0.002,
};
const STORE_KINDS: readonly NodeKind[] = [
  'StorageAccount',
  'StorageAccount',
  'SqlDatabase',
  'CosmosDbAccount',
  'KeyVault',
];
const APP_KINDS: readonly NodeKind[] = ['FunctionApp', 'FunctionApp', 'WebApp', 'LogicApp'];
const NOISE_KINDS: readonly NodeKind[] = [
  'NetworkInterface',
  'NetworkSecurityGroup',
  'Subnet',
  'PublicIpAddress',
  'RoleAssignment',
];
const LABELS = ['Public', 'General', 'Confidential', 'Highly Confidential'];

/** Collects nodes and edges as plain objects (they follow the model; validating a million of them is not the point). */
class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];

  node(id: string, kind: NodeKind, properties: Record<string, JsonValue> = {}): GraphNode {
    const node = { id, kind, properties: { name: id.slice(id.lastIndexOf('/') + 1), ...properties } };
    this.nodes.push(node);
    return node;
  }

  edge(kind: GraphEdge['kind'], from: GraphNode, to: GraphNode, properties: Record<string, JsonValue> = {}): void {
    this.edges.push({
      kind,
      from: from.id,
      fromKind: from.kind,
      to: to.id,
      toKind: to.kind,
      properties: { derived: true, ...properties },
    });
  }
}

const count = (total: number, share: number) => Math.max(1, Math.round(total * share));

function insightsOf(rng: Rng): Insight[] {
  const insights: Insight[] = ['InternetExposed'];
  if (rng.chance(0.15)) insights.push('AllowsAnonymousAccess');
  if (rng.chance(0.04)) insights.push('SensitiveData');
  if (rng.chance(0.1)) insights.push('Inactive');
  if (rng.chance(0.05)) insights.push('UnencryptedAccess');
  return insights;
}

/**
 * A derived graph of about `total` nodes: gateways → APIs → endpoints (Zipf: a few APIs hold most endpoints),
 * endpoints routing to apps and load balancers (Zipf: a few backends serve most endpoints), balancers routing to
 * VMs, apps and VMs running as identities (some user-assigned identities shared by many), identities holding
 * roles on a heavy-tailed number of stores (popular stores get most grants), 15 % of apps public (gateway
 * bypasses), and the rest of the nodes network noise on non-traversable edges.
 */
export function generatePathGraph(total: number, seed = 1): AnalysisGraph {
  const rng = new Rng(seed);
  const g = new GraphBuilder();
  const sub = (i: number) =>
    `/subscriptions/00000000-0000-4000-8000-${String(i % 100).padStart(12, '0')}/resourcegroups/rg-${i % 37}/providers`;
  const internet = g.node('internet', 'Internet');
  const labels = LABELS.map((name, priority) =>
    g.node(`label:${name.toLowerCase()}`, 'SensitivityLabel', { name, priority }),
  );
  const reach = (to: GraphNode) =>
    g.edge('CAN_REACH', internet, to, { ports: ['443'], scope: rng.chance(0.1) ? 'restricted' : 'any' });

  const gateways = Array.from({ length: count(total, SHARES.gateways) }, (_, i) =>
    g.node(`${sub(i)}/microsoft.apimanagement/service/apim-${i}`, 'ApiGateway'),
  );
  gateways.forEach(reach);
  const apis = Array.from({ length: count(total, SHARES.apis) }, (_, i) => {
    const gateway = gateways[zipf(rng, gateways.length)]!;
    const api = g.node(`${gateway.id}/apis/api-${i}`, 'Api', { apiSource: 'apim' });
    g.edge('CONTAINS', gateway, api);
    return api;
  });
  const stores = Array.from({ length: count(total, SHARES.stores) }, (_, i) => {
    const store = g.node(
      `${sub(i)}/microsoft.data/stores/store-${i}`,
      rng.pick(STORE_KINDS),
      rng.chance(0.05) ? { insights: ['PublicDataAccess'] } : {},
    );
    if (rng.chance(0.03)) reach(store);
    return store;
  });
  const userIdentities = Array.from({ length: count(total, SHARES.userIdentities) }, (_, i) =>
    g.node(`${sub(i)}/microsoft.managedidentity/userassignedidentities/id-${i}`, 'ManagedIdentity', {
      identityType: 'UserAssigned',
    }),
  );
  const grant = (identity: GraphNode) => {
    const seen = new Set<number>();
    const grants = 1 + zipf(rng, 40, 1.3);
    for (let k = 0; k < grants; k++) {
      const s = zipf(rng, stores.length, 0.9);
      if (seen.has(s)) continue;
      seen.add(s);
      g.edge('HAS_PERMISSION_TO', identity, stores[s]!, {
        accessLevel: rng.weighted([
          ['read', 6],
          ['write', 3],
          ['admin', 1],
        ] as const),
      });
    }
  };
  userIdentities.forEach(grant);
  const apps = Array.from({ length: count(total, SHARES.apps) }, (_, i) => {
    const app = g.node(`${sub(i)}/microsoft.web/sites/app-${i}`, rng.pick(APP_KINDS));
    const system = g.node(`${app.id}/identities/system`, 'ManagedIdentity', { identityType: 'SystemAssigned' });
    g.edge('CAN_AUTHENTICATE_AS', app, system);
    grant(system);
    if (rng.chance(0.2)) g.edge('CAN_AUTHENTICATE_AS', app, userIdentities[zipf(rng, userIdentities.length)]!);
    return app;
  });
  const vms = Array.from({ length: count(total, SHARES.vms) }, (_, i) => {
    const vm = g.node(`${sub(i)}/microsoft.compute/virtualmachines/vm-${i}`, 'VirtualMachine');
    if (rng.chance(0.3)) g.edge('CAN_AUTHENTICATE_AS', vm, userIdentities[zipf(rng, userIdentities.length)]!);
    if (rng.chance(0.05)) reach(vm);
    return vm;
  });
  const balancers = Array.from({ length: count(total, SHARES.balancers) }, (_, i) => {
    const lb = g.node(`${sub(i)}/microsoft.network/loadbalancers/lb-${i}`, 'LoadBalancer');
    reach(lb);
    return lb;
  });
  vms.forEach((vm) => g.edge('ROUTES_TO', balancers[rng.int(balancers.length)]!, vm, { resolvedBy: 'backend pool' }));
  const routedApps = new Set<GraphNode>();
  for (let i = 0; i < count(total, SHARES.endpoints); i++) {
    const api = apis[zipf(rng, apis.length)]!;
    const endpoint = g.node(`${api.id}/operations/op-${i}`, 'ApiEndpoint', {
      endpointSource: 'apim',
      insights: insightsOf(rng),
    });
    g.edge('CONTAINS', api, endpoint);
    if ((endpoint.properties['insights'] as string[]).includes('SensitiveData'))
      g.edge('HAS_LABEL', endpoint, labels[1 + rng.int(3)]!);
    const route = rng.next();
    if (route < 0.8) {
      const app = apps[zipf(rng, apps.length)]!;
      routedApps.add(app);
      g.edge('ROUTES_TO', endpoint, app, { resolvedBy: 'set-backend-service' });
    } else if (route < 0.9)
      g.edge('ROUTES_TO', endpoint, balancers[zipf(rng, balancers.length)]!, { resolvedBy: 'serviceUrl' });
    else if (route < 0.92)
      g.edge('ROUTES_TO', endpoint, stores[zipf(rng, stores.length)]!, { resolvedBy: 'serviceUrl' });
  }
  for (const app of apps) {
    if (!rng.chance(0.15)) continue;
    reach(app);
    if (routedApps.has(app))
      (app.properties as Record<string, JsonValue>)['insights'] = ['GatewayBypass', 'InternetExposed'];
  }
  const noise = Math.max(0, total - g.nodes.length);
  const subnets = Array.from({ length: Math.max(1, Math.floor(noise / NOISE_KINDS.length)) }, (_, i) =>
    g.node(`${sub(i)}/microsoft.network/subnets/sn-${i}`, 'Subnet'),
  );
  for (let i = subnets.length; i < noise; i++) {
    const kind = NOISE_KINDS[i % NOISE_KINDS.length]!;
    const node = g.node(
      `${sub(i)}/microsoft.network/${kind.toLowerCase()}/n-${i}`,
      kind === 'Subnet' ? 'NetworkInterface' : kind,
    );
    if (node.kind !== 'RoleAssignment') g.edge('ATTACHED_TO', node, subnets[zipf(rng, subnets.length)]!);
  }
  return { nodes: g.nodes, edges: g.edges };
}
