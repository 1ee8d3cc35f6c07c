import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { isTransient, withRetry } from '../../src/store/neo4j/retry.js';

describe('Neo4j retry classification', () => {
  it('retries lost connections and transient server errors', () => {
    expect(isTransient(new Neo4jError('gone', 'ServiceUnavailable', '08000', 'connection'))).toBe(true);
    expect(isTransient(new Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', '50N00', 'x'))).toBe(true);
    expect(isTransient(new Neo4jError('pool full', 'Neo.TransientError.General.MemoryPoolOutOfMemoryError', '51N72', 'x'))).toBe(true);
  });

  it('does not retry a transaction that exceeds db.memory.transaction.max: it would never fit', async () => {
    const tooBig = new Neo4jError('db.memory.transaction.max threshold reached', 'Neo.TransientError.General.TransactionMemoryLimit', '51N73', 'x');
    expect(isTransient(tooBig)).toBe(false);
    let attempts = 0;
    await expect(
      withRetry(async () => {
        attempts++;
        throw tooBig;
      }),
    ).rejects.toBe(tooBig);
    expect(attempts).toBe(1);
  });

  it('does not retry client errors', () => {
    expect(isTransient(new Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', '42001', 'x'))).toBe(false);
    expect(isTransient(new Error('plain'))).toBe(false);
    expect(isTransient(null)).toBe(false);
  });
});
