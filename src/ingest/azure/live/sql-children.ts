import type { ArmShape } from './arm-shape.js';
import type { ChildFetch, ParentResource } from './child-fetch.js';

const FIREWALL_RULE: ArmShape = { type: 'Microsoft.Sql/servers/firewallRules' };

/**
 * SQL server firewall rules are not in Resource Graph. They decide internet reachability: `0.0.0.0–255.255.255.255`
 * opens the server to everyone, `0.0.0.0–0.0.0.0` ("allow Azure services") to every Azure tenant's services.
 */
export async function fetchSqlChildren(server: ParentResource, fetch: ChildFetch): Promise<void> {
  const client = fetch.clients.sql(server.subscriptionId);
  await fetch.list(
    server,
    'sql.firewallRules.listByServer',
    `${server.id}/firewallRules`,
    () => client.firewallRules.listByServer(server.resourceGroup, server.name),
    FIREWALL_RULE,
  );
}
