import type { GoalsEvaluation } from '../../analysis/goals/types.js';
import { mdTable } from './text.js';

/** `goals`: one line per goal (PASS / FAIL / WARN for a failing advisory goal), offenders indented, then the score. */
export function renderGoalsText(evaluation: GoalsEvaluation, options: { readonly maxOffenders?: number } = {}): string {
  const limit = options.maxOffenders ?? 10;
  const lines: string[] = [];
  for (const goal of evaluation.goals) {
    const status = goal.passed ? 'PASS' : goal.enforce ? 'FAIL' : 'WARN';
    lines.push(`${status}  ${goal.id}: ${goal.description}`, `      ${goal.summary}`);
    if (!goal.passed) {
      for (const o of goal.offenders.slice(0, limit))
        lines.push(`      - ${o.name} (${o.kind}) ${o.detail}`, `        ${o.id}`);
      if (goal.offenders.length > limit) lines.push(`      … and ${goal.offenders.length - limit} more`);
    }
  }
  const failed = evaluation.goals.filter((g) => !g.passed && g.enforce).length;
  const verdict = evaluation.passed
    ? 'all enforced goals met'
    : `${failed} of ${evaluation.goals.filter((g) => g.enforce).length} enforced goals failed`;
  lines.push('', `Posture score: ${evaluation.postureScore}/100 (${verdict})`);
  return `${lines.join('\n')}\n`;
}

/** Goals as a GFM table with the posture score, for the Markdown report. */
export function renderGoalsMarkdown(evaluation: GoalsEvaluation): string {
  const rows = evaluation.goals.map((g) => [g.passed ? 'PASS' : g.enforce ? 'FAIL' : 'WARN', g.id, g.description, g.summary]);
  return `${mdTable(['status', 'goal', 'description', 'result'], rows)}\n\nPosture score: ${evaluation.postureScore}/100.\n`;
}
