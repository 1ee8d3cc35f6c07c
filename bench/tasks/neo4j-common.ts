import neo4j, { type Driver } from 'neo4j-driver';

export interface Neo4jArgs {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
}

export function openDriver(args: Neo4jArgs): Driver {
  return neo4j.driver(args.uri, neo4j.auth.basic(args.user, args.password), {
    disableLosslessIntegers: true,
    userAgent: 'apiposture-bench',
  });
}

/** Empties the database in bounded batches so every run starts from the same (empty) state. */
export async function clearDatabase(driver: Driver): Promise<void> {
  for (;;) {
    const session = driver.session();
    try {
      const result = await session.executeWrite((tx) =>
        tx.run('MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS removed'),
      );
      if (((result.records[0]?.get('removed') as number | undefined) ?? 0) === 0) return;
    } finally {
      await session.close();
    }
  }
}

export async function countNodes(driver: Driver): Promise<number> {
  const session = driver.session();
  try {
    const result = await session.executeRead((tx) => tx.run('MATCH (n) RETURN count(n) AS count'));
    return (result.records[0]?.get('count') as number | undefined) ?? 0;
  } finally {
    await session.close();
  }
}
