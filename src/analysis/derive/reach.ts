import { APP_SERVICE_KINDS, validateEdge, validateNode, type GraphEdge, type GraphNode, type JsonValue } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';
import {
  aksApiServerExposure,
  apimGatewayExposure,
  appServiceExposure,
  appServiceScmExposure,
  containerAppExposure,
  containerGroupExposure,
  cosmosDbExposure,
  keyVaultExposure,
  nicInternetExposure,
  openSourceDbExposure,
  sqlServerExposure,
  OPEN_SOURCE_DB_PORTS,
  storageAccountExposure,
  evaluateLevels,
  internetPortExposure,
  type ArmNetworkSecurityGroup,
  type LevelsRun,
  type PortExposure,
  type PortExposureOf,
  type NicExposure,
  type NicExposureOptions,
  type Scope,
  type ServiceExposure,
} from '../reachability/index.js';
import { sharedServiceEvidence, sharedServiceTags } from '../reachability/tag-exposure.js';
import { withEffectiveRoutes } from './effective-routes.js';
import { withScmSite } from './scm-site.js';
import { onlyInfrastructure, tagRangeReader, type TagRangeReader } from './tag-ranges.js';
import { attachedNsg, effectiveNsgOf, nsgOf } from './nsg-of.js';

export const INTERNET_ID = 'internet';

export function internetNode(): GraphNode {
  return validateNode({ id: INTERNET_ID, kind: 'Internet', properties: { name: 'Internet', source: 'analysis' } });
}

export interface Reach {
  readonly target: GraphNode;
  readonly ports: readonly string[];
  readonly scope: Exclude<Scope, 'none'>;
  readonly evidence: readonly string[];
  readonly sources?: readonly string[] | undefined;
  /** "Allow Azure services" switches that admit every Azure customer (named like tags on the edge). */
  readonly sharedSwitches?: readonly string[] | undefined;
  /** The SCM (Kudu) host when it is an entry point: reachable, with basic-auth publishing credentials accepted. */
  readonly scmBasicAuth?: string | undefined;
}

/**
 * A restricted reach through service tags that other tenants can send from (the tag catalogue) names them on the
 * edge (`sharedServiceTags`, read by the risk model) and explains each one: which services make it reachable, and
 * what the owner should do instead.
 */
function reachEdge(r: Reach, tagRanges: TagRangeReader): GraphEdge {
  const switches = new Set(r.sharedSwitches ?? []);
  const ranges = tagRanges.read(r.scope === 'restricted' ? (r.sources ?? []).filter((s) => !switches.has(s)) : []);
  const shared = sharedServiceTags(ranges.sources);
  const steps = [...r.evidence, ...ranges.evidence, ...shared.map(sharedServiceEvidence)];
  const tags: JsonValue = shared.map((t) => ({ tag: t.tag, class: t.tagClass, services: [...t.services], fix: t.fix, documentation: t.documentation }));
  const evidence: JsonValue = {
    scope: r.scope,
    steps,
    ...(r.sources?.length ? { sources: [...r.sources] } : {}),
    ...(shared.length ? { serviceTags: tags } : {}),
    ...(r.sharedSwitches?.length ? { sharedSwitches: [...r.sharedSwitches] } : {}),
    ...(r.scmBasicAuth ? { scmBasicAuth: [r.scmBasicAuth] } : {}),
  };
  const sharedNames = [...shared.map((t) => t.tag), ...(r.sharedSwitches ?? [])];
  return validateEdge({
    kind: 'CAN_REACH',
    from: INTERNET_ID,
    fromKind: 'Internet',
    to: r.target.id,
    toKind: r.target.kind,
    properties: { derived: true, ports: [...r.ports], scope: r.scope, evidence, ...(sharedNames.length ? { sharedServiceTags: sharedNames } : {}) },
  });
}

const fromService = (target: GraphNode, verdict: ServiceExposure, ports: readonly string[]): Reach | null =>
  verdict.exposed && verdict.scope !== 'none'
    ? { target, ports: verdict.ports ?? ports, scope: verdict.scope, evidence: verdict.evidence, sources: verdict.sources, sharedSwitches: verdict.sharedSwitches }
    : null;

function fromNic(target: GraphNode, exposure: NicExposure): Reach | null {
  if (!exposure.exposed || exposure.scope === 'none') return null;
  const ports = exposure.openPorts.map((p) => (p.protocol === 'Tcp' ? p.ports : `${p.ports}/${p.protocol.toLowerCase()}`));
  const sources = exposure.openPorts.flatMap((p) => p.sources ?? []);
  return { target, ports: [...new Set(ports)], scope: exposure.scope, evidence: exposure.evidence, sources };
}

const webPorts = (httpsOnly: boolean | undefined) => (httpsOnly ? ['443'] : ['443', '80']);

/**
 * NSG verdicts remembered for one derive: `internetPortExposure` once per (NSG, protocol) and `evaluateLevels` once
 * per (subnet NSG, NIC NSG, protocol). Thousands of NICs sit behind far fewer NSG pairs (964 pairs of 373 NSGs for
 * 2,286 public NICs at estate M), and with no NIC address given a verdict depends on the NSGs alone. Every NSG here
 * is read from its node (`nsgOf`), so its id names its rules. Calls with a NIC target, or an NSG without an id, are
 * evaluated as they come.
 */
function nsgPairVerdicts(): NicExposureOptions {
  const levelsMemo = new Map<string, LevelsRun[]>();
  const portsMemo = new Map<string, PortExposure[]>();
  const named = (nsg: ArmNetworkSecurityGroup | null) => nsg === null || typeof nsg.id === 'string';
  const exposureOf: PortExposureOf = (nsg, options) => {
    const key = `${String(nsg.id)}\n${options.protocol ?? 'Tcp'}`;
    let runs = portsMemo.get(key);
    if (!runs) {
      runs = internetPortExposure(nsg, options);
      portsMemo.set(key, runs);
    }
    return runs;
  };
  const evaluate: typeof evaluateLevels = (levels, protocol, target = {}) => {
    const { subnetNsg, nicNsg } = levels;
    if (!named(subnetNsg) || !named(nicNsg) || target.privateIpAddress !== undefined || target.applicationSecurityGroupIds !== undefined) {
      return evaluateLevels(levels, protocol, target);
    }
    const key = `${subnetNsg?.id ?? ''}\n${nicNsg?.id ?? ''}\n${protocol}`;
    let runs = levelsMemo.get(key);
    if (!runs) {
      runs = evaluateLevels(levels, protocol, target, exposureOf);
      levelsMemo.set(key, runs);
    }
    return runs;
  };
  return { evaluate };
}

/**
 * The VM behind each public IP on a NIC, evaluated through the subnet NSG and the NIC NSG. Where Azure's effective
 * security rules were ingested for the NIC or its subnet (list-effective-nsg), they decide — they hold what the
 * exported NSGs may lack (network-manager admin rules) — and the evidence says so, with the exported rules' verdict
 * when the two disagree. A level without effective rules keeps its exported NSG.
 */
function virtualMachineReach(view: GraphView, verdicts: NicExposureOptions): Reach[] {
  const reaches: Reach[] = [];
  for (const vm of view.ofKind('VirtualMachine')) {
    for (const nic of view.sources(vm.id, 'ATTACHED_TO', 'NetworkInterface')) {
      for (const ip of view.sources(nic.id, 'ATTACHED_TO', 'PublicIpAddress')) {
        const subnet = view.targets(nic.id, 'ATTACHED_TO', 'Subnet')[0];
        const publicIp = { sku: prop.str(ip, 'skuName') ?? null, address: prop.str(ip, 'ipAddress') ?? null, name: prop.str(ip, 'name') ?? ip.id };
        const exported = nicInternetExposure({ publicIp, subnetNsg: attachedNsg(view, subnet), nicNsg: attachedNsg(view, nic) }, verdicts);
        const effectiveSubnet = effectiveNsgOf(subnet);
        const effectiveNic = effectiveNsgOf(nic);
        let exposure = exported;
        if (effectiveSubnet || effectiveNic) {
          const effective = nicInternetExposure(
            { publicIp, subnetNsg: effectiveSubnet ?? attachedNsg(view, subnet), nicNsg: effectiveNic ?? attachedNsg(view, nic) },
            verdicts,
          );
          const disagree = effective.scope !== exported.scope;
          exposure = {
            ...effective,
            evidence: [
              "decided by Azure's effective security rules (list-effective-nsg)",
              ...effective.evidence,
              ...(disagree ? [`the exported NSG rules alone gave a different verdict (${exported.scope === 'none' ? 'not reachable' : `reachable, ${exported.scope}`}): the effective rules win`] : []),
            ],
          };
        }
        const reach = fromNic(vm, withEffectiveRoutes(nic, exposure));
        if (reach) reaches.push(reach);
      }
    }
  }
  return reaches;
}

/** Logic App Request triggers: any caller unless allowed caller IPs are set (an empty list admits only other Logic Apps). */
function logicTriggerReach(endpoint: GraphNode, workflow: GraphNode | undefined): Reach | null {
  if (prop.str(workflow, 'integrationServiceEnvironmentId')) return null;
  const allowed = endpoint.properties['allowedCallerIpAddresses'];
  if (Array.isArray(allowed)) {
    if (allowed.length === 0) return null;
    return { target: endpoint, ports: ['443'], scope: 'restricted', evidence: ['trigger callers restricted by accessControl.triggers.allowedCallerIpAddresses'], sources: allowed.filter((a): a is string => typeof a === 'string') };
  }
  return { target: endpoint, ports: ['443'], scope: 'any', evidence: ['Request trigger with no allowed caller IP restriction: any caller on the internet can send to its callback URL'] };
}

/**
 * CAN_REACH: what the internet reaches, on which ports, and the chain of configuration that proves it
 * (azure-data.md §5.9): public APIM gateways, App Service and Function apps through their access restrictions,
 * HTTP functions and Logic App triggers, Container Apps, container groups, AKS API servers, VMs through public IP +
 * subnet NSG + NIC NSG, load balancers and application gateways with public frontends, Front Doors, and data stores
 * through their service firewalls.
 */
export function deriveReachability(view: GraphView, routes: readonly GraphEdge[] = []): GraphEdge[] {
  // Where each load balancer routes (the only derived edges read here), rather than a copy of the view with them.
  const routesFrom = new Map<string, GraphEdge[]>();
  for (const edge of routes) {
    const list = routesFrom.get(edge.from);
    if (list) list.push(edge);
    else routesFrom.set(edge.from, [edge]);
  }
  const verdicts = nsgPairVerdicts();
  const reaches: (Reach | null)[] = [];
  for (const gateway of view.ofKind('ApiGateway')) {
    const httpAllowed = view.targets(gateway.id, 'CONTAINS', 'Api').some((api) => prop.strs(api, 'protocols').includes('http'));
    reaches.push(fromService(gateway, apimGatewayExposure(gateway.properties), httpAllowed ? ['443', '80'] : ['443']));
  }
  const siteReach = new Map<string, Reach | null>();
  for (const site of view.ofKind(...APP_SERVICE_KINDS)) {
    if (prop.str(site, 'logicAppPlan') === 'consumption') continue;
    const main = fromService(site, appServiceExposure(site.properties), webPorts(prop.bool(site, 'httpsOnly')));
    const reach = withScmSite(site, main, appServiceScmExposure(site.properties));
    siteReach.set(site.id, reach);
    reaches.push(reach);
  }
  const workflowReach = new Map<string, Reach>();
  for (const endpoint of view.ofKind('ApiEndpoint')) {
    const source = prop.str(endpoint, 'endpointSource');
    // Function and Logic App endpoints sit under an Api the app contains.
    const app = view.sources(view.sources(endpoint.id, 'CONTAINS', 'Api')[0]?.id ?? '', 'CONTAINS')[0];
    if (source === 'functionapp' && app) {
      const appReach = siteReach.get(app.id);
      if (appReach) reaches.push({ ...appReach, target: endpoint, evidence: [`the Function App ${prop.str(app, 'name')} is reachable`, ...appReach.evidence] });
    } else if (source === 'logicapp') {
      const appReach = app ? siteReach.get(app.id) : undefined;
      if (app && prop.str(app, 'logicAppPlan') !== 'consumption' && appReach === null) continue;
      const trigger = logicTriggerReach(endpoint, app);
      reaches.push(trigger);
      // A Consumption workflow has no site of its own: it is as reachable as its most open Request trigger.
      if (trigger && app && prop.str(app, 'logicAppPlan') === 'consumption') {
        const known = workflowReach.get(app.id);
        if (!known || (known.scope === 'restricted' && trigger.scope === 'any')) {
          workflowReach.set(app.id, { ...trigger, target: app, evidence: [`Request trigger ${prop.str(endpoint, 'name')}: ${trigger.evidence.join('; ')}`] });
        }
      }
    }
  }
  reaches.push(...workflowReach.values());
  for (const app of view.ofKind('ContainerApp')) {
    const environment = view.get(prop.str(app, 'managedEnvironmentId') ?? '');
    const exposure = containerAppExposure(app.properties, environment?.kind === 'ContainerAppsEnvironment' ? environment.properties : null);
    reaches.push(fromService(app, exposure, prop.bool(app, 'allowInsecure') ? ['443', '80'] : ['443']));
  }
  for (const group of view.ofKind('ContainerGroup')) reaches.push(fromService(group, containerGroupExposure(group.properties), []));
  for (const cluster of view.ofKind('KubernetesCluster')) reaches.push(fromService(cluster, aksApiServerExposure(cluster.properties), ['443']));
  reaches.push(...virtualMachineReach(view, verdicts));
  for (const frontend of view.ofKind('LoadBalancer', 'ApplicationGateway')) {
    const publicIps = prop.strs(frontend, 'frontendPublicIpAddressIds').map((id) => view.get(id)).filter((n) => n !== undefined);
    if (publicIps.length === 0) continue;
    reaches.push({
      target: frontend,
      ports: frontend.kind === 'ApplicationGateway' ? ['443', '80'] : rulePorts(frontend, 'frontendPort'),
      scope: 'any',
      evidence: publicIps.map((ip) => `public frontend IP ${prop.str(ip, 'ipAddress') ?? prop.str(ip, 'name')} (${prop.str(ip, 'skuName') ?? 'SKU unknown'})`),
    });
  }
  for (const lb of view.ofKind('LoadBalancer')) reaches.push(...loadBalancerBackendReach(view, lb, routesFrom.get(lb.id) ?? [], verdicts));
  for (const door of view.ofKind('FrontDoor')) {
    reaches.push({ target: door, ports: ['443', '80'], scope: 'any', evidence: [`Front Door frontends ${prop.strs(door, 'hostNames').join(', ')} are public by design`] });
  }
  for (const account of view.ofKind('StorageAccount')) reaches.push(fromService(account, storageAccountExposure(account.properties as Record<string, unknown>), ['443']));
  for (const vault of view.ofKind('KeyVault')) reaches.push(fromService(vault, keyVaultExposure(vault.properties as Record<string, unknown>), ['443']));
  for (const server of view.ofKind('SqlServer')) {
    const rules = Array.isArray(server.properties['firewallRules']) ? (server.properties['firewallRules'] as Record<string, string>[]) : null;
    reaches.push(fromService(server, sqlServerExposure(server.properties as Record<string, unknown>, rules), ['1433']));
  }
  for (const server of view.ofKind('PostgreSqlServer', 'MySqlServer')) {
    const engine = server.kind === 'PostgreSqlServer' ? 'PostgreSQL' : 'MySQL';
    const rules = Array.isArray(server.properties['firewallRules']) ? (server.properties['firewallRules'] as Record<string, string>[]) : null;
    reaches.push(fromService(server, openSourceDbExposure(engine, server.properties as Record<string, unknown>, rules), [OPEN_SOURCE_DB_PORTS[engine]]));
  }
  for (const account of view.ofKind('CosmosDbAccount')) reaches.push(fromService(account, cosmosDbExposure(account.properties), ['443']));

  const edges = new Map<string, GraphEdge>();
  const tagRanges = tagRangeReader(view);
  for (const reach of reaches) {
    if (!reach || edges.has(reach.target.id)) continue;
    // Raw ranges that are only Microsoft infrastructure's (a stored tag's prefixes) admit no internet client.
    if (reach.scope === 'restricted' && !reach.sharedSwitches?.length && onlyInfrastructure(tagRanges.read(reach.sources ?? []).sources)) continue;
    edges.set(reach.target.id, reachEdge(reach, tagRanges));
  }
  return [...edges.values()];
}

/** Ports named by the load balancer's rules (ARM rule JSON): a frontend or a backend port of each rule. */
function rulePorts(lb: GraphNode, side: 'frontendPort' | 'backendPort'): string[] {
  const ports = new Set<string>();
  const rules = lb.properties['rules'];
  for (const rule of Array.isArray(rules) ? rules : []) {
    if (!rule || typeof rule !== 'object' || Array.isArray(rule)) continue;
    const props = rule['properties'];
    if (!props || typeof props !== 'object' || Array.isArray(props)) continue;
    // Inbound NAT rules name only a frontend port when the backend port equals it.
    const port = props[side] ?? props['frontendPort'];
    if (typeof port === 'number') ports.add(String(port));
  }
  return [...ports].sort((a, b) => Number(a) - Number(b));
}

/**
 * Backends behind a load balancer's public frontend: a Standard load balancer, like a Standard public IP, passes
 * only what the backend's subnet and NIC NSGs allow; a Basic one passes everything. Only the rules' backend ports count.
 */
function loadBalancerBackendReach(view: GraphView, lb: GraphNode, routes: readonly GraphEdge[], verdicts: NicExposureOptions): Reach[] {
  const frontends = prop.strs(lb, 'frontendPublicIpAddressIds').map((id) => view.get(id)).filter((n): n is GraphNode => n !== undefined);
  const frontend = frontends[0];
  if (!frontend) return [];
  const backendPorts = new Set(rulePorts(lb, 'backendPort'));
  const reaches: Reach[] = [];
  for (const route of routes) {
    const backend = view.get(route.to);
    if (!backend) continue;
    let subnetNsg = null;
    let nicNsg = null;
    if (backend.kind === 'VirtualMachine') {
      const nic = view.sources(backend.id, 'ATTACHED_TO', 'NetworkInterface')[0];
      subnetNsg = attachedNsg(view, nic ? view.targets(nic.id, 'ATTACHED_TO', 'Subnet')[0] : undefined);
      nicNsg = attachedNsg(view, nic);
    } else if (backend.kind === 'VirtualMachineScaleSet') {
      subnetNsg = attachedNsg(view, view.targets(backend.id, 'ATTACHED_TO', 'Subnet')[0]);
      nicNsg = nsgOf(view.get(prop.strs(backend, 'networkSecurityGroupIds')[0] ?? ''));
    } else continue;
    const exposure = nicInternetExposure({
      publicIp: { sku: prop.str(lb, 'skuName') ?? null, address: prop.str(frontend, 'ipAddress') ?? null, name: `${prop.str(frontend, 'name')} on load balancer ${prop.str(lb, 'name')}` },
      subnetNsg,
      nicNsg,
    }, verdicts);
    const reach = fromNic(backend, exposure);
    if (!reach) continue;
    const ports = backendPorts.size ? reach.ports.filter((range) => [...backendPorts].some((p) => portInRangeText(Number(p), range))) : reach.ports;
    const forwarded = backendPorts.size ? [...backendPorts].filter((p) => reach.ports.some((range) => portInRangeText(Number(p), range))) : ports;
    if (forwarded.length) reaches.push({ ...reach, ports: forwarded, evidence: [`behind load balancer ${prop.str(lb, 'name')}`, ...reach.evidence] });
  }
  return reaches;
}

function portInRangeText(port: number, range: string): boolean {
  if (range.includes('/')) return false;
  if (range === '*' || range === '0-65535') return true;
  const [low, high] = range.split('-').map(Number);
  return low !== undefined && port >= low && port <= (high ?? low);
}
