import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../src/model/index.js';
import { readInputFiles } from '../../../src/util/input/read-files.js';
import { transformResourceRows, type TransformResult } from '../../../src/ingest/pipeline.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/azure/compute/', import.meta.url));
const SUB = '3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71';
const id = (rg: string, provider: string, ...segments: string[]) =>
  `/subscriptions/${SUB}/resourcegroups/${rg}/providers/${provider}/${segments.join('/')}`.toLowerCase();

const ids = {
  subscription: `/subscriptions/${SUB}`,
  vm: id('rg-net-prod', 'microsoft.compute', 'virtualmachines', 'vm-legacy-inventory-01'),
  vmBatch: id('rg-app-prod', 'microsoft.compute', 'virtualmachines', 'vm-batch-02'),
  vmss: id('rg-app-prod', 'microsoft.compute', 'virtualmachinescalesets', 'vmss-web'),
  nic: id('rg-net-prod', 'microsoft.network', 'networkinterfaces', 'nic-vm-legacy-inventory-01'),
  nicBatch: id('rg-app-prod', 'microsoft.network', 'networkinterfaces', 'nic-batch-02'),
  idInventory: id('rg-app-prod', 'microsoft.managedidentity', 'userassignedidentities', 'id-inventory'),
  idShipping: id('rg-app-prod', 'microsoft.managedidentity', 'userassignedidentities', 'id-shipping'),
  kubelet: id(
    'mc_rg-app-prod_aks-prod_westeurope',
    'microsoft.managedidentity',
    'userassignedidentities',
    'aks-prod-agentpool',
  ),
  snetWeb: id('rg-net-prod', 'microsoft.network', 'virtualnetworks', 'vnet-apps-weu', 'subnets', 'snet-web'),
  snetAks: id('rg-net-prod', 'microsoft.network', 'virtualnetworks', 'vnet-apps-weu', 'subnets', 'snet-aks'),
  snetAci: id('rg-net-prod', 'microsoft.network', 'virtualnetworks', 'vnet-apps-weu', 'subnets', 'snet-aci'),
  lb: id('rg-net-prod', 'microsoft.network', 'loadbalancers', 'lb-web'),
  shipping: id('rg-app-prod', 'microsoft.app', 'containerapps', 'ca-shipping-api'),
  worker: id('rg-app-prod', 'microsoft.app', 'containerapps', 'ca-orders-worker'),
  reports: id('rg-app-prod', 'microsoft.containerinstance', 'containergroups', 'aci-reports'),
  jobs: id('rg-app-prod', 'microsoft.containerinstance', 'containergroups', 'aci-jobs'),
  aks: id('rg-app-prod', 'microsoft.containerservice', 'managedclusters', 'aks-prod'),
  aksPrivate: id('rg-app-prod', 'microsoft.containerservice', 'managedclusters', 'aks-payments'),
};
const system = (resourceId: string) => `${resourceId}/identities/system`;

async function transform(...files: string[]): Promise<TransformResult> {
  const input = await readInputFiles(files.map((f) => join(FIXTURES, f)));
  return transformResourceRows(input.resources, { source: 'azure-export' });
}

const nodeTuples = (r: TransformResult) => r.nodes.map((n) => `${n.id} ${n.kind}`).sort();
const edgeTuples = (r: TransformResult) => r.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`).sort();
const sorted = (items: string[]) => [...items].sort();

function nodeOf(r: TransformResult, nodeId: string): GraphNode {
  const node = r.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  return node;
}

describe('compute transforms: virtual machines and scale sets', () => {
  it('reads VMs (Resource Graph and ARM GET rows) and a scale set into nodes, NIC links and identities', async () => {
    const r = await transform('virtual-machines.resourcegraph.json', 'vm-batch-02.arm.json');
    expect(nodeTuples(r)).toEqual(
      sorted([
        `${ids.subscription} Subscription`,
        `${ids.vm} VirtualMachine`,
        `${ids.vmBatch} VirtualMachine`,
        `${ids.vmss} VirtualMachineScaleSet`,
        `${system(ids.vm)} ManagedIdentity`,
        `${ids.idInventory} ManagedIdentity`,
        `${system(ids.vmss)} ManagedIdentity`,
      ]),
    );
    expect(edgeTuples(r)).toEqual(
      sorted([
        `${ids.subscription} -CONTAINS-> ${ids.vm}`,
        `${ids.subscription} -CONTAINS-> ${ids.vmBatch}`,
        `${ids.subscription} -CONTAINS-> ${ids.vmss}`,
        `${ids.nic} -ATTACHED_TO-> ${ids.vm}`,
        `${ids.nicBatch} -ATTACHED_TO-> ${ids.vmBatch}`,
        `${ids.vm} -CAN_AUTHENTICATE_AS-> ${system(ids.vm)}`,
        `${ids.vm} -CAN_AUTHENTICATE_AS-> ${ids.idInventory}`,
        `${ids.vmss} -ATTACHED_TO-> ${ids.snetWeb}`,
        `${ids.vmss} -CAN_AUTHENTICATE_AS-> ${system(ids.vmss)}`,
      ]),
    );
    expect(r.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
  });

  it('keeps size, OS and power state from either source', async () => {
    const r = await transform('virtual-machines.resourcegraph.json', 'vm-batch-02.arm.json');
    expect(nodeOf(r, ids.vm).properties).toMatchObject({
      vmSize: 'Standard_D2s_v3',
      osType: 'Windows',
      powerState: 'running',
      resourceGroup: 'rg-net-prod',
    });
    expect(nodeOf(r, ids.vmBatch).properties).toMatchObject({
      vmSize: 'Standard_F4s_v2',
      osType: 'Linux',
      powerState: 'deallocated',
      subscriptionId: SUB,
      azureType: 'microsoft.compute/virtualmachines',
    });
    expect(nodeOf(r, system(ids.vm)).properties).toMatchObject({
      identityType: 'SystemAssigned',
      principalId: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
    });
    expect(nodeOf(r, ids.idInventory).properties).toMatchObject({
      identityType: 'UserAssigned',
      clientId: '1e2f3a4b-5c6d-4e7f-8091-a2b3c4d5e6f7',
    });
  });

  it('records the scale set template: public IP per instance, pools and NSGs', async () => {
    const r = await transform('virtual-machines.resourcegraph.json');
    expect(nodeOf(r, ids.vmss).properties).toMatchObject({
      vmSize: 'Standard_B2s',
      capacity: 3,
      osType: 'Linux',
      publicIpPerInstance: true,
      loadBalancerBackendPoolIds: [`${ids.lb}/backendaddresspools/be-web`],
      loadBalancerInboundNatPoolIds: [`${ids.lb}/inboundnatpools/vmss-ssh`],
      applicationGatewayBackendPoolIds: [],
      networkSecurityGroupIds: [id('rg-net-prod', 'microsoft.network', 'networksecuritygroups', 'nsg-vmss-web')],
    });
  });
});

describe('compute transforms: containers and AKS', () => {
  it('reads container apps, container groups and clusters into nodes and edges', async () => {
    const r = await transform('containers.resourcegraph.json', 'aci-jobs.arm.json');
    expect(nodeTuples(r)).toEqual(
      sorted([
        `${ids.subscription} Subscription`,
        `${ids.shipping} ContainerApp`,
        `${ids.worker} ContainerApp`,
        `${ids.reports} ContainerGroup`,
        `${ids.jobs} ContainerGroup`,
        `${ids.aks} KubernetesCluster`,
        `${ids.aksPrivate} KubernetesCluster`,
        `${ids.idShipping} ManagedIdentity`,
        `${system(ids.reports)} ManagedIdentity`,
        `${system(ids.aks)} ManagedIdentity`,
        `${system(ids.aksPrivate)} ManagedIdentity`,
        `${ids.kubelet} ManagedIdentity`,
      ]),
    );
    expect(edgeTuples(r)).toEqual(
      sorted([
        ...[ids.shipping, ids.worker, ids.reports, ids.jobs, ids.aks, ids.aksPrivate].map(
          (x) => `${ids.subscription} -CONTAINS-> ${x}`,
        ),
        `${ids.shipping} -CAN_AUTHENTICATE_AS-> ${ids.idShipping}`,
        `${ids.reports} -CAN_AUTHENTICATE_AS-> ${system(ids.reports)}`,
        `${ids.jobs} -ATTACHED_TO-> ${ids.snetAci}`,
        `${ids.aks} -ATTACHED_TO-> ${ids.snetAks}`,
        `${ids.aks} -CAN_AUTHENTICATE_AS-> ${system(ids.aks)}`,
        `${ids.aks} -CAN_AUTHENTICATE_AS-> ${ids.kubelet}`,
        `${ids.aksPrivate} -ATTACHED_TO-> ${ids.snetAks}`,
        `${ids.aksPrivate} -CAN_AUTHENTICATE_AS-> ${system(ids.aksPrivate)}`,
      ]),
    );
    expect(r.edges.every((e) => e.properties['subscriptionId'] === SUB)).toBe(true);
  });

  it('reads an external container app that allows plain HTTP', async () => {
    const r = await transform('containers.resourcegraph.json');
    const app = nodeOf(r, ids.shipping).properties;
    expect(app).toMatchObject({
      fqdn: 'ca-shipping-api.blackpond-1a2b3c4d.westeurope.azurecontainerapps.io',
      ingressExternal: true,
      allowInsecure: true,
      targetPort: 8080,
      ipSecurityRestrictions: [],
      managedEnvironmentId: id('rg-app-prod', 'microsoft.app', 'managedenvironments', 'cae-prod'),
    });
    expect(nodeOf(r, ids.worker).properties).toMatchObject({
      ingressExternal: false,
      allowInsecure: false,
      ipSecurityRestrictions: [
        { name: 'office', description: 'Head office', ipAddressRange: '198.51.100.0/24', action: 'Allow' },
      ],
    });
  });

  it('reads public and VNet-injected container groups', async () => {
    const r = await transform('containers.resourcegraph.json', 'aci-jobs.arm.json');
    expect(nodeOf(r, ids.reports).properties).toMatchObject({
      ipAddress: '20.50.17.2',
      ipAddressType: 'Public',
      fqdn: 'aci-reports.westeurope.azurecontainer.io',
      ports: [80, 443],
    });
    const jobs = nodeOf(r, ids.jobs).properties;
    expect(jobs).toMatchObject({
      ipAddress: '10.30.2.4',
      ipAddressType: 'Private',
      ports: [8080],
      resourceGroup: 'rg-app-prod',
    });
    expect(jobs['fqdn']).toBeUndefined();
  });

  it('reads AKS API server exposure: public with authorized ranges, or private', async () => {
    const r = await transform('containers.resourcegraph.json');
    expect(nodeOf(r, ids.aks).properties).toMatchObject({
      fqdn: 'aks-prod-a1b2c3d4.hcp.westeurope.azmk8s.io',
      privateCluster: false,
      authorizedIpRanges: ['203.0.113.0/24'],
    });
    const payments = nodeOf(r, ids.aksPrivate).properties;
    expect(payments).toMatchObject({
      privateCluster: true,
      privateFqdn: expect.stringContaining('.privatelink.westeurope.azmk8s.io'),
    });
    expect(payments['fqdn']).toBeUndefined();
    expect(payments['authorizedIpRanges']).toBeUndefined();
    expect(nodeOf(r, ids.kubelet).properties).toMatchObject({
      identityType: 'UserAssigned',
      principalId: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
    });
  });
});
