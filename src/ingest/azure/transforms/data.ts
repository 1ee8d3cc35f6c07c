import { edgeDeclaration, type JsonValue, type NodeKind } from '../../../model/index.js';
import { InputError } from '../../../util/errors.js';
import type { ArmRow } from '../arm-row.js';
import { lastSegment, parentId } from '../../../model/arm-ids.js';
import {
  azureProperties,
  identities,
  resourceNode,
  type NodeRef,
  type PropertyInput,
  type TransformOutput,
  type TransformTable,
} from '../transform.js';
import { at, bool, obj, objects, str } from '../../../util/json.js';

/**
 * Data stores: storage accounts, SQL servers and databases (with their firewall rules), Cosmos DB accounts and Key
 * Vaults. Only the named posture properties are copied from a row, never the row as a whole, so keys and
 * connection strings cannot slip into the graph.
 */

const SQL = 'microsoft.sql/servers';

/** JSON from a parsed file is JSON all the way down; this narrows an ARM object for a `json` property. */
function jsonObject(v: unknown): Record<string, JsonValue> | undefined {
  return obj(v) as Record<string, JsonValue> | undefined;
}

const scope = (row: ArmRow) => ({ subscriptionId: row.subscriptionId ?? undefined });

/**
 * A data store's own managed identities (storage accounts use one for customer-managed keys, SQL servers for
 * outbound access). The model lets only compute and gateways authenticate as an identity, so the identities are
 * added only where the CAN_AUTHENTICATE_AS declaration allows the data store's kind.
 */
function dataStoreIdentities(row: ArmRow, out: TransformOutput, owner: NodeRef): void {
  if (edgeDeclaration('CAN_AUTHENTICATE_AS').from.includes(owner.kind)) identities(row, out, owner);
}

export function dataStore(row: ArmRow, out: TransformOutput, kind: NodeKind, properties: PropertyInput): void {
  dataStoreIdentities(row, out, resourceNode(row, out, kind, properties));
}

function transformStorageAccount(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  dataStore(row, out, 'StorageAccount', {
    publicNetworkAccess: str(p['publicNetworkAccess']),
    // Kept as ARM returns it: defaultAction, bypass, ipRules[{value, action}], virtualNetworkRules[{id, action}].
    networkAcls: jsonObject(p['networkAcls']),
    allowBlobPublicAccess: bool(p['allowBlobPublicAccess']),
    supportsHttpsTrafficOnly: bool(p['supportsHttpsTrafficOnly']),
    minimumTlsVersion: str(p['minimumTlsVersion']),
    allowSharedKeyAccess: bool(p['allowSharedKeyAccess']),
    blobEndpoint: str(at(p, 'primaryEndpoints', 'blob')),
  });
}

function transformSqlServer(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  dataStore(row, out, 'SqlServer', {
    fullyQualifiedDomainName: str(p['fullyQualifiedDomainName'])?.toLowerCase(),
    publicNetworkAccess: str(p['publicNetworkAccess']),
    minimalTlsVersion: str(p['minimalTlsVersion']),
  });
}

function serverOf(row: ArmRow): NodeRef {
  return parentServerOf(row, 'SqlServer', '/providers/microsoft.sql/servers/', 'a SQL server');
}

/** The server a child row sits under, checked by its provider path so a misfiled row fails rather than attaches. */
export function parentServerOf(row: ArmRow, kind: NodeKind, providerPath: string, what: string): NodeRef {
  const id = parentId(row.id);
  if (!id.includes(providerPath)) {
    throw new InputError({ file: row.file, index: row.index }, `${row.id} is not under ${what}`);
  }
  return { id, kind };
}

function transformSqlDatabase(row: ArmRow, out: TransformOutput): void {
  // `master` is the server's system database: it holds logins and server settings, not application data.
  if (lastSegment(row.id) === 'master') return;
  const server = serverOf(row);
  const database = out.node('SqlDatabase', row.id, {
    ...azureProperties(row),
    name: lastSegment(row.id),
    skuName: str(row.sku?.['name']),
  });
  out.edge('CONTAINS', server, database, scope(row));
}

/**
 * Server firewall rules (SQL, PostgreSQL, MySQL) are not in Resource Graph: they arrive as ARM list rows, one per
 * rule, and are kept on their server as `{ name, startIpAddress, endIpAddress }`.
 */
export function appendFirewallRule(row: ArmRow, out: TransformOutput, server: NodeRef): void {
  const start = str(row.properties['startIpAddress']);
  const end = str(row.properties['endIpAddress']);
  if (!start || !end) {
    throw new InputError(
      { file: row.file, index: row.index },
      `firewall rule ${row.id} without "startIpAddress" or "endIpAddress"`,
    );
  }
  // 0.0.0.0–0.0.0.0 is "Allow Azure services": any Azure-hosted caller, from any tenant. Kept as is for analysis.
  out.append(server, 'firewallRules', { name: lastSegment(row.name), startIpAddress: start, endIpAddress: end });
}

function transformSqlFirewallRule(row: ArmRow, out: TransformOutput): void {
  appendFirewallRule(row, out, serverOf(row));
}

function transformCosmosDbAccount(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  const ipRules = objects(p['ipRules'])
    .map((r) => str(r['ipAddressOrRange']))
    .filter((r): r is string => r !== undefined);
  dataStore(row, out, 'CosmosDbAccount', {
    documentEndpoint: str(p['documentEndpoint']),
    publicNetworkAccess: str(p['publicNetworkAccess']),
    ipRules: Array.isArray(p['ipRules']) ? ipRules : undefined,
    isVirtualNetworkFilterEnabled: bool(p['isVirtualNetworkFilterEnabled']),
    disableLocalAuth: bool(p['disableLocalAuth']),
  });
}

/** Access policies grant data-plane rights outside Azure RBAC; only who and what are kept. */
function accessPolicies(v: unknown): JsonValue[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return objects(v).flatMap((policy) => {
    const objectId = str(policy['objectId'])?.toLowerCase();
    return objectId ? [{ objectId, permissions: jsonObject(policy['permissions']) ?? {} }] : [];
  });
}

function transformKeyVault(row: ArmRow, out: TransformOutput): void {
  const p = row.properties;
  dataStore(row, out, 'KeyVault', {
    vaultUri: str(p['vaultUri']),
    networkAcls: jsonObject(p['networkAcls']),
    publicNetworkAccess: str(p['publicNetworkAccess']),
    enableRbacAuthorization: bool(p['enableRbacAuthorization']),
    accessPolicies: accessPolicies(p['accessPolicies']),
  });
}

export const DATA_TRANSFORMS: TransformTable = {
  'microsoft.storage/storageaccounts': transformStorageAccount,
  [SQL]: transformSqlServer,
  [`${SQL}/databases`]: transformSqlDatabase,
  [`${SQL}/firewallrules`]: transformSqlFirewallRule,
  'microsoft.documentdb/databaseaccounts': transformCosmosDbAccount,
  'microsoft.keyvault/vaults': transformKeyVault,
};
