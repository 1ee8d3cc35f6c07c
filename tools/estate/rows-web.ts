/** App Service rows: plans, web and function apps, Application Insights, and the functions of each app. */
import type { EstateContext } from './context.js';
import { armId, rgName, siteHost, siteId, siteName, subnetId, suffix, word, type SiteFlavour } from './naming.js';
import type { Rng } from './prng.js';
import { argResource, armListItem, identityBlock, publicIp, tagsOf, type AzureRow } from './rows.js';
import { zipf } from './zipf.js';

const SUCCEEDED = 'Succeeded';
const LANGUAGES = ['python', 'node', 'dotnet-isolated', 'java', 'powershell'];

/** Owner name of a site's identity stream (see naming.identityOf). */
export const siteOwner = (flavour: SiteFlavour) => (flavour === 'function' ? 'func' : 'app');

const farmName = (s: number, f: number) => `asp-${word(f)}-${suffix(s, f)}`;
const farmId = (ctx: EstateContext, s: number, f: number) =>
  armId(ctx, s, rgName(ctx, 'app', f), 'Microsoft.Web/serverfarms', farmName(s, f));

/** An App Service plan in the app's own resource group when there is one (apps and plans share a webspace). */
function farmOf(ctx: EstateContext, j: number): number {
  const { appRgs, serverFarms } = ctx.sub;
  const group = j % appRgs;
  if (group >= serverFarms) return j % serverFarms;
  const inGroup = Math.floor((serverFarms - 1 - group) / appRgs) + 1;
  return group + appRgs * (j % inGroup);
}

function farmRow(ctx: EstateContext, s: number, f: number): AzureRow {
  const rng = ctx.rng('farm', s, f);
  const linux = rng.chance(0.6);
  const sku = rng.pick([
    { name: 'P1v3', tier: 'PremiumV3', size: 'P1v3', family: 'Pv3', capacity: 1 },
    { name: 'EP1', tier: 'ElasticPremium', size: 'EP1', family: 'EP', capacity: 1 },
    { name: 'S1', tier: 'Standard', size: 'S1', family: 'S', capacity: 1 },
    { name: 'Y1', tier: 'Dynamic', size: 'Y1', family: 'Y', capacity: 0 },
  ]);
  return argResource(ctx, {
    id: farmId(ctx, s, f),
    name: farmName(s, f),
    type: 'microsoft.web/serverfarms',
    s,
    resourceGroup: rgName(ctx, 'app', f),
    kind: linux ? 'linux' : 'app',
    tags: tagsOf(rng),
    sku,
    properties: {
      provisioningState: SUCCEEDED,
      status: 'Ready',
      reserved: linux,
      perSiteScaling: false,
      maximumElasticWorkerCount: 1,
      numberOfWorkers: 1,
      zoneRedundant: false,
    },
  });
}

function siteRow(ctx: EstateContext, flavour: SiteFlavour, s: number, j: number): AzureRow {
  const rng = ctx.rng(`site-${flavour}`, s, j);
  const linux = rng.chance(0.6);
  const host = siteHost(flavour, s, j);
  const scm = host.replace('.azurewebsites.net', '.scm.azurewebsites.net');
  const custom = flavour === 'web' && rng.chance(0.2) ? [`www${j}.contoso.example`] : [];
  const kind = flavour === 'function' ? (linux ? 'functionapp,linux' : 'functionapp') : linux ? 'app,linux' : 'app';
  const outbound = Array.from({ length: 4 }, () => publicIp(rng));
  const integration =
    rng.chance(0.4) && ctx.appSubnets.length > 0
      ? subnetId(ctx, s, ctx.appSubnets[zipf(rng, ctx.appSubnets.length)]!)
      : null;
  return argResource(ctx, {
    id: siteId(ctx, flavour, s, j),
    name: siteName(flavour, s, j),
    type: 'microsoft.web/sites',
    s,
    resourceGroup: rgName(ctx, 'app', j),
    kind,
    tags: tagsOf(rng),
    identity: identityBlock(ctx, siteOwner(flavour), s, j),
    properties: {
      name: siteName(flavour, s, j),
      state: rng.chance(0.95) ? 'Running' : 'Stopped',
      hostNames: [host, ...custom],
      enabledHostNames: [host, ...custom, scm],
      hostNameSslStates: [
        { name: host, sslState: 'Disabled', hostType: 'Standard' },
        ...custom.map((name) => ({ name, sslState: 'SniEnabled', hostType: 'Standard' })),
        { name: scm, sslState: 'Disabled', hostType: 'Repository' },
      ],
      defaultHostName: host,
      httpsOnly: rng.chance(0.85),
      publicNetworkAccess: rng.chance(0.85) ? 'Enabled' : 'Disabled',
      virtualNetworkSubnetId: integration,
      vnetRouteAllEnabled: integration !== null,
      clientCertEnabled: false,
      clientCertMode: 'Required',
      serverFarmId: farmId(ctx, s, farmOf(ctx, j)),
      reserved: linux,
      outboundIpAddresses: outbound.slice(0, 2).join(','),
      possibleOutboundIpAddresses: outbound.join(','),
      keyVaultReferenceIdentity: 'SystemAssigned',
      // Resource Graph leaves siteConfig mostly empty: the real values live in appserviceresources.
      siteConfig: {
        minTlsVersion: null,
        ftpsState: null,
        ipSecurityRestrictions: null,
        linuxFxVersion: linux ? (flavour === 'function' ? 'Python|3.11' : 'NODE|20-lts') : '',
      },
    },
  });
}

function insightsRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('appi', s, j);
  const name = `appi-${word(j)}-${suffix(s, j)}`;
  return argResource(ctx, {
    id: armId(ctx, s, rgName(ctx, 'app', j), 'Microsoft.Insights/components', name),
    name,
    type: 'microsoft.insights/components',
    s,
    resourceGroup: rgName(ctx, 'app', j),
    kind: 'web',
    tags: tagsOf(rng),
    properties: {
      ApplicationId: name,
      AppId: rng.guid(),
      Application_Type: 'web',
      Flow_Type: 'Bluefield',
      Request_Source: 'rest',
      IngestionMode: 'LogAnalytics',
      publicNetworkAccessForIngestion: 'Enabled',
      publicNetworkAccessForQuery: 'Enabled',
      provisioningState: SUCCEEDED,
    },
  });
}

/** Web and function app rows of one subscription (functions are a separate ARM list: functionRows). */
export function* webRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  const plan = ctx.sub;
  for (let f = 0; f < plan.serverFarms; f++) yield farmRow(ctx, s, f);
  for (let j = 0; j < plan.functionApps; j++) yield siteRow(ctx, 'function', s, j);
  for (let j = 0; j < plan.webApps; j++) yield siteRow(ctx, 'web', s, j);
  for (let j = 0; j < plan.appInsights; j++) yield insightsRow(ctx, s, j);
}

export function webRowCount(ctx: EstateContext): number {
  const p = ctx.sub;
  return p.serverFarms + p.functionApps + p.webApps + p.appInsights;
}

/** Share of HTTP-triggered functions open to anonymous callers (`authLevel: anonymous`). */
const ANONYMOUS_SHARE = 0.15;

function httpBinding(rng: Rng, route: string): AzureRow {
  const authLevel = rng.weighted([
    ['anonymous', ANONYMOUS_SHARE],
    ['function', 0.8],
    ['admin', 0.05],
  ] as const);
  return {
    name: 'req',
    type: 'httpTrigger',
    direction: 'in',
    authLevel,
    methods: rng.pick([['get'], ['post'], ['get', 'post'], ['put'], ['delete']]),
    route,
  };
}

function otherBinding(rng: Rng): AzureRow {
  return rng.chance(0.5)
    ? { name: 'timer', type: 'timerTrigger', direction: 'in', schedule: '0 */5 * * * *' }
    : {
        name: 'message',
        type: 'queueTrigger',
        direction: 'in',
        queueName: 'work-items',
        connection: 'AzureWebJobsStorage',
      };
}

/** `webApps.listFunctions` items: a few apps hold most functions (Zipf), four in five are HTTP-triggered. */
function functionRow(ctx: EstateContext, s: number, f: number): AzureRow {
  const rng = ctx.rng('function', s, f);
  const app = zipf(rng, ctx.sub.functionApps, 1.0);
  const site = siteId(ctx, 'function', s, app);
  const host = siteHost('function', s, app);
  const name = `${rng.pick(['Get', 'List', 'Create', 'Update', 'Delete', 'Sync'])}${word(f)[0]!.toUpperCase()}${word(f).slice(1)}${f}`;
  const http = rng.chance(0.8);
  const route = `${word(f)}/${f}${rng.chance(0.5) ? '/{id}' : ''}`;
  const trigger = http ? httpBinding(rng, route) : otherBinding(rng);
  const bindings: AzureRow[] = http ? [trigger, { name: '$return', type: 'http', direction: 'out' }] : [trigger];
  const admin = `https://${host}/admin`;
  return armListItem(
    `${site}/functions/${name}`,
    'Microsoft.Web/sites/functions',
    `${siteName('function', s, app)}/${name}`,
    {
      name,
      function_app_id: site,
      script_root_path_href: `${admin}/vfs/home/site/wwwroot/${name}/`,
      config_href: `${admin}/vfs/home/site/wwwroot/${name}/function.json`,
      href: `${admin}/functions/${name}`,
      config: { bindings },
      invoke_url_template: http ? `https://${host}/api/${route.toLowerCase()}` : null,
      language: LANGUAGES[app % LANGUAGES.length]!,
      isDisabled: rng.chance(0.03),
    },
  );
}

export function* functionRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  for (let f = 0; f < ctx.sub.functions; f++) yield functionRow(ctx, s, f);
}
