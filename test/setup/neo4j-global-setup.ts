/**
 * Vitest globalSetup: makes a real Neo4j available to the tests.
 *
 *  1. NEO4J_URI set            -> use that server (NEO4J_USER / NEO4J_PASSWORD, default neo4j / no password)
 *  2. java + mvn on PATH       -> boot the in-process Neo4j from test/neo4j-server (scripts/neo4j-test-server.mjs)
 *  3. neither                  -> REQUIRE_NEO4J=1: fail the run; otherwise warn loudly and let Neo4j tests skip
 *
 * Tests read the result with `inject('neo4jUri')` (empty string = no Neo4j, skip),
 * `inject('neo4jUser')` and `inject('neo4jPassword')` (use `neo4j.auth.basic(user, password)`;
 * the local server has auth disabled and accepts any credentials).
 */
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';

interface ServerHandle {
  uri: string;
  stop: () => Promise<void>;
}
interface ServerModule {
  startNeo4jTestServer(options?: { log?: (msg: string) => void; jit?: 'c1' | 'c2' }): Promise<ServerHandle>;
  hasJavaAndMaven(): boolean;
}

const SERVER_SCRIPT = new URL('../../scripts/neo4j-test-server.mjs', import.meta.url).href;

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

function warnBox(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = '!'.repeat(width + 4);
  const yellow = process.stderr.isTTY ? '\u001b[33;1m' : '';
  const reset = process.stderr.isTTY ? '\u001b[0m' : '';
  process.stderr.write(
    `\n${yellow}${bar}\n${lines.map((l) => `! ${l.padEnd(width)} !`).join('\n')}\n${bar}${reset}\n\n`,
  );
}

async function verifyConnectivity(uri: string, user: string, password: string): Promise<void> {
  // With auth disabled (the local harness) the server accepts any basic credentials.
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    connectionTimeout: 15_000,
    connectionAcquisitionTimeout: 20_000,
  });
  try {
    await driver.verifyConnectivity();
  } finally {
    await driver.close();
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const required = process.env.REQUIRE_NEO4J === '1';
  let uri = '';
  let user = process.env.NEO4J_USER || 'neo4j';
  let password = process.env.NEO4J_PASSWORD ?? '';
  let stop: (() => Promise<void>) | undefined;
  let owned = false;

  const skip = (headline: string, reason: string, detail?: string): void => {
    if (required) {
      throw new Error(
        `REQUIRE_NEO4J=1 but no Neo4j is available: ${reason}` +
          (detail ? `\n${detail}` : '') +
          '\nSet NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD) or install Java 17+ and Maven so the ' +
          'test suite can boot its own server (node scripts/neo4j-test-server.mjs).',
      );
    }
    warnBox([
      headline,
      `reason: ${reason}`,
      'Set NEO4J_URI=bolt://... or put java (17+) and mvn on PATH.',
      'Set REQUIRE_NEO4J=1 to make this a hard failure (CI).',
    ]);
    if (detail) log(detail);
  };

  if (process.env.NEO4J_URI) {
    uri = process.env.NEO4J_URI;
    log(`[neo4j-global-setup] using external Neo4j at ${uri} (user ${user})`);
    try {
      await verifyConnectivity(uri, user, password);
    } catch (err) {
      // An explicitly configured server that does not answer is always an error.
      throw new Error(`[neo4j-global-setup] cannot connect to NEO4J_URI=${uri}: ${errorMessage(err)}`);
    }
  } else {
    const server = (await import(/* @vite-ignore */ SERVER_SCRIPT)) as ServerModule;
    if (!server.hasJavaAndMaven()) {
      skip('Neo4j tests SKIPPED: no NEO4J_URI and no java/mvn', 'java and/or mvn not found on PATH');
    } else {
      user = 'neo4j';
      password = ''; // the harness runs with auth disabled: any basic credentials are accepted
      const t0 = Date.now();
      let handle: ServerHandle | undefined;
      try {
        // The client compiler alone: the suite's statements are many and short, each planned once, and C2 spent
        // more CPU compiling the planner than it saved (one file cold: 61 s of JVM CPU with C2, 39 s with C1, the
        // same wall time). NEO4J_TEST_SERVER_JIT=c2 restores the default.
        handle = await server.startNeo4jTestServer({ log, jit: 'c1' });
        stop = handle.stop;
        await verifyConnectivity(handle.uri, user, password);
        uri = handle.uri;
        owned = true;
        log(`[neo4j-global-setup] local Neo4j ready at ${uri} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        await handle?.stop().catch(() => undefined);
        stop = undefined;
        skip(
          'Neo4j tests SKIPPED: the local Neo4j test server failed to start',
          'the local Neo4j test server failed to start (details below)',
          errorMessage(err),
        );
      }
    }
  }

  project.provide('neo4jUri', uri);
  project.provide('neo4jUser', user);
  project.provide('neo4jPassword', password);
  project.provide('neo4jOwned', owned);

  return async () => {
    if (stop) await stop();
  };
}
