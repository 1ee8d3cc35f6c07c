/** Network rows: virtual networks (subnets embedded), public IPs and VM NICs; NSGs and app gateways have their own files. */
import type { EstateContext, SubnetRef } from './context.js';
import { subnetSlots } from './context.js';
import {
  nsgId,
  pickAppNsg,
  pickWebNsg,
  pipId,
  pipName,
  rgName,
  subnetId,
  subnetName,
  subnetNsg,
  subnetPrefix,
  vmId,
  vmName,
  vmNicId,
  vnetId,
  vnetName,
} from './naming.js';
import { appGatewayRows } from './rows-gateway.js';
import { nsgRow } from './rows-nsg.js';
import { argResource, publicIp, ref, tagsOf, type AzureRow } from './rows.js';
import { zipf } from './zipf.js';

const SUCCEEDED = 'Succeeded';

function vnetRow(ctx: EstateContext, s: number, v: number): AzureRow {
  const rng = ctx.rng('vnet', s, v);
  const subnets: AzureRow[] = [];
  for (let slot = 0; slot < subnetSlots(v); slot++) {
    const subnet: SubnetRef = { vnet: v, slot };
    const nsg = subnetNsg(ctx, s, subnet);
    const properties: AzureRow = {
      provisioningState: SUCCEEDED,
      addressPrefix: subnetPrefix(subnet),
      privateEndpointNetworkPolicies: slot === 1 ? 'Disabled' : 'Enabled',
      privateLinkServiceNetworkPolicies: 'Enabled',
      delegations: [],
    };
    if (nsg !== null) properties['networkSecurityGroup'] = ref(nsgId(ctx, s, nsg));
    if (slot >= 2 && rng.chance(0.3))
      properties['serviceEndpoints'] = [{ service: 'Microsoft.Storage', locations: [ctx.subscription(s).region] }];
    subnets.push({
      name: subnetName(slot),
      id: subnetId(ctx, s, subnet),
      type: 'Microsoft.Network/virtualNetworks/subnets',
      properties,
    });
  }
  return argResource(ctx, {
    id: vnetId(ctx, s, v),
    name: vnetName(s, v),
    type: 'microsoft.network/virtualnetworks',
    s,
    resourceGroup: rgName(ctx, 'net', v),
    tags: tagsOf(rng),
    properties: {
      provisioningState: SUCCEEDED,
      resourceGuid: rng.guid(),
      addressSpace: { addressPrefixes: [`10.${v % 256}.0.0/16`] },
      subnets,
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
    },
  });
}

/** Where a VM's NIC sits: web-facing VMs in a DMZ subnet behind web NSGs, the rest in app subnets. */
export interface VmNetwork {
  readonly subnet: SubnetRef;
  readonly nsg: number | null;
  readonly pip: number | null;
}

export function vmNetwork(ctx: EstateContext, s: number, j: number): VmNetwork {
  const rng = ctx.rng('vm-network', s, j);
  const { pipEntry, pipMgmt, vnets } = ctx.sub;
  if (j < pipEntry) return { subnet: { vnet: zipf(rng, vnets, 1.1), slot: 0 }, nsg: pickWebNsg(ctx, rng), pip: j };
  const subnet =
    ctx.appSubnets.length > 0 ? ctx.appSubnets[zipf(rng, ctx.appSubnets.length, 1.1)]! : { vnet: 0, slot: 2 };
  if (j < pipEntry + pipMgmt) return { subnet, nsg: pickAppNsg(ctx, rng), pip: j };
  return { subnet, nsg: rng.chance(0.4) ? pickAppNsg(ctx, rng) : null, pip: null };
}

function vmNicRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('vm-nic', s, j);
  const net = vmNetwork(ctx, s, j);
  const id = vmNicId(ctx, s, j);
  const ipProperties: AzureRow = {
    provisioningState: SUCCEEDED,
    privateIPAddress: `10.${net.subnet.vnet % 256}.${net.subnet.slot}.${4 + (j % 250)}`,
    privateIPAllocationMethod: 'Dynamic',
    privateIPAddressVersion: 'IPv4',
    primary: true,
    subnet: ref(subnetId(ctx, s, net.subnet)),
  };
  if (net.pip !== null) ipProperties['publicIPAddress'] = ref(pipId(ctx, s, net.pip));
  const properties: AzureRow = {
    provisioningState: SUCCEEDED,
    resourceGuid: rng.guid(),
    ipConfigurations: [
      {
        name: 'ipconfig1',
        id: `${id}/ipConfigurations/ipconfig1`,
        type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
        properties: ipProperties,
      },
    ],
    dnsSettings: { dnsServers: [], appliedDnsServers: [] },
    macAddress: rng
      .hex(12)
      .toUpperCase()
      .replace(/(..)(?=.)/g, '$1-'),
    enableAcceleratedNetworking: rng.chance(0.5),
    enableIPForwarding: false,
    primary: true,
    virtualMachine: ref(vmId(ctx, s, j)),
    nicType: 'Standard',
  };
  if (net.nsg !== null) properties['networkSecurityGroup'] = ref(nsgId(ctx, s, net.nsg));
  return argResource(ctx, {
    id,
    name: `nic-${vmName(s, j)}`,
    type: 'microsoft.network/networkinterfaces',
    s,
    resourceGroup: rgName(ctx, 'app', j),
    tags: tagsOf(rng),
    properties,
  });
}

function pipRow(ctx: EstateContext, s: number, p: number): AzureRow {
  const rng = ctx.rng('pip', s, p);
  const attached = p < ctx.sub.pipEntry + ctx.sub.pipMgmt;
  const standard = attached || rng.chance(0.6);
  const properties: AzureRow = {
    provisioningState: SUCCEEDED,
    resourceGuid: rng.guid(),
    publicIPAddressVersion: 'IPv4',
    publicIPAllocationMethod: standard ? 'Static' : 'Dynamic',
    idleTimeoutInMinutes: 4,
    ipTags: [],
  };
  // A Dynamic address that is attached to nothing has no address yet.
  if (standard) properties['ipAddress'] = publicIp(rng);
  if (attached) properties['ipConfiguration'] = ref(`${vmNicId(ctx, s, p)}/ipConfigurations/ipconfig1`);
  if (attached && rng.chance(0.3))
    properties['dnsSettings'] = {
      domainNameLabel: pipName(s, p),
      fqdn: `${pipName(s, p)}.${ctx.subscription(s).region}.cloudapp.azure.com`,
    };
  return argResource(ctx, {
    id: pipId(ctx, s, p),
    name: pipName(s, p),
    type: 'microsoft.network/publicipaddresses',
    s,
    resourceGroup: rgName(ctx, 'net', p),
    tags: tagsOf(rng),
    sku: standard ? { name: 'Standard', tier: 'Regional' } : { name: 'Basic', tier: 'Regional' },
    zones: standard ? ['1', '2', '3'] : [],
    properties,
  });
}

/** Network rows of one subscription. */
export function* networkRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  const plan = ctx.sub;
  for (let v = 0; v < plan.vnets; v++) yield vnetRow(ctx, s, v);
  for (let n = 0; n < plan.nsgWeb + plan.nsgApp; n++) yield nsgRow(ctx, s, n);
  for (let p = 0; p < plan.pipEntry + plan.pipMgmt + plan.pipFree; p++) yield pipRow(ctx, s, p);
  for (let j = 0; j < plan.vms; j++) yield vmNicRow(ctx, s, j);
  for (let a = 0; a < plan.appGateways; a++) yield* appGatewayRows(ctx, s, a);
}

export function networkRowCount(ctx: EstateContext): number {
  const p = ctx.sub;
  return p.vnets + p.nsgWeb + p.nsgApp + p.pipEntry + p.pipMgmt + p.pipFree + p.vms + 2 * p.appGateways;
}
