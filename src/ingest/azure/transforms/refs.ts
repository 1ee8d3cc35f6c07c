import type { JsonValue, NodeKind } from '../../../model/index.js';
import type { ArmRow } from '../arm-row.js';
import { normalizeId } from '../../../model/arm-ids.js';
import type { PropertyInput } from '../transform.js';
import { isObject, objects, str } from '../../../util/json.js';

/** Shared readers for the compute and network transforms: ARM `{ id }` references, edge scope, JSON cleanup. */

/** The lower-cased id of an ARM sub-resource reference `{ "id": "…" }`, or undefined. */
export function refId(v: unknown): string | undefined {
  const id = isObject(v) ? str(v['id']) : undefined;
  return id ? normalizeId(id) : undefined;
}

/** The ids of a list of `{ id }` references, lower-cased, without duplicates. */
export function refIds(v: unknown): string[] {
  return unique(objects(v).map(refId));
}

export function unique<T>(items: readonly (T | null | undefined)[]): T[] {
  return [...new Set(items.filter((x): x is T => x !== null && x !== undefined))];
}

/** Every ingested edge carries its row's subscription, so cleanup removes it with that subscription's stale data. */
export function scope(row: ArmRow): PropertyInput {
  return { subscriptionId: row.subscriptionId ?? undefined };
}

/** The columns of a node embedded in a parent row (a subnet in its VNet): the parent's scope, its own name and type. */
export function embeddedProperties(row: ArmRow, name: string, azureType: string): PropertyInput {
  return {
    name,
    subscriptionId: row.subscriptionId ?? undefined,
    resourceGroup: row.resourceGroup ?? undefined,
    location: row.location ?? undefined,
    azureType,
  };
}

/** True when a value parsed from JSON is JSON all the way down (it always is; this lets the compiler know). */
export function isJson(v: unknown): v is JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  return isObject(v) && Object.values(v).every(isJson);
}

/** A list kept as Azure returns it (NSG rules, IP restrictions, …); `[]` stays `[]`: "no rules" is a fact. */
export function jsonList(v: unknown): JsonValue[] | undefined {
  return Array.isArray(v) ? v.filter(isJson) : undefined;
}

/** A JSON object without its null and undefined members: a missing optional value is absent, never "". */
export function compact(fields: Record<string, JsonValue | undefined>): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== null) out[key] = value;
  return out;
}

/** The part of an ARM id up to `/providers/<namespace>/<type>/<name>`: the top-level resource of any child id. */
export function topLevelResource(id: string): { id: string; type: string } | undefined {
  const match = /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/([^/]+\/[^/]+)\/[^/]+)/.exec(
    normalizeId(id),
  );
  return match?.[1] && match[2] ? { id: match[1], type: match[2] } : undefined;
}

/**
 * Kinds a private endpoint can connect to, by the provider type of the target id. `microsoft.web/sites` may be a
 * web, function or logic app; the collector replaces the kind with the site's own when its row is in the run.
 */
const PRIVATE_LINK_TARGETS: Readonly<Record<string, NodeKind>> = {
  'microsoft.storage/storageaccounts': 'StorageAccount',
  'microsoft.sql/servers': 'SqlServer',
  'microsoft.documentdb/databaseaccounts': 'CosmosDbAccount',
  'microsoft.keyvault/vaults': 'KeyVault',
  'microsoft.dbforpostgresql/flexibleservers': 'PostgreSqlServer',
  'microsoft.dbforpostgresql/servers': 'PostgreSqlServer',
  'microsoft.dbformysql/flexibleservers': 'MySqlServer',
  'microsoft.dbformysql/servers': 'MySqlServer',
  'microsoft.web/sites': 'WebApp',
  'microsoft.apimanagement/service': 'ApiGateway',
};

export function privateLinkTargetKind(type: string): NodeKind | undefined {
  return PRIVATE_LINK_TARGETS[type];
}
