import { APP_SERVICE_KINDS, FIREWALLED_DATA_STORE_KINDS, type GraphEdge, type GraphNode, type JsonValue } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';
import { apimAnonymous, functionAnonymous, logicAnonymous } from './authentication.js';
import type { InsightSet } from './collector.js';
import { EffectivePolicies } from '../policy/index.js';
import { frontDoorSecurityPolicies } from './front-door-waf.js';

/** The endpoints an entry point leads to: a gateway's endpoints through its APIs, or the endpoint itself. */
function endpointsBehind(view: GraphView, entry: GraphNode): GraphNode[] {
  if (entry.kind === 'ApiEndpoint') return [entry];
  if (entry.kind !== 'ApiGateway') return [];
  return view.targets(entry.id, 'CONTAINS', 'Api').flatMap((api) => view.targets(api.id, 'CONTAINS', 'ApiEndpoint'));
}

/**
 * InternetExposed: CAN_REACH with scope `any`, or through ranges other tenants of a shared service send from
 * (`sharedServiceTags`: a customer-originatable tag, an unchecked shared edge, an "allow Azure services" switch),
 * passed down from a gateway to every endpoint it publishes.
 */
export function exposureInsights(view: GraphView, reach: readonly GraphEdge[], insights: InsightSet): void {
  for (const edge of reach) {
    const target = view.get(edge.to);
    const shared = edge.properties['sharedServiceTags'];
    if (!target || (edge.properties['scope'] !== 'any' && !(Array.isArray(shared) && shared.length > 0))) continue;
    const evidence: JsonValue = { source: 'configuration', ports: edge.properties['ports'] ?? [], chain: edge.properties['evidence'] ?? null };
    insights.add(target, 'InternetExposed', evidence);
    for (const endpoint of endpointsBehind(view, target)) {
      insights.add(endpoint, 'InternetExposed', { ...evidence, via: `API Management gateway ${prop.str(target, 'name')}` });
    }
  }
}

export function anonymousInsights(view: GraphView, insights: InsightSet, policies = new EffectivePolicies()): void {
  for (const endpoint of view.ofKind('ApiEndpoint')) {
    const source = prop.str(endpoint, 'endpointSource');
    const app = view.sources(view.sources(endpoint.id, 'CONTAINS', 'Api')[0]?.id ?? '', 'CONTAINS')[0];
    const verdict =
      source === 'apim' ? apimAnonymous(view, endpoint, policies) : source === 'functionapp' ? functionAnonymous(app, endpoint) : source === 'logicapp' ? logicAnonymous(endpoint) : null;
    if (verdict?.anonymous) insights.add(endpoint, 'AllowsAnonymousAccess', verdict.evidence);
  }
}

/**
 * UnencryptedAccess, Defender's meaning: HTTP or WS accepted (APIM protocols, `httpsOnly: false`, `allowInsecure`,
 * `supportsHttpsTrafficOnly: false`). TLS below 1.2 is its own weakness: see weak-tls.ts.
 */
export function encryptionInsights(view: GraphView, insights: InsightSet): void {
  for (const gateway of view.ofKind('ApiGateway')) {
    for (const api of view.targets(gateway.id, 'CONTAINS', 'Api')) {
      const plain = prop.strs(api, 'protocols').filter((p) => p === 'http' || p === 'ws');
      if (plain.length === 0) continue;
      const reasons = [`the API accepts ${plain.join(' and ')} (protocols: ${prop.strs(api, 'protocols').join(', ')})`];
      const evidence = { source: 'configuration', reasons };
      insights.add(api, 'UnencryptedAccess', evidence);
      for (const endpoint of view.targets(api.id, 'CONTAINS', 'ApiEndpoint')) insights.add(endpoint, 'UnencryptedAccess', evidence);
    }
  }
  for (const site of view.ofKind(...APP_SERVICE_KINDS)) {
    const reasons = prop.bool(site, 'httpsOnly') === false && prop.str(site, 'logicAppPlan') !== 'consumption' ? ['httpsOnly is false: plain HTTP is served'] : [];
    if (reasons.length === 0) continue;
    const evidence = { source: 'configuration', reasons };
    insights.add(site, 'UnencryptedAccess', evidence);
    for (const api of view.targets(site.id, 'CONTAINS', 'Api')) {
      for (const endpoint of view.targets(api.id, 'CONTAINS', 'ApiEndpoint')) insights.add(endpoint, 'UnencryptedAccess', evidence);
    }
  }
  for (const app of view.ofKind('ContainerApp')) {
    if (prop.bool(app, 'allowInsecure') === true) insights.add(app, 'UnencryptedAccess', { source: 'configuration', reasons: ['ingress allowInsecure is true: plain HTTP is served'] });
  }
  for (const store of view.ofKind('StorageAccount', 'SqlServer')) {
    const reasons = prop.bool(store, 'supportsHttpsTrafficOnly') === false ? ['supportsHttpsTrafficOnly is false'] : [];
    if (reasons.length) insights.add(store, 'UnencryptedAccess', { source: 'configuration', reasons });
  }
}

/**
 * GatewayBypass: a backend of an APIM API that the internet reaches directly, or through a Front Door that routes to
 * it (an origin the estate's own Front Door reaches around the gateway), so the gateway's checks can be skipped.
 */
export function gatewayBypassInsights(view: GraphView, routes: readonly GraphEdge[], reach: readonly GraphEdge[], insights: InsightSet): void {
  const reached = new Map(reach.map((e) => [e.to, e]));
  const doorsTo = new Map<string, GraphNode[]>();
  for (const route of routes) {
    const door = view.get(route.from);
    if (door?.kind !== 'FrontDoor' || !reached.has(door.id)) continue;
    doorsTo.set(route.to, [...(doorsTo.get(route.to) ?? []), door]);
  }
  for (const route of routes) {
    const from = view.get(route.from);
    if (from?.kind !== 'ApiEndpoint' || prop.str(from, 'endpointSource') !== 'apim') continue;
    const direct = reached.get(route.to);
    const doors = doorsTo.get(route.to) ?? [];
    const backend = view.get(route.to);
    if ((!direct && doors.length === 0) || !backend) continue;
    const via = `backend of ${prop.str(from, 'name')} (${route.properties['resolvedBy'] ?? 'routed'})`;
    const reasons = [
      ...(direct ? [`${via} is reachable from the internet directly on ${(direct.properties['ports'] as string[] | undefined)?.join(', ') ?? 'some ports'}`] : []),
      ...doors.map((door) => `${via} is an origin of Front Door ${prop.str(door, 'name')}, reached around the gateway (${frontDoorWaf(door)})`),
    ];
    insights.add(backend, 'GatewayBypass', { source: 'configuration', reasons });
  }
}

/** What the Front Door's WAF evidence says: linked policies (classic frontends), or that none is known. */
function frontDoorWaf(door: GraphNode): string {
  const covered = frontDoorSecurityPolicies(door);
  if (covered) return covered;
  const policies = prop.strs(door, 'wafPolicyIds');
  if (policies.length > 0) return `WAF policy ${policies.map((id) => id.slice(id.lastIndexOf('/') + 1)).join(', ')}`;
  return prop.str(door, 'frontDoorTier') === 'classic' ? 'no WAF policy linked' : 'WAF policy not known (security policies not read)';
}

/** PublicDataAccess: anonymous blob access allowed, or a data store open to the internet at large. */
export function publicDataInsights(view: GraphView, reach: readonly GraphEdge[], insights: InsightSet): void {
  const open = new Set(reach.filter((e) => e.properties['scope'] === 'any').map((e) => e.to));
  for (const store of view.ofKind(...FIREWALLED_DATA_STORE_KINDS)) {
    const reasons: string[] = [];
    if (store.kind === 'StorageAccount' && prop.bool(store, 'allowBlobPublicAccess') === true && open.has(store.id)) {
      reasons.push('allowBlobPublicAccess is true: containers can be made readable anonymously');
    }
    if (open.has(store.id)) reasons.push('the service firewall admits the internet at large');
    if (reasons.length) insights.add(store, 'PublicDataAccess', { source: 'configuration', reasons });
  }
}
