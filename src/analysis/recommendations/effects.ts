import { assertNever } from '../../model/index.js';
import { withoutInsight, type PathFacts } from '../risk/facts.js';
import { scorePath, type PathRisk } from '../risk/score.js';
import { round } from '../risk/round.js';
import type { RiskWeights } from '../risk/weights.js';
import type { PathCondition } from '../paths/families.js';
import { conditionOfInsight, holdsInsightCondition } from './conditions.js';
import type { Recommendation } from './types.js';

export type PathEffect =
  { readonly kind: 'breaks' } | { readonly kind: 'reduces'; readonly risk: PathRisk; readonly scoreReduction: number };

const axisTotals = (risk: PathRisk) =>
  risk.factors.reduce(
    (t, f) => (f.axis === 'exploitability' ? { ...t, e: t.e + f.contribution } : { ...t, i: t.i + f.contribution }),
    { e: 0, i: 0 },
  );

/** Where a recommendation is applied: its asset, and the APIs and endpoints the same fix repairs with it. */
export interface FixTarget {
  readonly assetId: string;
  readonly covers?: readonly string[];
}

/**
 * What applying `rec` to `target` does to one path: breaks it (a node or edge of the path goes away, or a
 * condition its family `requires` is gone: an endpoint authenticated on an "unauthenticated … carry sensitive
 * data" path), reduces it (the path keeps its steps but a factor weakens or disappears), or nothing (null).
 */
export function effectOnPath(
  rec: Recommendation,
  target: FixTarget,
  facts: PathFacts,
  risk: PathRisk,
  weights: RiskWeights,
  requires: readonly PathCondition[] = [],
): PathEffect | null {
  const i = facts.steps.findIndex((s) => s.id === target.assetId);
  const effect = rec.effect;
  switch (effect.kind) {
    case 'removeNode':
      return i > 0 ? { kind: 'breaks' } : null;
    case 'removeReachFromInternet':
      return i > 0 && facts.edges[i - 1]?.kind === 'CAN_REACH' ? { kind: 'breaks' } : null;
    case 'removePermissions':
      return i > 0 && facts.edges[i]?.kind === 'HAS_PERMISSION_TO' ? { kind: 'breaks' } : null;
    case 'clearInsight': {
      const insight = rec.insight;
      const ids = [target.assetId, ...(target.covers ?? [])];
      if (insight === null || !facts.steps.some((s) => ids.includes(s.id) && s.insights.includes(insight))) return null;
      const fixed = withoutInsight(facts, ids, insight);
      const condition = conditionOfInsight(insight);
      if (condition && requires.includes(condition) && !holdsInsightCondition(fixed, insight)) return { kind: 'breaks' };
      const after = scorePath(fixed, weights);
      const before = axisTotals(risk);
      const now = axisTotals(after);
      // Compared before the min(1, …) caps: a fix that weakens a factor counts even when the cap hides it.
      if (round(now.e, 6) >= round(before.e, 6) && round(now.i, 6) >= round(before.i, 6)) return null;
      return { kind: 'reduces', risk: after, scoreReduction: round(risk.score - after.score, 2) };
    }
    default:
      return assertNever(effect, 'recommendation effect');
  }
}
