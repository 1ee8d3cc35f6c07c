import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { ancestorId, lastSegment, normalizeId, parentId } from '../../../model/arm-ids.js';
import { resourceNode, type NodeRef, type TransformOutput, type TransformTable } from '../transform.js';
import { at, bool, obj, objects, str, strs } from '../../../util/json.js';
import { BALANCER_TRANSFORMS } from './balancers.js';
import { FRONT_DOOR_TRANSFORMS } from './frontdoor.js';
import { PRIVATE_ENDPOINT_TRANSFORMS } from './private-endpoint.js';
import { compact, embeddedProperties, jsonList, refId, refIds, scope, unique } from './refs.js';

const PUBLIC_IPS = 'microsoft.network/publicipaddresses';
const NICS = 'microsoft.network/networkinterfaces';
const NSGS = 'microsoft.network/networksecuritygroups';
const VNETS = 'microsoft.network/virtualnetworks';

const nsgRef = (id: string): NodeRef => ({ id, kind: 'NetworkSecurityGroup' });
const subnetRef = (id: string): NodeRef => ({ id, kind: 'Subnet' });

/**
 * What a public IP's `ipConfiguration.id` points into, outermost owner first: a scale set instance NIC
 * (`…/virtualmachinescalesets/<ss>/virtualmachines/<n>/networkinterfaces/…`) belongs to its scale set; otherwise the
 * NIC, load balancer or application gateway whose child ipConfiguration / frontendIPConfiguration it is.
 */
const PUBLIC_IP_OWNERS: readonly (readonly [string, NodeRef['kind']])[] = [
  ['virtualmachinescalesets', 'VirtualMachineScaleSet'],
  ['networkinterfaces', 'NetworkInterface'],
  ['loadbalancers', 'LoadBalancer'],
  ['applicationgateways', 'ApplicationGateway'],
];

export function publicIpOwner(ipConfigurationId: string): NodeRef | undefined {
  for (const [segment, kind] of PUBLIC_IP_OWNERS) {
    const id = ancestorId(ipConfigurationId, segment);
    if (id) return { id, kind };
  }
  // Bastion hosts, firewalls, VPN gateways, …: kept in `ipConfigurationId`, no node kind to attach to.
  return undefined;
}

function transformPublicIp(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const ipConfigurationId = refId(p['ipConfiguration']);
  const ip = resourceNode(row, out, 'PublicIpAddress', {
    ipAddress: str(p['ipAddress']),
    fqdn: str(at(p, 'dnsSettings', 'fqdn'))?.toLowerCase(),
    skuName: str(row.sku?.['name']),
    allocationMethod: str(p['publicIPAllocationMethod']),
    ipConfigurationId,
  });
  const owner = ipConfigurationId ? publicIpOwner(ipConfigurationId) : undefined;
  if (owner) out.edge('ATTACHED_TO', ip, owner, scope(row));
}

interface NicIpConfiguration {
  readonly subnetId: string | undefined;
  readonly publicIpAddressId: string | undefined;
  readonly privateIpAddress: string | undefined;
  readonly json: ReturnType<typeof compact>;
}

function readNicIpConfiguration(row: ArmRow, config: Record<string, unknown>): NicIpConfiguration {
  const cp = obj(config['properties']) ?? {};
  const name = str(config['name']);
  const subnetId = refId(cp['subnet']);
  const publicIpAddressId = refId(cp['publicIPAddress']);
  const privateIpAddress = str(cp['privateIPAddress']);
  const list = (key: string) => {
    const ids = refIds(cp[key]);
    return ids.length > 0 ? ids : undefined;
  };
  const json = compact({
    // Load balancer backend pools name NIC ipConfigurations by id: keep it so pools can be joined to NICs.
    id: refId(config) ?? (name ? `${row.id}/ipconfigurations/${name.toLowerCase()}` : undefined),
    name,
    primary: bool(cp['primary']),
    privateIpAddress,
    subnetId,
    publicIpAddressId,
    applicationSecurityGroupIds: list('applicationSecurityGroups'),
    loadBalancerBackendAddressPoolIds: list('loadBalancerBackendAddressPools'),
    loadBalancerInboundNatRuleIds: list('loadBalancerInboundNatRules'),
    applicationGatewayBackendAddressPoolIds: list('applicationGatewayBackendAddressPools'),
  });
  return { subnetId, publicIpAddressId, privateIpAddress, json };
}

function transformNetworkInterface(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const configs = objects(p['ipConfigurations']).map((c) => readNicIpConfiguration(row, c));
  const nsgId = refId(p['networkSecurityGroup']);
  const vmId = refId(p['virtualMachine']);
  const nic = resourceNode(row, out, 'NetworkInterface', {
    privateIpAddresses: unique(configs.map((c) => c.privateIpAddress)),
    virtualMachineId: vmId,
    networkSecurityGroupId: nsgId,
    privateEndpointId: refId(p['privateEndpoint']),
    enableIpForwarding: bool(p['enableIPForwarding']),
    ipConfigurations: configs.map((c) => c.json),
  });
  for (const subnetId of unique(configs.map((c) => c.subnetId)))
    out.edge('ATTACHED_TO', nic, subnetRef(subnetId), scope(row));
  for (const ipId of unique(configs.map((c) => c.publicIpAddressId))) {
    out.edge('ATTACHED_TO', { id: ipId, kind: 'PublicIpAddress' }, nic, scope(row));
  }
  if (nsgId) out.edge('ATTACHED_TO', nsgRef(nsgId), nic, scope(row));
  if (vmId) out.edge('ATTACHED_TO', nic, { id: vmId, kind: 'VirtualMachine' }, scope(row));
}

function transformNetworkSecurityGroup(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  // Rules stay exactly as ARM returns them (`{ name, properties: { priority, direction, access, … } }`): the
  // reachability stage evaluates them (lowest priority number first, subnet and NIC NSGs must both allow).
  const nsg = resourceNode(row, out, 'NetworkSecurityGroup', {
    securityRules: jsonList(p['securityRules']),
    defaultSecurityRules: jsonList(p['defaultSecurityRules']),
  });
  // NICs are linked from the NIC rows; subnets both from the VNet rows and from this back-pointer, so an NSG whose
  // VNet sits in another export still reaches its subnets.
  for (const subnetId of refIds(p['subnets'])) out.edge('ATTACHED_TO', nsg, subnetRef(subnetId), scope(row));
}

/** Subnets are embedded in their VNet row (Resource Graph has no subnet rows): one Subnet node each. */
function transformSubnet(row: ArmRow, out: TransformOutput, vnet: NodeRef, subnet: Record<string, unknown>): void {
  const name = str(subnet['name']);
  const givenId = refId(subnet);
  if (!givenId && !name) {
    throw new InputError({ file: row.file, index: row.index }, `a subnet of ${row.id} has neither "id" nor "name"`);
  }
  const id = givenId ?? normalizeId(`${row.id}/subnets/${name}`);
  const sp = obj(subnet['properties']) ?? {};
  const prefixes = unique([str(sp['addressPrefix']), ...(strs(sp['addressPrefixes']) ?? [])]);
  const nsgId = refId(sp['networkSecurityGroup']);
  const delegations = unique(objects(sp['delegations']).map((d) => str(at(d, 'properties', 'serviceName'))));
  const node = out.node('Subnet', id, {
    ...embeddedProperties(row, name ?? lastSegment(id), `${VNETS}/subnets`),
    addressPrefix: prefixes[0],
    addressPrefixes: prefixes,
    networkSecurityGroupId: nsgId,
    routeTableId: refId(sp['routeTable']),
    delegations,
  });
  out.edge('CONTAINS', vnet, node, scope(row));
  if (nsgId) out.edge('ATTACHED_TO', nsgRef(nsgId), node, scope(row));
}

/**
 * A subnet row of its own (`az network vnet subnet list`, `GET …/subnets/<name>`): the same fields as the embedded
 * form, under the VNet its id names. Without that VNet in the estate the CONTAINS edge is skipped at load.
 */
function transformSubnetRow(row: ArmRow, out: TransformOutput): void {
  const vnet: NodeRef = { id: parentId(row.id), kind: 'VirtualNetwork' };
  transformSubnet(row, out, vnet, { id: row.id, name: row.name, properties: row.properties });
}

function transformVirtualNetwork(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const vnet = resourceNode(row, out, 'VirtualNetwork', {
    addressPrefixes: strs(at(p, 'addressSpace', 'addressPrefixes')),
  });
  for (const subnet of objects(p['subnets'])) transformSubnet(row, out, vnet, subnet);
}

export const NETWORK_TRANSFORMS: TransformTable = {
  [PUBLIC_IPS]: transformPublicIp,
  [NICS]: transformNetworkInterface,
  [NSGS]: transformNetworkSecurityGroup,
  [VNETS]: transformVirtualNetwork,
  [`${VNETS}/subnets`]: transformSubnetRow,
  ...PRIVATE_ENDPOINT_TRANSFORMS,
  ...BALANCER_TRANSFORMS,
  ...FRONT_DOOR_TRANSFORMS,
};
