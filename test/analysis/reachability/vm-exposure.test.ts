import { describe, expect, it } from 'vitest';
import {
  nicInternetExposure,
  type NicExposureInput,
  type OpenPortRange,
} from '../../../src/analysis/reachability/index.js';
import { inbound, nsg } from './nsg-fixtures.js';

const STANDARD_IP = { sku: 'Standard', address: '20.1.2.3' } as const;
const BASIC_IP = { sku: 'Basic', address: '52.174.9.8' } as const;

const subnetHttps = nsg('nsg-web', inbound('allow-https', 100, 'Allow'));
const subnetWeb = nsg(
  'nsg-web',
  inbound('allow-https', 100, 'Allow'),
  inbound('allow-http', 110, 'Allow', { destinationPortRange: '80' }),
);
const nicHttps = nsg('nsg-nic', inbound('allow-https-nic', 200, 'Allow'));
const nicClosed = nsg('nsg-nic');
const subnetPartner = nsg('nsg-web', inbound('allow-partner', 100, 'Allow', { sourceAddressPrefix: '203.0.113.0/24' }));
const nicPartnerHalf = nsg(
  'nsg-nic',
  inbound('allow-partner-half', 100, 'Allow', { sourceAddressPrefix: '203.0.113.128/25' }),
);
const nicOtherPartner = nsg(
  'nsg-nic',
  inbound('allow-other', 100, 'Allow', { sourceAddressPrefix: '198.51.100.0/24' }),
);

type Open = Pick<OpenPortRange, 'protocol' | 'ports' | 'scope'> & { sources?: string[] };

const CASES: [string, NicExposureInput, Open[]][] = [
  ['no public IP: not reachable directly', { publicIp: null, subnetNsg: null, nicNsg: null }, []],
  [
    'Standard public IP with no NSG anywhere: closed by default',
    { publicIp: STANDARD_IP, subnetNsg: null, nicNsg: null },
    [],
  ],
  [
    'Basic public IP with no NSG anywhere: every port open',
    { publicIp: BASIC_IP, subnetNsg: null, nicNsg: null },
    [
      { protocol: 'Tcp', ports: '0-65535', scope: 'any' },
      { protocol: 'Udp', ports: '0-65535', scope: 'any' },
    ],
  ],
  [
    'Standard public IP, NSG on the NIC only: the NIC NSG decides',
    { publicIp: STANDARD_IP, subnetNsg: null, nicNsg: nicHttps },
    [{ protocol: 'Tcp', ports: '443', scope: 'any' }],
  ],
  [
    'Standard public IP, NSG on the subnet only: the subnet NSG decides',
    { publicIp: STANDARD_IP, subnetNsg: subnetHttps, nicNsg: null },
    [{ protocol: 'Tcp', ports: '443', scope: 'any' }],
  ],
  [
    'Basic public IP, NSG on the subnet only: the NSG applies, the SKU default does not',
    { publicIp: BASIC_IP, subnetNsg: subnetHttps, nicNsg: null },
    [{ protocol: 'Tcp', ports: '443', scope: 'any' }],
  ],
  [
    'subnet allows 443 but the NIC NSG allows nothing: both must allow',
    { publicIp: STANDARD_IP, subnetNsg: subnetHttps, nicNsg: nicClosed },
    [],
  ],
  [
    'subnet allows 80 and 443, NIC allows 443: only 443 passes both',
    { publicIp: STANDARD_IP, subnetNsg: subnetWeb, nicNsg: nicHttps },
    [{ protocol: 'Tcp', ports: '443', scope: 'any' }],
  ],
  [
    'subnet restricted to a range, NIC open: restricted to the range',
    { publicIp: STANDARD_IP, subnetNsg: subnetPartner, nicNsg: nicHttps },
    [{ protocol: 'Tcp', ports: '443', scope: 'restricted', sources: ['203.0.113.0/24'] }],
  ],
  [
    'both levels restricted: the admitted ranges intersect',
    { publicIp: STANDARD_IP, subnetNsg: subnetPartner, nicNsg: nicPartnerHalf },
    [{ protocol: 'Tcp', ports: '443', scope: 'restricted', sources: ['203.0.113.128/25'] }],
  ],
  [
    'both levels restricted to disjoint ranges: nothing passes',
    { publicIp: STANDARD_IP, subnetNsg: subnetPartner, nicNsg: nicOtherPartner },
    [],
  ],
];

describe('nicInternetExposure: public IP + subnet NSG + NIC NSG', () => {
  it.each(CASES)('%s', (_rule, input, expected) => {
    const result = nicInternetExposure(input);
    expect(
      result.openPorts.map(({ protocol, ports, scope, sources }) => ({
        protocol,
        ports,
        scope,
        ...(sources ? { sources } : {}),
      })),
    ).toEqual(expected);
    expect(result.exposed).toBe(expected.length > 0);
  });

  it('gives the evidence chain step by step', () => {
    const result = nicInternetExposure(
      { publicIp: STANDARD_IP, subnetNsg: subnetHttps, nicNsg: nicHttps },
      { protocols: ['Tcp'] },
    );
    expect(result.scope).toBe('any');
    expect(result.openPorts[0]?.evidence).toEqual([
      'public IP 20.1.2.3 (Standard)',
      'subnet NSG nsg-web allows Tcp 443 from Internet (rule allow-https, priority 100)',
      'NIC NSG nsg-nic allows Tcp 443 from Internet (rule allow-https-nic, priority 200)',
    ]);
  });

  it('names the missing level in the evidence', () => {
    const result = nicInternetExposure(
      { publicIp: STANDARD_IP, subnetNsg: null, nicNsg: nicHttps },
      { protocols: ['Tcp'] },
    );
    expect(result.openPorts[0]?.evidence).toContain('no NSG on the subnet: Tcp 443 is not filtered at that level');
  });

  it('explains why a Standard public IP without NSGs is closed', () => {
    const result = nicInternetExposure({ publicIp: STANDARD_IP, subnetNsg: null, nicNsg: null });
    expect(result).toMatchObject({ exposed: false, scope: 'none' });
    expect(result.evidence.join('\n')).toMatch(/Standard SKU public IP is closed to inbound traffic/);
  });

  it('treats an unknown SKU as Basic, so exposure is not hidden', () => {
    expect(nicInternetExposure({ publicIp: { sku: null, address: null }, subnetNsg: null, nicNsg: null }).exposed).toBe(
      true,
    );
  });
});
