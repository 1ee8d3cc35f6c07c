import type { RiskLevel } from '../../model/index.js';
import { buildFindings } from '../recommendations/findings.js';
import { indexFindingsByAsset, linkRecommendations, type PathRecommendations } from '../recommendations/links.js';
import type { Finding } from '../recommendations/types.js';
import { pathFacts, type PathFacts } from '../risk/facts.js';
import { indexGraph } from '../risk/graph-index.js';
import { scorePath, type PathRisk } from '../risk/score.js';
import { DEFAULT_RISK_WEIGHTS, type RiskWeights } from '../risk/weights.js';
import { classifyPath, type PathFamily } from './families.js';
import { searchProjection } from './find-paths.js';
import { resolveSearchOptions } from './options.js';
import { projectGraph } from './projection.js';
import { buildPathRecord, type AttackPathRecord } from './record.js';
import type { AnalysisGraph, FoundPath, PathSearchOptions, PathSearchStats } from './types.js';
import { compareIds } from '../../util/order.js';

export interface AttackPathAnalysisOptions extends PathSearchOptions {
  /** Risk weights (DEFAULT_RISK_WEIGHTS, or an override from loadRiskWeights). */
  readonly weights?: RiskWeights;
  /** Seconds per phase (projection, search, scoring), for benchmarks. */
  readonly onPhase?: (phase: 'projection' | 'search' | 'scoring', seconds: number) => void;
}

/** A path with everything known about it: what it is, why it scores what it scores, and what fixes it. */
export interface AnalyzedPath {
  readonly found: FoundPath;
  readonly facts: PathFacts;
  readonly risk: PathRisk;
  readonly family: PathFamily;
  readonly recommendations: PathRecommendations;
  readonly record: AttackPathRecord;
}

export interface AttackPathAnalysis {
  /** Ranked: rank 1 is the riskiest. */
  readonly paths: readonly AnalyzedPath[];
  readonly findings: readonly Finding[];
  readonly stats: PathSearchStats;
  readonly weights: RiskWeights;
}

const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

const LEVEL_ORDER: Readonly<Record<RiskLevel, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Riskiest first; ties by level, then by path id so the ranking is the same on every run. */
function compareRisk(a: { found: FoundPath; risk: PathRisk }, b: { found: FoundPath; risk: PathRisk }): number {
  return (
    b.risk.score - a.risk.score ||
    LEVEL_ORDER[a.risk.riskLevel] - LEVEL_ORDER[b.risk.riskLevel] ||
    compareIds(a.found.id, b.found.id)
  );
}

/**
 * The whole risk engine in one call: find the paths, score them, build the findings, tell for each path which
 * recommendations break it and which reduce it, and rank.
 */
export function analyzeAttackPaths(graph: AnalysisGraph, options: AttackPathAnalysisOptions = {}): AttackPathAnalysis {
  const { weights = DEFAULT_RISK_WEIGHTS, onPhase, ...search } = options;
  resolveSearchOptions(search); // bad options fail before any work
  let start = process.hrtime.bigint();
  const projection = projectGraph(graph);
  onPhase?.('projection', since(start));
  start = process.hrtime.bigint();
  const { paths: found, stats } = searchProjection(projection, search);
  onPhase?.('search', since(start));
  start = process.hrtime.bigint();
  const index = indexGraph(graph, (id) => {
    const i = projection.indexOf.get(id);
    return i === undefined ? undefined : projection.nodes[i];
  });
  const scored = found
    .map((path) => {
      const facts = pathFacts(path, index);
      return { found: path, facts, risk: scorePath(facts, weights), family: classifyPath(path, index.node) };
    })
    .sort(compareRisk);
  const findings = buildFindings(graph, { paths: found, nodeOf: index.node });
  const byAsset = indexFindingsByAsset(findings);
  const paths = scored.map((s, i): AnalyzedPath => {
    const recommendations = linkRecommendations(s.facts, s.risk, byAsset, weights, s.family.requires);
    return {
      ...s,
      recommendations,
      record: buildPathRecord(s.found, s.facts, s.risk, s.family, recommendations, i + 1),
    };
  });
  onPhase?.('scoring', since(start));
  return { paths, findings, stats, weights };
}
