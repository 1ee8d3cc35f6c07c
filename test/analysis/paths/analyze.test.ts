import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths, recordFromNode, toAnalysisResult } from '../../../src/analysis/paths/index.js';
import { MemoryStore } from '../../../src/store/memory/memory-store.js';
import { newRun } from '../../support/graph-fixture.js';
import { apiToStore } from './tiny-graph.js';

/** Two paths: through the gateway (anonymous endpoint) and around it (the function app is public too). */
function estate() {
  return apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed'] })
    .edge('CAN_REACH', 'internet', '/fn', { ports: ['443'], scope: 'any' })
    .insights('/fn', ['GatewayBypass', 'InternetExposed'])
    .graph();
}

describe('analyzeAttackPaths', () => {
  it('ranks paths by score, ties by id, and numbers the ranks from 1', () => {
    const { paths } = analyzeAttackPaths(estate());
    expect(paths.map((p) => [p.record.rank, p.record.score])).toEqual([
      [1, 7.2],
      [2, 7.2],
    ]);
    expect(paths[0]!.record.id < paths[1]!.record.id).toBe(true);
    const riskier = analyzeAttackPaths(
      apiToStore({ epInsights: ['AllowsAnonymousAccess'], access: 'admin' })
        .edge('CAN_REACH', 'internet', '/fn')
        .graph(),
    ).paths;
    expect(riskier.map((p) => p.record.score)).toEqual([8.1, 8.1]);
  });

  it('gives every record the JSON contract fields, steps from internet to the target', () => {
    const record = analyzeAttackPaths(estate()).paths.find((p) => p.record.anchor === 'endpoint')!.record;
    expect(record).toMatchObject({ id: expect.stringMatching(/^path:/), riskLevel: 'critical', score: 7.2 });
    expect(record.riskFactors).toEqual([
      'InternetExposure',
      'AllowsAnonymousAccess',
      'LateralMovement',
      'PermissionLevel',
    ]);
    expect(record.steps[0]).toMatchObject({ id: 'internet', kind: 'Internet' });
    expect(record.steps.at(-1)).toMatchObject({ id: '/st', kind: 'StorageAccount', name: 'st' });
    for (const step of record.steps) expect(Object.keys(step)).toEqual(expect.arrayContaining(['id', 'kind', 'name']));
  });

  it('lists the recommendations that break each path and those that only reduce it', () => {
    const records = analyzeAttackPaths(estate()).paths.map((p) => p.record);
    const viaGateway = records.find((r) => r.anchor === 'endpoint');
    const bypass = records.find((r) => r.anchor === 'gatewayBypass');
    expect(viaGateway!.breakingRecommendations.map((r) => [r.recommendationId, r.assetId])).toEqual([
      ['identity-least-privilege', '/fn/identities/system'],
    ]);
    expect(viaGateway!.reducingRecommendations.map((r) => [r.recommendationId, r.assetId, r.scoreReduction])).toEqual([
      ['apim-endpoint-authentication', '/gw/apis/a/operations/op', 3.2],
    ]);
    expect(bypass!.breakingRecommendations.map((r) => r.recommendationId)).toEqual([
      'api-backend-gateway-only',
      'identity-least-privilege',
    ]);
  });

  it('stores as AttackPath/TRAVERSES and Finding/AFFECTS through replaceAnalysis, and reads back the same records', async () => {
    const graph = estate();
    const analysis = analyzeAttackPaths(graph);
    const result = toAnalysisResult(
      analysis.paths.map((p) => p.record),
      analysis.findings,
    );
    const store = await MemoryStore.open();
    const run = newRun();
    const ingested = graph.nodes.filter((n) => n.kind !== 'Internet');
    await store.upsertNodes(ingested, run);
    await store.upsertEdges(
      graph.edges.filter((e) => e.kind === 'CONTAINS' || e.kind === 'CAN_AUTHENTICATE_AS'),
      run,
    );
    const internet = graph.nodes.find((n) => n.kind === 'Internet')!;
    const derived = graph.edges.filter(
      (e) => e.kind === 'CAN_REACH' || e.kind === 'ROUTES_TO' || e.kind === 'HAS_PERMISSION_TO',
    );
    await store.replaceAnalysis(
      { nodes: [internet, ...result.nodes], edges: [...derived, ...result.edges], insights: [] },
      run,
    );

    const stored = (await store.listNodes({ kind: 'AttackPath' })).items;
    expect(stored.map((n) => n.id).sort()).toEqual(analysis.paths.map((p) => p.record.id).sort());
    const top = stored.find((n) => n.properties['rank'] === 1)!;
    expect(recordFromNode(top)).toEqual(analysis.paths[0]!.record);
    const traversed = await store.neighbours(top.id, { direction: 'out', edgeKinds: ['TRAVERSES'] });
    expect(
      traversed.map((t) => [t.edge.properties['position'], t.node.id]).sort((a, b) => Number(a[0]) - Number(b[0])),
    ).toEqual(analysis.paths[0]!.record.steps.map((s, i) => [i, s.id]));
    const findings = (await store.listNodes({ kind: 'Finding' })).items;
    expect(findings).toHaveLength(analysis.findings.length);
    const affects = await store.neighbours(findings[0]!.id, { direction: 'out', edgeKinds: ['AFFECTS'] });
    expect(affects.map((a) => a.node.id)).toEqual([findings[0]!.properties['assetId']]);
  });

  it('refuses a stored node without a path record', () => {
    expect(() => recordFromNode({ id: 'path:x', kind: 'AttackPath', properties: {} })).toThrow(/details/);
    expect(() => recordFromNode({ id: 'x', kind: 'Finding', properties: {} })).toThrow(/not an AttackPath/);
  });
});
