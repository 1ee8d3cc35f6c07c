/**
 * The oldest Neo4j the store writes to (5.26: labels and types as parameters). An older server is refused when the
 * store connects, with an error naming the version found, never with a Cypher syntax error in the middle of a write.
 */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/util/errors.js';
import {
  assertSupportedVersion,
  isSupportedNeo4jVersion,
  MINIMUM_NEO4J_VERSION,
  UnsupportedNeo4jVersionError,
} from '../../src/store/neo4j/version.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';

/** A transaction whose one query answers `dbms.components()` with this kernel version. */
function answering(version: string) {
  return { run: async () => ({ records: [{ get: (key: string) => (key === 'version' ? version : undefined) }] }) } as never;
}

describe('Neo4j server version', () => {
  it('accepts 5.26 and every later release, numbered or by calendar', () => {
    for (const version of ['5.26.0', '5.26.30', '5.27.0', '2025.01.0', '2025.10.1', '2026.02.0-123']) {
      expect(isSupportedNeo4jVersion(version), version).toBe(true);
    }
  });

  it('refuses older releases and versions it cannot read', () => {
    for (const version of ['5.25.1', '5.20.0', '5.1.0', '4.4.42', '3.5.0', 'unknown', '']) {
      expect(isSupportedNeo4jVersion(version), version).toBe(false);
    }
  });

  it('refuses a 5.20 server with a store error naming the server, the version found and the minimum', async () => {
    const refusal = assertSupportedVersion(answering('5.20.0'), 'bolt://db.example:7687');
    await expect(refusal).rejects.toBeInstanceOf(UnsupportedNeo4jVersionError);
    await expect(refusal).rejects.toBeInstanceOf(StoreError);
    await expect(refusal).rejects.toMatchObject({ code: 'STORE_ERROR', found: '5.20.0' });
    await expect(refusal).rejects.toThrow(/bolt:\/\/db\.example:7687 is version 5\.20\.0; apiposture needs Neo4j 5\.26 or later/);
    expect(MINIMUM_NEO4J_VERSION).toBe('5.26');
  });

  it.skipIf(!neo4jSettings())('connects to the test server, which is new enough', async () => {
    const store = await openNeo4jStore();
    await store.close();
  });
});
