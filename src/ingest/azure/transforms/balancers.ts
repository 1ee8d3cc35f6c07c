import type { JsonValue } from '../../../model/index.js';
import type { ArmRow } from '../arm-row.js';
import { lastSegment } from '../../../model/arm-ids.js';
import { resourceNode, type NodeRef, type TransformOutput, type TransformTable } from '../transform.js';
import { at, bool, obj, objects, num, str, strs } from '../../../util/json.js';
import { compact, jsonList, refId, refIds, scope, unique } from './refs.js';

const LOAD_BALANCERS = 'microsoft.network/loadbalancers';
const APPLICATION_GATEWAYS = 'microsoft.network/applicationgateways';

/**
 * Load balancers and application gateways: what they listen on and where they forward. Forwarding becomes
 * ROUTES_TO edges in the derive stage; here it is recorded on the node (rules, pools, listeners).
 */

interface Frontend {
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly privateIpAddress: string | undefined;
  readonly publicIpAddressId: string | undefined;
  readonly subnetId: string | undefined;
}

/** `frontendIPConfigurations[]` has the same shape on both: a public IP reference or a private IP in a subnet. */
function readFrontends(p: Record<string, unknown>): Frontend[] {
  return objects(p['frontendIPConfigurations']).map((f) => ({
    id: refId(f),
    name: str(f['name']),
    privateIpAddress: str(at(f, 'properties', 'privateIPAddress')),
    publicIpAddressId: refId(at(f, 'properties', 'publicIPAddress')),
    subnetId: refId(at(f, 'properties', 'subnet')),
  }));
}

const frontendJson = (f: Frontend) => compact({ ...f });
const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined);

/** The frontend's public IPs are attached to the balancer; the public IP rows say the same from their side. */
function attachPublicIps(row: ArmRow, out: TransformOutput, owner: NodeRef, frontends: readonly Frontend[]): void {
  for (const ipId of unique(frontends.map((f) => f.publicIpAddressId))) {
    out.edge('ATTACHED_TO', { id: ipId, kind: 'PublicIpAddress' }, owner, scope(row));
  }
}

/**
 * Rules and pools stay as ARM returns them (`{ name, id, properties: { protocol, frontendPort, backendPort,
 * frontendIPConfiguration, backendAddressPool | backendIPConfiguration, … } }`), like NSG rules: the reachability
 * stage maps frontend ports to backend members from them. NAT pools are the scale-set form of NAT rules.
 */
function armList(p: Record<string, unknown>, ...keys: string[]): JsonValue[] {
  return keys.flatMap((key) => jsonList(p[key]) ?? []);
}

/**
 * Pool members are NIC ipConfigurations (…/networkinterfaces/<nic>/ipconfigurations/<cfg>), named directly or by an
 * address entry's networkInterfaceIPConfiguration.
 */
function backendIpConfigurationIds(p: Record<string, unknown>): string[] {
  return unique(
    objects(p['backendAddressPools']).flatMap((pool) => [
      ...refIds(at(pool, 'properties', 'backendIPConfigurations')),
      ...objects(at(pool, 'properties', 'loadBalancerBackendAddresses')).map((a) =>
        refId(at(a, 'properties', 'networkInterfaceIPConfiguration')),
      ),
    ]),
  );
}

function transformLoadBalancer(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const frontends = readFrontends(p);
  const balancer = resourceNode(row, out, 'LoadBalancer', {
    skuName: str(row.sku?.['name']),
    frontendIpAddresses: unique(frontends.map((f) => f.privateIpAddress)),
    frontendPublicIpAddressIds: unique(frontends.map((f) => f.publicIpAddressId)),
    frontendIpConfigurations: frontends.map(frontendJson),
    rules: armList(p, 'loadBalancingRules', 'inboundNatRules', 'inboundNatPools'),
    backendPools: armList(p, 'backendAddressPools'),
    backendIpConfigurationIds: backendIpConfigurationIds(p),
  });
  attachPublicIps(row, out, balancer, frontends);
}

/** Listeners with their protocol, port and host names; `public` says whether the listener's frontend has a public IP. */
function readListeners(p: Record<string, unknown>, frontends: readonly Frontend[]): JsonValue[] {
  const ports = new Map(
    objects(p['frontendPorts']).map((fp) => [refId(fp), num(at(fp, 'properties', 'port'))]),
  );
  return objects(p['httpListeners']).map((l) => {
    const lp = obj(l['properties']) ?? {};
    const frontendId = refId(lp['frontendIPConfiguration']);
    const frontend = frontends.find((f) => f.id !== undefined && f.id === frontendId);
    const hostNames = unique([str(lp['hostName']), ...(strs(lp['hostNames']) ?? [])].map((h) => h?.toLowerCase()));
    return compact({
      name: str(l['name']),
      protocol: str(lp['protocol']),
      port: ports.get(refId(lp['frontendPort'])),
      hostNames: nonEmpty(hostNames),
      frontendIpConfigurationId: frontendId,
      public: frontend ? frontend.publicIpAddressId !== undefined : undefined,
    });
  });
}

/** Routing rules name their listener, pool and settings by id; the names are enough to follow them on the node. */
function readRoutingRules(p: Record<string, unknown>): JsonValue[] {
  const nameOf = (v: unknown) => {
    const id = refId(v);
    return id ? lastSegment(id) : undefined;
  };
  return objects(p['requestRoutingRules']).map((r) => {
    const rp = obj(r['properties']) ?? {};
    return compact({
      name: str(r['name']),
      ruleType: str(rp['ruleType']),
      priority: num(rp['priority']),
      listener: nameOf(rp['httpListener']),
      backendPool: nameOf(rp['backendAddressPool']),
      backendSettings: nameOf(rp['backendHttpSettings']),
      urlPathMap: nameOf(rp['urlPathMap']),
      redirectConfiguration: nameOf(rp['redirectConfiguration']),
    });
  });
}

function readBackendPools(p: Record<string, unknown>) {
  return objects(p['backendAddressPools']).map((b) => ({
    name: str(b['name']),
    addresses: unique(
      objects(at(b, 'properties', 'backendAddresses')).map((a) => str(a['fqdn'])?.toLowerCase() ?? str(a['ipAddress'])),
    ),
    backendIpConfigurationIds: refIds(at(b, 'properties', 'backendIPConfigurations')),
  }));
}

function transformApplicationGateway(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const frontends = readFrontends(p);
  const pools = readBackendPools(p);
  const waf = obj(p['webApplicationFirewallConfiguration']);
  const firewallPolicyId = refId(p['firewallPolicy']);
  const gateway = resourceNode(row, out, 'ApplicationGateway', {
    // The gateway keeps its SKU inside `properties`, unlike most resources.
    skuName: str(at(p, 'sku', 'name')) ?? str(row.sku?.['name']),
    subnetId: refId(at(objects(p['gatewayIPConfigurations'])[0], 'properties', 'subnet')),
    frontendIpAddresses: unique(frontends.map((f) => f.privateIpAddress)),
    frontendPublicIpAddressIds: unique(frontends.map((f) => f.publicIpAddressId)),
    listeners: readListeners(p, frontends),
    backendAddresses: unique(pools.flatMap((pool) => pool.addresses)),
    backendPools: pools.map((pool) =>
      compact({
        ...pool,
        addresses: nonEmpty(pool.addresses),
        backendIpConfigurationIds: nonEmpty(pool.backendIpConfigurationIds),
      }),
    ),
    backendSettings: objects(p['backendHttpSettingsCollection']).map((s) =>
      compact({
        name: str(s['name']),
        port: num(at(s, 'properties', 'port')),
        protocol: str(at(s, 'properties', 'protocol')),
        hostName: str(at(s, 'properties', 'hostName'))?.toLowerCase(),
        pickHostNameFromBackendAddress: bool(at(s, 'properties', 'pickHostNameFromBackendAddress')),
      }),
    ),
    routingRules: readRoutingRules(p),
    // WAF is either inline configuration or an associated WAF policy (v2); a linked policy counts as WAF on.
    wafEnabled: bool(waf?.['enabled']) ?? (firewallPolicyId ? true : undefined),
    wafMode: str(waf?.['firewallMode']),
    firewallPolicyId,
  });
  attachPublicIps(row, out, gateway, frontends);
}

export const BALANCER_TRANSFORMS: TransformTable = {
  [LOAD_BALANCERS]: transformLoadBalancer,
  [APPLICATION_GATEWAYS]: transformApplicationGateway,
};
