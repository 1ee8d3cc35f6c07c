import type { ArmRow } from '../arm-row.js';
import { lastSegment, normalizeId, resourceGroupOf, subscriptionOf } from '../../../model/arm-ids.js';
import { identities, resourceNode, type NodeRef, type TransformOutput, type TransformTable } from '../transform.js';
import { at, bool, isObject, num, obj, objects, str, strs } from '../../../util/json.js';
import { jsonList, refId, refIds, scope, unique } from './refs.js';

const VIRTUAL_MACHINES = 'microsoft.compute/virtualmachines';
const SCALE_SETS = 'microsoft.compute/virtualmachinescalesets';
const CONTAINER_APPS = 'microsoft.app/containerapps';
const CONTAINER_APPS_ENVIRONMENTS = 'microsoft.app/managedenvironments';
const CONTAINER_GROUPS = 'microsoft.containerinstance/containergroups';
const MANAGED_CLUSTERS = 'microsoft.containerservice/managedclusters';

const subnetRef = (id: string): NodeRef => ({ id, kind: 'Subnet' });

/**
 * Power state of a VM: Resource Graph puts it in `extended.instanceView.powerState.code`, an ARM GET with
 * `$expand=instanceView` in `instanceView.statuses[]`; both use codes like `PowerState/running`.
 */
function powerStateOf(p: Record<string, unknown>): string | undefined {
  const code =
    str(at(p, 'extended', 'instanceView', 'powerState', 'code')) ??
    objects(at(p, 'instanceView', 'statuses'))
      .map((s) => str(s['code']))
      .find((c) => c?.toLowerCase().startsWith('powerstate/'));
  return code ? code.replace(/^powerstate\//i, '') : undefined;
}

function transformVirtualMachine(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const vm = resourceNode(row, out, 'VirtualMachine', {
    vmSize: str(at(p, 'hardwareProfile', 'vmSize')),
    osType: str(at(p, 'storageProfile', 'osDisk', 'osType')),
    powerState: powerStateOf(p),
  });
  // The VM lists its NICs; the NIC rows list the VM too, and the collector keeps one edge per pair.
  for (const nicId of refIds(at(p, 'networkProfile', 'networkInterfaces'))) {
    out.edge('ATTACHED_TO', { id: nicId, kind: 'NetworkInterface' }, vm, scope(row));
  }
  identities(row, out, vm);
}

/**
 * A scale set's instances get NICs from `virtualMachineProfile.networkProfile.networkInterfaceConfigurations`; the
 * instance NICs themselves are not `resources` rows, so the template's subnets, public IP configuration and pool
 * memberships stand in for them.
 */
function transformScaleSet(row: ArmRow, out: TransformOutput): void {
  const profile = at(row.properties, 'virtualMachineProfile');
  const nicConfigs = objects(at(profile, 'networkProfile', 'networkInterfaceConfigurations'));
  const ipConfigs = nicConfigs.flatMap((n) => objects(at(n, 'properties', 'ipConfigurations')));
  const pools = (name: string) => unique(ipConfigs.flatMap((c) => refIds(at(c, 'properties', name))));
  const scaleSet = resourceNode(row, out, 'VirtualMachineScaleSet', {
    vmSize: str(row.sku?.['name']),
    capacity: num(row.sku?.['capacity']),
    osType: str(at(profile, 'storageProfile', 'osDisk', 'osType')),
    // Each instance gets its own public IP when an ipConfiguration carries a publicIPAddressConfiguration.
    publicIpPerInstance:
      ipConfigs.length === 0
        ? undefined
        : ipConfigs.some((c) => isObject(at(c, 'properties', 'publicIPAddressConfiguration'))),
    loadBalancerBackendPoolIds: pools('loadBalancerBackendAddressPools'),
    loadBalancerInboundNatPoolIds: pools('loadBalancerInboundNatPools'),
    applicationGatewayBackendPoolIds: pools('applicationGatewayBackendAddressPools'),
    networkSecurityGroupIds: unique(nicConfigs.map((n) => refId(at(n, 'properties', 'networkSecurityGroup')))),
  });
  for (const subnetId of unique(ipConfigs.map((c) => refId(at(c, 'properties', 'subnet'))))) {
    out.edge('ATTACHED_TO', scaleSet, subnetRef(subnetId), scope(row));
  }
  identities(row, out, scaleSet);
}

function transformContainerApp(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  // No ingress block: the app takes no HTTP traffic at all, so every ingress property stays absent.
  const ingress = obj(at(p, 'configuration', 'ingress'));
  const app = resourceNode(row, out, 'ContainerApp', {
    fqdn: str(ingress?.['fqdn'])?.toLowerCase(),
    ingressExternal: bool(ingress?.['external']),
    allowInsecure: bool(ingress?.['allowInsecure']),
    targetPort: num(ingress?.['targetPort']),
    ipSecurityRestrictions: jsonList(ingress?.['ipSecurityRestrictions']),
    managedEnvironmentId: (str(p['managedEnvironmentId']) ?? str(p['environmentId']))?.toLowerCase(),
  });
  identities(row, out, app);
}

/**
 * An internal environment (`vnetConfiguration.internal`) has only an internal load balancer and no public IP, so
 * even an app whose ingress is external is reachable from the environment's VNet only. A missing
 * `vnetConfiguration` (Resource Graph writes null) is the default, external environment.
 */
function transformContainerAppsEnvironment(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const vnet = obj(p['vnetConfiguration']);
  const subnet = str(vnet?.['infrastructureSubnetId']);
  resourceNode(row, out, 'ContainerAppsEnvironment', {
    internal: bool(vnet?.['internal']) ?? false,
    infrastructureSubnetId: subnet ? normalizeId(subnet) : undefined,
    staticIp: str(p['staticIp']),
    defaultDomain: str(p['defaultDomain'])?.toLowerCase(),
    publicNetworkAccess: str(p['publicNetworkAccess']),
  });
}

function transformContainerGroup(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const ip = obj(p['ipAddress']);
  const group = resourceNode(row, out, 'ContainerGroup', {
    fqdn: str(ip?.['fqdn'])?.toLowerCase(),
    ipAddress: str(ip?.['ip']),
    ipAddressType: str(ip?.['type']),
    ports: ip ? unique(objects(ip['ports']).map((port) => num(port['port']))) : undefined,
  });
  // VNet-deployed groups list their subnets as `subnetIds: [{ id }]`.
  for (const subnetId of refIds(p['subnetIds'])) out.edge('ATTACHED_TO', group, subnetRef(subnetId), scope(row));
  identities(row, out, group);
}

/**
 * The kubelet identity is the user-assigned identity of the cluster's nodes: any pod that reaches the node's
 * instance metadata endpoint can obtain its tokens, so the cluster can authenticate as it.
 */
function kubeletIdentity(row: ArmRow, out: TransformOutput, cluster: NodeRef): void {
  const kubelet = obj(at(row.properties, 'identityProfile', 'kubeletidentity'));
  const resourceId = str(kubelet?.['resourceId']);
  if (!kubelet || !resourceId) return;
  const id = normalizeId(resourceId);
  const identity = out.node('ManagedIdentity', id, {
    subscriptionId: subscriptionOf(id),
    resourceGroup: resourceGroupOf(id),
    name: lastSegment(id),
    identityType: 'UserAssigned',
    principalId: str(kubelet['objectId'])?.toLowerCase(),
    clientId: str(kubelet['clientId']),
    azureType: 'microsoft.managedidentity/userassignedidentities',
  });
  out.edge('CAN_AUTHENTICATE_AS', cluster, identity, scope(row));
}

function transformManagedCluster(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const access = obj(p['apiServerAccessProfile']);
  const cluster = resourceNode(row, out, 'KubernetesCluster', {
    fqdn: str(p['fqdn'])?.toLowerCase(),
    privateFqdn: str(p['privateFQDN'])?.toLowerCase(),
    // AKS API servers are public unless the cluster was created private.
    privateCluster: bool(access?.['enablePrivateCluster']) ?? false,
    authorizedIpRanges: strs(access?.['authorizedIPRanges']),
  });
  const subnets = unique(objects(p['agentPoolProfiles']).map((pool) => str(pool['vnetSubnetID'])));
  for (const subnetId of unique(subnets.map(normalizeId)))
    out.edge('ATTACHED_TO', cluster, subnetRef(subnetId), scope(row));
  identities(row, out, cluster);
  kubeletIdentity(row, out, cluster);
}

export const COMPUTE_TRANSFORMS: TransformTable = {
  [VIRTUAL_MACHINES]: transformVirtualMachine,
  [SCALE_SETS]: transformScaleSet,
  [CONTAINER_APPS]: transformContainerApp,
  [CONTAINER_APPS_ENVIRONMENTS]: transformContainerAppsEnvironment,
  [CONTAINER_GROUPS]: transformContainerGroup,
  [MANAGED_CLUSTERS]: transformManagedCluster,
};
