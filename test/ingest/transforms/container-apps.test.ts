import { describe, expect, it } from 'vitest';
import { GraphView } from '../../../src/analysis/graph-view.js';
import { deriveReachability } from '../../../src/analysis/derive/reach.js';
import { SUB, transformFixtures, transformInline } from './fixture-graph.js';

/*
 * Two Container Apps environments and three apps (fixtures/azure/container-apps):
 *
 *   cae-internal (vnetConfiguration.internal)   cae-public (vnetConfiguration: null)
 *     └ ca-ledger-api   ingress external          ├ ca-catalog-api  ingress external
 *                                                 └ ca-audit-sink   ingress not external
 *
 * Only ca-catalog-api is reachable from the internet.
 */
const env = (name: string) => `/subscriptions/${SUB}/resourcegroups/rg-app-prod/providers/microsoft.app/managedenvironments/${name}`;
const app = (name: string) => `/subscriptions/${SUB}/resourcegroups/rg-app-prod/providers/microsoft.app/containerapps/${name}`;

describe('Container Apps environments', () => {
  it('reads each environment as a node with its network boundary', async () => {
    const g = await transformFixtures('container-apps');
    expect(g.nodeTuples.filter((t) => t.startsWith('ContainerAppsEnvironment')).sort()).toEqual([
      `ContainerAppsEnvironment ${env('cae-internal')}`,
      `ContainerAppsEnvironment ${env('cae-public')}`,
    ]);
    expect(g.node(env('cae-internal')).properties).toMatchObject({
      name: 'cae-internal',
      internal: true,
      staticIp: '10.30.4.250',
      infrastructureSubnetId: `/subscriptions/${SUB}/resourcegroups/rg-net-prod/providers/microsoft.network/virtualnetworks/vnet-apps-weu/subnets/snet-cae`,
      defaultDomain: 'internal-5c1e9a7b.westeurope.azurecontainerapps.io',
      publicNetworkAccess: 'Enabled',
    });
    // Resource Graph writes `vnetConfiguration: null` for an environment that was never VNet-injected.
    const open = g.node(env('cae-public')).properties;
    expect(open).toMatchObject({ internal: false, staticIp: '20.61.14.9' });
    expect(open['infrastructureSubnetId']).toBeUndefined();
    expect(g.edgeTuples).toContain(`/subscriptions/${SUB} -CONTAINS-> ${env('cae-internal')}`);
  });

  it('reaches only the app with external ingress in an external environment', async () => {
    const g = await transformFixtures('container-apps');
    const reached = deriveReachability(GraphView.of(g.nodes, g.edges)).map((e) => e.to);
    expect(reached).toEqual([app('ca-catalog-api')]);
    const edge = deriveReachability(GraphView.of(g.nodes, g.edges))[0];
    expect(edge?.properties['scope']).toBe('any');
    expect(JSON.stringify(edge?.properties['evidence'])).toContain('the environment is external');
  });

  it('an app whose environment is not in the graph keeps the public default', async () => {
    const g = await transformFixtures('container-apps');
    const nodes = g.nodes.filter((n) => n.kind !== 'ContainerAppsEnvironment');
    const reached = deriveReachability(GraphView.of(nodes, g.edges)).map((e) => e.to).sort();
    expect(reached).toEqual([app('ca-catalog-api'), app('ca-ledger-api')]);
  });

  it('an environment with public network access disabled closes its apps', async () => {
    const g = await transformInline(
      {
        id: env('cae-closed'),
        type: 'Microsoft.App/managedEnvironments',
        name: 'cae-closed',
        subscriptionId: SUB,
        properties: { publicNetworkAccess: 'Disabled', vnetConfiguration: { internal: false } },
      },
      {
        id: app('ca-closed'),
        type: 'Microsoft.App/containerApps',
        name: 'ca-closed',
        subscriptionId: SUB,
        properties: { managedEnvironmentId: env('cae-closed'), configuration: { ingress: { external: true } } },
      },
    );
    expect(g.node(env('cae-closed')).properties).toMatchObject({ internal: false, publicNetworkAccess: 'Disabled' });
    expect(deriveReachability(GraphView.of(g.nodes, g.edges))).toEqual([]);
  });
});
