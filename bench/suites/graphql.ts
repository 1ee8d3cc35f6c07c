/**
 * `--suite graphql`: GraphQL API latency (p50/p99, one request at a time) and throughput (8 concurrent requests)
 * over HTTP on 127.0.0.1, on a generated, ingested and analysed estate, memory store and Neo4j. The server runs
 * in a child process (bench/suites/graphql-server.ts) so client and server do not share an event loop; the
 * client is a bounded fetch loop (count and time capped) that only ever talks to that loopback server.
 * "GraphQL layer share": during the sequential requests the server clocks the time spent inside store calls; the
 * rest of each request (HTTP, JSON, GraphQL parse, validation, execution) is the layer's. Both come from the same
 * requests, so the share holds up under machine load better than the absolute times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../lib/child.js';
import { obtainNeo4j, type Neo4jTarget } from '../lib/neo4j.js';
import { formatNumber, median } from '../lib/stats.js';
import type { BenchOptions, BenchSuite, Measurement, StoreChoice, SuiteContext } from '../lib/types.js';
import { serveSemiSpaceMb } from '../../src/cli/young-generation.js';
import { listTemplates } from '../../src/explorer/index.js';
import { apiOperations, EXPLORE_QUERY, type ApiOperation } from '../lib/api-operations.js';
import {
  COLLECT,
  GC_FLOOR,
  HEAP_AFTER_GC,
  READY,
  START_STORE_TIME,
  STOP_STORE_TIME,
  STORE_TIME,
  type GcFloor,
  type ServerChildArgs,
  type ServerReady,
  type StoreTime,
} from './graphql-server.js';

const CHILD = fileURLToPath(new URL('./graphql-server.ts', import.meta.url));

/**
 * Targets on the memory store: every template's first page p99 ≤ 10 ms sequential; one-hop templates (one
 * connection of one hop, nothing nested) ≥ 1,000 req/s with 8 in flight; `asset` with 25 neighbours p99 ≤ 5 ms.
 */
const TEMPLATE_P99_MS = 10;
const ONE_HOP_PER_SECOND = 1_000;
const ASSET_P99_MS = 5;
/** On Neo4j: every template's first page p99 ≤ 50 ms sequential. */
const NEO4J_TEMPLATE_P99_MS = 50;

const ONE_HOP = new Set(
  listTemplates()
    .filter(({ query }) => {
      const connections = query.connections ?? [];
      return (
        connections.length > 0 &&
        connections.every((c) => (c.maxHops ?? c.minHops ?? 1) === 1 && (c.to.connections ?? []).length === 0)
      );
    })
    .map((t) => `template ${t.name}`),
);

/** The target an operation's figures are held against on the store measured, if any. */
function targetNote(operation: ApiOperation, p99Micros: number, perSecond: number, store: string): { note: string } | object {
  const met = (ok: boolean) => (ok ? 'met' : 'not met');
  if (store === 'neo4j') {
    if (operation.kind !== 'template') return {};
    return { note: `target p99 ≤ ${NEO4J_TEMPLATE_P99_MS} ms on Neo4j: ${met(p99Micros <= NEO4J_TEMPLATE_P99_MS * 1000)}` };
  }
  if (operation.kind === 'template') {
    const notes = [`target p99 ≤ ${TEMPLATE_P99_MS} ms: ${met(p99Micros <= TEMPLATE_P99_MS * 1000)}`];
    if (ONE_HOP.has(operation.name))
      notes.push(`one hop: target ≥ ${formatNumber(ONE_HOP_PER_SECOND)} req/s: ${met(perSecond >= ONE_HOP_PER_SECOND)}`);
    return { note: notes.join('; ') };
  }
  if (operation.kind === 'asset') return { note: `target p99 ≤ ${ASSET_P99_MS} ms: ${met(p99Micros <= ASSET_P99_MS * 1000)}` };
  return {};
}

const LATENCY_REQUESTS = 300;
const THROUGHPUT_REQUESTS = 2_000;
const CONCURRENCY = 8;
const PHASE_LIMIT_MS = 12_000;

interface LoadResult {
  readonly latenciesMs: readonly number[];
  readonly perSecond: number;
  readonly errors: number;
  /** Distinct failure messages, for the log. */
  readonly failures: readonly string[];
}

/** `requests` POSTs with `concurrency` in flight, stopping early at PHASE_LIMIT_MS. */
async function load(endpoint: string, body: string, requests: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  const failures = new Set<string>();
  const started = performance.now();
  const worker = async () => {
    while (sent < requests && performance.now() - started < PHASE_LIMIT_MS) {
      sent++;
      const t = performance.now();
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const json = (await response.json()) as { errors?: unknown };
        latencies.push(performance.now() - t);
        if (!response.ok || json.errors) {
          errors++;
          failures.add(`HTTP ${response.status}: ${JSON.stringify(json.errors ?? null).slice(0, 300)}`);
        }
      } catch (error) {
        // A dropped connection (a kept-alive socket the server closed, a server that died) is counted, not fatal:
        // the run's other figures still stand, and the count is printed with them.
        errors++;
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        failures.add(`${error instanceof Error ? error.message : String(error)}${cause}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    latenciesMs: latencies.sort((a, b) => a - b),
    perSecond: latencies.length / seconds,
    errors,
    failures: [...failures],
  };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

interface ServerChild {
  readonly child: ChildProcess;
  readonly ready: ServerReady;
  /** Tells the server process to start (or stop) clocking store calls, and waits for its answer. */
  storeTime(command: typeof START_STORE_TIME | typeof STOP_STORE_TIME): Promise<StoreTime | null>;
  /** The heap after each major collection since the server was ready, as the server process reports them. */
  readonly gcFloors: readonly GcFloor[];
  /** Has the server process run a full collection, and answers with the heap after it. */
  collect(): Promise<GcFloor>;
}

export function startChild(args: ServerChildArgs, log: (m: string) => void): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    // --expose-gc lets the load suite ask for a full collection before and after its load (never during it). The
    // young generation is the one `apiposture serve` runs with (APIPOSTURE_SERVE_SEMI_SPACE_MB=0: V8's default).
    const semiSpace = serveSemiSpaceMb(process.env);
    const flags = ['--expose-gc', ...(semiSpace ? [`--max-semi-space-size=${semiSpace}`] : [])];
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', CHILD, JSON.stringify(args)], {
      cwd: ROOT,
      // As `apiposture serve` runs it: graphql-js in production mode (see src/cli/commands/serve.ts).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let buffered = '';
    let failure = '';
    const waiting: ((time: StoreTime | null) => void)[] = [];
    const gcFloors: GcFloor[] = [];
    const collecting: ((heap: GcFloor) => void)[] = [];
    const collect = () =>
      new Promise<GcFloor>((answer) => {
        collecting.push(answer);
        child.stdin?.write(`${COLLECT}\n`);
      });
    const storeTime = (command: string) =>
      new Promise<StoreTime | null>((answer) => {
        waiting.push(answer);
        child.stdin?.write(`${command}\n`);
      });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(READY))
          resolve({ child, ready: JSON.parse(line.slice(READY.length)) as ServerReady, storeTime, gcFloors, collect });
        if (line.startsWith(GC_FLOOR)) gcFloors.push(JSON.parse(line.slice(GC_FLOOR.length)) as GcFloor);
        if (line.startsWith(HEAP_AFTER_GC)) collecting.shift()?.(JSON.parse(line.slice(HEAP_AFTER_GC.length)) as GcFloor);
        if (line.startsWith(STORE_TIME))
          waiting.shift()?.(JSON.parse(line.slice(STORE_TIME.length)) as StoreTime | null);
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
  p99: number[];
  perSecond: number[];
  /** Per run: share of the sequential requests' time spent outside store calls, in %. */
  layerShare: number[];
  /** Per run: store calls per request. */
  storeCalls: number[];
  errors: number;
}

async function measureStore(
  label: string,
  args: ServerChildArgs,
  ctx: SuiteContext,
  details: string[],
): Promise<Measurement[]> {
  ctx.log(`  ${label}: loading the estate in the server process…`);
  const { child, ready, storeTime } = await startChild(args, ctx.log);
  try {
    details.push(
      `${label}: ${formatNumber(ready.nodes)} nodes, ${formatNumber(ready.endpoints)} API endpoints, ${formatNumber(ready.attackPaths)} attack paths; ingest + analysis ${formatNumber(ready.loadSeconds, 1)} s (not timed below)`,
    );
    const endpoint = `${ready.url}/graphql`;
    const variables = { id: ready.assetId, path: ready.pathId, q: EXPLORE_QUERY };
    const runs: Record<string, QueryRuns> = {};
    const operations = apiOperations();
    for (let r = 0; r < ctx.options.runs; r++) {
      ctx.log(`  ${label}: run ${r + 1}/${ctx.options.runs}`);
      for (const query of operations) {
        const { name } = query;
        const body = JSON.stringify({ query: query.text, variables });
        await load(endpoint, body, 20, 1); // warm-up
        await storeTime(START_STORE_TIME);
        const latency = await load(endpoint, body, LATENCY_REQUESTS, 1);
        const inStore = (await storeTime(STOP_STORE_TIME)) ?? { ms: 0, calls: 0 };
        const throughput = await load(endpoint, body, THROUGHPUT_REQUESTS, CONCURRENCY);
        const entry = (runs[name] ??= { p50: [], p99: [], perSecond: [], layerShare: [], storeCalls: [], errors: 0 });
        const total = latency.latenciesMs.reduce((sum, ms) => sum + ms, 0);
        entry.p50.push(percentile(latency.latenciesMs, 50) * 1000);
        entry.p99.push(percentile(latency.latenciesMs, 99) * 1000);
        entry.perSecond.push(throughput.perSecond);
        entry.layerShare.push(total > 0 ? Math.max(0, 100 * (1 - inStore.ms / total)) : 0);
        entry.storeCalls.push(inStore.calls / Math.max(1, latency.latenciesMs.length));
        entry.errors += latency.errors + throughput.errors;
        for (const failure of new Set([...latency.failures, ...throughput.failures]))
          ctx.log(`    ${label}: ${name}: ${failure}`);
      }
    }
    return operations.flatMap((query) => {
      const { name } = query;
      const q = runs[name]!;
      const what = `${label}: \`${name}\` (${query.what})`;
      const errors = q.errors ? { note: `${q.errors} responses with errors` } : {};
      const p99 = median(q.p99);
      const perSecond = median(q.perSecond);
      const target = targetNote(query, p99, perSecond, args.store);
      return [
        { name: `${what}: p50`, unit: 'µs', value: median(q.p50), runs: q.p50, ...errors },
        { name: `${what}: p99`, unit: 'µs', value: p99, runs: q.p99, ...target },
        {
          name: `${what}: throughput, ${CONCURRENCY} concurrent`,
          unit: 'req/s',
          value: perSecond,
          runs: q.perSecond,
        },
        {
          name: `${what}: store calls per request`,
          unit: 'calls',
          value: median(q.storeCalls),
          runs: q.storeCalls,
        },
        {
          name: `${what}: GraphQL layer share (time outside store calls)`,
          unit: '%',
          value: median(q.layerShare),
          runs: q.layerShare,
        },
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
      `Client: a bounded fetch loop on 127.0.0.1 in the harness process; per operation: 20 warm-up requests, ${LATENCY_REQUESTS} sequential requests for p50/p99, then ${formatNumber(THROUGHPUT_REQUESTS)} requests with ${CONCURRENCY} in flight for throughput; each phase stops at ${PHASE_LIMIT_MS / 1000} s (so slow operations get fewer samples: their p99 is then close to their maximum)`,
      'GraphQL layer share: during the sequential requests the server clocks the wall time during which a store call is in flight (`bench/suites/graphql-server.ts`); share = 1 − store time ÷ summed request latency, per run. It is HTTP, JSON, GraphQL parsing, validation, cost checks, execution and serialisation. Both parts come from the same requests, so the share is the figure to compare across loads; "store calls per request" shows the batching (it does not grow with the page)',
      `Targets on the memory store: every template's first page (\`first: 50\`) p99 ≤ ${TEMPLATE_P99_MS} ms sequential; one-hop templates (${[...ONE_HOP].map((n) => `\`${n.slice('template '.length)}\``).join(', ')}) ≥ ${formatNumber(ONE_HOP_PER_SECOND)} req/s with ${CONCURRENCY} in flight; \`asset\` p99 ≤ ${ASSET_P99_MS} ms. On Neo4j: every template's first page p99 ≤ ${NEO4J_TEMPLATE_P99_MS} ms`,
      'Operations: bench/lib/api-operations.ts (the same list for the memory store and Neo4j, and for the load suite)',
      ...apiOperations().map((q) => `\`${q.name}\`: \`${q.text}\``),
      `\`explore\` variables: \`${JSON.stringify({ q: EXPLORE_QUERY })}\`; \`attackPath\`: the rank-1 path; \`asset\`: the first API gateway by id`,
    ];
    const measurements: Measurement[] = [];
    for (const store of options.stores) measurements.push(...(await runStore(store, options, ctx, details)));
    const size = String(options.size);
    return { key: `graphql:${size}`, title: `GraphQL API · estate ${size}`, details, measurements };
  },
};
