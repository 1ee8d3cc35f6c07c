import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_LEVELS } from '../../src/model/index.js';
import { MemoryStore, type GraphStore } from '../../src/store/index.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { loadEstate, startServer, type RunningServer } from './support.js';

interface Counts {
  inventory: { attackPaths: number; attackPathsByRiskLevel: { riskLevel: string; count: number }[] };
}

/** `Inventory.attackPathsByRiskLevel` agrees with what `attackPaths(filter: { riskLevel })` lists, on both stores. */
function countsSuite(label: string, open: () => Promise<GraphStore>) {
  describe(`attack paths by risk level (${label})`, () => {
    let store: GraphStore;
    let api: RunningServer;

    beforeAll(async () => {
      store = await open();
      await loadEstate(store);
      api = await startServer(store);
    });

    afterAll(async () => {
      await api?.close();
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
  });
}

countsSuite('memory', () => MemoryStore.open());

describe.skipIf(!neo4jSettings())('on Neo4j', () => {
  countsSuite('Neo4j', () => openNeo4jStore());
});
