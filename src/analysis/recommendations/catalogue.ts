import { APP_SERVICE_KINDS, COMPUTE_KINDS, DATA_STORE_KINDS, type NodeKind } from '../../model/index.js';
import type { Recommendation } from './types.js';
import { WEAK_TLS_RECOMMENDATIONS } from './weak-tls.js';

/** Network fronts and APIs: they take traffic on a backend's behalf, so reach recommendations apply to them too. */
const FRONTS: NodeKind[] = [
  'ApplicationGateway',
  'LoadBalancer',
  'FrontDoor',
  'PublicIpAddress',
  'NetworkInterface',
  'Api',
];

/**
 * The recommendations apiposture raises. Names are Defender's where Defender has the recommendation
 * (defender-api-posture.md §2, and Defender's App Service and Storage recommendations); the rest are ours.
 * Defender's Function App and Logic App "unused endpoint" names carried "(Preview)" until those sources went GA;
 * the marker is dropped here.
 */
export const RECOMMENDATIONS: readonly Recommendation[] = [
  {
    id: 'apim-endpoint-authentication',
    name: 'API endpoints in Azure API Management should be authenticated',
    origin: 'defender',
    severity: 'High',
    insight: 'AllowsAnonymousAccess',
    appliesTo: ['ApiEndpoint'],
    sources: ['apim'],
    effect: { kind: 'clearInsight' },
    description:
      'The operation runs without a required subscription key and without validate-jwt, validate-azure-ad-token or validate-client-certificate in its effective policy.',
    remediation: [
      'Require a subscription key on the API or on every product that includes it (subscriptionRequired: true).',
      'Or validate a token or certificate in the API or operation policy: validate-jwt, validate-azure-ad-token or validate-client-certificate.',
      'Keep <base /> in API and operation policies so an authentication check at a wider scope still runs.',
    ],
  },
  {
    id: 'function-endpoint-authentication',
    name: 'HTTP-triggered functions should require authentication',
    origin: 'apiposture',
    severity: 'High',
    insight: 'AllowsAnonymousAccess',
    appliesTo: ['ApiEndpoint'],
    sources: ['functionapp'],
    effect: { kind: 'clearInsight' },
    description:
      'The function is triggered with authLevel anonymous and the app has no App Service authentication in front of it.',
    remediation: [
      'Set the HTTP trigger authLevel to function (or admin) so callers need a function key.',
      'Or turn on App Service authentication (authsettingsV2) with requireAuthentication and an identity provider.',
      'When API Management fronts the function, also restrict the app to the gateway so the key is not the only barrier.',
    ],
  },
  {
    id: 'logic-trigger-authentication',
    name: 'Logic App request triggers should require authentication',
    origin: 'apiposture',
    severity: 'High',
    insight: 'AllowsAnonymousAccess',
    appliesTo: ['ApiEndpoint'],
    sources: ['logicapp'],
    effect: { kind: 'clearInsight' },
    description:
      'The Request trigger accepts calls without its SAS signature and without a Microsoft Entra ID authorization policy.',
    remediation: [
      'Keep SAS authentication on for the trigger and hand the callback URL only to callers that need it.',
      'Or add an OAuth authorization policy (accessControl.triggers.openAuthenticationPolicies) for Microsoft Entra ID callers.',
    ],
  },
  {
    id: 'logic-trigger-open-to-any-caller',
    name: 'Logic App request triggers should not be open to any caller',
    origin: 'apiposture',
    severity: 'Medium',
    insight: 'InternetExposed',
    appliesTo: ['ApiEndpoint'],
    sources: ['logicapp'],
    effect: { kind: 'removeReachFromInternet' },
    description:
      'No allowed caller address ranges are set, so any address on the internet may call the workflow trigger.',
    remediation: [
      'Set accessControl.triggers.allowedCallerIpAddresses to the ranges that must call the workflow (the gateway outbound addresses when a gateway fronts it).',
      'For Standard Logic Apps, add access restrictions or a private endpoint and disable public network access.',
    ],
  },
  {
    id: 'apim-api-encrypted-protocols',
    name: 'API Management APIs should use only encrypted protocols',
    origin: 'defender',
    severity: 'High',
    insight: 'UnencryptedAccess',
    appliesTo: ['Api', 'ApiEndpoint'],
    sources: ['apim'],
    effect: { kind: 'clearInsight' },
    description: 'The API accepts http or ws, so calls, keys and tokens can travel in clear text.',
    remediation: ['Remove http and ws from the API protocols so only https and wss remain.'],
  },
  {
    id: 'function-app-https-only',
    name: 'Function apps should only be accessible over HTTPS',
    origin: 'defender',
    severity: 'Medium',
    insight: 'UnencryptedAccess',
    appliesTo: ['FunctionApp', 'ApiEndpoint'],
    sources: ['functionapp'],
    effect: { kind: 'clearInsight' },
    description: 'The app accepts plain HTTP (httpsOnly false).',
    remediation: ['Set httpsOnly to true on the Function App.'],
  },
  {
    id: 'web-app-https-only',
    name: 'App Service apps should only be accessible over HTTPS',
    origin: 'defender',
    severity: 'Medium',
    insight: 'UnencryptedAccess',
    appliesTo: ['WebApp'],
    effect: { kind: 'clearInsight' },
    description: 'The app accepts plain HTTP (httpsOnly false).',
    remediation: ['Set httpsOnly to true on the web app.'],
  },
  {
    id: 'logic-app-https-only',
    name: 'Logic Apps should only be accessible over HTTPS',
    origin: 'apiposture',
    severity: 'Medium',
    insight: 'UnencryptedAccess',
    appliesTo: ['LogicApp', 'ApiEndpoint'],
    sources: ['logicapp'],
    effect: { kind: 'clearInsight' },
    description: 'The Logic App (Standard) site accepts plain HTTP (httpsOnly false).',
    remediation: ['Set httpsOnly to true on the Logic App (Standard) site.'],
  },
  {
    id: 'container-app-https-only',
    name: 'Container Apps should not allow insecure HTTP ingress',
    origin: 'apiposture',
    severity: 'Medium',
    insight: 'UnencryptedAccess',
    appliesTo: ['ContainerApp'],
    effect: { kind: 'clearInsight' },
    description: 'The ingress allows HTTP (allowInsecure true).',
    remediation: ['Set ingress.allowInsecure to false so HTTP calls are redirected to HTTPS.'],
  },
  {
    id: 'apim-endpoint-unused',
    name: 'API endpoints that are unused should be disabled and removed from the Azure API Management service',
    origin: 'defender',
    severity: 'Low',
    insight: 'Inactive',
    appliesTo: ['ApiEndpoint'],
    sources: ['apim'],
    effect: { kind: 'removeNode' },
    description: 'No traffic reached the operation in the inactivity window (30 days by default).',
    remediation: [
      'Confirm with the API owner that nobody calls the operation, then delete it (or the API revision that holds it).',
    ],
  },
  {
    id: 'function-endpoint-unused',
    name: 'Unused API endpoints should be disabled and removed from Function Apps',
    origin: 'defender',
    severity: 'Low',
    insight: 'Inactive',
    appliesTo: ['ApiEndpoint'],
    sources: ['functionapp'],
    effect: { kind: 'removeNode' },
    description: 'No traffic reached the function in the inactivity window (30 days by default).',
    remediation: [
      'Disable the function (AzureWebJobs.<name>.Disabled = true) and remove it from the app once its owner confirms.',
    ],
  },
  {
    id: 'logic-endpoint-unused',
    name: 'Unused API endpoints should be disabled and removed from Logic Apps',
    origin: 'defender',
    severity: 'Low',
    insight: 'Inactive',
    appliesTo: ['ApiEndpoint'],
    sources: ['logicapp'],
    effect: { kind: 'removeNode' },
    description: 'No traffic reached the workflow trigger in the inactivity window (30 days by default).',
    remediation: ['Disable the workflow (state Disabled) and delete it once its owner confirms.'],
  },
  {
    id: 'api-backend-gateway-only',
    name: 'API backends should accept traffic only from their API gateway',
    origin: 'apiposture',
    severity: 'High',
    insight: 'GatewayBypass',
    appliesTo: [...COMPUTE_KINDS, ...FRONTS, ...DATA_STORE_KINDS],
    effect: { kind: 'removeReachFromInternet' },
    description:
      'The backend of an API is reachable from the internet directly, so the gateway and its authentication can be skipped.',
    remediation: [
      'Admit only the gateway: App Service access restrictions with the gateway\'s dedicated public addresses (not the ApiManagement service tag, which any tenant\'s instance can send from), NSG rules that allow only the gateway subnet, or a private endpoint with public network access disabled.',
      'Have the backend check the gateway too (a client certificate or a managed identity token), so a caller that skips the gateway is refused.',
    ],
  },
  {
    id: 'data-store-public-network',
    name: 'Data stores should not be reachable from the internet',
    origin: 'apiposture',
    severity: 'Medium',
    insight: 'InternetExposed',
    appliesTo: DATA_STORE_KINDS,
    effect: { kind: 'removeReachFromInternet' },
    description: 'Public network access is on and the service firewall admits the internet.',
    remediation: [
      'Set publicNetworkAccess to Disabled and reach the store through private endpoints.',
      'Or set the firewall default action to Deny and list only the addresses and virtual networks that need the store.',
    ],
  },
  {
    id: 'storage-public-access',
    name: 'Storage account public access should be disallowed',
    origin: 'defender',
    severity: 'Medium',
    insight: 'PublicDataAccess',
    appliesTo: ['StorageAccount'],
    // PublicDataAccess also marks a firewall open to the internet; this one is about anonymous blob reads only
    // (an open firewall is "Data stores should not be reachable from the internet").
    when: { property: 'allowBlobPublicAccess', equals: true },
    effect: { kind: 'clearInsight' },
    description: 'Anonymous read access to blobs is allowed at account level and the account is open to the internet.',
    remediation: [
      'Set allowBlobPublicAccess to false on the storage account.',
      'Serve public content through a CDN or SAS tokens with short lifetimes instead.',
    ],
  },
  {
    id: 'service-tag-not-a-boundary',
    name: 'Access restrictions should not rely on service tags that other tenants can send from',
    origin: 'apiposture',
    severity: 'High',
    insight: 'InternetExposed',
    appliesTo: [...COMPUTE_KINDS, 'ApiGateway', 'ApiEndpoint', ...FRONTS, ...DATA_STORE_KINDS],
    whenEvidence: 'serviceTags',
    effect: { kind: 'removeReachFromInternet' },
    description:
      'An access restriction or NSG rule admits a service tag whose ranges any customer of a shared service can send from (ApiManagement, AzureCloud, LogicApps, …), Front Door\'s AzureFrontDoor.Backend without an X-Azure-FDID check, or a tag whose meaning is unknown. Service tags are not a security boundary.',
    remediation: [
      'Admit your own callers\' dedicated addresses instead (an API Management instance\'s publicIPAddresses), or reach the app through a private endpoint or VNet integration.',
      'For Front Door origins keep AzureFrontDoor.Backend but add an X-Azure-FDID header check with your profile\'s id, or use a Private Link origin.',
      'Have the backend authenticate the caller: a client certificate, or an Entra token from the caller\'s managed identity validated for audience and caller.',
    ],
  },
  {
    id: 'data-store-allow-azure-services',
    name: 'Data stores should not allow access from all Azure services',
    origin: 'apiposture',
    severity: 'Medium',
    insight: 'InternetExposed',
    appliesTo: DATA_STORE_KINDS,
    whenEvidence: 'sharedSwitches',
    effect: { kind: 'removeReachFromInternet' },
    description:
      'The "allow Azure services" switch (SQL AllowAllWindowsAzureIps, Cosmos DB "accept connections from within public Azure datacenters", PostgreSQL and MySQL "allow public access from any Azure service") admits every Azure customer, other tenants\' subscriptions included; only authentication remains. Trusted Microsoft services (bypass AzureServices) are a different, narrower exception.',
    remediation: [
      'Turn the switch off: delete the 0.0.0.0 firewall rule (SQL, PostgreSQL, MySQL) or the 0.0.0.0 ipRules entry (Cosmos DB).',
      'Admit the callers through private endpoints or virtual network rules, or list their own public addresses.',
    ],
  },
  {
    id: 'scm-site-basic-auth',
    name: 'App Service apps should have local authentication methods disabled for SCM site deployments',
    origin: 'apiposture',
    severity: 'High',
    insight: 'InternetExposed',
    appliesTo: APP_SERVICE_KINDS,
    whenEvidence: 'scmBasicAuth',
    effect: { kind: 'clearInsight' },
    description:
      'The SCM (Kudu) site is reachable from the internet and accepts basic-auth publishing credentials: anyone holding a leaked publishing profile can deploy code into the app and read its settings and managed identity tokens.',
    remediation: [
      'Set basicPublishingCredentialsPolicies/scm (and /ftp) allow to false, and deploy with Entra identities (Website Contributor or the publish action).',
      'Restrict the SCM site: scmIpSecurityRestrictions with a Deny default action, or scmIpSecurityRestrictionsUseMain: true when the main site is already restricted; or disable public network access and deploy through a private endpoint.',
    ],
  },
  {
    id: 'identity-least-privilege',
    name: 'Identities of internet-reachable API backends should not hold data store roles they do not need',
    origin: 'apiposture',
    severity: 'Medium',
    insight: null,
    appliesTo: ['ManagedIdentity'],
    effect: { kind: 'removePermissions' },
    description:
      'An attack path runs from the internet through an API to a backend whose managed identity can access a data store.',
    remediation: [
      'Review the role assignments and Key Vault access policies of the identity on the stores in the evidence; remove those the backend does not use.',
      'Prefer data-plane roles scoped to the container, database or secret the backend needs over Owner or Contributor at resource group or subscription scope.',
    ],
  },
  ...WEAK_TLS_RECOMMENDATIONS,
];

const BY_ID = new Map(RECOMMENDATIONS.map((r) => [r.id, r]));

export function recommendationById(id: string): Recommendation | undefined {
  return BY_ID.get(id);
}
