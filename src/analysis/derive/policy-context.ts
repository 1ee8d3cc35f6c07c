import type { GraphNode } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';
import { PolicyLibrary, type EffectivePolicies, type NamedValue, type PolicyFacts, type ScopedPolicy } from '../policy/index.js';

/** `…/service/<s>/workspaces/<w>/apis/<a>` → `…/service/<s>/workspaces/<w>`; undefined for a service-level API. */
export function workspaceIdOf(apiId: string): string | undefined {
  return /^(.*\/service\/[^/]+\/workspaces\/[^/]+)\/apis\/[^/]+$/i.exec(apiId)?.[1];
}

/**
 * The policy scopes above an APIM operation, outermost first, once per product the API belongs to. An API in a
 * workspace runs service All APIs → workspace All APIs → product → API → operation (policy reference: scopes).
 */
export function policyChains(
  view: GraphView,
  endpoint: GraphNode,
): { api: GraphNode | undefined; gateway: GraphNode | undefined; workspace: GraphNode | undefined; chains: ScopedPolicy[][] } {
  const api = view.sources(endpoint.id, 'CONTAINS', 'Api')[0];
  const gateway = api ? view.sources(api.id, 'CONTAINS', 'ApiGateway')[0] : undefined;
  const workspaceId = api ? workspaceIdOf(api.id) : undefined;
  const workspace = workspaceId ? view.get(workspaceId) : undefined;
  const scoped = (scope: ScopedPolicy['scope'], node: GraphNode | undefined, name: string): ScopedPolicy => ({
    scope,
    xml: prop.str(node, name) ?? null,
    ...(node ? { ownerId: node.id } : {}),
  });
  const products = api ? view.sources(api.id, 'INCLUDES', 'ApiProduct') : [];
  const chain = (product: GraphNode | undefined): ScopedPolicy[] => [
    scoped('global', gateway, 'globalPolicy'),
    ...(workspaceId ? [scoped('workspace', workspace, 'policy')] : []),
    scoped('product', product, 'policy'),
    scoped('api', api, 'policy'),
    scoped('operation', endpoint, 'policy'),
  ];
  return { api, gateway, workspace, chains: products.length ? products.map(chain) : [chain(undefined)] };
}

/** Policy fragments and named values per gateway and per workspace, read from the graph once per analysis. */
export class PolicyLibraries {
  private readonly byOwner = new Map<string, PolicyLibrary>();
  constructor(private readonly view: GraphView) {}

  /** The library of the workspace when there is one (falling back to the gateway's), else the gateway's. */
  of(gateway: GraphNode | undefined, workspace?: GraphNode): PolicyLibrary {
    if (!gateway) return PolicyLibrary.EMPTY;
    const service = this.read(gateway);
    return workspace ? this.read(workspace, service) : service;
  }

  private read(owner: GraphNode, outer?: PolicyLibrary): PolicyLibrary {
    let library = this.byOwner.get(owner.id);
    if (!library) {
      const fragments = new Map<string, { id: string; xml: string }>();
      for (const fragment of this.view.targets(owner.id, 'CONTAINS', 'ApiPolicyFragment')) {
        const xml = prop.str(fragment, 'value');
        if (xml !== undefined) fragments.set((prop.str(fragment, 'name') ?? '').toLowerCase(), { id: fragment.id, xml });
      }
      const namedValues = new Map<string, NamedValue>();
      for (const named of this.view.targets(owner.id, 'CONTAINS', 'ApiNamedValue')) {
        const name = prop.str(named, 'displayName') ?? prop.str(named, 'name') ?? '';
        namedValues.set(name.toLowerCase(), { value: prop.str(named, 'value') ?? null });
      }
      library = new PolicyLibrary(owner.id, fragments, namedValues, outer);
      this.byOwner.set(owner.id, library);
    }
    return library;
  }
}

const LIBRARIES = new WeakMap<GraphView, PolicyLibraries>();

/** The policy facts of each way into an APIM operation (one per product, or the API alone), with its product. */
export function endpointPolicies(
  view: GraphView,
  endpoint: GraphNode,
  policies: EffectivePolicies,
): { api: GraphNode | undefined; gateway: GraphNode | undefined; ways: { product: GraphNode | undefined; facts: PolicyFacts }[] } {
  let libraries = LIBRARIES.get(view);
  if (!libraries) {
    libraries = new PolicyLibraries(view);
    LIBRARIES.set(view, libraries);
  }
  const { api, gateway, workspace, chains } = policyChains(view, endpoint);
  const products = api ? view.sources(api.id, 'INCLUDES', 'ApiProduct') : [];
  const library = libraries.of(gateway, workspace);
  const ways = chains.map((chain, i) => ({ product: products[i], facts: policies.of(chain, library) }));
  return { api, gateway, ways };
}
