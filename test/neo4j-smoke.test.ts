import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const uri = inject('neo4jUri');

describe.skipIf(!uri)('Neo4j smoke test (real server)', () => {
  let driver: Driver;

  beforeAll(async () => {
    const user = inject('neo4jUser');
    const password = inject('neo4jPassword');
    driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
    await driver.verifyConnectivity();
  });

  afterAll(async () => {
    await driver?.close();
  });

  it('creates, reads back and deletes a node with a parameter', async () => {
    const id = `smoke-${randomUUID()}`;

    const created = await driver.executeQuery('CREATE (n:Smoke {id: $id}) RETURN n.id AS id', { id });
    expect(created.records).toHaveLength(1);
    expect(created.records[0]?.get('id')).toBe(id);

    const read = await driver.executeQuery('MATCH (n:Smoke {id: $id}) RETURN n.id AS id', { id });
    expect(read.records.map((r) => r.get('id'))).toEqual([id]);

    const deleted = await driver.executeQuery('MATCH (n:Smoke {id: $id}) DELETE n RETURN count(*) AS c', { id });
    expect(deleted.records[0]?.get('c').toNumber()).toBe(1);

    const after = await driver.executeQuery('MATCH (n:Smoke {id: $id}) RETURN count(n) AS c', { id });
    expect(after.records[0]?.get('c').toNumber()).toBe(0);
  });
});
