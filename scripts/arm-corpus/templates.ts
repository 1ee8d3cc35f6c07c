import { createHash } from 'node:crypto';

/**
 * Resource bodies in the shapes Azure's REST API returns them (ARM GET/list: `id`, `name`, `type`, `location`,
 * `properties`, nulls where Azure returns null, secrets masked or absent as ARM omits them), one function per type.
 * `n` names the instance; `full` false leaves out every optional field a real response may lack.
 */
export interface Ctx {
  readonly sub: string;
  readonly n: string;
  readonly full: boolean;
}

type Row = Record<string, unknown>;

/** A stable GUID per name, for resources whose name is a GUID (role assignments). */
export function guidOf(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const rg = (c: Ctx, group: string) => `/subscriptions/${c.sub}/resourceGroups/${group}`;
const opt = <T>(c: Ctx, value: T): T | null => (c.full ? value : null);
const tags = (c: Ctx) => (c.full ? { env: 'prod', owner: 'platform' } : null);

export const apimId = (c: Ctx) => `${rg(c, 'rg-apim')}/providers/Microsoft.ApiManagement/service/apim-${c.n}`;
export const apiId = (c: Ctx) => `${apimId(c)}/apis/orders-${c.n}`;
export const siteId = (c: Ctx, kind: 'fn' | 'app') => `${rg(c, 'rg-web')}/providers/Microsoft.Web/sites/${kind}-${c.n}`;
const vnetId = (c: Ctx) => `${rg(c, 'rg-net')}/providers/Microsoft.Network/virtualNetworks/vnet-${c.n}`;
const sqlId = (c: Ctx) => `${rg(c, 'rg-data')}/providers/Microsoft.Sql/servers/sql-${c.n}`;

export const TEMPLATES: Readonly<Record<string, Readonly<Record<string, (c: Ctx) => Row>>>> = {
  apim: {
    service: (c) => ({
      id: apimId(c),
      name: `apim-${c.n}`,
      type: 'Microsoft.ApiManagement/service',
      location: 'West Europe',
      etag: 'AAAAAAAkN1E=',
      tags: tags(c),
      sku: { name: 'Developer', capacity: 1 },
      identity: c.full ? { type: 'SystemAssigned', principalId: '6e0a4b4c-9b7e-4f6a-8f0e-2a1d3c4b5a69', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' } : null,
      properties: {
        publisherEmail: 'apis@contoso.example',
        publisherName: 'Contoso',
        provisioningState: 'Succeeded',
        gatewayUrl: `https://apim-${c.n}.azure-api.net`,
        hostnameConfigurations: [{ type: 'Proxy', hostName: `apim-${c.n}.azure-api.net`, negotiateClientCertificate: false, defaultSslBinding: true, certificateSource: 'BuiltIn', certificate: null }],
        publicIPAddresses: ['20.61.15.4'],
        privateIPAddresses: null,
        virtualNetworkType: 'None',
        virtualNetworkConfiguration: null,
        customProperties: opt(c, {
          'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10': 'False',
          'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls11': 'False',
          'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Ciphers.TripleDes168': 'False',
        }),
        publicNetworkAccess: 'Enabled',
        disableGateway: false,
        platformVersion: 'stv2',
      },
    }),
    api: (c) => ({
      id: apiId(c),
      type: 'Microsoft.ApiManagement/service/apis',
      name: `orders-${c.n}`,
      properties: {
        displayName: `Orders ${c.n}`,
        apiRevision: '1',
        description: opt(c, 'Order intake'),
        subscriptionRequired: c.full ? true : undefined,
        serviceUrl: `https://fn-${c.n}.azurewebsites.net/api`,
        path: `orders/${c.n}`,
        protocols: ['https'],
        authenticationSettings: { oAuth2: null, openid: null },
        subscriptionKeyParameterNames: { header: 'Ocp-Apim-Subscription-Key', query: 'subscription-key' },
        isCurrent: true,
      },
    }),
    operation: (c) => ({
      id: `${apiId(c)}/operations/get-order`,
      type: 'Microsoft.ApiManagement/service/apis/operations',
      name: 'get-order',
      properties: {
        displayName: 'Get order',
        method: 'GET',
        urlTemplate: '/orders/{orderId}',
        templateParameters: [{ name: 'orderId', type: 'string', required: true, values: [] }],
        description: null,
        request: opt(c, { queryParameters: [], headers: [], representations: [] }),
        responses: [],
        policies: null,
      },
    }),
    'api-policy': (c) => ({
      id: `${apiId(c)}/policies/policy`,
      type: 'Microsoft.ApiManagement/service/apis/policies',
      name: 'policy',
      properties: { format: 'xml', value: '<policies>\r\n\t<inbound>\r\n\t\t<base />\r\n\t\t<rate-limit calls="20" renewal-period="90" />\r\n\t</inbound>\r\n\t<backend>\r\n\t\t<base />\r\n\t</backend>\r\n\t<outbound>\r\n\t\t<base />\r\n\t</outbound>\r\n\t<on-error>\r\n\t\t<base />\r\n\t</on-error>\r\n</policies>' },
    }),
    product: (c) => ({
      id: `${apimId(c)}/products/starter`,
      type: 'Microsoft.ApiManagement/service/products',
      name: 'starter',
      properties: { displayName: 'Starter', description: opt(c, 'Subscribers get 5 calls a minute'), terms: null, subscriptionRequired: true, approvalRequired: false, subscriptionsLimit: 1, state: 'published' },
    }),
    backend: (c) => ({
      id: `${apimId(c)}/backends/fn-${c.n}`,
      type: 'Microsoft.ApiManagement/service/backends',
      name: `fn-${c.n}`,
      properties: {
        description: null,
        url: `https://fn-${c.n}.azurewebsites.net/api`,
        protocol: 'http',
        resourceId: `https://management.azure.com${siteId(c, 'fn')}`,
        credentials: { header: { 'x-functions-key': [`{{fn-${c.n}-key}}`] } },
      },
    }),
    'named-value': (c) => ({
      id: `${apimId(c)}/namedValues/fn-${c.n}-key`,
      type: 'Microsoft.ApiManagement/service/namedValues',
      name: `fn-${c.n}-key`,
      // List responses never carry a secret's value: it is null until `listValue` is called.
      properties: { displayName: `fn-${c.n}-key`, secret: true, value: null, tags: null },
    }),
  },
  web: {
    'function-app': (c) => ({
      id: siteId(c, 'fn'),
      name: `fn-${c.n}`,
      type: 'Microsoft.Web/sites',
      kind: 'functionapp',
      location: 'West Europe',
      tags: tags(c),
      identity: c.full ? { type: 'SystemAssigned', principalId: '0b3f6c2a-5d1e-4c8b-9a7f-1e2d3c4b5a60', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' } : null,
      properties: {
        state: 'Running',
        hostNames: [`fn-${c.n}.azurewebsites.net`],
        enabledHostNames: [`fn-${c.n}.azurewebsites.net`, `fn-${c.n}.scm.azurewebsites.net`],
        httpsOnly: c.full,
        publicNetworkAccess: opt(c, 'Enabled'),
        virtualNetworkSubnetId: null,
        siteConfig: { minTlsVersion: null, ftpsState: null, ipSecurityRestrictions: null, linuxFxVersion: 'Python|3.11' },
        clientCertEnabled: false,
      },
    }),
    function: (c) => ({
      id: `${siteId(c, 'fn')}/functions/get-order`,
      name: `fn-${c.n}/get-order`,
      type: 'Microsoft.Web/sites/functions',
      location: 'West Europe',
      properties: {
        name: 'get-order',
        script_href: `https://fn-${c.n}.azurewebsites.net/admin/vfs/home/site/wwwroot/get_order/__init__.py`,
        invoke_url_template: `https://fn-${c.n}.azurewebsites.net/api/orders/{id}`,
        language: 'python',
        isDisabled: false,
        config: { bindings: [{ authLevel: c.full ? 'function' : 'anonymous', type: 'httpTrigger', direction: 'in', name: 'req', route: 'orders/{id}', methods: ['get'] }, { type: 'http', direction: 'out', name: '$return' }] },
        // Function keys are never in this response: `listKeys` returns them.
        files: null,
        test_data: null,
      },
    }),
    'web-app': (c) => ({
      id: siteId(c, 'app'),
      name: `app-${c.n}`,
      type: 'Microsoft.Web/sites',
      kind: 'app,linux',
      location: 'West Europe',
      tags: tags(c),
      properties: { state: 'Running', hostNames: [`app-${c.n}.azurewebsites.net`], httpsOnly: true, publicNetworkAccess: null, siteConfig: { minTlsVersion: null } },
    }),
    'site-config': (c) => ({
      id: `${siteId(c, 'app')}/config/web`,
      name: 'web',
      type: 'Microsoft.Web/sites/config',
      location: 'West Europe',
      properties: {
        minTlsVersion: c.full ? '1.2' : '1.0',
        ftpsState: 'FtpsOnly',
        http20Enabled: true,
        ipSecurityRestrictions: [{ ipAddress: 'Any', action: 'Allow', priority: 2147483647, name: 'Allow all', description: 'Allow all access' }],
        scmIpSecurityRestrictions: [{ ipAddress: 'Any', action: 'Allow', priority: 2147483647, name: 'Allow all', description: 'Allow all access' }],
        scmIpSecurityRestrictionsUseMain: false,
        publicNetworkAccess: null,
      },
    }),
    'auth-settings-v2': (c) => ({
      id: `${siteId(c, 'app')}/config/authsettingsV2`,
      name: 'authsettingsV2',
      type: 'Microsoft.Web/sites/config',
      location: 'West Europe',
      properties: {
        platform: { enabled: c.full, runtimeVersion: '~1' },
        globalValidation: { requireAuthentication: c.full, unauthenticatedClientAction: c.full ? 'Return401' : 'AllowAnonymous' },
        identityProviders: { azureActiveDirectory: { enabled: true, registration: { openIdIssuer: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', clientId: '3c1f2a9e-8d7b-4e6a-b5c4-d3e2f1a0b9c8', clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET' } } },
        login: { tokenStore: { enabled: true } },
        httpSettings: { requireHttps: true },
      },
    }),
  },
  logic: {
    workflow: (c) => ({
      id: `${rg(c, 'rg-logic')}/providers/Microsoft.Logic/workflows/la-${c.n}`,
      name: `la-${c.n}`,
      type: 'Microsoft.Logic/workflows',
      location: 'westeurope',
      tags: tags(c),
      properties: {
        provisioningState: 'Succeeded',
        state: 'Enabled',
        version: '08585256789012345678',
        accessEndpoint: `https://prod-12.westeurope.logic.azure.com:443/workflows/5f0e${c.n.replace(/[^0-9a-f]/g, '0').slice(0, 4)}a1b2c3d4e5f60718293a4b5c6d`,
        accessControl: opt(c, { triggers: { allowedCallerIpAddresses: [{ addressRange: '20.61.15.4' }] } }),
        definition: {
          $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
          contentVersion: '1.0.0.0',
          triggers: { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST', schema: {} } } },
          actions: {},
          outputs: {},
        },
        parameters: {},
      },
    }),
  },
  compute: {
    'container-app': (c) => ({
      id: `${rg(c, 'rg-apps')}/providers/Microsoft.App/containerApps/ca-${c.n}`,
      name: `ca-${c.n}`,
      type: 'Microsoft.App/containerApps',
      location: 'West Europe',
      identity: { type: 'None' },
      properties: {
        provisioningState: 'Succeeded',
        managedEnvironmentId: `${rg(c, 'rg-apps')}/providers/Microsoft.App/managedEnvironments/cae-${c.n}`,
        configuration: { activeRevisionsMode: 'Single', ingress: { external: true, targetPort: 8080, transport: 'Auto', allowInsecure: !c.full, fqdn: `ca-${c.n}.kindocean-1a2b3c4d.westeurope.azurecontainerapps.io`, ipSecurityRestrictions: opt(c, []) }, secrets: opt(c, [{ name: 'db-password' }]) },
        outboundIpAddresses: ['20.103.2.14'],
      },
    }),
    'container-group': (c) => ({
      id: `${rg(c, 'rg-apps')}/providers/Microsoft.ContainerInstance/containerGroups/ci-${c.n}`,
      name: `ci-${c.n}`,
      type: 'Microsoft.ContainerInstance/containerGroups',
      location: 'westeurope',
      properties: {
        sku: 'Standard',
        provisioningState: 'Succeeded',
        osType: 'Linux',
        ipAddress: c.full ? { type: 'Public', ip: '20.50.1.7', ports: [{ protocol: 'TCP', port: 80 }], fqdn: `ci-${c.n}.westeurope.azurecontainer.io` } : null,
        containers: [{ name: 'web', properties: { image: 'mcr.microsoft.com/azuredocs/aci-helloworld', ports: [{ port: 80 }], environmentVariables: [{ name: 'API_KEY', secureValue: null }], resources: { requests: { cpu: 1, memoryInGB: 1.5 } } } }],
      },
    }),
  },
  network: {
    'public-ip': (c) => ({
      id: `${rg(c, 'rg-net')}/providers/Microsoft.Network/publicIPAddresses/pip-${c.n}`,
      name: `pip-${c.n}`,
      type: 'Microsoft.Network/publicIPAddresses',
      location: 'westeurope',
      etag: 'W/"6e9b1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b"',
      sku: { name: 'Standard', tier: 'Regional' },
      properties: { provisioningState: 'Succeeded', ipAddress: c.full ? '20.61.15.9' : undefined, publicIPAddressVersion: 'IPv4', publicIPAllocationMethod: 'Static', idleTimeoutInMinutes: 4, ipTags: [], ipConfiguration: null },
    }),
    nsg: (c) => ({
      id: `${rg(c, 'rg-net')}/providers/Microsoft.Network/networkSecurityGroups/nsg-${c.n}`,
      name: `nsg-${c.n}`,
      type: 'Microsoft.Network/networkSecurityGroups',
      location: 'westeurope',
      properties: {
        provisioningState: 'Succeeded',
        securityRules: [{ name: 'allow-https', id: `${rg(c, 'rg-net')}/providers/Microsoft.Network/networkSecurityGroups/nsg-${c.n}/securityRules/allow-https`, type: 'Microsoft.Network/networkSecurityGroups/securityRules', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*', access: 'Allow', priority: 100, direction: 'Inbound', sourcePortRanges: [], destinationPortRanges: [], sourceAddressPrefixes: [], destinationAddressPrefixes: [] } }],
        defaultSecurityRules: [],
        subnets: opt(c, [{ id: `${vnetId(c)}/subnets/snet-app` }]),
      },
    }),
    vnet: (c) => ({
      id: vnetId(c),
      name: `vnet-${c.n}`,
      type: 'Microsoft.Network/virtualNetworks',
      location: 'westeurope',
      properties: {
        provisioningState: 'Succeeded',
        addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
        subnets: [{ name: 'snet-app', id: `${vnetId(c)}/subnets/snet-app`, type: 'Microsoft.Network/virtualNetworks/subnets', properties: { addressPrefix: '10.20.1.0/24', networkSecurityGroup: opt(c, { id: `${rg(c, 'rg-net')}/providers/Microsoft.Network/networkSecurityGroups/nsg-${c.n}` }), delegations: [], privateEndpointNetworkPolicies: 'Disabled' } }],
        virtualNetworkPeerings: [],
        enableDdosProtection: false,
      },
    }),
    subnet: (c) => ({
      // `az network vnet subnet list` / GET …/subnets/<name>: a subnet as a resource of its own.
      id: `${vnetId(c)}/subnets/snet-data`,
      name: 'snet-data',
      type: 'Microsoft.Network/virtualNetworks/subnets',
      etag: 'W/"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"',
      properties: { provisioningState: 'Succeeded', addressPrefix: '10.20.2.0/24', privateEndpointNetworkPolicies: 'Disabled', privateLinkServiceNetworkPolicies: 'Enabled', delegations: [] },
    }),
    'private-endpoint': (c) => ({
      id: `${rg(c, 'rg-data')}/providers/Microsoft.Network/privateEndpoints/pe-sql-${c.n}`,
      name: `pe-sql-${c.n}`,
      type: 'Microsoft.Network/privateEndpoints',
      location: 'westeurope',
      properties: {
        provisioningState: 'Succeeded',
        subnet: { id: `${vnetId(c)}/subnets/snet-data` },
        privateLinkServiceConnections: [{ name: `pe-sql-${c.n}`, id: `${rg(c, 'rg-data')}/providers/Microsoft.Network/privateEndpoints/pe-sql-${c.n}/privateLinkServiceConnections/pe-sql-${c.n}`, properties: { privateLinkServiceId: sqlId(c), groupIds: ['sqlServer'], privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-approved', actionsRequired: 'None' } } }],
        manualPrivateLinkServiceConnections: [],
        customDnsConfigs: opt(c, [{ fqdn: `sql-${c.n}.database.windows.net`, ipAddresses: ['10.20.2.4'] }]),
      },
    }),
  },
  data: {
    storage: (c) => ({
      id: `${rg(c, 'rg-data')}/providers/Microsoft.Storage/storageAccounts/st${c.n.replace(/-/g, '')}`,
      name: `st${c.n.replace(/-/g, '')}`,
      type: 'Microsoft.Storage/storageAccounts',
      kind: 'StorageV2',
      location: 'westeurope',
      sku: { name: 'Standard_LRS', tier: 'Standard' },
      properties: {
        provisioningState: 'Succeeded',
        allowBlobPublicAccess: c.full ? false : undefined,
        minimumTlsVersion: 'TLS1_2',
        supportsHttpsTrafficOnly: true,
        publicNetworkAccess: opt(c, 'Disabled'),
        networkAcls: { bypass: 'AzureServices', virtualNetworkRules: [], ipRules: [], defaultAction: c.full ? 'Deny' : 'Allow' },
        primaryEndpoints: { blob: `https://st${c.n.replace(/-/g, '')}.blob.core.windows.net/`, queue: `https://st${c.n.replace(/-/g, '')}.queue.core.windows.net/` },
        encryption: { keySource: 'Microsoft.Storage', services: { blob: { enabled: true, keyType: 'Account' } } },
      },
    }),
    'sql-server': (c) => ({
      id: sqlId(c),
      name: `sql-${c.n}`,
      type: 'Microsoft.Sql/servers',
      kind: 'v12.0',
      location: 'westeurope',
      properties: { administratorLogin: 'sqladmin', version: '12.0', state: 'Ready', fullyQualifiedDomainName: `sql-${c.n}.database.windows.net`, publicNetworkAccess: c.full ? 'Disabled' : 'Enabled', minimalTlsVersion: c.full ? '1.2' : null, restrictOutboundNetworkAccess: 'Disabled', privateEndpointConnections: [] },
    }),
    'sql-database': (c) => ({
      id: `${sqlId(c)}/databases/orders`,
      name: 'orders',
      type: 'Microsoft.Sql/servers/databases',
      kind: 'v12.0,user,vcore',
      location: 'westeurope',
      sku: { name: 'GP_S_Gen5', tier: 'GeneralPurpose', family: 'Gen5', capacity: 2 },
      properties: { collation: 'SQL_Latin1_General_CP1_CI_AS', maxSizeBytes: 34359738368, status: 'Online', databaseId: '5d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a', zoneRedundant: false },
    }),
    'key-vault': (c) => ({
      id: `${rg(c, 'rg-data')}/providers/Microsoft.KeyVault/vaults/kv-${c.n}`,
      name: `kv-${c.n}`,
      type: 'Microsoft.KeyVault/vaults',
      location: 'westeurope',
      tags: tags(c),
      properties: {
        sku: { family: 'A', name: 'standard' },
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        accessPolicies: [],
        enableRbacAuthorization: true,
        vaultUri: `https://kv-${c.n}.vault.azure.net/`,
        publicNetworkAccess: c.full ? 'Disabled' : 'Enabled',
        networkAcls: opt(c, { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] }),
        provisioningState: 'Succeeded',
      },
    }),
  },
  identity: {
    'user-assigned-identity': (c) => ({
      id: `${rg(c, 'rg-identity')}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${c.n}`,
      name: `id-${c.n}`,
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
      location: 'westeurope',
      properties: { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', principalId: '25cc9f6b-1e2d-4c3b-8a4f-5e6d7c8b9a01', clientId: '4e5d6c7b-8a9f-4e0d-b1c2-d3e4f5a6b7c8' },
    }),
    'role-assignment': (c) => ({
      id: `${rg(c, 'rg-data')}/providers/Microsoft.Authorization/roleAssignments/${guidOf(c.n)}`,
      name: guidOf(c.n),
      type: 'Microsoft.Authorization/roleAssignments',
      properties: {
        roleDefinitionId: `/subscriptions/${c.sub}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
        principalId: '25cc9f6b-1e2d-4c3b-8a4f-5e6d7c8b9a01',
        principalType: 'ServicePrincipal',
        scope: rg(c, 'rg-data'),
        condition: null,
        conditionVersion: null,
        createdOn: '2025-03-11T09:12:44.1234567Z',
        updatedOn: '2025-03-11T09:12:44.1234567Z',
        createdBy: c.full ? '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' : null,
        delegatedManagedIdentityResourceId: null,
        description: null,
      },
    }),
    'resource-group': (c) => ({
      id: rg(c, `rg-${c.n}`),
      name: `rg-${c.n}`,
      type: 'Microsoft.Resources/resourceGroups',
      location: 'westeurope',
      managedBy: null,
      tags: tags(c),
      properties: { provisioningState: 'Succeeded' },
    }),
  },
};
