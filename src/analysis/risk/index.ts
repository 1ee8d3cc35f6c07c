/**
 * Risk model: explainable scores for attack paths.
 *
 *   indexGraph(graph)                     → GraphIndex (node and label lookups)
 *   pathFacts(foundPath, index)           → PathFacts (steps with insights and labels, edges with access levels)
 *   scorePath(facts, weights)             → PathRisk { score, riskLevel, exploitability, impact, factors, formula }
 *   withoutInsight(facts, stepId, insight)→ PathFacts as if one insight were fixed (for "reduces" and choke points)
 *   DEFAULT_RISK_WEIGHTS                  → the documented weights (weights.ts)
 *   parseRiskWeights(text, file) / loadRiskWeights(file) → weights with a YAML/JSON override applied, validated
 *
 * score = scale × min(1, Σ exploitability) × min(1, base + Σ impact); see weights.ts and docs/risk-model.md.
 */
export { indexGraph, type GraphIndex, type LabelRef } from './graph-index.js';
export { pathFacts, withoutInsight, stepName, type PathFacts, type StepFacts, type EdgeFacts } from './facts.js';
export { evaluateFactor, evaluateFactors, finalAccess, type FactorContribution } from './factors.js';
export { scorePath, riskLevelOf, type PathRisk } from './score.js';
export { round } from './round.js';
export {
  DEFAULT_RISK_WEIGHTS,
  EXPLOITABILITY_FACTORS,
  IMPACT_FACTORS,
  FACTOR_AXIS,
  type RiskWeights,
  type RiskAxis,
  type ImpactWeights,
  type RiskLevelThresholds,
  type ExploitabilityWeights,
  type ExploitabilityFactor,
  type ImpactFactor,
} from './weights.js';
export { parseRiskWeights, loadRiskWeights, parseRiskModel, loadRiskModel, type RiskModel, type RiskModelSearch } from './weights-config.js';
