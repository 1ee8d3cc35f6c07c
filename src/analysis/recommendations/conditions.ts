import type { Insight } from '../../model/index.js';
import type { PathCondition } from '../paths/families.js';
import type { PathFacts } from '../risk/facts.js';

/**
 * The path condition an insight stands for. Only insights a family's name states appear: clearing any other
 * insight (encryption, inactivity, …) weakens a factor but never takes a path's defining condition away.
 */
const INSIGHT_CONDITIONS: Partial<Record<Insight, PathCondition>> = {
  AllowsAnonymousAccess: 'anonymousAccess',
  SensitiveData: 'sensitiveData',
  GatewayBypass: 'gatewayBypass',
};

export function conditionOfInsight(insight: Insight): PathCondition | undefined {
  return INSIGHT_CONDITIONS[insight];
}

/**
 * Whether the path, as its facts now stand, still holds an insight-based condition: some step carries the
 * insight (the family rule put it there: the unauthenticated endpoint, the bypassed backend).
 */
export function holdsInsightCondition(facts: PathFacts, insight: Insight): boolean {
  return facts.steps.some((s) => s.insights.includes(insight));
}
