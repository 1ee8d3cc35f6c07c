import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/index.js';
import { neo4jSettings, openNeo4jStore } from '../support/neo4j.js';
import { contractTranscript, describeGraphStoreContract } from './graph-store-contract.js';

const settings = neo4jSettings();

describe.skipIf(!settings)('neo4j adapter', () => {
  // Small batches so the contract exercises multi-batch writes and deletes.
  describeGraphStoreContract('neo4j', () => openNeo4jStore({ batchSize: 2, deleteBatchSize: 2 }));

  it('answers the contract transcript exactly as the memory store does', async () => {
    const memory = await MemoryStore.open();
    const neo4j = await openNeo4jStore();
    try {
      expect(await contractTranscript(neo4j)).toEqual(await contractTranscript(memory));
    } finally {
      await neo4j.close();
    }
  });
});
