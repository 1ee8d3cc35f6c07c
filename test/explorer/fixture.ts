/**
 * A small hand-drawn estate for explorer semantics, in one subscription (so tests can isolate it by id):
 *
 *   subscription ─CONTAINS→ gw (None) ─CONTAINS→ api1 ─CONTAINS→ ep1, ep2
 *                           gwi (Internal) ─CONTAINS→ api2 ─CONTAINS→ ep3
 *                           fn ─CONTAINS→ api3 ─CONTAINS→ ep4
 *   ep1 ─ROUTES_TO→ lb ─ROUTES_TO→ vm            lb ⇄ lb2 (a ROUTES_TO cycle)
 *   ep2, ep3 ─ROUTES_TO→ fn ─CAN_AUTHENTICATE_AS→ mi ─HAS_PERMISSION_TO→ st (write), kv (read)
 */
import type { GraphEdge, GraphNode, Insight, JsonValue, NodeKind } from '../../src/model/index.js';
import type { AnalysisResult, GraphStore, InsightUpdate, RunContext } from '../../src/store/index.js';
import { edge, node } from '../support/graph-fixture.js';

export const FIXTURE_KEYS = [
  'sub',
  'gw',
  'gwi',
  'api1',
  'api2',
  'api3',
  'ep1',
  'ep2',
  'ep3',
  'ep4',
  'lb',
  'lb2',
  'vm',
  'fn',
  'mi',
  'st',
  'kv',
] as const;
export type FixtureKey = (typeof FIXTURE_KEYS)[number];

export interface ExplorerFixture {
  readonly subscriptionId: string;
  readonly ids: Readonly<Record<FixtureKey, string>>;
  readonly nodes: readonly GraphNode[];
  readonly ingestedEdges: readonly GraphEdge[];
  readonly analysis: AnalysisResult;
}

export function explorerFixture(subscriptionId: string): ExplorerFixture {
  const base = `/subscriptions/${subscriptionId}/resourcegroups/rg-explorer/providers`;
  const apim = (name: string) => `${base}/microsoft.apimanagement/service/${name}`;
  const ids: Record<FixtureKey, string> = {
    sub: `/subscriptions/${subscriptionId}`,
    gw: apim('gw'),
    gwi: apim('gwi'),
    api1: `${apim('gw')}/apis/orders`,
    api2: `${apim('gwi')}/apis/billing`,
    api3: `${base}/microsoft.web/sites/fn/apis/http`,
    ep1: `${apim('gw')}/apis/orders/operations/get-order`,
    ep2: `${apim('gw')}/apis/orders/operations/create-order`,
    ep3: `${apim('gwi')}/apis/billing/operations/delete-invoice`,
    ep4: `${base}/microsoft.web/sites/fn/functions/hook`,
    lb: `${base}/microsoft.network/loadbalancers/lb`,
    lb2: `${base}/microsoft.network/loadbalancers/lb2`,
    vm: `${base}/microsoft.compute/virtualmachines/vm`,
    fn: `${base}/microsoft.web/sites/fn`,
    mi: `${base}/microsoft.web/sites/fn/identities/system`,
    st: `${base}/microsoft.storage/storageaccounts/st`,
    kv: `${base}/microsoft.keyvault/vaults/kv`,
  };
  const kinds: Record<FixtureKey, NodeKind> = {
    sub: 'Subscription',
    gw: 'ApiGateway',
    gwi: 'ApiGateway',
    api1: 'Api',
    api2: 'Api',
    api3: 'Api',
    ep1: 'ApiEndpoint',
    ep2: 'ApiEndpoint',
    ep3: 'ApiEndpoint',
    ep4: 'ApiEndpoint',
    lb: 'LoadBalancer',
    lb2: 'LoadBalancer',
    vm: 'VirtualMachine',
    fn: 'FunctionApp',
    mi: 'ManagedIdentity',
    st: 'StorageAccount',
    kv: 'KeyVault',
  };
  const own: Partial<Record<FixtureKey, Record<string, JsonValue>>> = {
    gw: { virtualNetworkType: 'None', tags: { env: 'prod' } },
    gwi: { virtualNetworkType: 'Internal' },
    api1: { protocols: ['http', 'https'], path: 'orders' },
    api2: { protocols: ['https'], path: 'billing' },
    ep1: {
      method: 'GET',
      urlTemplate: '/orders/{id}',
      callCount: 12,
      endpointSource: 'apim',
      sensitiveInfoTypes: ['CreditCardNumber'],
    },
    ep2: { method: 'POST', urlTemplate: '/orders', callCount: 3, endpointSource: 'apim' },
    ep3: { method: 'DELETE', urlTemplate: "/invoices/{id}'", endpointSource: 'apim' },
    ep4: { method: '*', endpointSource: 'functionapp', authLevel: 'anonymous' },
    vm: { vmSize: 'Standard_B2s', osType: 'Linux' },
    fn: { httpsOnly: false },
    mi: { identityType: 'SystemAssigned' },
    st: { allowBlobPublicAccess: true },
  };
  const nodes = FIXTURE_KEYS.map((key) =>
    node({
      id: ids[key],
      kind: kinds[key],
      properties: {
        name: key,
        subscriptionId,
        ...(key === 'sub' ? {} : { resourceGroup: 'rg-explorer' }),
        ...own[key],
      },
    }),
  );
  const link = (
    kind: GraphEdge['kind'],
    from: FixtureKey,
    to: FixtureKey,
    properties: Record<string, JsonValue> = {},
  ) =>
    edge({
      kind,
      from: ids[from],
      fromKind: kinds[from],
      to: ids[to],
      toKind: kinds[to],
      properties: { subscriptionId, ...properties },
    });
  const ingestedEdges = [
    ...(['gw', 'gwi', 'fn', 'vm', 'lb', 'lb2', 'st', 'kv'] as const).map((k) => link('CONTAINS', 'sub', k)),
    link('CONTAINS', 'gw', 'api1'),
    link('CONTAINS', 'api1', 'ep1'),
    link('CONTAINS', 'api1', 'ep2'),
    link('CONTAINS', 'gwi', 'api2'),
    link('CONTAINS', 'api2', 'ep3'),
    link('CONTAINS', 'fn', 'api3'),
    link('CONTAINS', 'api3', 'ep4'),
    link('CAN_AUTHENTICATE_AS', 'fn', 'mi'),
  ];
  // Derived edges belong to the analysis, not to a subscription's ingest run.
  const derived = (
    from: FixtureKey,
    kind: GraphEdge['kind'],
    to: FixtureKey,
    properties: Record<string, JsonValue> = {},
  ) =>
    edge({
      kind,
      from: ids[from],
      fromKind: kinds[from],
      to: ids[to],
      toKind: kinds[to],
      properties: { derived: true, ...properties },
    });
  const edges = [
    derived('ep1', 'ROUTES_TO', 'lb'),
    derived('lb', 'ROUTES_TO', 'vm'),
    derived('lb', 'ROUTES_TO', 'lb2'),
    derived('lb2', 'ROUTES_TO', 'lb'),
    derived('ep2', 'ROUTES_TO', 'fn'),
    derived('ep3', 'ROUTES_TO', 'fn'),
    derived('mi', 'HAS_PERMISSION_TO', 'st', { accessLevel: 'write', roles: ['Storage Blob Data Contributor'] }),
    derived('mi', 'HAS_PERMISSION_TO', 'kv', { accessLevel: 'read', roles: ['Key Vault Secrets User'] }),
  ];
  const insightsOf: Partial<Record<FixtureKey, Insight[]>> = {
    ep1: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData'],
    ep2: ['Inactive'],
    ep3: ['AllowsAnonymousAccess', 'SensitiveData'],
    ep4: ['AllowsAnonymousAccess'],
    fn: ['GatewayBypass', 'InternetExposed'],
    st: ['PublicDataAccess'],
  };
  const insights: InsightUpdate[] = Object.entries(insightsOf).map(([key, list]) => ({
    id: ids[key as FixtureKey],
    kind: kinds[key as FixtureKey],
    insights: list,
    evidence: Object.fromEntries(list.map((i) => [i, { source: 'fixture' }])),
  }));
  return { subscriptionId, ids, nodes, ingestedEdges, analysis: { nodes: [], edges, insights } };
}

/** Writes the fixture's ingested part; its analysis part goes through `replaceAnalysis` (alone or merged). */
export async function writeFixture(store: GraphStore, fixture: ExplorerFixture, run: RunContext): Promise<void> {
  await store.upsertNodes(fixture.nodes, run);
  await store.upsertEdges(fixture.ingestedEdges, run);
}
