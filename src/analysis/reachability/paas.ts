/**
 * Service firewalls of the PaaS backends (azure-data.md §5.9, "PaaS backends"): one function per service, each
 * taking the resource's ARM `properties` object as Azure returns it and answering `{ exposed, scope, evidence }`.
 * A service is reachable from the internet when `publicNetworkAccess` is not `Disabled` and its firewall lets the
 * internet in; private endpoints are noted but never close the public endpoint by themselves (§5.5).
 */
export {
  storageAccountExposure,
  keyVaultExposure,
  sqlServerExposure,
  cosmosDbExposure,
  type SqlFirewallRule,
} from './paas-data.js';
export { openSourceDbExposure, OPEN_SOURCE_DB_PORTS, type OpenSourceEngine } from './paas-open-source-db.js';
export { appServiceExposure, appServiceScmExposure, containerAppExposure } from './paas-web.js';
export { aksApiServerExposure, apimGatewayExposure, containerGroupExposure } from './paas-compute.js';
export type { Properties } from './paas-common.js';
