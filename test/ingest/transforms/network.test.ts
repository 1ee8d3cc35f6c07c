import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../src/model/index.js';
import type { InputRow } from '../../../src/util/input/rows.js';
import { readInputFiles } from '../../../src/util/input/read-files.js';
import { transformResourceRows, type TransformResult } from '../../../src/ingest/pipeline.js';
import { InputError } from '../../../src/util/errors.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/azure/', import.meta.url));
const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const id = (rg: string, provider: string, ...segments: string[]) =>
  `/subscriptions/${SUB}/resourcegroups/${rg}/providers/${provider}/${segments.join('/')}`.toLowerCase();
const net = (...segments: string[]) => id('rg-net-prod', 'microsoft.network', ...segments);
const afd = id('rg-edge-prod', 'microsoft.cdn', 'profiles', 'afd-contoso');

const ids = {
  subscription: `/subscriptions/${SUB}`,
  pipVm: net('publicipaddresses', 'pip-vm-legacy-inventory-01'),
  pipLb: net('publicipaddresses', 'pip-lb-web'),
  pipAgw: net('publicipaddresses', 'pip-agw-prod'),
  pipBasic: net('publicipaddresses', 'pip-legacy-ftp'),
  nic: net('networkinterfaces', 'nic-vm-legacy-inventory-01'),
  nicWeb: net('networkinterfaces', 'nic-web-01'),
  nsgNic: net('networksecuritygroups', 'nsg-nic-legacy'),
  nsgSubnet: net('networksecuritygroups', 'nsg-snet-legacy'),
  nsgWeb: net('networksecuritygroups', 'nsg-snet-web'),
  vnetProd: net('virtualnetworks', 'vnet-prod-weu'),
  vnetApps: net('virtualnetworks', 'vnet-apps-weu'),
  snetLegacy: net('virtualnetworks', 'vnet-prod-weu', 'subnets', 'snet-legacy'),
  snetPe: net('virtualnetworks', 'vnet-prod-weu', 'subnets', 'snet-pe'),
  snetAgw: net('virtualnetworks', 'vnet-apps-weu', 'subnets', 'snet-agw'),
  snetWeb: net('virtualnetworks', 'vnet-apps-weu', 'subnets', 'snet-web'),
  snetAci: net('virtualnetworks', 'vnet-apps-weu', 'subnets', 'snet-aci'),
  snetAks: net('virtualnetworks', 'vnet-apps-weu', 'subnets', 'snet-aks'),
  vm: id('rg-net-prod', 'microsoft.compute', 'virtualmachines', 'vm-legacy-inventory-01'),
  vmWeb: id('rg-net-prod', 'microsoft.compute', 'virtualmachines', 'vm-web-01'),
  lb: net('loadbalancers', 'lb-web'),
  agw: net('applicationgateways', 'agw-prod'),
  peBlob: id('rg-data-prod', 'microsoft.network', 'privateendpoints', 'pe-stordersprodweu-blob'),
  peKv: id('rg-data-prod', 'microsoft.network', 'privateendpoints', 'pe-kv-orders'),
  peFn: id('rg-app-prod', 'microsoft.network', 'privateendpoints', 'pe-fn-orders'),
  peSql: id('rg-data-prod', 'microsoft.network', 'privateendpoints', 'pe-sql-orders'),
  pePls: net('privateendpoints', 'pe-partner-pls'),
  storage: id('rg-data-prod', 'microsoft.storage', 'storageaccounts', 'stordersprodweu'),
  vault: id('rg-data-prod', 'microsoft.keyvault', 'vaults', 'kv-orders-prod'),
  site: id('rg-app-prod', 'microsoft.web', 'sites', 'fn-orders-prod'),
  sql: id('rg-data-prod', 'microsoft.sql', 'servers', 'sql-orders-prod'),
  pls: id('rg-partner', 'microsoft.network', 'privatelinkservices', 'pls-partner-api'),
  frontDoor: net('frontdoors', 'fd-contoso-classic'),
  afd,
  cdn: id('rg-edge-prod', 'microsoft.cdn', 'profiles', 'cdn-static'),
};

async function transform(...paths: string[]): Promise<TransformResult> {
  const input = await readInputFiles(paths.map((p) => join(FIXTURES, p)));
  return transformResourceRows(input.resources, { source: 'azure-export' });
}
const network = (...files: string[]) => transform(...files.map((f) => `network/${f}`));

const nodeTuples = (r: TransformResult) => r.nodes.map((n) => `${n.id} ${n.kind}`).sort();
const edgeTuples = (r: TransformResult) => r.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`).sort();
const edgeKinds = (r: TransformResult) => r.edges.map((e) => `${e.fromKind} -${e.kind}-> ${e.toKind}`);
const sorted = (items: string[]) => [...items].sort();
const contains = (...children: string[]) => children.map((c) => `${ids.subscription} -CONTAINS-> ${c}`);
const attached = (from: string, to: string) => `${from} -ATTACHED_TO-> ${to}`;

function nodeOf(r: TransformResult, nodeId: string): GraphNode {
  const node = r.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  return node;
}

describe('network transforms: public IPs and NICs', () => {
  it('attaches public IPs to the NIC, load balancer or gateway owning their ipConfiguration', async () => {
    const r = await network('public-ip-addresses.resourcegraph.json');
    expect(nodeTuples(r)).toEqual(
      sorted([
        `${ids.subscription} Subscription`,
        ...[ids.pipVm, ids.pipLb, ids.pipAgw, ids.pipBasic].map((x) => `${x} PublicIpAddress`),
      ]),
    );
    expect(edgeTuples(r)).toEqual(
      sorted([
        ...contains(ids.pipVm, ids.pipLb, ids.pipAgw, ids.pipBasic),
        attached(ids.pipVm, ids.nic),
        attached(ids.pipLb, ids.lb),
        attached(ids.pipAgw, ids.agw),
      ]),
    );
    expect(edgeKinds(r)).toEqual(
      expect.arrayContaining([
        'PublicIpAddress -ATTACHED_TO-> NetworkInterface',
        'PublicIpAddress -ATTACHED_TO-> LoadBalancer',
        'PublicIpAddress -ATTACHED_TO-> ApplicationGateway',
      ]),
    );
  });

  it('keeps the SKU: Standard is closed inbound by default, Basic is open', async () => {
    const r = await network('public-ip-addresses.resourcegraph.json');
    expect(nodeOf(r, ids.pipLb).properties).toMatchObject({
      ipAddress: '20.103.8.41',
      fqdn: 'lb-web-contoso.westeurope.cloudapp.azure.com',
      skuName: 'Standard',
      allocationMethod: 'Static',
      ipConfigurationId: `${ids.lb}/frontendipconfigurations/fe-public`,
    });
    const basic = nodeOf(r, ids.pipBasic).properties;
    expect(basic).toMatchObject({
      skuName: 'Basic',
      allocationMethod: 'Dynamic',
      fqdn: 'legacy-ftp-contoso.westeurope.cloudapp.azure.com',
    });
    // Dynamic and unattached: no address yet, and nothing "" in its place.
    expect(basic['ipAddress']).toBeUndefined();
    expect(basic['ipConfigurationId']).toBeUndefined();
  });

  it('links a NIC to its subnet, NSG, public IP and VM', async () => {
    const r = await network('network-interfaces.resourcegraph.json');
    expect(edgeTuples(r)).toEqual(
      sorted([
        ...contains(ids.nic, ids.nicWeb),
        attached(ids.nic, ids.snetLegacy),
        attached(ids.nsgNic, ids.nic),
        attached(ids.pipVm, ids.nic),
        attached(ids.nic, ids.vm),
        attached(ids.nicWeb, ids.snetWeb),
        attached(ids.nicWeb, ids.vmWeb),
      ]),
    );
    expect(r.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
    expect(nodeOf(r, ids.nic).properties).toMatchObject({
      privateIpAddresses: ['10.20.3.4'],
      virtualMachineId: ids.vm,
      networkSecurityGroupId: ids.nsgNic,
      enableIpForwarding: false,
      ipConfigurations: [
        {
          id: `${ids.nic}/ipconfigurations/ipconfig1`,
          name: 'ipconfig1',
          primary: true,
          privateIpAddress: '10.20.3.4',
          subnetId: ids.snetLegacy,
          publicIpAddressId: ids.pipVm,
        },
      ],
    });
    expect(nodeOf(r, ids.nicWeb).properties['ipConfigurations']).toEqual([
      expect.objectContaining({
        applicationSecurityGroupIds: [net('applicationsecuritygroups', 'asg-web')],
        loadBalancerBackendAddressPoolIds: [`${ids.lb}/backendaddresspools/be-web`],
        loadBalancerInboundNatRuleIds: [`${ids.lb}/inboundnatrules/ssh-web-01`],
      }),
    ]);
  });
});

describe('network transforms: NSGs and virtual networks', () => {
  it('keeps NSG rules exactly as ARM returns them and links the NSG to the subnets it lists', async () => {
    const r = await network('network-security-groups.resourcegraph.json');
    const raw = JSON.parse(
      await readFile(join(FIXTURES, 'network/network-security-groups.resourcegraph.json'), 'utf8'),
    ) as {
      data: { properties: { securityRules: unknown[]; defaultSecurityRules: unknown[] } }[];
    };
    const [nicNsg] = raw.data;
    expect(nodeOf(r, ids.nsgNic).properties['securityRules']).toEqual(nicNsg?.properties.securityRules);
    expect(nodeOf(r, ids.nsgNic).properties['defaultSecurityRules']).toEqual(nicNsg?.properties.defaultSecurityRules);
    expect(nodeOf(r, ids.nsgNic).properties['securityRules']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'allow-rdp-any',
          properties: expect.objectContaining({
            priority: 110,
            direction: 'Inbound',
            access: 'Allow',
            destinationPortRanges: ['3389', '5985-5986'],
          }),
        }),
      ]),
    );
    expect(edgeTuples(r)).toEqual(
      sorted([...contains(ids.nsgNic, ids.nsgSubnet), attached(ids.nsgSubnet, ids.snetLegacy)]),
    );
  });

  it('makes one Subnet node per embedded subnet, with its NSG (Resource Graph row and ARM list row)', async () => {
    const r = await network('virtual-networks.resourcegraph.json', 'virtual-networks.arm-list.json');
    expect(nodeTuples(r)).toEqual(
      sorted([
        `${ids.subscription} Subscription`,
        `${ids.vnetProd} VirtualNetwork`,
        `${ids.vnetApps} VirtualNetwork`,
        ...[ids.snetLegacy, ids.snetPe, ids.snetAgw, ids.snetWeb, ids.snetAci, ids.snetAks].map((x) => `${x} Subnet`),
      ]),
    );
    expect(edgeTuples(r)).toEqual(
      sorted([
        ...contains(ids.vnetProd, ids.vnetApps),
        `${ids.vnetProd} -CONTAINS-> ${ids.snetLegacy}`,
        `${ids.vnetProd} -CONTAINS-> ${ids.snetPe}`,
        `${ids.vnetApps} -CONTAINS-> ${ids.snetAgw}`,
        `${ids.vnetApps} -CONTAINS-> ${ids.snetWeb}`,
        `${ids.vnetApps} -CONTAINS-> ${ids.snetAci}`,
        `${ids.vnetApps} -CONTAINS-> ${ids.snetAks}`,
        attached(ids.nsgSubnet, ids.snetLegacy),
        attached(ids.nsgWeb, ids.snetWeb),
      ]),
    );
    expect(nodeOf(r, ids.vnetProd).properties).toMatchObject({ addressPrefixes: ['10.20.0.0/16'] });
    expect(nodeOf(r, ids.snetLegacy).properties).toMatchObject({
      name: 'snet-legacy',
      addressPrefix: '10.20.3.0/24',
      networkSecurityGroupId: ids.nsgSubnet,
      subscriptionId: SUB,
      resourceGroup: 'rg-net-prod',
      azureType: 'microsoft.network/virtualnetworks/subnets',
    });
    expect(nodeOf(r, ids.snetPe).properties['networkSecurityGroupId']).toBeUndefined();
    // The ARM list row has a mixed-case type and no subscriptionId/resourceGroup columns: both come from the id.
    expect(nodeOf(r, ids.vnetApps).properties).toMatchObject({
      subscriptionId: SUB,
      resourceGroup: 'rg-net-prod',
      azureType: 'microsoft.network/virtualnetworks',
    });
    expect(nodeOf(r, ids.snetAks).properties).toMatchObject({
      addressPrefix: '10.30.16.0/20',
      addressPrefixes: ['10.30.16.0/20'],
    });
    expect(nodeOf(r, ids.snetAci).properties).toMatchObject({
      delegations: ['Microsoft.ContainerInstance/containerGroups'],
    });
    expect(nodeOf(r, ids.snetWeb).properties).toMatchObject({ routeTableId: net('routetables', 'rt-web-to-fw') });
  });

  it('fails with the row position when an embedded subnet has neither id nor name', async () => {
    const rows: InputRow[] = [
      {
        file: 'vnets.json',
        index: 0,
        value: {
          id: ids.vnetProd,
          type: 'microsoft.network/virtualnetworks',
          subscriptionId: SUB,
          properties: {
            addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
            subnets: [{ properties: { addressPrefix: '10.20.3.0/24' } }],
          },
        },
      },
    ];
    await expect(transformResourceRows(rows, { source: 'azure-export' })).rejects.toMatchObject({
      code: 'INPUT_ERROR',
      position: { file: 'vnets.json', index: 0 },
    });
  });
});

describe('network transforms: private endpoints', () => {
  it('links each endpoint to its subnet and to approved targets of a known kind', async () => {
    const r = await network('private-endpoints.resourcegraph.json');
    expect(edgeTuples(r)).toEqual(
      sorted([
        ...contains(ids.peBlob, ids.peKv, ids.peFn, ids.peSql, ids.pePls),
        ...[ids.peBlob, ids.peKv, ids.peFn, ids.peSql, ids.pePls].map((pe) => attached(pe, ids.snetPe)),
        attached(ids.peBlob, ids.storage),
        attached(ids.peKv, ids.vault),
        attached(ids.peFn, ids.site),
      ]),
    );
    expect(edgeKinds(r)).toEqual(
      expect.arrayContaining([
        'PrivateEndpoint -ATTACHED_TO-> StorageAccount',
        'PrivateEndpoint -ATTACHED_TO-> KeyVault',
        // A site's kind is not in its id: WebApp until the site's own row says otherwise.
        'PrivateEndpoint -ATTACHED_TO-> WebApp',
      ]),
    );
    expect(nodeOf(r, ids.peBlob).properties).toMatchObject({ targetResourceIds: [ids.storage], groupIds: ['blob'] });
    // A manual connection still waiting for approval carries no traffic: recorded, not linked.
    expect(nodeOf(r, ids.peSql).properties).toMatchObject({
      targetResourceIds: [ids.sql],
      connections: [{ targetResourceId: ids.sql, groupIds: ['sqlServer'], status: 'Pending', manual: true }],
    });
    expect(nodeOf(r, ids.pePls).properties).toMatchObject({ targetResourceIds: [ids.pls] });
  });
});

describe('network transforms: load balancers and application gateways', () => {
  it('records load balancer frontends, rules and backend NIC ipConfigurations', async () => {
    const r = await network('load-balancers.resourcegraph.json');
    expect(edgeTuples(r)).toEqual(sorted([...contains(ids.lb), attached(ids.pipLb, ids.lb)]));
    const lb = nodeOf(r, ids.lb).properties;
    expect(lb).toMatchObject({
      skuName: 'Standard',
      frontendIpAddresses: [],
      frontendPublicIpAddressIds: [ids.pipLb],
      frontendIpConfigurations: [
        { id: `${ids.lb}/frontendipconfigurations/fe-public`, name: 'fe-public', publicIpAddressId: ids.pipLb },
      ],
      backendIpConfigurationIds: [`${ids.nicWeb}/ipconfigurations/ipconfig1`],
    });
    expect(lb['rules']).toEqual([
      expect.objectContaining({
        name: 'http',
        properties: expect.objectContaining({ protocol: 'Tcp', frontendPort: 80, backendPort: 8080 }),
      }),
      expect.objectContaining({
        name: 'ssh-web-01',
        properties: expect.objectContaining({ frontendPort: 50022, backendPort: 22 }),
      }),
      expect.objectContaining({
        name: 'vmss-ssh',
        properties: expect.objectContaining({ frontendPortRangeStart: 50100, frontendPortRangeEnd: 50199 }),
      }),
    ]);
    expect(lb['backendPools']).toEqual([expect.objectContaining({ name: 'be-web' })]);
  });

  it('records gateway listeners, backend addresses and WAF state', async () => {
    const r = await network('application-gateways.resourcegraph.json');
    expect(edgeTuples(r)).toEqual(sorted([...contains(ids.agw), attached(ids.pipAgw, ids.agw)]));
    expect(nodeOf(r, ids.agw).properties).toMatchObject({
      skuName: 'WAF_v2',
      subnetId: ids.snetAgw,
      frontendIpAddresses: ['10.30.0.10'],
      frontendPublicIpAddressIds: [ids.pipAgw],
      listeners: [
        {
          name: 'listener-https',
          protocol: 'Https',
          port: 443,
          hostNames: ['api.contoso.example'],
          public: true,
          frontendIpConfigurationId: `${ids.agw}/frontendipconfigurations/appgwpublicfrontendip`,
        },
        {
          name: 'listener-internal',
          protocol: 'Http',
          port: 80,
          hostNames: ['orders.internal.contoso.example'],
          public: false,
          frontendIpConfigurationId: `${ids.agw}/frontendipconfigurations/appgwprivatefrontendip`,
        },
      ],
      backendAddresses: ['10.40.1.5', 'fn-orders-prod.azurewebsites.net'],
      routingRules: [
        {
          name: 'rule-api',
          ruleType: 'Basic',
          priority: 100,
          listener: 'listener-https',
          backendPool: 'pool-apim',
          backendSettings: 'settings-apim',
        },
        {
          name: 'rule-internal',
          ruleType: 'Basic',
          priority: 200,
          listener: 'listener-internal',
          backendPool: 'pool-fn',
          backendSettings: 'settings-fn',
        },
      ],
      wafEnabled: true,
      wafMode: 'Prevention',
    });
  });
});

describe('network transforms: Front Door', () => {
  it('reads classic Front Door host names and enabled backends', async () => {
    const r = await network('front-doors.resourcegraph.json');
    expect(nodeOf(r, ids.frontDoor).properties).toMatchObject({
      frontDoorTier: 'classic',
      hostNames: ['fd-contoso-classic.azurefd.net', 'shop.contoso.example'],
      originHostNames: ['app-shop-prod.azurewebsites.net', '20.103.8.41'],
      routes: [
        {
          name: 'route-shop',
          patternsToMatch: ['/*'],
          acceptedProtocols: ['Http', 'Https'],
          forwardingProtocol: 'MatchRequest',
          backendPool: 'pool-shop',
          enabledState: 'Enabled',
        },
      ],
      wafPolicyIds: [net('frontdoorwebapplicationfirewallpolicies', 'wafclassic')],
    });
  });

  it('builds a Standard profile from its profile, endpoint, custom domain, origin and route rows', async () => {
    const r = await network(
      'front-door-origins.arm-list.json',
      'front-door-origin-groups.arm-list.json',
      'front-door-routes.arm-list.json',
      'front-doors.resourcegraph.json',
    );
    // Only Azure Front Door SKUs are Front Doors: the Standard_Microsoft CDN profile makes no node.
    expect(nodeTuples(r)).toEqual(
      sorted([`${ids.subscription} Subscription`, `${ids.frontDoor} FrontDoor`, `${ids.afd} FrontDoor`]),
    );
    expect(edgeTuples(r)).toEqual(sorted(contains(ids.frontDoor, ids.afd)));
    expect(r.unknownTypes).toEqual({});
    const profile = nodeOf(r, ids.afd).properties;
    expect(profile).toMatchObject({
      name: 'afd-contoso',
      subscriptionId: SUB,
      resourceGroup: 'rg-edge-prod',
      skuName: 'Standard_AzureFrontDoor',
      frontDoorTier: 'standard',
      originGroupNames: ['og-api'],
      routes: [
        {
          endpoint: 'ep-api',
          name: 'route-api',
          patternsToMatch: ['/api/*'],
          supportedProtocols: ['Http', 'Https'],
          httpsRedirect: 'Enabled',
          forwardingProtocol: 'HttpsOnly',
          originGroup: 'og-api',
          enabledState: 'Enabled',
        },
      ],
    });
    // Child rows came first here (file order): the profile row must not wipe what they appended.
    expect([...(profile['hostNames'] as string[])].sort()).toEqual([
      'api.contoso.example',
      'ep-api-h7c2bqfwd4e3a8bz.z01.azurefd.net',
    ]);
    // The disabled origin is left out; host names are lower-cased.
    expect([...(profile['originHostNames'] as string[])].sort()).toEqual([
      'apim-contoso-prod.azure-api.net',
      'fn-orders-prod.azurewebsites.net',
    ]);
  });

  it('fails with the row position when an origin has no host name', async () => {
    const rows: InputRow[] = [
      {
        file: 'origins.json',
        index: 3,
        value: {
          id: `${afd}/originGroups/og-api/origins/broken`,
          type: 'Microsoft.Cdn/profiles/origingroups/origins',
          name: 'broken',
          properties: { enabledState: 'Enabled' },
        },
      },
    ];
    const failure = transformResourceRows(rows, { source: 'azure-export' });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toMatchObject({ position: { file: 'origins.json', index: 3 } });
  });
});

describe('compute and network fixtures together', () => {
  it('joins both families into one graph', async () => {
    const r = await transform('compute', 'network');
    const nodeIds = new Set(r.nodes.map((n) => n.id));
    const compute = {
      vmss: id('rg-app-prod', 'microsoft.compute', 'virtualmachinescalesets', 'vmss-web'),
      vmBatch: id('rg-app-prod', 'microsoft.compute', 'virtualmachines', 'vm-batch-02'),
      nicBatch: id('rg-app-prod', 'microsoft.network', 'networkinterfaces', 'nic-batch-02'),
      shipping: id('rg-app-prod', 'microsoft.app', 'containerapps', 'ca-shipping-api'),
      worker: id('rg-app-prod', 'microsoft.app', 'containerapps', 'ca-orders-worker'),
      reports: id('rg-app-prod', 'microsoft.containerinstance', 'containergroups', 'aci-reports'),
      jobs: id('rg-app-prod', 'microsoft.containerinstance', 'containergroups', 'aci-jobs'),
      aks: id('rg-app-prod', 'microsoft.containerservice', 'managedclusters', 'aks-prod'),
      aksPrivate: id('rg-app-prod', 'microsoft.containerservice', 'managedclusters', 'aks-payments'),
      idInventory: id('rg-app-prod', 'microsoft.managedidentity', 'userassignedidentities', 'id-inventory'),
      idShipping: id('rg-app-prod', 'microsoft.managedidentity', 'userassignedidentities', 'id-shipping'),
      kubelet: id(
        'mc_rg-app-prod_aks-prod_westeurope',
        'microsoft.managedidentity',
        'userassignedidentities',
        'aks-prod-agentpool',
      ),
    };
    const system = (x: string) => `${x}/identities/system`;
    const byKind = (kind: string, ...xs: string[]) => xs.map((x) => `${x} ${kind}`);
    expect(nodeTuples(r)).toEqual(
      sorted([
        `${ids.subscription} Subscription`,
        ...byKind('VirtualMachine', ids.vm, compute.vmBatch),
        ...byKind('VirtualMachineScaleSet', compute.vmss),
        ...byKind('ContainerApp', compute.shipping, compute.worker),
        ...byKind('ContainerGroup', compute.reports, compute.jobs),
        ...byKind('KubernetesCluster', compute.aks, compute.aksPrivate),
        ...byKind('ManagedIdentity', system(ids.vm), compute.idInventory, system(compute.vmss), compute.idShipping),
        ...byKind(
          'ManagedIdentity',
          system(compute.reports),
          system(compute.aks),
          system(compute.aksPrivate),
          compute.kubelet,
        ),
        ...byKind('PublicIpAddress', ids.pipVm, ids.pipLb, ids.pipAgw, ids.pipBasic),
        ...byKind('NetworkInterface', ids.nic, ids.nicWeb),
        ...byKind('NetworkSecurityGroup', ids.nsgNic, ids.nsgSubnet),
        ...byKind('VirtualNetwork', ids.vnetProd, ids.vnetApps),
        ...byKind('Subnet', ids.snetLegacy, ids.snetPe, ids.snetAgw, ids.snetWeb, ids.snetAci, ids.snetAks),
        ...byKind('PrivateEndpoint', ids.peBlob, ids.peKv, ids.peFn, ids.peSql, ids.pePls),
        ...byKind('LoadBalancer', ids.lb),
        ...byKind('ApplicationGateway', ids.agw),
        ...byKind('FrontDoor', ids.frontDoor, ids.afd),
      ]),
    );
    const resources = r.nodes
      .filter((n) => n.kind !== 'Subscription' && n.kind !== 'ManagedIdentity' && n.kind !== 'Subnet')
      .map((n) => n.id);
    expect(edgeTuples(r)).toEqual(
      sorted([
        ...contains(...resources),
        ...[ids.snetLegacy, ids.snetPe].map((s) => `${ids.vnetProd} -CONTAINS-> ${s}`),
        ...[ids.snetAgw, ids.snetWeb, ids.snetAci, ids.snetAks].map((s) => `${ids.vnetApps} -CONTAINS-> ${s}`),
        // compute
        attached(ids.nic, ids.vm),
        attached(compute.nicBatch, compute.vmBatch),
        attached(compute.vmss, ids.snetWeb),
        attached(compute.jobs, ids.snetAci),
        attached(compute.aks, ids.snetAks),
        attached(compute.aksPrivate, ids.snetAks),
        `${ids.vm} -CAN_AUTHENTICATE_AS-> ${system(ids.vm)}`,
        `${ids.vm} -CAN_AUTHENTICATE_AS-> ${compute.idInventory}`,
        `${compute.vmss} -CAN_AUTHENTICATE_AS-> ${system(compute.vmss)}`,
        `${compute.shipping} -CAN_AUTHENTICATE_AS-> ${compute.idShipping}`,
        `${compute.reports} -CAN_AUTHENTICATE_AS-> ${system(compute.reports)}`,
        `${compute.aks} -CAN_AUTHENTICATE_AS-> ${system(compute.aks)}`,
        `${compute.aks} -CAN_AUTHENTICATE_AS-> ${compute.kubelet}`,
        `${compute.aksPrivate} -CAN_AUTHENTICATE_AS-> ${system(compute.aksPrivate)}`,
        // network
        attached(ids.pipVm, ids.nic),
        attached(ids.pipLb, ids.lb),
        attached(ids.pipAgw, ids.agw),
        attached(ids.nic, ids.snetLegacy),
        attached(ids.nsgNic, ids.nic),
        attached(ids.nicWeb, ids.snetWeb),
        attached(ids.nicWeb, ids.vmWeb),
        attached(ids.nsgSubnet, ids.snetLegacy),
        attached(ids.nsgWeb, ids.snetWeb),
        ...[ids.peBlob, ids.peKv, ids.peFn, ids.peSql, ids.pePls].map((pe) => attached(pe, ids.snetPe)),
        attached(ids.peBlob, ids.storage),
        attached(ids.peKv, ids.vault),
        attached(ids.peFn, ids.site),
      ]),
    );
    expect(r.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
    // Edges whose far end lies outside these fixtures (other families' resources, a VM, NIC and NSG not exported):
    // the store skips them until those rows arrive.
    const dangling = r.edges
      .filter((e) => !nodeIds.has(e.from) || !nodeIds.has(e.to))
      .map((e) => (nodeIds.has(e.from) ? e.to : e.from));
    expect(sorted(dangling)).toEqual(
      sorted([compute.nicBatch, ids.vmWeb, ids.nsgWeb, ids.storage, ids.vault, ids.site]),
    );
    expect(r.unknownTypes).toEqual({});
  });
});
