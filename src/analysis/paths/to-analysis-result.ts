import { validateEdge, validateNode, type GraphEdge, type GraphNode } from '../../model/index.js';
import type { AnalysisResult } from '../../store/port.js';
import type { Finding } from '../recommendations/types.js';
import { recordToJson, type AttackPathRecord } from './record.js';

function pathNode(path: AttackPathRecord): GraphNode {
  return validateNode({
    id: path.id,
    kind: 'AttackPath',
    properties: {
      name: path.name,
      source: 'analysis',
      rank: path.rank,
      riskLevel: path.riskLevel,
      score: path.score,
      riskFactors: [...path.riskFactors],
      stepIds: path.steps.map((s) => s.id),
      details: recordToJson(path),
      family: path.family,
      entryId: path.entry.id,
      targetId: path.target.id,
      exploitability: path.exploitability,
      impact: path.impact,
    },
  });
}

function findingNode(finding: Finding): GraphNode {
  return validateNode({
    id: finding.id,
    kind: 'Finding',
    properties: {
      name: finding.recommendation,
      source: 'analysis',
      recommendation: finding.recommendation,
      recommendationId: finding.recommendationId,
      severity: finding.severity,
      assetId: finding.assetId,
      assetKind: finding.assetKind,
      assetName: finding.assetName,
      ...(finding.covers.length ? { covers: [...finding.covers] } : {}),
      ...(finding.insight ? { insight: finding.insight } : {}),
      evidence: finding.evidence,
    },
  });
}

/**
 * Attack paths and findings as graph nodes, ready for `GraphStore.replaceAnalysis` (merge them with the derive
 * stage's nodes and edges): AttackPath nodes with a TRAVERSES edge to each step (`position` 0 = internet), and
 * Finding nodes with an AFFECTS edge to their asset.
 */
export function toAnalysisResult(paths: readonly AttackPathRecord[], findings: readonly Finding[]): AnalysisResult {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const path of paths) {
    nodes.push(pathNode(path));
    path.steps.forEach((step, position) =>
      edges.push(
        validateEdge({
          kind: 'TRAVERSES',
          from: path.id,
          fromKind: 'AttackPath',
          to: step.id,
          toKind: step.kind,
          properties: { derived: true, position },
        }),
      ),
    );
  }
  for (const finding of findings) {
    nodes.push(findingNode(finding));
    edges.push(
      validateEdge({
        kind: 'AFFECTS',
        from: finding.id,
        fromKind: 'Finding',
        to: finding.assetId,
        toKind: finding.assetKind,
        properties: { derived: true },
      }),
    );
  }
  return { nodes, edges, insights: [] };
}
