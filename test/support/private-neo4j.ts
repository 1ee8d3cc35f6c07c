/**
 * A Neo4j of a test's own, beside the suite's shared server (which is never touched): booted with its databases in a
 * directory the test owns (NEO4J_TEST_SERVER_DATA_DIR, read by the JVM at start), so the test can SIGKILL the JVM by
 * its pid and start it again on the data the killed server left behind.
 */
import neo4j from 'neo4j-driver';

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

/**
 * Boots a Neo4j keeping its databases in `dataDir`; `env` sets more of the server's variables (heap, page cache).
 * A private server lives for a few statements before it is killed or stopped, so it runs the client compiler alone
 * (NEO4J_TEST_SERVER_JIT=c1) unless the environment or `env` asks otherwise: most of a boot's CPU is otherwise C2
 * compiling code the server never runs long enough to repay.
 */
export async function startPrivateNeo4j(dataDir: string, env: Readonly<Record<string, string>> = {}): Promise<PrivateNeo4j> {
  const settings = { NEO4J_TEST_SERVER_JIT: process.env['NEO4J_TEST_SERVER_JIT'] ?? 'c1', ...env, NEO4J_TEST_SERVER_DATA_DIR: dataDir };
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

/**
 * One data directory and the private server on it, handed from test to test within a file: a test that kills the
 * server restarts it on the same data, and the next test uses that server instead of booting one of its own (a
 * boot is most of such a test's time). Each test empties the database first, so none sees another's data.
 */
export class PrivateNeo4jRelay {
  private server: PrivateNeo4j | undefined;
  private killed = false;

  constructor(
    readonly dataDir: string,
    private readonly env: Readonly<Record<string, string>> = {},
  ) {}

  /** The server on the directory, booted when there is none or the last one was killed. */
  async running(): Promise<PrivateNeo4j> {
    if (this.server && !this.killed) return this.server;
    return this.restart();
  }

  /** SIGKILLs the server's JVM: no shutdown, whatever it was writing is cut where it stands. */
  kill(): void {
    if (!this.server || this.killed) throw new Error('no private Neo4j is running');
    this.killed = true;
    process.kill(this.server.pid, 'SIGKILL');
  }

  /** Stops the server (killed or not) and boots a new one on the data it left. */
  async restart(): Promise<PrivateNeo4j> {
    await this.stop();
    this.server = await startPrivateNeo4j(this.dataDir, this.env);
    this.killed = false;
    return this.server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }
}

/** Deletes every node and relationship of a private server's database (it runs with auth disabled). */
export async function emptyDatabase(uri: string): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''));
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}
