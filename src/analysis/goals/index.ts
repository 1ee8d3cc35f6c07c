/**
 * Posture goals as code.
 *
 *   parsePolicy(text, file) / loadPolicy(file) → GoalPolicy (YAML; errors name the file, line, column, reason)
 *   evaluateGoals(policy, { subjects, labels, paths }) → { passed, postureScore, goals: [{ id, passed, compliance,
 *                                                 summary, offenders }] }
 *   graphGoalInputs(graph, paths)              → those inputs from a whole graph in memory; analysis stores the
 *                                                 subjects as GoalSubject nodes (see src/analysis/facts)
 *
 * `passed` is the exit semantics: true exactly when every enforced goal passes. Goal types: max-attack-paths
 * (risk thresholds), no-exposed-sensitive-data (data policy by label), max-dormant-endpoints, encrypted-only;
 * each may be scoped by subscription or tag. See examples/goals.yaml, and score.ts for the posture score.
 */
export { parsePolicy, loadPolicy } from './parse.js';
export { evaluateGoals, kindsCounted } from './evaluate.js';
export { postureScore, limitCompliance, shareCompliance } from './score.js';
export { GoalSubjectBuilder, graphGoalInputs, inScope, subjectOfNode, type GoalInputs, type GoalSubject } from './subjects.js';
export {
  GOAL_TYPES,
  DEFAULT_ENCRYPTION_KINDS,
  type Goal,
  type GoalType,
  type GoalPolicy,
  type GoalScope,
  type GoalResult,
  type GoalsEvaluation,
  type Offender,
  type MaxAttackPathsGoal,
  type NoExposedSensitiveDataGoal,
  type MaxDormantEndpointsGoal,
  type EncryptedOnlyGoal,
} from './types.js';
