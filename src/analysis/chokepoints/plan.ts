import type { AnalyzedPath } from '../paths/analyze.js';
import type { Finding } from '../recommendations/types.js';
import { round } from '../risk/round.js';
import type { RiskWeights } from '../risk/weights.js';
import { compareFixGain } from './rank.js';
import {
  candidateFixes,
  initialStates,
  outcomeOf,
  pathsByAsset,
  statesFor,
  type Fix,
  type PathState,
} from './fixes.js';

export interface PlanStep {
  readonly order: number;
  readonly fix: Fix;
  /** Risk this fix removes on top of the fixes before it. */
  readonly riskRemoved: number;
  readonly pathsBroken: number;
  readonly pathsReduced: number;
  readonly cumulativeRiskRemoved: number;
  /** Share of the total risk (Σ scores of all paths) removed so far, 0–100. */
  readonly cumulativeRiskPercent: number;
  /** Share of the critical risk (Σ scores of the paths rated critical before any fix) removed so far, 0–100 (100 when there is none). */
  readonly cumulativeCriticalPercent: number;
}

export interface RemediationPlan {
  readonly totalRisk: number;
  readonly totalCriticalRisk: number;
  readonly steps: readonly PlanStep[];
  readonly remainingRisk: number;
  /** "These 3 fixes remove 92 % of critical risk (81 % of all risk)." */
  readonly summary: string;
}

export interface PlanOptions {
  /** Most fixes in the plan. Default 10. */
  readonly maxFixes?: number;
  /** Allow asset fixes (take an asset out of every path) besides recommendations. Default false: a plan is actionable. */
  readonly includeAssets?: boolean;
  /** Stop once this share of critical risk is removed (0–100). Default: go on while fixes remove risk. */
  readonly stopAtCriticalPercent?: number;
}

interface Gain {
  readonly fix: Fix;
  readonly riskRemoved: number;
  readonly critical: number;
  readonly id: string;
}

function gainOf(fix: Fix, states: readonly PathState[], weights: RiskWeights): Gain {
  let removed = 0;
  let critical = 0;
  for (const state of states) {
    const outcome = outcomeOf(fix, state, weights);
    if (!outcome) continue;
    const gain = outcome.kind === 'breaks' ? state.risk.score : outcome.scoreReduction;
    removed += gain;
    if (state.path.risk.riskLevel === 'critical') critical += gain;
  }
  return { fix, riskRemoved: round(removed, 6), critical: round(critical, 6), id: fix.id };
}

function apply(fix: Fix, states: readonly PathState[], weights: RiskWeights): { broken: number; reduced: number } {
  let broken = 0;
  let reduced = 0;
  for (const state of states) {
    const outcome = outcomeOf(fix, state, weights);
    if (!outcome) continue;
    if (outcome.kind === 'breaks') {
      state.broken = true;
      broken++;
    } else {
      state.facts = outcome.facts;
      state.risk = outcome.risk;
      reduced++;
    }
  }
  return { broken, reduced };
}

const percent = (part: number, whole: number) => (whole > 0 ? round((100 * part) / whole, 1) : 100);
const sumScores = (states: readonly PathState[]) =>
  round(
    states.reduce((t, s) => t + s.path.risk.score, 0),
    2,
  );

/** A plan before it is cut to a number of fixes: what analysis stores (RemediationPlan node). */
export interface PlanSteps {
  readonly totalRisk: number;
  readonly totalCriticalRisk: number;
  readonly steps: readonly PlanStep[];
  /** Risk removed after each step, unrounded: a plan cut after step k still reports its remaining risk exactly. */
  readonly removedTotals: readonly number[];
}

/**
 * The greedy order: repeatedly take the fix that removes the most of the risk still left (ties by id), apply it,
 * and go on until no fix helps, `maxFixes` is reached or the critical risk target is met. A longer run only adds
 * steps after these: the first k steps are the same whatever the limit.
 */
export function planSteps(
  paths: readonly AnalyzedPath[],
  findings: readonly Finding[],
  weights: RiskWeights,
  options: PlanOptions = {},
): PlanSteps {
  const maxFixes = options.maxFixes ?? 10;
  const stopAt = options.stopAtCriticalPercent;
  const states = initialStates(paths);
  const byAsset = pathsByAsset(states);
  const totalRisk = sumScores(states);
  const totalCriticalRisk = sumScores(states.filter((s) => s.path.risk.riskLevel === 'critical'));
  let remaining = candidateFixes(paths, findings, options.includeAssets ?? false);
  const steps: PlanStep[] = [];
  const removedTotals: number[] = [];
  let removed = 0;
  let criticalRemoved = 0;
  const targetMet = () =>
    stopAt !== undefined && totalCriticalRisk > 0 && percent(criticalRemoved, totalCriticalRisk) >= stopAt;
  while (steps.length < maxFixes && !targetMet()) {
    const gains = remaining
      .map((fix) => gainOf(fix, statesFor(fix, byAsset), weights))
      .filter((g) => g.riskRemoved > 0);
    if (gains.length === 0) break;
    const best = gains.sort(compareFixGain)[0] as Gain;
    const { broken, reduced } = apply(best.fix, statesFor(best.fix, byAsset), weights);
    removed += best.riskRemoved;
    criticalRemoved += best.critical;
    removedTotals.push(removed);
    remaining = remaining.filter((f) => f.id !== best.fix.id);
    steps.push({
      order: steps.length + 1,
      fix: best.fix,
      riskRemoved: round(best.riskRemoved, 2),
      pathsBroken: broken,
      pathsReduced: reduced,
      cumulativeRiskRemoved: round(removed, 2),
      cumulativeRiskPercent: percent(removed, totalRisk),
      cumulativeCriticalPercent: percent(criticalRemoved, totalCriticalRisk),
    });
  }
  return { totalRisk, totalCriticalRisk, steps, removedTotals };
}

/** The plan of the first `maxFixes` steps, with its summary and remaining risk. */
export function cutPlan(plan: PlanSteps, maxFixes: number): RemediationPlan {
  const { totalRisk, totalCriticalRisk } = plan;
  const steps = plan.steps.slice(0, maxFixes);
  const last = steps[steps.length - 1];
  const removed = steps.length === 0 ? 0 : (plan.removedTotals[steps.length - 1] ?? 0);
  const fixes = steps.length === 1 ? 'This fix removes' : `These ${steps.length} fixes remove`;
  const summary = !last
    ? 'No fix removes any risk.'
    : totalCriticalRisk > 0
      ? `${fixes} ${last.cumulativeCriticalPercent} % of critical risk (${last.cumulativeRiskPercent} % of all risk).`
      : `${fixes} ${last.cumulativeRiskPercent} % of all risk (no path is critical).`;
  return { totalRisk, totalCriticalRisk, steps, remainingRisk: round(Math.max(0, totalRisk - removed), 2), summary };
}

/** A greedy remediation plan of at most `maxFixes` (default 10) fixes: `planSteps` cut to that many. */
export function planRemediation(
  paths: readonly AnalyzedPath[],
  findings: readonly Finding[],
  weights: RiskWeights,
  options: PlanOptions = {},
): RemediationPlan {
  return cutPlan(planSteps(paths, findings, weights, options), options.maxFixes ?? 10);
}
