/** Data store rows: storage, SQL servers and databases, Cosmos DB, Key Vault (private endpoints: rows-private-endpoints.ts). */
import type { EstateContext } from './context.js';
import {
  cosmosId,
  cosmosName,
  rgName,
  sqlId,
  sqlName,
  storageId,
  storageName,
  suffix,
  vaultId,
  vaultName,
} from './naming.js';
import type { Rng } from './prng.js';
import { argResource, tagsOf, type AzureRow } from './rows.js';

const SUCCEEDED = 'Succeeded';

export type DataFlavour = 'storage' | 'sql' | 'cosmos' | 'vault';

/** A data store that role assignments and private endpoints point at. SQL databases are reached through their server. */
export interface DataTarget {
  readonly flavour: DataFlavour;
  readonly index: number;
  readonly id: string;
  readonly name: string;
}

export function dataTargetCount(ctx: EstateContext): number {
  const p = ctx.sub;
  return p.storage + p.sqlServers + p.cosmos + p.keyVaults;
}

/** Data targets numbered storage first, then SQL servers, Cosmos DB accounts and vaults. */
export function dataTarget(ctx: EstateContext, s: number, d: number): DataTarget {
  const { storage, sqlServers, cosmos } = ctx.sub;
  if (d < storage) return { flavour: 'storage', index: d, id: storageId(ctx, s, d), name: storageName(s, d) };
  if (d < storage + sqlServers)
    return { flavour: 'sql', index: d - storage, id: sqlId(ctx, s, d - storage), name: sqlName(s, d - storage) };
  const k = d - storage - sqlServers;
  if (k < cosmos) return { flavour: 'cosmos', index: k, id: cosmosId(ctx, s, k), name: cosmosName(s, k) };
  return { flavour: 'vault', index: k - cosmos, id: vaultId(ctx, s, k - cosmos), name: vaultName(s, k - cosmos) };
}

/** Service firewall: most deny by default; some still allow everyone (the public data access finding). */
function networkAcls(rng: Rng, withBypass: boolean): AzureRow {
  const acls: AzureRow = {
    defaultAction: rng.chance(0.3) ? 'Allow' : 'Deny',
    ipRules: rng.chance(0.3) ? [{ value: '203.0.113.0/24', action: 'Allow' }] : [],
    virtualNetworkRules: [],
  };
  if (withBypass) acls['bypass'] = 'AzureServices';
  return acls;
}

const publicAccess = (rng: Rng) => (rng.chance(0.8) ? 'Enabled' : 'Disabled');

function storageRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('storage', s, j);
  const name = storageName(s, j);
  const endpoint = (service: string) => `https://${name}.${service}.core.windows.net/`;
  return argResource(ctx, {
    id: storageId(ctx, s, j),
    name,
    type: 'microsoft.storage/storageaccounts',
    s,
    resourceGroup: rgName(ctx, 'data', j),
    kind: 'StorageV2',
    tags: tagsOf(rng),
    sku: rng.pick([
      { name: 'Standard_LRS', tier: 'Standard' },
      { name: 'Standard_ZRS', tier: 'Standard' },
      { name: 'Standard_GRS', tier: 'Standard' },
    ]),
    properties: {
      provisioningState: SUCCEEDED,
      allowBlobPublicAccess: rng.chance(0.15),
      allowSharedKeyAccess: rng.chance(0.6),
      publicNetworkAccess: publicAccess(rng),
      supportsHttpsTrafficOnly: rng.chance(0.95),
      minimumTlsVersion: rng.chance(0.9) ? 'TLS1_2' : 'TLS1_0',
      networkAcls: { ...networkAcls(rng, true), resourceAccessRules: [] },
      primaryEndpoints: {
        blob: endpoint('blob'),
        dfs: endpoint('dfs'),
        file: endpoint('file'),
        queue: endpoint('queue'),
        table: endpoint('table'),
        web: `https://${name}.z6.web.core.windows.net/`,
      },
      encryption: {
        keySource: 'Microsoft.Storage',
        services: { blob: { enabled: true, keyType: 'Account' }, file: { enabled: true, keyType: 'Account' } },
      },
      accessTier: 'Hot',
    },
  });
}

function sqlRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('sql', s, j);
  const name = sqlName(s, j);
  return argResource(ctx, {
    id: sqlId(ctx, s, j),
    name,
    type: 'microsoft.sql/servers',
    s,
    resourceGroup: rgName(ctx, 'data', j),
    kind: 'v12.0',
    tags: tagsOf(rng),
    identity: rng.chance(0.5)
      ? { type: 'SystemAssigned', principalId: ctx.rng('sql-principal', s, j).guid(), tenantId: ctx.tenantId }
      : null,
    properties: {
      administratorLogin: 'sqladmin',
      version: '12.0',
      state: 'Ready',
      fullyQualifiedDomainName: `${name}.database.windows.net`,
      publicNetworkAccess: publicAccess(rng),
      minimalTlsVersion: rng.chance(0.85) ? '1.2' : '1.0',
      restrictOutboundNetworkAccess: 'Disabled',
      administrators: {
        administratorType: 'ActiveDirectory',
        principalType: 'Group',
        login: 'sql-admins',
        sid: rng.guid(),
        tenantId: ctx.tenantId,
        azureADOnlyAuthentication: rng.chance(0.5),
      },
    },
  });
}

/** SQL databases spread over the servers round-robin (child ids under `…/servers/<server>`). */
function sqlDatabaseRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('sqldb', s, j);
  const server = j % ctx.sub.sqlServers;
  const name = `sqldb-${suffix(s, j)}`;
  return argResource(ctx, {
    id: `${sqlId(ctx, s, server)}/databases/${name}`,
    name,
    type: 'microsoft.sql/servers/databases',
    s,
    resourceGroup: rgName(ctx, 'data', server),
    kind: 'v12.0,user',
    tags: tagsOf(rng),
    managedBy: '',
    sku: { name: 'GP_S_Gen5', tier: 'GeneralPurpose', family: 'Gen5', capacity: 2 },
    properties: {
      status: 'Online',
      collation: 'SQL_Latin1_General_CP1_CI_AS',
      databaseId: rng.guid(),
      zoneRedundant: false,
      requestedBackupStorageRedundancy: 'Geo',
    },
  });
}

function cosmosRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('cosmos', s, j);
  const name = cosmosName(s, j);
  const filtered = rng.chance(0.5);
  return argResource(ctx, {
    id: cosmosId(ctx, s, j),
    name,
    type: 'microsoft.documentdb/databaseaccounts',
    s,
    resourceGroup: rgName(ctx, 'data', j),
    kind: rng.chance(0.8) ? 'GlobalDocumentDB' : 'MongoDB',
    tags: tagsOf(rng),
    properties: {
      provisioningState: SUCCEEDED,
      documentEndpoint: `https://${name}.documents.azure.com:443/`,
      databaseAccountOfferType: 'Standard',
      publicNetworkAccess: publicAccess(rng),
      ipRules: filtered ? [{ ipAddressOrRange: '203.0.113.0/24' }] : [],
      isVirtualNetworkFilterEnabled: filtered,
      virtualNetworkRules: [],
      disableLocalAuth: rng.chance(0.4),
      networkAclBypass: 'None',
      minimalTlsVersion: 'Tls12',
      consistencyPolicy: { defaultConsistencyLevel: 'Session', maxIntervalInSeconds: 5, maxStalenessPrefix: 100 },
      locations: [{ locationName: ctx.subscription(s).region, failoverPriority: 0, isZoneRedundant: false }],
    },
  });
}

function vaultRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('vault', s, j);
  const name = vaultName(s, j);
  const rbac = rng.chance(0.6);
  return argResource(ctx, {
    id: vaultId(ctx, s, j),
    name,
    type: 'microsoft.keyvault/vaults',
    s,
    resourceGroup: rgName(ctx, 'data', j),
    tags: tagsOf(rng),
    properties: {
      vaultUri: `https://${name}.vault.azure.net/`,
      tenantId: ctx.tenantId,
      sku: { family: 'A', name: 'standard' },
      enableRbacAuthorization: rbac,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: rng.chance(0.5),
      publicNetworkAccess: publicAccess(rng),
      networkAcls: networkAcls(rng, true),
      // Access policies name principals by object id: here people or groups outside the generated identities.
      accessPolicies: rbac
        ? []
        : [
            {
              tenantId: ctx.tenantId,
              objectId: rng.guid(),
              permissions: { secrets: ['get', 'list'], keys: [], certificates: [] },
            },
          ],
    },
  });
}

export function* dataRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  const plan = ctx.sub;
  for (let j = 0; j < plan.storage; j++) yield storageRow(ctx, s, j);
  for (let j = 0; j < plan.sqlServers; j++) yield sqlRow(ctx, s, j);
  for (let j = 0; j < plan.sqlDatabases; j++) yield sqlDatabaseRow(ctx, s, j);
  for (let j = 0; j < plan.cosmos; j++) yield cosmosRow(ctx, s, j);
  for (let j = 0; j < plan.keyVaults; j++) yield vaultRow(ctx, s, j);
}

export function dataRowCount(ctx: EstateContext): number {
  const p = ctx.sub;
  return p.storage + p.sqlServers + p.sqlDatabases + p.cosmos + p.keyVaults;
}
