import { validateNode, type GraphNode, type JsonValue, type NodeKind } from '../../model/index.js';
import { findChokePoints, planSteps, type ChokePoint, type PlanSteps } from '../chokepoints/index.js';
import { DEFAULT_ENCRYPTION_KINDS, GoalSubjectBuilder, type GoalSubject } from '../goals/index.js';
import type { AnalyzedPath } from '../paths/analyze.js';
import type { AnalysisGraph } from '../paths/types.js';
import type { Finding } from '../recommendations/types.js';
import type { RiskWeights } from '../risk/weights.js';

/** The kinds of the facts below: summaries of the graph and its paths, not assets. */
export const ANALYSIS_FACT_KINDS: readonly NodeKind[] = ['ChokePoint', 'RemediationPlan', 'GoalSubject'];

/** The one RemediationPlan node's id: every analysis writes it, even with no step, so its absence means an older analysis. */
export const REMEDIATION_PLAN_ID = 'remediation-plan';

/**
 * Kinds with a GoalSubject for every asset: those the shipped goal types count by default (endpoints, and what
 * encrypted-only looks at unless told otherwise). A policy naming other kinds reads their stored nodes.
 */
export const GOAL_SUBJECT_KINDS: readonly NodeKind[] = [...new Set<NodeKind>(['ApiEndpoint', ...DEFAULT_ENCRYPTION_KINDS])];

export interface FactInputs {
  /** The graph the path engine searched: ingested nodes with this analysis's insights, derived nodes and edges. */
  readonly graph: AnalysisGraph;
  readonly paths: readonly AnalyzedPath[];
  readonly findings: readonly Finding[];
  readonly weights: RiskWeights;
}

// Facts are plain data (strings, numbers, arrays, objects without undefined), so they are JSON as they are.
const json = (value: ChokePoint | PlanSteps | Omit<GoalSubject, 'id' | 'kind' | 'name'>): JsonValue => value as unknown as JsonValue;

function chokePointNode(point: ChokePoint, rank: number): GraphNode {
  return validateNode({
    id: `chokepoint:${point.id}`,
    kind: 'ChokePoint',
    properties: {
      name: point.recommendation ?? point.assetName,
      source: 'analysis',
      rank,
      fixKind: point.kind,
      assetId: point.assetId,
      riskRemoved: point.riskRemoved,
      details: json(point),
    },
  });
}

function planNode(plan: PlanSteps): GraphNode {
  return validateNode({
    id: REMEDIATION_PLAN_ID,
    kind: 'RemediationPlan',
    properties: {
      name: 'Remediation plan',
      source: 'analysis',
      totalRisk: plan.totalRisk,
      totalCriticalRisk: plan.totalCriticalRisk,
      details: json(plan),
    },
  });
}

function subjectNode({ id, kind, name, ...facts }: GoalSubject): GraphNode {
  return validateNode({
    id: `goal-subject:${id}`,
    kind: 'GoalSubject',
    properties: { name, source: 'analysis', assetId: id, assetKind: kind, details: json(facts) },
  });
}

/** The assets goals may look at: every one of GOAL_SUBJECT_KINDS, and every step of a path but the internet. */
function goalSubjects(graph: AnalysisGraph, paths: readonly AnalyzedPath[]): GoalSubject[] {
  const builder = new GoalSubjectBuilder(graph);
  const ids = new Set<string>();
  for (const node of graph.nodes) if (GOAL_SUBJECT_KINDS.includes(node.kind)) ids.add(node.id);
  for (const path of paths) for (const step of path.record.steps.slice(1)) ids.add(step.id);
  const subjects: GoalSubject[] = [];
  for (const id of ids) {
    const node = builder.node(id);
    if (node) subjects.push(builder.subjectOf(node));
  }
  return subjects;
}

/**
 * What the report, the goals and the API answer from, computed once with the paths and stored with them:
 * every choke point (assets included: each is ranked on its own, so the list without assets is this one less
 * the asset fixes), the whole greedy plan (a reader cuts it to its maxFixes), and the goal subjects.
 */
export function analysisFactNodes({ graph, paths, findings, weights }: FactInputs): GraphNode[] {
  const points = findChokePoints(paths, findings, weights, { includeAssets: true });
  return [
    ...points.map((p, i) => chokePointNode(p, i + 1)),
    planNode(planSteps(paths, findings, weights, { maxFixes: Number.POSITIVE_INFINITY })),
    ...goalSubjects(graph, paths).map(subjectNode),
  ];
}
