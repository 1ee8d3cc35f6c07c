import { describe, expect, it } from 'vitest';
import { findChokePoints, planRemediation } from '../../../src/analysis/chokepoints/index.js';
import { analyzeAttackPaths } from '../../../src/analysis/paths/index.js';
import { DEFAULT_RISK_WEIGHTS } from '../../../src/analysis/risk/index.js';
import { apiToStore } from '../paths/tiny-graph.js';

const OP2 = '/gw/apis/a/operations/op2';

/**
 * Three paths: the anonymous endpoint → function → identity → store (7.2, critical), the same store around the
 * gateway (the function is public: 7.2, critical), and a dormant authenticated endpoint carrying sensitive data (3.3, medium).
 */
function estate() {
  const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess'] })
    .edge('CAN_REACH', 'internet', '/fn', { scope: 'any' })
    .insights('/fn', ['GatewayBypass'])
    .node(OP2, 'ApiEndpoint', { endpointSource: 'apim' }, ['SensitiveData', 'Inactive'])
    .edge('CONTAINS', '/gw/apis/a', OP2)
    .graph();
  return analyzeAttackPaths(graph);
}

describe('choke points', () => {
  it('ranks each fix by the risk it removes alone: broken paths count whole, reduced ones by their drop', () => {
    const { paths, findings } = estate();
    expect(paths.map((p) => [p.record.score, p.record.riskLevel])).toEqual([
      [7.2, 'critical'],
      [7.2, 'critical'],
      [3.3, 'medium'],
    ]);
    const points = findChokePoints(paths, findings, DEFAULT_RISK_WEIGHTS);
    const describe = (id: string) => {
      const p = points.find((x) => (x.recommendationId ?? x.id) === id)!;
      return [p.riskRemoved, p.criticalRiskRemoved, p.pathsBroken.length, p.pathsReduced.length];
    };
    expect(describe('identity-least-privilege')).toEqual([14.4, 14.4, 2, 0]);
    expect(describe('api-backend-gateway-only')).toEqual([7.2, 7.2, 1, 0]);
    expect(describe('apim-endpoint-authentication')).toEqual([3.2, 3.2, 0, 1]);
    expect(describe('apim-endpoint-unused')).toEqual([3.3, 0, 1, 0]);
    expect(describe('asset:/gw')).toEqual([10.5, 7.2, 2, 0]);
    expect(points[0]).toMatchObject({ riskRemoved: 14.4 });
    expect(points.map((p) => p.riskRemoved)).toEqual([...points.map((p) => p.riskRemoved)].sort((a, b) => b - a));
  });

  it('never counts a path’s target as a choke point asset, and can leave assets out', () => {
    const { paths, findings } = estate();
    const points = findChokePoints(paths, findings, DEFAULT_RISK_WEIGHTS);
    expect(points.find((p) => p.id === 'asset:/st')).toBeUndefined();
    expect(points.find((p) => p.id === `asset:${OP2}`)).toBeUndefined();
    expect(
      findChokePoints(paths, findings, DEFAULT_RISK_WEIGHTS, { includeAssets: false }).every(
        (p) => p.kind === 'recommendation',
      ),
    ).toBe(true);
    expect(findChokePoints(paths, findings, DEFAULT_RISK_WEIGHTS, { limit: 2 })).toHaveLength(2);
  });
});

describe('greedy remediation plan', () => {
  it('takes the biggest remaining gain first and reports cumulative figures', () => {
    const { paths, findings } = estate();
    const plan = planRemediation(paths, findings, DEFAULT_RISK_WEIGHTS);
    expect(plan.totalRisk).toBe(17.7);
    expect(plan.totalCriticalRisk).toBe(14.4);
    expect(
      plan.steps.map((s) => [
        s.fix.recommendationId,
        s.riskRemoved,
        s.pathsBroken,
        s.cumulativeCriticalPercent,
        s.cumulativeRiskPercent,
      ]),
    ).toEqual([
      ['identity-least-privilege', 14.4, 2, 100, 81.4],
      ['apim-endpoint-unused', 3.3, 1, 100, 100],
    ]);
    // Authenticating the endpoint no longer helps once its path is broken: the plan stops.
    expect(plan.remainingRisk).toBe(0);
    expect(plan.summary).toBe('These 2 fixes remove 100 % of critical risk (100 % of all risk).');
  });

  it('recomputes reductions on top of earlier fixes', () => {
    // One path (8.0), two reducing fixes: authenticating drops it to 4.8, then encryption to 4.0.
    const { paths, findings } = analyzeAttackPaths(
      apiToStore({ epInsights: ['AllowsAnonymousAccess', 'UnencryptedAccess'] }).graph(),
    );
    const plan = planRemediation(paths, findings, DEFAULT_RISK_WEIGHTS, { maxFixes: 3 });
    expect(plan.steps.map((s) => [s.fix.recommendationId, s.riskRemoved])).toEqual([['identity-least-privilege', 8]]);
    const reduceOnly = planRemediation(
      paths,
      findings.filter((f) => f.recommendationId !== 'identity-least-privilege'),
      DEFAULT_RISK_WEIGHTS,
    );
    expect(reduceOnly.steps.map((s) => [s.fix.recommendationId, s.riskRemoved, s.pathsReduced])).toEqual([
      ['apim-endpoint-authentication', 3.2, 1],
      ['apim-api-encrypted-protocols', 0.8, 1],
    ]);
    expect(reduceOnly.remainingRisk).toBe(4);
  });

  it('stops at maxFixes or at the critical risk target, and says so when nothing helps', () => {
    const { paths, findings } = estate();
    expect(planRemediation(paths, findings, DEFAULT_RISK_WEIGHTS, { maxFixes: 1 }).steps).toHaveLength(1);
    expect(planRemediation(paths, findings, DEFAULT_RISK_WEIGHTS, { stopAtCriticalPercent: 90 }).steps).toHaveLength(1);
    expect(planRemediation([], [], DEFAULT_RISK_WEIGHTS)).toMatchObject({
      steps: [],
      totalRisk: 0,
      summary: 'No fix removes any risk.',
    });
    const medium = analyzeAttackPaths(apiToStore({ access: 'read' }).graph());
    expect(planRemediation(medium.paths, medium.findings, DEFAULT_RISK_WEIGHTS).summary).toBe(
      'This fix removes 100 % of all risk (no path is critical).',
    );
  });
});
