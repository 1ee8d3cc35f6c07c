import type { GraphEdge, GraphNode } from '../../model/index.js';
import { hasInsight } from './targets.js';
import type { FoundPath } from './types.js';

export const PATH_FAMILY_IDS = [
  'gateway-bypass-data-write',
  'gateway-bypass',
  'unauthenticated-sensitive-api',
  'sensitive-api',
  'api-to-vm',
  'api-identity-key-vault',
  'api-identity-write',
  'api-identity-read',
  'api-routes-to-data-store',
  'api-reaches-data-store',
] as const;
export type PathFamilyId = (typeof PATH_FAMILY_IDS)[number];

/**
 * What a path of a family cannot exist without. A fix that takes one of these away breaks the path (Defender:
 * an attack path's own conditions are its breaking recommendations); a fix that only weakens another factor
 * reduces its risk.
 */
export const PATH_CONDITIONS = ['internetReach', 'anonymousAccess', 'sensitiveData', 'gatewayBypass', 'dataPermission', 'writePermission'] as const;
export type PathCondition = (typeof PATH_CONDITIONS)[number];

export interface PathFamily {
  readonly id: PathFamilyId;
  /** The display name every path of the family carries. Defender's wording where Defender names the path. */
  readonly name: string;
  readonly origin: 'defender' | 'apiposture';
  /** The conditions the family's name states; every path of the family holds all of them. */
  readonly requires: readonly PathCondition[];
}

type NodeOf = (id: string) => GraphNode | undefined;

interface Shape {
  readonly path: FoundPath;
  readonly target: GraphNode | undefined;
  readonly last: GraphEdge | undefined;
  readonly nodeOf: NodeOf;
}

/** The path ends on an identity's access: a role it holds, or a gateway call made as the gateway's identity. */
const throughIdentity = (edge: GraphEdge | undefined) =>
  edge?.kind === 'HAS_PERMISSION_TO' || (edge?.kind === 'CALLS' && typeof edge.properties['accessLevel'] === 'string');
const writes = (edge: GraphEdge | undefined) =>
  edge !== undefined && throughIdentity(edge) &&
  (edge.properties['accessLevel'] === 'write' || edge.properties['accessLevel'] === 'admin');
const viaIdentity = (s: Shape) => throughIdentity(s.last);

/** True when a VM or scale set sits on the path after an endpoint (Defender's "API endpoints routing traffic to VMs"). */
function routesThroughVm(s: Shape): boolean {
  let afterEndpoint = false;
  for (const id of s.path.nodeIds) {
    const kind = s.nodeOf(id)?.kind;
    if (kind === 'ApiEndpoint') afterEndpoint = true;
    else if (afterEndpoint && (kind === 'VirtualMachine' || kind === 'VirtualMachineScaleSet')) return true;
  }
  return false;
}

/** The closed table, in precedence order: the first rule that holds names the path. */
const FAMILY_RULES: readonly (PathFamily & { readonly holds: (s: Shape) => boolean })[] = [
  {
    id: 'gateway-bypass-data-write',
    name: 'Backend of an API is reachable from the internet, bypassing the gateway, and its identity can write to a data store',
    origin: 'apiposture',
    requires: ['internetReach', 'gatewayBypass', 'writePermission'],
    holds: (s) => s.path.anchor === 'gatewayBypass' && writes(s.last),
  },
  {
    id: 'gateway-bypass',
    name: 'Backend of an API is reachable from the internet, bypassing the gateway',
    origin: 'apiposture',
    requires: ['internetReach', 'gatewayBypass'],
    holds: (s) => s.path.anchor === 'gatewayBypass',
  },
  {
    id: 'unauthenticated-sensitive-api',
    name: 'Internet exposed APIs that are unauthenticated carry sensitive data',
    origin: 'defender',
    requires: ['internetReach', 'anonymousAccess', 'sensitiveData'],
    holds: (s) => s.target?.kind === 'ApiEndpoint' && hasInsight(s.target, 'AllowsAnonymousAccess'),
  },
  {
    id: 'sensitive-api',
    name: 'Internet exposed APIs carry sensitive data',
    origin: 'apiposture',
    requires: ['internetReach', 'sensitiveData'],
    holds: (s) => s.target?.kind === 'ApiEndpoint',
  },
  {
    id: 'api-to-vm',
    name: 'Internet exposed API endpoints route traffic to VMs that can reach a data store',
    origin: 'apiposture',
    requires: ['internetReach'],
    holds: routesThroughVm,
  },
  {
    id: 'api-identity-key-vault',
    name: 'Internet-exposed API routes to a backend whose identity can access a Key Vault',
    origin: 'apiposture',
    requires: ['internetReach', 'dataPermission'],
    holds: (s) => viaIdentity(s) && s.target?.kind === 'KeyVault',
  },
  {
    id: 'api-identity-write',
    name: 'Internet-exposed API routes to a backend whose identity can write to a data store',
    origin: 'apiposture',
    requires: ['internetReach', 'writePermission'],
    holds: (s) => writes(s.last),
  },
  {
    id: 'api-identity-read',
    name: 'Internet-exposed API routes to a backend whose identity can read a data store',
    origin: 'apiposture',
    requires: ['internetReach', 'dataPermission'],
    holds: viaIdentity,
  },
  {
    id: 'api-routes-to-data-store',
    name: 'Internet-exposed API routes traffic directly to a data store',
    origin: 'apiposture',
    requires: ['internetReach'],
    holds: (s) => s.last?.kind === 'ROUTES_TO',
  },
  {
    id: 'api-reaches-data-store',
    name: 'Internet-exposed API leads to a data store',
    origin: 'apiposture',
    requires: ['internetReach'],
    holds: () => true,
  },
];

export const PATH_FAMILIES: readonly PathFamily[] = FAMILY_RULES.map(({ id, name, origin, requires }) => ({ id, name, origin, requires }));

/** The family of a path, hence its display name. */
export function classifyPath(path: FoundPath, nodeOf: NodeOf): PathFamily {
  const shape: Shape = {
    path,
    target: nodeOf(path.nodeIds[path.nodeIds.length - 1] ?? ''),
    last: path.edges[path.edges.length - 1],
    nodeOf,
  };
  const rule = FAMILY_RULES.find((r) => r.holds(shape)) as (typeof FAMILY_RULES)[number];
  return { id: rule.id, name: rule.name, origin: rule.origin, requires: rule.requires };
}

export function pathFamily(id: PathFamilyId): PathFamily {
  return PATH_FAMILIES.find((f) => f.id === id) as PathFamily;
}
