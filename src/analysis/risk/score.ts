import type { RiskLevel } from '../../model/index.js';
import { evaluateFactors, type FactorContribution } from './factors.js';
import type { PathFacts } from './facts.js';
import { round } from './round.js';
import type { RiskWeights } from './weights.js';

export interface PathRisk {
  readonly score: number;
  readonly riskLevel: RiskLevel;
  /** min(1, Σ exploitability contributions). */
  readonly exploitability: number;
  /** min(1, impact.base + Σ impact contributions). */
  readonly impact: number;
  readonly impactBase: number;
  readonly factors: readonly FactorContribution[];
  /** The arithmetic, written out: `10 × min(1, 0.5 + 0.4) × min(1, 0.2 + 0.4) = 5.4`. */
  readonly formula: string;
}

export function riskLevelOf(score: number, w: RiskWeights): RiskLevel {
  if (score >= w.levels.critical) return 'critical';
  if (score >= w.levels.high) return 'high';
  if (score >= w.levels.medium) return 'medium';
  return 'low';
}

const sumOf = (terms: readonly number[]) =>
  round(
    terms.reduce((a, b) => a + b, 0),
    6,
  );
const termsText = (terms: readonly number[]) => (terms.length ? terms.join(' + ') : '0');

/** Scores the facts of one path: exploitability × impact from the named factors (see weights.ts). */
export function scorePath(facts: PathFacts, w: RiskWeights): PathRisk {
  const factors = evaluateFactors(facts, w);
  const eTerms = factors.filter((f) => f.axis === 'exploitability').map((f) => f.contribution);
  const iTerms = [w.impact.base, ...factors.filter((f) => f.axis === 'impact').map((f) => f.contribution)];
  const exploitability = Math.min(1, sumOf(eTerms));
  const impact = Math.min(1, sumOf(iTerms));
  const score = round(w.scale * exploitability * impact, 2);
  return {
    score,
    riskLevel: riskLevelOf(score, w),
    exploitability,
    impact,
    impactBase: w.impact.base,
    factors,
    formula: `${w.scale} × min(1, ${termsText(eTerms)}) × min(1, ${termsText(iTerms)}) = ${w.scale} × ${exploitability} × ${impact} = ${score}`,
  };
}
