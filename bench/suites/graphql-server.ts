/**
 * Child process of `--suite graphql`: loads a generated estate into one store, times the store calls the
 * benchmark's GraphQL queries resolve to (no GraphQL, no HTTP), then serves the API on 127.0.0.1 until the
 * parent closes its stdin. `node --import tsx bench/suites/graphql-server.ts '<json args>'`.
 */
import { pathToFileURL } from 'node:url';
import { analyze } from '../../src/analysis/analyze.js';
import { createServer } from '../../src/api/index.js';
import { DEFAULT_LIMITS } from '../../src/config/server.js';
import { estateRows, generateEstate, type EstateSize } from '../../src/ingest/generate/index.js';
import type { InputRow } from '../../src/ingest/input/rows.js';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { MemoryStore, Neo4jStore, type GraphStore } from '../../src/store/index.js';
import { clearDatabase, openDriver } from '../tasks/neo4j-common.js';

export interface ServerChildArgs {
  readonly store: 'memory' | 'neo4j';
  readonly size: EstateSize;
  readonly seed: number;
  readonly neo4j?: { readonly uri: string; readonly user: string; readonly password: string };
}

export interface ServerReady {
  readonly url: string;
  readonly nodes: number;
  readonly endpoints: number;
  readonly attackPaths: number;
  readonly assetId: string;
  readonly loadSeconds: number;
}

/** Median milliseconds of the direct store calls behind each benchmark query, measured when the parent asks. */
export type DirectTimings = Readonly<Record<string, number>>;

export const READY = 'GRAPHQL_BENCH_READY ';
export const DIRECT = 'GRAPHQL_BENCH_DIRECT ';
/** Parent → child, one per line on stdin: time the direct store calls now. */
export const MEASURE_DIRECT = 'direct';
const DIRECT_ITERATIONS = 100;
const DIRECT_LIMIT_MS = 10_000;

async function openStore(args: ServerChildArgs): Promise<GraphStore> {
  if (args.store === 'memory') return MemoryStore.open();
  if (!args.neo4j) throw new Error('neo4j connection missing');
  const driver = openDriver(args.neo4j);
  try {
    await clearDatabase(driver);
  } finally {
    await driver.close();
  }
  return Neo4jStore.open({ uri: args.neo4j.uri, user: args.neo4j.user, password: args.neo4j.password });
}

async function load(store: GraphStore, args: ServerChildArgs): Promise<void> {
  const estate = generateEstate({ size: args.size, seed: args.seed });
  const rows: InputRow[] = [...estateRows(estate)].map(({ section, row }, index) => ({
    file: `${section}.json`,
    index,
    value: row,
  }));
  const run = { runId: `bench-graphql-${Date.now()}`, startedAt: new Date().toISOString() };
  await ingestRows(store, rows, { source: 'azure-export', run });
  await analyze(store, { ...run, runId: `${run.runId}-analysis` });
}

/** The store calls each benchmark query makes (see bench/suites/graphql.ts QUERIES), made directly. */
function directCalls(store: GraphStore, assetId: string): Readonly<Record<string, () => Promise<unknown>>> {
  return {
    endpoints: async () => {
      const page = await store.listNodes({ kind: 'ApiEndpoint', first: 50 });
      await Promise.all(page.items.map((n) => store.neighbours(n.id, { direction: 'out', edgeKinds: ['ROUTES_TO'] })));
    },
    attackPaths: async () => {
      await store.countNodesByKind();
      await store.listNodes({
        kind: 'AttackPath',
        where: [
          { property: 'rank', op: 'gt', value: 0 },
          { property: 'rank', op: 'lt', value: 22 },
        ],
        first: 10_000,
      });
    },
    asset: async () => {
      await store.getNodes([assetId]);
      await store.neighbours(assetId, { direction: 'both' });
    },
  };
}

async function medianMs(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await call();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < DIRECT_ITERATIONS && performance.now() - started < DIRECT_LIMIT_MS; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

async function main(args: ServerChildArgs): Promise<void> {
  const store = await openStore(args);
  const started = performance.now();
  await load(store, args);
  const loadSeconds = (performance.now() - started) / 1000;
  const counts = await store.countNodesByKind();
  const assetId = (await store.listNodes({ kind: 'ApiGateway', first: 1 })).items[0]?.id ?? 'internet';
  // The load comes from one loopback client: limits high enough that it measures the API, not the rate limiter.
  const limits = { ...DEFAULT_LIMITS, requestsPerMinute: 10_000_000, burst: 1_000_000 };
  const server = await createServer(
    {
      host: '127.0.0.1',
      port: 0,
      development: false,
      apiKeys: [],
      entra: null,
      anonymousRole: 'reader',
      introspection: 'admin',
      corsOrigins: [],
      limits,
      goalsPolicyFile: null,
      riskWeightsFile: null,
    },
    store,
  );
  const { url } = await server.listen();
  const ready: ServerReady = {
    url,
    nodes: Object.values(counts).reduce((s, n) => s + (n ?? 0), 0),
    endpoints: counts.ApiEndpoint ?? 0,
    attackPaths: counts.AttackPath ?? 0,
    assetId,
    loadSeconds,
  };
  process.stdout.write(`${READY}${JSON.stringify(ready)}\n`);
  // Runs until the parent closes stdin (or exits): the child never outlives its benchmark. Direct timings are taken
  // on request, between the parent's load phases, so they see the same warm caches and machine load.
  const calls = directCalls(store, assetId);
  let pending = Promise.resolve();
  process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (line.trim() !== MEASURE_DIRECT) continue;
      pending = pending.then(async () => {
        const timings: Record<string, number> = {};
        for (const [name, call] of Object.entries(calls)) timings[name] = await medianMs(call);
        process.stdout.write(`${DIRECT}${JSON.stringify(timings)}\n`);
      });
    }
  });
  await new Promise<void>((resolve) => process.stdin.once('end', resolve).once('close', resolve));
  await pending;
  await server.close();
  await store.close();
}

// Run only as the child's entry point, not when the parent imports READY and the types.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(JSON.parse(process.argv[2] ?? '{}') as ServerChildArgs).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
