import type { GraphNode, Insight, JsonValue, NodeKind, RiskFactor, RiskLevel } from '../../model/index.js';
import type { PathRecommendation, PathRecommendations } from '../recommendations/links.js';
import type { PathFacts } from '../risk/facts.js';
import type { PathRisk } from '../risk/score.js';
import type { RiskAxis } from '../risk/weights.js';
import { ValidationError } from '../../util/errors.js';
import type { PathFamily, PathFamilyId } from './families.js';
import type { FoundPath, PathAnchor } from './types.js';

export interface PathStepRecord {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly insights: readonly Insight[];
  /** Sensitivity labels on the step (HAS_LABEL), most sensitive first. */
  readonly labels: readonly string[];
}

export interface PathEdgeRecord {
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly ports?: readonly string[];
  readonly scope?: string;
  readonly accessLevel?: string;
  readonly roles?: readonly string[];
  readonly resolvedBy?: string;
}

export interface FactorRecord {
  readonly factor: RiskFactor;
  readonly axis: RiskAxis;
  readonly contribution: number;
  readonly stepIds: readonly string[];
  readonly detail: string;
}

/**
 * One attack path as `paths --format json` prints it and as the AttackPath node keeps it (`details`).
 * Stable: fields are only ever added. The score is reproducible from `factors` and `impactBase`:
 * score = scale × min(1, Σ exploitability contributions) × min(1, impactBase + Σ impact contributions);
 * `formula` writes the arithmetic out.
 */
export interface AttackPathRecord {
  readonly id: string;
  readonly rank: number;
  readonly name: string;
  readonly family: PathFamilyId;
  readonly riskLevel: RiskLevel;
  readonly score: number;
  readonly exploitability: number;
  readonly impact: number;
  readonly impactBase: number;
  readonly formula: string;
  readonly riskFactors: readonly RiskFactor[];
  readonly factors: readonly FactorRecord[];
  readonly anchor: PathAnchor;
  readonly entry: { readonly id: string; readonly kind: NodeKind; readonly name: string };
  readonly target: { readonly id: string; readonly kind: NodeKind; readonly name: string };
  readonly steps: readonly PathStepRecord[];
  readonly edges: readonly PathEdgeRecord[];
  readonly breakingRecommendations: readonly PathRecommendation[];
  readonly reducingRecommendations: readonly PathRecommendation[];
}

const ref = (s: { id: string; kind: NodeKind; name: string }) => ({ id: s.id, kind: s.kind, name: s.name });

export function buildPathRecord(
  found: FoundPath,
  facts: PathFacts,
  risk: PathRisk,
  family: PathFamily,
  recommendations: PathRecommendations,
  rank: number,
): AttackPathRecord {
  const steps = facts.steps.map((s) => ({
    id: s.id,
    kind: s.kind,
    name: s.name,
    insights: [...s.insights].sort(),
    labels: s.labels.map((l) => l.name),
  }));
  const edges = facts.edges.map(({ kind, ...rest }, i) => ({
    kind,
    from: found.nodeIds[i] as string,
    to: found.nodeIds[i + 1] as string,
    ...rest,
  }));
  return {
    id: found.id,
    rank,
    name: family.name,
    family: family.id,
    riskLevel: risk.riskLevel,
    score: risk.score,
    exploitability: risk.exploitability,
    impact: risk.impact,
    impactBase: risk.impactBase,
    formula: risk.formula,
    riskFactors: risk.factors.map((f) => f.factor),
    factors: risk.factors.map((f) => ({ ...f })),
    anchor: found.anchor,
    entry: ref(steps[1] as PathStepRecord),
    target: ref(steps[steps.length - 1] as PathStepRecord),
    steps,
    edges,
    breakingRecommendations: recommendations.breaking,
    reducingRecommendations: recommendations.reducing,
  };
}

/** The record as a JSON value (it holds only strings, numbers, arrays and plain objects, no undefined). */
export function recordToJson(record: AttackPathRecord): JsonValue {
  return record as unknown as JsonValue;
}

/** Reads the record back from a stored AttackPath node; rank, level and score come from the node itself. */
export function recordFromNode(node: GraphNode): AttackPathRecord {
  if (node.kind !== 'AttackPath') throw new ValidationError(`${node.id}: not an AttackPath node but ${node.kind}`);
  const details = node.properties['details'];
  if (
    !details ||
    typeof details !== 'object' ||
    Array.isArray(details) ||
    !Array.isArray(details['steps']) ||
    !Array.isArray(details['factors'])
  ) {
    throw new ValidationError(`AttackPath ${node.id}: details must hold the path record (steps, factors)`);
  }
  const record = details as unknown as AttackPathRecord;
  const p = node.properties;
  return {
    ...record,
    id: node.id,
    ...(typeof p['rank'] === 'number' ? { rank: p['rank'] } : {}),
    ...(typeof p['score'] === 'number' ? { score: p['score'] } : {}),
    ...(typeof p['riskLevel'] === 'string' ? { riskLevel: p['riskLevel'] as RiskLevel } : {}),
  };
}
