/**
 * Internet exposure through a public load-balancer frontend (azure-data.md §5.7, §5.9 step 3): a load-balancing rule
 * maps a frontend port to a backend port on every member of its backend pool; an inbound NAT rule maps a frontend
 * port to one NIC ipconfig (or, in the pool-based form, a frontend port range over the pool). The backend's NSGs still
 * apply to the backend port, with the client's own address as the source: subnet and NIC NSG must both allow, and a
 * Standard load balancer, like a Standard public IP, is closed unless an NSG allows the traffic.
 */
import { at, num, objects, str } from '../../util/json.js';
import { describeRun, evaluateLevels, hasNoNsg, runAt, type NsgLevels } from './nsg-levels.js';
import type { NsgTarget } from './nsg.js';
import { formatPortRange } from './ports.js';
import { widerScope, type Protocol, type Scope } from './types.js';
import { describePublicIp, isStandardSku, type PublicIpInfo } from './vm-exposure.js';

/** A `microsoft.network/loadbalancers` resource; only `name`, `sku.name` and the backend pools are read here. */
export interface ArmLoadBalancer {
  readonly [other: string]: unknown;
  readonly name?: string | null;
  readonly id?: string | null;
  readonly sku?: { readonly name?: string | null; readonly [other: string]: unknown } | null;
  readonly properties?: Readonly<Record<string, unknown>> | null;
}

/** An entry of `loadBalancingRules[]` or `inboundNatRules[]`, as ARM returns it. */
export interface ArmLoadBalancerRule {
  readonly [other: string]: unknown;
  readonly name?: string | null;
  readonly id?: string | null;
  readonly type?: string | null;
  readonly properties?: Readonly<Record<string, unknown>> | null;
}

export interface PublicFrontend {
  /** The frontend IP configuration id the rules point at. */
  readonly id: string;
  readonly publicIp: PublicIpInfo;
}

/** The NSGs in front of one backend NIC ipconfig. */
export interface BackendNic extends NsgLevels {
  readonly target?: NsgTarget;
}

export interface LoadBalancerPath {
  readonly rule: string;
  readonly ruleKind: 'load-balancing rule' | 'inbound NAT rule';
  /** The backend NIC ipconfig id (lower case), or the IP of an IP-based pool member. */
  readonly backend: string;
  readonly protocol: Protocol;
  readonly frontendPort: string;
  readonly backendPort: string;
  readonly scope: Scope;
  readonly sources?: string[];
  readonly evidence: string[];
}

export interface LoadBalancerExposure {
  readonly exposed: boolean;
  readonly scope: Scope;
  /** Frontend → backend mappings the internet gets through. */
  readonly reachable: LoadBalancerPath[];
  /** Mappings the backend's NSGs (or the Standard SKU's default) stop. */
  readonly blocked: LoadBalancerPath[];
  /** Backends whose NSGs were not supplied in `backendNsgs`, so their mappings were not evaluated. */
  readonly unevaluated: string[];
  readonly evidence: string[];
}

/** The rules of a load balancer as the fourth argument expects them: load-balancing rules, then inbound NAT rules. */
export function loadBalancerRules(lb: ArmLoadBalancer): ArmLoadBalancerRule[] {
  const props = lb.properties ?? {};
  return [...objects(props['loadBalancingRules']), ...objects(props['inboundNatRules'])];
}

const lower = (v: unknown): string | null => str(v)?.toLowerCase() ?? null;

/** Pool id → member keys: NIC ipconfig ids from `backendIPConfigurations`, or addresses of IP-based members. */
function poolMembers(lb: ArmLoadBalancer): Map<string, string[]> {
  const pools = new Map<string, string[]>();
  for (const pool of objects(lb.properties?.['backendAddressPools'])) {
    const id = lower(pool['id']);
    if (!id) continue;
    const byNic = objects(at(pool, 'properties', 'backendIPConfigurations')).map((c) => lower(c['id']));
    const byAddress = objects(at(pool, 'properties', 'loadBalancerBackendAddresses')).map(
      (a) =>
        lower(at(a, 'properties', 'networkInterfaceIPConfiguration', 'id')) ?? lower(at(a, 'properties', 'ipAddress')),
    );
    pools.set(id, [...new Set([...byNic, ...byAddress].filter((m): m is string => m !== null))]);
  }
  return pools;
}

interface Mapping {
  readonly rule: string;
  readonly ruleKind: LoadBalancerPath['ruleKind'];
  readonly protocols: Protocol[];
  readonly frontend: string;
  /** null: HA ports, every port maps to itself. */
  readonly backendPort: number | null;
  readonly members: string[];
}

function protocolsOf(value: unknown): Protocol[] {
  const p = (str(value) ?? 'All').toLowerCase();
  if (p === 'tcp') return ['Tcp'];
  if (p === 'udp') return ['Udp'];
  return ['Tcp', 'Udp'];
}

function toMapping(rule: ArmLoadBalancerRule, pools: Map<string, string[]>): Mapping | null {
  const p = rule.properties ?? {};
  const name = str(rule.name) ?? '(unnamed rule)';
  const protocols = protocolsOf(p['protocol']);
  const frontendPort = num(p['frontendPort']);
  const backendPort = num(p['backendPort']) ?? frontendPort ?? null;
  const pool = pools.get(lower(at(p, 'backendAddressPool', 'id')) ?? '') ?? [];
  const natTarget = lower(at(p, 'backendIPConfiguration', 'id'));
  const rangeStart = num(p['frontendPortRangeStart']);
  if (natTarget !== null || rangeStart !== undefined || (str(rule.type) ?? '').toLowerCase().endsWith('inboundnatrules')) {
    // Inbound NAT: one ipconfig, or (pool-based NAT) one port of the frontend range per pool member.
    const frontend =
      rangeStart !== undefined
        ? formatPortRange({ start: rangeStart, end: num(p['frontendPortRangeEnd']) ?? rangeStart })
        : String(frontendPort ?? '?');
    return {
      rule: name,
      ruleKind: 'inbound NAT rule',
      protocols,
      frontend,
      backendPort,
      members: natTarget ? [natTarget] : pool,
    };
  }
  if (frontendPort === undefined) return null;
  // HA ports (frontend and backend port 0, protocol All) forward every port unchanged.
  const haPorts = frontendPort === 0 && (backendPort ?? 0) === 0;
  return {
    rule: name,
    ruleKind: 'load-balancing rule',
    protocols,
    frontend: haPorts ? '0-65535' : String(frontendPort),
    backendPort: haPorts ? null : backendPort,
    members: pool,
  };
}

function pathsFor(
  mapping: Mapping,
  protocol: Protocol,
  member: string,
  nic: BackendNic,
  standard: boolean,
  lead: string[],
): LoadBalancerPath[] {
  const base = {
    rule: mapping.rule,
    ruleKind: mapping.ruleKind,
    backend: member,
    protocol,
    frontendPort: mapping.frontend,
  };
  const step = `${mapping.ruleKind} ${mapping.rule}: ${protocol} ${mapping.frontend} → ${member} port ${mapping.backendPort ?? 'same as frontend'}`;
  if (hasNoNsg(nic)) {
    const ports = mapping.backendPort === null ? '0-65535' : String(mapping.backendPort);
    const why = standard
      ? 'no NSG on the backend subnet or NIC: a Standard load balancer lets no inbound traffic through until an NSG allows it'
      : 'no NSG on the backend subnet or NIC: a Basic load balancer lets the traffic through';
    return [{ ...base, backendPort: ports, scope: standard ? 'none' : 'any', evidence: [...lead, step, why] }];
  }
  const runs = evaluateLevels(nic, protocol, nic.target ?? {});
  const port = mapping.backendPort;
  const held = port === null ? undefined : runAt(runs, port);
  const selected =
    port === null
      ? runs.map((run) => ({ run, ports: run.ports }))
      : held
        ? [{ run: held, ports: { start: port, end: port } }]
        : [];
  return selected.map(({ run, ports }) => ({
    ...base,
    backendPort: formatPortRange(ports),
    scope: run.allowed ? run.scope : 'none',
    ...(run.sources && run.allowed ? { sources: run.sources } : {}),
    evidence: [...lead, step, ...describeRun(run, protocol, ports)],
  }));
}

/**
 * Which backend NICs the internet reaches through `publicFrontend`, on which backend ports. `rules` are the load
 * balancer's rules (see `loadBalancerRules`); rules on other frontends are ignored. `backendNsgs` is keyed by
 * lower-cased NIC ipconfig id (or pool member IP); a member missing from it is reported as unevaluated.
 */
export function loadBalancerExposure(
  lb: ArmLoadBalancer,
  publicFrontend: PublicFrontend,
  rules: readonly ArmLoadBalancerRule[],
  backendNsgs: Readonly<Record<string, BackendNic>>,
): LoadBalancerExposure {
  const name = str(lb.name) ?? '(unnamed load balancer)';
  const sku = str(lb.sku?.name) ?? null;
  // A load balancer whose SKU is unknown is treated as Basic: the open case, so exposure is not hidden.
  const standard = isStandardSku(sku);
  const frontendId = publicFrontend.id.toLowerCase();
  const lead = [
    `${describePublicIp(publicFrontend.publicIp)} on frontend ${frontendId.split('/').pop() ?? frontendId} of load balancer ${name} (${sku ?? 'unknown SKU, treated as Basic'})`,
  ];
  const pools = poolMembers(lb);
  const reachable: LoadBalancerPath[] = [];
  const blocked: LoadBalancerPath[] = [];
  const unevaluated = new Set<string>();
  for (const rule of rules) {
    if (lower(at(rule.properties, 'frontendIPConfiguration', 'id')) !== frontendId) continue;
    const mapping = toMapping(rule, pools);
    if (!mapping) continue;
    for (const member of mapping.members) {
      const nic = backendNsgs[member];
      if (!nic) {
        unevaluated.add(member);
        continue;
      }
      for (const protocol of mapping.protocols) {
        for (const path of pathsFor(mapping, protocol, member, nic, standard, lead))
          (path.scope === 'none' ? blocked : reachable).push(path);
      }
    }
  }
  const scope = reachable.reduce<Scope>((acc, p) => widerScope(acc, p.scope), 'none');
  const summary =
    reachable.length === 0
      ? 'no backend is reachable through this frontend'
      : `${reachable.length} frontend → backend mapping(s) reachable from the internet`;
  return {
    exposed: reachable.length > 0,
    scope,
    reachable,
    blocked,
    unevaluated: [...unevaluated],
    evidence: [...lead, summary],
  };
}
