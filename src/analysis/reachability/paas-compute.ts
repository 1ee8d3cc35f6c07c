/**
 * Public endpoints of the platform compute and gateways (azure-data.md §2.1, §6.1, §5.9): the AKS API server, the
 * API Management gateway and container groups (ACI).
 */
import { at, bool, num, obj, objects, str, strs } from '../../util/json.js';
import { allowEntry, allowListVerdict, disabledGate, verdict, type Properties } from './paas-common.js';
import type { ServiceExposure } from './types.js';

/**
 * `microsoft.containerservice/managedclusters` properties. A private cluster's API server has a private IP only;
 * otherwise `apiServerAccessProfile.authorizedIPRanges` is an allow-list, and no list means open to the internet.
 */
export function aksApiServerExposure(props: Properties): ServiceExposure {
  const closed = disabledGate(props, 'API server');
  if (closed) return closed;
  const profile = obj(props['apiServerAccessProfile']);
  if (bool(profile?.['enablePrivateCluster']) === true) {
    return verdict('none', [
      'apiServerAccessProfile.enablePrivateCluster is true: the API server has a private IP only',
    ]);
  }
  const fqdn = str(props['fqdn']);
  const evidence = [`public API server${fqdn ? ` ${fqdn}` : ''}`];
  const ranges = strs(profile?.['authorizedIPRanges']) ?? [];
  if (ranges.length === 0) {
    evidence.push('no authorizedIPRanges: every address reaches the API server');
    return verdict('any', evidence);
  }
  return allowListVerdict(ranges.map(allowEntry), evidence, 'authorizedIPRanges');
}

/**
 * `microsoft.apimanagement/service` properties. `virtualNetworkType` None (or absent) and External keep the gateway
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
  const ips = strs(props['publicIPAddresses']) ?? [];
  if (ips.length > 0) evidence.push(`public IP(s) ${ips.join(', ')}`);
  return verdict('any', evidence);
}

/**
 * `microsoft.containerinstance/containergroups` properties: `ipAddress.type: Public` publishes `ipAddress.ports` on
 * a public IP with no firewall in front; `Private` places the group in a subnet.
 */
export function containerGroupExposure(props: Properties): ServiceExposure {
  const ip = obj(props['ipAddress']);
  if (!ip) return verdict('none', ['no ipAddress: the group publishes no port']);
  const type = str(ip['type']) ?? 'Private';
  if (type.toLowerCase() !== 'public')
    return verdict('none', [`ipAddress.type is ${type}: reachable from its subnet only`]);
  const ports = objects(ip['ports'])
    .map((p) => ({ port: num(p['port']), protocol: (str(p['protocol']) ?? 'TCP').toUpperCase() }))
    .filter((p): p is { port: number; protocol: string } => p.port !== undefined);
  const address = str(ip['ip']) ?? str(ip['fqdn']) ?? str(at(ip, 'dnsNameLabel')) ?? '(address not allocated)';
  const evidence = [
    `ipAddress.type is Public: ${address}`,
    ports.length > 0
      ? `published ports ${ports.map((p) => `${p.protocol} ${p.port}`).join(', ')}, with no firewall in front`
      : 'no ports published',
  ];
  if (ports.length === 0) return verdict('none', evidence);
  return { ...verdict('any', evidence), ports: [...new Set(ports.map((p) => String(p.port)))] };
}
