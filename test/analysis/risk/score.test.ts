import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths, type AnalysisGraph } from '../../../src/analysis/paths/index.js';
import {
  DEFAULT_RISK_WEIGHTS,
  parseRiskWeights,
  riskLevelOf,
  type RiskWeights,
} from '../../../src/analysis/risk/index.js';
import type { AttackPathRecord } from '../../../src/analysis/paths/record.js';
import { apiToStore, TinyGraph } from '../paths/tiny-graph.js';

const records = (graph: AnalysisGraph, weights?: RiskWeights) =>
  analyzeAttackPaths(graph, weights ? { weights } : {}).paths.map((p) => p.record);
const only = (graph: AnalysisGraph, weights?: RiskWeights) => {
  const [record, ...rest] = records(graph, weights);
  expect(rest).toEqual([]);
  return record as AttackPathRecord;
};

/** Recomputes a score from the record alone, the way docs/risk-model.md tells a reader to. */
function byHand(r: AttackPathRecord, scale = 10): number {
  const sum = (axis: string) => r.factors.filter((f) => f.axis === axis).reduce((t, f) => t + f.contribution, 0);
  return Math.round(scale * Math.min(1, sum('exploitability')) * Math.min(1, r.impactBase + sum('impact')) * 100) / 100;
}

/** internet → api → endpoint (sensitive, optionally labelled): Defender's "unauthenticated … carry sensitive data". */
function sensitiveEndpoint(insights: Parameters<TinyGraph['node']>[3], label?: { name: string; priority: number }) {
  const g = new TinyGraph()
    .internet()
    .node('/gw', 'ApiGateway')
    .node('/gw/apis/a', 'Api')
    .node('/gw/apis/a/operations/op', 'ApiEndpoint', {}, ['SensitiveData', ...(insights ?? [])])
    .edge('CAN_REACH', 'internet', '/gw', { scope: 'any', ports: ['443'] })
    .edge('CONTAINS', '/gw', '/gw/apis/a')
    .edge('CONTAINS', '/gw/apis/a', '/gw/apis/a/operations/op');
  if (label)
    g.node(`label:${label.name}`, 'SensitivityLabel', { name: label.name, priority: label.priority }).edge(
      'HAS_LABEL',
      '/gw/apis/a/operations/op',
      `label:${label.name}`,
    );
  return g.graph();
}

describe('risk score', () => {
  it('multiplies exploitability by impact from the named factors, reproducible from the record', () => {
    const r = only(sensitiveEndpoint(['AllowsAnonymousAccess'], { name: 'Highly Confidential', priority: 3 }));
    expect(r.factors.map((f) => [f.factor, f.axis, f.contribution])).toEqual([
      ['InternetExposure', 'exploitability', 0.5],
      ['AllowsAnonymousAccess', 'exploitability', 0.4],
      ['SensitiveData', 'impact', 0.7],
    ]);
    expect([r.exploitability, r.impact, r.score, r.riskLevel]).toEqual([0.9, 0.9, 8.1, 'critical']);
    expect(byHand(r)).toBe(r.score);
    expect(r.formula).toBe('10 × min(1, 0.5 + 0.4) × min(1, 0.2 + 0.7) = 10 × 0.9 × 0.9 = 8.1');
  });

  it('lowers the risk of an authenticated path but still reports it', () => {
    const open = only(sensitiveEndpoint(['AllowsAnonymousAccess']));
    const authenticated = only(sensitiveEndpoint([]));
    expect(authenticated.riskFactors).not.toContain('AllowsAnonymousAccess');
    expect(authenticated.score).toBeLessThan(open.score);
    expect([open.score, authenticated.score]).toEqual([5.4, 3]);
    expect([open.riskLevel, authenticated.riskLevel]).toEqual(['high', 'medium']);
  });

  it('raises sensitive data by label priority, up to the cap', () => {
    const scores = [0, 1, 2, 3, 7].map(
      (priority) => only(sensitiveEndpoint(['AllowsAnonymousAccess'], { name: `L${priority}`, priority })).score,
    );
    expect(scores).toEqual([5.4, 6.3, 7.2, 8.1, 8.1]);
  });

  it('scores the permission the path ends with, and lateral movement through the identity', () => {
    const levels = (['read', 'write', 'admin'] as const).map((access) => only(apiToStore({ access }).graph()));
    expect(levels.map((r) => r.factors.find((f) => f.factor === 'PermissionLevel')?.contribution)).toEqual([
      0.3, 0.5, 0.6,
    ]);
    expect(levels.map((r) => r.score)).toEqual([3, 4, 4.5]);
    for (const r of levels)
      expect(r.factors.find((f) => f.factor === 'LateralMovement')?.stepIds).toEqual(['/fn/identities/system']);
  });

  it('counts a gateway bypass as exploitable as an anonymous endpoint', () => {
    const bypass = records(apiToStore().edge('CAN_REACH', 'internet', '/fn', { scope: 'any' }).graph()).find(
      (r) => r.anchor === 'gatewayBypass',
    )!;
    expect(bypass.factors.find((f) => f.factor === 'GatewayBypass')).toMatchObject({
      contribution: 0.4,
      stepIds: ['/fn'],
    });
    expect(bypass.score).toBe(7.2);
  });

  it('names the backend, not the Front Door, when the bypass goes through the estate\'s own Front Door', () => {
    const g = apiToStore()
      .node('/fd', 'FrontDoor')
      .edge('CAN_REACH', 'internet', '/fd', { ports: ['443'], scope: 'any' })
      .edge('ROUTES_TO', '/fd', '/fn');
    const bypass = records(g.graph()).find((r) => r.anchor === 'gatewayBypass')!;
    expect(bypass.steps.map((s) => s.id)).toEqual(['internet', '/fd', '/fn', '/fn/identities/system', '/st']);
    expect(bypass.factors.find((f) => f.factor === 'GatewayBypass')).toMatchObject({
      contribution: 0.4,
      stepIds: ['/fn'],
      detail: 'fn is an API backend the internet reaches through Front Door fd, around its gateway',
    });
    expect(bypass.score).toBe(7.2);
  });

  it('gives a restricted reach (named public ranges only) less exploitability', () => {
    const g = sensitiveEndpoint(['AllowsAnonymousAccess']);
    const restricted = {
      ...g,
      edges: g.edges.map((e) =>
        e.kind === 'CAN_REACH' ? { ...e, properties: { ...e.properties, scope: 'restricted' } } : e,
      ),
    };
    expect(only(restricted).factors[0]).toMatchObject({ factor: 'InternetExposure', contribution: 0.3 });
    expect(only(restricted).score).toBe(4.2);
  });

  it('adds unencrypted and dormant endpoints, capping exploitability at 1', () => {
    const r = only(sensitiveEndpoint(['AllowsAnonymousAccess', 'UnencryptedAccess', 'Inactive']));
    expect(r.riskFactors).toEqual([
      'InternetExposure',
      'AllowsAnonymousAccess',
      'UnencryptedAccess',
      'SensitiveData',
      'Inactive',
    ]);
    expect(r.exploitability).toBe(1);
    expect(r.formula).toContain('min(1, 0.5 + 0.4 + 0.1 + 0.05)');
    expect(byHand(r)).toBe(r.score);
  });

  it('reads anonymous blob access as read access, an open firewall alone as none', () => {
    const direct = (props: Record<string, boolean>) =>
      new TinyGraph()
        .internet()
        .node('/api2', 'Api')
        .node('/st', 'StorageAccount', props, ['PublicDataAccess', 'InternetExposed'])
        .edge('ROUTES_TO', '/api2', '/st')
        .edge('CAN_REACH', 'internet', '/st')
        .graph();
    expect(
      only(direct({ allowBlobPublicAccess: true })).factors.find((f) => f.factor === 'PermissionLevel'),
    ).toMatchObject({
      contribution: 0.3,
      detail: 'st allows anonymous blob reads',
    });
    expect(only(direct({ allowBlobPublicAccess: false })).riskFactors).not.toContain('PermissionLevel');
  });

  it('reads a store the API routes to as read access', () => {
    const g = new TinyGraph()
      .internet()
      .node('/api', 'Api')
      .node('/api/ep', 'ApiEndpoint')
      .node('/st', 'StorageAccount', {}, ['PublicDataAccess'])
      .edge('CAN_REACH', 'internet', '/api')
      .edge('CONTAINS', '/api', '/api/ep')
      .edge('ROUTES_TO', '/api/ep', '/st');
    expect(only(g.graph()).factors.find((f) => f.factor === 'PermissionLevel')).toMatchObject({ contribution: 0.3 });
  });

  it('maps scores to levels at the documented thresholds', () => {
    const w = DEFAULT_RISK_WEIGHTS;
    expect([7, 6.99, 4, 3.99, 2, 1.99, 0].map((s) => riskLevelOf(s, w))).toEqual([
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });

  it('follows overridden weights', () => {
    const weights = parseRiskWeights(
      'exploitability:\n  AllowsAnonymousAccess: 0.5\nlevels: { critical: 9 }\n',
      'weights.yaml',
    );
    const r = only(sensitiveEndpoint(['AllowsAnonymousAccess'], { name: 'HC', priority: 3 }), weights);
    expect([r.score, r.riskLevel]).toEqual([9, 'critical']);
    const lower = parseRiskWeights('{ "levels": { "critical": 9.5, "high": 5, "medium": 2 } }', 'weights.json');
    expect(only(sensitiveEndpoint(['AllowsAnonymousAccess'], { name: 'HC', priority: 3 }), lower).riskLevel).toBe(
      'high',
    );
  });
});
