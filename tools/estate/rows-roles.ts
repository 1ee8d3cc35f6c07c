/**
 * Role definitions and assignments, as Resource Graph's `authorizationresources` table returns them. Every data
 * resource group and every data store gets a managed identity's role, so each data target is reachable.
 */
import type { EstateContext } from './context.js';
import {
  apimId,
  identityOf,
  pickUami,
  rgId,
  rgName,
  siteId,
  subscriptionId,
  systemPrincipal,
  uamiPrincipal,
  type SiteFlavour,
} from './naming.js';
import type { Rng } from './prng.js';
import { dataTarget, dataTargetCount, type DataFlavour } from './rows-data.js';
import { siteOwner } from './rows-web.js';
import type { AzureRow } from './rows.js';

/** Built-in roles the estate assigns, by their fixed GUIDs (the same in every tenant). */
export const ROLES = {
  owner: ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Owner', ['*'], []],
  contributor: ['b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor', ['*'], []],
  reader: ['acdd72a7-3385-48ef-bd42-f606fba81ae7', 'Reader', ['*/read'], []],
  blobContributor: [
    'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    'Storage Blob Data Contributor',
    ['Microsoft.Storage/storageAccounts/blobServices/containers/read'],
    [
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
      'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
    ],
  ],
  blobReader: [
    '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    'Storage Blob Data Reader',
    ['Microsoft.Storage/storageAccounts/blobServices/containers/read'],
    ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
  ],
  secretsUser: [
    '4633458b-17de-408a-b874-0445c86b69e6',
    'Key Vault Secrets User',
    [],
    ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
  ],
  vaultAdmin: [
    '00482a5a-887f-4fb3-b363-3b7fe8e74483',
    'Key Vault Administrator',
    ['Microsoft.KeyVault/vaults/*/read'],
    ['Microsoft.KeyVault/vaults/*'],
  ],
  sqlDbContributor: [
    '9b7fa17d-e63e-47b0-bb0a-15c516ac86ec',
    'SQL DB Contributor',
    ['Microsoft.Sql/servers/databases/*'],
    [],
  ],
  cosmosContributor: [
    '5bd9cd88-fe45-4216-938b-f97437e15450',
    'DocumentDB Account Contributor',
    ['Microsoft.DocumentDb/databaseAccounts/*'],
    [],
  ],
  websiteContributor: ['de139f84-1756-47ae-9be6-808fbbe84772', 'Website Contributor', ['Microsoft.Web/sites/*'], []],
} as const satisfies Record<string, readonly [string, string, readonly string[], readonly string[]]>;
type Role = keyof typeof ROLES;

const DATA_ROLES: Readonly<Record<DataFlavour, readonly Role[]>> = {
  storage: ['blobContributor', 'blobReader', 'contributor'],
  sql: ['sqlDbContributor', 'contributor'],
  cosmos: ['cosmosContributor', 'contributor'],
  vault: ['secretsUser', 'vaultAdmin'],
};

/** A managed identity's principal: a shared user-assigned one (Zipf), or the identity a site runs as. */
function managedPrincipal(ctx: EstateContext, rng: Rng, s: number): string {
  if (rng.chance(0.6)) return uamiPrincipal(ctx, s, pickUami(ctx, rng));
  const flavour: SiteFlavour = rng.chance(0.7) ? 'function' : 'web';
  const j = rng.int(flavour === 'function' ? ctx.sub.functionApps : ctx.sub.webApps);
  const identity = identityOf(ctx, siteOwner(flavour), s, j);
  if (identity.system) return systemPrincipal(ctx, siteOwner(flavour), s, j);
  return uamiPrincipal(ctx, s, identity.user ?? pickUami(ctx, rng));
}

interface Grant {
  readonly scope: string;
  readonly resourceGroup: string;
  readonly role: Role;
  readonly principalId: string;
  readonly principalType: 'ServicePrincipal' | 'User' | 'Group';
}

/**
 * Assignment r of a subscription: first two per data resource group (managed identities), then three at
 * subscription scope, one per data store at resource scope, and the rest people and groups on app resources.
 */
function grantOf(ctx: EstateContext, rng: Rng, s: number, r: number): Grant {
  const plan = ctx.sub;
  const managed = (scope: string, resourceGroup: string, role: Role): Grant => ({
    scope,
    resourceGroup,
    role,
    principalId: managedPrincipal(ctx, rng, s),
    principalType: 'ServicePrincipal',
  });
  if (r < plan.dataRgs * 2) {
    const rg = rgName(ctx, 'data', r >> 1);
    return managed(rgId(ctx, s, rg), rg, rng.pick<Role>(['blobReader', 'secretsUser', 'contributor', 'reader']));
  }
  let k = r - plan.dataRgs * 2;
  if (k < 3) {
    const scope = subscriptionId(ctx, s);
    if (k === 0)
      return {
        scope,
        resourceGroup: '',
        role: 'reader',
        principalId: uamiPrincipal(ctx, s, 0),
        principalType: 'ServicePrincipal',
      };
    if (k === 1) return managed(scope, '', 'contributor');
    return { scope, resourceGroup: '', role: 'owner', principalId: rng.guid(), principalType: 'Group' };
  }
  k -= 3;
  if (k < dataTargetCount(ctx)) {
    const target = dataTarget(ctx, s, k);
    return managed(target.id, rgName(ctx, 'data', target.index), rng.pick(DATA_ROLES[target.flavour]));
  }
  const principalType = rng.weighted([
    ['User', 0.5],
    ['Group', 0.3],
    ['ServicePrincipal', 0.2],
  ] as const);
  const principalId = principalType === 'ServicePrincipal' ? managedPrincipal(ctx, rng, s) : rng.guid();
  const where = rng.weighted([
    ['rg', 0.5],
    ['site', 0.4],
    ['apim', 0.1],
  ] as const);
  if (where === 'site') {
    const j = rng.int(plan.webApps);
    return {
      scope: siteId(ctx, 'web', s, j),
      resourceGroup: rgName(ctx, 'app', j),
      role: 'websiteContributor',
      principalId,
      principalType,
    };
  }
  if (where === 'apim')
    return {
      scope: apimId(ctx, s, rng.int(plan.apimServices)),
      resourceGroup: 'rg-apim',
      role: 'reader',
      principalId,
      principalType,
    };
  const rg = rgName(ctx, 'app', rng.int(plan.appRgs));
  return {
    scope: rgId(ctx, s, rg),
    resourceGroup: rg,
    role: rng.pick<Role>(['reader', 'contributor']),
    principalId,
    principalType,
  };
}

/** A fixed, seed-derived timestamp in Azure's seven-digit fraction format (no wall clock: output must be stable). */
function timestamp(rng: Rng): string {
  const date = new Date(Date.UTC(2022, 0, 1) + rng.int(1000 * 24 * 3600) * 1000);
  return `${date.toISOString().slice(0, 19)}.${String(rng.int(10_000_000)).padStart(7, '0')}Z`;
}

function roleAssignmentRow(ctx: EstateContext, s: number, r: number): AzureRow {
  const rng = ctx.rng('role-assignment', s, r);
  const grant = grantOf(ctx, rng, s, r);
  const name = rng.guid();
  const creator = rng.guid();
  const created = timestamp(rng);
  const sub = ctx.subscription(s).guid;
  return {
    id: `${grant.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    type: 'microsoft.authorization/roleassignments',
    tenantId: ctx.tenantId,
    kind: '',
    location: '',
    resourceGroup: grant.resourceGroup,
    subscriptionId: sub,
    managedBy: '',
    sku: null,
    plan: null,
    properties: {
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[grant.role][0]}`,
      principalId: grant.principalId,
      principalType: grant.principalType,
      scope: grant.scope,
      condition: null,
      conditionVersion: null,
      createdOn: created,
      updatedOn: created,
      createdBy: creator,
      updatedBy: creator,
      delegatedManagedIdentityResourceId: null,
      description: null,
    },
    tags: null,
    identity: null,
    zones: null,
    extendedLocation: null,
  };
}

function roleDefinitionRow(ctx: EstateContext, role: Role): AzureRow {
  const [guid, roleName, actions, dataActions] = ROLES[role];
  return {
    id: `/providers/Microsoft.Authorization/RoleDefinitions/${guid}`,
    name: guid,
    type: 'microsoft.authorization/roledefinitions',
    tenantId: ctx.tenantId,
    kind: '',
    location: '',
    resourceGroup: '',
    subscriptionId: '',
    managedBy: '',
    sku: null,
    plan: null,
    properties: {
      roleName,
      type: 'BuiltInRole',
      description: `${roleName} (built-in role)`,
      assignableScopes: ['/'],
      permissions: [{ actions: [...actions], notActions: [], dataActions: [...dataActions], notDataActions: [] }],
    },
    tags: null,
    identity: null,
    zones: null,
    extendedLocation: null,
  };
}

export const roleDefinitionCount = () => Object.keys(ROLES).length;

export function* authorizationRows(ctx: EstateContext): Generator<AzureRow> {
  for (const role of Object.keys(ROLES) as Role[]) yield roleDefinitionRow(ctx, role);
  for (let s = 0; s < ctx.plan.subscriptions; s++) {
    for (let r = 0; r < ctx.sub.roleAssignments; r++) yield roleAssignmentRow(ctx, s, r);
  }
}
