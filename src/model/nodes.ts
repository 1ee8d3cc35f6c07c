import type { NodeDeclaration, PropertyDeclarations } from './declare.js';
import type { Family, NodeKind } from './kinds.js';

const ARM_ID = 'ARM resource id, lower-cased (ARM ids are case-insensitive)';

/** A declaration that remembers its kind's literal type, so the list below can be checked for every kind. */
type DeclarationOf<K extends NodeKind> = NodeDeclaration & { readonly kind: K };

function azure<K extends NodeKind>(
  kind: K,
  family: Family,
  description: string,
  properties: PropertyDeclarations = {},
  idRule = ARM_ID,
): DeclarationOf<K> {
  return { kind, family, description, idRule, properties, subscriptionScoped: true };
}

function global<K extends NodeKind>(kind: K, family: Family, description: string, idRule: string, properties: PropertyDeclarations = {}): DeclarationOf<K> {
  return { kind, family, description, idRule, properties, subscriptionScoped: false };
}

type Undeclared<D extends readonly NodeDeclaration[]> = Exclude<NodeKind, D[number]['kind']>;

/**
 * The declarations, checked at compile time to cover every node kind: a kind without one fails to compile, and
 * the error names it (`Property 'undeclared' is missing … { undeclared: "TheKind" }`).
 */
function declareEveryKind<const D extends readonly NodeDeclaration[]>(
  declarations: D & ([Undeclared<D>] extends [never] ? unknown : { readonly undeclared: Undeclared<D> }),
): readonly NodeDeclaration[] {
  return declarations;
}

const str = (description: string, indexed = false) => ({ type: 'string', description, ...(indexed ? { indexed } : {}) }) as const;
const num = (description: string, indexed = false) => ({ type: 'number', description, ...(indexed ? { indexed } : {}) }) as const;
const bool = (description: string) => ({ type: 'boolean', description }) as const;
const strs = (description: string) => ({ type: 'string[]', description }) as const;
const json = (description: string) => ({ type: 'json', description }) as const;

const NETWORK_ACCESS = {
  publicNetworkAccess: str('Enabled, Disabled or SecuredByPerimeter'),
  networkAcls: json('Service firewall: default action, IP rules, virtual network rules'),
};

const WEB_SITE = {
  kindText: str('ARM kind, e.g. app, functionapp,linux, workflowapp'),
  defaultHostName: str('Default host name', true),
  hostNames: strs('All host names, default and custom'),
  httpsOnly: bool('Redirects HTTP to HTTPS'),
  minTlsVersion: str('Minimum inbound TLS version'),
  ...NETWORK_ACCESS,
  ipSecurityRestrictions: json('Access restrictions (siteConfig.ipSecurityRestrictions)'),
  ipSecurityRestrictionsDefaultAction: str('Allow or Deny for callers matching no restriction'),
  scmIpSecurityRestrictions: json('Access restrictions of the SCM (Kudu) site'),
  scmIpSecurityRestrictionsUseMain: bool('The SCM site uses the access restrictions of the main site'),
  scmIpSecurityRestrictionsDefaultAction: str('Allow or Deny for SCM callers matching no restriction'),
  scmBasicAuthAllowed: bool('Basic-auth publishing credentials accepted by the SCM (Kudu) site: basicPublishingCredentialsPolicies/scm allow'),
  ftpBasicAuthAllowed: bool('Basic-auth publishing credentials accepted over FTP: basicPublishingCredentialsPolicies/ftp allow'),
  ftpsState: str('AllAllowed, FtpsOnly or Disabled'),
  http20Enabled: bool('HTTP/2 enabled'),
  authSettings: json('EasyAuth (authsettingsV2) summary'),
  virtualNetworkSubnetId: str('Regional VNet integration subnet'),
  outboundIpAddresses: strs('Outbound IP addresses'),
};

/** PostgreSQL and MySQL servers share one network model: public access, firewall rules, or VNet integration. */
const OPEN_SOURCE_DATABASE = {
  publicNetworkAccess: str('Enabled or Disabled (network.publicNetworkAccess on flexible servers)'),
  fullyQualifiedDomainName: str('FQDN', true),
  serverModel: str('flexible or single'),
  delegatedSubnetId: str('Flexible server injected into this subnet (VNet integration): no public endpoint'),
  firewallRules: json('Firewall rules (start/end IP); 0.0.0.0–0.0.0.0 admits any Azure service'),
  version: str('Engine version'),
  minimalTlsVersion: str('Minimum TLS version (single servers)'),
};

/** One declaration per node kind: label, family, id rule and properties. Everything Neo4j-side is generated from these. */
export const NODE_DECLARATIONS: readonly NodeDeclaration[] = declareEveryKind([
  azure('ApiGateway', 'ApiAsset', 'An Azure API Management service', {
    gatewayUrl: str('https://<name>.azure-api.net or the custom proxy host'),
    hostNames: strs('Proxy host names'),
    skuName: str('SKU name'),
    virtualNetworkType: str('None, External or Internal'),
    publicIpAddresses: strs('Public IP addresses of the gateway'),
    privateIpAddresses: strs('Private IP addresses of the gateway'),
    subnetId: str('VNet injection subnet'),
    publicNetworkAccess: str('Enabled or Disabled'),
    customProperties: json('TLS and cipher settings'),
    globalPolicy: str('Raw XML of the global (service-scope) policy'),
  }),
  azure('Api', 'ApiAsset', 'An API collection: an APIM API, the HTTP API of a Function App, or a Logic App workflow', {
    apiSource: str('apim, functionapp or logicapp', true),
    displayName: str('Display name'),
    path: str('API URL suffix under the gateway'),
    serviceUrl: str('Backend URL of an APIM API'),
    protocols: strs('Accepted protocols: http, https, ws, wss'),
    subscriptionRequired: bool('APIM: a subscription key is required'),
    apiRevision: str('APIM revision'),
    isCurrent: bool('APIM: the current revision'),
    policy: str('Raw XML of the API-scope policy'),
    productIds: strs('Ids of the APIM products the API is part of'),
  }),
  azure('ApiEndpoint', 'ApiAsset', 'An API endpoint: an APIM operation, an HTTP-triggered function or a Logic App Request trigger', {
    endpointSource: str('apim, functionapp or logicapp', true),
    method: str('HTTP method, or * for any', true),
    urlTemplate: str('Operation URL template or function route'),
    url: str('Full URL as seen by callers'),
    policy: str('APIM: raw XML of the operation-scope policy'),
    authLevel: str('Functions: anonymous, function or admin'),
    lastCalled: str('ISO time of the last call seen in traffic logs'),
    firstCalled: str('ISO time of the first call seen in traffic logs'),
    callCount: num('Calls seen in traffic logs'),
    traffic: json('What the gateway logs showed: the log window, calls, response classes, callers, credentials seen'),
    sensitiveInfoTypes: strs('Sensitive information types seen in sampled traffic'),
    sensitiveFindings: json('Per info type: confidence, where it was seen (location, JSON paths), response classes; never values'),
    sensitivityLabel: str('Highest-priority sensitivity label the sampled traffic earns'),
    sensitivityLabelPriority: num('Priority of that label (higher is more sensitive)'),
    sasEnabled: bool('Logic Apps: the trigger accepts its SAS-signed callback URL (key-based authentication)'),
    oauthPolicies: strs('Logic Apps: names of the OAuth (Entra ID) authorization policies on the triggers'),
    allowedCallerIpAddresses: strs('Logic Apps: allowed caller address ranges; absent = any caller, empty = only other Logic Apps'),
  }, `${ARM_ID}: …/apis/<api>/operations/<op>, …/sites/<app>/functions/<fn>, …/workflows/<wf>/triggers/<t>`),
  azure('ApiWorkspace', 'ApiAsset', 'An API Management workspace: its APIs, products, fragments and named values sit under …/workspaces/<ws>', {
    displayName: str('Display name'),
    policy: str('Raw XML of the workspace-scope policy (all APIs in the workspace)'),
  }),
  azure('ApiProduct', 'ApiAsset', 'An API Management product: a bundle of APIs with its own subscription and policy rules', {
    displayName: str('Display name'),
    subscriptionRequired: bool('A subscription key is required to call the APIs of the product'),
    approvalRequired: bool('Subscriptions need approval'),
    state: str('published or notPublished'),
    policy: str('Raw XML of the product-scope policy'),
  }),
  azure('ApiBackend', 'ApiAsset', 'An API Management backend entity, referenced by set-backend-service backend-id', {
    url: str('Backend URL'),
    protocol: str('http or soap'),
    backendResourceId: str('ARM id of the backend resource (management host stripped, lower case)'),
  }),
  azure('ApiSubscription', 'ApiAsset', 'An API Management subscription: its scope and state only, never its keys', {
    scope: str('/apis, /apis/<api> or /products/<product>, as a lower-cased full id'),
    state: str('active, suspended, cancelled, …'),
    ownerId: str('Owner user id'),
  }),
  azure('ApiPolicyFragment', 'ApiAsset', 'An API Management policy fragment, pasted into policies by include-fragment', {
    value: str('Raw XML of the fragment (<fragment>…</fragment>), literal secrets masked'),
    format: str('xml or rawxml'),
    description: str('Description'),
  }),
  azure('ApiNamedValue', 'ApiAsset', 'An API Management named value, used in policies as {{displayName}}; secret values are never read', {
    displayName: str('The name policies use between {{ and }}'),
    value: str('The value, only when it is neither secret nor Key Vault–backed'),
    secret: bool('The value is secret (never read)'),
    keyVaultBacked: bool('The value comes from a Key Vault secret (never read)'),
  }),
  azure('VirtualMachine', 'Compute', 'A virtual machine', {
    vmSize: str('VM size'),
    osType: str('Linux or Windows'),
    powerState: str('Power state when known: running, stopped, deallocated, … (PowerState/ prefix dropped)'),
  }),
  azure('VirtualMachineScaleSet', 'Compute', 'A virtual machine scale set', {
    vmSize: str('VM size'),
    capacity: num('Instance count'),
    osType: str('Linux or Windows'),
    publicIpPerInstance: bool('Every instance gets its own public IP (publicIPAddressConfiguration)'),
    loadBalancerBackendPoolIds: strs('Load balancer backend pools the instances join'),
    loadBalancerInboundNatPoolIds: strs('Load balancer inbound NAT pools the instances join'),
    applicationGatewayBackendPoolIds: strs('Application gateway backend pools the instances join'),
    networkSecurityGroupIds: strs('NSGs on the instance NICs'),
  }),
  azure('WebApp', 'Compute', 'An App Service web app', WEB_SITE),
  azure('FunctionApp', 'Compute', 'An Azure Functions app', WEB_SITE),
  azure('LogicApp', 'Compute', 'A Logic App: a Consumption workflow or a Standard (workflowapp) site', {
    ...WEB_SITE,
    logicAppPlan: str('consumption or standard'),
    accessControl: json('Consumption: accessControl (triggers allowed caller IPs, OAuth policies)'),
    state: str('Enabled or Disabled'),
    accessEndpoint: str('Consumption: base URL of the trigger callbacks of the workflow'),
    accessEndpointIpAddresses: strs('Consumption: inbound IP addresses of the access endpoint'),
    integrationServiceEnvironmentId: str('Consumption: the integration service environment (private) hosting the workflow'),
  }),
  azure('ContainerApp', 'Compute', 'An Azure Container App', {
    fqdn: str('Ingress FQDN', true),
    ingressExternal: bool('Ingress accepts traffic from outside the environment'),
    allowInsecure: bool('Ingress allows HTTP'),
    targetPort: num('Ingress target port'),
    ipSecurityRestrictions: json('Ingress IP security restrictions'),
    managedEnvironmentId: str('Container Apps environment (an internal environment keeps external ingress inside its VNet)'),
  }),
  azure('ContainerAppsEnvironment', 'Compute', 'A Container Apps (managed) environment: the network boundary its apps share', {
    internal: bool('vnetConfiguration.internal: only an internal load balancer, no public IP; external ingress stays inside the VNet'),
    infrastructureSubnetId: str('VNet subnet the environment is injected into'),
    staticIp: str('Static IP of the environment ingress: public, or private when internal'),
    defaultDomain: str('Default DNS suffix of its apps', true),
    publicNetworkAccess: str('Enabled or Disabled'),
  }),
  azure('ContainerGroup', 'Compute', 'An Azure Container Instances container group', {
    fqdn: str('FQDN', true),
    ipAddress: str('IP address'),
    ipAddressType: str('Public or Private'),
    ports: { type: 'number[]', description: 'Exposed ports' },
  }),
  azure('KubernetesCluster', 'Compute', 'An AKS cluster', {
    fqdn: str('API server FQDN'),
    privateFqdn: str('Private API server FQDN'),
    privateCluster: bool('API server reachable only privately'),
    authorizedIpRanges: strs('API server authorized IP ranges'),
  }),
  azure('PublicIpAddress', 'Network', 'A public IP address', {
    ipAddress: str('The address', true),
    fqdn: str('DNS FQDN', true),
    skuName: str('Basic or Standard: Standard is closed to inbound traffic unless an NSG allows it'),
    allocationMethod: str('Static or Dynamic'),
    ipConfigurationId: str('What the address is attached to: NIC ipConfiguration, LB or app gateway frontend, bastion, …'),
  }),
  azure('NetworkInterface', 'Network', 'A network interface', {
    privateIpAddresses: strs('Private IP addresses'),
    virtualMachineId: str('Attached VM'),
    networkSecurityGroupId: str('NSG associated with the NIC'),
    privateEndpointId: str('Private endpoint the NIC belongs to'),
    enableIpForwarding: bool('IP forwarding enabled (the NIC may route for others, e.g. an NVA)'),
    ipConfigurations: json('IP configurations: id, private IP, subnet, public IP, ASGs, LB and app gateway pool ids'),
    effectiveSecurityRules: json("Azure's effective security rules of the NIC's own NSG (list-effective-nsg): NSG id and rules"),
    effectiveRoutes: json("Azure's effective routes of the NIC (show-effective-route-table): address prefixes, next hop type and address, source, state"),
  }),
  azure('NetworkSecurityGroup', 'Network', 'A network security group', {
    securityRules: json('Custom rules, as ARM returns them'),
    defaultSecurityRules: json('Default rules'),
  }),
  azure('VirtualNetwork', 'Network', 'A virtual network', { addressPrefixes: strs('Address space') }),
  azure('Subnet', 'Network', 'A subnet of a virtual network', {
    addressPrefix: str('Address prefix'),
    networkSecurityGroupId: str('NSG associated with the subnet'),
    addressPrefixes: strs('All address prefixes'),
    routeTableId: str('Route table associated with the subnet'),
    delegations: strs('Services the subnet is delegated to'),
    effectiveSecurityRules: json("Azure's effective security rules of the subnet's NSG (list-effective-nsg): NSG id and rules"),
  }),
  azure('PrivateEndpoint', 'Network', 'A private endpoint', {
    targetResourceIds: strs('Resources the endpoint connects to'),
    groupIds: strs('Target sub-resources: blob, sqlServer, vault, sites, Gateway, …'),
    connections: json('Private link connections: target, group ids, approval status, manual'),
  }),
  azure('LoadBalancer', 'Network', 'A load balancer', {
    skuName: str('Basic or Standard'),
    frontendIpAddresses: strs('Frontend IP addresses'),
    rules: json('Load-balancing rules, inbound NAT rules and NAT pools, as ARM returns them'),
    frontendPublicIpAddressIds: strs('Public IPs of the frontends'),
    frontendIpConfigurations: json('Frontends: id, private IP, public IP id, subnet'),
    backendPools: json('Backend pools, as ARM returns them'),
    backendIpConfigurationIds: strs('NIC ipConfiguration ids in any backend pool'),
  }),
  azure('ApplicationGateway', 'Network', 'An application gateway', {
    frontendIpAddresses: strs('Frontend IP addresses'),
    listeners: json('HTTP listeners'),
    backendAddresses: strs('Backend pool addresses (FQDNs and IPs)'),
    skuName: str('SKU name, e.g. Standard_v2 or WAF_v2'),
    subnetId: str('Subnet the gateway is deployed in'),
    frontendPublicIpAddressIds: strs('Public IPs of the frontends'),
    backendPools: json('Backend pools: name, addresses, NIC ipConfiguration ids'),
    backendSettings: json('Backend HTTP settings: port, protocol, host name'),
    routingRules: json('Request routing rules: listener, backend pool, settings, URL path map'),
    wafEnabled: bool('Web application firewall on (inline configuration or a linked WAF policy)'),
    wafMode: str('Detection or Prevention'),
    firewallPolicyId: str('Linked WAF policy'),
  }),
  azure('FrontDoor', 'Network', 'A Front Door (classic, or a Standard/Premium profile)', {
    hostNames: strs('Frontend host names'),
    originHostNames: strs('Origin (backend) host names'),
    frontDoorTier: str('classic, standard or premium'),
    skuName: str('Standard_AzureFrontDoor or Premium_AzureFrontDoor'),
    routes: json('Routes (routing rules): patterns, protocols, redirect, origin group or backend pool'),
    originGroupNames: strs('Origin group names (Standard/Premium)'),
    wafPolicyIds: strs('WAF policies linked to the frontends (classic) or by security policies (Standard/Premium)'),
    securityPolicies: json('Standard/Premium security policies: name, WAF policy id, the endpoints and custom domains it covers, patterns'),
  }),
  azure(
    'ServiceTag',
    'Network',
    "The address prefixes of an Azure service tag, as Azure lists them (serviceTags.list, az network list-service-tags, the downloadable file); not owned by a subscription",
    {
      region: str('Region of a regional tag (ApiManagement.WestEurope); absent for a base tag'),
      systemService: str('Azure service the tag belongs to, e.g. AzureApiManagement'),
      addressPrefixes: strs('IPv4 and IPv6 prefixes as Azure lists them'),
      cloud: str('Cloud the list describes: Public, AzureGovernment, …'),
      changeNumber: str('Change number of the list the prefixes came from'),
    },
    'servicetag:<lower-cased tag name>',
  ),
  azure('StorageAccount', 'DataStore', 'A storage account', {
    ...NETWORK_ACCESS,
    allowBlobPublicAccess: bool('Blob anonymous access allowed at account level'),
    supportsHttpsTrafficOnly: bool('HTTPS only'),
    minimumTlsVersion: str('Minimum TLS version'),
    allowSharedKeyAccess: bool('Shared key authorization allowed'),
    blobEndpoint: str('Primary blob endpoint'),
  }),
  azure('SqlServer', 'DataStore', 'An Azure SQL logical server', {
    ...NETWORK_ACCESS,
    fullyQualifiedDomainName: str('FQDN', true),
    firewallRules: json('Firewall rules (start/end IP)'),
    minimalTlsVersion: str('Minimum TLS version'),
  }),
  azure('SqlDatabase', 'DataStore', 'An Azure SQL database', { skuName: str('SKU') }),
  azure('CosmosDbAccount', 'DataStore', 'An Azure Cosmos DB account', {
    ...NETWORK_ACCESS,
    documentEndpoint: str('Endpoint'),
    ipRules: strs('Firewall IP rules'),
    isVirtualNetworkFilterEnabled: bool('Virtual network rules are enforced'),
    disableLocalAuth: bool('Keys disabled, Entra ID only'),
  }),
  azure('KeyVault', 'DataStore', 'A Key Vault', {
    ...NETWORK_ACCESS,
    vaultUri: str('Vault URI'),
    enableRbacAuthorization: bool('Data plane authorized by Azure RBAC instead of access policies'),
    accessPolicies: json('Access policies (object ids and permissions)'),
  }),
  azure('PostgreSqlServer', 'DataStore', 'An Azure Database for PostgreSQL server (flexible server, or single server)', OPEN_SOURCE_DATABASE),
  azure('MySqlServer', 'DataStore', 'An Azure Database for MySQL server (flexible server, or single server)', OPEN_SOURCE_DATABASE),
  azure('ManagedIdentity', 'Identity', 'A managed identity, system- or user-assigned', {
    principalId: str('Entra object id of the service principal', true),
    clientId: str('Application (client) id'),
    identityType: str('SystemAssigned or UserAssigned'),
  }, `${ARM_ID} for user-assigned; <resource id>/identities/system for system-assigned`),
  azure('RoleAssignment', 'Identity', 'An Azure RBAC role assignment (from authorizationresources)', {
    principalId: str('Entra object id of the assignee', true),
    principalType: str('ServicePrincipal, User, Group, …'),
    roleDefinitionId: str('Role definition id, lower case'),
    scope: str('Scope of the assignment, lower case'),
  }),
  azure('RoleDefinition', 'Identity', 'An Azure RBAC role definition, built-in or custom', {
    roleName: str('Role name'),
    roleType: str('BuiltInRole or CustomRole'),
    permissions: json('Actions, notActions, dataActions, notDataActions'),
    assignableScopes: strs('Assignable scopes'),
  }, `${ARM_ID}; joined to assignments by the role GUID`),
  azure(
    'Subscription',
    'Tenancy',
    'An Azure subscription',
    {
      state: str('Subscription state'),
      managementGroups: strs('Management groups above it, nearest first (managementGroupAncestorsChain names, lower-cased)'),
    },
    '/subscriptions/<guid>',
  ),
  azure('ResourceGroup', 'Tenancy', 'A resource group', {}, '/subscriptions/<guid>/resourcegroups/<name>'),
  global('SensitiveInfoType', 'Classification', 'A sensitive information type (built-in or custom)', 'sit:<name>', {
    category: str('Category: financial, identity, credential, contact, network'),
  }),
  global('SensitivityLabel', 'Classification', 'A sensitivity label with its priority', 'label:<name>', {
    priority: num('Higher is more sensitive'),
  }),
  global('Finding', 'AnalysisResult', 'A recommendation on one asset, with its evidence', 'finding:<hash>', {
    recommendation: str('Recommendation name (Defender names where one exists)', true),
    severity: str('High, Medium or Low', true),
    assetId: str('Affected asset', true),
    insight: str('Insight the finding rests on'),
    evidence: json('What proved it'),
    recommendationId: str('Stable id of the recommendation in the catalogue'),
    assetKind: str('Kind of the affected asset'),
    assetName: str('Display name of the affected asset (an identity as `<owner> (system-assigned)`, a trigger as `<workflow>/<trigger>`)'),
    covers: strs('APIs and endpoints the same fix repairs: they inherit the insight from the asset'),
  }),
  global('AttackPath', 'AnalysisResult', 'A ranked internet → API → data attack path', 'path:<hash of step ids>', {
    rank: num('1 is the riskiest', true),
    riskLevel: str('critical, high, medium or low', true),
    score: num('exploitability × impact'),
    riskFactors: strs('Risk factor names'),
    stepIds: strs('Ordered step ids, first internet, last the target'),
    details: json('Factor contributions, steps with kinds and names, recommendations'),
    family: str('Path family id: which kind of path this is (its display name is the family name)'),
    entryId: str('First step after the internet', true),
    targetId: str('Last step: the data store or sensitive endpoint', true),
    exploitability: num('min(1, sum of the exploitability factors)'),
    impact: num('min(1, impact base + sum of the impact factors)'),
  }),
  global('ChokePoint', 'AnalysisResult', 'A fix (a finding, or an asset taken out of the paths through it) with the risk it removes on its own', 'chokepoint:<fix id>', {
    rank: num('1 removes the most risk'),
    fixKind: str('recommendation or asset'),
    assetId: str('The asset the fix is on', true),
    riskRemoved: num('Σ scores of the paths it breaks + Σ score drops of the paths it only reduces'),
    details: json('The choke point as the report and the API show it: the fix, its risk figures, the paths it breaks and reduces'),
  }),
  global('RemediationPlan', 'AnalysisResult', 'The greedy remediation plan: fixes in the order that removes the most remaining risk', 'remediation-plan', {
    totalRisk: num('Σ scores of all paths'),
    totalCriticalRisk: num('Σ scores of the paths rated critical'),
    details: json('The ordered plan steps, and the risk removed after each unrounded; a reader keeps the first maxFixes'),
  }),
  global('GoalSubject', 'AnalysisResult', 'An asset as posture goals see it: its scope (subscription, own and inherited tags), insights and most sensitive label', 'goal-subject:<asset id>', {
    assetId: str('The asset', true),
    assetKind: str('Kind of the asset'),
    details: json('Scope (subscription lower-cased; tags with keys lower-cased, a gateway\'s or app\'s tags included for its APIs and endpoints), insight names, most sensitive label'),
  }),
  global('Internet', 'External', 'The internet: the single source of every attack path', 'internet'),
  global('ExternalHost', 'External', 'A backend outside the estate, by host name', 'host:<lower-cased host name>', {
    hostName: str('Host name', true),
  }),
]);

const BY_KIND = new Map(NODE_DECLARATIONS.map((d) => [d.kind, d]));

export function nodeDeclaration(kind: NodeKind): NodeDeclaration {
  const declaration = BY_KIND.get(kind);
  if (!declaration) throw new Error(`No declaration for node kind ${kind}`);
  return declaration;
}
