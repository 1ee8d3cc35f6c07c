import type { EdgeKind, Insight, JsonValue, NodeKind, RiskFactor, RiskLevel } from '../../model/index.js';
import type { AccessLevel } from '../derive/access-level.js';
import type { PathRecommendation, PathRecommendations } from '../recommendations/links.js';
import type { PathFacts } from '../risk/facts.js';
import type { PathRisk } from '../risk/score.js';
import type { RiskAxis } from '../risk/weights.js';
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

/** CAN_REACH: `any` (the internet at large) or `restricted` (named public ranges only). */
export type ReachScope = 'any' | 'restricted';

/** One hop of a path: the edge's kind, its ends, and the edge facts the score read (EdgeFacts, risk/facts.ts). */
export interface PathEdgeRecord {
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  readonly ports?: readonly string[];
  readonly scope?: ReachScope;
  readonly accessLevel?: AccessLevel;
  readonly roles?: readonly string[];
  readonly resolvedBy?: string;
  /** CAN_REACH: service tags or switches through which other tenants of a shared service get in. */
  readonly sharedServiceTags?: readonly string[];
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
