import type { ChokePoint } from '../../analysis/chokepoints/rank.js';
import type { RemediationPlan } from '../../analysis/chokepoints/plan.js';
import type { Fix } from '../../analysis/chokepoints/fixes.js';
import { textTable, truncate } from './text.js';

const fixText = (f: Fix) =>
  f.kind === 'recommendation'
    ? `${f.recommendation ?? f.recommendationId}`
    : 'isolate the asset (every path through it breaks)';

export function renderChokePointsTable(points: readonly ChokePoint[]): string {
  if (points.length === 0) return 'No choke points.\n';
  const rows = points.map((p, i) => [
    String(i + 1),
    p.riskRemoved.toFixed(2),
    String(p.pathsBroken.length),
    String(p.pathsReduced.length),
    truncate(fixText(p), 64),
    p.assetName,
  ]);
  return `${textTable(['#', 'RISK REMOVED', 'BREAKS', 'REDUCES', 'FIX', 'ASSET'], rows)}\n`;
}

export function renderPlanText(plan: RemediationPlan): string {
  if (plan.steps.length === 0) return `${plan.summary}\n`;
  const rows = plan.steps.map((s) => [
    String(s.order),
    truncate(fixText(s.fix), 64),
    s.fix.assetName,
    `${s.cumulativeCriticalPercent} %`,
    `${s.cumulativeRiskPercent} %`,
  ]);
  return `${textTable(['#', 'FIX', 'ASSET', 'CRITICAL RISK REMOVED', 'ALL RISK REMOVED'], rows)}\n\n${plan.summary}\n`;
}
