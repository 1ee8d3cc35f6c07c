import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateGoals, graphGoalInputs, parsePolicy } from '../../../src/analysis/goals/index.js';
import { analyzeAttackPaths, type AnalysisGraph } from '../../../src/analysis/paths/index.js';
import { InputError } from '../../../src/util/errors.js';
import { apiToStore, TinyGraph } from '../paths/tiny-graph.js';

const SUB_A = '7c1d3e9a-0b5f-4f7e-9d2a-6a8b1c0e4f21';
const SUB_B = '0a9e2c41-55d3-4b8f-8e6f-3d1c9b7a2e10';
const op = (sub: string, name: string) =>
  `/subscriptions/${sub}/resourcegroups/rg/providers/microsoft.apimanagement/service/apim/apis/a/operations/${name}`;

function failure(text: string): InputError {
  try {
    parsePolicy(text, 'goals.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected a failure');
}

function evaluate(policy: string, graph: AnalysisGraph) {
  return evaluateGoals(parsePolicy(policy, 'goals.yaml'), graphGoalInputs(graph, analyzeAttackPaths(graph).paths.map((p) => p.record)));
}

describe('posture goals: the policy file', () => {
  it('parses the shipped example', async () => {
    const file = join(import.meta.dirname, '../../../examples/goals.yaml');
    const policy = parsePolicy(await readFile(file, 'utf8'), file);
    expect(policy.goals.map((g) => [g.id, g.type, g.enforce, g.weight])).toEqual([
      ['no-critical-paths', 'max-attack-paths', true, 3],
      ['few-high-paths', 'max-attack-paths', true, 1],
      ['no-anonymous-confidential-data', 'no-exposed-sensitive-data', true, 2],
      ['dormant-apis', 'max-dormant-endpoints', true, 1],
      ['encrypted-apis', 'encrypted-only', false, 1],
    ]);
    // The shipped policy looks at the whole estate; its encryption goal shows a goal-level scope by tag.
    expect(policy.scope).toBeUndefined();
    expect(policy.goals[4]?.scope).toEqual({ tags: { env: 'prod' } });
  });

  it('names the file, line, column and reason of each mistake', () => {
    expect(failure('goals:\n  - id: x\n    type: max-attack-paths\n    level: severe\n    max: 0\n').message).toBe(
      'goals.yaml:4:12: goals.0.level: must be one of critical, high, medium, low',
    );
    expect(failure('goals:\n  - id: x\n    type: max-attack-paths\n    level: high\n    limit: 3\n')).toMatchObject({
      position: { line: 5, column: 5 },
      reason: expect.stringContaining('goals.0.limit: unknown key'),
    });
    expect(failure('goals:\n  - id: x\n    type: max-attack-paths\n    level: high\n').reason).toBe(
      'goals.0.max: is required',
    );
    expect(failure('goals:\n  - id: x\n    type: nothing\n').reason).toContain(
      'goals.0.type: must be one of max-attack-paths',
    );
    expect(failure('goals:\n  - { id: a, type: encrypted-only }\n  - { id: a, type: encrypted-only }\n')).toMatchObject(
      { position: { line: 3 }, reason: 'goals.1.id: duplicate goal id "a"' },
    );
    expect(failure('goals:\n  - { id: d, type: max-dormant-endpoints, maxShare: 1.5 }\n').reason).toBe(
      'goals.0.maxShare: must be a number from 0 to 1',
    );
    expect(failure('goals:\n  - { id: d, type: max-dormant-endpoints }\n').reason).toContain('give max');
    expect(failure('goals:\n  - { id: e, type: encrypted-only, kinds: [Api, Server] }\n').reason).toBe(
      'goals.0.kinds.1: "Server" is not a node kind',
    );
    expect(failure('version: 2\ngoals: []\n').reason).toBe('version: must be 1');
    expect(failure('goals: []\n').reason).toBe('goals: must be a non-empty list of goals');
    expect(failure('goals:\n  - [1, 2]\n').reason).toBe('goals.0: a goal must be a mapping');
    expect(failure('goals: [\n').reason).toMatch(/^invalid YAML/);
  });
});

describe('posture goals: evaluation', () => {
  it('passes and fails risk thresholds, with the offending paths and the exit semantics as a boolean', () => {
    const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess'] }).graph(); // one critical path (7.2)
    const result = evaluate(
      'goals:\n  - { id: none-critical, type: max-attack-paths, level: critical, max: 0 }\n  - { id: few-high, type: max-attack-paths, level: high, max: 0, orAbove: false }\n',
      graph,
    );
    expect(result.goals.map((g) => [g.id, g.passed, g.compliance])).toEqual([
      ['none-critical', false, 0],
      ['few-high', true, 1],
    ]);
    expect(result.goals[0]?.offenders).toEqual([
      {
        id: expect.stringMatching(/^path:/),
        kind: 'AttackPath',
        name: expect.any(String),
        detail: 'critical 7.2: gw → st',
      },
    ]);
    expect(result.passed).toBe(false);
    expect(result.postureScore).toBe(50);
    const orAbove = evaluate(
      'goals:\n  - { id: h, type: max-attack-paths, level: high, orAbove: true, max: 1 }\n',
      graph,
    );
    expect([orAbove.passed, orAbove.goals[0]?.summary]).toEqual([true, '1 high or worse attack paths (limit 1)']);
  });

  it('does not fail the evaluation on an advisory goal, but lowers the score', () => {
    const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess'] }).graph();
    const result = evaluate(
      'goals:\n  - { id: advisory, type: max-attack-paths, level: critical, max: 0, enforce: false }\n',
      graph,
    );
    expect([result.passed, result.postureScore, result.goals[0]?.passed]).toEqual([true, 0, false]);
  });

  it('applies the data policy by label threshold to internet-exposed anonymous endpoints', () => {
    const g = new TinyGraph()
      .node('label:confidential', 'SensitivityLabel', { name: 'Confidential', priority: 2 })
      .node('label:general', 'SensitivityLabel', { name: 'General', priority: 1 })
      .node(op(SUB_A, 'card'), 'ApiEndpoint', {}, ['InternetExposed', 'AllowsAnonymousAccess', 'SensitiveData'])
      .node(op(SUB_A, 'email'), 'ApiEndpoint', {}, ['InternetExposed', 'AllowsAnonymousAccess', 'SensitiveData'])
      .node(op(SUB_A, 'authed'), 'ApiEndpoint', {}, ['InternetExposed', 'SensitiveData'])
      .node(op(SUB_A, 'internal'), 'ApiEndpoint', {}, ['AllowsAnonymousAccess', 'SensitiveData'])
      .edge('HAS_LABEL', op(SUB_A, 'card'), 'label:confidential')
      .edge('HAS_LABEL', op(SUB_A, 'email'), 'label:general')
      .edge('HAS_LABEL', op(SUB_A, 'authed'), 'label:confidential')
      .edge('HAS_LABEL', op(SUB_A, 'internal'), 'label:confidential');
    const byLabel = evaluate(
      'goals:\n  - { id: d, type: no-exposed-sensitive-data, minLabel: confidential }\n',
      g.graph(),
    );
    expect(byLabel.goals[0]?.offenders.map((o) => [o.name, o.detail])).toEqual([
      ['card', 'label Confidential (priority 2)'],
    ]);
    expect(byLabel.goals[0]?.compliance).toBe(0.75);
    const anySensitive = evaluate('goals:\n  - { id: d, type: no-exposed-sensitive-data }\n', g.graph());
    expect(anySensitive.goals[0]?.offenders.map((o) => o.name)).toEqual(['card', 'email']);
    const evenAuthenticated = evaluate(
      'goals:\n  - { id: d, type: no-exposed-sensitive-data, minLabel: 2, anonymousOnly: false }\n',
      g.graph(),
    );
    expect(evenAuthenticated.goals[0]?.offenders.map((o) => o.name)).toEqual(['authed', 'card']);
    expect(() =>
      evaluate('goals:\n  - { id: d, type: no-exposed-sensitive-data, minLabel: Secret }\n', g.graph()),
    ).toThrow(/goals\.yaml:2:5: goal d: minLabel "Secret"/);
  });

  it('limits dormant endpoints by count and by share of the endpoints with traffic data', () => {
    const g = new TinyGraph()
      .node(op(SUB_A, 'a'), 'ApiEndpoint', {}, ['Inactive'])
      .node(op(SUB_A, 'b'), 'ApiEndpoint', {}, ['Inactive'])
      .node(op(SUB_A, 'c'), 'ApiEndpoint', {}, [])
      .node(op(SUB_A, 'd'), 'ApiEndpoint', {}, ['AwaitingData']);
    const result = evaluate(
      'goals:\n  - { id: n, type: max-dormant-endpoints, max: 1 }\n  - { id: s, type: max-dormant-endpoints, maxShare: 0.5 }\n',
      g.graph(),
    );
    expect(result.goals.map((r) => [r.passed, r.compliance, r.summary])).toEqual([
      [false, 0.5, '2 dormant endpoints, 67 % of the 3 with traffic data'],
      [false, 0.75, '2 dormant endpoints, 67 % of the 3 with traffic data'],
    ]);
    expect(result.postureScore).toBe(63);
  });

  it('scopes goals by subscription and by tags, endpoints taking their gateway’s tags', () => {
    const gateway = (sub: string) =>
      `/subscriptions/${sub}/resourcegroups/rg/providers/microsoft.apimanagement/service/apim`;
    const g = new TinyGraph()
      .node(gateway(SUB_A), 'ApiGateway', { tags: { Environment: 'production' } })
      .node(`${gateway(SUB_A)}/apis/a`, 'Api')
      .node(op(SUB_A, 'plain'), 'ApiEndpoint', {}, ['UnencryptedAccess'])
      .node(op(SUB_B, 'plain'), 'ApiEndpoint', {}, ['UnencryptedAccess'])
      .edge('CONTAINS', gateway(SUB_A), `${gateway(SUB_A)}/apis/a`)
      .edge('CONTAINS', `${gateway(SUB_A)}/apis/a`, op(SUB_A, 'plain'));
    const offenders = (scope: string) =>
      evaluate(
        `${scope}goals:\n  - { id: e, type: encrypted-only, kinds: [ApiEndpoint] }\n`,
        g.graph(),
      ).goals[0]?.offenders.map((o) => o.id);
    expect(offenders('')).toEqual([op(SUB_B, 'plain'), op(SUB_A, 'plain')]);
    expect(offenders(`scope: { subscriptions: [/subscriptions/${SUB_B.toUpperCase()}] }\n`)).toEqual([
      op(SUB_B, 'plain'),
    ]);
    expect(offenders('scope: { tags: { environment: production } }\n')).toEqual([op(SUB_A, 'plain')]);
    expect(offenders('scope: { tags: { environment: staging } }\n')).toEqual([]);
  });

  it('scores 100 with every goal met', () => {
    const result = evaluate(
      'goals:\n  - { id: e, type: encrypted-only }\n  - { id: c, type: max-attack-paths, level: critical, max: 0 }\n',
      { nodes: [], edges: [] },
    );
    expect([result.passed, result.postureScore]).toEqual([true, 100]);
  });
});
