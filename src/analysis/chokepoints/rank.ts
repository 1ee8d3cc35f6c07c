import type { AnalyzedPath } from '../paths/analyze.js';
import type { Finding } from '../recommendations/types.js';
import { round } from '../risk/round.js';
import type { RiskWeights } from '../risk/weights.js';
import { candidateFixes, initialStates, outcomeOf, pathsByAsset, statesFor, type Fix } from './fixes.js';
import { compareIds } from '../../util/order.js';

export interface ChokePoint extends Fix {
  /** Σ scores of the paths the fix breaks + Σ score drops of the paths it only makes less likely. */
  readonly riskRemoved: number;
  /** The part of riskRemoved that comes from paths rated critical. */
  readonly criticalRiskRemoved: number;
  readonly pathsBroken: readonly string[];
  readonly pathsReduced: readonly { readonly pathId: string; readonly scoreReduction: number }[];
}

export interface ChokePointOptions {
  /** Also rank assets taken out of every path through them, not only recommendations. Default true. */
  readonly includeAssets?: boolean;
  /** Keep the first N. Default: all with some risk removed. */
  readonly limit?: number;
}

export function compareFixGain(a: { riskRemoved: number; id: string }, b: { riskRemoved: number; id: string }): number {
  return b.riskRemoved - a.riskRemoved || compareIds(a.id, b.id);
}

/**
 * Choke points: each fix with the risk it removes on its own (DESIGN §4), riskiest first. A fix that breaks a
 * path removes the path's whole score; one that reduces removes the drop in score with its factor recomputed.
 */
export function findChokePoints(
  paths: readonly AnalyzedPath[],
  findings: readonly Finding[],
  weights: RiskWeights,
  options: ChokePointOptions = {},
): ChokePoint[] {
  const states = initialStates(paths);
  const byAsset = pathsByAsset(states);
  const points: ChokePoint[] = [];
  for (const fix of candidateFixes(paths, findings, options.includeAssets ?? true)) {
    let removed = 0;
    let critical = 0;
    const broken: string[] = [];
    const reduced: { pathId: string; scoreReduction: number }[] = [];
    for (const state of statesFor(fix, byAsset)) {
      const outcome = outcomeOf(fix, state, weights);
      if (!outcome) continue;
      const gain = outcome.kind === 'breaks' ? state.risk.score : outcome.scoreReduction;
      if (outcome.kind === 'breaks') broken.push(state.path.found.id);
      else reduced.push({ pathId: state.path.found.id, scoreReduction: outcome.scoreReduction });
      removed += gain;
      if (state.path.risk.riskLevel === 'critical') critical += gain;
    }
    if (removed > 0)
      points.push({
        ...fix,
        riskRemoved: round(removed, 2),
        criticalRiskRemoved: round(critical, 2),
        pathsBroken: broken,
        pathsReduced: reduced,
      });
  }
  points.sort(compareFixGain);
  return options.limit === undefined ? points : points.slice(0, options.limit);
}
