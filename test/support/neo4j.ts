import { inject } from 'vitest';
import { Neo4jStore, type Neo4jSettings } from '../../src/store/index.js';

/** Settings of the Neo4j server the global setup booted (or NEO4J_URI); null when Neo4j tests are skipped. */
export function neo4jSettings(overrides: Partial<Neo4jSettings> = {}): Neo4jSettings | null {
  const uri = inject('neo4jUri');
  if (!uri) return null;
  return { uri, user: inject('neo4jUser') || undefined, password: inject('neo4jPassword') || undefined, ...overrides };
}

export async function openNeo4jStore(overrides: Partial<Neo4jSettings> = {}): Promise<Neo4jStore> {
  const settings = neo4jSettings(overrides);
  if (!settings) throw new Error('Neo4j is not available to this test run');
  return Neo4jStore.open(settings);
}
