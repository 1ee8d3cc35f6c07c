import { describe, expect, it } from 'vitest';
import {
  aksApiServerExposure,
  apimGatewayExposure,
  appServiceExposure,
  appServiceScmExposure,
  containerAppExposure,
  containerGroupExposure,
  cosmosDbExposure,
  keyVaultExposure,
  sqlServerExposure,
  storageAccountExposure,
  type Scope,
  type ServiceExposure,
} from '../../../src/analysis/reachability/index.js';

type Props = Record<string, unknown>;
/** A case: the rule it proves, the verdict's scope, its sources (restricted only) and a phrase the evidence must hold. */
type Row = [rule: string, scope: Scope, sources: string[] | undefined, evidence: RegExp];

function check(result: ServiceExposure, scope: Scope, sources: string[] | undefined, evidence: RegExp): void {
  expect(result.scope).toBe(scope);
  expect(result.exposed).toBe(scope !== 'none');
  expect(result.sources).toEqual(sources);
  expect(result.evidence.join('\n')).toMatch(evidence);
}

const SUBNET =
  '/subscriptions/3f2b8c1e-7a45-4d2b-9c11-5e8f0a6d2b71/resourceGroups/rg-net-prod/providers/Microsoft.Network/virtualNetworks/vnet-prod-weu/subnets/snet-app-integration';
const PE = [
  {
    id: 'pec-1',
    properties: { privateEndpoint: { id: 'pe-1' }, privateLinkServiceConnectionState: { status: 'Approved' } },
  },
];

describe('storageAccountExposure (networkAcls)', () => {
  const rows: [...Row, Props][] = [
    [
      'publicNetworkAccess Disabled: private endpoints only',
      'none',
      undefined,
      /Disabled/,
      { publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Allow' }, privateEndpointConnections: PE },
    ],
    [
      'defaultAction Allow: the internet at large',
      'any',
      undefined,
      /defaultAction is Allow/,
      { publicNetworkAccess: 'Enabled', networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow', ipRules: [] } },
    ],
    [
      'no networkAcls: the firewall defaults to Allow',
      'any',
      undefined,
      /defaults to Allow/,
      { publicNetworkAccess: 'Enabled' },
    ],
    [
      'defaultAction Deny with ipRules: restricted to the rules',
      'restricted',
      ['203.0.113.0/24'],
      /ipRules admit only 203\.0\.113\.0\/24/,
      {
        publicNetworkAccess: 'Enabled',
        networkAcls: {
          bypass: 'AzureServices',
          defaultAction: 'Deny',
          ipRules: [{ value: '203.0.113.0/24', action: 'Allow' }],
          virtualNetworkRules: [{ id: SUBNET, action: 'Allow', state: 'Succeeded' }],
        },
      },
    ],
    [
      'defaultAction Deny, VNet rules and private endpoints only: not reachable from the internet',
      'none',
      undefined,
      /virtual network rule/,
      {
        networkAcls: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [{ id: SUBNET }] },
        privateEndpointConnections: PE,
      },
    ],
    [
      'bypass AzureServices (trusted Microsoft services) is noted, not counted as every Azure customer',
      'none',
      undefined,
      /trusted Microsoft services .*managed identity holds permissions.*not every Azure customer/,
      { networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [] } },
    ],
    [
      'a private endpoint does not close the public endpoint',
      'any',
      undefined,
      /do not close the public endpoint/,
      { publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' }, privateEndpointConnections: PE },
    ],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props) =>
    check(storageAccountExposure(props), scope, sources, evidence),
  );
});

describe('keyVaultExposure (same networkAcls model)', () => {
  const rows: [...Row, Props][] = [
    ['publicNetworkAccess Disabled', 'none', undefined, /Disabled/, { publicNetworkAccess: 'Disabled' }],
    [
      'defaultAction Allow',
      'any',
      undefined,
      /defaultAction is Allow/,
      {
        publicNetworkAccess: 'Enabled',
        networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
      },
    ],
    [
      'defaultAction Deny with an ipRule: restricted',
      'restricted',
      ['198.51.100.7'],
      /admit only/,
      { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '198.51.100.7' }] } },
    ],
    [
      'defaultAction Deny with only a private range: nothing from the internet',
      'none',
      undefined,
      /not internet addresses/,
      { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '10.0.0.0/8' }] } },
    ],
    [
      'SecuredByPerimeter: restricted to the perimeter, not guessed',
      'restricted',
      ['network security perimeter'],
      /perimeter/,
      { publicNetworkAccess: 'SecuredByPerimeter' },
    ],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props) =>
    check(keyVaultExposure(props), scope, sources, evidence),
  );
});

describe('sqlServerExposure (publicNetworkAccess + firewall rules)', () => {
  const rule = (name: string, startIpAddress: string, endIpAddress: string) => ({
    name,
    properties: { startIpAddress, endIpAddress },
  });
  const rows: [...Row, Props, object[] | undefined][] = [
    [
      'publicNetworkAccess Disabled ignores every firewall rule',
      'none',
      undefined,
      /Disabled/,
      { publicNetworkAccess: 'Disabled' },
      [rule('AllowAll', '0.0.0.0', '255.255.255.255')],
    ],
    [
      '0.0.0.0–255.255.255.255 opens the internet',
      'any',
      undefined,
      /open to the internet at large/,
      { publicNetworkAccess: 'Enabled' },
      [rule('AllowAll', '0.0.0.0', '255.255.255.255')],
    ],
    [
      '0.0.0.0–0.0.0.0 is "Allow Azure services": every Azure customer, a shared-service exposure',
      'restricted',
      ['AllowAllWindowsAzureIps'],
      /Allow Azure services.*every Azure customer, including other tenants' subscriptions/,
      { publicNetworkAccess: 'Enabled' },
      [rule('AllowAllWindowsAzureIps', '0.0.0.0', '0.0.0.0')],
    ],
    [
      'other rules: restricted to their ranges',
      'restricted',
      ['203.0.113.10-203.0.113.20', '198.51.100.7'],
      /firewall rules admit only/,
      { publicNetworkAccess: 'Enabled' },
      [
        rule('office', '203.0.113.10', '203.0.113.20'),
        { startIpAddress: '198.51.100.7', endIpAddress: '198.51.100.7' },
      ],
    ],
    ['no rules: SQL refuses every client', 'none', undefined, /refuses every internet client/, {}, []],
    [
      'rules not supplied: said so in the evidence',
      'none',
      undefined,
      /not supplied/,
      { publicNetworkAccess: 'Enabled' },
      undefined,
    ],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props, rules) =>
    check(sqlServerExposure(props, rules), scope, sources, evidence),
  );
});

describe('cosmosDbExposure (stored ipRules + VNet filter)', () => {
  const rows: [...Row, Props][] = [
    [
      'publicNetworkAccess Disabled',
      'none',
      undefined,
      /Disabled/,
      { publicNetworkAccess: 'Disabled', ipRules: [], isVirtualNetworkFilterEnabled: false },
    ],
    [
      'no ipRules and no VNet filter: every network',
      'any',
      undefined,
      /every network/,
      { publicNetworkAccess: 'Enabled', ipRules: [], isVirtualNetworkFilterEnabled: false },
    ],
    [
      'no ipRules with the VNet filter on: VNets only',
      'none',
      undefined,
      /virtual network filter on/,
      {
        publicNetworkAccess: 'Enabled',
        ipRules: [],
        isVirtualNetworkFilterEnabled: true,
        virtualNetworkRules: [{ id: SUBNET }],
      },
    ],
    [
      'ipRules: restricted',
      'restricted',
      ['203.0.113.0/24'],
      /admit only/,
      { ipRules: ['203.0.113.0/24'], isVirtualNetworkFilterEnabled: false },
    ],
    [
      'the 0.0.0.0 entry admits Azure datacenters: every Azure customer, a shared-service exposure',
      'restricted',
      ['AcceptAzureDatacenters (ipRules 0.0.0.0)'],
      /Azure datacenters.*every Azure customer/,
      { ipRules: ['0.0.0.0'], isVirtualNetworkFilterEnabled: false },
    ],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props) =>
    check(cosmosDbExposure(props), scope, sources, evidence),
  );
});

describe('appServiceExposure (publicNetworkAccess + access restrictions)', () => {
  const site = { publicNetworkAccess: 'Enabled', httpsOnly: true };
  const allowApim = {
    ipAddress: 'ApiManagement',
    tag: 'ServiceTag',
    action: 'Allow',
    priority: 100,
    name: 'allow-apim',
  };
  const rows: [...Row, Props, Props | null][] = [
    [
      'publicNetworkAccess Disabled (private endpoint only)',
      'none',
      undefined,
      /Disabled/,
      { publicNetworkAccess: 'Disabled', privateEndpointConnections: PE },
      null,
    ],
    [
      'no rules and no default action: Allow',
      'any',
      undefined,
      /default action not set \(Allow: no rules\)/,
      site,
      { ipSecurityRestrictions: [] },
    ],
    [
      'rules without a default action: the implicit last rule denies',
      'restricted',
      ['ApiManagement'],
      /Deny: rules exist/,
      site,
      { ipSecurityRestrictions: [allowApim] },
    ],
    [
      'rules with default action Allow: everyone else still gets in',
      'any',
      undefined,
      /default action Allow/,
      site,
      { ipSecurityRestrictions: [allowApim], ipSecurityRestrictionsDefaultAction: 'Allow' },
    ],
    [
      "Azure's catch-all entries mirror the default action",
      'restricted',
      ['ApiManagement'],
      /open only to ApiManagement \(rule allow-apim, priority 100\)/,
      site,
      {
        ipSecurityRestrictions: [
          allowApim,
          { ipAddress: 'Any', action: 'Deny', priority: 2147483647, name: 'Deny all' },
        ],
        ipSecurityRestrictionsDefaultAction: 'Deny',
      },
    ],
    [
      'priority order: a Deny of a range before Allow Any keeps the internet open',
      'any',
      undefined,
      /open to the internet/,
      site,
      {
        ipSecurityRestrictions: [
          { ipAddress: 'Any', action: 'Allow', priority: 200, name: 'all' },
          { ipAddress: '203.0.113.0/24', action: 'Deny', priority: 100, name: 'block' },
        ],
      },
    ],
    [
      'a subnet rule admits VNet traffic only',
      'none',
      undefined,
      /no internet source/,
      site,
      {
        ipSecurityRestrictions: [{ vnetSubnetResourceId: SUBNET, action: 'Allow', priority: 100, name: 'vnet' }],
        ipSecurityRestrictionsDefaultAction: 'Deny',
      },
    ],
    [
      'an XffProxy Allow is forgeable by a direct caller',
      'any',
      undefined,
      /open to the internet/,
      site,
      {
        ipSecurityRestrictions: [
          { ipAddress: '203.0.113.0/24', tag: 'XffProxy', action: 'Allow', priority: 100, name: 'xff' },
        ],
      },
    ],
    [
      'no restrictions stored: no rules, the default action Allow',
      'any',
      undefined,
      /0 access restriction rule\(s\), default action not set \(Allow: no rules\)/,
      site,
      null,
    ],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props, config) =>
    check(appServiceExposure({ ...props, ...config }), scope, sources, evidence),
  );

  it('the SCM site has its own restrictions unless it uses the main ones', () => {
    const config = {
      ipSecurityRestrictions: [allowApim],
      ipSecurityRestrictionsDefaultAction: 'Deny',
      scmIpSecurityRestrictions: [{ ipAddress: 'Any', action: 'Allow', priority: 2147483647, name: 'Allow all' }],
      scmIpSecurityRestrictionsDefaultAction: 'Allow',
      scmIpSecurityRestrictionsUseMain: false,
    };
    expect(appServiceScmExposure({ ...site, ...config }).scope).toBe('any');
    expect(appServiceScmExposure({ ...site, ...config, scmIpSecurityRestrictionsUseMain: true }).scope).toBe('restricted');
  });
});

describe('containerAppExposure (stored ingress and environment properties)', () => {
  const app = (extra: Props) => ({ ingressExternal: true, targetPort: 8080, allowInsecure: false, ...extra });
  const rows: [...Row, Props, Props | null][] = [
    ['no ingress: not reachable', 'none', undefined, /not external/, {}, null],
    ['ingress.external false: environment only', 'none', undefined, /external: false/, app({ ingressExternal: false }), null],
    [
      'external ingress without restrictions in an external environment: the internet',
      'any',
      undefined,
      /environment is external[\s\S]*no ipSecurityRestrictions/,
      app({ ipSecurityRestrictions: [] }),
      { internal: false },
    ],
    [
      'environment unknown: assumed public',
      'any',
      undefined,
      /environment not supplied/,
      app({}),
      null,
    ],
    [
      'Allow restrictions: only those ranges',
      'restricted',
      ['203.0.113.0/24'],
      /admit only/,
      app({ ipSecurityRestrictions: [{ name: 'partner', ipAddressRange: '203.0.113.0/24', action: 'Allow' }] }),
      null,
    ],
    [
      'Deny restrictions: everyone else',
      'any',
      undefined,
      /every other address/,
      app({ ipSecurityRestrictions: [{ name: 'bad', ipAddressRange: '198.51.100.0/24', action: 'Deny' }] }),
      null,
    ],
    ['an internal environment has no public endpoint', 'none', undefined, /internal/, app({}), { internal: true }],
    [
      'an environment with public network access disabled has no public endpoint',
      'none',
      undefined,
      /Disabled/,
      app({}),
      { internal: false, publicNetworkAccess: 'Disabled' },
    ],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props, env) =>
    check(containerAppExposure(props, env), scope, sources, evidence),
  );
});

describe('aksApiServerExposure (stored privateCluster, authorizedIpRanges)', () => {
  const rows: [...Row, Props][] = [
    [
      'private cluster: no public API server',
      'none',
      undefined,
      /enablePrivateCluster/,
      { privateCluster: true },
    ],
    [
      'public cluster without authorized ranges: the internet',
      'any',
      undefined,
      /no authorizedIPRanges/,
      { fqdn: 'aks-prod-dns-1a2b.hcp.westeurope.azmk8s.io', privateCluster: false },
    ],
    [
      'authorized ranges: restricted',
      'restricted',
      ['203.0.113.0/24'],
      /authorizedIPRanges admit only/,
      { privateCluster: false, authorizedIpRanges: ['203.0.113.0/24'] },
    ],
    [
      'authorized ranges that cover the internet: any',
      'any',
      undefined,
      /most of the internet/,
      { authorizedIpRanges: ['0.0.0.0/1', '128.0.0.0/1'] },
    ],
    ['publicNetworkAccess Disabled', 'none', undefined, /Disabled/, { publicNetworkAccess: 'Disabled' }],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props) =>
    check(aksApiServerExposure(props), scope, sources, evidence),
  );
});

describe('apimGatewayExposure (virtualNetworkType, publicNetworkAccess)', () => {
  const rows: [...Row, Props][] = [
    [
      'virtualNetworkType None: public gateway',
      'any',
      undefined,
      /None/,
      { virtualNetworkType: 'None', gatewayUrl: 'https://apim-contoso-prod.azure-api.net' },
    ],
    [
      'virtualNetworkType External: gateway still public',
      'any',
      undefined,
      /20\.61\.14\.201/,
      { virtualNetworkType: 'External', publicIpAddresses: ['20.61.14.201'] },
    ],
    [
      'virtualNetworkType Internal: private IP only',
      'none',
      undefined,
      /Internal/,
      { virtualNetworkType: 'Internal', privateIpAddresses: ['10.20.1.5'] },
    ],
    [
      'publicNetworkAccess Disabled: private endpoints only',
      'none',
      undefined,
      /Disabled/,
      { virtualNetworkType: 'None', publicNetworkAccess: 'Disabled' },
    ],
    ['virtualNetworkType absent: treated as None', 'any', undefined, /None/, {}],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props) =>
    check(apimGatewayExposure(props), scope, sources, evidence),
  );
});

describe('containerGroupExposure (stored ipAddressType, ports)', () => {
  const rows: [...Row, Props, string[] | undefined][] = [
    [
      'Public IP with ports: open on those ports',
      'any',
      undefined,
      /TCP 80, TCP 443/,
      { ipAddressType: 'Public', ipAddress: '20.71.3.4', ports: [80, 443] },
      ['80', '443'],
    ],
    [
      'Private IP: subnet only',
      'none',
      undefined,
      /Private/,
      { ipAddressType: 'Private', ipAddress: '10.20.5.4', ports: [80] },
      undefined,
    ],
    ['no IP address type: private, nothing published', 'none', undefined, /Private/, {}, undefined],
    [
      'Public IP without ports: nothing published',
      'none',
      undefined,
      /no ports published/,
      { ipAddressType: 'Public', ipAddress: '20.71.3.4', ports: [] },
      undefined,
    ],
  ];
  it.each(rows)('%s', (_rule, scope, sources, evidence, props, ports) => {
    const result = containerGroupExposure(props);
    check(result, scope, sources, evidence);
    expect(result.ports).toEqual(ports);
  });
});
