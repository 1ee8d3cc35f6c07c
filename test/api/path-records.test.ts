import { ClientError, gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeAttackPaths, toAnalysisResult } from '../../src/analysis/paths/index.js';
import type { GraphNode, JsonValue } from '../../src/model/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { apiToStore } from '../analysis/paths/tiny-graph.js';
import { startServer, type RunningServer } from './support.js';

const PATH = gql`
  query ($id: ID!) {
    attackPath(id: $id) {
      id
      family
      anchor
      formula
      exploitability
      steps {
        id
        kind
        insights
        labels
      }
      breakingRecommendations
    }
  }
`;

interface PathData {
  attackPath: { id: string; family: string; anchor: string; formula: string; exploitability: number; steps: { id: string; kind: string }[] };
}

/**
 * Two stored paths, the second with its record damaged (no `formula`): the API answers the first from its decoded
 * record and refuses the second with an error naming the path and the field, instead of a half-empty path.
 */
describe('GraphQL attack paths read from decoded records', () => {
  let api: RunningServer;
  let intact: GraphNode;
  let damaged: GraphNode;

  beforeAll(async () => {
    const graph = apiToStore({ epInsights: ['AllowsAnonymousAccess', 'InternetExposed', 'SensitiveData'] })
      .edge('CAN_REACH', 'internet', '/fn', { ports: ['443'], scope: 'any' })
      .insights('/fn', ['GatewayBypass', 'InternetExposed'])
      .graph();
    const analysis = analyzeAttackPaths(graph);
    const result = toAnalysisResult(
      analysis.paths.map((p) => p.record),
      analysis.findings,
    );
    const paths = result.nodes.filter((n) => n.kind === 'AttackPath');
    intact = paths[0]!;
    const details = structuredClone(paths[1]!.properties['details']) as Record<string, JsonValue>;
    delete details['formula'];
    damaged = { ...paths[1]!, properties: { ...paths[1]!.properties, details } };
    const store = await MemoryStore.open();
    const run = newRun();
    await store.upsertNodes(
      graph.nodes.filter((n) => n.kind !== 'Internet'),
      run,
    );
    await store.replaceAnalysis(
      {
        nodes: [graph.nodes.find((n) => n.kind === 'Internet')!, ...result.nodes.map((n) => (n.id === damaged.id ? damaged : n))],
        edges: [...graph.edges, ...result.edges],
        insights: [],
      },
      run,
    );
    api = await startServer(store);
  });
  afterAll(() => api?.close());

  it('answers every field of an intact record', async () => {
    const { attackPath } = await api.client().request<PathData>(PATH, { id: intact.id });
    const details = intact.properties['details'] as Record<string, JsonValue>;
    expect(attackPath).toMatchObject({ id: intact.id, family: details['family'], anchor: details['anchor'], formula: details['formula'] });
    expect(attackPath.steps.map((s) => s.id)).toEqual(intact.properties['stepIds']);
  });

  it('refuses a damaged record with the path id and the field', async () => {
    const error = await api
      .client()
      .request(PATH, { id: damaged.id })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ClientError);
    const first = (error as ClientError).response.errors?.[0];
    expect(first?.message).toBe(`AttackPath ${damaged.id}: details.formula: missing`);
    expect(first?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
