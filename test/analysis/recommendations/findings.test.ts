import { describe, expect, it } from 'vitest';
import { findAttackPaths } from '../../../src/analysis/paths/index.js';
import { buildFindings, RECOMMENDATIONS, recommendationById } from '../../../src/analysis/recommendations/index.js';
import { INSIGHTS } from '../../../src/model/index.js';
import { apiToStore, TinyGraph } from '../paths/tiny-graph.js';

const SUB = '/subscriptions/7c1d3e9a-0b5f-4f7e-9d2a-6a8b1c0e4f21/resourcegroups/rg-api/providers';
const APIM_OP = `${SUB}/microsoft.apimanagement/service/apim-shop/apis/orders/operations/get-order`;
const FUNCTION = `${SUB}/microsoft.web/sites/fn-orders/functions/getorder`;
const TRIGGER = `${SUB}/microsoft.logic/workflows/wf-intake/triggers/manual`;

describe('buildFindings', () => {
  it('raises one finding per (recommendation, asset), named after the endpoint’s source, with its evidence', () => {
    const g = new TinyGraph()
      .node(
        APIM_OP,
        'ApiEndpoint',
        {
          name: 'get-order',
          endpointSource: 'apim',
          insightEvidence: { AllowsAnonymousAccess: { reasons: ['no subscription key, no validate-jwt'] } },
        },
        ['AllowsAnonymousAccess', 'Inactive'],
      )
      .node(FUNCTION, 'ApiEndpoint', { name: 'getorder' }, ['AllowsAnonymousAccess'])
      .node(TRIGGER, 'ApiEndpoint', { name: 'manual' }, ['AllowsAnonymousAccess', 'InternetExposed']);
    const findings = buildFindings(g.graph());
    expect(findings.map((f) => [f.severity, f.recommendationId, f.assetId])).toEqual([
      ['High', 'apim-endpoint-authentication', APIM_OP],
      ['High', 'function-endpoint-authentication', FUNCTION],
      ['High', 'logic-trigger-authentication', TRIGGER],
      ['Medium', 'logic-trigger-open-to-any-caller', TRIGGER],
      ['Low', 'apim-endpoint-unused', APIM_OP],
    ]);
    expect(findings[0]).toMatchObject({
      id: expect.stringMatching(/^finding:[0-9a-f]{16}$/),
      recommendation: 'API endpoints in Azure API Management should be authenticated',
      insight: 'AllowsAnonymousAccess',
      evidence: { reasons: ['no subscription key, no validate-jwt'] },
      assetKind: 'ApiEndpoint',
      assetName: 'get-order',
    });
    expect(findings[1]?.evidence).toBeNull();
    expect(findings.at(-1)?.recommendation).toBe(
      'API endpoints that are unused should be disabled and removed from the Azure API Management service',
    );
  });

  it('keeps finding ids stable across runs and distinct per asset', () => {
    const g = new TinyGraph()
      .node(APIM_OP, 'ApiEndpoint', { endpointSource: 'apim' }, ['AllowsAnonymousAccess'])
      .graph();
    expect(buildFindings(g)[0]?.id).toBe(buildFindings(g)[0]?.id);
    const other = new TinyGraph()
      .node(`${APIM_OP}-2`, 'ApiEndpoint', { endpointSource: 'apim' }, ['AllowsAnonymousAccess'])
      .graph();
    expect(buildFindings(other)[0]?.id).not.toBe(buildFindings(g)[0]?.id);
  });

  it('covers gateway bypass, public data access, exposed stores and unencrypted APIs', () => {
    const g = new TinyGraph()
      .node('/fn', 'FunctionApp', {}, ['GatewayBypass', 'UnencryptedAccess'])
      .node('/st', 'StorageAccount', { allowBlobPublicAccess: true }, ['PublicDataAccess', 'InternetExposed'])
      .node('/st-firewall-only', 'StorageAccount', { allowBlobPublicAccess: false }, [
        'PublicDataAccess',
        'InternetExposed',
      ])
      .node('/kv', 'KeyVault', {}, ['PublicDataAccess', 'InternetExposed'])
      .node(`${SUB}/microsoft.apimanagement/service/apim-shop/apis/orders`, 'Api', { apiSource: 'apim' }, [
        'UnencryptedAccess',
      ]);
    expect(buildFindings(g.graph()).map((f) => `${f.recommendationId} ${f.assetId.split('/').pop()}`)).toEqual([
      'apim-api-encrypted-protocols orders',
      'api-backend-gateway-only fn',
      'data-store-public-network kv',
      'data-store-public-network st',
      'data-store-public-network st-firewall-only',
      'function-app-https-only fn',
      'storage-public-access st',
    ]);
  });

  it('raises an inherited insight once, on the API or app that holds the endpoints, covering them', () => {
    const api = `${SUB}/microsoft.apimanagement/service/apim-shop/apis/orders`;
    const site = `${SUB}/microsoft.web/sites/fn-orders`;
    const g = new TinyGraph()
      .node(api, 'Api', { apiSource: 'apim' }, ['UnencryptedAccess'])
      .node(`${api}/operations/a`, 'ApiEndpoint', { endpointSource: 'apim' }, ['UnencryptedAccess'])
      .node(`${api}/operations/b`, 'ApiEndpoint', { endpointSource: 'apim' }, [
        'UnencryptedAccess',
        'AllowsAnonymousAccess',
      ])
      .node(site, 'FunctionApp', {}, ['UnencryptedAccess'])
      .node(`${site}/api`, 'Api', { apiSource: 'functionapp' })
      .node(FUNCTION, 'ApiEndpoint', { endpointSource: 'functionapp' }, ['UnencryptedAccess'])
      .edge('CONTAINS', api, `${api}/operations/a`)
      .edge('CONTAINS', api, `${api}/operations/b`)
      .edge('CONTAINS', site, `${site}/api`)
      .edge('CONTAINS', `${site}/api`, FUNCTION);
    const findings = buildFindings(g.graph());
    expect(
      findings.map((f) => [f.recommendationId, f.assetId.split('/').pop(), f.covers.map((c) => c.split('/').pop())]),
    ).toEqual([
      ['apim-api-encrypted-protocols', 'orders', ['a', 'b']],
      ['apim-endpoint-authentication', 'b', []],
      ['function-app-https-only', 'fn-orders', ['getorder']],
    ]);
  });

  it('adds least privilege on the identities attack paths pivot through, with the grants as evidence', () => {
    const graph = apiToStore().graph();
    const findings = buildFindings(graph, { paths: findAttackPaths(graph).paths });
    expect(findings.map((f) => [f.recommendationId, f.assetId, f.insight])).toEqual([
      ['identity-least-privilege', '/fn/identities/system', null],
    ]);
    expect(findings[0]?.evidence).toEqual({
      grants: [{ store: '/st', accessLevel: 'write', roles: ['Storage Blob Data Contributor'], paths: 1 }],
    });
  });

  it('has a catalogue with unique ids and names, Defender’s names where it has one, and steps for every entry', () => {
    expect(new Set(RECOMMENDATIONS.map((r) => r.id)).size).toBe(RECOMMENDATIONS.length);
    expect(new Set(RECOMMENDATIONS.map((r) => r.name)).size).toBe(RECOMMENDATIONS.length);
    for (const r of RECOMMENDATIONS) {
      expect(r.remediation.length).toBeGreaterThan(0);
      if (r.insight !== null) expect(INSIGHTS).toContain(r.insight);
    }
    expect(recommendationById('apim-api-encrypted-protocols')).toMatchObject({
      name: 'API Management APIs should use only encrypted protocols',
      origin: 'defender',
      severity: 'High',
    });
  });
});
