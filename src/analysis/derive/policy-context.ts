import type { GraphNode } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';
import { PolicyLibrary, type EffectivePolicies, type NamedValue, type PolicyFacts, type ScopedPolicy } from '../policy/index.js';

/** The policy scopes above an APIM operation, outermost first, once per product the API belongs to. */
export function policyChains(view: GraphView, endpoint: GraphNode): { api: GraphNode | undefined; gateway: GraphNode | undefined; chains: ScopedPolicy[][] } {
  const api = view.sources(endpoint.id, 'CONTAINS', 'Api')[0];
  const gateway = api ? view.sources(api.id, 'CONTAINS', 'ApiGateway')[0] : undefined;
  const scoped = (scope: ScopedPolicy['scope'], node: GraphNode | undefined, name: string): ScopedPolicy => ({
    scope,
    xml: prop.str(node, name) ?? null,
    ...(node ? { ownerId: node.id } : {}),
  });
  const products = api ? view.sources(api.id, 'INCLUDES', 'ApiProduct') : [];
  const chain = (product: GraphNode | undefined): ScopedPolicy[] => [
    scoped('global', gateway, 'globalPolicy'),
    scoped('product', product, 'policy'),
    scoped('api', api, 'policy'),
    scoped('operation', endpoint, 'policy'),
  ];
  return { api, gateway, chains: products.length ? products.map(chain) : [chain(undefined)] };
}

/** Policy fragments and named values per gateway, read from the graph once per analysis. */
export class PolicyLibraries {
  private readonly byGateway = new Map<string, PolicyLibrary>();
  constructor(private readonly view: GraphView) {}

  of(gateway: GraphNode | undefined): PolicyLibrary {
    if (!gateway) return PolicyLibrary.EMPTY;
    let library = this.byGateway.get(gateway.id);
    if (!library) {
      const fragments = new Map<string, { id: string; xml: string }>();
      for (const fragment of this.view.targets(gateway.id, 'CONTAINS', 'ApiPolicyFragment')) {
        const xml = prop.str(fragment, 'value');
        if (xml !== undefined) fragments.set((prop.str(fragment, 'name') ?? '').toLowerCase(), { id: fragment.id, xml });
      }
      const namedValues = new Map<string, NamedValue>();
      for (const named of this.view.targets(gateway.id, 'CONTAINS', 'ApiNamedValue')) {
        const name = prop.str(named, 'displayName') ?? prop.str(named, 'name') ?? '';
        namedValues.set(name.toLowerCase(), { value: prop.str(named, 'value') ?? null });
      }
      library = new PolicyLibrary(gateway.id, fragments, namedValues);
      this.byGateway.set(gateway.id, library);
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
  const { api, gateway, chains } = policyChains(view, endpoint);
  const products = api ? view.sources(api.id, 'INCLUDES', 'ApiProduct') : [];
  const library = libraries.of(gateway);
  const ways = chains.map((chain, i) => ({ product: products[i], facts: policies.of(chain, library) }));
  return { api, gateway, ways };
}
