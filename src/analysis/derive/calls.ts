import { validateEdge, type GraphEdge, type GraphNode } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';
import { EffectivePolicies, type OutboundCall, type PolicyProblem } from '../policy/index.js';
import { externalHost, HostIndex } from './hosts.js';
import { endpointPolicies } from './policy-context.js';

export interface CallResult {
  readonly edges: GraphEdge[];
  readonly externalHosts: GraphNode[];
  readonly problems: PolicyProblem[];
}

/** The gateway identity a call authenticates as: the user-assigned one with that client id, else the system-assigned one. */
function gatewayIdentity(view: GraphView, gateway: GraphNode | undefined, call: OutboundCall): GraphNode | undefined {
  if (!gateway || !call.managedIdentity) return undefined;
  const identities = view.targets(gateway.id, 'CAN_AUTHENTICATE_AS', 'ManagedIdentity');
  const clientId = call.managedIdentity.clientId?.toLowerCase();
  if (clientId) return identities.find((i) => prop.str(i, 'clientId')?.toLowerCase() === clientId);
  return identities.find((i) => prop.str(i, 'identityType') === 'SystemAssigned');
}

const ACCESS_RANK: Readonly<Record<string, number>> = { read: 1, write: 2, admin: 3 };

/**
 * CALLS: the requests an APIM operation makes the gateway send itself (`send-request`, `send-one-way-request`, in
 * any section, on any branch). The URL's host is matched to the estate after named values are resolved (storage
 * blob/queue/table/file hosts, Key Vault, Cosmos DB, SQL, App Service, API Management); anything else is an
 * outside host. A call that authenticates with `authentication-managed-identity` acts as the gateway's identity,
 * and that identity's roles on the target (HAS_PERMISSION_TO) give the access level the path ends with.
 */
export function deriveCalls(view: GraphView, permissions: readonly GraphEdge[], policies = new EffectivePolicies(), hosts = new HostIndex(view)): CallResult {
  const edges = new Map<string, GraphEdge>();
  const external = new Map<string, GraphNode>();
  const problems: PolicyProblem[] = [];
  const access = new Map<string, GraphEdge>();
  for (const edge of permissions) if (edge.kind === 'HAS_PERMISSION_TO') access.set(`${edge.from}\u0000${edge.to}`, edge);

  for (const endpoint of view.ofKind('ApiEndpoint')) {
    if (prop.str(endpoint, 'endpointSource') !== 'apim') continue;
    const { gateway, ways } = endpointPolicies(view, endpoint, policies);
    for (const { facts } of ways) {
      for (const { call, condition } of facts.calls) {
        if (!call.url) {
          problems.push({ assetId: endpoint.id, problem: `${call.policy} (${call.scope} policy) computes its URL; the call is not followed` });
          continue;
        }
        const subscription = prop.str(endpoint, 'subscriptionId');
        const resolved = hosts.resolve(call.url, subscription);
        if (!resolved) {
          problems.push({ assetId: endpoint.id, problem: `${call.policy} (${call.scope} policy) calls "${call.url}", which is not a URL (an unresolved named value?)` });
          continue;
        }
        let target = resolved.target?.node;
        let resolvedBy = resolved.target?.how ?? `host ${resolved.host} is outside the estate`;
        target ??= externalHost(external, resolved.host);
        if (target.id === endpoint.id) continue;
        const identity = gatewayIdentity(view, gateway, call);
        if (call.managedIdentity && !identity) {
          problems.push({ assetId: endpoint.id, problem: `${call.policy} authenticates with a managed identity${call.managedIdentity.clientId ? ` (client id ${call.managedIdentity.clientId})` : ''} the gateway does not have in the input` });
        }
        const permission = identity ? access.get(`${identity.id}\u0000${target.id}`) : undefined;
        if (identity) resolvedBy = `${resolvedBy}; as the gateway's identity ${prop.str(identity, 'name') ?? identity.id}`;
        const key = `${endpoint.id}\u0000${target.id}\u0000${call.url}\u0000${call.method}`;
        const known = edges.get(key);
        const merged = known === undefined ? condition : known.properties['condition'] === undefined || condition === null ? null : `${String(known.properties['condition'])} | ${condition}`;
        const level = permission?.properties['accessLevel'];
        const roles = permission?.properties['roles'];
        edges.set(
          key,
          validateEdge({
            kind: 'CALLS',
            from: endpoint.id,
            fromKind: endpoint.kind,
            to: target.id,
            toKind: target.kind,
            properties: {
              derived: true,
              url: call.url,
              method: call.method,
              policy: call.policy,
              mode: call.mode,
              condition: merged ?? undefined,
              identityId: identity?.id,
              tokenResource: call.managedIdentity?.resource || undefined,
              accessLevel: typeof level === 'string' && ACCESS_RANK[level] ? level : undefined,
              roles: Array.isArray(roles) ? roles : undefined,
              resolvedBy,
            },
          }),
        );
      }
    }
  }
  return { edges: [...edges.values()], externalHosts: [...external.values()], problems };
}
