import { describe, expect, it } from 'vitest';
import { indexTagPrefixes, matchRangeToTags, rangeTagEvidence } from '../../../src/analysis/reachability/tag-prefixes.js';

const index = indexTagPrefixes([
  { name: 'ApiManagement', addressPrefixes: ['13.69.64.76/31', '20.50.10.0/24', '2603:1020:206:402::140/124'] },
  { name: 'ApiManagement.WestEurope', addressPrefixes: ['13.69.64.76/31'] },
  { name: 'AzureCloud', addressPrefixes: ['13.64.0.0/11', '20.50.0.0/16'] },
  { name: 'AzureLoadBalancer', addressPrefixes: ['168.63.129.16/32'] },
  { name: 'OnlyV6', addressPrefixes: ['2603:1020::/48'] },
]);

describe('raw ranges inside service tags', () => {
  it('keeps the ApiManagement ranges written as a CIDR customer-originatable, narrowest tag first, named in the evidence', () => {
    const match = matchRangeToTags('13.69.64.76/31', index)!;
    expect(match.tags.map((t) => [t.tag, t.tagClass])).toEqual([
      ['ApiManagement.WestEurope', 'customerOriginatable'],
      ['ApiManagement', 'customerOriginatable'],
      ['AzureCloud', 'customerOriginatable'],
    ]);
    expect(rangeTagEvidence(match)).toBe(
      '13.69.64.76/31 lies inside service tag ApiManagement.WestEurope (also in ApiManagement, AzureCloud): classed as the tag (customerOriginatable)',
    );
  });

  it('matches single addresses and ranges, only when the tag holds all of it', () => {
    expect(matchRangeToTags('168.63.129.16', index)?.tags.map((t) => [t.tag, t.tagClass])).toEqual([['AzureLoadBalancer', 'infrastructure']]);
    expect(matchRangeToTags('20.50.10.5-20.50.10.9', index)?.tags.map((t) => t.tag)).toEqual(['ApiManagement', 'AzureCloud']);
    // Partly outside every tag: not the tag's traffic alone.
    expect(matchRangeToTags('20.50.0.0/15', index)).toBeNull();
    expect(matchRangeToTags('198.51.100.7', index)).toBeNull();
  });

  it('leaves tag names, wildcards and IPv6 alone (IPv6 prefixes are not indexed)', () => {
    expect(matchRangeToTags('AzureCloud', index)).toBeNull();
    expect(matchRangeToTags('*', index)).toBeNull();
    expect(matchRangeToTags('2603:1020::1', index)).toBeNull();
    expect(index.map((t) => t.tag)).not.toContain('OnlyV6');
  });
});
