/**
 * Public endpoints of the platform compute and gateways (azure-data.md §2.1, §6.1, §5.9): the AKS API server, the
 * API Management gateway and container groups (ACI).
 */
import { bool, num, str, strs } from '../../util/json.js';
import { allowEntry, allowListVerdict, disabledGate, verdict, type Properties } from './paas-common.js';
import type { ServiceExposure } from './types.js';

/**
 * A stored AKS cluster (model: KubernetesCluster, from `apiServerAccessProfile`). A private cluster's API server has
 * a private IP only; otherwise `authorizedIPRanges` is an allow-list, and no list means open to the internet.
 */
export function aksApiServerExposure(props: Properties): ServiceExposure {
  const closed = disabledGate(props, 'API server');
  if (closed) return closed;
  if (bool(props['privateCluster']) === true) {
    return verdict('none', [
      'apiServerAccessProfile.enablePrivateCluster is true: the API server has a private IP only',
    ]);
  }
  const fqdn = str(props['fqdn']);
  const evidence = [`public API server${fqdn ? ` ${fqdn}` : ''}`];
  const ranges = strs(props['authorizedIpRanges']) ?? [];
  if (ranges.length === 0) {
    evidence.push('no authorizedIPRanges: every address reaches the API server');
    return verdict('any', evidence);
  }
  return allowListVerdict(ranges.map(allowEntry), evidence, 'authorizedIPRanges');
}

/**
 * A stored API Management service (model: ApiGateway). `virtualNetworkType` None (or absent) and External keep the gateway
 * on a public IP; Internal puts it on a private IP only (an Application Gateway may still publish it: a separate
 * chain). `publicNetworkAccess: Disabled` leaves private endpoints only.
 */
export function apimGatewayExposure(props: Properties): ServiceExposure {
  const closed = disabledGate(props, 'API Management gateway');
  if (closed) return closed;
  const vnetType = str(props['virtualNetworkType']) ?? 'None';
  if (vnetType.toLowerCase() === 'internal') {
    return verdict('none', ['virtualNetworkType is Internal: the gateway listens on a private IP only']);
  }
  const evidence = [`virtualNetworkType is ${vnetType}: the gateway has a public endpoint`];
  const url = str(props['gatewayUrl']);
  if (url) evidence.push(`gateway ${url}`);
  const ips = strs(props['publicIpAddresses']) ?? [];
  if (ips.length > 0) evidence.push(`public IP(s) ${ips.join(', ')}`);
  return verdict('any', evidence);
}

/**
 * A stored container group (model: ContainerGroup, from `ipAddress`): type Public publishes its ports on a public IP
 * with no firewall in front; Private places the group in a subnet. Ports are TCP (the stored list keeps the numbers).
 */
export function containerGroupExposure(props: Properties): ServiceExposure {
  const type = str(props['ipAddressType']) ?? 'Private';
  if (type.toLowerCase() !== 'public')
    return verdict('none', [`ipAddress.type is ${type}: reachable from its subnet only`]);
  const ports = Array.isArray(props['ports']) ? props['ports'].map(num).filter((p): p is number => p !== undefined) : [];
  const address = str(props['ipAddress']) ?? str(props['fqdn']) ?? '(address not allocated)';
  const evidence = [
    `ipAddress.type is Public: ${address}`,
    ports.length > 0
      ? `published ports ${ports.map((p) => `TCP ${p}`).join(', ')}, with no firewall in front`
      : 'no ports published',
  ];
  if (ports.length === 0) return verdict('none', evidence);
  return { ...verdict('any', evidence), ports: [...new Set(ports.map(String))] };
}
