/**
 * Vitest setupFile of the Neo4j project: every file starts on an empty database.
 *
 * The project's files share one server, one file at a time. A file that left nodes behind (a failed assertion
 * before its cleanup, an analysis over the whole store) would otherwise change what a later file reads — a file's
 * result would depend on which files ran before it. Only the server the global setup booted for the suite is
 * emptied: a server given with NEO4J_URI may hold someone's data, so it is left as it is.
 */
import neo4j from 'neo4j-driver';
import { beforeAll, inject } from 'vitest';

beforeAll(async () => {
  const uri = inject('neo4jUri');
  if (!uri || !inject('neo4jOwned')) return;
  const driver = neo4j.driver(uri, neo4j.auth.basic(inject('neo4jUser'), inject('neo4jPassword')));
  try {
    const session = driver.session();
    try {
      // Schema (constraints, indexes) stays: the stores create it once per database.
      await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    } finally {
      await session.close();
    }
  } finally {
    await driver.close();
  }
});
