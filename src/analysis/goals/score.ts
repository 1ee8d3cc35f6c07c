import type { GoalResult } from './types.js';

/**
 * How the posture score is computed (0–100):
 *
 *   compliance of a goal (0–1):
 *     - a count limit (max attack paths, max dormant endpoints):   1 when met, else max / count
 *     - a share limit (maxShare of dormant endpoints):             1 when met, else maxShare / share
 *       (a goal with both limits takes the lower of the two)
 *     - a zero-tolerance policy on assets (sensitive data, encryption): 1 − offenders / assets looked at
 *   posture score = round(100 × Σ weight × compliance / Σ weight), 100 when there are no goals.
 *
 * Advisory goals (enforce: false) count in the score like enforced ones; they only never fail the evaluation.
 */
export function limitCompliance(count: number, max: number): number {
  return count <= max ? 1 : max / count;
}

export function shareCompliance(offenders: number, assets: number): number {
  return assets === 0 ? 1 : 1 - offenders / assets;
}

export function postureScore(results: readonly Pick<GoalResult, 'weight' | 'compliance'>[]): number {
  const total = results.reduce((t, r) => t + r.weight, 0);
  if (total === 0) return 100;
  return Math.round((100 * results.reduce((t, r) => t + r.weight * r.compliance, 0)) / total);
}
