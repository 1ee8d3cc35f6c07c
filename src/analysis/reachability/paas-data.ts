/**
 * Service firewalls of the data stores (azure-data.md §6.2, §5.9): Storage, Key Vault, SQL server, Cosmos DB. Each
 * takes the resource's ARM `properties` object as Azure returns it. The "allow Azure services" switches (SQL's
 * `0.0.0.0` rule, Cosmos's `0.0.0.0` entry) let in Azure-hosted clients of every tenant: a shared-service exposure
 * (`sharedSwitches`). "Trusted Microsoft services" (`bypass: AzureServices`) are different: only listed services
 * whose identity holds permissions on the resource get past, so they are noted and do not widen the scope.
 */
import { bool, obj, objects, str, strs } from '../../util/json.js';
import { formatIpv4, parseIpv4 } from './address.js';
import {
  allowEntry,
  allowListVerdict,
  disabledGate,
  perimeterGate,
  privateEndpointNote,
  verdict,
  withAzureServicesSwitch,
  withNotes,
  type AllowEntry,
  type Properties,
} from './paas-common.js';
import type { ServiceExposure } from './types.js';

function bypassNote(acls: Properties | undefined): string[] {
  const bypass = str(acls?.['bypass']);
  if (!bypass || bypass.toLowerCase() === 'none') return [];
  return [
    `networkAcls.bypass ${bypass}: trusted Microsoft services get past the firewall only for listed operations or when their managed identity holds permissions on the resource — not every Azure customer, not the internet`,
  ];
}

/**
 * Storage and Key Vault share the `networkAcls` model: `defaultAction: Allow` (also the default when `networkAcls`
 * is absent) opens the public endpoint to everyone; `Deny` admits only `ipRules`, virtual network rules (VNet
 * traffic, never the internet) and private endpoints.
 */
function networkAclsExposure(props: Properties, service: string): ServiceExposure {
  const closed = disabledGate(props, service) ?? perimeterGate(props, service);
  if (closed) return withNotes(closed, privateEndpointNote(props, closed.scope));
  const acls = obj(props['networkAcls']);
  const defaultAction = str(acls?.['defaultAction']) ?? 'Allow';
  const evidence = [`publicNetworkAccess is ${str(props['publicNetworkAccess']) ?? 'not set (Enabled)'}`];
  let result: ServiceExposure;
  if (defaultAction.toLowerCase() === 'allow') {
    evidence.push(
      acls
        ? 'networkAcls.defaultAction is Allow: every network reaches the public endpoint'
        : 'no networkAcls: the firewall defaults to Allow',
    );
    result = verdict('any', evidence);
  } else {
    evidence.push('networkAcls.defaultAction is Deny: only the listed sources get in');
    const vnetRules = objects(acls?.['virtualNetworkRules']).length;
    if (vnetRules > 0)
      evidence.push(`${vnetRules} virtual network rule(s): traffic from those subnets only, not from the internet`);
    const entries = objects(acls?.['ipRules'])
      .filter((rule) => (str(rule['action']) ?? 'Allow').toLowerCase() === 'allow')
      .map((rule) => str(rule['value']))
      .filter((value): value is string => value !== undefined)
      .map(allowEntry);
    result = allowListVerdict(entries, evidence, 'ipRules');
  }
  return withNotes(result, [...bypassNote(acls), ...privateEndpointNote(props, result.scope)]);
}

/** `microsoft.storage/storageaccounts` properties. */
export function storageAccountExposure(props: Properties): ServiceExposure {
  return networkAclsExposure(props, 'storage account');
}

/** `microsoft.keyvault/vaults` properties. */
export function keyVaultExposure(props: Properties): ServiceExposure {
  return networkAclsExposure(props, 'key vault');
}

/** A SQL server firewall rule, either the ARM resource (`{ name, properties: {…} }`) or its flat properties. */
export interface SqlFirewallRule {
  readonly name?: string | null;
  readonly startIpAddress?: string | null;
  readonly endIpAddress?: string | null;
  readonly properties?: { readonly startIpAddress?: string | null; readonly endIpAddress?: string | null } | null;
}

function sqlRange(rule: SqlFirewallRule): { name: string; start: number; end: number } | null {
  const start = parseIpv4(str(rule.properties?.startIpAddress ?? rule.startIpAddress) ?? '');
  const end = parseIpv4(str(rule.properties?.endIpAddress ?? rule.endIpAddress) ?? '');
  if (start === null || end === null || end < start) return null;
  return { name: str(rule.name) ?? '(unnamed rule)', start, end };
}

/** How a server-firewall service names itself and its "allow Azure services" switch in evidence. */
export interface ServerFirewallService {
  readonly service: string;
  readonly azureServicesSwitch: string;
}

const SQL_SERVER: ServerFirewallService = {
  service: 'SQL server',
  azureServicesSwitch: 'Allow Azure services and resources to access this server',
};

/**
 * `microsoft.sql/servers` properties plus its firewall rules (`servers/firewallRules`, not in Resource Graph: pass
 * what `@azure/arm-sql` returned, or leave undefined when they were not collected). SQL denies every client no rule
 * names. `0.0.0.0`–`0.0.0.0` is the "Allow Azure services" switch; `0.0.0.0`–`255.255.255.255` opens the internet.
 * PostgreSQL and MySQL servers follow the same rules under their own names (`service`).
 */
export function sqlServerExposure(
  props: Properties,
  firewallRules?: readonly SqlFirewallRule[] | null,
  service: ServerFirewallService = SQL_SERVER,
): ServiceExposure {
  const closed = disabledGate(props, service.service) ?? perimeterGate(props, service.service);
  if (closed) return withNotes(closed, privateEndpointNote(props, closed.scope));
  const evidence = [`publicNetworkAccess is ${str(props['publicNetworkAccess']) ?? 'not set (Enabled)'}`];
  if (!firewallRules)
    evidence.push('firewall rules were not supplied (they are not in Resource Graph): evaluated as an empty list');
  const entries: AllowEntry[] = [];
  let azureServices: string | null = null;
  for (const rule of firewallRules ?? []) {
    const range = sqlRange(rule);
    if (!range) continue;
    if (range.start === 0 && range.end === 0) {
      azureServices ??= range.name;
      continue;
    }
    const text =
      range.start === range.end ? formatIpv4(range.start) : `${formatIpv4(range.start)}-${formatIpv4(range.end)}`;
    entries.push({ text, addresses: [{ start: range.start, end: range.end }] });
  }
  let result = allowListVerdict(entries, evidence, 'firewall rules');
  if (azureServices)
    result = withAzureServicesSwitch(
      result,
      azureServices,
      `rule ${azureServices} (0.0.0.0–0.0.0.0) is "${service.azureServicesSwitch}": it`,
    );
  return withNotes(result, privateEndpointNote(props, result.scope));
}

/** How Cosmos DB's "accept connections from within public Azure datacenters" switch is named on the edge. */
export const COSMOS_AZURE_DATACENTERS = 'AcceptAzureDatacenters (ipRules 0.0.0.0)';

/**
 * A stored Cosmos DB account (`microsoft.documentdb/databaseaccounts`). No IP rules and no VNet filter: open to every network. With a
 * VNet filter and no IP rules: VNets only. The `0.0.0.0` entry admits Azure datacenters (every tenant's services).
 */
export function cosmosDbExposure(props: Properties): ServiceExposure {
  const closed = disabledGate(props, 'Cosmos DB account') ?? perimeterGate(props, 'Cosmos DB account');
  if (closed) return withNotes(closed, privateEndpointNote(props, closed.scope));
  const evidence = [`publicNetworkAccess is ${str(props['publicNetworkAccess']) ?? 'not set (Enabled)'}`];
  const vnetFilter = bool(props['isVirtualNetworkFilterEnabled']) ?? false;
  // Stored as the list of `ipAddressOrRange` values (model: CosmosDbAccount.ipRules).
  const rules = strs(props['ipRules']) ?? [];
  const datacenters = rules.some((value) => value.trim() === '0.0.0.0');
  const entries = rules.filter((value) => value.trim() !== '0.0.0.0').map(allowEntry);
  let result: ServiceExposure;
  if (rules.length === 0 && !vnetFilter) {
    evidence.push('no ipRules and isVirtualNetworkFilterEnabled is false: every network reaches the account');
    result = verdict('any', evidence);
  } else {
    if (vnetFilter)
      evidence.push(
        `virtual network filter on (${objects(props['virtualNetworkRules']).length} rule(s)): VNet traffic, not the internet`,
      );
    result = allowListVerdict(entries, evidence, 'ipRules');
    if (datacenters)
      result = withAzureServicesSwitch(
        result,
        COSMOS_AZURE_DATACENTERS,
        'ipRules entry 0.0.0.0 ("Accept connections from within public Azure datacenters")',
      );
  }
  const bypass = str(props['networkAclBypass']);
  const notes =
    bypass && bypass.toLowerCase() !== 'none'
      ? [`networkAclBypass ${bypass}: trusted Microsoft services (listed ones, with permissions) get past the firewall — not every Azure customer`]
      : [];
  return withNotes(result, [...notes, ...privateEndpointNote(props, result.scope)]);
}
