import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gql } from 'graphql-request';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeEstate } from '../../tools/estate/index.js';
import { validateNode } from '../../src/model/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { countingStore, loadEstate, startServer, type RunningServer, type StoreCalls } from './support.js';

/**
 * Store round trips per query, counted through a wrapper around the store: a list field must not cost one call
 * per item for what the loaders can batch, nor one call per mention of the same neighbours.
 */
describe('batched loading over a generated estate', () => {
  let dir: string;
  let api: RunningServer;
  let calls: StoreCalls;
  let reset: () => void;
  let memory: MemoryStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apiposture-graphql-batching-'));
    await writeEstate(dir, { size: 1000, seed: 7 });
    memory = await MemoryStore.open();
    await loadEstate(memory, dir);
    const counting = countingStore(memory);
    calls = counting.calls;
    reset = counting.reset;
    api = await startServer(counting.store);
  });

  afterAll(async () => {
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => reset());

  it('answers 50 endpoints with their neighbours in one listing and one neighbour call per level and edge, no node lookups', async () => {
    const data = await api
      .client()
      .request<{
        apiEndpoints: {
          edges: {
            node: {
              id: string;
              api: { node: { id: string; parent: unknown[] } }[];
              again: unknown[];
              routes: unknown[];
            };
          }[];
        };
      }>(gql`
        {
          apiEndpoints(first: 50) {
            edges {
              node {
                id
                insights
                api: neighbours(edge: CONTAINS, direction: IN, first: 5) {
                  edge {
                    kind
                  }
                  node {
                    id
                    kind
                    name
                    insights
                    parent: neighbours(edge: CONTAINS, direction: IN, first: 5) {
                      node {
                        id
                        kind
                      }
                    }
                  }
                }
                again: neighbours(edge: CONTAINS, direction: IN, first: 5) {
                  node {
                    id
                  }
                }
                routes: neighbours(edge: ROUTES_TO, first: 10) {
                  edge {
                    kind
                    derived
                    properties
                  }
                  node {
                    id
                    kind
                    insights
                  }
                }
              }
            }
          }
        }
      `);
    const endpoints = data.apiEndpoints.edges.map((e) => e.node);
    expect(endpoints).toHaveLength(50);
    expect(endpoints.every((e) => e.api.length === 1)).toBe(true);
    const apis = new Set(endpoints.flatMap((e) => e.api.map((a) => a.node.id)));
    expect(calls['listNodes']).toBe(1);
    // Neighbour nodes come with their properties: nothing is looked up again.
    expect(calls['getNodes'] ?? 0).toBe(0);
    // CONTAINS-in and ROUTES_TO-out for the whole page (the aliased repeat costs nothing), then CONTAINS-in for
    // every distinct API at once: three calls, however many endpoints and APIs the page holds.
    expect(calls['neighboursOfMany']).toBe(3);
    expect(calls['neighbours'] ?? 0).toBe(0);
    expect(apis.size).toBeGreaterThan(1);
  });

  it('looks up the assets of 50 findings in one store call', async () => {
    const data = await api
      .client()
      .request<{ findings: { edges: { node: { assetId: string; asset: { id: string } } }[] } }>(gql`
        {
          findings(first: 50) {
            edges {
              node {
                id
                assetId
                asset {
                  id
                  kind
                  name
                }
              }
            }
          }
        }
      `);
    expect(data.findings.edges).toHaveLength(50);
    expect(data.findings.edges.every((e) => e.node.asset.id === e.node.assetId)).toBe(true);
    expect(calls['listNodes']).toBe(1);
    expect(calls['getNodes']).toBe(1);
    expect(calls['neighbours'] ?? 0).toBe(0);
    expect(calls['neighboursOfMany'] ?? 0).toBe(0);
  });

  it('resolves every step asset of a page of attack paths in one store call', async () => {
    const data = await api
      .client()
      .request<{ attackPaths: { edges: { node: { steps: { id: string; asset: { id: string } }[] } }[] } }>(gql`
        {
          attackPaths(first: 20) {
            edges {
              node {
                id
                steps {
                  id
                  asset {
                    id
                    kind
                  }
                }
              }
            }
          }
        }
      `);
    const steps = data.attackPaths.edges.flatMap((e) => e.node.steps);
    expect(steps.length).toBeGreaterThan(20);
    expect(steps.every((s) => s.asset.id === s.id)).toBe(true);
    expect(calls['getNodes']).toBe(1);
    // One rank window, one count.
    expect(calls['listNodes']).toBe(1);
    expect(calls['countNodesByKind']).toBe(1);
  });

  it('looks up the assets of every choke point and plan step in one store call', async () => {
    // The analysis snapshot is built once (whole-graph stream) before what is counted here.
    await api.client().request(gql`
      {
        chokePoints(first: 1) {
          id
        }
      }
    `);
    reset();
    const data = await api.client().request<{
      chokePoints: { assetId: string; asset: { id: string } | null }[];
      remediationPlan: { steps: { fix: { assetId: string; asset: { id: string } | null } }[] };
    }>(gql`
      {
        chokePoints(first: 25) {
          assetId
          asset {
            id
            kind
          }
        }
        remediationPlan(maxFixes: 25) {
          steps {
            fix {
              assetId
              asset {
                id
              }
            }
          }
        }
      }
    `);
    const fixes = [...data.chokePoints, ...data.remediationPlan.steps.map((s) => s.fix)];
    expect(new Set(fixes.map((f) => f.assetId)).size).toBeGreaterThan(5);
    expect(fixes.every((f) => f.asset?.id === f.assetId)).toBe(true);
    expect(calls['getNodes']).toBe(1);
    expect(calls['neighbours'] ?? 0).toBe(0);
  });
  it('tallies the inventory once per analysis, and again when the stored graph changes', async () => {
    const query = gql`
      {
        inventory {
          endpoints
          endpointsBySource {
            source
            count
          }
          endpointsByInsight {
            insight
            count
          }
          attackPathsByRiskLevel {
            riskLevel
            count
          }
        }
      }
    `;
    type Answer = { inventory: { endpoints: number; endpointsBySource: { source: string; count: number }[] } };
    const sum = (a: Answer) => a.inventory.endpointsBySource.reduce((n, s) => n + s.count, 0);

    const first = await api.client().request<Answer>(query);
    expect(calls['listNodes'] ?? 0).toBeGreaterThan(0);
    expect(sum(first)).toBe(first.inventory.endpoints);

    reset();
    const again = await api.client().request<Answer>(query);
    expect(again).toEqual(first);
    expect(calls['listNodes'] ?? 0).toBe(0); // served from the tally of this analysis

    const extra = validateNode({
      id: '/subscriptions/tally/resourcegroups/rg/providers/microsoft.apimanagement/service/g/apis/a/operations/o',
      kind: 'ApiEndpoint',
      properties: { name: 'o', endpointSource: 'apim', method: 'GET', urlTemplate: '/o' },
    });
    await memory.upsertNodes([extra], { runId: 'tally-test', startedAt: new Date().toISOString() });
    reset();
    const changed = await api.client().request<Answer>(query);
    expect(calls['listNodes'] ?? 0).toBeGreaterThan(0);
    expect(changed.inventory.endpoints).toBe(first.inventory.endpoints + 1);
    expect(sum(changed)).toBe(sum(first) + 1);
  });

  it('tallies endpoints by source and insight from the counts the memory store keeps, as one pass over them would', async () => {
    // Endpoints without a source (missing, empty) count as `unknown` in both answers.
    const run = { runId: 'tally-sources', startedAt: new Date().toISOString() };
    const service = '/subscriptions/tally/resourcegroups/rg/providers/microsoft.apimanagement/service/g/apis/a/operations';
    await memory.upsertNodes(
      [
        validateNode({ id: `${service}/nosource`, kind: 'ApiEndpoint', properties: { name: 'n', method: 'GET', urlTemplate: '/n' } }),
        validateNode({ id: `${service}/blank`, kind: 'ApiEndpoint', properties: { name: 'b', endpointSource: '', method: 'GET', urlTemplate: '/b' } }),
      ],
      run,
    );
    const query = gql`
      {
        inventory {
          endpoints
          endpointsBySource {
            source
            count
          }
          endpointsByInsight {
            insight
            count
          }
        }
      }
    `;
    type Answer = {
      inventory: { endpoints: number; endpointsBySource: { source: string; count: number }[]; endpointsByInsight: { insight: string; count: number }[] };
    };
    reset();
    const kept = await api.client().request<Answer>(query);
    expect(calls['listNodes'] ?? 0).toBe(0);
    expect(calls['countNodesByValue']).toBe(2);

    // The same store without kept counts (as Neo4j): the resolver pages through every endpoint instead.
    const withoutCounts = new Proxy(memory, {
      get: (target, property) => {
        if (property === 'countNodesByValue') return undefined;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const paging = await startServer(withoutCounts);
    try {
      const scanned = await paging.client().request<Answer>(query);
      expect(kept).toEqual(scanned);
    } finally {
      await paging.close();
    }
    expect(kept.inventory.endpointsBySource.find((s) => s.source === 'unknown')?.count).toBeGreaterThanOrEqual(2);
    expect(kept.inventory.endpointsBySource.reduce((n, s) => n + s.count, 0)).toBe(kept.inventory.endpoints);
    expect(kept.inventory.endpointsByInsight.length).toBeGreaterThan(1);
  });
});
