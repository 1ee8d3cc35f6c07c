/**
 * A Neo4j of a test's own, beside the suite's shared server (which is never touched): booted with its databases in a
 * directory the test owns (NEO4J_TEST_SERVER_DATA_DIR, read by the JVM at start), so the test can SIGKILL the JVM by
 * its pid and start it again on the data the killed server left behind.
 */
export interface PrivateNeo4j {
  readonly uri: string;
  readonly pid: number;
  stop(): Promise<void>;
}

interface ServerModule {
  startNeo4jTestServer(options?: { log?: (msg: string) => void }): Promise<PrivateNeo4j>;
  hasJavaAndMaven(): boolean;
}

const server = (await import(
  /* @vite-ignore */ new URL('../../scripts/neo4j-test-server.mjs', import.meta.url).href
)) as ServerModule;

export const hasJavaAndMaven = (): boolean => server.hasJavaAndMaven();

/** Boots a Neo4j keeping its databases in `dataDir`; `env` sets more of the server's variables (heap, page cache). */
export async function startPrivateNeo4j(dataDir: string, env: Readonly<Record<string, string>> = {}): Promise<PrivateNeo4j> {
  const settings = { ...env, NEO4J_TEST_SERVER_DATA_DIR: dataDir };
  const before = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  try {
    return await server.startNeo4jTestServer();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Whether a test may boot a private Neo4j: Java and Maven are here. Such a test needs no shared server, so it runs
 * among the unit files, beside them; with REQUIRE_NEO4J=1 a machine without them fails it instead of skipping.
 */
export function privateNeo4jAvailable(): boolean {
  if (hasJavaAndMaven()) return true;
  if (process.env['REQUIRE_NEO4J'] === '1') throw new Error('REQUIRE_NEO4J=1 but Java and Maven, which boot a private Neo4j, are not available');
  return false;
}
