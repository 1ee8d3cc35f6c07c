import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths, type AnalysisGraph } from '../../../src/analysis/paths/index.js';
import { apiToStore, TinyGraph } from '../paths/tiny-graph.js';

const links = (graph: AnalysisGraph) =>
  analyzeAttackPaths(graph).paths.map((p) => ({
    anchor: p.record.anchor,
    breaks: p.record.breakingRecommendations.map((r) => `${r.recommendationId}@${r.assetId}`),
    reduces: p.record.reducingRecommendations.map((r) => `${r.recommendationId}@${r.assetId} −${r.scoreReduction}`),
  }));

describe('recommendations that break a path vs reduce its risk', () => {
  it('authentication and encryption only reduce; removing the role assignment breaks', () => {
    const g = apiToStore({ epInsights: ['AllowsAnonymousAccess', 'UnencryptedAccess'] });
    expect(links(g.graph())).toEqual([
      {
        anchor: 'endpoint',
        breaks: ['identity-least-privilege@/fn/identities/system'],
        reduces: [
          'apim-api-encrypted-protocols@/gw/apis/a/operations/op −0.8',
          'apim-endpoint-authentication@/gw/apis/a/operations/op −3.2',
        ],
      },
    ]);
  });

  it('credits the fix on the API (or app) with the endpoints it covers, so an inherited insight still reduces', () => {
    // The API's protocols make both the API and its endpoint unencrypted; fixing the API fixes both.
    const g = apiToStore({ epInsights: ['UnencryptedAccess'] }).insights('/gw/apis/a', ['UnencryptedAccess']);
    expect(links(g.graph())[0]?.reduces).toEqual(['apim-api-encrypted-protocols@/gw/apis/a −0.8']);
    // A function endpoint on the path, its app off the path: the app's HTTPS fix still reaches it.
    const fn = new TinyGraph()
      .internet()
      .node('/sites/fn', 'FunctionApp', {}, ['UnencryptedAccess'])
      .node('/sites/fn/api', 'Api', { apiSource: 'functionapp' })
      .node('/sites/fn/functions/get', 'ApiEndpoint', { endpointSource: 'functionapp' }, [
        'UnencryptedAccess',
        'SensitiveData',
      ])
      .edge('CONTAINS', '/sites/fn', '/sites/fn/api')
      .edge('CONTAINS', '/sites/fn/api', '/sites/fn/functions/get')
      .edge('CAN_REACH', 'internet', '/sites/fn/api');
    expect(links(fn.graph())[0]?.reduces).toEqual(['function-app-https-only@/sites/fn −0.6']);
  });

  it('disabling an unused endpoint removes the endpoint: it breaks every path through it', () => {
    expect(links(apiToStore({ epInsights: ['Inactive'] }).graph())[0]?.breaks).toContain(
      'apim-endpoint-unused@/gw/apis/a/operations/op',
    );
  });

  it('restricting a backend to its gateway breaks the bypass path only, not the path through the gateway', () => {
    const g = apiToStore().edge('CAN_REACH', 'internet', '/fn').insights('/fn', ['GatewayBypass']);
    const byAnchor = Object.fromEntries(links(g.graph()).map((l) => [l.anchor, l.breaks]));
    expect(byAnchor['gatewayBypass']).toContain('api-backend-gateway-only@/fn');
    expect(byAnchor['endpoint']).not.toContain('api-backend-gateway-only@/fn');
  });

  it('closing a store to the internet breaks a path that reaches it directly; disallowing anonymous access reduces it', () => {
    const g = new TinyGraph()
      .internet()
      .node('/api', 'Api')
      .node('/api/ep', 'ApiEndpoint')
      .node('/st', 'StorageAccount', { allowBlobPublicAccess: true }, [
        'InternetExposed',
        'PublicDataAccess',
        'GatewayBypass',
      ])
      .edge('CAN_REACH', 'internet', '/st')
      .edge('CAN_REACH', 'internet', '/api')
      .edge('CONTAINS', '/api', '/api/ep')
      .edge('ROUTES_TO', '/api/ep', '/st');
    const [direct, viaApi] = [...links(g.graph())].sort((a) => (a.anchor === 'gatewayBypass' ? -1 : 1));
    expect(direct).toEqual({
      anchor: 'gatewayBypass',
      breaks: ['api-backend-gateway-only@/st', 'data-store-public-network@/st'],
      // Without anonymous access the store is still reachable, but reaching it no longer grants a read.
      reduces: ['storage-public-access@/st −2.7'],
    });
    // Public access makes the store readable, but the API routing to it already reads it: no reduction, no link.
    expect(viaApi?.reduces).toEqual([]);
  });

  it('lists a recommendation as reducing even when the min(1, …) cap hides its effect on the score', () => {
    // internet → a Function App's API (the backend of an APIM API, so a bypass) → its anonymous, unencrypted endpoint.
    const g = new TinyGraph()
      .internet()
      .node('/apim-api', 'Api')
      .node('/fn-api', 'Api')
      .node('/fn-api/ep', 'ApiEndpoint', { endpointSource: 'apim' }, [
        'SensitiveData',
        'AllowsAnonymousAccess',
        'UnencryptedAccess',
      ])
      .edge('ROUTES_TO', '/apim-api', '/fn-api')
      .edge('CAN_REACH', 'internet', '/fn-api')
      .edge('CONTAINS', '/fn-api', '/fn-api/ep');
    const [path] = analyzeAttackPaths(g.graph()).paths;
    expect(path?.record.formula).toContain('min(1, 0.5 + 0.4 + 0.1 + 0.4)');
    expect(path?.record.reducingRecommendations.map((r) => [r.recommendationId, r.scoreReduction])).toEqual([
      ['apim-api-encrypted-protocols', 0],
      ['apim-endpoint-authentication', 0],
    ]);
  });
});
