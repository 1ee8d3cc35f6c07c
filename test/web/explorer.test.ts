import { MemoryStore } from '../../src/store/index.js';
import { webSuite } from './explorer-suite.js';

// The web explorer on the memory store; explorer-neo4j.test.ts runs the same suite on Neo4j.
webSuite('memory', () => MemoryStore.open(), { hostile: true });
