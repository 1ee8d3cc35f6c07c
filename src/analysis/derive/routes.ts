import { assertNever, validateEdge, type GraphEdge, type GraphNode } from '../../model/index.js';
import { ancestorId } from '../../model/arm-ids.js';
import { prop, type GraphView } from '../graph-view.js';
import { EffectivePolicies, type PolicyProblem, type RouteChoice } from '../policy/index.js';
import { endpointPolicies } from './policy-context.js';

export { policyChains } from './policy-context.js';
import { externalHost, HostIndex } from './hosts.js';

export interface RouteResult {
  readonly edges: GraphEdge[];
  /** Backends outside the estate, by host name. */
  readonly externalHosts: GraphNode[];
  /** Policies that could not be read, by endpoint: reported, never fatal. */
  readonly problems: PolicyProblem[];
}

/**
 * ROUTES_TO: where each API endpoint's traffic goes, and where load balancers, application gateways and Front
 * Doors send theirs. APIM: the effective policy's last `set-backend-service` (backend-id → the backend entity's
 * resourceId or url; base-url), else the API's serviceUrl; the host is then matched to the estate (HostIndex), and
 * anything else becomes an ExternalHost. HTTP functions route to their app, Logic App triggers to their workflow.
 */
export function deriveRoutes(view: GraphView, policies = new EffectivePolicies(), hosts = new HostIndex(view)): RouteResult {
  const edges = new Map<string, GraphEdge>();
  const external = new Map<string, GraphNode>();
  const problems: RouteResult['problems'] = [];

  const route = (from: GraphNode, to: GraphNode, resolvedBy: string, backendUrl?: string, condition?: string | null) => {
    if (from.id === to.id) return;
    const key = `${from.id}\u0000${to.id}`;
    const known = edges.get(key);
    if (known) {
      // Several branches (or products) to one backend: unconditional when any of them is.
      const was = known.properties['condition'];
      if (typeof was !== 'string') return;
      condition = condition ? (was.split(' | ').includes(condition) ? was : `${was} | ${condition}`) : null;
      resolvedBy = String(known.properties['resolvedBy']);
      backendUrl = typeof known.properties['backendUrl'] === 'string' ? known.properties['backendUrl'] : undefined;
    }
    edges.set(
      key,
      validateEdge({ kind: 'ROUTES_TO', from: from.id, fromKind: from.kind, to: to.id, toKind: to.kind, properties: { derived: true, resolvedBy, backendUrl, condition: condition ?? undefined } }),
    );
  };
  const routeToUrl = (from: GraphNode, url: string, how: string, condition?: string | null) => {
    const subscription = from.properties['subscriptionId'];
    const resolved = hosts.resolve(url, typeof subscription === 'string' ? subscription : undefined);
    if (!resolved) return;
    if (resolved.target) {
      route(from, resolved.target.node, `${how}; ${resolved.target.how}`, url, condition);
      return;
    }
    route(from, externalHost(external, resolved.host), `${how}; host ${resolved.host} is outside the estate`, url, condition);
  };
  const routeApim = (endpoint: GraphNode, api: GraphNode | undefined, gateway: GraphNode | undefined, target: RouteChoice['target'], condition: string | null) => {
    if (target === 'service-url') {
      const serviceUrl = prop.str(api, 'serviceUrl');
      if (serviceUrl) routeToUrl(endpoint, serviceUrl, "the API's serviceUrl", condition);
      return;
    }
    switch (target.via) {
      case 'backend-id': {
        const backend = gateway ? view.get(`${gateway.id}/backends/${target.backendId.toLowerCase()}`) : undefined;
        const how = `set-backend-service backend-id="${target.backendId}" (${target.scope} policy)`;
        const resource = view.get(prop.str(backend, 'backendResourceId') ?? '');
        if (resource) route(endpoint, resource, `${how} → backend resourceId`, prop.str(backend, 'url'), condition);
        else if (prop.str(backend, 'url')) routeToUrl(endpoint, prop.str(backend, 'url')!, `${how} → backend url`, condition);
        else problems.push({ assetId: endpoint.id, problem: `${how} names a backend that is not in the input` });
        return;
      }
      case 'base-url':
        routeToUrl(endpoint, target.url, `set-backend-service base-url (${target.scope} policy)`, condition);
        return;
      case 'expression':
        // Computed at run time: no static target, said rather than guessed.
        problems.push({ assetId: endpoint.id, problem: `set-backend-service (${target.scope} policy) computes its target (${target.expression}); that route is unresolved` });
        return;
      default:
        assertNever(target, 'backend target');
    }
  };

  for (const endpoint of view.ofKind('ApiEndpoint')) {
    switch (prop.str(endpoint, 'endpointSource')) {
      case 'apim': {
        const { api, gateway, ways } = endpointPolicies(view, endpoint, policies);
        for (const { facts } of ways) {
          problems.push(...facts.policy.problems);
          if (facts.flow.truncated) problems.push({ assetId: endpoint.id, problem: 'the effective policy has more paths than are evaluated; routes and authentication cover the first ones only' });
          for (const { target, condition } of facts.routes) routeApim(endpoint, api, gateway, target, condition);
        }
        break;
      }
      case 'functionapp': {
        const app = view.get(ancestorId(endpoint.id, 'sites') ?? '');
        if (app) route(endpoint, app, 'HTTP-triggered function of its Function App');
        break;
      }
      case 'logicapp': {
        const workflow = view.get(ancestorId(endpoint.id, 'workflows') ?? '') ?? view.get(ancestorId(endpoint.id, 'sites') ?? '');
        if (workflow) route(endpoint, workflow, 'Request trigger of its Logic App');
        break;
      }
    }
  }

  deriveBalancerRoutes(view, hosts, route, routeToUrl);
  return { edges: [...edges.values()], externalHosts: [...external.values()], problems };
}

type Route = (from: GraphNode, to: GraphNode, resolvedBy: string, backendUrl?: string) => void;
type RouteToUrl = (from: GraphNode, url: string, how: string) => void;

/** NIC ipConfiguration id → the VM behind the NIC (or the NIC). */
function ipConfigurationOwner(view: GraphView, ipConfigurationId: string): GraphNode | undefined {
  const nic = view.get(ancestorId(ipConfigurationId.toLowerCase(), 'networkinterfaces') ?? '');
  if (!nic) return undefined;
  return view.targets(nic.id, 'ATTACHED_TO', 'VirtualMachine')[0] ?? nic;
}

function deriveBalancerRoutes(view: GraphView, _hosts: HostIndex, route: Route, routeToUrl: RouteToUrl): void {
  for (const lb of view.ofKind('LoadBalancer')) {
    for (const id of prop.strs(lb, 'backendIpConfigurationIds')) {
      const owner = ipConfigurationOwner(view, id);
      if (owner) route(lb, owner, `backend pool member ${id.split('/').slice(-3, -2)[0] ?? id}`);
    }
  }
  for (const scaleSet of view.ofKind('VirtualMachineScaleSet')) {
    for (const poolId of [...prop.strs(scaleSet, 'loadBalancerBackendPoolIds'), ...prop.strs(scaleSet, 'applicationGatewayBackendPoolIds')]) {
      const owner = view.get(ancestorId(poolId.toLowerCase(), 'loadbalancers') ?? '') ?? view.get(ancestorId(poolId.toLowerCase(), 'applicationgateways') ?? '');
      if (owner) route(owner, scaleSet, `scale set joins backend pool ${poolId.split('/').pop() ?? poolId}`);
    }
  }
  for (const gateway of view.ofKind('ApplicationGateway')) {
    const pools = gateway.properties['backendPools'];
    if (!Array.isArray(pools)) continue;
    for (const pool of pools) {
      if (!pool || typeof pool !== 'object' || Array.isArray(pool)) continue;
      const addresses = Array.isArray(pool['addresses']) ? pool['addresses'] : [];
      for (const address of addresses) if (typeof address === 'string') routeToUrl(gateway, address, `backend pool ${String(pool['name'] ?? '')} address`);
      const configs = Array.isArray(pool['backendIpConfigurationIds']) ? pool['backendIpConfigurationIds'] : [];
      for (const id of configs) {
        const owner = typeof id === 'string' ? ipConfigurationOwner(view, id) : undefined;
        if (owner) route(gateway, owner, `backend pool ${String(pool['name'] ?? '')} member`);
      }
    }
  }
  for (const door of view.ofKind('FrontDoor')) {
    for (const host of prop.strs(door, 'originHostNames')) routeToUrl(door, host, `origin ${host}`);
  }
}
