/** Compute rows: VMs with their OS disks, container apps and environments, Logic Apps (Consumption), AKS. */
import type { EstateContext } from './context.js';
import {
  armId,
  pickUami,
  rgName,
  subnetId,
  suffix,
  uamiClient,
  uamiId,
  uamiPrincipal,
  vmId,
  vmName,
  vmNicId,
  word,
} from './naming.js';
import { argResource, identityBlock, publicIp, ref, tagsOf, type AzureRow } from './rows.js';

const SUCCEEDED = 'Succeeded';

const IMAGES = [
  {
    osType: 'Linux',
    imageReference: {
      publisher: 'Canonical',
      offer: '0001-com-ubuntu-server-jammy',
      sku: '22_04-lts-gen2',
      version: 'latest',
    },
  },
  { osType: 'Linux', imageReference: { publisher: 'RedHat', offer: 'RHEL', sku: '9-lvm-gen2', version: 'latest' } },
  {
    osType: 'Windows',
    imageReference: {
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      sku: '2022-datacenter-azure-edition',
      version: 'latest',
    },
  },
] as const;
const VM_SIZES = ['Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_B2ms', 'Standard_E4s_v5', 'Standard_F8s_v2'];

const diskName = (s: number, j: number) => `${vmName(s, j)}_OsDisk_1`;
const diskId = (ctx: EstateContext, s: number, j: number) =>
  armId(ctx, s, rgName(ctx, 'app', j), 'Microsoft.Compute/disks', diskName(s, j));

function vmRows(ctx: EstateContext, s: number, j: number): AzureRow[] {
  const rng = ctx.rng('vm', s, j);
  const image = rng.pick(IMAGES);
  const name = vmName(s, j);
  const rg = rgName(ctx, 'app', j);
  const running = rng.chance(0.9);
  const vm = argResource(ctx, {
    id: vmId(ctx, s, j),
    name,
    type: 'microsoft.compute/virtualmachines',
    s,
    resourceGroup: rg,
    tags: tagsOf(rng),
    zones: [String(1 + rng.int(3))],
    identity: identityBlock(ctx, 'vm', s, j),
    properties: {
      vmId: rng.guid(),
      hardwareProfile: { vmSize: rng.pick(VM_SIZES) },
      storageProfile: {
        imageReference: image.imageReference,
        osDisk: {
          osType: image.osType,
          name: diskName(s, j),
          createOption: 'FromImage',
          caching: 'ReadWrite',
          managedDisk: { id: diskId(ctx, s, j), storageAccountType: 'Premium_LRS' },
          deleteOption: 'Delete',
          diskSizeGB: image.osType === 'Windows' ? 127 : 30,
        },
        dataDisks: [],
      },
      osProfile: {
        computerName: name.slice(0, 15),
        adminUsername: 'azureadmin',
        secrets: [],
        allowExtensionOperations: true,
      },
      networkProfile: { networkInterfaces: [ref(vmNicId(ctx, s, j))] },
      provisioningState: SUCCEEDED,
      extended: {
        instanceView: {
          powerState: running
            ? { code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' }
            : { code: 'PowerState/deallocated', level: 'Info', displayStatus: 'VM deallocated' },
        },
      },
    },
  });
  const disk = argResource(ctx, {
    id: diskId(ctx, s, j),
    name: diskName(s, j),
    type: 'microsoft.compute/disks',
    s,
    resourceGroup: rg,
    managedBy: vmId(ctx, s, j),
    tags: tagsOf(rng),
    sku: { name: 'Premium_LRS', tier: 'Premium' },
    properties: {
      osType: image.osType,
      hyperVGeneration: 'V2',
      creationData: { createOption: 'FromImage' },
      diskSizeGB: image.osType === 'Windows' ? 127 : 30,
      diskState: running ? 'Attached' : 'Reserved',
      provisioningState: SUCCEEDED,
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
    },
  });
  return [vm, disk];
}

const envName = (s: number, e: number) => `cae-${suffix(s, e)}`;
const envId = (ctx: EstateContext, s: number, e: number) =>
  armId(ctx, s, rgName(ctx, 'app', e), 'Microsoft.App/managedEnvironments', envName(s, e));
const envDomain = (ctx: EstateContext, s: number, e: number) =>
  `${word(e)}-${ctx.rng('cae-domain', s, e).hex(8)}.${ctx.subscription(s).region}.azurecontainerapps.io`;

function environmentRow(ctx: EstateContext, s: number, e: number): AzureRow {
  const rng = ctx.rng('cae', s, e);
  const internal = rng.chance(0.3);
  const subnet = ctx.appSubnets[e % Math.max(1, ctx.appSubnets.length)] ?? { vnet: 0, slot: 2 };
  return argResource(ctx, {
    id: envId(ctx, s, e),
    name: envName(s, e),
    type: 'microsoft.app/managedenvironments',
    s,
    resourceGroup: rgName(ctx, 'app', e),
    tags: tagsOf(rng),
    properties: {
      provisioningState: SUCCEEDED,
      defaultDomain: envDomain(ctx, s, e),
      staticIp: internal ? `10.${subnet.vnet % 256}.${subnet.slot}.250` : publicIp(rng),
      vnetConfiguration: { internal, infrastructureSubnetId: subnetId(ctx, s, subnet) },
      zoneRedundant: false,
    },
  });
}

function containerAppRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('ca', s, j);
  const e = j % ctx.sub.containerEnvs;
  const name = `ca-${word(j)}-${suffix(s, j)}`;
  const fqdn = `${name}.${envDomain(ctx, s, e)}`;
  return argResource(ctx, {
    id: armId(ctx, s, rgName(ctx, 'app', j), 'Microsoft.App/containerApps', name),
    name,
    type: 'microsoft.app/containerapps',
    s,
    resourceGroup: rgName(ctx, 'app', j),
    tags: tagsOf(rng),
    identity: identityBlock(ctx, 'ca', s, j),
    properties: {
      provisioningState: SUCCEEDED,
      managedEnvironmentId: envId(ctx, s, e),
      environmentId: envId(ctx, s, e),
      latestRevisionFqdn: `${name}--${rng.hex(5)}.${envDomain(ctx, s, e)}`,
      configuration: {
        activeRevisionsMode: 'Single',
        ingress: {
          external: rng.chance(0.7),
          targetPort: rng.pick([80, 8080, 3000]),
          transport: 'auto',
          allowInsecure: rng.chance(0.1),
          fqdn,
          ipSecurityRestrictions: [],
        },
      },
      template: {
        containers: [
          {
            name: word(j),
            image: `acrcontoso.azurecr.io/${word(j)}-api:1.${rng.int(20)}.${rng.int(10)}`,
            resources: { cpu: 0.5, memory: '1Gi' },
          },
        ],
        scale: { minReplicas: 0, maxReplicas: 10 },
      },
    },
  });
}

/** A Consumption workflow: most start on an HTTP Request trigger, guarded by SAS, a few by IP or OAuth too. */
function workflowRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('workflow', s, j);
  const name = `la-${word(j)}-${suffix(s, j)}`;
  const region = ctx.subscription(s).region;
  const http = rng.chance(0.8);
  const triggers: AzureRow = http
    ? { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST', schema: { type: 'object' } } } }
    : { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } };
  const triggerAccess: AzureRow = { sasAuthenticationPolicy: { state: rng.chance(0.9) ? 'Enabled' : 'Disabled' } };
  if (rng.chance(0.2)) triggerAccess['allowedCallerIpAddresses'] = [{ addressRange: '203.0.113.0/24' }];
  return argResource(ctx, {
    id: armId(ctx, s, rgName(ctx, 'app', j), 'Microsoft.Logic/workflows', name),
    name,
    type: 'microsoft.logic/workflows',
    s,
    resourceGroup: rgName(ctx, 'app', j),
    tags: tagsOf(rng),
    identity: identityBlock(ctx, 'workflow', s, j),
    properties: {
      provisioningState: SUCCEEDED,
      state: rng.chance(0.9) ? 'Enabled' : 'Disabled',
      accessEndpoint: `https://prod-${10 + rng.int(80)}.${region}.logic.azure.com:443/workflows/${rng.hex(32)}`,
      definition: {
        $schema:
          'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: {},
        triggers,
        actions: { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 202 }, runAfter: {} } },
        outputs: {},
      },
      parameters: {},
      accessControl: { triggers: triggerAccess },
    },
  });
}

function clusterRow(ctx: EstateContext, s: number, j: number): AzureRow {
  const rng = ctx.rng('aks', s, j);
  const name = `aks-${word(j)}-${suffix(s, j)}`;
  const privateCluster = rng.chance(0.4);
  const kubelet = pickUami(ctx, rng);
  const properties: AzureRow = {
    provisioningState: SUCCEEDED,
    powerState: { code: 'Running' },
    kubernetesVersion: '1.30.6',
    dnsPrefix: name,
    apiServerAccessProfile: {
      enablePrivateCluster: privateCluster,
      authorizedIPRanges: privateCluster ? [] : rng.chance(0.5) ? ['203.0.113.0/24'] : [],
    },
    agentPoolProfiles: [
      {
        name: 'system',
        count: 3,
        vmSize: 'Standard_D4s_v5',
        mode: 'System',
        osType: 'Linux',
        vnetSubnetID: subnetId(ctx, s, ctx.appSubnets[j % Math.max(1, ctx.appSubnets.length)] ?? { vnet: 0, slot: 2 }),
      },
    ],
    networkProfile: { networkPlugin: 'azure', loadBalancerSku: 'standard', outboundType: 'loadBalancer' },
    identityProfile: {
      kubeletidentity: {
        resourceId: uamiId(ctx, s, kubelet),
        clientId: uamiClient(ctx, s, kubelet),
        objectId: uamiPrincipal(ctx, s, kubelet),
      },
    },
  };
  properties[privateCluster ? 'privateFQDN' : 'fqdn'] =
    `${name}-${rng.hex(8)}.${privateCluster ? 'privatelink.' : 'hcp.'}${ctx.subscription(s).region}.azmk8s.io`;
  return argResource(ctx, {
    id: armId(ctx, s, rgName(ctx, 'app', j), 'Microsoft.ContainerService/managedClusters', name),
    name,
    type: 'microsoft.containerservice/managedclusters',
    s,
    resourceGroup: rgName(ctx, 'app', j),
    tags: tagsOf(rng),
    sku: { name: 'Base', tier: 'Standard' },
    identity: { type: 'SystemAssigned', principalId: ctx.rng('aks-principal', s, j).guid(), tenantId: ctx.tenantId },
    properties,
  });
}

/** Compute rows of one subscription (sites and functions live in rows-web.ts). */
export function* computeRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  const plan = ctx.sub;
  for (let j = 0; j < plan.vms; j++) yield* vmRows(ctx, s, j);
  for (let e = 0; e < plan.containerEnvs; e++) yield environmentRow(ctx, s, e);
  for (let j = 0; j < plan.containerApps; j++) yield containerAppRow(ctx, s, j);
  for (let j = 0; j < plan.workflows; j++) yield workflowRow(ctx, s, j);
  for (let j = 0; j < plan.clusters; j++) yield clusterRow(ctx, s, j);
}

export function computeRowCount(ctx: EstateContext): number {
  const p = ctx.sub;
  return 2 * p.vms + p.containerEnvs + p.containerApps + p.workflows + p.clusters;
}
