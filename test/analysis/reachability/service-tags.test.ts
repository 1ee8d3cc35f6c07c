import { describe, expect, it } from 'vitest';
import {
  SERVICE_TAG_CATALOGUE,
  classifyServiceTag,
  lookupServiceTag,
  worstTagClass,
  type ServiceTagClass,
} from '../../../src/model/index.js';
import {
  appServiceExposure,
  appServiceScmExposure,
  cosmosDbExposure,
  evaluateInbound,
  sqlServerExposure,
  type Scope,
} from '../../../src/analysis/reachability/index.js';
import { sharedServiceEvidence, sharedServiceTags, tagOfSource } from '../../../src/analysis/reachability/tag-exposure.js';
import { inbound, nsg } from './nsg-fixtures.js';

describe('service tag catalogue', () => {
  const rows: [tag: string, tagClass: ServiceTagClass, base: string | null][] = [
    ['ApiManagement', 'customerOriginatable', 'ApiManagement'],
    ['ApiManagement.WestEurope', 'customerOriginatable', 'ApiManagement'],
    ['AzureCloud.westeurope', 'customerOriginatable', 'AzureCloud'],
    ['azurecloud', 'customerOriginatable', 'AzureCloud'],
    ['LogicApps', 'customerOriginatable', 'LogicApps'],
    ['AzureFrontDoor.Backend', 'sharedEdge', 'AzureFrontDoor.Backend'],
    ['AzureFrontDoor.FirstParty', 'infrastructure', 'AzureFrontDoor.FirstParty'],
    ['AzureFrontDoor.Frontend', 'unknown', 'AzureFrontDoor.Frontend'],
    ['GatewayManager', 'infrastructure', 'GatewayManager'],
    ['AzureLoadBalancer', 'infrastructure', 'AzureLoadBalancer'],
    ['Storage.WestEurope', 'unknown', 'Storage'],
    ['ContosoInventedTag', 'unknown', null],
  ];
  it.each(rows)('%s is %s (catalogued as %s)', (tag, tagClass, base) => {
    expect(classifyServiceTag(tag).tagClass).toBe(tagClass);
    expect(lookupServiceTag(tag)?.tag ?? null).toBe(base);
  });

  it('a rule naming several tags takes the worst class', () => {
    expect(worstTagClass(['GatewayManager', 'AzureFrontDoor.Backend'])).toBe('sharedEdge');
    expect(worstTagClass(['GatewayManager', 'AzureFrontDoor.Backend', 'DataFactory.WestEurope'])).toBe('customerOriginatable');
    expect(worstTagClass(['GatewayManager', 'SomethingNew'])).toBe('unknown');
    expect(worstTagClass(['GatewayManager', 'AzureLoadBalancer'])).toBe('infrastructure');
    expect(worstTagClass([])).toBeNull();
  });

  it('every entry says what it means and where that is documented; customer-originatable ones name their services', () => {
    const names = new Set<string>();
    for (const entry of SERVICE_TAG_CATALOGUE) {
      expect(names.has(entry.tag.toLowerCase()), entry.tag).toBe(false);
      names.add(entry.tag.toLowerCase());
      expect(entry.meaning.length, entry.tag).toBeGreaterThan(10);
      expect(entry.source, entry.tag).toMatch(/^https:\/\//);
      if (entry.tagClass === 'customerOriginatable') expect(entry.services.length, entry.tag).toBeGreaterThan(0);
    }
  });

  it('annotated sources resolve to their tag; addresses and wildcards are not tags', () => {
    expect(tagOfSource('AzureFrontDoor.Backend [x-azure-fdid: 1234]')).toBe('AzureFrontDoor.Backend');
    expect(tagOfSource('AzureCloud (minus ranges decided by earlier rules)')).toBe('AzureCloud');
    expect(tagOfSource('203.0.113.0/24')).toBeNull();
    expect(tagOfSource('2001:db8::/32')).toBeNull();
    expect(tagOfSource('Internet')).toBeNull();
  });
});

const site = { publicNetworkAccess: 'Enabled', httpsOnly: true };
const allow = (ipAddress: string, extra: Record<string, unknown> = {}) => ({
  ipAddress,
  action: 'Allow',
  tag: 'ServiceTag',
  priority: 100,
  name: `allow-${ipAddress}`,
  ...extra,
});
const restricted = (...rules: Record<string, unknown>[]) => ({
  ipSecurityRestrictions: rules,
  ipSecurityRestrictionsDefaultAction: 'Deny',
});

describe('App Service access restrictions through service tags, one case per class', () => {
  const rows: [rule: string, config: Record<string, unknown>, scope: Scope, shared: string[], evidence: RegExp][] = [
    [
      'customer-originatable: only ApiManagement allowed is a shared-service exposure naming the fix',
      restricted(allow('ApiManagement')),
      'restricted',
      ['ApiManagement'],
      /any customer of API Management .*instead: admit the gateway's dedicated public IP addresses/,
    ],
    [
      'shared edge without the owner check: any tenant\'s Front Door gets in',
      restricted(allow('AzureFrontDoor.Backend')),
      'restricted',
      ['AzureFrontDoor.Backend'],
      /shared edge without an owner check.*X-Azure-FDID/,
    ],
    [
      'shared edge with the X-Azure-FDID check: reachable only through that profile, not directly',
      restricted(allow('AzureFrontDoor.Backend', { headers: { 'x-azure-fdid': ['5f1c2d3e-0000-4000-8000-00000000fd01'] } })),
      'none',
      [],
      /X-Azure-FDID check.*reachable only through that Front Door profile/,
    ],
    [
      'infrastructure only: GatewayManager never counts as the internet',
      restricted(allow('GatewayManager')),
      'none',
      [],
      /no internet source gets in/,
    ],
    [
      'unknown tag: treated as reachable, said to be unknown',
      restricted(allow('ContosoInventedTag')),
      'restricted',
      ['ContosoInventedTag'],
      /not in the catalogue \(unknown, low confidence\)/,
    ],
    [
      'a multi-source rule is as open as its worst tag',
      restricted(allow('GatewayManager,AzureCloud.westeurope')),
      'restricted',
      ['AzureCloud.westeurope'],
      /any customer of every Azure service/,
    ],
  ];
  it.each(rows)('%s', (_rule, config, scope, shared, evidence) => {
    const result = appServiceExposure({ ...site, ...config });
    expect(result.scope).toBe(scope);
    const tags = sharedServiceTags(result.sources ?? []);
    expect(tags.map((t) => t.tag)).toEqual(shared);
    expect([...result.evidence, ...tags.map(sharedServiceEvidence)].join('\n')).toMatch(evidence);
  });

  it('the SCM site is judged by its own tag rules', () => {
    const config = {
      ...restricted(allow('GatewayManager')),
      scmIpSecurityRestrictions: [allow('AzureDevOps')],
      scmIpSecurityRestrictionsDefaultAction: 'Deny',
      scmIpSecurityRestrictionsUseMain: false,
    };
    expect(appServiceExposure({ ...site, ...config }).scope).toBe('none');
    const scm = appServiceScmExposure({ ...site, ...config });
    expect(scm.scope).toBe('restricted');
    expect(sharedServiceTags(scm.sources ?? []).map((t) => [t.tag, t.tagClass])).toEqual([['AzureDevOps', 'customerOriginatable']]);
  });
});

describe('NSG rules through service tags', () => {
  it('an infrastructure tag admits no internet source; a customer-originatable one does', () => {
    const infraOnly = nsg('nsg-probe', inbound('allow-gm', 100, 'Allow', { sourceAddressPrefix: 'GatewayManager' }));
    expect(evaluateInbound(infraOnly, 443)).toMatchObject({ allowed: false, scope: 'none' });
    const regional = nsg('nsg-dev', inbound('allow-cloud', 100, 'Allow', { sourceAddressPrefix: 'AzureCloud.WestEurope' }));
    expect(evaluateInbound(regional, 443)).toMatchObject({ allowed: true, scope: 'restricted', sources: ['AzureCloud.WestEurope'] });
  });

  it("Azure's default rules alone (AllowVnetInBound, AllowAzureLoadBalancerInBound) admit nothing from the internet", () => {
    const explicit = nsg(
      'nsg-defaults',
      inbound('vnet', 100, 'Allow', { sourceAddressPrefix: 'VirtualNetwork' }),
      inbound('lb', 110, 'Allow', { sourceAddressPrefix: 'AzureLoadBalancer' }),
    );
    expect(evaluateInbound(explicit, 443)).toMatchObject({ allowed: false, scope: 'none', rule: 'DenyAllInBound' });
  });
});

describe('"allow Azure services" switches are their own verdict; trusted services stay distinct', () => {
  it('SQL AllowAllWindowsAzureIps admits every Azure customer', () => {
    const result = sqlServerExposure({ publicNetworkAccess: 'Enabled' }, [
      { name: 'AllowAllWindowsAzureIps', properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' } },
      { name: 'office', properties: { startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.10' } },
    ]);
    expect(result).toMatchObject({ scope: 'restricted', sharedSwitches: ['AllowAllWindowsAzureIps'] });
    expect(result.sources).toEqual(['203.0.113.10', 'AllowAllWindowsAzureIps']);
  });

  it('Cosmos DB "accept connections from within public Azure datacenters" admits every Azure customer', () => {
    const result = cosmosDbExposure({ ipRules: ['0.0.0.0'], isVirtualNetworkFilterEnabled: false });
    expect(result).toMatchObject({ scope: 'restricted', sharedSwitches: ['AcceptAzureDatacenters (ipRules 0.0.0.0)'] });
  });

  it('Cosmos DB trusted-services bypass alone is not a shared-service exposure', () => {
    const result = cosmosDbExposure({
      ipRules: [],
      isVirtualNetworkFilterEnabled: true,
      virtualNetworkRules: [],
      networkAclBypass: 'AzureServices',
    });
    expect(result.scope).toBe('none');
    expect(result.sharedSwitches).toBeUndefined();
    expect(result.evidence.join('\n')).toMatch(/trusted Microsoft services .*not every Azure customer/);
  });
});
