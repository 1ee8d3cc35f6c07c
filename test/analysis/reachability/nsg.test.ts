import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INBOUND_RULES,
  evaluateInbound,
  internetOpenPorts,
  type ArmNetworkSecurityGroup,
  type InboundOptions,
  type NsgDecision,
} from '../../../src/analysis/reachability/index.js';
import { inbound, nsg, nsgWithDefaults, outbound } from './nsg-fixtures.js';

interface Case {
  readonly rule: string;
  readonly nsg: ArmNetworkSecurityGroup;
  readonly port: number;
  readonly options?: InboundOptions;
  readonly expected: Partial<NsgDecision>;
}

const DENIED_BY_DEFAULT = { allowed: false, scope: 'none', rule: 'DenyAllInBound', priority: 65500 } as const;
const OPEN = (rule: string, sources: string[]) => ({ allowed: true, scope: 'any', rule, sources }) as const;

const CASES: Case[] = [
  // Default rules
  {
    rule: 'no custom rules: DenyAllInBound (65500) closes every port',
    nsg: nsg('nsg-empty'),
    port: 443,
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'AllowVnetInBound (65000) admits no internet source',
    nsg: nsg('nsg-empty'),
    port: 22,
    expected: { allowed: false, rule: 'DenyAllInBound' },
  },
  {
    rule: 'defaultSecurityRules present in the input replace the built-in defaults',
    nsg: nsgWithDefaults('nsg-odd', [
      inbound('AllowEverythingDefault', 65500, 'Allow', {
        protocol: '*',
        sourceAddressPrefix: '*',
        destinationPortRange: '*',
      }),
    ]),
    port: 8443,
    expected: OPEN('AllowEverythingDefault', ['*']),
  },
  {
    rule: "ARM's own defaultSecurityRules behave like the built-in ones",
    nsg: nsgWithDefaults('nsg-arm', [...DEFAULT_INBOUND_RULES], inbound('allow-https', 100, 'Allow')),
    port: 443,
    expected: OPEN('allow-https', ['Internet']),
  },
  // Internet sources
  {
    rule: 'source Internet opens to the internet at large',
    nsg: nsg('n', inbound('allow-https', 100, 'Allow')),
    port: 443,
    expected: OPEN('allow-https', ['Internet']),
  },
  {
    rule: 'source * opens to the internet',
    nsg: nsg('n', inbound('r', 100, 'Allow', { sourceAddressPrefix: '*' })),
    port: 443,
    expected: OPEN('r', ['*']),
  },
  {
    rule: 'source 0.0.0.0/0 opens to the internet',
    nsg: nsg('n', inbound('r', 100, 'Allow', { sourceAddressPrefix: '0.0.0.0/0' })),
    port: 443,
    expected: OPEN('r', ['0.0.0.0/0']),
  },
  {
    rule: 'source Any opens to the internet',
    nsg: nsg('n', inbound('r', 100, 'Allow', { sourceAddressPrefix: 'Any' })),
    port: 443,
    expected: OPEN('r', ['Any']),
  },
  {
    rule: 'source 0.0.0.0/1 + 128.0.0.0/1 (plural) covers the whole internet',
    nsg: nsg(
      'n',
      inbound('halves', 100, 'Allow', { sourceAddressPrefix: '', sourceAddressPrefixes: ['0.0.0.0/1', '128.0.0.0/1'] }),
    ),
    port: 443,
    expected: { allowed: true, scope: 'any', rule: 'halves', sources: ['0.0.0.0/1', '128.0.0.0/1'] },
  },
  {
    rule: 'a range holding most public addresses (0.0.0.0/1) counts as the internet at large',
    nsg: nsg('n', inbound('broad', 100, 'Allow', { sourceAddressPrefix: '0.0.0.0/1' })),
    port: 443,
    expected: { allowed: true, scope: 'any', rule: 'broad', sources: ['0.0.0.0/1'] },
  },
  {
    rule: 'Allow * after a Deny of most of the internet admits only what is left: restricted',
    nsg: nsg(
      'n',
      inbound('deny-half', 100, 'Deny', { sourceAddressPrefix: '0.0.0.0/1' }),
      inbound('allow-rest', 200, 'Allow', { sourceAddressPrefix: '*' }),
    ),
    port: 443,
    expected: {
      allowed: true,
      scope: 'restricted',
      rule: 'allow-rest',
      sources: ['* (minus ranges decided by earlier rules)'],
    },
  },
  {
    rule: 'service tag VirtualNetwork is not the internet',
    nsg: nsg('n', inbound('vnet', 100, 'Allow', { sourceAddressPrefix: 'VirtualNetwork' })),
    port: 443,
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'service tag AzureLoadBalancer is not the internet',
    nsg: nsg('n', inbound('probe', 100, 'Allow', { sourceAddressPrefix: 'AzureLoadBalancer' })),
    port: 443,
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'a private source range (10.0.0.0/8) cannot be an internet client',
    nsg: nsg('n', inbound('corp', 100, 'Allow', { sourceAddressPrefix: '10.0.0.0/8' })),
    port: 443,
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'a specific public range opens to that range only: restricted',
    nsg: nsg('n', inbound('partner', 100, 'Allow', { sourceAddressPrefix: '203.0.113.0/24' })),
    port: 443,
    expected: { allowed: true, scope: 'restricted', rule: 'partner', priority: 100, sources: ['203.0.113.0/24'] },
  },
  {
    rule: 'plural sourceAddressPrefixes are used when the singular is empty',
    nsg: nsg(
      'n',
      inbound('partners', 100, 'Allow', {
        sourceAddressPrefix: '',
        sourceAddressPrefixes: ['203.0.113.0/24', '198.51.100.7'],
      }),
    ),
    port: 443,
    expected: { allowed: true, scope: 'restricted', sources: ['203.0.113.0/24', '198.51.100.7'] },
  },
  {
    rule: 'plural sourceAddressPrefixes are used when the singular is missing',
    nsg: nsg(
      'n',
      inbound('partners', 100, 'Allow', { sourceAddressPrefix: null, sourceAddressPrefixes: ['198.51.100.0/24'] }),
    ),
    port: 443,
    expected: { allowed: true, scope: 'restricted', sources: ['198.51.100.0/24'] },
  },
  {
    rule: 'a public service tag (AzureFrontDoor.Backend) is a restricted source',
    nsg: nsg('n', inbound('afd', 100, 'Allow', { sourceAddressPrefix: 'AzureFrontDoor.Backend' })),
    port: 443,
    expected: { allowed: true, scope: 'restricted', rule: 'afd', sources: ['AzureFrontDoor.Backend'] },
  },
  {
    rule: 'mixed sources: only the public part of VirtualNetwork + a public range counts',
    nsg: nsg(
      'n',
      inbound('mixed', 100, 'Allow', {
        sourceAddressPrefix: '',
        sourceAddressPrefixes: ['VirtualNetwork', '203.0.113.0/24'],
      }),
    ),
    port: 443,
    expected: { allowed: true, scope: 'restricted', sources: ['203.0.113.0/24'] },
  },
  {
    rule: 'a source application security group is a set of VNet NICs, not the internet',
    nsg: nsg(
      'n',
      inbound('asg', 100, 'Allow', {
        sourceAddressPrefix: '',
        sourceApplicationSecurityGroups: [{ id: '/subscriptions/x/asg-web' }],
      }),
    ),
    port: 443,
    expected: DENIED_BY_DEFAULT,
  },
  // Priority order
  {
    rule: 'lowest priority number first: a Deny at 100 beats an Allow at 200',
    nsg: nsg('n', inbound('allow-https', 200, 'Allow'), inbound('deny-https', 100, 'Deny')),
    port: 443,
    expected: { allowed: false, scope: 'none', rule: 'deny-https', priority: 100 },
  },
  {
    rule: 'first match wins: an Allow at 100 beats a Deny at 200',
    nsg: nsg('n', inbound('deny-https', 200, 'Deny'), inbound('allow-https', 100, 'Allow')),
    port: 443,
    expected: OPEN('allow-https', ['Internet']),
  },
  {
    rule: 'a denied range carved out before Allow Internet still leaves the internet at large open',
    nsg: nsg(
      'n',
      inbound('deny-bad', 100, 'Deny', { sourceAddressPrefix: '203.0.113.0/24' }),
      inbound('allow-https', 200, 'Allow'),
    ),
    port: 443,
    expected: OPEN('allow-https', ['Internet']),
  },
  {
    rule: 'a range denied first shadows a later Allow of the same range',
    nsg: nsg(
      'n',
      inbound('deny-partner', 100, 'Deny', { sourceAddressPrefix: '203.0.113.0/24' }),
      inbound('allow-partner', 200, 'Allow', { sourceAddressPrefix: '203.0.113.0/24' }),
    ),
    port: 443,
    expected: { allowed: false, rule: 'DenyAllInBound' },
  },
  {
    rule: 'a range allowed before a Deny-all stays restricted to the range',
    nsg: nsg(
      'n',
      inbound('allow-partner', 100, 'Allow', { sourceAddressPrefix: '203.0.113.0/24' }),
      inbound('deny-all', 200, 'Deny', { sourceAddressPrefix: '*', destinationPortRange: '*' }),
    ),
    port: 443,
    expected: { allowed: true, scope: 'restricted', rule: 'allow-partner', sources: ['203.0.113.0/24'] },
  },
  {
    rule: 'a service tag denied first shadows a later Allow of the same tag',
    nsg: nsg(
      'n',
      inbound('deny-afd', 100, 'Deny', { sourceAddressPrefix: 'AzureFrontDoor.Backend' }),
      inbound('allow-afd', 200, 'Allow', { sourceAddressPrefix: 'AzureFrontDoor.Backend' }),
    ),
    port: 443,
    expected: { allowed: false, rule: 'DenyAllInBound' },
  },
  // Ports
  {
    rule: 'a port the rule does not name falls through to DenyAllInBound',
    nsg: nsg('n', inbound('allow-https', 100, 'Allow')),
    port: 80,
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'a port inside a range ("80-90") matches',
    nsg: nsg('n', inbound('web', 100, 'Allow', { destinationPortRange: '80-90' })),
    port: 85,
    expected: OPEN('web', ['Internet']),
  },
  {
    rule: 'a port just past a range ("80-90") does not match',
    nsg: nsg('n', inbound('web', 100, 'Allow', { destinationPortRange: '80-90' })),
    port: 91,
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'destinationPortRange * matches every port',
    nsg: nsg('n', inbound('all', 100, 'Allow', { destinationPortRange: '*' })),
    port: 65535,
    expected: OPEN('all', ['Internet']),
  },
  {
    rule: 'plural destinationPortRanges are used when the singular is ""',
    nsg: nsg(
      'n',
      inbound('allow-rdp-any', 110, 'Allow', {
        protocol: '*',
        destinationPortRange: '',
        destinationPortRanges: ['3389', '5985-5986'],
        sourceAddressPrefix: '0.0.0.0/0',
      }),
    ),
    port: 5986,
    expected: OPEN('allow-rdp-any', ['0.0.0.0/0']),
  },
  // Protocols
  {
    rule: 'a Udp rule does not open Tcp',
    nsg: nsg('n', inbound('dns', 100, 'Allow', { protocol: 'Udp', destinationPortRange: '53' })),
    port: 53,
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'a Udp rule opens Udp',
    nsg: nsg('n', inbound('dns', 100, 'Allow', { protocol: 'Udp', destinationPortRange: '53' })),
    port: 53,
    options: { protocol: 'Udp' },
    expected: OPEN('dns', ['Internet']),
  },
  {
    rule: 'protocol * covers Udp as well',
    nsg: nsg('n', inbound('any-proto', 100, 'Allow', { protocol: '*', destinationPortRange: '500' })),
    port: 500,
    options: { protocol: 'Udp' },
    expected: OPEN('any-proto', ['Internet']),
  },
  {
    rule: 'an Icmp rule opens ICMP whatever the port',
    nsg: nsg('n', inbound('ping', 100, 'Allow', { protocol: 'Icmp', destinationPortRange: '*' })),
    port: 0,
    options: { protocol: 'Icmp' },
    expected: OPEN('ping', ['Internet']),
  },
  {
    rule: 'values are compared case-insensitively (TCP, allow, INTERNET, inbound)',
    nsg: nsg(
      'n',
      inbound('shouty', 100, 'Allow', {
        protocol: 'TCP',
        access: 'allow',
        sourceAddressPrefix: 'INTERNET',
        direction: 'inbound',
      }),
    ),
    port: 443,
    expected: { allowed: true, scope: 'any', rule: 'shouty' },
  },
  // Source ports, directions, destinations
  {
    rule: 'an Allow limited to a source port still admits the internet (the client picks its source port)',
    nsg: nsg('n', inbound('src-port', 100, 'Allow', { sourcePortRange: '1024-2048' })),
    port: 443,
    expected: OPEN('src-port', ['Internet']),
  },
  {
    rule: 'a Deny limited to a source port does not stop the internet',
    nsg: nsg(
      'n',
      inbound('deny-src-port', 100, 'Deny', { sourcePortRange: '1000' }),
      inbound('allow-https', 200, 'Allow'),
    ),
    port: 443,
    expected: OPEN('allow-https', ['Internet']),
  },
  {
    rule: 'outbound rules take no part in inbound evaluation',
    nsg: nsg('n', outbound('out', 100, 'Allow')),
    port: 443,
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'a destination prefix that excludes the NIC private IP does not apply',
    nsg: nsg('n', inbound('other-host', 100, 'Allow', { destinationAddressPrefix: '10.20.3.9' })),
    port: 443,
    options: { privateIpAddress: '10.20.3.4' },
    expected: DENIED_BY_DEFAULT,
  },
  {
    rule: 'a destination prefix that holds the NIC private IP applies',
    nsg: nsg('n', inbound('this-subnet', 100, 'Allow', { destinationAddressPrefix: '10.20.3.0/24' })),
    port: 443,
    options: { privateIpAddress: '10.20.3.4' },
    expected: OPEN('this-subnet', ['Internet']),
  },
  {
    rule: 'an unverifiable destination is assumed to match an Allow (exposure is not hidden)',
    nsg: nsg('n', inbound('some-host', 100, 'Allow', { destinationAddressPrefix: '10.20.3.9' })),
    port: 443,
    expected: OPEN('some-host', ['Internet']),
  },
  {
    rule: 'an unverifiable destination is assumed not to match a Deny',
    nsg: nsg(
      'n',
      inbound('deny-host', 100, 'Deny', { destinationAddressPrefix: '10.20.3.9' }),
      inbound('allow-https', 200, 'Allow'),
    ),
    port: 443,
    expected: OPEN('allow-https', ['Internet']),
  },
  {
    rule: 'a destination ASG applies when the NIC is a member',
    nsg: nsg(
      'n',
      inbound('web-asg', 100, 'Allow', {
        destinationAddressPrefix: '',
        destinationApplicationSecurityGroups: [{ id: '/SUBS/X/ASG-WEB' }],
      }),
    ),
    port: 443,
    options: { applicationSecurityGroupIds: ['/subs/x/asg-web'] },
    expected: OPEN('web-asg', ['Internet']),
  },
  {
    rule: 'a destination ASG does not apply when the NIC is not a member',
    nsg: nsg(
      'n',
      inbound('web-asg', 100, 'Allow', {
        destinationAddressPrefix: '',
        destinationApplicationSecurityGroups: [{ id: '/subs/x/asg-web' }],
      }),
    ),
    port: 443,
    options: { applicationSecurityGroupIds: ['/subs/x/asg-db'] },
    expected: DENIED_BY_DEFAULT,
  },
];

describe('evaluateInbound: NSG rules against traffic from the internet', () => {
  it.each(CASES.map((c) => [c.rule, c] as const))('%s', (_name, c) => {
    expect(evaluateInbound(c.nsg, c.port, c.options)).toMatchObject(c.expected);
  });

  it('has a table of at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
});

describe('internetOpenPorts: exact ranges over rule boundaries', () => {
  const web = nsg(
    'nsg-web',
    inbound('allow-https', 100, 'Allow'),
    inbound('deny-8050', 110, 'Deny', { destinationPortRange: '8050' }),
    inbound('allow-alt', 120, 'Allow', { destinationPortRange: '8000-8080' }),
    inbound('allow-ssh-partner', 130, 'Allow', { destinationPortRange: '22', sourceAddressPrefix: '203.0.113.0/24' }),
  );

  const cases: [string, ArmNetworkSecurityGroup, (number | string)[] | undefined, boolean, string[]][] = [
    [
      'a Deny inside an allowed range splits it; restricted ports are left out',
      web,
      undefined,
      false,
      ['443', '8000-8049', '8051-8080'],
    ],
    [
      'includeRestricted lists ports open to specific ranges too',
      web,
      undefined,
      true,
      ['22', '443', '8000-8049', '8051-8080'],
    ],
    ['candidate ports limit the answer', web, [80, 443, '8040-9000'], false, ['443', '8040-8049', '8051-8080']],
    [
      'adjacent open ranges are merged',
      nsg(
        'n',
        inbound('a', 100, 'Allow', { destinationPortRange: '80-90' }),
        inbound('b', 110, 'Allow', { destinationPortRange: '91-100' }),
      ),
      undefined,
      false,
      ['80-100'],
    ],
    [
      'Allow * opens the full port range',
      nsg('n', inbound('all', 100, 'Allow', { destinationPortRange: '*' })),
      undefined,
      false,
      ['0-65535'],
    ],
    ['no custom rules: nothing is open', nsg('n'), undefined, true, []],
  ];

  it.each(cases)('%s', (_name, group, candidates, includeRestricted, expected) => {
    expect(internetOpenPorts(group, candidates, { includeRestricted })).toEqual(expected);
  });

  it('agrees with port-by-port evaluation on every port', () => {
    const open = new Set<number>();
    for (let port = 0; port <= 65535; port += 1) if (evaluateInbound(web, port).scope === 'any') open.add(port);
    const fromRanges = internetOpenPorts(web).flatMap((text) => {
      const [start, end = start] = text.split('-').map(Number) as [number, number?];
      return Array.from({ length: end - start + 1 }, (_, k) => start + k);
    });
    expect(new Set(fromRanges)).toEqual(open);
  });
});
