export * from './port.js';
export { MemoryStore, type MemoryStoreOptions } from './memory/memory-store.js';
export { Neo4jStore, type Neo4jSettings } from './neo4j/neo4j-store.js';
export { openStore, type StoreConfig } from './open.js';
export { assertAnalysed, ingestedNodeCount, readReadiness, storeTarget, unreadiness, unreadinessMessage, unreadinessOf, type StoreTarget, type Unreadiness } from './readiness.js';
export { listAllNodes } from './list-all.js';
