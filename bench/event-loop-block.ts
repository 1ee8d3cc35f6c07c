/**
 * The longest event-loop block while the API serves each request class on the memory store: every operation of
 * bench/lib/api-operations.ts (inventory, apiEndpoints, attackPaths, attackPath, explore, asset, and every shipped
 * explorer template with `first: 50`), sent to the GraphQL server in process over loopback, measured with
 * perf_hooks.monitorEventLoopDelay. Each operation is sent ROUNDS times in a row with nothing before it, so the
 * first (cold) request — the one that computes what later ones reuse — is inside the measurement. Usage:
 *   node --import tsx bench/event-loop-block.ts ESTATE_DIR [SOURCE_ROOT] [--compare OTHER_SOURCE_ROOT]
 * SOURCE_ROOT (default: this checkout) lets the same measurement run over another revision's src/; with --compare
 * both revisions are measured one after the other, each in a child process, and printed side by side.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiOperations, EXPLORE_QUERY } from './lib/api-operations.js';
import { benchServerConfig } from './lib/server-config.js';

const ROUNDS = 5;
const args = process.argv.slice(2);
const compareAt = args.indexOf('--compare');
const other = compareAt >= 0 ? args.splice(compareAt, 2)[1] : undefined;
const [estate, root = resolve(import.meta.dirname, '..')] = args;
if (!estate) throw new Error('usage: event-loop-block.ts ESTATE_DIR [SOURCE_ROOT] [--compare OTHER_SOURCE_ROOT]');

interface Row {
  readonly operation: string;
  readonly firstMs: number;
  readonly laterMs: number;
  readonly blockMs: number;
  /** The longest gap between two ticks of a 1 ms timer, counted in CPU time the process used (see cpuBlocks). */
  readonly cpuBlockMs: number;
}

/**
 * On a shared machine a process waiting for a core looks like a blocked loop to a wall clock. This counts each
 * gap between ticks of a 1 ms timer in the CPU time the process used meanwhile (at most the gap itself: helper
 * threads such as the collector's can add CPU time in parallel), which is the work that held the loop.
 */
function cpuBlocks(): { stop(): number } {
  let wall = performance.now();
  let cpu = process.cpuUsage();
  let longest = 0;
  const timer = setInterval(() => {
    const nowWall = performance.now();
    const nowCpu = process.cpuUsage();
    const used = (nowCpu.user - cpu.user + nowCpu.system - cpu.system) / 1000;
    longest = Math.max(longest, Math.min(used, nowWall - wall));
    wall = nowWall;
    cpu = nowCpu;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return longest;
    },
  };
}

async function measure(sourceRoot: string): Promise<Row[]> {
  const from = (path: string) => import(resolve(sourceRoot, path));
  const { MemoryStore } = await from('src/store/index.ts');
  const { ingestFiles } = await from('src/ingest/index.ts');
  const { analyze } = await from('src/analysis/analyze.ts');
  const { createServer } = await from('src/api/index.ts');
  const { DEFAULT_LIMITS } = await from('src/config/server.ts');

  const run = (n: number) => ({
    runId: `bench-${n}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  });
  const store = await MemoryStore.open();
  await ingestFiles(store, [estate], { source: 'azure-export', run: run(1) });
  await analyze(store, run(2));
  const gateway = (await store.listNodes({ kind: 'ApiGateway', first: 1 })).items[0]?.id ?? 'internet';
  const top = await store.listNodes({
    kind: 'AttackPath',
    where: [{ property: 'rank', op: 'eq', value: 1 }],
    first: 1,
  });
  const variables = { id: gateway, path: top.items[0]?.id ?? 'none', q: EXPLORE_QUERY };
  const server = await createServer(benchServerConfig(DEFAULT_LIMITS), store);
  const { url } = (await server.listen()) as { url: string };
  // The client runs in this process too: its first fetch loads and compiles undici (tens of milliseconds on this
  // loop), which would be counted against whichever request class came first.
  await (await fetch(`${url}/healthz`)).text();
  const rows: Row[] = [];
  try {
    for (const operation of apiOperations()) {
      const body = JSON.stringify({ query: operation.text, variables });
      const histogram = monitorEventLoopDelay({ resolution: 1 });
      histogram.enable();
      const cpu = cpuBlocks();
      // The histogram's timer needs a turn of the loop to start sampling; a block before that would go unseen.
      await new Promise((r) => setTimeout(r, 5));
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const json = (await response.json()) as { errors?: unknown };
        if (!response.ok || json.errors)
          throw new Error(`${operation.name}: ${JSON.stringify(json.errors ?? response.status)}`);
        times.push(performance.now() - started);
      }
      await new Promise((r) => setTimeout(r, 5));
      histogram.disable();
      const cpuBlockMs = cpu.stop();
      const later = times.slice(1);
      rows.push({
        operation: operation.name,
        firstMs: times[0]!,
        laterMs: later.reduce((s, t) => s + t, 0) / later.length,
        blockMs: histogram.max / 1e6,
        cpuBlockMs,
      });
    }
  } finally {
    await server.close();
    await store.close();
  }
  return rows;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

if (process.env['EVENT_LOOP_CHILD']) {
  process.stdout.write(`${JSON.stringify(await measure(root))}\n`);
} else if (!other) {
  const rows = await measure(root);
  console.log('operation\tfirst request\tlater requests (mean)\tlongest block\tlongest block in CPU time');
  for (const r of rows)
    console.log(`${r.operation}\t${fmt(r.firstMs)}\t${fmt(r.laterMs)}\t${fmt(r.blockMs)}\t${fmt(r.cpuBlockMs)}`);
  const worst = rows.reduce((w, r) => (r.blockMs > w.blockMs ? r : w));
  console.log(`worst\t${worst.operation}\t${fmt(worst.blockMs)}`);
} else {
  // Each revision in a process of its own, one after the other: same machine, same load, no shared heap.
  const inChild = (sourceRoot: string): Row[] => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), estate, sourceRoot], {
      env: { ...process.env, EVENT_LOOP_CHILD: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`measuring ${sourceRoot} failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Row[];
  };
  const loadBefore = loadavg()[0]!;
  const before = inChild(other);
  const after = inChild(root);
  console.log(`1-minute load average: ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after`);
  const columns = (r: Row | undefined) =>
    r ? `${fmt(r.blockMs)} | ${fmt(r.cpuBlockMs)} | ${fmt(r.firstMs)}` : '— | — | —';
  const heads = (name: string) => `${name}: longest block | in CPU time | first request`;
  console.log(`| operation | ${heads(other)} | ${heads(root)} |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const a of after)
    console.log(`| ${a.operation} | ${columns(before.find((r) => r.operation === a.operation))} | ${columns(a)} |`);
  const worst = (rows: Row[], of: (r: Row) => number) => fmt(Math.max(...rows.map(of)));
  console.log(
    `| worst of all operations | ${worst(before, (r) => r.blockMs)} | ${worst(before, (r) => r.cpuBlockMs)} | | ${worst(after, (r) => r.blockMs)} | ${worst(after, (r) => r.cpuBlockMs)} | |`,
  );
}
