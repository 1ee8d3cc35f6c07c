import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths } from '../../src/analysis/paths/index.js';
import { evaluateGoals, graphGoalInputs, parsePolicy } from '../../src/analysis/goals/index.js';
import { findChokePoints, planRemediation } from '../../src/analysis/chokepoints/index.js';
import { DEFAULT_RISK_WEIGHTS } from '../../src/analysis/risk/index.js';
import { findingView } from '../../src/report/paths/index.js';
import { renderMarkdownReport } from '../../src/report/markdown/index.js';
import { apiToStore } from '../analysis/paths/tiny-graph.js';

const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData'] }).graph();
const analysis = analyzeAttackPaths(graph);
const paths = analysis.paths.map((p) => p.record);
const findings = analysis.findings.map(findingView);
const policy = parsePolicy('version: 1\ngoals:\n  - id: no-critical\n    type: max-attack-paths\n    level: critical\n    max: 0\n', 'inline.yaml');

function report(provenance: readonly string[] = ['Store: memory store at .apiposture', 'Goals policy: inline.yaml']): string {
  return renderMarkdownReport({
    paths,
    findings,
    plan: planRemediation(analysis.paths, analysis.findings, DEFAULT_RISK_WEIGHTS),
    chokePoints: findChokePoints(analysis.paths, analysis.findings, DEFAULT_RISK_WEIGHTS),
    goals: evaluateGoals(policy, graphGoalInputs(graph, paths)),
    provenance,
  });
}

describe('Markdown posture report renderer', () => {
  it('opens with the title, the provenance as a list and one summary line', () => {
    const lines = report().split('\n');
    const goals = evaluateGoals(policy, graphGoalInputs(graph, paths));
    expect(lines.slice(0, 6)).toEqual([
      '# API security posture report',
      '',
      '- Store: memory store at .apiposture',
      '- Goals policy: inline.yaml',
      '',
      `${paths.length} attack paths; ${findings.length} findings; posture score ${goals.postureScore}.`,
    ]);
  });

  it('nests the attack paths beside the plan, choke points, findings and goals, in that order, one title only', () => {
    const headings = report()
      .split('\n')
      .filter((l) => /^#{1,3} /.test(l));
    expect(headings.filter((h) => h.startsWith('# '))).toEqual(['# API security posture report']);
    expect(headings.filter((h) => h.startsWith('## '))).toEqual(['## Attack paths', '## Remediation plan', '## Choke points', '## Findings', '## Posture goals']);
    expect(headings).toContain('### Paths');
  });

  it('ends with the goals section, naming each goal, and a newline', () => {
    const text = report();
    const goals = text.slice(text.indexOf('## Posture goals\n\n'));
    expect(goals).toContain('no-critical');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });
});
