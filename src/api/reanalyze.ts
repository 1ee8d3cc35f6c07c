import { randomUUID } from 'node:crypto';
import { analyze } from '../analysis/analyze.js';
import { DEFAULT_RISK_WEIGHTS, type RiskWeights } from '../analysis/risk/index.js';
import type { GraphStore } from '../store/index.js';
import type { ReanalyzeResult } from './context.js';

/** `Mutation.reanalyze`: the same analysis `apiposture analyze` runs, then what it left in the store. */
export async function defaultReanalyze(store: GraphStore, weights: RiskWeights = DEFAULT_RISK_WEIGHTS): Promise<ReanalyzeResult> {
  const summary = await analyze(store, { runId: `api-${randomUUID()}`, startedAt: new Date().toISOString() }, { weights });
  const counts = await store.countNodesByKind();
  return {
    derivedEdges: summary.derivedEdges,
    insights: summary.insights,
    externalHosts: summary.externalHosts,
    attackPaths: counts.AttackPath ?? 0,
    findings: counts.Finding ?? 0,
  };
}
