/**
 * API Management rows: the services (a Resource Graph row each) and their children as `@azure/arm-apimanagement`
 * lists them (APIs, operations, backends, policies — none of them is in Resource Graph).
 */
import type { EstateContext } from './context.js';
import {
  apiId,
  apiName,
  apimHost,
  apimId,
  apimName,
  backendName,
  backendService,
  siteHost,
  siteId,
  subnetId,
  word,
} from './naming.js';
import type { Rng } from './prng.js';
import { policyRows } from './rows-apim-policies.js';
import { argResource, armListItem, identityBlock, publicIp, tagsOf, type AzureRow } from './rows.js';
import { zipf } from './zipf.js';

const PROTOCOL_KEY = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Security';

/** TLS settings: "True" on a Protocols key means the old protocol is enabled. */
function customProperties(rng: Rng): AzureRow {
  const legacy = rng.chance(0.15) ? 'True' : 'False';
  return {
    [`${PROTOCOL_KEY}.Protocols.Tls10`]: legacy,
    [`${PROTOCOL_KEY}.Protocols.Tls11`]: legacy,
    [`${PROTOCOL_KEY}.Protocols.Ssl30`]: 'False',
    [`${PROTOCOL_KEY}.Backend.Protocols.Tls10`]: 'False',
    [`${PROTOCOL_KEY}.Backend.Protocols.Tls11`]: 'False',
    [`${PROTOCOL_KEY}.Backend.Protocols.Ssl30`]: 'False',
    [`${PROTOCOL_KEY}.Ciphers.TripleDes168`]: 'False',
    'Microsoft.WindowsAzure.ApiManagement.Gateway.Protocols.Server.Http2': 'True',
  };
}

/** The first service of every subscription is public, so each subscription has an internet-facing gateway. */
function serviceRow(ctx: EstateContext, s: number, a: number): AzureRow {
  const rng = ctx.rng('apim', s, a);
  const name = apimName(s, a);
  const host = apimHost(s, a);
  const vnetType =
    a === 0
      ? 'None'
      : rng.weighted([
          ['None', 0.55],
          ['External', 0.2],
          ['Internal', 0.25],
        ] as const);
  const sku = vnetType === 'None' ? rng.pick(['Developer', 'Standard', 'Premium', 'StandardV2']) : 'Premium';
  const subnet = ctx.appSubnets[a % Math.max(1, ctx.appSubnets.length)] ?? { vnet: 0, slot: 2 };
  const hostnames: AzureRow[] = [
    {
      type: 'Proxy',
      hostName: host,
      certificateSource: 'BuiltIn',
      negotiateClientCertificate: false,
      defaultSslBinding: false,
    },
  ];
  if (rng.chance(0.3))
    hostnames.push({
      type: 'Proxy',
      hostName: `api${a}.contoso.example`,
      certificateSource: 'KeyVault',
      negotiateClientCertificate: false,
      defaultSslBinding: true,
    });
  const properties: AzureRow = {
    provisioningState: 'Succeeded',
    publisherEmail: 'api-team@contoso.example',
    publisherName: 'Contoso',
    gatewayUrl: `https://${host}`,
    developerPortalUrl: `https://${name}.developer.azure-api.net`,
    managementApiUrl: `https://${name}.management.azure-api.net`,
    hostnameConfigurations: hostnames,
    publicIPAddresses: vnetType === 'Internal' ? null : [publicIp(rng)],
    privateIPAddresses: vnetType === 'None' ? null : [`10.${subnet.vnet % 256}.${subnet.slot}.${5 + a}`],
    virtualNetworkType: vnetType,
    publicNetworkAccess: 'Enabled',
    customProperties: customProperties(rng),
    disableGateway: false,
    platformVersion: 'stv2',
    natGatewayState: 'Disabled',
  };
  if (vnetType !== 'None') properties['virtualNetworkConfiguration'] = { subnetResourceId: subnetId(ctx, s, subnet) };
  return argResource(ctx, {
    id: apimId(ctx, s, a),
    name,
    type: 'microsoft.apimanagement/service',
    s,
    resourceGroup: 'rg-apim',
    tags: tagsOf(rng),
    sku: { name: sku, capacity: sku === 'StandardV2' ? 1 : 1 + rng.int(2) },
    identity: identityBlock(ctx, 'apim', s, a),
    properties,
  });
}

export function* apimServiceRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  for (let a = 0; a < ctx.sub.apimServices; a++) yield serviceRow(ctx, s, a);
}

/** The backend URL an API or backend entity points at: mostly function and web apps, some partner hosts. */
function backendUrl(ctx: EstateContext, rng: Rng, s: number): { url: string; resourceId: string | null } {
  const target = rng.weighted([
    ['function', 0.6],
    ['web', 0.3],
    ['external', 0.1],
  ] as const);
  if (target === 'external')
    return {
      url: `https://${rng.pick(['legacy', 'partner', 'erp'])}-${word(rng.int(16))}.partner.example/api`,
      resourceId: null,
    };
  const count = target === 'function' ? ctx.sub.functionApps : ctx.sub.webApps;
  const j = zipf(rng, count, 1.0);
  return {
    url: `https://${siteHost(target, s, j)}${target === 'function' ? '/api' : ''}`,
    resourceId: siteId(ctx, target, s, j),
  };
}

function apiRow(ctx: EstateContext, s: number, i: number): AzureRow {
  const rng = ctx.rng('api', s, i);
  const properties: AzureRow = {
    displayName: `${word(i)[0]!.toUpperCase()}${word(i).slice(1)} API ${i}`,
    apiRevision: '1',
    isCurrent: true,
    type: 'http',
    path: `${word(i)}/v${1 + (i % 3)}/${i}`,
    protocols: rng.chance(0.85) ? ['https'] : ['http', 'https'],
    serviceUrl: backendUrl(ctx, rng, s).url,
    subscriptionKeyParameterNames: { header: 'Ocp-Apim-Subscription-Key', query: 'subscription-key' },
  };
  // List output often omits subscriptionRequired (the service default, true); some APIs switch it off.
  const keyRule = rng.weighted([
    ['absent', 0.3],
    ['required', 0.45],
    ['off', 0.25],
  ] as const);
  if (keyRule !== 'absent') properties['subscriptionRequired'] = keyRule === 'required';
  if (rng.chance(0.3))
    properties['authenticationSettings'] = {
      openid: { openidProviderId: 'entra-contoso', bearerTokenSendingMethods: ['authorizationHeader'] },
    };
  return armListItem(apiId(ctx, s, i), 'Microsoft.ApiManagement/service/apis', apiName(i), properties);
}

const METHODS = [
  ['GET', 0.5],
  ['POST', 0.25],
  ['PUT', 0.1],
  ['DELETE', 0.1],
  ['PATCH', 0.05],
] as const;

/** An operation of an API: a few APIs hold most operations (Zipf). */
function operationRow(ctx: EstateContext, s: number, o: number): AzureRow {
  const rng = ctx.rng('operation', s, o);
  const api = zipf(rng, ctx.sub.apis, 0.9);
  const method = rng.weighted(METHODS);
  const item = rng.chance(0.6) && method !== 'POST';
  const name = `${method.toLowerCase()}-${word(o)}-${o}`;
  const urlTemplate = `/${word(o)}${item ? '/{id}' : ''}`;
  return armListItem(
    `${apiId(ctx, s, api)}/operations/${name}`,
    'Microsoft.ApiManagement/service/apis/operations',
    name,
    {
      displayName: `${method} ${word(o)} ${o}`,
      method,
      urlTemplate,
      templateParameters: item ? [{ name: 'id', type: 'string', required: true, values: [] }] : [],
      request: {
        queryParameters: [],
        headers: [],
        representations: method === 'POST' || method === 'PUT' ? [{ contentType: 'application/json' }] : [],
      },
      responses: [
        {
          statusCode: method === 'POST' ? 201 : 200,
          representations: [{ contentType: 'application/json' }],
          headers: [],
        },
      ],
    },
  );
}

function backendRow(ctx: EstateContext, s: number, b: number): AzureRow {
  const rng = ctx.rng('backend', s, b);
  const target = backendUrl(ctx, rng, s);
  const properties: AzureRow = {
    description: backendName(b),
    url: target.url,
    protocol: 'http',
    tls: { validateCertificateChain: true, validateCertificateName: rng.chance(0.9) },
  };
  // Portal imports store the management URL form of the resource id.
  if (target.resourceId) properties['resourceId'] = `https://management.azure.com${target.resourceId}`;
  if (target.url.includes('/api') && rng.chance(0.7))
    properties['credentials'] = { header: { 'x-functions-key': [`{{${backendName(b)}-key}}`] } };
  return armListItem(
    `${apimId(ctx, s, backendService(ctx, b))}/backends/${backendName(b)}`,
    'Microsoft.ApiManagement/service/backends',
    backendName(b),
    properties,
  );
}

export const APIM_LISTS = {
  apis: (ctx: EstateContext, s: number) => range(ctx.sub.apis, (i) => apiRow(ctx, s, i)),
  operations: (ctx: EstateContext, s: number) => range(ctx.sub.operations, (o) => operationRow(ctx, s, o)),
  backends: (ctx: EstateContext, s: number) => range(ctx.sub.backends, (b) => backendRow(ctx, s, b)),
  policies: policyRows,
};

function* range(count: number, make: (index: number) => AzureRow): Generator<AzureRow> {
  for (let i = 0; i < count; i++) yield make(i);
}
