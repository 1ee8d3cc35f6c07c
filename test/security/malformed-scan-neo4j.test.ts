import { describe } from 'vitest';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { describeStore } from './malformed-scan-suite.js';

// A malformed input on Neo4j (malformed-scan-suite.ts); malformed-scan.test.ts does the memory store.
const settings = neo4jSettings();
describe.skipIf(!settings)('neo4j', () => {
  const env = {
    NEO4J_URI: settings?.uri ?? '',
    NEO4J_USER: settings?.user ?? 'neo4j',
    NEO4J_PASSWORD: settings?.password ?? '',
  };
  describeStore('neo4j', env, () => openNeo4jStore());
});
