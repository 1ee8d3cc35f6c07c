/**
 * Azure Database for PostgreSQL and for MySQL (flexible and single servers). Same gates as SQL: public network
 * access, then firewall rules as an allow-list, with `0.0.0.0–0.0.0.0` as the "allow public access from any Azure
 * service" switch — every Azure customer, not a trusted-services exception (reference/service-tags.md S22, S23).
 * A flexible server deployed into a delegated subnet (private access, VNet integration) has no public endpoint.
 */
import { sqlServerExposure, type ServerFirewallService, type SqlFirewallRule } from './paas-data.js';
import { verdict, type Properties } from './paas-common.js';
import type { ServiceExposure } from './types.js';

export type OpenSourceEngine = 'PostgreSQL' | 'MySQL';

const SERVICES: Readonly<Record<OpenSourceEngine, ServerFirewallService>> = {
  PostgreSQL: {
    service: 'PostgreSQL server',
    azureServicesSwitch: 'Allow public access from any Azure service within Azure to this server',
  },
  MySQL: {
    service: 'MySQL server',
    azureServicesSwitch: 'Allow public access from any Azure service within Azure to this server',
  },
};

/** Default ports of the engines: what the firewall gates. */
export const OPEN_SOURCE_DB_PORTS: Readonly<Record<OpenSourceEngine, string>> = { PostgreSQL: '5432', MySQL: '3306' };

/**
 * A server's properties as stored (`publicNetworkAccess`, `delegatedSubnetId`) and its firewall rules
 * (`{ name, startIpAddress, endIpAddress }`; undefined when they were not collected).
 */
export function openSourceDbExposure(
  engine: OpenSourceEngine,
  props: Properties,
  firewallRules?: readonly SqlFirewallRule[] | null,
): ServiceExposure {
  const subnet = props['delegatedSubnetId'];
  if (typeof subnet === 'string' && subnet.length > 0) {
    const name = subnet.slice(subnet.lastIndexOf('/') + 1);
    return verdict('none', [
      `private access: the ${SERVICES[engine].service} is deployed into delegated subnet ${name} and has no public endpoint`,
    ]);
  }
  return sqlServerExposure(props, firewallRules, SERVICES[engine]);
}
