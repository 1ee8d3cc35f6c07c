/** Application gateway rows: a WAF v2 gateway and the public IP of its frontend. */
import type { EstateContext } from './context.js';
import { agwId, agwName, agwPipId, agwPipName, apimHost, rgName, subnetId } from './naming.js';
import { argResource, publicIp, ref, tagsOf, type AzureRow } from './rows.js';
import { zipf } from './zipf.js';

const SUCCEEDED = 'Succeeded';

/** An application gateway (WAF v2) with a public frontend on 443, forwarding to an APIM gateway host. */
export function appGatewayRows(ctx: EstateContext, s: number, a: number): AzureRow[] {
  const rng = ctx.rng('agw', s, a);
  const id = agwId(ctx, s, a);
  const rg = rgName(ctx, 'net', a);
  const frontend = `${id}/frontendIPConfigurations/appGwPublicFrontendIp`;
  const pip = argResource(ctx, {
    id: agwPipId(ctx, s, a),
    name: agwPipName(s, a),
    type: 'microsoft.network/publicipaddresses',
    s,
    resourceGroup: rg,
    tags: tagsOf(rng),
    sku: { name: 'Standard', tier: 'Regional' },
    zones: ['1', '2', '3'],
    properties: {
      provisioningState: SUCCEEDED,
      resourceGuid: rng.guid(),
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: 'Static',
      ipAddress: publicIp(rng),
      idleTimeoutInMinutes: 4,
      ipConfiguration: ref(frontend),
      ipTags: [],
    },
  });
  const backendHost = apimHost(s, zipf(rng, ctx.sub.apimServices, 1.2));
  const gateway = argResource(ctx, {
    id,
    name: agwName(s, a),
    type: 'microsoft.network/applicationgateways',
    s,
    resourceGroup: rg,
    tags: tagsOf(rng),
    properties: {
      provisioningState: SUCCEEDED,
      operationalState: 'Running',
      sku: { name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 },
      gatewayIPConfigurations: [
        {
          name: 'appGatewayIpConfig',
          id: `${id}/gatewayIPConfigurations/appGatewayIpConfig`,
          properties: { subnet: ref(subnetId(ctx, s, { vnet: a % ctx.sub.vnets, slot: 0 })) },
        },
      ],
      frontendIPConfigurations: [
        {
          name: 'appGwPublicFrontendIp',
          id: frontend,
          properties: { privateIPAllocationMethod: 'Dynamic', publicIPAddress: ref(agwPipId(ctx, s, a)) },
        },
      ],
      frontendPorts: [{ name: 'port_443', id: `${id}/frontendPorts/port_443`, properties: { port: 443 } }],
      httpListeners: [
        {
          name: 'listener-https',
          id: `${id}/httpListeners/listener-https`,
          properties: {
            frontendIPConfiguration: ref(frontend),
            frontendPort: ref(`${id}/frontendPorts/port_443`),
            protocol: 'Https',
            hostName: `api${a}.contoso.example`,
            requireServerNameIndication: true,
          },
        },
      ],
      backendAddressPools: [
        {
          name: 'pool-apim',
          id: `${id}/backendAddressPools/pool-apim`,
          properties: { backendAddresses: [{ fqdn: backendHost }] },
        },
      ],
      backendHttpSettingsCollection: [
        {
          name: 'https-443',
          id: `${id}/backendHttpSettingsCollection/https-443`,
          properties: { port: 443, protocol: 'Https', pickHostNameFromBackendAddress: true, requestTimeout: 30 },
        },
      ],
      requestRoutingRules: [
        {
          name: 'rule-apim',
          id: `${id}/requestRoutingRules/rule-apim`,
          properties: {
            ruleType: 'Basic',
            priority: 100,
            httpListener: ref(`${id}/httpListeners/listener-https`),
            backendAddressPool: ref(`${id}/backendAddressPools/pool-apim`),
            backendHttpSettings: ref(`${id}/backendHttpSettingsCollection/https-443`),
          },
        },
      ],
      webApplicationFirewallConfiguration: {
        enabled: true,
        firewallMode: rng.chance(0.7) ? 'Prevention' : 'Detection',
        ruleSetType: 'OWASP',
        ruleSetVersion: '3.2',
      },
    },
  });
  return [pip, gateway];
}
