import { MemoryStore } from './memory/memory-store.js';
import { Neo4jStore, type Neo4jSettings } from './neo4j/neo4j-store.js';
import type { GraphStore } from './port.js';

export type StoreConfig =
  | { readonly kind: 'memory'; readonly dataDir: string }
  | ({ readonly kind: 'neo4j' } & Neo4jSettings);

export async function openStore(config: StoreConfig): Promise<GraphStore> {
  switch (config.kind) {
    case 'memory':
      return MemoryStore.open({ dataDir: config.dataDir });
    case 'neo4j':
      return Neo4jStore.open(config);
  }
}
