import { randomUUID } from 'node:crypto';
import { gql } from 'graphql-request';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../src/model/index.js';
import { MemoryStore, Neo4jStore, type GraphStore, type Neighbour } from '../../src/store/index.js';
import { edge, newRun, node } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { countingStore, startServer, testConfig, type RunningServer, type StoreCalls } from './support.js';

/**
 * A gateway with 3 APIs and 60 endpoints (round-robin), each endpoint routing to one or two of 5 web apps, each
 * app running as its own identity; isolated by a fresh subscription id so pages can be filtered to it.
 *
 *   gateway ─CONTAINS→ api-0..2 ─CONTAINS→ ep-00..59 ─ROUTES_TO→ app-0..4 ─CAN_AUTHENTICATE_AS→ id-0..4
 */
function pageEstate(subscriptionId: string) {
  const base = `/subscriptions/${subscriptionId}/resourcegroups/rg-page/providers`;
  const az = { subscriptionId, resourceGroup: 'rg-page', location: 'westeurope' };
  const gatewayId = `${base}/microsoft.apimanagement/service/apim-page`;
  const gateway = node({ id: gatewayId, kind: 'ApiGateway', properties: { ...az, name: 'apim-page' } });
  const apis = [0, 1, 2].map((i) =>
    node({ id: `${gatewayId}/apis/api-${i}`, kind: 'Api', properties: { ...az, name: `api-${i}` } }),
  );
  const endpoints = Array.from({ length: 60 }, (_, i) => {
    const name = `ep-${String(i).padStart(2, '0')}`;
    return node({
      id: `${apis[i % 3]!.id}/operations/${name}`,
      kind: 'ApiEndpoint',
      properties: { ...az, name, method: 'GET' },
    });
  });
  const apps = [0, 1, 2, 3, 4].map((i) =>
    node({ id: `${base}/microsoft.web/sites/app-${i}`, kind: 'WebApp', properties: { ...az, name: `app-${i}` } }),
  );
  const identities = apps.map((app) =>
    node({ id: `${app.id}/identities/system`, kind: 'ManagedIdentity', properties: { ...az, name: 'system' } }),
  );
  const e = (kind: string, from: GraphNode, to: GraphNode): GraphEdge =>
    edge({ kind, from: from.id, fromKind: from.kind, to: to.id, toKind: to.kind, properties: { subscriptionId } });
  const edges = [
    ...apis.map((api) => e('CONTAINS', gateway, api)),
    ...endpoints.map((ep, i) => e('CONTAINS', apis[i % 3]!, ep)),
    ...endpoints.map((ep, i) => e('ROUTES_TO', ep, apps[i % 5]!)),
    ...endpoints.filter((_, i) => i % 4 === 0).map((ep, i) => e('ROUTES_TO', ep, apps[(i + 2) % 5]!)),
    ...apps.map((app, i) => e('CAN_AUTHENTICATE_AS', app, identities[i]!)),
  ];
  return { nodes: [gateway, ...apis, ...endpoints, ...apps, ...identities], edges };
}

const PAGE_QUERY = gql`
  query ($sub: String!, $n: Int!) {
    apiEndpoints(first: $n, filter: { subscriptionId: $sub }) {
      edges {
        node {
          id
          api: neighbours(edge: CONTAINS, direction: IN, first: 2) {
            node {
              id
              parent: neighbours(edge: CONTAINS, direction: IN, first: 2) {
                node {
                  id
                  kind
                }
              }
            }
          }
          routes: neighbours(edge: ROUTES_TO, first: 5) {
            edge {
              kind
              from
              to
            }
            node {
              id
              kind
              name
              identity: neighbours(edge: CAN_AUTHENTICATE_AS, first: 2) {
                node {
                  id
                }
              }
            }
          }
          all: neighbours(direction: BOTH, first: 50) {
            edge {
              kind
              from
              to
            }
            node {
              id
            }
          }
        }
      }
    }
  }
`;

interface Linked {
  readonly edge?: { readonly kind: string; readonly from: string; readonly to: string };
  readonly node: { readonly id: string };
}
interface PageAnswer {
  apiEndpoints: {
    edges: {
      node: {
        id: string;
        api: (Linked & { node: { parent: Linked[] } })[];
        routes: (Linked & { node: { identity: Linked[] } })[];
        all: Linked[];
      };
    }[];
  };
}

const ids = (list: readonly Neighbour[]) => list.map((n) => n.node.id);
const edgesOf = (list: readonly Neighbour[]) => list.map(({ edge: e }) => ({ kind: e.kind, from: e.from, to: e.to }));

/** Neo4j sessions the store opens: every read of the Neo4j adapter is one session running one transaction. */
function countSessions(store: Neo4jStore): { count(): number } {
  // The driver is the adapter's own; the count is taken where the round trips start, not inferred from port calls.
  const driver = (store as unknown as { readonly connection: { readonly driver: Driver } }).connection.driver;
  let sessions = 0;
  const open = driver.session.bind(driver);
  driver.session = (...args: Parameters<Driver['session']>) => {
    sessions += 1;
    return open(...args);
  };
  return { count: () => sessions };
}

const STORES = [
  { name: 'memory', skip: false, open: (): Promise<GraphStore> => MemoryStore.open() },
  { name: 'neo4j', skip: !neo4jSettings(), open: (): Promise<GraphStore> => openNeo4jStore() },
] as const;

for (const { name, skip, open } of STORES) {
  describe.skipIf(skip)(`store round trips per GraphQL page: ${name}`, () => {
    const sub = randomUUID();
    let store: GraphStore;
    let api: RunningServer;
    let calls: StoreCalls;
    let reset: () => void;
    let sessions: { count(): number } | null = null;

    beforeAll(async () => {
      store = await open();
      const estate = pageEstate(sub);
      const run = newRun();
      await store.upsertNodes(estate.nodes, run);
      expect(await store.upsertEdges(estate.edges, run)).toMatchObject({ skipped: 0 });
      if (store instanceof Neo4jStore) sessions = countSessions(store);
      const counting = countingStore(store);
      calls = counting.calls;
      reset = counting.reset;
      // The page size is a variable, so the cost check prices it at the maximum page: raised, it is not what is tested.
      api = await startServer(counting.store, testConfig({ limits: { maxCost: 10_000_000 } }));
    });

    afterAll(async () => {
      await api?.close();
      await store?.completeRun(newRun(), [sub]);
      await store?.close();
    });

    beforeEach(() => reset());

    it('costs the same store calls for a page of 5, 20 or 60 endpoints with two levels of neighbours', async () => {
      const perPage: { calls: StoreCalls; sessions: number | null }[] = [];
      // What the store answers for each endpoint alone, asked once (the pages are prefixes of one id order).
      const expected = new Map<string, { parents: string[]; routes: object[]; all: object[] }>();
      const estateEndpoints = (
        await store.listNodes({
          kind: 'ApiEndpoint',
          where: [{ property: 'subscriptionId', op: 'eq', value: sub }],
          first: 100,
        })
      ).items;
      await Promise.all(
        estateEndpoints.map(async ({ id }) => {
          const [parents, routes, all] = await Promise.all([
            store.neighbours(id, { direction: 'in', edgeKinds: ['CONTAINS'] }),
            store.neighbours(id, { direction: 'out', edgeKinds: ['ROUTES_TO'] }),
            store.neighbours(id, { direction: 'both' }),
          ]);
          expected.set(id, { parents: ids(parents), routes: edgesOf(routes), all: edgesOf(all) });
        }),
      );
      expect(expected.size).toBe(60);
      const gatewayId = `/subscriptions/${sub}/resourcegroups/rg-page/providers/microsoft.apimanagement/service/apim-page`;

      for (const n of [5, 20, 60]) {
        reset();
        const before = sessions?.count() ?? 0;
        const data = await api.client().request<PageAnswer>(PAGE_QUERY, { sub, n });
        perPage.push({ calls: { ...calls }, sessions: sessions ? sessions.count() - before : null });

        const endpoints = data.apiEndpoints.edges.map((e) => e.node);
        expect(endpoints).toHaveLength(n);
        // Every list is what the store answers for that node alone.
        for (const endpoint of endpoints) {
          const alone = expected.get(endpoint.id)!;
          expect(endpoint.api.map((a) => a.node.id)).toEqual(alone.parents);
          expect(endpoint.api[0]!.node.parent.map((p) => p.node.id)).toEqual([gatewayId]);
          expect(endpoint.routes.map((r) => r.edge)).toEqual(alone.routes);
          expect(endpoint.routes.every((r) => r.node.identity.length === 1)).toBe(true);
          expect(endpoint.all.map((a) => a.edge)).toEqual(alone.all);
          expect(alone.all.length).toBeGreaterThanOrEqual(2);
        }
      }
      // One listing; three neighbour shapes on the page, then two on the nodes they reached: five batched calls.
      for (const page of perPage) {
        expect(page.calls).toEqual({ listNodes: 1, neighboursOfMany: 5 });
      }
      if (sessions) expect(perPage.map((p) => p.sessions)).toEqual([6, 6, 6]);
    });
  });
}
