import { ClientError, gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate, listTemplates } from '../../src/explorer/index.js';
import { RISK_LEVELS } from '../../src/model/index.js';
import { listAllNodes, MemoryStore, type GraphStore } from '../../src/store/index.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { loadEstate, unloadEstate, type LoadedEstate, startServer, testConfig, type RunningServer } from './support.js';

/** The stored nodes of a kind, all pages: what the API's answers are checked against. */
const allNodes = listAllNodes;

function codeOf(error: unknown): string | undefined {
  if (!(error instanceof ClientError)) throw error;
  return error.response.errors?.[0]?.extensions?.['code'] as string | undefined;
}

async function failure(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return codeOf(error);
  }
  throw new Error('expected the request to fail');
}

interface Edge<T> {
  node: T;
  cursor: string;
}
interface Conn<T> {
  edges: Edge<T>[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number | null;
}

const ENDPOINTS = gql`
  query ($first: Int, $after: String, $filter: EndpointFilter) {
    apiEndpoints(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          kind
          name
          insights
        }
      }
    }
  }
`;

const PATHS = gql`
  query ($first: Int, $after: String, $orderBy: AttackPathOrder, $minRisk: RiskLevel, $filter: AttackPathFilter) {
    attackPaths(first: $first, after: $after, orderBy: $orderBy, minRisk: $minRisk, filter: $filter) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          rank
          riskLevel
          score
          riskFactors
          steps {
            id
            kind
            name
          }
        }
      }
    }
  }
`;

interface PathRow {
  id: string;
  rank: number;
  riskLevel: string;
  score: number;
  riskFactors: string[];
  steps: { id: string; kind: string; name: string }[];
}

/** Pages through a connection query to the end. */
async function pageAll<T>(fetchPage: (after: string | null) => Promise<Conn<T>>): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await fetchPage(after);
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

function apiSuite(name: string, open: () => Promise<GraphStore>) {
  describe(`GraphQL over the ${name} store (Contoso example estate)`, () => {
    let store: GraphStore;
    let estate: LoadedEstate | undefined;
    let api: RunningServer;

    beforeAll(async () => {
      store = await open();
      estate = await loadEstate(store);
      api = await startServer(store, testConfig({ goalsPolicyFile: 'examples/goals.yaml' }));
    });

    afterAll(async () => {
      await api?.close();
      if (store) await unloadEstate(store, estate);
      await store?.close();
    });

    it('counts what the store holds', async () => {
      const data = await api
        .client()
        .request<{
          inventory: {
            nodesByKind: { kind: string; count: number }[];
            endpoints: number;
            attackPaths: number;
            findings: number;
            endpointsBySource: { source: string; count: number }[];
          };
        }>(gql`
          {
            inventory {
              nodesByKind {
                kind
                count
              }
              endpoints
              attackPaths
              findings
              endpointsBySource {
                source
                count
              }
              endpointsByInsight {
                insight
                count
              }
              edgesByKind {
                kind
                count
              }
            }
          }
        `);
      const counts = await store.countNodesByKind();
      expect(Object.fromEntries(data.inventory.nodesByKind.map((k) => [k.kind, k.count]))).toEqual(counts);
      expect(data.inventory.endpoints).toBe(counts.ApiEndpoint);
      expect(data.inventory.attackPaths).toBe(counts.AttackPath);
      expect(data.inventory.attackPaths).toBeGreaterThan(0);
      expect(data.inventory.findings).toBe(counts.Finding);
      expect(data.inventory.endpointsBySource.reduce((s, x) => s + x.count, 0)).toBe(counts.ApiEndpoint);
    });

    it('pages through every API endpoint in id order, with cursors that resume', async () => {
      const client = api.client();
      const rows = await pageAll((after) =>
        client
          .request<{ apiEndpoints: Conn<{ id: string }> }>(ENDPOINTS, { first: 7, after })
          .then((d) => d.apiEndpoints),
      );
      const stored = (await allNodes(store, 'ApiEndpoint')).map((n) => n.id);
      expect(rows.map((r) => r.id)).toEqual(stored);
      const first = await client.request<{ apiEndpoints: Conn<{ id: string }> }>(ENDPOINTS, { first: 3 });
      expect(first.apiEndpoints.totalCount).toBe(stored.length);
      const resumed = await client.request<{ apiEndpoints: Conn<{ id: string }> }>(ENDPOINTS, {
        first: 2,
        after: first.apiEndpoints.edges[1]?.cursor,
      });
      expect(resumed.apiEndpoints.edges[0]?.node.id).toBe(stored[2]);
    });

    it('filters endpoints by insight and source like the store does', async () => {
      const data = await api.client().request<{ apiEndpoints: Conn<{ id: string; insights: string[] }> }>(ENDPOINTS, {
        first: 100,
        filter: { insights: ['AllowsAnonymousAccess'], source: 'apim' },
      });
      const expected = (
        await store.listNodes({
          kind: 'ApiEndpoint',
          insights: ['AllowsAnonymousAccess'],
          where: [{ property: 'endpointSource', op: 'eq', value: 'apim' }],
          first: 100,
        })
      ).items;
      expect(data.apiEndpoints.edges.map((e) => e.node.id)).toEqual(expected.map((n) => n.id));
      expect(expected.length).toBeGreaterThan(0);
      expect(data.apiEndpoints.totalCount).toBeNull();
      for (const edge of data.apiEndpoints.edges) expect(edge.node.insights).toContain('AllowsAnonymousAccess');
    });

    it('reads one asset with its neighbours by edge kind and direction', async () => {
      const endpoint = (await allNodes(store, 'ApiEndpoint'))[0]!;
      const data = await api
        .client()
        .request<{
          asset: {
            id: string;
            kind: string;
            properties: Record<string, unknown>;
            up: { edge: { kind: string; to: string }; node: { id: string; kind: string } }[];
            all: unknown[];
          };
        }>(
          gql`
            query ($id: ID!) {
              asset(id: $id) {
                id
                kind
                properties
                up: neighbours(edge: CONTAINS, direction: IN) {
                  edge {
                    kind
                    to
                  }
                  node {
                    id
                    kind
                  }
                }
                all: neighbours(direction: BOTH) {
                  node {
                    id
                  }
                }
              }
            }
          `,
          { id: endpoint.id },
        );
      expect(data.asset.kind).toBe('ApiEndpoint');
      expect(data.asset.properties).toMatchObject({ name: endpoint.properties['name'] });
      const parents = await store.neighbours(endpoint.id, { direction: 'in', edgeKinds: ['CONTAINS'] });
      expect(data.asset.up.map((n) => n.node.id)).toEqual(parents.map((n) => n.node.id));
      expect(data.asset.up[0]?.node.kind).toBe('Api');
      expect(data.asset.all).toHaveLength((await store.neighbours(endpoint.id, { direction: 'both' })).length);
      const missing = await api.client().request<{ asset: null }>(gql`
        {
          asset(id: "/subscriptions/none") {
            id
          }
        }
      `);
      expect(missing.asset).toBeNull();
      // An ARM id as the portal shows it (Azure's casing) finds the same asset.
      const portalId = endpoint.id.replace('/resourcegroups/', '/resourceGroups/').replace('/providers/microsoft.apimanagement/', '/providers/Microsoft.ApiManagement/');
      expect(portalId).not.toBe(endpoint.id);
      const mixed = await api.client().request<{ asset: { id: string } | null }>(
        gql`
          query ($id: ID!) {
            asset(id: $id) {
              id
            }
          }
        `,
        { id: portalId },
      );
      expect(mixed.asset?.id).toBe(endpoint.id);
    });

    it('groups attack paths as `paths --group-by` does: every path in one group, the riskiest group first', async () => {
      const total = (await allNodes(store, 'AttackPath')).length;
      for (const by of ['ENDPOINT', 'TARGET', 'FIX']) {
        const { attackPathGroups: groups } = await api.client().request<{
          attackPathGroups: { key: string; label: string; count: number; topScore: number; assetId: string | null; pathIds: string[] }[];
        }>(gql`query ($by: PathGroupBy!) { attackPathGroups(by: $by) { key label count topScore assetId pathIds } }`, { by });
        expect(groups.reduce((n, g) => n + g.count, 0), by).toBe(total);
        expect(new Set(groups.flatMap((g) => g.pathIds)).size, by).toBe(total);
        for (const g of groups) expect(g.pathIds).toHaveLength(g.count);
        if (by !== 'FIX') expect(groups.every((g) => g.assetId === g.key), by).toBe(true);
      }
    });

    it('names assets as every surface does: an identity after its owner, a trigger <workflow>/<trigger>', async () => {
      const rg = '/subscriptions/5e7a1c3d-2b4f-4d6e-8a9c-0b1d2e3f4a5b/resourcegroups/rg-app-prod/providers';
      const identity = `${rg}/microsoft.web/sites/fn-orders-prod/identities/system`;
      const trigger = `${rg}/microsoft.logic/workflows/la-refund-approvals/triggers/when_a_refund_is_requested`;
      const client = api.client();
      const ASSET_NAME = gql`
        query ($id: ID!) {
          asset(id: $id) {
            id
            name
          }
        }
      `;
      const named = async (id: string) => (await client.request<{ asset: { id: string; name: string } | null }>(ASSET_NAME, { id })).asset;
      expect(await named(identity)).toEqual({ id: identity, name: 'fn-orders-prod (system-assigned)' });
      expect(await named(trigger.replace('/microsoft.logic/', '/Microsoft.Logic/'))).toEqual({ id: trigger, name: 'la-refund-approvals/When_a_refund_is_requested' });
      const paths = await pageAll((after) => client.request<{ attackPaths: Conn<PathRow> }>(PATHS, { first: 50, after }).then((d) => d.attackPaths));
      const steps = paths.flatMap((p) => p.steps).filter((s) => s.id === identity);
      expect(steps.length).toBeGreaterThan(0);
      expect(new Set(steps.map((s) => s.name))).toEqual(new Set(['fn-orders-prod (system-assigned)']));
    });

    it('ranks attack paths, filters by minimum risk and pages by rank or by id', async () => {
      const client = api.client();
      const stored = await allNodes(store, 'AttackPath');
      const byRank = await pageAll((after) =>
        client.request<{ attackPaths: Conn<PathRow> }>(PATHS, { first: 4, after }).then((d) => d.attackPaths),
      );
      expect(byRank.map((p) => p.rank)).toEqual(stored.map((_, i) => i + 1));
      for (const path of byRank) {
        expect(path.steps[0]?.id).toBe('internet');
        expect(path.riskFactors.length).toBeGreaterThan(0);
      }
      const byId = await pageAll((after) =>
        client
          .request<{ attackPaths: Conn<PathRow> }>(PATHS, { first: 5, after, orderBy: 'ID' })
          .then((d) => d.attackPaths),
      );
      expect(byId.map((p) => p.id)).toEqual(stored.map((n) => n.id));
      const high = await client.request<{ attackPaths: Conn<PathRow> }>(PATHS, { first: 500, minRisk: 'high' });
      const wanted = byRank.filter((p) => RISK_LEVELS.indexOf(p.riskLevel as never) <= RISK_LEVELS.indexOf('high'));
      expect(high.attackPaths.edges.map((e) => e.node.id)).toEqual(wanted.map((p) => p.id));
      const target = byRank[0]!.steps.at(-1)!.id;
      const toTarget = await client.request<{ attackPaths: Conn<PathRow> }>(PATHS, {
        first: 2,
        filter: { targetId: target },
      });
      expect(toTarget.attackPaths.edges.every((e) => e.node.steps.at(-1)?.id === target)).toBe(true);
      expect(await failure(() => client.request(PATHS, { first: 2, after: byId[0]!.id }))).toBe('BAD_USER_INPUT');
    });

    it('reads one attack path with its steps, factors and assets', async () => {
      const [first] = await allNodes(store, 'AttackPath');
      const data = await api
        .client()
        .request<{
          attackPath: {
            id: string;
            steps: { id: string; asset: { id: string } | null }[];
            factors: { factor: string; contribution: number }[];
            target: { id: string };
            details: { steps: unknown[] };
          };
        }>(
          gql`
            query ($id: ID!) {
              attackPath(id: $id) {
                id
                name
                family
                riskLevel
                score
                formula
                anchor
                steps {
                  id
                  kind
                  name
                  insights
                  labels
                  asset {
                    id
                  }
                }
                factors {
                  factor
                  axis
                  contribution
                  stepIds
                  detail
                }
                entry {
                  id
                }
                target {
                  id
                }
                breakingRecommendations
                reducingRecommendations
                details
              }
            }
          `,
          { id: first!.id },
        );
      expect(data.attackPath.id).toBe(first!.id);
      expect(data.attackPath.steps.map((s) => s.id)).toEqual(first!.properties['stepIds']);
      expect(data.attackPath.steps.every((s) => s.asset?.id === s.id)).toBe(true);
      expect(data.attackPath.factors.length).toBeGreaterThan(0);
      expect(data.attackPath.details.steps).toHaveLength(data.attackPath.steps.length);
    });

    it('lists findings by severity, each with its asset', async () => {
      const data = await api
        .client()
        .request<{
          all: Conn<{ id: string }>;
          high: Conn<{ severity: string; assetId: string; asset: { id: string } | null; recommendation: string; remediation: { text: string; steps: string[] } | null }>;
        }>(gql`
          {
            all: findings(first: 500) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
            high: findings(first: 500, severity: High) {
              totalCount
              edges {
                node {
                  severity
                  assetId
                  asset {
                    id
                  }
                  recommendation
                  insight
                  evidence
                  remediation {
                    text
                    steps
                  }
                }
              }
            }
          }
        `);
      const stored = await allNodes(store, 'Finding');
      expect(data.all.edges.map((e) => e.node.id)).toEqual(stored.map((n) => n.id));
      expect(data.all.totalCount).toBe(stored.length);
      expect(data.high.edges.length).toBe(stored.filter((n) => n.properties['severity'] === 'High').length);
      for (const { node } of data.high.edges) {
        expect(node.severity).toBe('High');
        expect(node.asset?.id).toBe(node.assetId);
        // Every finding says what to do: the catalogue's text and at least one step.
        expect(node.remediation?.text.length).toBeGreaterThan(10);
        expect(node.remediation?.steps.length).toBeGreaterThan(0);
      }
      const authentication = data.high.edges.find((e) => e.node.recommendation === 'API endpoints in Azure API Management should be authenticated');
      expect(authentication?.node.remediation?.steps[0]).toMatch(/subscription key/);
    });

    it('ranks choke points and plans remediation over the stored paths', async () => {
      const data = await api
        .client()
        .request<{
          chokePoints: {
            id: string;
            riskRemoved: number;
            pathsBroken: string[];
            asset: { id: string } | null;
            assetId: string;
          }[];
          remediationPlan: { summary: string; steps: { order: number }[] };
        }>(gql`
          {
            chokePoints(first: 5) {
              id
              fixKind
              assetId
              assetKind
              assetName
              effect
              recommendation
              severity
              riskRemoved
              criticalRiskRemoved
              pathsBroken
              pathsReduced {
                pathId
                scoreReduction
              }
              asset {
                id
              }
            }
            remediationPlan(maxFixes: 3) {
              totalRisk
              summary
              steps {
                order
                riskRemoved
                cumulativeRiskPercent
                fix {
                  id
                  fixKind
                  assetId
                }
              }
            }
          }
        `);
      expect(data.chokePoints.length).toBeGreaterThan(0);
      const removed = data.chokePoints.map((c) => c.riskRemoved);
      expect(removed).toEqual([...removed].sort((a, b) => b - a));
      const stored = new Set((await allNodes(store, 'AttackPath')).map((n) => n.id));
      for (const point of data.chokePoints) {
        expect(point.asset?.id).toBe(point.assetId);
        for (const id of point.pathsBroken) expect(stored.has(id)).toBe(true);
      }
      expect(data.remediationPlan.steps.map((s) => s.order)).toEqual(data.remediationPlan.steps.map((_, i) => i + 1));
      expect(data.remediationPlan.summary).toMatch(/remove/);
    });

    it('evaluates the posture goals policy it was started with', async () => {
      const data = await api
        .client()
        .request<{
          postureGoals: {
            policy: string;
            passed: boolean;
            postureScore: number;
            goals: { id: string; passed: boolean }[];
          };
        }>(gql`
          {
            postureGoals {
              policy
              passed
              postureScore
              goals {
                id
                type
                passed
                enforce
                weight
                compliance
                summary
                offenders {
                  id
                  kind
                  name
                  detail
                }
              }
            }
          }
        `);
      expect(data.postureGoals.policy).toContain('goals.yaml');
      expect(data.postureGoals.goals.map((g) => g.id)).toContain('no-critical-paths');
      expect(data.postureGoals.postureScore).toBeGreaterThanOrEqual(0);
      expect(data.postureGoals.passed).toBe(
        data.postureGoals.goals.every((g) => g.passed || !(g as { enforce?: boolean }).enforce),
      );
    });

    it('runs explorer templates and queries with the same rows as the store', async () => {
      const client = api.client();
      const { explorerTemplates } = await client.request<{ explorerTemplates: { name: string; title: string }[] }>(gql`
        {
          explorerTemplates {
            name
            title
            description
            query
          }
        }
      `);
      expect(explorerTemplates.map((t) => t.name)).toEqual(listTemplates().map((t) => t.name));
      for (const { name } of explorerTemplates) {
        const data = await client.request<{ runTemplate: Conn<{ id: string }> }>(
          gql`
            query ($name: String!) {
              runTemplate(name: $name, first: 50) {
                edges {
                  node {
                    id
                  }
                }
                pageInfo {
                  hasNextPage
                }
              }
            }
          `,
          { name },
        );
        const page = await store.explore(getTemplate(name).query, { first: 50 });
        expect(
          data.runTemplate.edges.map((e) => e.node.id),
          name,
        ).toEqual(page.items.map((n) => n.id));
      }
      const query = {
        kind: 'ApiEndpoint',
        where: { insight: 'InternetExposed' },
        connections: [{ edge: 'CONTAINS', direction: 'in', to: { kind: 'Api' } }],
      };
      const data = await client.request<{ explore: Conn<{ id: string }> }>(
        gql`
          query ($q: JSON!) {
            explore(query: $q, first: 5) {
              edges {
                node {
                  id
                }
              }
            }
          }
        `,
        { q: query },
      );
      expect(data.explore.edges.map((e) => e.node.id)).toEqual(
        (await store.explore(query as never, { first: 5 })).items.map((n) => n.id),
      );
      expect(
        await failure(() =>
          client.request(gql`
            {
              explore(query: { kind: "NotAKind" }) {
                edges {
                  node {
                    id
                  }
                }
              }
            }
          `),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        await failure(() =>
          client.request(gql`
            {
              runTemplate(name: "no-such-template") {
                edges {
                  node {
                    id
                  }
                }
              }
            }
          `),
        ),
      ).toBe('NOT_FOUND');
    });

    it('refuses pages above the maximum and malformed cursors', async () => {
      const client = api.client();
      expect(await failure(() => client.request(ENDPOINTS, { first: 10_000 }))).toBe('BAD_USER_INPUT');
      expect(await failure(() => client.request(ENDPOINTS, { first: 0 }))).toBe('BAD_USER_INPUT');
      expect(await failure(() => client.request(ENDPOINTS, { first: 5, after: 'not a cursor!' }))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });
}

apiSuite('memory', () => MemoryStore.open());

describe.skipIf(!neo4jSettings())('on Neo4j', () => {
  apiSuite('Neo4j', () => openNeo4jStore());
});
