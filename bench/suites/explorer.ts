/**
 * `--suite explorer`: latency of explorer templates (first page of 100 rows) on a generated, ingested and analysed
 * estate, on the memory store and on Neo4j. Each run times every template many times in one process after a
 * warm-up (the store is loaded once per run); the table gives the median over runs of each run's p50 and p99.
 * Target: p99 ≤ 100 ms for a one-hop template on the memory store at size M.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeView } from '../../src/analysis/analyze.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { getTemplate } from '../../src/explorer/index.js';
import { estateRows, generateEstate } from '../../tools/estate/index.js';
import type { InputRow } from '../../src/util/input/rows.js';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { MemoryStore, Neo4jStore, type AnalysisResult, type GraphStore } from '../../src/store/index.js';
import { obtainNeo4j } from '../lib/neo4j.js';
import { formatNumber, median } from '../lib/stats.js';
import type { BenchOptions, BenchSuite, Measurement, SuiteContext } from '../lib/types.js';

/** The one-hop template the target is about, then multi-hop ones for comparison. */
const ONE_HOP = 'gateway-bypass-backends';
const SHAPES: Readonly<Record<string, string>> = {
  [ONE_HOP]: 'one hop',
  'backends-outside-the-estate': 'one hop',
  'api-endpoints-routing-to-vms': '1..3 hops',
  'key-vaults-reachable-from-internet-exposed-endpoints': 'three nested connections',
};
const TEMPLATES = Object.keys(SHAPES);
const PAGE = 100;
const TARGET_P99_MS = 100;
const ITERATIONS = { memory: 200, neo4j: 50 } as const;
const WARM_UP = 5;

/** A full collection before each template's timed calls: the garbage of loading the estate is not the queries'. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly rows: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds per first-page call of one template, over `iterations` calls after a warm-up. */
async function timeTemplate(store: GraphStore, name: string, iterations: number): Promise<Latency> {
  const query = getTemplate(name).query;
  let rows = 0;
  for (let i = 0; i < WARM_UP; i++) rows = (await store.explore(query, { first: PAGE })).items.length;
  collectGarbage();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await store.explore(query, { first: PAGE });
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), rows };
}

function estateInput(options: BenchOptions): InputRow[] {
  const estate = generateEstate({ size: options.size, seed: options.seed });
  return [...estateRows(estate)].map(({ section, row }, index) => ({ file: `${section}.json`, index, value: row }));
}

const RUN = { runId: `bench-explorer-${Date.now()}`, startedAt: new Date().toISOString() };

/** Analysis-owned nodes and edges the explorer templates never look at (attack paths and findings). */
const RESULT_KINDS = new Set<string>(['AttackPath', 'Finding', 'TRAVERSES', 'AFFECTS']);

/**
 * The estate's analysis, computed once on the memory store and written to every store, without attack paths and
 * findings: the templates do not read them, and Neo4j's single analysis transaction would carry them all.
 */
async function explorerAnalysis(memory: GraphStore): Promise<AnalysisResult> {
  const output = analyzeView(await GraphView.load(memory));
  return {
    nodes: output.nodes.filter((n) => !RESULT_KINDS.has(n.kind)),
    edges: output.edges.filter((e) => !RESULT_KINDS.has(e.kind)),
    insights: output.insights.updates(),
  };
}

async function measureStore(label: string, store: GraphStore, iterations: number, runs: number, ctx: SuiteContext) {
  const perRun: Latency[][] = [];
  for (let r = 0; r < runs; r++) {
    ctx.log(`  ${label}: run ${r + 1}/${runs}`);
    const latencies: Latency[] = [];
    for (const name of TEMPLATES) latencies.push(await timeTemplate(store, name, iterations));
    perRun.push(latencies);
  }
  return TEMPLATES.map((name, t) => {
    const runsOf = perRun.map((latencies) => latencies[t]!);
    const us = (v: number) => v * 1000;
    const what = `${label}: \`${name}\` (${SHAPES[name]}, ${runsOf[0]!.rows} rows on the first page)`;
    return {
      name,
      p99Ms: median(runsOf.map((l) => l.p99)),
      measurements: [
        {
          name: `${what} p50`,
          unit: 'µs',
          value: median(runsOf.map((l) => us(l.p50))),
          runs: runsOf.map((l) => us(l.p50)),
        },
        {
          name: `${what} p99`,
          unit: 'µs',
          value: median(runsOf.map((l) => us(l.p99))),
          runs: runsOf.map((l) => us(l.p99)),
        },
      ] satisfies Measurement[],
    };
  });
}

export const explorerSuite: BenchSuite = {
  name: 'explorer',
  description: 'explorer template latency (first page of 100) on the memory store and Neo4j over a generated estate',
  async run(ctx) {
    const { options, log } = ctx;
    log(`  generating estate ${String(options.size)} (seed ${options.seed})`);
    const rows = estateInput(options);
    const details = [
      `Estate: size ${String(options.size)}, seed ${options.seed}, ${formatNumber(rows.length)} rows, ingested into each store with \`ingestRows\`; templates from \`queries/templates\``,
      `Each run: ${WARM_UP} warm-up calls, then ${ITERATIONS.memory} (memory) or ${ITERATIONS.neo4j} (Neo4j) timed calls of \`store.explore(template, { first: ${PAGE} })\` per template in one process, after a full garbage collection; p50/p99 per run, median over runs`,
    ];
    const measurements: Measurement[] = [];
    const memory = await MemoryStore.open();
    await ingestRows(memory, rows, { source: 'azure-export', run: RUN });
    const analysis = await explorerAnalysis(memory);
    await memory.replaceAnalysis(analysis, RUN);
    const counts = await memory.countNodesByKind();
    details.push(
      `Graph: ${formatNumber(Object.values(counts).reduce((a, b) => a + (b ?? 0), 0))} nodes, ${formatNumber(counts.ApiEndpoint ?? 0)} API endpoints; the analysis (derived edges, insights; attack paths and findings left out, the templates do not read them) is computed once and written to each store with \`replaceAnalysis\``,
    );
    if (options.stores.includes('memory')) {
      const results = await measureStore('Memory', memory, ITERATIONS.memory, options.runs, ctx);
      const oneHop = results.find((r) => r.name === ONE_HOP)!;
      details.push(
        `Target p99 ≤ ${TARGET_P99_MS} ms for the one-hop template \`${ONE_HOP}\` on the memory store: ${oneHop.p99Ms <= TARGET_P99_MS ? 'met' : 'not met'} (${formatNumber(oneHop.p99Ms, 2)} ms)`,
      );
      measurements.push(...results.flatMap((r) => r.measurements));
    }
    if (options.stores.includes('neo4j')) {
      const neo4j = await obtainNeo4j(process.env, log);
      if ('target' in neo4j) {
        const { uri, user, password } = neo4j.target;
        const store = await Neo4jStore.open({ uri, user, password });
        try {
          log('  loading the estate into Neo4j');
          const started = performance.now();
          await ingestRows(store, rows, { source: 'azure-export', run: RUN });
          await store.replaceAnalysis(analysis, RUN);
          details.push(
            `Neo4j: ${neo4j.target.description}; loaded in ${formatNumber((performance.now() - started) / 1000, 0)} s; each call runs the compiled parameterized Cypher in one read transaction`,
          );
          const results = await measureStore('Neo4j', store, ITERATIONS.neo4j, options.runs, ctx);
          measurements.push(...results.flatMap((r) => r.measurements));
        } catch (error) {
          // Recorded, not fatal: the memory figures stand on their own.
          const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
          log(`  Neo4j not measured: ${reason}`);
          details.push(`Neo4j not measured at this size: ${reason}`);
        } finally {
          await store.close();
          await neo4j.target.stop();
        }
      } else {
        details.push(`Neo4j not measured: ${neo4j.unavailable}`);
      }
    }
    const size = String(options.size);
    return { key: `explorer:${size}`, title: `Explorer · estate ${size}`, details, measurements };
  },
};
