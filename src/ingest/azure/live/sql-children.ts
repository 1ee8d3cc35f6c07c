import { assertNever } from '../../../model/index.js';
import type { ArmShape } from './arm-shape.js';
import type { ChildFetch, ParentResource } from './child-fetch.js';

const FIREWALL_RULE: ArmShape = { type: 'Microsoft.Sql/servers/firewallRules' };
const POSTGRES_FIREWALL_RULE: ArmShape = { type: 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules' };
const MYSQL_FIREWALL_RULE: ArmShape = { type: 'Microsoft.DBforMySQL/flexibleServers/firewallRules' };

/** The servers whose firewall rules are read live, by lower-cased Resource Graph type. */
export const SQL_FAMILY_TYPES = [
  'microsoft.sql/servers',
  'microsoft.dbforpostgresql/flexibleservers',
  'microsoft.dbformysql/flexibleservers',
] as const;
export type SqlFamilyType = (typeof SQL_FAMILY_TYPES)[number];

export const isSqlFamilyType = (type: string): type is SqlFamilyType =>
  (SQL_FAMILY_TYPES as readonly string[]).includes(type);

/**
 * SQL server firewall rules are not in Resource Graph. They decide internet reachability: `0.0.0.0–255.255.255.255`
 * opens the server to everyone, `0.0.0.0–0.0.0.0` ("allow Azure services") to every Azure tenant's services.
 */
async function fetchSqlServerChildren(server: ParentResource, fetch: ChildFetch): Promise<void> {
  const client = fetch.clients.sql(server.subscriptionId);
  await fetch.list(
    server,
    'sql.firewallRules.listByServer',
    `${server.id}/firewallRules`,
    () => client.firewallRules.listByServer(server.resourceGroup, server.name),
    FIREWALL_RULE,
  );
}

/**
 * PostgreSQL and MySQL flexible servers keep their firewall rules outside Resource Graph too, with the same meaning:
 * `0.0.0.0–0.0.0.0` is "allow public access from any Azure service". Single servers are retired and need other SDK
 * packages; their rules come from exports only.
 */
async function fetchPostgresChildren(server: ParentResource, fetch: ChildFetch): Promise<void> {
  const client = fetch.clients.postgresFlexible(server.subscriptionId);
  await fetch.list(
    server,
    'postgresql.firewallRules.listByServer',
    `${server.id}/firewallRules`,
    () => client.firewallRules.listByServer(server.resourceGroup, server.name),
    POSTGRES_FIREWALL_RULE,
  );
}

async function fetchMySqlChildren(server: ParentResource, fetch: ChildFetch): Promise<void> {
  const client = fetch.clients.mysqlFlexible(server.subscriptionId);
  await fetch.list(
    server,
    'mysql.firewallRules.listByServer',
    `${server.id}/firewallRules`,
    () => client.firewallRules.listByServer(server.resourceGroup, server.name),
    MYSQL_FIREWALL_RULE,
  );
}

/** A server of the SQL family: its firewall rules through the SDK client of its engine. */
export async function fetchSqlChildren(server: SqlFamilyServer, fetch: ChildFetch): Promise<void> {
  switch (server.type) {
    case 'microsoft.sql/servers':
      return fetchSqlServerChildren(server.parent, fetch);
    case 'microsoft.dbforpostgresql/flexibleservers':
      return fetchPostgresChildren(server.parent, fetch);
    case 'microsoft.dbformysql/flexibleservers':
      return fetchMySqlChildren(server.parent, fetch);
    default:
      return assertNever(server.type);
  }
}

export interface SqlFamilyServer {
  readonly type: SqlFamilyType;
  readonly parent: ParentResource;
}
