/**
 * Recommendations: the catalogue, findings per asset, and how each recommendation bears on an attack path.
 *
 *   RECOMMENDATIONS                       → the catalogue (Defender names where Defender has one), with id, severity,
 *                                           the insight it rests on, remediation steps and its effect on paths
 *   buildFindings(graph, { paths? })      → Finding[]: one per (recommendation, asset), from the insights on nodes
 *                                           (+ least privilege on identities the given paths pivot through)
 *   linkRecommendations(facts, risk, findingsByAsset, weights)
 *                                         → { breaking, reducing } for one path
 *   effectOnPath(rec, assetId, facts, risk, weights) → breaks | reduces (with the score drop) | null
 */
export { RECOMMENDATIONS, recommendationById } from './catalogue.js';
export { apiSourceOf, recommendationApplies, recommendationsFor } from './match.js';
export {
  buildFindings,
  findingId,
  insightEvidenceOf,
  compareFindings,
  makeFinding,
  type BuildFindingsOptions,
} from './findings.js';
export { effectOnPath, type PathEffect, type FixTarget } from './effects.js';
export { ApiHoldings } from './holdings.js';
export {
  linkRecommendations,
  indexFindingsByAsset,
  type PathRecommendation,
  type PathRecommendations,
} from './links.js';
export {
  SEVERITIES,
  type Severity,
  type Recommendation,
  type RecommendationEffect,
  type EffectKind,
  type EndpointSource,
  type Finding,
} from './types.js';
