import { MemoryStore } from '../../src/store/index.js';
import { describeStore } from './malformed-scan-suite.js';

// A malformed input on the memory store (malformed-scan-suite.ts); malformed-scan-neo4j.test.ts does Neo4j.
describeStore('memory', {}, (dataDir) => MemoryStore.open({ dataDir }));
