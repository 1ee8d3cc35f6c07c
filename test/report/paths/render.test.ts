import { describe, expect, it } from 'vitest';
import { evaluateGoals, graphGoalInputs, parsePolicy } from '../../../src/analysis/goals/index.js';
import { planRemediation } from '../../../src/analysis/chokepoints/index.js';
import { analyzeAttackPaths, recordFromNode, toAnalysisResult } from '../../../src/analysis/paths/index.js';
import { DEFAULT_RISK_WEIGHTS } from '../../../src/analysis/risk/index.js';
import {
  csvCell,
  findingView,
  findingViewFromNode,
  renderFindingsCsv,
  renderFindingsJson,
  renderFindingsTable,
  renderGoalsText,
  renderPathsCsv,
  renderPathsJson,
  renderPathsMarkdown,
  renderPathsTable,
  renderPlanText,
} from '../../../src/report/paths/index.js';
import { apiToStore } from '../../analysis/paths/tiny-graph.js';

const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData'] }).graph();
const analysis = analyzeAttackPaths(graph);
const records = analysis.paths.map((p) => p.record);

describe('path renderers', () => {
  it('prints { "paths": [...] } with the contract fields, steps from internet to the target', () => {
    const { paths } = JSON.parse(renderPathsJson(records)) as { paths: Record<string, unknown>[] };
    expect(paths).toHaveLength(2);
    for (const p of paths) {
      expect(Object.keys(p)).toEqual(
        expect.arrayContaining([
          'id',
          'rank',
          'name',
          'riskLevel',
          'score',
          'riskFactors',
          'steps',
          'factors',
          'breakingRecommendations',
          'reducingRecommendations',
        ]),
      );
      const steps = p['steps'] as { id: string; kind: string; name: string }[];
      expect(steps[0]).toMatchObject({ id: 'internet', kind: 'Internet', name: 'internet' });
      expect((p['riskFactors'] as string[]).every((f) => typeof f === 'string')).toBe(true);
    }
    expect(paths.map((p) => [p['rank'], p['name']])).toEqual([
      [1, 'Internet-exposed API routes to a backend whose identity can write to a data store'],
      [2, 'Internet exposed APIs that are unauthenticated carry sensitive data'],
    ]);
  });

  it('prints the same JSON from stored AttackPath nodes as from the analysis', () => {
    const stored = toAnalysisResult(records, analysis.findings)
      .nodes.filter((n) => n.kind === 'AttackPath')
      .map(recordFromNode);
    expect(renderPathsJson(stored)).toBe(renderPathsJson(records));
  });

  it('prints a table with each path’s id, rank, risk and factors, and its whole chain beneath', () => {
    const [a, b] = records as [(typeof records)[0], (typeof records)[0]];
    expect(renderPathsTable(records)).toBe(
      [
        'ID                     RANK  RISK           FACTORS',
        '---------------------  ----  -------------  ----------------------------------------------------------------------------------------',
        `${a.id}  1     CRITICAL 9.00  InternetExposure, AllowsAnonymousAccess, SensitiveData, LateralMovement, PermissionLevel`,
        '    internet → gw/a/op [anonymous, sensitive] → fn → system → st',
        `${b.id}  2     HIGH 5.40      InternetExposure, AllowsAnonymousAccess, SensitiveData`,
        '    internet → gw/a/op [anonymous, sensitive]',
        '',
      ].join('\n'),
    );
    expect(renderPathsTable([])).toBe('No attack paths.\n');
  });

  it('fits a narrow terminal: ids whole, factors shortened in the middle, chains wrapped at their arrows, never cut', () => {
    const lines = renderPathsTable(records, { width: 60 }).trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines[2]).toMatch(/^path:[0-9a-f]{16} {2}1 {5}CRITICAL 9\.00 {2}Inter.*…/);
    expect(lines.slice(3, 5)).toEqual(['    internet → gw/a/op [anonymous, sensitive] → fn → system', '      → st']);
  });

  it('prints Markdown with each path’s factors, formula and fixes', () => {
    const md = renderPathsMarkdown(records);
    expect(md).toContain('2 paths: 1 critical, 1 high, 0 medium, 0 low.');
    expect(md).toContain('| AllowsAnonymousAccess | exploitability | 0.4 | op accepts anonymous calls |');
    expect(md).toContain('Score: `10 × min(1, 0.5 + 0.4) × min(1, 0.2 + 0.4 + 0.1 + 0.5) = 10 × 0.9 × 1 = 9`');
    expect(md).toContain(
      'Breaks the path:\n- Identities of internet-reachable API backends should not hold data store roles they do not need — `/fn/identities/system`',
    );
    expect(md).toContain(
      'Reduces its risk:\n- API endpoints in Azure API Management should be authenticated — `/gw/apis/a/operations/op` (−4)',
    );
  });

  it('prints Markdown for an estate with tens of thousands of paths (more lines than one call takes as arguments)', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...records[i % records.length]!, rank: i + 1 }));
    const md = renderPathsMarkdown(many);
    expect(md).toContain('20000 paths: 10000 critical, 10000 high, 0 medium, 0 low.');
    expect(md.split('\n').length).toBeGreaterThan(200_000);
  });

  it('prints CSV with quoting and formula neutralisation', () => {
    const lines = renderPathsCsv(records).split('\r\n');
    expect(lines[0]).toBe(
      'rank,id,riskLevel,score,name,family,entryId,targetId,riskFactors,steps,breakingRecommendations,reducingRecommendations,chain',
    );
    expect(lines[1]).toMatch(
      /^1,path:[0-9a-f]{16},critical,9,Internet-exposed API routes to a backend whose identity can write to a data store,api-identity-write,\/gw,\/st,/,
    );
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-1)).toBe('-1');
  });
});

describe('findings, goals and plan renderers', () => {
  it('prints { "findings": [...] } with the contract fields, from the analysis or from stored nodes', () => {
    const views = analysis.findings.map(findingView);
    const { findings } = JSON.parse(renderFindingsJson(views)) as { findings: Record<string, unknown>[] };
    for (const f of findings)
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['recommendation', 'severity', 'assetId', 'insight', 'evidence']),
      );
    const fromNodes = toAnalysisResult([], analysis.findings).nodes.map(findingViewFromNode);
    expect(
      fromNodes.map((f) => [
        f.id,
        f.recommendation,
        f.severity,
        f.assetId,
        f.assetKind,
        f.insight,
        f.remediation,
        f.covers,
      ]),
    ).toEqual(
      views.map((f) => [
        f.id,
        f.recommendation,
        f.severity,
        f.assetId,
        f.assetKind,
        f.insight,
        f.remediation,
        f.covers,
      ]),
    );
    expect(renderFindingsTable(views).split('\n').slice(2)).toEqual([
      'HIGH      API endpoints in Azure API Management should be authenticated                                    op      AllowsAnonymousAccess',
      'MEDIUM    Identities of internet-reachable API backends should not hold data store roles they do not need  system  (attack paths)',
      '',
    ]);
    expect(renderFindingsCsv(views).split('\r\n')[0]).toBe(
      'id,severity,recommendation,recommendationId,assetId,assetKind,insight,evidence',
    );
  });

  it('prints goals as text with PASS/FAIL/WARN, offenders and the score', () => {
    const policy = parsePolicy(
      'goals:\n  - { id: no-critical, type: max-attack-paths, level: critical, max: 0 }\n  - { id: enc, type: encrypted-only, enforce: false }\n',
      'g.yaml',
    );
    const text = renderGoalsText(evaluateGoals(policy, graphGoalInputs(graph, records)));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'FAIL  no-critical: No critical attack paths',
      '      1 critical attack paths (limit 0)',
      '      - Internet-exposed API routes to a backend whose identity can write to a data store (AttackPath) critical 9: gw → st',
    ]);
    expect(text).toContain(
      'PASS  enc: Only encrypted access to Api, ApiEndpoint, WebApp, FunctionApp, LogicApp, ContainerApp',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('Posture score: 50/100 (1 of 1 enforced goals failed)');
  });

  it('prints the remediation plan with its cumulative figures', () => {
    const text = renderPlanText(planRemediation(analysis.paths, analysis.findings, DEFAULT_RISK_WEIGHTS));
    // Authenticating the endpoint breaks the unauthenticated-sensitive-data path outright, so all risk goes.
    expect(text).toContain('These 2 fixes remove 100 % of critical risk (100 % of all risk).');
  });
});
