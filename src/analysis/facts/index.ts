/**
 * Analysis facts: what the report, the goals and the API answer from, computed once by analysis and stored with
 * it as analysis-owned nodes, so no reader re-runs the path engine.
 *
 *   analysisFactNodes({ graph, paths, findings, weights }) → ChokePoint nodes (every fix, assets included, ranked),
 *       the RemediationPlan node (the whole greedy order) and GoalSubject nodes (scope, insights, top label)
 *   new StoredFacts(store, target)  → chokePoints(includeAssets), plan(maxFixes), goals(policy), read back once each
 *   chokePointFromNode / planFromNode / subjectFromNode → the stored facts decoded (AnalysisFactError names the field)
 */
export { ANALYSIS_FACT_KINDS, analysisFactNodes, GOAL_SUBJECT_KINDS, REMEDIATION_PLAN_ID, type FactInputs } from './nodes.js';
export { AnalysisFactError, chokePointFromNode, planFromNode, subjectFromNode } from './decode.js';
export { StoredFacts, storedPathRecords } from './stored.js';
