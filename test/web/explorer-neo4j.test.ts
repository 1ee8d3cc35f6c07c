import { describe } from 'vitest';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { webSuite } from './explorer-suite.js';

// The web explorer on Neo4j; explorer.test.ts runs the same suite on the memory store.
describe.skipIf(!neo4jSettings())('on Neo4j', () => {
  webSuite('Neo4j', () => openNeo4jStore(), { hostile: false });
});
