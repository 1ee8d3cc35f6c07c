import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_LEVELS } from '../../src/model/index.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { loadEstate, unloadEstate, type LoadedEstate, startServer, type RunningServer } from './support.js';

/** Contoso's main subscription: other tests share the Neo4j database, so endpoint lists stay within the estate. */
const CONTOSO_SUB = '5e7a1c3d-2b4f-4d6e-8a9c-0b1d2e3f4a5b';

interface Counts {
  inventory: { attackPaths: number; attackPathsByRiskLevel: { riskLevel: string; count: number }[] };
}

/**
 * The fields added for the web explorer, on both stores: `Inventory.attackPathsByRiskLevel` agrees with what
 * `attackPaths(filter: { riskLevel })` lists, and `EndpointFilter.sensitiveInfoType` keeps exactly the endpoints
 * whose sampled traffic carried that info type.
 */
function fieldsSuite(label: string, open: () => Promise<GraphStore>) {
  describe(`fields for the web explorer (${label})`, () => {
    let store: GraphStore;
    let estate: LoadedEstate | undefined;
    let api: RunningServer;

    beforeAll(async () => {
      store = await open();
      estate = await loadEstate(store);
      api = await startServer(store);
    });

    afterAll(async () => {
      await api?.close();
      if (store) await unloadEstate(store, estate);
      await store?.close();
    });

    it('lists every level, critical first, each count equal to the paths the API lists at that level', async () => {
      const data = await api
        .client()
        .request<Counts>('{ inventory { attackPaths attackPathsByRiskLevel { riskLevel count } } }');
      const counts = data.inventory.attackPathsByRiskLevel;
      expect(counts.map((c) => c.riskLevel)).toEqual([...RISK_LEVELS]);
      expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(data.inventory.attackPaths);
      expect(counts.filter((c) => c.count > 0).length).toBeGreaterThan(1);
      for (const { riskLevel, count } of counts) {
        const listed = await api
          .client()
          .request<{ attackPaths: { edges: { node: { riskLevel: string } }[] } }>(
            'query ($level: RiskLevel) { attackPaths(filter: { riskLevel: $level }, first: 500, orderBy: ID) { edges { node { riskLevel } } } }',
            { level: riskLevel },
          );
        expect(listed.attackPaths.edges.length, riskLevel).toBe(count);
        expect(listed.attackPaths.edges.every((e) => e.node.riskLevel === riskLevel)).toBe(true);
      }
    });

    it('filters endpoints by a sensitive info type seen in their traffic, alone and with other filters', async () => {
      type Endpoints = {
        apiEndpoints: {
          edges: {
            node: {
              id: string;
              insights: string[];
              properties: { sensitiveInfoTypes?: string[]; subscriptionId?: string };
            };
          }[];
        };
      };
      const query =
        'query ($filter: EndpointFilter) { apiEndpoints(filter: $filter, first: 500) { edges { node { id insights properties } } } }';
      const all = await api.client().request<Endpoints>(query, { filter: { subscriptionId: CONTOSO_SUB } });
      const types = all.apiEndpoints.edges.flatMap((e) => e.node.properties.sensitiveInfoTypes ?? []);
      expect(new Set(types).size).toBeGreaterThan(1);
      for (const infoType of new Set(types)) {
        const expected = all.apiEndpoints.edges
          .filter((e) => e.node.properties.sensitiveInfoTypes?.includes(infoType))
          .map((e) => e.node.id);
        const got = await api
          .client()
          .request<Endpoints>(query, { filter: { subscriptionId: CONTOSO_SUB, sensitiveInfoType: infoType } });
        expect(
          got.apiEndpoints.edges.map((e) => e.node.id),
          infoType,
        ).toEqual(expected);
      }
      const combined = await api.client().request<Endpoints>(query, {
        filter: {
          sensitiveInfoType: 'Email Address',
          insights: ['AllowsAnonymousAccess'],
        },
      });
      expect(combined.apiEndpoints.edges.length).toBeGreaterThan(0);
      for (const e of combined.apiEndpoints.edges) {
        expect(e.node.insights).toContain('AllowsAnonymousAccess');
        expect(e.node.properties.sensitiveInfoTypes).toContain('Email Address');
      }
      const none = await api.client().request<Endpoints>(query, { filter: { sensitiveInfoType: 'No Such Info Type' } });
      expect(none.apiEndpoints.edges).toEqual([]);
    });
  });
}

fieldsSuite('memory', () => MemoryStore.open());

describe.skipIf(!neo4jSettings())('on Neo4j', () => {
  fieldsSuite('Neo4j', () => openNeo4jStore());
});
