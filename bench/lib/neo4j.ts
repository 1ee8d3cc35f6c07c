/**
 * The Neo4j the Neo4j measurements run against: NEO4J_URI when set, else the project's local test server
 * (scripts/neo4j-test-server.mjs). When neither can be had the suite records "not measured" instead of failing.
 */
export interface Neo4jTarget {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly description: string;
  stop(): Promise<void>;
}

export type Neo4jAvailability = { readonly target: Neo4jTarget } | { readonly unavailable: string };

interface TestServerModule {
  startNeo4jTestServer(options?: {
    log?: (message: string) => void;
  }): Promise<{ uri: string; stop: () => Promise<void> }>;
  hasJavaAndMaven(): boolean;
}

const SERVER_SCRIPT = new URL('../../scripts/neo4j-test-server.mjs', import.meta.url).href;

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';

export async function obtainNeo4j(env: NodeJS.ProcessEnv, log: (message: string) => void): Promise<Neo4jAvailability> {
  const uri = env['NEO4J_URI'];
  if (uri) {
    return {
      target: {
        uri,
        user: env['NEO4J_USER'] || 'neo4j',
        password: env['NEO4J_PASSWORD'] ?? '',
        description: `NEO4J_URI (${uri})`,
        stop: async () => {},
      },
    };
  }
  let server: TestServerModule;
  try {
    server = (await import(SERVER_SCRIPT)) as TestServerModule;
  } catch (error) {
    return { unavailable: `no NEO4J_URI and the test server script cannot be loaded: ${firstLine(error)}` };
  }
  if (!server.hasJavaAndMaven())
    return { unavailable: 'no NEO4J_URI, and java/mvn are not on PATH for the local test server' };
  try {
    log('  starting the local Neo4j test server (scripts/neo4j-test-server.mjs)…');
    const handle = await server.startNeo4jTestServer({ log: (m) => log(`    ${m}`) });
    // The test server runs with authentication disabled: any credentials are accepted.
    return {
      target: {
        uri: handle.uri,
        user: 'neo4j',
        password: '',
        description: `local Neo4j 5 test server (scripts/neo4j-test-server.mjs, ${env['NEO4J_TEST_SERVER_HEAP_MB'] ?? '1536'} MB heap, ${env['NEO4J_TEST_SERVER_PAGECACHE_MB'] ?? '256'} MB page cache, ${env['NEO4J_TEST_SERVER_TX_MAX_MB'] ?? '768'} MiB per transaction)`,
        stop: handle.stop,
      },
    };
  } catch (error) {
    return { unavailable: `the local Neo4j test server did not start: ${firstLine(error)}` };
  }
}
