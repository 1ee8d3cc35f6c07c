/**
 * Child process of `--suite graphql`: loads a generated estate into one store, then serves the API on 127.0.0.1
 * until the parent closes its stdin, clocking the time spent inside store calls whenever the parent asks.
 * `node --import tsx bench/suites/graphql-server.ts '<json args>'`.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../src/analysis/analyze.js';
import { createServer } from '../../src/api/index.js';
import { DEFAULT_LIMITS } from '../../src/config/server.js';
import { estateRows, generateEstate, type EstateSize } from '../../tools/estate/index.js';
import type { InputRow } from '../../src/util/input/rows.js';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { MemoryStore, Neo4jStore, type GraphStore } from '../../src/store/index.js';
import { benchServerConfig } from '../lib/server-config.js';
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
  readonly pathId: string;
  readonly loadSeconds: number;
}

/** Time spent inside store calls between a `start` and a `stop` from the parent (overlapping calls counted once). */
export interface StoreTime {
  readonly ms: number;
  readonly calls: number;
}

/**
 * The heap right after one major (mark-compact) collection of the server process: what is still reachable then.
 * RSS rises between collections with garbage the collector has not yet reclaimed and falls at each one (a sawtooth),
 * so only these floors say whether memory is retained.
 */
export interface GcFloor {
  /** Wall-clock time (ms since the epoch: the parent's clock too) when the observer saw the collection. */
  readonly at: number;
  readonly heapUsedMb: number;
  readonly rssMb: number;
}

export const READY = 'GRAPHQL_BENCH_READY ';
/** Child → parent, unprompted, after every major collection once the server is ready: one GcFloor. */
export const GC_FLOOR = 'GRAPHQL_BENCH_GC_FLOOR ';
export const STORE_TIME = 'GRAPHQL_BENCH_STORE_TIME ';
/** Parent → child, one per line on stdin: start (and reset) or stop counting store time; each is answered. */
export const START_STORE_TIME = 'start';
export const STOP_STORE_TIME = 'stop';
/**
 * Parent → child: run a full collection now (the child runs with --expose-gc) and answer with the heap after it
 * (a HEAP_AFTER_GC line holding a GcFloor). Asked before and after a load, never during it.
 */
export const COLLECT = 'collect';
export const HEAP_AFTER_GC = 'GRAPHQL_BENCH_HEAP_AFTER_GC ';

/**
 * The store behind a clock: the wall time during which at least one store call is in flight, and the number of
 * calls. Requests are sent one at a time while it counts, so that time belongs to those requests alone; the rest
 * of each request is HTTP, JSON and GraphQL (parse, validate, execute, serialise).
 */
function clockedStore(store: GraphStore) {
  let counting = false;
  let inFlight = 0;
  let since = 0;
  let ms = 0;
  let calls = 0;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'streamGraph') return value;
      return async (...args: unknown[]) => {
        if (!counting) return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        calls += 1;
        if (inFlight++ === 0) since = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          if (--inFlight === 0) ms += performance.now() - since;
        }
      };
    },
  });
  return {
    store: proxy,
    start() {
      counting = true;
      ms = 0;
      calls = 0;
    },
    stop(): StoreTime {
      counting = false;
      return { ms, calls };
    },
  };
}

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

async function main(args: ServerChildArgs): Promise<void> {
  const store = await openStore(args);
  const started = performance.now();
  await load(store, args);
  const loadSeconds = (performance.now() - started) / 1000;
  const counts = await store.countNodesByKind();
  const assetId = (await store.listNodes({ kind: 'ApiGateway', first: 1 })).items[0]?.id ?? 'internet';
  // The top-ranked path: the one a client opens first.
  const top = await store.listNodes({
    kind: 'AttackPath',
    where: [{ property: 'rank', op: 'eq', value: 1 }],
    first: 1,
  });
  const pathId = top.items[0]?.id ?? 'none';
  const clocked = clockedStore(store);
  const server = await createServer(benchServerConfig(DEFAULT_LIMITS), clocked.store);
  const { url } = await server.listen();
  const ready: ServerReady = {
    url,
    nodes: Object.values(counts).reduce((s, n) => s + (n ?? 0), 0),
    endpoints: counts.ApiEndpoint ?? 0,
    attackPaths: counts.AttackPath ?? 0,
    assetId,
    pathId,
    loadSeconds,
  };
  process.stdout.write(`${READY}${JSON.stringify(ready)}\n`);
  const floors = reportGcFloors();
  // Runs until the parent closes stdin (or exits): the child never outlives its benchmark.
  process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').map((l) => l.trim())) {
      if (line === START_STORE_TIME) {
        clocked.start();
        process.stdout.write(`${STORE_TIME}null\n`);
      } else if (line === STOP_STORE_TIME) {
        process.stdout.write(`${STORE_TIME}${JSON.stringify(clocked.stop())}\n`);
      } else if (line === COLLECT) {
        process.stdout.write(`${HEAP_AFTER_GC}${JSON.stringify(collectedHeap())}\n`);
      }
    }
  });
  await new Promise<void>((resolve) => process.stdin.once('end', resolve).once('close', resolve));
  floors.disconnect();
  await server.close();
  await store.close();
}

/** The heap after a full collection: only what is reachable. Needs --expose-gc (the parent starts the child so). */
function collectedHeap(): GcFloor {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the server process runs without --expose-gc');
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { at: Date.now(), heapUsedMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20 };
}

/**
 * Reports the heap after each major collection. The observer is called shortly after the collection ends (its
 * entries are delivered on a later turn of the loop), so a request or two may have allocated in between: small
 * beside a heap of hundreds of megabytes. Passive: nothing is forced, so the latency figures are the server's own.
 */
function reportGcFloors(): PerformanceObserver {
  const observer = new PerformanceObserver((list) => {
    const major = list
      .getEntries()
      .some((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    const { heapUsed, rss } = process.memoryUsage();
    const floor: GcFloor = { at: Date.now(), heapUsedMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20 };
    process.stdout.write(`${GC_FLOOR}${JSON.stringify(floor)}\n`);
  });
  observer.observe({ entryTypes: ['gc'] });
  return observer;
}

// Run only as the child's entry point, not when the parent imports READY and the types.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(JSON.parse(process.argv[2] ?? '{}') as ServerChildArgs).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
