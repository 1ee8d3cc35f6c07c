import { describe, expect, it } from 'vitest';
import {
  loadBalancerExposure,
  loadBalancerRules,
  type ArmLoadBalancer,
  type BackendNic,
  type LoadBalancerPath,
} from '../../../src/analysis/reachability/index.js';
import { inbound, nsg } from './nsg-fixtures.js';

const RG = '/subscriptions/3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71/resourceGroups/rg-net-prod/providers/Microsoft.Network';
const LB = `${RG}/loadBalancers/lb-web`;
const FE_PUBLIC = `${LB}/frontendIPConfigurations/fe-public`;
const FE_PRIVATE = `${LB}/frontendIPConfigurations/fe-private`;
const POOL = `${LB}/backendAddressPools/bepool-web`;
const NIC1 = `${RG}/networkInterfaces/nic-web-01/ipConfigurations/ipconfig1`;
const NIC2 = `${RG}/networkInterfaces/nic-web-02/ipConfigurations/ipconfig1`;
const key = (id: string) => id.toLowerCase();

function lbRule(name: string, frontend: string, protocol: string, frontendPort: number, backendPort: number) {
  return {
    name,
    id: `${LB}/loadBalancingRules/${name}`,
    properties: {
      frontendIPConfiguration: { id: frontend },
      backendAddressPool: { id: POOL },
      protocol,
      frontendPort,
      backendPort,
      enableFloatingIP: false,
    },
  };
}

function loadBalancer(
  sku: 'Basic' | 'Standard',
  loadBalancingRules: object[],
  inboundNatRules: object[] = [],
): ArmLoadBalancer {
  return {
    name: 'lb-web',
    id: LB,
    type: 'Microsoft.Network/loadBalancers',
    sku: { name: sku, tier: 'Regional' },
    properties: {
      frontendIPConfigurations: [
        {
          name: 'fe-public',
          id: FE_PUBLIC,
          properties: { publicIPAddress: { id: `${RG}/publicIPAddresses/pip-lb-web` } },
        },
        {
          name: 'fe-private',
          id: FE_PRIVATE,
          properties: {
            privateIPAddress: '10.20.4.10',
            subnet: { id: `${RG}/virtualNetworks/vnet-prod-weu/subnets/snet-web` },
          },
        },
      ],
      backendAddressPools: [
        { name: 'bepool-web', id: POOL, properties: { backendIPConfigurations: [{ id: NIC1 }, { id: NIC2 }] } },
      ],
      loadBalancingRules,
      inboundNatRules,
    },
  };
}

const frontend = { id: FE_PUBLIC, publicIp: { sku: 'Standard', address: '20.50.60.70' } };
const allow8080 = nsg('nsg-web', inbound('allow-8080', 100, 'Allow', { destinationPortRange: '8080' }));
const allow80Only = nsg('nsg-web', inbound('allow-80', 100, 'Allow', { destinationPortRange: '80' }));
const open = (nsgs: Partial<BackendNic> = {}): BackendNic => ({ subnetNsg: null, nicNsg: null, ...nsgs });
const bothNics = (nic: BackendNic) => ({ [key(NIC1)]: nic, [key(NIC2)]: nic });
const summary = (paths: LoadBalancerPath[]) =>
  paths.map((p) => `${p.rule} ${p.protocol} ${p.frontendPort}->${p.backend.split('/')[8]}:${p.backendPort} ${p.scope}`);

describe('loadBalancerExposure: public frontend → rules → backend NSGs', () => {
  const cases: [string, ArmLoadBalancer, Record<string, BackendNic>, string[], string[]][] = [
    [
      'Standard LB: frontend 80 maps to backend 8080 on every pool member when the backend NSG allows 8080',
      loadBalancer('Standard', [lbRule('http', FE_PUBLIC, 'Tcp', 80, 8080)]),
      bothNics(open({ subnetNsg: allow8080 })),
      ['http Tcp 80->nic-web-01:8080 any', 'http Tcp 80->nic-web-02:8080 any'],
      [],
    ],
    [
      'Standard LB with no NSG on the backend: closed, like a Standard public IP',
      loadBalancer('Standard', [lbRule('http', FE_PUBLIC, 'Tcp', 80, 8080)]),
      bothNics(open()),
      [],
      ['http Tcp 80->nic-web-01:8080 none', 'http Tcp 80->nic-web-02:8080 none'],
    ],
    [
      'Basic LB with no NSG on the backend: open',
      loadBalancer('Basic', [lbRule('http', FE_PUBLIC, 'Tcp', 80, 8080)]),
      { [key(NIC1)]: open() },
      ['http Tcp 80->nic-web-01:8080 any'],
      [],
    ],
    [
      'the NSG is checked on the backend port, not the frontend port',
      loadBalancer('Standard', [lbRule('http', FE_PUBLIC, 'Tcp', 80, 8080)]),
      { [key(NIC1)]: open({ nicNsg: allow80Only }) },
      [],
      ['http Tcp 80->nic-web-01:8080 none'],
    ],
    [
      'rules on a private frontend are ignored',
      loadBalancer('Standard', [lbRule('internal', FE_PRIVATE, 'Tcp', 8080, 8080)]),
      bothNics(open({ subnetNsg: allow8080 })),
      [],
      [],
    ],
    [
      'protocol All maps both Tcp and Udp',
      loadBalancer('Basic', [lbRule('all', FE_PUBLIC, 'All', 8080, 8080)]),
      { [key(NIC1)]: open() },
      ['all Tcp 8080->nic-web-01:8080 any', 'all Udp 8080->nic-web-01:8080 any'],
      [],
    ],
    [
      'inbound NAT rule: one frontend port to one NIC ipconfig',
      loadBalancer(
        'Standard',
        [],
        [
          {
            name: 'ssh-web-02',
            id: `${LB}/inboundNatRules/ssh-web-02`,
            properties: {
              frontendIPConfiguration: { id: FE_PUBLIC },
              backendIPConfiguration: { id: NIC2 },
              protocol: 'Tcp',
              frontendPort: 50002,
              backendPort: 22,
            },
          },
        ],
      ),
      bothNics(open({ nicNsg: nsg('nsg-nic', inbound('allow-ssh', 100, 'Allow', { destinationPortRange: '22' })) })),
      ['ssh-web-02 Tcp 50002->nic-web-02:22 any'],
      [],
    ],
    [
      'pool-based inbound NAT rule: the frontend port range maps onto the pool',
      loadBalancer(
        'Standard',
        [],
        [
          {
            name: 'rdp-pool',
            id: `${LB}/inboundNatRules/rdp-pool`,
            properties: {
              frontendIPConfiguration: { id: FE_PUBLIC },
              backendAddressPool: { id: POOL },
              protocol: 'Tcp',
              frontendPortRangeStart: 50000,
              frontendPortRangeEnd: 50099,
              backendPort: 3389,
            },
          },
        ],
      ),
      {
        [key(NIC1)]: open({
          subnetNsg: nsg(
            'nsg-web',
            inbound('allow-rdp', 100, 'Allow', { destinationPortRange: '3389', sourceAddressPrefix: '203.0.113.0/24' }),
          ),
        }),
      },
      ['rdp-pool Tcp 50000-50099->nic-web-01:3389 restricted'],
      [],
    ],
  ];

  it.each(cases)('%s', (_rule, lb, backends, reachable, blocked) => {
    const result = loadBalancerExposure(lb, frontend, loadBalancerRules(lb), backends);
    expect(summary(result.reachable)).toEqual(reachable);
    expect(summary(result.blocked)).toEqual(blocked);
    expect(result.exposed).toBe(reachable.length > 0);
  });

  it('HA ports forward every port: the backend NSG decides which ones', () => {
    const lb = loadBalancer('Standard', [lbRule('ha', FE_PUBLIC, 'All', 0, 0)]);
    const result = loadBalancerExposure(lb, frontend, loadBalancerRules(lb), {
      [key(NIC1)]: open({ subnetNsg: allow8080 }),
    });
    expect(summary(result.reachable)).toEqual(['ha Tcp 0-65535->nic-web-01:8080 any']);
  });

  it('reports backends whose NSGs were not supplied as unevaluated', () => {
    const lb = loadBalancer('Standard', [lbRule('http', FE_PUBLIC, 'Tcp', 80, 8080)]);
    const result = loadBalancerExposure(lb, frontend, loadBalancerRules(lb), {
      [key(NIC1)]: open({ subnetNsg: allow8080 }),
    });
    expect(result.unevaluated).toEqual([key(NIC2)]);
  });

  it('carries the evidence chain from the public IP to the backend NSG', () => {
    const lb = loadBalancer('Standard', [lbRule('http', FE_PUBLIC, 'Tcp', 80, 8080)]);
    const [path] = loadBalancerExposure(lb, frontend, loadBalancerRules(lb), {
      [key(NIC1)]: open({ subnetNsg: allow8080 }),
    }).reachable;
    expect(path?.evidence).toEqual([
      'public IP 20.50.60.70 (Standard) on frontend fe-public of load balancer lb-web (Standard)',
      `load-balancing rule http: Tcp 80 → ${key(NIC1)} port 8080`,
      'subnet NSG nsg-web allows Tcp 8080 from Internet (rule allow-8080, priority 100)',
      'no NSG on the NIC: Tcp 8080 is not filtered at that level',
    ]);
  });
});
