import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths, PATH_FAMILIES, type AnalysisGraph, type PathFamilyId } from '../../../src/analysis/paths/index.js';
import { apiToStore } from '../paths/tiny-graph.js';

const EP = '/gw/apis/a/operations/op';

/** Each path's family with the recommendations that break it and those that only reduce it. */
function byFamily(graph: AnalysisGraph): Map<PathFamilyId, { breaks: string[]; reduces: string[] }> {
  return new Map(
    analyzeAttackPaths(graph).paths.map((p) => [
      p.record.family,
      {
        breaks: p.record.breakingRecommendations.map((r) => `${r.recommendationId}@${r.assetId}`),
        reduces: p.record.reducingRecommendations.map((r) => `${r.recommendationId}@${r.assetId}`),
      },
    ]),
  );
}

describe('each path family declares the conditions it cannot exist without', () => {
  it.each(PATH_FAMILIES.map((f) => [f.id, f] as const))('%s requires internet reach and the conditions its name states', (_id, family) => {
    expect(family.requires).toContain('internetReach');
    expect(new Set(family.requires).size).toBe(family.requires.length);
    if (family.name.includes('unauthenticated')) expect(family.requires).toContain('anonymousAccess');
    if (family.name.includes('sensitive data')) expect(family.requires).toContain('sensitiveData');
    if (family.name.includes('bypassing the gateway')) expect(family.requires).toContain('gatewayBypass');
    if (family.name.includes('can write')) expect(family.requires).toContain('writePermission');
    if (/can (read|access)/.test(family.name)) expect(family.requires).toContain('dataPermission');
  });
});

describe('a fix that removes a required condition breaks the path; one that lowers a factor reduces it', () => {
  it('unauthenticated-sensitive-api: authenticating the endpoint breaks it (the path exists only while the endpoint is anonymous)', () => {
    const families = byFamily(apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData', 'UnencryptedAccess'] }).graph());
    const path = families.get('unauthenticated-sensitive-api')!;
    expect(path.breaks).toContain(`apim-endpoint-authentication@${EP}`);
    expect(path.reduces).not.toContain(`apim-endpoint-authentication@${EP}`);
    // Encryption is not in the family's name: it only lowers a factor.
    expect(path.reduces).toContain(`apim-api-encrypted-protocols@${EP}`);
  });

  it('api-identity-write: the same authentication fix only reduces (anonymous access is a factor there, not a condition)', () => {
    const families = byFamily(apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData'] }).graph());
    const path = families.get('api-identity-write')!;
    expect(path.breaks).toEqual(['identity-least-privilege@/fn/identities/system']);
    expect(path.reduces).toContain(`apim-endpoint-authentication@${EP}`);
  });

  it('api-identity-read: removing the identity’s data permission breaks it; authentication reduces it', () => {
    const families = byFamily(apiToStore({ access: 'read', epInsights: ['AllowsAnonymousAccess', 'InternetExposed'] }).graph());
    const path = families.get('api-identity-read')!;
    expect(path.breaks).toEqual(['identity-least-privilege@/fn/identities/system']);
    expect(path.reduces).toEqual([`apim-endpoint-authentication@${EP}`]);
  });

  it('sensitive-api: with an authenticated endpoint, encryption reduces and nothing about authentication applies', () => {
    const families = byFamily(apiToStore({ epInsights: ['InternetExposed', 'SensitiveData', 'UnencryptedAccess'] }).graph());
    const path = families.get('sensitive-api')!;
    expect(path.breaks).toEqual([]);
    expect(path.reduces).toEqual([`apim-api-encrypted-protocols@${EP}`]);
  });

  it('gateway-bypass-data-write: restricting the backend to its gateway breaks it; least privilege breaks it too', () => {
    const g = apiToStore({ epInsights: ['InternetExposed'] }).edge('CAN_REACH', 'internet', '/fn', { ports: ['443'], scope: 'any' }).insights('/fn', ['GatewayBypass', 'InternetExposed']);
    const path = byFamily(g.graph()).get('gateway-bypass-data-write')!;
    expect(path.breaks).toEqual(expect.arrayContaining(['api-backend-gateway-only@/fn', 'identity-least-privilege@/fn/identities/system']));
    expect(path.reduces).toEqual([]);
  });
});
