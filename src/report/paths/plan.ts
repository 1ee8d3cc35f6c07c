import type { ChokePoint } from '../../analysis/chokepoints/rank.js';
import type { RemediationPlan } from '../../analysis/chokepoints/plan.js';
import type { Fix } from '../../analysis/chokepoints/fixes.js';
import { mdTable, textTable, type TableOptions } from './text.js';

export function fixText(f: Fix): string {
  return f.kind === 'recommendation' ? `${f.recommendation ?? f.recommendationId}` : 'isolate the asset (every path through it breaks)';
}

const CHOKE_HEADERS = ['#', 'RISK REMOVED', 'BREAKS', 'REDUCES', 'FIX', 'ASSET'];
const chokeRows = (points: readonly ChokePoint[]) =>
  points.map((p, i) => [String(i + 1), p.riskRemoved.toFixed(2), String(p.pathsBroken.length), String(p.pathsReduced.length), fixText(p), p.assetName]);

export function renderChokePointsTable(points: readonly ChokePoint[], options: TableOptions = {}): string {
  if (points.length === 0) return 'No choke points.\n';
  return `${textTable(CHOKE_HEADERS, chokeRows(points), options)}\n`;
}

export function renderChokePointsMarkdown(points: readonly ChokePoint[]): string {
  if (points.length === 0) return 'No choke points.\n';
  return `${mdTable(CHOKE_HEADERS.map((h) => h.toLowerCase()), chokeRows(points))}\n`;
}

const PLAN_HEADERS = ['#', 'FIX', 'ASSET', 'CRITICAL RISK REMOVED', 'ALL RISK REMOVED'];
const planRows = (plan: RemediationPlan) =>
  plan.steps.map((s) => [String(s.order), fixText(s.fix), s.fix.assetName, `${s.cumulativeCriticalPercent} %`, `${s.cumulativeRiskPercent} %`]);

export function renderPlanText(plan: RemediationPlan, options: TableOptions = {}): string {
  if (plan.steps.length === 0) return `${plan.summary}\n`;
  return `${textTable(PLAN_HEADERS, planRows(plan), options)}\n\n${plan.summary}\n`;
}

export function renderPlanMarkdown(plan: RemediationPlan): string {
  if (plan.steps.length === 0) return `${plan.summary}\n`;
  return `${mdTable(PLAN_HEADERS.map((h) => h.toLowerCase()), planRows(plan))}\n\n${plan.summary}\n`;
}
