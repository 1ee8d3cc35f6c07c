/**
 * `--suite graphql`: GraphQL API latency (p50/p99, one request at a time) and throughput (8 concurrent requests)
 * over HTTP on 127.0.0.1, on a generated, ingested and analysed estate, memory store and Neo4j. The server runs
 * in a child process (bench/suites/graphql-server.ts) so client and server do not share an event loop; the
 * client is a bounded fetch loop (count and time capped) that only ever talks to that loopback server.
 * "GraphQL layer share" compares the p50 with the same store calls made directly, without HTTP or GraphQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../lib/child.js';
import { obtainNeo4j, type Neo4jTarget } from '../lib/neo4j.js';
import { formatNumber, median } from '../lib/stats.js';
import type { BenchOptions, BenchSuite, Measurement, StoreChoice, SuiteContext } from '../lib/types.js';
import {
  DIRECT,
  MEASURE_DIRECT,
  READY,
  type DirectTimings,
  type ServerChildArgs,
  type ServerReady,
} from './graphql-server.js';

const CHILD = fileURLToPath(new URL('./graphql-server.ts', import.meta.url));

/** The benchmark queries; graphql-server.ts `directCalls` makes the same store calls without GraphQL. */
const QUERIES: Readonly<Record<string, { readonly text: string; readonly what: string }>> = {
  endpoints: {
    what: '50 API endpoints with their ROUTES_TO neighbours',
    text: '{ apiEndpoints(first: 50) { pageInfo { endCursor hasNextPage } edges { node { id name insights neighbours(edge: ROUTES_TO, first: 10) { edge { kind } node { id kind name } } } } } }',
  },
  attackPaths: {
    what: 'top 20 attack paths with their steps',
    text: '{ attackPaths(first: 20) { edges { node { id rank riskLevel score riskFactors steps { id kind name } } } } }',
  },
  asset: {
    what: 'one API gateway with all its neighbours',
    text: 'query ($id: ID!) { asset(id: $id) { id kind name properties insights neighbours(direction: BOTH, first: 25) { edge { kind } node { id kind } } } }',
  },
};

const LATENCY_REQUESTS = 300;
const THROUGHPUT_REQUESTS = 3_000;
const CONCURRENCY = 8;
const PHASE_LIMIT_MS = 20_000;

interface LoadResult {
  readonly latenciesMs: readonly number[];
  readonly perSecond: number;
  readonly errors: number;
}

/** `requests` POSTs with `concurrency` in flight, stopping early at PHASE_LIMIT_MS. */
async function load(endpoint: string, body: string, requests: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (sent < requests && performance.now() - started < PHASE_LIMIT_MS) {
      sent++;
      const t = performance.now();
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await response.json()) as { errors?: unknown };
      latencies.push(performance.now() - t);
      if (!response.ok || json.errors) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { latenciesMs: latencies.sort((a, b) => a - b), perSecond: latencies.length / seconds, errors };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

interface ServerChild {
  readonly child: ChildProcess;
  readonly ready: ServerReady;
  /** Asks the server process to time the direct store calls now, and waits for the answer. */
  measureDirect(): Promise<DirectTimings>;
}

export function startChild(args: ServerChildArgs, log: (m: string) => void): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], {
      cwd: ROOT,
      // As `apiposture serve` runs it: graphql-js in production mode (see src/cli/commands/serve.ts).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let buffered = '';
    let failure = '';
    const waiting: ((timings: DirectTimings) => void)[] = [];
    const measureDirect = () =>
      new Promise<DirectTimings>((answer) => {
        waiting.push(answer);
        child.stdin?.write(`${MEASURE_DIRECT}\n`);
      });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(READY))
          resolve({ child, ready: JSON.parse(line.slice(READY.length)) as ServerReady, measureDirect });
        if (line.startsWith(DIRECT)) waiting.shift()?.(JSON.parse(line.slice(DIRECT.length)) as DirectTimings);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (!line.trim()) continue;
        log(`    [graphql-server] ${line}`);
        if (!failure && /Error/.test(line)) failure = line.trim();
      }
    });
    child.on('error', reject);
    child.on('close', (code) =>
      reject(new Error(`the server process exited (${code}) before it was ready: ${failure || 'no error message'}`)),
    );
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('close', () => resolve());
    child.stdin?.end();
  });
}

interface QueryRuns {
  p50: number[];
  direct: number[];
  p99: number[];
  perSecond: number[];
  errors: number;
}

async function measureStore(
  label: string,
  args: ServerChildArgs,
  ctx: SuiteContext,
  details: string[],
): Promise<Measurement[]> {
  ctx.log(`  ${label}: loading the estate in the server process…`);
  const { child, ready, measureDirect } = await startChild(args, ctx.log);
  try {
    details.push(
      `${label}: ${formatNumber(ready.nodes)} nodes, ${formatNumber(ready.endpoints)} API endpoints, ${formatNumber(ready.attackPaths)} attack paths; ingest + analysis ${formatNumber(ready.loadSeconds, 1)} s (not timed below)`,
    );
    const endpoint = `${ready.url}/graphql`;
    const runs: Record<string, QueryRuns> = {};
    for (let r = 0; r < ctx.options.runs; r++) {
      ctx.log(`  ${label}: run ${r + 1}/${ctx.options.runs}`);
      const runsOf = (name: string) => (runs[name] ??= { p50: [], direct: [], p99: [], perSecond: [], errors: 0 });
      for (const [name, query] of Object.entries(QUERIES)) {
        const body = JSON.stringify({ query: query.text, variables: { id: ready.assetId } });
        await load(endpoint, body, 20, 1); // warm-up
        const latency = await load(endpoint, body, LATENCY_REQUESTS, 1);
        const throughput = await load(endpoint, body, THROUGHPUT_REQUESTS, CONCURRENCY);
        const entry = runsOf(name);
        entry.p50.push(percentile(latency.latenciesMs, 50) * 1000);
        entry.p99.push(percentile(latency.latenciesMs, 99) * 1000);
        entry.perSecond.push(throughput.perSecond);
        entry.errors += latency.errors + throughput.errors;
      }
      const direct = await measureDirect();
      for (const name of Object.keys(QUERIES)) runsOf(name).direct.push((direct[name] ?? 0) * 1000);
    }
    return Object.entries(QUERIES).flatMap(([name, query]) => {
      const q = runs[name]!;
      const share = q.p50.map((p50, i) => Math.max(0, (100 * (p50 - (q.direct[i] ?? 0))) / p50));
      const what = `${label}: \`${name}\` (${query.what})`;
      const errors = q.errors ? { note: `${q.errors} responses with errors` } : {};
      return [
        { name: `${what}: p50`, unit: 'µs', value: median(q.p50), runs: q.p50, ...errors },
        { name: `${what}: p99`, unit: 'µs', value: median(q.p99), runs: q.p99 },
        {
          name: `${what}: throughput, ${CONCURRENCY} concurrent`,
          unit: 'req/s',
          value: median(q.perSecond),
          runs: q.perSecond,
        },
        {
          name: `${what}: same store calls without GraphQL (p50)`,
          unit: 'µs',
          value: median(q.direct),
          runs: q.direct,
        },
        { name: `${what}: GraphQL + HTTP share of the p50`, unit: '%', value: median(share), runs: share },
      ];
    });
  } finally {
    await stopChild(child);
  }
}

const notMeasured = (label: string, reason: string): Measurement => ({
  name: `${label}: GraphQL latency — ${reason}`,
  unit: 'µs',
  value: null,
  runs: [],
});

async function runStore(
  store: StoreChoice,
  options: BenchOptions,
  ctx: SuiteContext,
  details: string[],
): Promise<Measurement[]> {
  const base = { size: options.size, seed: options.seed };
  if (store === 'memory') return measureStore('Memory store', { store, ...base }, ctx, details);
  const availability = await obtainNeo4j(process.env, ctx.log);
  if ('unavailable' in availability) return [notMeasured('Neo4j', availability.unavailable)];
  const target: Neo4jTarget = availability.target;
  try {
    details.push(`Neo4j: ${target.description}, database emptied before loading`);
    return await measureStore(
      'Neo4j',
      { store, ...base, neo4j: { uri: target.uri, user: target.user, password: target.password } },
      ctx,
      details,
    );
  } catch (error) {
    // A store that cannot hold the analysed estate is a finding to record, not a reason to lose the other figures.
    const reason = error instanceof Error ? error.message : String(error);
    return [notMeasured('Neo4j', reason)];
  } finally {
    await target.stop();
  }
}

export const graphqlSuite: BenchSuite = {
  name: 'graphql',
  description: 'GraphQL API latency and throughput over loopback HTTP, memory store and Neo4j',
  async run(ctx) {
    const { options } = ctx;
    const details = [
      `Estate: size ${String(options.size)}, seed ${options.seed}, generated, ingested and analysed inside the server process (\`bench/suites/graphql-server.ts\`, Apollo Server 5 on Express 5, authentication off on loopback, rate limits raised)`,
      `Client: a bounded fetch loop on 127.0.0.1 in the harness process; per query: 20 warm-up requests, ${LATENCY_REQUESTS} sequential requests for p50/p99, then ${formatNumber(THROUGHPUT_REQUESTS)} requests with ${CONCURRENCY} in flight for throughput; each phase stops at ${PHASE_LIMIT_MS / 1000} s`,
      '"Without GraphQL": the same store calls the resolvers make (listing, neighbours per endpoint, rank window, node lookup), timed in the server process after each run\'s load phases (100 calls or 10 s); the share is (p50 − direct) ÷ p50 per run, i.e. HTTP, JSON, GraphQL validation and execution',
      ...Object.entries(QUERIES).map(([name, q]) => `\`${name}\`: \`${q.text}\``),
    ];
    const measurements: Measurement[] = [];
    for (const store of options.stores) measurements.push(...(await runStore(store, options, ctx, details)));
    return { key: 'graphql', title: 'GraphQL API', details, measurements };
  },
};
