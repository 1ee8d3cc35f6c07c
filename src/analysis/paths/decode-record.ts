import { EDGE_KINDS, INSIGHTS, NODE_KINDS, RISK_FACTORS, RISK_LEVELS, type GraphNode, type NodeKind } from '../../model/index.js';
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
import type { AccessLevel } from '../derive/access-level.js';
import type { PathRecommendation } from '../recommendations/links.js';
import { EFFECT_KINDS, SEVERITIES } from '../recommendations/types.js';
import type { RiskAxis } from '../risk/weights.js';
import { PATH_FAMILY_IDS } from './families.js';
import type { AttackPathRecord, FactorRecord, PathEdgeRecord, PathStepRecord, ReachScope } from './record.js';
import type { PathAnchor } from './types.js';

/**
 * A stored AttackPath node whose record does not have the shape this version writes: names the path and the
 * field (`steps[2].kind`), so a damaged store or a hand-edited snapshot is found, not rendered half-empty.
 */
export class AttackPathRecordError extends ValidationError {
  constructor(
    readonly pathId: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`AttackPath ${pathId}: details${field ? `.${field}` : ''}: ${reason}`);
    this.name = 'AttackPathRecordError';
  }
}

const ANCHORS = valuesOf<PathAnchor>({ endpoint: true, gatewayBypass: true });
const AXES = valuesOf<RiskAxis>({ exploitability: true, impact: true });
const ACCESS_LEVELS = valuesOf<AccessLevel>({ read: true, write: true, admin: true });
const SCOPES = valuesOf<ReachScope>({ any: true, restricted: true });

const strings = decodeArray(decodeString);
const nodeKind = decodeOneOf(NODE_KINDS, 'node kind');

const ref: Decoder<{ readonly id: string; readonly kind: NodeKind; readonly name: string }> = decodeObject({
  id: decodeString,
  kind: nodeKind,
  name: decodeString,
});

const step = decodeObject<PathStepRecord>({
  id: decodeString,
  kind: nodeKind,
  name: decodeString,
  insights: decodeArray(decodeOneOf(INSIGHTS, 'insight')),
  labels: strings,
});

const edge = decodeObject<PathEdgeRecord>({
  kind: decodeOneOf(EDGE_KINDS, 'edge kind'),
  from: decodeString,
  to: decodeString,
  ports: optional(strings),
  scope: optional(decodeOneOf(SCOPES, 'reach scope')),
  accessLevel: optional(decodeOneOf(ACCESS_LEVELS, 'access level')),
  roles: optional(strings),
  resolvedBy: optional(decodeString),
  sharedServiceTags: optional(strings),
});

const factor = decodeObject<FactorRecord>({
  factor: decodeOneOf(RISK_FACTORS, 'risk factor'),
  axis: decodeOneOf(AXES, 'risk axis'),
  contribution: decodeNumber,
  stepIds: strings,
  detail: decodeString,
});

const recommendation = decodeObject<PathRecommendation>({
  findingId: decodeString,
  recommendationId: decodeString,
  recommendation: decodeString,
  severity: decodeOneOf(SEVERITIES, 'severity'),
  assetId: decodeString,
  effect: decodeOneOf(EFFECT_KINDS, 'recommendation effect'),
  scoreReduction: optional(decodeNumber),
});

const record = decodeObject<AttackPathRecord>({
  id: decodeString,
  rank: decodeNumber,
  name: decodeString,
  family: decodeOneOf(PATH_FAMILY_IDS, 'path family'),
  riskLevel: decodeOneOf(RISK_LEVELS, 'risk level'),
  score: decodeNumber,
  exploitability: decodeNumber,
  impact: decodeNumber,
  impactBase: decodeNumber,
  formula: decodeString,
  riskFactors: decodeArray(decodeOneOf(RISK_FACTORS, 'risk factor')),
  factors: decodeArray(factor),
  anchor: decodeOneOf(ANCHORS, 'path anchor'),
  entry: ref,
  target: ref,
  steps: decodeArray(step),
  edges: decodeArray(edge),
  breakingRecommendations: decodeArray(recommendation),
  reducingRecommendations: decodeArray(recommendation),
});

/**
 * The record kept in an AttackPath node's `details`, checked field by field; rank, level and score come from the
 * node's own properties (the ones the store filters and sorts on) when it has them.
 */
export function recordFromNode(node: GraphNode): AttackPathRecord {
  if (node.kind !== 'AttackPath') throw new ValidationError(`${node.id}: not an AttackPath node but ${node.kind}`);
  let stored: AttackPathRecord;
  try {
    stored = record(node.properties['details'], '');
  } catch (error) {
    if (error instanceof DecodeError) throw new AttackPathRecordError(node.id, error.field, error.reason);
    throw error;
  }
  const { rank, score } = node.properties;
  const riskLevel = RISK_LEVELS.find((level) => level === node.properties['riskLevel']);
  return {
    ...stored,
    id: node.id,
    ...(typeof rank === 'number' ? { rank } : {}),
    ...(typeof score === 'number' ? { score } : {}),
    ...(riskLevel ? { riskLevel } : {}),
  };
}
