/** Private endpoints to the data stores, each with the NIC Azure creates for it. */
import type { EstateContext } from './context.js';
import { armId, rgName, subnetId } from './naming.js';
import { dataTarget, dataTargetCount, type DataFlavour } from './rows-data.js';
import { argResource, ref, tagsOf, type AzureRow } from './rows.js';
import { zipf } from './zipf.js';

const SUCCEEDED = 'Succeeded';

const GROUP_IDS: Readonly<Record<DataFlavour, string>> = {
  storage: 'blob',
  sql: 'sqlServer',
  cosmos: 'Sql',
  vault: 'vault',
};

/** A private endpoint in a `snet-pe` subnet (Zipf over VNets) to a data store, with the NIC Azure creates for it. */
function endpointRows(ctx: EstateContext, s: number, p: number): AzureRow[] {
  const rng = ctx.rng('pe', s, p);
  const target = dataTarget(ctx, s, p % dataTargetCount(ctx));
  const group = GROUP_IDS[target.flavour];
  const rg = rgName(ctx, 'data', target.index);
  const name = `pe-${target.name}-${group.toLowerCase()}-${p}`;
  const id = armId(ctx, s, rg, 'Microsoft.Network/privateEndpoints', name);
  const subnet = { vnet: zipf(rng, ctx.sub.vnets, 1.1), slot: 1 };
  const nicName = `${name}.nic.${rng.guid()}`;
  const nicId = armId(ctx, s, rg, 'Microsoft.Network/networkInterfaces', nicName);
  const ip = `10.${subnet.vnet % 256}.1.${4 + (p % 250)}`;
  const endpoint = argResource(ctx, {
    id,
    name,
    type: 'microsoft.network/privateendpoints',
    s,
    resourceGroup: rg,
    tags: tagsOf(rng),
    properties: {
      provisioningState: SUCCEEDED,
      subnet: ref(subnetId(ctx, s, subnet)),
      privateLinkServiceConnections: [
        {
          name,
          id: `${id}/privateLinkServiceConnections/${name}`,
          properties: {
            privateLinkServiceId: target.id,
            groupIds: [group],
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-Approved',
              actionsRequired: 'None',
            },
          },
        },
      ],
      manualPrivateLinkServiceConnections: [],
      networkInterfaces: [ref(nicId)],
      customDnsConfigs: [],
    },
  });
  const nic = argResource(ctx, {
    id: nicId,
    name: nicName,
    type: 'microsoft.network/networkinterfaces',
    s,
    resourceGroup: rg,
    tags: {},
    properties: {
      provisioningState: SUCCEEDED,
      resourceGuid: rng.guid(),
      ipConfigurations: [
        {
          name: `privateEndpointIpConfig.${rng.guid()}`,
          id: `${nicId}/ipConfigurations/privateEndpointIpConfig`,
          type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
          properties: {
            provisioningState: SUCCEEDED,
            privateIPAddress: ip,
            privateIPAllocationMethod: 'Dynamic',
            privateIPAddressVersion: 'IPv4',
            primary: true,
            subnet: ref(subnetId(ctx, s, subnet)),
            privateLinkConnectionProperties: { groupId: group, requiredMemberName: group, fqdns: [] },
          },
        },
      ],
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      enableAcceleratedNetworking: false,
      enableIPForwarding: false,
      privateEndpoint: ref(id),
      nicType: 'Standard',
    },
  });
  return [endpoint, nic];
}

export function* privateEndpointRows(ctx: EstateContext, s: number): Generator<AzureRow> {
  for (let p = 0; p < ctx.sub.privateEndpoints; p++) yield* endpointRows(ctx, s, p);
}

export const privateEndpointRowCount = (ctx: EstateContext) => 2 * ctx.sub.privateEndpoints;
