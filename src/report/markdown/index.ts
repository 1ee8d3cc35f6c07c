import type { ChokePoint } from '../../analysis/chokepoints/rank.js';
import type { RemediationPlan } from '../../analysis/chokepoints/plan.js';
import type { GoalsEvaluation } from '../../analysis/goals/types.js';
import type { AttackPathRecord } from '../../analysis/paths/record.js';
import type { FindingView } from '../paths/findings.js';
import { renderFindingsMarkdown } from '../paths/findings.js';
import { renderGoalsMarkdown } from '../paths/goals.js';
import { renderPathsMarkdown } from '../paths/paths.js';
import { renderChokePointsMarkdown, renderPlanMarkdown } from '../paths/plan.js';

/** Everything the full posture report shows; the HTML report takes the same facts (html/index.ts). */
export interface MarkdownReportInput {
  readonly paths: readonly AttackPathRecord[];
  readonly findings: readonly FindingView[];
  readonly plan: RemediationPlan;
  readonly chokePoints: readonly ChokePoint[];
  readonly goals: GoalsEvaluation;
  /** What the report was computed from (store, scan and analysis times, input counts, goals policy), one fact per line. */
  readonly provenance: readonly string[];
}

/**
 * `report --format md`: the full posture report as one Markdown document. The attack paths heading is level 2,
 * so that it sits beside the remediation plan, choke points, findings and goals under the title. Pure: data in,
 * text out.
 */
export function renderMarkdownReport(input: MarkdownReportInput): string {
  const section = (title: string, body: string) => [`## ${title}`, '', body.trimEnd(), ''];
  return [
    '# API security posture report',
    '',
    ...input.provenance.map((line) => `- ${line}`),
    '',
    `${input.paths.length} attack paths; ${input.findings.length} findings; posture score ${input.goals.postureScore}.`,
    '',
    renderPathsMarkdown(input.paths, { depth: 2 }).trimEnd(),
    '',
    ...section('Remediation plan', renderPlanMarkdown(input.plan)),
    ...section('Choke points', renderChokePointsMarkdown(input.chokePoints)),
    ...section('Findings', renderFindingsMarkdown(input.findings)),
    ...section('Posture goals', renderGoalsMarkdown(input.goals)),
  ].join('\n');
}
