import { rootCertificates } from 'node:tls';
import { ApiManagementClient } from '@azure/arm-apimanagement';
import { WebSiteManagementClient } from '@azure/arm-appservice';
import { CdnManagementClient } from '@azure/arm-cdn';
import { NetworkManagementClient } from '@azure/arm-network';
import { MySQLManagementFlexibleServerClient } from '@azure/arm-mysql-flexible';
import { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SqlManagementClient } from '@azure/arm-sql';
import { DEFAULT_TRY_TIMEOUT_MS, type LiveSettings } from './settings.js';
import { tryTimeoutPolicy } from './try-timeout.js';

/** The SDK clients of one run: one Resource Graph client, and ARM clients per subscription, made on first use. */
export interface AzureClients {
  resourceGraph(): ResourceGraphClient;
  apim(subscriptionId: string): ApiManagementClient;
  web(subscriptionId: string): WebSiteManagementClient;
  sql(subscriptionId: string): SqlManagementClient;
  cdn(subscriptionId: string): CdnManagementClient;
  network(subscriptionId: string): NetworkManagementClient;
  postgresFlexible(subscriptionId: string): PostgreSQLManagementFlexibleServerClient;
  mysqlFlexible(subscriptionId: string): MySQLManagementFlexibleServerClient;
}

/**
 * Pipeline options every client shares: retries in the SDK pipeline only, a deadline on every try, extra trusted
 * roots, a user agent.
 */
function pipelineOptions(settings: LiveSettings) {
  const {
    maxRetries,
    retryDelayInMs,
    maxRetryDelayInMs,
    tryTimeoutInMs = DEFAULT_TRY_TIMEOUT_MS,
    tryDeadline,
  } = settings.retry;
  return {
    retryOptions: { maxRetries, retryDelayInMs, maxRetryDelayInMs },
    additionalPolicies: [{ policy: tryTimeoutPolicy(tryTimeoutInMs, tryDeadline), position: 'perRetry' as const }],
    userAgentOptions: { userAgentPrefix: 'apiposture' },
    // `ca` replaces Node's bundled roots, so the public roots are kept alongside the extra certificates.
    ...(settings.caCertificates?.length
      ? { tlsOptions: { ca: [...rootCertificates, ...settings.caCertificates] } }
      : {}),
  };
}

function memo<T>(make: (subscriptionId: string) => T): (subscriptionId: string) => T {
  const made = new Map<string, T>();
  return (subscriptionId) => {
    let client = made.get(subscriptionId);
    if (!client) made.set(subscriptionId, (client = make(subscriptionId)));
    return client;
  };
}

/**
 * Every client gets the configured endpoint and the token scope of that endpoint, so sovereign clouds and test
 * servers work alike. AutoRest clients (`core-client`) take `endpoint`, `$host` and `credentialScopes`; the
 * TypeSpec App Service client (`@azure-rest/core-client`) takes `endpoint` and `credentials.scopes`.
 */
export function createAzureClients(settings: LiveSettings): AzureClients {
  const endpoint = settings.armEndpoint.replace(/\/+$/, '');
  const scopes = [`${endpoint}/.default`];
  const common = pipelineOptions(settings);
  const autorest = { ...common, endpoint, $host: endpoint, credentialScopes: scopes };
  const credential = settings.credential;
  let resourceGraph: ResourceGraphClient | undefined;
  return {
    resourceGraph: () => (resourceGraph ??= new ResourceGraphClient(credential, autorest)),
    apim: memo((id) => new ApiManagementClient(credential, id, autorest)),
    web: memo((id) => new WebSiteManagementClient(credential, id, { ...common, endpoint, credentials: { scopes } })),
    sql: memo((id) => new SqlManagementClient(credential, id, autorest)),
    cdn: memo((id) => new CdnManagementClient(credential, id, autorest)),
    network: memo((id) => new NetworkManagementClient(credential, id, autorest)),
    postgresFlexible: memo((id) => new PostgreSQLManagementFlexibleServerClient(credential, id, autorest)),
    mysqlFlexible: memo((id) => new MySQLManagementFlexibleServerClient(credential, id, autorest)),
  };
}
