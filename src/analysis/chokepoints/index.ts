/**
 * Choke points and the remediation plan.
 *
 *   findChokePoints(paths, findings, weights, { includeAssets?, limit? }) → ChokePoint[]
 *       every fix (a finding, or an asset taken out of the paths through it) with the risk it removes on its
 *       own: Σ scores of the paths it breaks + Σ score drops of the paths it only reduces; riskiest first.
 *   planRemediation(paths, findings, weights, { maxFixes?, includeAssets?, stopAtCriticalPercent? }) → RemediationPlan
 *       greedy: the fix removing the most remaining risk first, with cumulative figures ("these 3 fixes remove
 *       92 % of critical risk").
 *   planSteps(…, { maxFixes: Infinity }) + cutPlan(steps, n): the whole greedy order once, any plan length from it
 *       (analysis stores the order; readers cut it).
 *
 * `paths` and `findings` come from analyzeAttackPaths (src/analysis/paths).
 */
export { findChokePoints, type ChokePoint, type ChokePointOptions } from './rank.js';
export { cutPlan, planRemediation, planSteps, type PlanStep, type PlanSteps, type RemediationPlan, type PlanOptions } from './plan.js';
export { candidateFixes, type Fix } from './fixes.js';
