import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEstate } from '../../tools/estate/index.js';
import { builtCli, runInProcess, type CliResult } from '../support/cli.js';
import { emptyDatabase, privateNeo4jAvailable, PrivateNeo4jRelay, type PrivateNeo4j } from '../support/private-neo4j.js';
import { generationCrashTest } from './neo4j-generation-crash.js';

// Neo4j killed in the middle of an ingest: the run fails cleanly, and the next run (after a restart on the same
// data) leaves a graph identical to a clean run's. The suite's shared server is left alone: these tests boot their
// own Neo4j with its databases in a directory of ours, so they can SIGKILL the JVM and start it again on the data
// the killed run left behind. The analysis write killed part way (neo4j-generation-crash.ts) runs here too, on
// the server the ingest test restarted: three boots for the two tests instead of four.

/** Stamps of the run: they differ between any two runs by design. */
const RUN_STAMPS = new Set(['firstSeen', 'lastSeen', 'lastRunId']);

const work = mkdtempSync(join(tmpdir(), 'apiposture-neo4j-fault-'));
const relay = new PrivateNeo4jRelay(join(work, 'neo4j-data'));
afterAll(async () => {
  await relay.stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

const env = (uri: string) => ({ NEO4J_URI: uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: '', APIPOSTURE_DEBUG: '' });

/**
 * A small estate written in small batches: the kill must land after some transactions of nodes have committed and
 * before the rest, which takes several transactions, not many rows. 2,000 rows in batches of 200 (transactions of
 * 400 rows) write their nodes in more transactions than 8,000 rows at the default batch of 5,000 did, for a quarter
 * of the server's work in each of the test's three ingests.
 */
const ESTATE_ROWS = 2_000;
const INGEST = ['--store', 'neo4j', '--batch-size', '200'];

/** The whole graph as sorted lines: labels and properties of every node, type, ends and properties of every edge. */
async function dumpGraph(uri: string): Promise<{ nodes: string[]; edges: string[] }> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
  const strip = (p: Record<string, unknown>) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(p)
          .filter(([k]) => !RUN_STAMPS.has(k))
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    );
  try {
    // The store's own bookkeeping node (last ingest and analysis stamps) names the run, so differs between runs.
    const nodes = await driver.executeQuery('MATCH (n) WHERE NOT n:ApiPostureState RETURN labels(n) AS labels, properties(n) AS p');
    const edges = await driver.executeQuery(
      'MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p',
    );
    return {
      nodes: nodes.records
        .map(
          (r) =>
            `${[...(r.get('labels') as string[])].sort().join(':')} ${strip(r.get('p') as Record<string, unknown>)}`,
        )
        .sort(),
      edges: edges.records
        .map(
          (r) =>
            `${r.get('a') as string} ${r.get('t') as string} ${r.get('b') as string} ${strip(r.get('p') as Record<string, unknown>)}`,
        )
        .sort(),
    };
  } finally {
    await driver.close();
  }
}

async function count(uri: string, what: 'nodes' | 'edges'): Promise<number> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
  try {
    const query = what === 'nodes' ? 'MATCH (n) RETURN count(n) AS c' : 'MATCH ()-[r]->() RETURN count(r) AS c';
    return (await driver.executeQuery(query)).records[0]!.get('c') as number;
  } finally {
    await driver.close();
  }
}

/** Runs `ingest export` and SIGKILLs the Neo4j JVM once the first batch of nodes is written. */
function ingestAndKill(estateDir: string, handle: PrivateNeo4j): Promise<CliResult & { killedAt: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(), 'ingest', 'export', estateDir, ...INGEST], {
      env: { ...process.env, ...env(handle.uri) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killedAt = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const line = /loading nodes: \d+\/\d+/.exec(stderr)?.[0];
      if (line && !killedAt) {
        killedAt = line;
        relay.kill();
      }
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, killedAt }));
  });
}

const haveNeo4j = privateNeo4jAvailable();

describe.skipIf(!haveNeo4j)('Neo4j stopped in the middle of an ingest', () => {
  it(
    'fails the run with one clear line, and the next run after a restart leaves the graph of a clean run',
    { timeout: 900_000 },
    async () => {
      const estateDir = join(work, 'estate');
      await writeEstate(estateDir, { size: ESTATE_ROWS, seed: 11 });

      const first = await relay.running();
      await emptyDatabase(first.uri);
      const killed = await ingestAndKill(estateDir, first);
      // Killed once nodes were written: the edges and the end of the run (cleanup) never happened.
      expect(killed.killedAt).toMatch(/^loading nodes: \d+\/\d+$/);
      const done = Number(/(\d+)\//.exec(killed.killedAt)![1]);

      // A clean failure: the store's exit code, one line naming Neo4j and where it was, no stack trace.
      expect(killed.code).toBe(4);
      const errors = killed.stderr.split('\n').filter((l) => l.startsWith('apiposture:'));
      expect(errors).toEqual([
        expect.stringMatching(new RegExp(`^apiposture: Neo4j at ${first.uri.replaceAll('.', '\\.')} failed: `)),
      ]);
      expect(killed.stderr).not.toMatch(/^\s+at /m);
      expect(killed.stdout).toBe('');

      // The same data after a restart: the killed run's committed batches are there, the run's end is not.
      const second = await relay.restart();
      const partial = { nodes: await count(second.uri, 'nodes'), edges: await count(second.uri, 'edges') };
      expect(partial.nodes).toBeGreaterThanOrEqual(done);

      const rerun = await runInProcess(['ingest', 'export', estateDir, ...INGEST, '--quiet'], env(second.uri));
      expect(rerun.stderr).toBe('');
      expect(rerun.code).toBe(0);
      const afterRecovery = await dumpGraph(second.uri);
      expect(afterRecovery.nodes.length).toBeGreaterThanOrEqual(partial.nodes);
      expect(afterRecovery.edges.length).toBeGreaterThan(partial.edges);

      // A clean run of the same estate on an empty database.
      await emptyDatabase(second.uri);
      expect(await count(second.uri, 'nodes')).toBe(0);
      const clean = await runInProcess(['ingest', 'export', estateDir, ...INGEST, '--quiet'], env(second.uri));
      expect(clean.code).toBe(0);
      const cleanGraph = await dumpGraph(second.uri);

      expect(afterRecovery.nodes.length).toBe(cleanGraph.nodes.length);
      expect(afterRecovery.edges.length).toBe(cleanGraph.edges.length);
      expect(afterRecovery.nodes).toEqual(cleanGraph.nodes);
      expect(afterRecovery.edges).toEqual(cleanGraph.edges);
    },
  );
});

describe.skipIf(!haveNeo4j)('an analysis write killed part way', () => {
  generationCrashTest(relay);
});
