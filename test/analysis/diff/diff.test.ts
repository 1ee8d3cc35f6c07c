import { describe, expect, it } from 'vitest';
import { diffAnalyses } from '../../../src/analysis/diff/index.js';
import { analyzeAttackPaths, toAnalysisResult, type AnalysisGraph } from '../../../src/analysis/paths/index.js';
import { apiToStore } from '../paths/tiny-graph.js';

function scan(graph: AnalysisGraph) {
  const analysis = analyzeAttackPaths(graph);
  return toAnalysisResult(
    analysis.paths.map((p) => p.record),
    analysis.findings,
  ).nodes;
}

describe('scan diff', () => {
  it('reports nothing between two scans of the same estate', () => {
    const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess'] }).graph();
    const diff = diffAnalyses(scan(graph), scan(graph));
    expect(diff.paths).toEqual({ new: [], resolved: [], changed: [], unchanged: 1 });
    expect(diff.findings).toEqual({ new: [], resolved: [], changed: [], unchanged: 2 });
  });

  it('finds new and resolved paths and findings by their stable ids', () => {
    const before = scan(apiToStore({ epInsights: ['AllowsAnonymousAccess'] }).graph());
    const after = scan(
      apiToStore({ epInsights: ['AllowsAnonymousAccess'] })
        .edge('CAN_REACH', 'internet', '/fn')
        .insights('/fn', ['GatewayBypass'])
        .graph(),
    );
    const diff = diffAnalyses(before, after);
    expect(diff.paths.new.map((p) => p.stepIds.join(' > '))).toEqual(['internet > /fn > /fn/identities/system > /st']);
    expect(diff.paths.resolved).toEqual([]);
    expect(diff.findings.new.map((f) => [f.recommendation, f.assetId])).toEqual([
      ['API backends should accept traffic only from their API gateway', '/fn'],
    ]);
    // The identity finding's evidence counts the paths through it: changed, not new.
    expect(diff.findings.changed.map((c) => [c.after.assetId, Object.keys(c.changes)])).toEqual([
      ['/fn/identities/system', ['evidence']],
    ]);
    const back = diffAnalyses(after, before);
    expect(back.paths.resolved.map((p) => p.id)).toEqual(diff.paths.new.map((p) => p.id));
    expect(back.findings.resolved).toHaveLength(1);
  });

  it('reports a changed path with its score, level and factor changes', () => {
    const before = scan(apiToStore({ epInsights: ['AllowsAnonymousAccess'] }).graph());
    const after = scan(apiToStore({ epInsights: ['UnencryptedAccess'] }).graph());
    const [change] = diffAnalyses(before, after).paths.changed;
    expect(change?.changes).toEqual({
      score: { from: 7.2, to: 4.8 },
      riskLevel: { from: 'critical', to: 'high' },
      factorsAdded: ['UnencryptedAccess'],
      factorsRemoved: ['AllowsAnonymousAccess'],
    });
    const findings = diffAnalyses(before, after).findings;
    expect(findings.new.map((f) => f.recommendation)).toEqual([
      'API Management APIs should use only encrypted protocols',
    ]);
    expect(findings.resolved.map((f) => f.recommendation)).toEqual([
      'API endpoints in Azure API Management should be authenticated',
    ]);
  });

  it('ignores nodes of other kinds and reports a severity change', () => {
    const finding = (severity: string) => ({
      id: 'finding:1',
      kind: 'Finding' as const,
      properties: { recommendation: 'r', severity, assetId: '/a', evidence: { x: 1 } },
    });
    const other = { id: '/a', kind: 'StorageAccount' as const, properties: {} };
    const diff = diffAnalyses([finding('Low'), other], [finding('High')]);
    expect(diff.findings.changed.map((c) => c.changes)).toEqual([{ severity: { from: 'Low', to: 'High' } }]);
    expect(diff.paths).toEqual({ new: [], resolved: [], changed: [], unchanged: 0 });
  });
});
