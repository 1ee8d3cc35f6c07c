import type { ArmShape } from './arm-shape.js';
import type { AzureClients } from './clients.js';
import type { ChildFetch, ParentResource } from './child-fetch.js';

/** The servers whose firewall rules are read live, by lower-cased Resource Graph type. */
export const SQL_FAMILY_TYPES = [
  'microsoft.sql/servers',
  'microsoft.dbforpostgresql/flexibleservers',
  'microsoft.dbformysql/flexibleservers',
] as const;
export type SqlFamilyType = (typeof SQL_FAMILY_TYPES)[number];

export const isSqlFamilyType = (type: string): type is SqlFamilyType =>
  (SQL_FAMILY_TYPES as readonly string[]).includes(type);

export interface SqlFamilyServer {
  readonly type: SqlFamilyType;
  readonly parent: ParentResource;
}

interface FirewallRuleSource {
  readonly operation: string;
  readonly shape: ArmShape;
  readonly list: (clients: AzureClients, server: ParentResource) => AsyncIterable<object>;
}

/**
 * Firewall rules are not in Resource Graph, and they decide internet reachability: `0.0.0.0–255.255.255.255` opens
 * the server to everyone, `0.0.0.0–0.0.0.0` ("allow Azure services", on PostgreSQL and MySQL "allow public access
 * from any Azure service") to every Azure tenant's services. PostgreSQL and MySQL single servers are retired and need
 * other SDK packages; their rules come from exports only.
 */
const FIREWALL_RULES: Readonly<Record<SqlFamilyType, FirewallRuleSource>> = {
  'microsoft.sql/servers': {
    operation: 'sql.firewallRules.listByServer',
    shape: { type: 'Microsoft.Sql/servers/firewallRules' },
    list: (clients, s) => clients.sql(s.subscriptionId).firewallRules.listByServer(s.resourceGroup, s.name),
  },
  'microsoft.dbforpostgresql/flexibleservers': {
    operation: 'postgresql.firewallRules.listByServer',
    shape: { type: 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules' },
    list: (clients, s) =>
      clients.postgresFlexible(s.subscriptionId).firewallRules.listByServer(s.resourceGroup, s.name),
  },
  'microsoft.dbformysql/flexibleservers': {
    operation: 'mysql.firewallRules.listByServer',
    shape: { type: 'Microsoft.DBforMySQL/flexibleServers/firewallRules' },
    list: (clients, s) => clients.mysqlFlexible(s.subscriptionId).firewallRules.listByServer(s.resourceGroup, s.name),
  },
};

/** A server of the SQL family: its firewall rules through the SDK client of its engine. */
export async function fetchSqlChildren({ type, parent }: SqlFamilyServer, fetch: ChildFetch): Promise<void> {
  const source = FIREWALL_RULES[type];
  await fetch.list(
    parent,
    source.operation,
    `${parent.id}/firewallRules`,
    () => source.list(fetch.clients, parent),
    source.shape,
  );
}
