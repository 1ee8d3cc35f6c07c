import { INSIGHTS, NODE_KINDS, type GraphNode, type NodeKind } from '../../model/index.js';
import {
  DecodeError,
  decodeArray,
  decodeNumber,
  decodeObject,
  decodeOneOf,
  decodeString,
  optional,
  valuesOf,
  type Decoder,
} from '../../util/decode.js';
import { ValidationError } from '../../util/errors.js';
import type { ChokePoint, Fix, PlanStep, PlanSteps } from '../chokepoints/index.js';
import type { GoalSubject } from '../goals/index.js';
import { EFFECT_KINDS, SEVERITIES, type EffectKind } from '../recommendations/types.js';
import type { LabelRef } from '../risk/graph-index.js';

/** A stored fact node whose `details` do not have the shape this version writes: names the node and the field. */
export class AnalysisFactError extends ValidationError {
  constructor(nodeId: string, field: string, reason: string) {
    super(`${nodeId}: details${field ? `.${field}` : ''}: ${reason}`);
    this.name = 'AnalysisFactError';
  }
}

const FIX_EFFECTS: readonly (EffectKind | 'isolateAsset')[] = [...EFFECT_KINDS, 'isolateAsset'];
const FIX_KINDS = valuesOf<Fix['kind']>({ recommendation: true, asset: true });

const strings = decodeArray(decodeString);
const nodeKind: Decoder<NodeKind> = decodeOneOf(NODE_KINDS, 'node kind');

const fixShape = {
  id: decodeString,
  kind: decodeOneOf(FIX_KINDS, 'fix kind'),
  assetId: decodeString,
  assetKind: nodeKind,
  assetName: decodeString,
  effect: decodeOneOf(FIX_EFFECTS, 'fix effect'),
  recommendationId: optional(decodeString),
  recommendation: optional(decodeString),
  severity: optional(decodeOneOf(SEVERITIES, 'severity')),
  covers: optional(strings),
};

const fix = decodeObject<Fix>(fixShape);

const chokePoint = decodeObject<ChokePoint>({
  ...fixShape,
  riskRemoved: decodeNumber,
  criticalRiskRemoved: decodeNumber,
  pathsBroken: strings,
  pathsReduced: decodeArray(decodeObject({ pathId: decodeString, scoreReduction: decodeNumber })),
});

const planStep = decodeObject<PlanStep>({
  order: decodeNumber,
  fix,
  riskRemoved: decodeNumber,
  pathsBroken: decodeNumber,
  pathsReduced: decodeNumber,
  cumulativeRiskRemoved: decodeNumber,
  cumulativeRiskPercent: decodeNumber,
  cumulativeCriticalPercent: decodeNumber,
});

const plan = decodeObject<PlanSteps>({
  totalRisk: decodeNumber,
  totalCriticalRisk: decodeNumber,
  steps: decodeArray(planStep),
  removedTotals: decodeArray(decodeNumber),
});

const tags: Decoder<Readonly<Record<string, string>>> = (value, at) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecodeError(at, 'expected an object of tag values');
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) out[key] = decodeString(v, `${at}.${key}`);
  return out;
};

const subjectFacts = decodeObject<Omit<GoalSubject, 'id' | 'kind' | 'name'>>({
  subscriptionId: optional(decodeString),
  tags,
  insights: decodeArray(decodeOneOf(INSIGHTS, 'insight')),
  topLabel: optional(decodeObject<LabelRef>({ id: decodeString, name: decodeString, priority: decodeNumber })),
});

function details<T>(node: GraphNode, kind: GraphNode['kind'], decoder: Decoder<T>): T {
  if (node.kind !== kind) throw new ValidationError(`${node.id}: not a ${kind} node but ${node.kind}`);
  try {
    return decoder(node.properties['details'], '');
  } catch (error) {
    if (error instanceof DecodeError) throw new AnalysisFactError(node.id, error.field, error.reason);
    throw error;
  }
}

export const chokePointFromNode = (node: GraphNode): ChokePoint => details(node, 'ChokePoint', chokePoint);

export const planFromNode = (node: GraphNode): PlanSteps => details(node, 'RemediationPlan', plan);

export function subjectFromNode(node: GraphNode): GoalSubject {
  const facts = details(node, 'GoalSubject', subjectFacts);
  const id = node.properties['assetId'];
  const kind = node.properties['assetKind'];
  const name = node.properties['name'];
  if (typeof id !== 'string') throw new AnalysisFactError(node.id, '', 'no assetId');
  return { id, kind: nodeKind(kind, 'assetKind'), name: typeof name === 'string' ? name : id, ...facts };
}
