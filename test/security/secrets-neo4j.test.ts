import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphStore } from '../../src/store/index.js';
import { newRun } from '../support/graph-fixture.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { cliOutputs, expectNoLeaks, graphqlOutputs, useSeededEstate } from './secrets-suite.js';

// No secret reaches Neo4j or anything read from it (secrets-suite.ts); secrets.test.ts does the memory store.
const estate = useSeededEstate();

const settings = neo4jSettings();
describe.skipIf(!settings)('no seeded secret reaches Neo4j, reports, logs or the API', () => {
  let store: GraphStore | undefined;
  afterAll(async () => {
    // Removes what this file wrote: the seeded subscriptions' nodes, with their edges.
    store ??= await openNeo4jStore();
    await store.completeRun(newRun(), estate().subscriptions);
    await store.close();
  });

  it('scans, reports and answers on Neo4j without any canary, in any node or relationship property', async () => {
    const env = {
      NEO4J_URI: settings!.uri,
      NEO4J_USER: settings!.user ?? 'neo4j',
      NEO4J_PASSWORD: settings!.password ?? '',
    };
    const outputs = await cliOutputs(estate(), ['--store', 'neo4j'], env);
    const driver = neo4j.driver(settings!.uri, neo4j.auth.basic(settings!.user ?? 'neo4j', settings!.password ?? ''));
    try {
      const session = driver.session();
      try {
        const nodes = await session.run('MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties');
        const edges = await session.run('MATCH ()-[r]->() RETURN type(r) AS type, properties(r) AS properties');
        expect(nodes.records.length).toBeGreaterThan(100);
        outputs.push({ label: 'Neo4j node properties', text: JSON.stringify(nodes.records.map((r) => r.toObject())) });
        outputs.push({
          label: 'Neo4j relationship properties',
          text: JSON.stringify(edges.records.map((r) => r.toObject())),
        });
      } finally {
        await session.close();
      }
    } finally {
      await driver.close();
    }
    store = await openNeo4jStore();
    outputs.push(...(await graphqlOutputs(store)));
    expectNoLeaks(estate(), outputs);
  }, 600_000);
});
