import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzeAttackPaths, type AttackPathRecord } from '../../src/analysis/paths/index.js';
import { evaluateGoals, graphGoalInputs, parsePolicy } from '../../src/analysis/goals/index.js';
import { planRemediation, findChokePoints } from '../../src/analysis/chokepoints/index.js';
import { DEFAULT_RISK_WEIGHTS } from '../../src/analysis/risk/index.js';
import { findingView } from '../../src/report/paths/index.js';
import { REPORT_CSP, esc, renderHtmlReport, renderPathsHtml } from '../../src/report/html/index.js';
import { apiToStore } from '../analysis/paths/tiny-graph.js';

const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData'] }).graph();
const analysis = analyzeAttackPaths(graph);
const records = analysis.paths.map((p) => p.record);
const findings = analysis.findings.map(findingView);

const HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>';

/** The same paths with every step, entry and target renamed to markup, as a hostile tenant could name assets. */
function hostile(paths: readonly AttackPathRecord[]): AttackPathRecord[] {
  return paths.map((p) => ({
    ...p,
    name: `${p.name} ${HOSTILE}`,
    entry: { ...p.entry, name: HOSTILE },
    target: { ...p.target, name: HOSTILE },
    steps: p.steps.map((s) => ({ ...s, name: `${s.name}${HOSTILE}`, labels: [...s.labels, HOSTILE] })),
  }));
}

const svgs = (page: string) => page.match(/<svg class="path-diagram"[\s\S]*?<\/svg>/g) ?? [];

describe('HTML report renderer', () => {
  it('escapes markup in every value that comes from the estate', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const page = renderHtmlReport({
      paths: hostile(records),
      findings: findings.map((f) => ({ ...f, assetName: HOSTILE, evidence: { note: HOSTILE } })),
    });
    expect(page).not.toMatch(/<script|<img|onerror=alert\(2\)>/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('fetches nothing: no URL, script, link, font or image; a strict CSP allows only its own stylesheet', () => {
    const page = renderHtmlReport({ paths: records, findings });
    expect(page).not.toMatch(/https?:|\/\/[a-z]|<script|<link|<img|<iframe|@import|url\(/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(REPORT_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(REPORT_CSP).toMatch(/^default-src 'none';/);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">`);
    expect(page).not.toMatch(/\sstyle="/);
  });

  it('draws each top path as an SVG with one node per step and one labelled edge per hop, in rank order', () => {
    const page = renderPathsHtml(records);
    const drawn = svgs(page);
    expect(drawn).toHaveLength(records.length);
    drawn.forEach((svg, i) => {
      const p = records[i]!;
      expect(svg).toContain(`<title id="path-${p.rank}-svg-title">Attack path ${p.rank}: ${esc(p.name)}</title>`);
      expect(svg.match(/<g class="node"/g)).toHaveLength(p.steps.length);
      expect((svg.match(/<g class="edge" data-kind="([A-Z_]+)"/g) ?? []).map((e) => e.replace(/.*data-kind="|"/g, ''))).toEqual(
        p.edges.map((e) => e.kind),
      );
      expect(svg).toContain('data-kind="Internet"');
    });
    expect([...page.matchAll(/<tr class="path-row" data-rank="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(records.map((p) => p.rank));
    expect(page).toContain('Anonymous');
  });

  it('draws only the requested number of top paths but lists them all', () => {
    const page = renderPathsHtml(records, { drawPaths: 1 });
    expect(svgs(page)).toHaveLength(1);
    expect(page.match(/<tr class="path-row"/g)).toHaveLength(records.length);
  });

  it('renders the summary, plan, choke points, findings and goals of the full report', () => {
    const found = analysis.paths;
    const plan = planRemediation(found, analysis.findings, DEFAULT_RISK_WEIGHTS);
    const chokePoints = findChokePoints(found, analysis.findings, DEFAULT_RISK_WEIGHTS);
    const policy = parsePolicy('version: 1\ngoals:\n  - id: no-critical\n    type: max-attack-paths\n    level: critical\n    max: 0\n', 'inline.yaml');
    const goals = evaluateGoals(policy, graphGoalInputs(graph, records));
    const page = renderHtmlReport({ paths: records, findings, plan, chokePoints, goals, generatedAt: '2025-01-01T00:00:00Z' });
    for (const id of ['summary', 'paths', 'plan', 'choke-points', 'findings', 'goals']) expect(page).toContain(`id="${id}"`);
    expect(page).toContain(`${goals.postureScore}/100`);
    expect(page).toContain('<svg class="risk-chart" role="img"');
    expect(page).toMatch(/<ol class="top-recommendations"><li>/);
    expect(page.match(/<tr class="finding"/g)).toHaveLength(findings.length);
    expect(page).toContain('data-goal="no-critical"');
    expect(page).toMatch(/<main id="content">[\s\S]*<\/main>/);
  });

  it('says so when there are no paths', () => {
    const page = renderPathsHtml([]);
    expect(page).toContain('No attack paths.');
    expect(svgs(page)).toHaveLength(0);
  });
});
