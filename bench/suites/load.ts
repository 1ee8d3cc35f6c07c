/**
 * `--suite load`: the GraphQL server under sustained load. autocannon on 127.0.0.1 drives `serve`'s API (the same
 * server the graphql suite starts, in its own process: bench/suites/graphql-server.ts) with `--connections`
 * (default 50) connections for `--duration` seconds (default 60), cycling through a mix of operations, on the
 * memory store and on Neo4j. Recorded: requests/s, latency p50/p90/p99, errors (network errors, timeouts, non-2xx
 * and GraphQL `errors` in 200 responses: all must be 0), each operation's p50/p99 (load-operations.ts), the server
 * process' RSS sampled every second, and the server's heap after each of its major collections (the figure that
 * shows a leak: see bench/lib/gc-floors.ts).
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { templateOperations } from '../lib/api-operations.js';
import { retainedHeap } from '../lib/gc-floors.js';
import { obtainNeo4j } from '../lib/neo4j.js';
import { formatNumber } from '../lib/stats.js';
import type { BenchOptions, BenchSuite, Measurement, StoreChoice, SuiteContext } from '../lib/types.js';
import { startChild, stopChild } from './graphql.js';
import { OperationLatencies } from './load-operations.js';
import type { ServerChildArgs } from './graphql-server.js';

export const DEFAULT_LOAD_CONNECTIONS = 50;
export const DEFAULT_LOAD_DURATION_S = 60;

/** The mix: each connection sends these in turn, then every shipped template (bench/lib/api-operations.ts). */
export const LOAD_OPERATIONS: readonly { readonly name: string; readonly query: string }[] = [
  { name: 'inventory', query: '{ inventory { endpoints nodesByKind { kind count } } }' },
  {
    name: 'apiEndpoints page',
    query: '{ apiEndpoints(first: 50) { pageInfo { endCursor hasNextPage } edges { node { id name insights } } } }',
  },
  {
    name: 'attackPaths page',
    query: '{ attackPaths(first: 20) { edges { node { id rank riskLevel score steps { id kind name } } } } }',
  },
  {
    name: 'runTemplate (one hop)',
    query:
      '{ runTemplate(name: "internet-exposed-apis-routing-to-vms", first: 50) { edges { node { id kind name } } } }',
  },
  ...templateOperations().map((op) => ({ name: op.name, query: op.text })),
];

async function rssMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

interface LoadFigures {
  readonly result: autocannon.Result;
  readonly graphqlErrors: number;
  readonly operations: OperationLatencies;
  readonly rss: readonly number[];
  /** Wall-clock start and end of the load (ms since the epoch), to pick the server's collections during it. */
  readonly startedAt: number;
  readonly endedAt: number;
}

async function drive(url: string, pid: number, options: BenchOptions): Promise<LoadFigures> {
  let graphqlErrors = 0;
  const operations = new OperationLatencies();
  const rss: number[] = [];
  const sampleRss = async () => {
    const mb = await rssMb(pid);
    if (mb !== null) rss.push(mb);
  };
  await sampleRss();
  const sampler = setInterval(() => void sampleRss(), 1_000);
  const startedAt = Date.now();
  try {
    const result = await autocannon({
      url: `${url}/graphql`,
      connections: options.loadConnections ?? DEFAULT_LOAD_CONNECTIONS,
      duration: options.loadDuration ?? DEFAULT_LOAD_DURATION_S,
      timeout: 30,
      requests: LOAD_OPERATIONS.map((op) => {
        const timing = operations.hooks(op.name);
        return {
          method: 'POST' as const,
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: op.query }),
          setupRequest: timing.setupRequest,
          onResponse: (status: number, body: string, context: Record<string, unknown>) => {
            timing.record(context);
            if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
          },
        };
      }),
    });
    const endedAt = Date.now();
    await sampleRss();
    return { result, graphqlErrors, operations, rss, startedAt, endedAt };
  } finally {
    clearInterval(sampler);
  }
}

async function measureStore(
  label: string,
  args: ServerChildArgs,
  ctx: SuiteContext,
  details: string[],
): Promise<Measurement[]> {
  ctx.log(`  ${label}: loading the estate in the server process…`);
  const { child, ready, gcFloors, collect } = await startChild(args, ctx.log);
  try {
    details.push(
      `${label}: ${formatNumber(ready.nodes)} nodes, ${formatNumber(ready.endpoints)} API endpoints, ${formatNumber(ready.attackPaths)} attack paths; ingest + analysis ${formatNumber(ready.loadSeconds, 1)} s (not timed below)`,
    );
    const pid = child.pid!;
    const warm = await autocannon({
      url: `${ready.url}/graphql`,
      connections: 4,
      amount: 200,
      requests: LOAD_OPERATIONS.map((op) => ({
        method: 'POST' as const,
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: op.query }),
      })),
    });
    ctx.log(`  ${label}: warmed up (${warm.requests.total} requests); load for ${args.size}…`);
    // Full collections outside the load: the heap then holds only what is reachable, and the run is not paused.
    const heapBefore = await collect();
    const loadBefore = loadavg()[0] ?? 0;
    const { result, graphqlErrors, operations, rss, startedAt, endedAt } = await drive(ready.url, pid, ctx.options);
    const heapAfter = await collect();
    const retained = retainedHeap(gcFloors, startedAt, endedAt);
    const loadAfter = loadavg()[0] ?? 0;
    const failures = result.errors + result.timeouts + result.non2xx + graphqlErrors;
    const rssStart = rss[0] ?? 0;
    const rssPeak = Math.max(...rss);
    const rssEnd = rss.at(-1) ?? 0;
    const lastQuarter = rss.slice(Math.floor((rss.length * 3) / 4));
    const lastHalf = rss.slice(Math.floor(rss.length / 2));
    details.push(
      `${label}: ${formatNumber(result.requests.total)} requests in ${formatNumber(result.duration, 1)} s; 1-minute load average ${formatNumber(loadBefore, 1)} before and ${formatNumber(loadAfter, 1)} after the load (2 cores shared with other work); RSS of the server process every second (MB): ${rss.map((m) => Math.round(m)).join(' ')}; heap after each major collection during the load (MB): ${retained.floorsMb.map((m) => Math.round(m)).join(' ') || 'none'}`,
    );
    const one = (name: string, unit: string, value: number, note?: string): Measurement => ({
      name: `${label}: ${name}`,
      unit,
      value,
      runs: [value],
      ...(note ? { note } : {}),
    });
    return [
      one('requests/s (mean)', 'req/s', result.requests.average),
      one('latency p50', 'ms', result.latency.p50),
      one('latency p90', 'ms', result.latency.p90),
      one('latency p99', 'ms', result.latency.p99),
      one('latency max', 'ms', result.latency.max),
      one(
        'failed responses (errors + timeouts + non-2xx + GraphQL errors)',
        'responses',
        failures,
        `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${graphqlErrors} with GraphQL errors`,
      ),
      one('server RSS at start of load', 'MB', rssStart),
      one('server RSS peak', 'MB', rssPeak),
      one('server RSS at end', 'MB', rssEnd),
      one(
        'server heap after a full collection: growth from before to after the load (target: flat)',
        'MB',
        heapAfter.heapUsedMb - heapBefore.heapUsedMb,
        `${formatNumber(heapBefore.heapUsedMb, 0)} MB → ${formatNumber(heapAfter.heapUsedMb, 0)} MB; RSS then ${formatNumber(heapBefore.rssMb, 0)} MB → ${formatNumber(heapAfter.rssMb, 0)} MB`,
      ),
      'unmeasured' in retained
        ? { name: `${label}: server heap after major collections, growth over the last half (target: flat)`, unit: 'MB', value: null, runs: [], note: retained.unmeasured }
        : one(
            'server heap after major collections, growth over the last half (target: flat)',
            'MB',
            retained.growthMb,
            `${formatNumber(retained.fromMb, 0)} MB → ${formatNumber(retained.toMb, 0)} MB; ${retained.floorsMb.length} major collections during the load`,
          ),
      one(
        'server RSS growth over the last half of the run (a garbage-collection sawtooth: not a leak measure)',
        'MB',
        (lastHalf.at(-1) ?? 0) - (lastHalf[0] ?? 0),
        `lowest ${formatNumber(Math.min(...lastHalf), 0)} MB, highest ${formatNumber(Math.max(...lastHalf), 0)} MB over the last half`,
      ),
      one(
        'server RSS growth over the last quarter of the run',
        'MB',
        (lastQuarter.at(-1) ?? 0) - (lastQuarter[0] ?? 0),
      ),
      ...operations.measurements(label),
    ];
  } finally {
    await stopChild(child);
  }
}

async function runStore(store: StoreChoice, ctx: SuiteContext, details: string[]): Promise<Measurement[]> {
  const base = { size: ctx.options.size, seed: ctx.options.seed };
  if (store === 'memory') return measureStore('Memory store', { store, ...base }, ctx, details);
  const availability = await obtainNeo4j(process.env, ctx.log);
  if ('unavailable' in availability) {
    return [
      { name: 'Neo4j: load — not measured', unit: 'req/s', value: null, runs: [], note: availability.unavailable },
    ];
  }
  const target = availability.target;
  try {
    details.push(`Neo4j: ${target.description}, database emptied before loading`);
    return await measureStore(
      'Neo4j',
      { store, ...base, neo4j: { uri: target.uri, user: target.user, password: target.password } },
      ctx,
      details,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ name: 'Neo4j: load — not measured', unit: 'req/s', value: null, runs: [], note: reason }];
  } finally {
    await target.stop();
  }
}

export const loadSuite: BenchSuite = {
  name: 'load',
  description:
    'serve under sustained loopback load (autocannon), memory store and Neo4j: throughput, latency, errors, RSS',
  async run(ctx) {
    const { options } = ctx;
    const connections = options.loadConnections ?? DEFAULT_LOAD_CONNECTIONS;
    const duration = options.loadDuration ?? DEFAULT_LOAD_DURATION_S;
    const details = [
      `Estate: size ${String(options.size)}, seed ${options.seed}, generated, ingested and analysed inside the server process (\`bench/suites/graphql-server.ts\`: Apollo Server 5 on Express 5, as \`apiposture serve\` runs it, NODE_ENV=production)`,
      `Load: autocannon ${connections} connections for ${duration} s from the harness process on 127.0.0.1, each connection cycling through ${LOAD_OPERATIONS.length} operations; 200 warm-up requests first; request timeout 30 s`,
      "Rate limit: raised for this run to 10,000,000 requests/minute with a burst of 1,000,000 (the default 600/minute, burst 100, per client address would answer most of a single loopback client's requests with 429: this measures the API, not the limiter); every other limit is the default",
      'Failed responses count network errors, timeouts, non-2xx statuses and 200 responses carrying GraphQL `errors`; the target is 0',
      'Single run per store (a 60 s run is its own average); one figure, not a median',
      "Per operation: each request's time from autocannon building it (just before writing it: a connection sends its next request once the previous answer is in) to its answer, by operation; the lines `<operation> — latency p99 under load`, slowest first, name the operations that make the tail (p50 and max in the note)",
      "Memory: RSS between two collections rises with garbage not yet reclaimed and falls at each major collection (a sawtooth), so RSS growth over part of the run says where the run stopped in the cycle. A leak is measured on the heap after a full collection, which holds only what is still reachable: the server child runs with --expose-gc and collects on request just before and just after the load (never during it, so the latency figures are not paused), and the growth between the two is the figure. The heap after each major collection the server ran on its own during the load is listed too (a PerformanceObserver on `gc` entries in the child), with its growth over the last half when at least two fell in the run. The RSS series is kept beside them",
      ...LOAD_OPERATIONS.map((op) => `${op.name}: \`${op.query}\``),
    ];
    const measurements: Measurement[] = [];
    for (const store of options.stores) measurements.push(...(await runStore(store, ctx, details)));
    return { key: 'load', title: 'Serve under load', details, measurements };
  },
};
