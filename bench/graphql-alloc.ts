/**
 * Bytes per GraphQL request on the memory store, per request class, for one or more source trees side by side:
 * `node --import tsx bench/graphql-alloc.ts [--size M] [--requests 500] [--runs 1] [--semi-space MB] [--only NAME] [--concurrency N] [ROOT…]`
 * (default ROOT: this tree). For each tree a server process loads the generated estate from that tree's own code
 * and serves it over loopback HTTP; the client (this process) sends each operation of bench/lib/api-operations.ts
 * one at a time (or `--concurrency` at once), and the server process reports, per operation, the bytes its heap allocated and promoted to the
 * old space (v8.GCProfiler), the collections, and its CPU time. Trees are measured one after the other, alternating
 * per run, so a comparison is made in one sitting. Bytes do not depend on the machine's load; CPU time barely does.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startAllocWindow, type AllocWindow } from './lib/alloc-meter.js';
import { apiOperations, EXPLORE_QUERY, type ApiOperation } from './lib/api-operations.js';
import { ROOT } from './lib/child.js';
import { benchServerConfig } from './lib/server-config.js';
import { median } from './lib/stats.js';

const SELF = fileURLToPath(import.meta.url);
const READY = 'ALLOC_READY ';
const WINDOW = 'ALLOC_WINDOW ';
const WARM_UP = 50;

interface ChildArgs {
  readonly root: string;
  readonly size: string;
  readonly seed: number;
}

interface Ready {
  readonly url: string;
  readonly assetId: string;
  readonly pathId: string;
}

const load = (root: string, path: string) => import(pathToFileURL(resolve(root, path)).href);

/** The server process: the estate loaded and served with the measured tree's own code. */
async function child(args: ChildArgs): Promise<void> {
  const { createServer } = await load(args.root, 'src/api/index.ts');
  const { DEFAULT_LIMITS } = await load(args.root, 'src/config/server.ts');
  const { MemoryStore } = await load(args.root, 'src/store/index.ts');
  const { generateEstate, estateRows } = await load(args.root, 'tools/estate/index.ts');
  const { ingestRows } = await load(args.root, 'src/ingest/pipeline.ts');
  const { analyze } = await load(args.root, 'src/analysis/analyze.ts');
  const store = await MemoryStore.open();
  const estate = generateEstate({ size: args.size, seed: args.seed });
  const rows = [...(estateRows(estate) as Iterable<{ section: string; row: unknown }>)].map(({ section, row }, index) => ({
    file: `${section}.json`,
    index,
    value: row,
  }));
  const run = { runId: 'bench-alloc', startedAt: new Date().toISOString() };
  await ingestRows(store, rows, { source: 'azure-export', run });
  await analyze(store, { ...run, runId: 'bench-alloc-analysis' });
  const assetId = (await store.listNodes({ kind: 'ApiGateway', first: 1 })).items[0]?.id ?? 'internet';
  const top = await store.listNodes({ kind: 'AttackPath', where: [{ property: 'rank', op: 'eq', value: 1 }], first: 1 });
  const server = await createServer(benchServerConfig(DEFAULT_LIMITS), store);
  const { url } = await server.listen();
  const ready: Ready = { url, assetId, pathId: top.items[0]?.id ?? 'none' };
  process.stdout.write(`${READY}${JSON.stringify(ready)}\n`);
  let window: ReturnType<typeof startAllocWindow> | undefined;
  process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').map((l) => l.trim())) {
      // No collection is forced first: a full collection shrinks the young generation V8 has grown to its load.
      if (line === 'start') {
        window = startAllocWindow();
        process.stdout.write(`${WINDOW}null\n`);
      } else if (line === 'stop' && window) {
        process.stdout.write(`${WINDOW}${JSON.stringify(window.stop())}\n`);
        window = undefined;
      }
    }
  });
  await new Promise<void>((done) => process.stdin.once('end', done).once('close', done));
  await server.close();
  await store.close();
}

interface Server {
  readonly ready: Ready;
  command(line: 'start' | 'stop'): Promise<AllocWindow | null>;
  stop(): Promise<void>;
}

function startServer(args: ChildArgs, semiSpaceMb: number | null): Promise<Server> {
  const flags = [...(semiSpaceMb ? [`--max-semi-space-size=${semiSpaceMb}`] : [])];
  const proc = spawn(process.execPath, [...flags, '--import', 'tsx', SELF, 'child', JSON.stringify(args)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const answers: ((w: AllocWindow | null) => void)[] = [];
  return new Promise((ready, fail) => {
    let buffered = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(WINDOW)) answers.shift()?.(JSON.parse(line.slice(WINDOW.length)) as AllocWindow | null);
        if (!line.startsWith(READY)) continue;
        ready({
          ready: JSON.parse(line.slice(READY.length)) as Ready,
          command: (line) =>
            new Promise((answer) => {
              answers.push(answer);
              proc.stdin.write(`${line}\n`);
            }),
          stop: () =>
            new Promise((done) => {
              proc.once('close', () => done());
              proc.stdin.end();
            }),
        });
      }
    });
    proc.once('exit', (code) => fail(new Error(`the server process for ${args.root} exited (${code}) before it was ready`)));
  });
}

async function send(endpoint: string, bodies: readonly string[], count: number, latencies: number[] = []): Promise<number> {
  let errors = 0;
  for (let i = 0; i < count; i++) {
    const sent = performance.now();
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodies[i % bodies.length]!,
      });
      const json = (await response.json()) as { errors?: unknown };
      latencies.push(performance.now() - sent);
      if (!response.ok || json.errors) errors++;
    } catch {
      // A dropped connection counts as an error; the bytes of the other requests still stand.
      errors++;
    }
  }
  return errors;
}

/** Per request: KB allocated, bytes promoted, CPU µs, scavenges per 1,000; and the sequential p50 and p99 (wall clock, ms). */
interface PerRequest {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly allocatedKb: number;
  readonly promotedBytes: number;
  readonly cpuMicros: number;
  readonly scavengesPer1000: number;
  readonly errors: number;
}

async function measure(
  server: Server,
  classes: readonly { name: string; ops: readonly ApiOperation[] }[],
  requests: number,
  concurrency: number,
) {
  const endpoint = `${server.ready.url}/graphql`;
  const variables = { id: server.ready.assetId, path: server.ready.pathId, q: EXPLORE_QUERY };
  const results = new Map<string, PerRequest>();
  for (const { name, ops } of classes) {
    const bodies = ops.map((op) => JSON.stringify({ query: op.text, variables }));
    await send(endpoint, bodies, WARM_UP);
    await server.command('start');
    const latencies: number[] = [];
    const perClient = Math.ceil(requests / concurrency);
    const errors = (
      await Promise.all(Array.from({ length: concurrency }, () => send(endpoint, bodies, perClient, latencies)))
    ).reduce((sum, n) => sum + n, 0);
    const sent = perClient * concurrency;
    const w = (await server.command('stop'))!;
    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
    results.set(name, {
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      allocatedKb: w.allocatedBytes / sent / 1024,
      promotedBytes: w.promotedBytes / sent,
      cpuMicros: w.cpuMicros / sent,
      scavengesPer1000: (w.scavenges * 1000) / sent,
      errors,
    });
  }
  return results;
}

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = argv.splice(at, 2);
  return value;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'child') return child(JSON.parse(argv[1]!) as ChildArgs);
  const size = option(argv, '--size') ?? 'M';
  const requests = Number(option(argv, '--requests') ?? 500);
  const runs = Number(option(argv, '--runs') ?? 1);
  // A comma-separated list measures each young-generation size in turn (0: V8's default).
  const semis = (option(argv, '--semi-space') ?? '0').split(',').map(Number);
  const only = option(argv, '--only');
  // Requests in flight at once: 1 measures one request's own garbage; more shows what survives while others wait.
  const concurrency = Number(option(argv, '--concurrency') ?? 1);
  const roots = argv.length ? argv.map((r) => resolve(r)) : [ROOT];
  const ops = apiOperations();
  const classes = [
    ...ops.map((op) => ({ name: op.name, ops: [op] })),
    { name: 'mix (every operation in turn)', ops },
  ].filter((c) => !only || c.name.includes(only));
  const all = new Map<string, Map<string, PerRequest[]>>();
  for (let r = 0; r < runs; r++) {
    for (const [root, semi] of roots.flatMap((root) => semis.map((semi) => [root, semi] as const))) {
      const tree = semi ? `${root} (semi-space ${semi} MB)` : root;
      process.stderr.write(`run ${r + 1}/${runs}: ${tree}…\n`);
      const server = await startServer({ root, size, seed: 42 }, semi || null);
      try {
        const results = await measure(server, classes, requests, concurrency);
        for (const [name, result] of results) {
          const byRoot = all.get(name) ?? new Map<string, PerRequest[]>();
          all.set(name, byRoot);
          byRoot.set(tree, [...(byRoot.get(tree) ?? []), result]);
        }
      } finally {
        await server.stop();
      }
    }
  }
  const rows = [
    '| request class | tree | KB allocated / req | bytes promoted / req | server CPU µs / req | scavenges / 1,000 req | p50 ms | p99 ms | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const fmt = (values: number[], digits: number) => median(values).toFixed(digits);
  for (const [name, byRoot] of all) {
    for (const [root, results] of byRoot) {
      rows.push(
        `| ${name} | ${root} | ${fmt(results.map((x) => x.allocatedKb), 1)} | ${fmt(results.map((x) => x.promotedBytes), 0)} | ${fmt(results.map((x) => x.cpuMicros), 0)} | ${fmt(results.map((x) => x.scavengesPer1000), 1)} | ${fmt(results.map((x) => x.p50Ms), 2)} | ${fmt(results.map((x) => x.p99Ms), 2)} | ${results.reduce((s, x) => s + x.errors, 0)} |`,
      );
    }
  }
  process.stdout.write(`size ${size}, ${requests} requests per class (${concurrency} in flight) after ${WARM_UP} warm-up, median of ${runs} run(s)\n\n${rows.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
