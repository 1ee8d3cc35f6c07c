import { validateEdge, type GraphEdge, type GraphNode } from '../../model/index.js';
import { prop, type GraphView } from '../graph-view.js';
import { accessFromVaultPolicy, grantFromPermissions, grantLevel, maxAccess, type AccessLevel, type RoleGrant } from './access-level.js';
import { BUILTIN_ROLES } from './builtin-roles.js';

const DATA_STORES = ['StorageAccount', 'SqlServer', 'SqlDatabase', 'CosmosDbAccount', 'KeyVault', 'PostgreSqlServer', 'MySqlServer'] as const;

interface Grant {
  identity: GraphNode;
  store: GraphNode;
  access: AccessLevel;
  roles: Set<string>;
  scopes: Set<string>;
}

/**
 * Scopes that contain a resource, compared by whole path segments: the resource itself, its parents
 * (a SQL server for its databases), its resource group and its subscription. `rg-x` never contains `rg-x-data`.
 */
export function containingScopes(resourceId: string): string[] {
  const parts = resourceId.split('/');
  const scopes: string[] = [];
  // /subscriptions/<s> → 3 parts, /subscriptions/<s>/resourcegroups/<g> → 5, then every name/value pair below providers.
  for (let end = 3; end <= parts.length; end++) {
    const segment = parts[end - 2];
    if (end === 3 || end === 5 || (end > 7 && (end - 7) % 2 === 0) || end === parts.length) {
      if (segment !== 'providers') scopes.push(parts.slice(0, end).join('/'));
    }
  }
  return [...new Set(scopes)];
}

/**
 * Scopes above each subscription, by subscription id: its management groups (from `managementGroupAncestorsChain`)
 * and the tenant root `/`. ARM inheritance: an assignment at a management group applies to every subscription below
 * it, and at `/` to the whole tenant. Without a known chain only `/` is added.
 */
function managementGroupScopes(view: GraphView): Map<string, string[]> {
  const scopes = new Map<string, string[]>();
  for (const subscription of view.ofKind('Subscription')) {
    const groups = prop.strs(subscription, 'managementGroups').map((name) => `/providers/microsoft.management/managementgroups/${name}`);
    scopes.set(subscription.id, [...groups, '/']);
  }
  return scopes;
}

/** The provider namespace of a resource id: `microsoft.storage` for a storage account. */
function providerOf(id: string): string | undefined {
  const parts = id.split('/');
  const at = parts.lastIndexOf('providers');
  return at >= 0 ? parts[at + 1] : undefined;
}

/**
 * What a role grants on one data store: only roles whose permissions name the store's provider (or `*`) apply, so
 * SQL Server Contributor at resource-group scope gives nothing on a storage account there. A Key Vault that uses
 * access policies ignores RBAC data actions: only control-plane roles (which can edit the policies) count there.
 */
function accessOn(store: GraphNode, roleGrant: RoleGrant): AccessLevel | null {
  const provider = providerOf(store.id);
  if (roleGrant.providers !== '*' && (!provider || !roleGrant.providers.has(provider))) return null;
  const policies = store.kind === 'KeyVault' && prop.bool(store, 'enableRbacAuthorization') !== true;
  return grantLevel(roleGrant, { control: true, data: !policies });
}

function roleGuid(roleDefinitionId: string): string {
  return roleDefinitionId.slice(roleDefinitionId.lastIndexOf('/') + 1).toLowerCase();
}

/**
 * HAS_PERMISSION_TO: what each managed identity may do on each data store, from RBAC role assignments (with scope
 * inheritance from management groups, subscription and resource group down to the resource) and Key Vault access
 * policies. The scope of each assignment that applies is kept in the edge's `scopes` (the evidence).
 */
export function derivePermissions(view: GraphView): GraphEdge[] {
  const identitiesByPrincipal = new Map<string, GraphNode[]>();
  for (const identity of view.ofKind('ManagedIdentity')) {
    const principal = prop.str(identity, 'principalId')?.toLowerCase();
    if (!principal) continue;
    identitiesByPrincipal.set(principal, [...(identitiesByPrincipal.get(principal) ?? []), identity]);
  }
  const rolesByGuid = new Map(view.ofKind('RoleDefinition').map((r) => [roleGuid(r.id), r]));
  const groupScopes = managementGroupScopes(view);
  const storesByScope = new Map<string, GraphNode[]>();
  for (const store of view.ofKind(...DATA_STORES)) {
    const subscription = containingScopes(store.id)[0] ?? '';
    for (const scope of [...containingScopes(store.id), ...(groupScopes.get(subscription) ?? [])]) {
      storesByScope.set(scope, [...(storesByScope.get(scope) ?? []), store]);
    }
  }

  const grants = new Map<string, Grant>();
  const grant = (identity: GraphNode, store: GraphNode, access: AccessLevel, role: string, scope: string) => {
    const key = `${identity.id}\u0000${store.id}`;
    const existing = grants.get(key);
    if (existing) {
      existing.access = maxAccess(existing.access, access);
      existing.roles.add(role);
      existing.scopes.add(scope);
    } else grants.set(key, { identity, store, access, roles: new Set([role]), scopes: new Set([scope]) });
  };

  for (const assignment of view.ofKind('RoleAssignment')) {
    const identities = identitiesByPrincipal.get(prop.str(assignment, 'principalId')?.toLowerCase() ?? '');
    // The tenant root scope is `/`: trailing slashes come off every other scope only.
    const scope = prop.str(assignment, 'scope')?.toLowerCase().replace(/(.)\/+$/, '$1');
    const roleId = prop.str(assignment, 'roleDefinitionId');
    if (!identities || !scope || !roleId) continue;
    const definition = rolesByGuid.get(roleGuid(roleId));
    const builtin = BUILTIN_ROLES[roleGuid(roleId)];
    const roleGrant = definition ? grantFromPermissions(definition.properties['permissions']) : (builtin?.grant ?? null);
    if (!roleGrant) continue;
    const role = prop.str(definition, 'roleName') ?? builtin?.name ?? roleGuid(roleId);
    for (const store of storesByScope.get(scope) ?? []) {
      const access = accessOn(store, roleGrant);
      if (access) for (const identity of identities) grant(identity, store, access, role, scope);
    }
  }

  for (const vault of view.ofKind('KeyVault')) {
    if (prop.bool(vault, 'enableRbacAuthorization') === true) continue; // access policies are ignored under RBAC
    const policies = vault.properties['accessPolicies'];
    if (!Array.isArray(policies)) continue;
    for (const policy of policies) {
      if (!policy || typeof policy !== 'object' || Array.isArray(policy)) continue;
      const objectId = typeof policy['objectId'] === 'string' ? policy['objectId'].toLowerCase() : '';
      const access = accessFromVaultPolicy(policy['permissions']);
      if (!access) continue;
      for (const identity of identitiesByPrincipal.get(objectId) ?? []) grant(identity, vault, access, 'Key Vault access policy', vault.id);
    }
  }

  return [...grants.values()]
    .sort((a, b) => (a.identity.id + a.store.id < b.identity.id + b.store.id ? -1 : 1))
    .map((g) =>
      validateEdge({
        kind: 'HAS_PERMISSION_TO',
        from: g.identity.id,
        fromKind: 'ManagedIdentity',
        to: g.store.id,
        toKind: g.store.kind,
        properties: { derived: true, accessLevel: g.access, roles: [...g.roles].sort(), scopes: [...g.scopes].sort() },
      }),
    );
}
