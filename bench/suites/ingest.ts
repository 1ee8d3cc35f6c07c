/**
 * `--suite ingest`: offline ingest of a generated estate. Memory store: rows/s and peak RSS. Neo4j: nodes/s of the
 * batched UNWIND store, and side by side a naive one-MERGE-per-node loader on a slice of the same nodes.
 */
import { join } from 'node:path';
import { writeEstate } from '../../tools/estate/index.js';
import { runTask, taskCommand } from '../lib/child.js';
import { obtainNeo4j, type Neo4jTarget } from '../lib/neo4j.js';
import { formatNumber, median } from '../lib/stats.js';
import type { BenchOptions, BenchSuite, Measurement, SuiteContext } from '../lib/types.js';
import type { IngestFloorsResult } from '../tasks/ingest-floors.js';
import type { IngestMemoryResult } from '../tasks/ingest-memory.js';
import type { IngestNeo4jResult } from '../tasks/ingest-neo4j.js';
import type { NaiveMergeResult } from '../tasks/naive-merge.js';

const MEMORY_TARGET = { min: 50_000, text: '≥ 50,000 rows/s' };
const NEO4J_TARGET = { min: 10_000, text: '≥ 10,000 nodes/s' };

function measured(name: string, unit: string, runs: readonly number[], extra: Partial<Measurement> = {}): Measurement {
  return { name, unit, value: median(runs), runs, ...extra };
}

function notMeasured(name: string, unit: string, reason: string, extra: Partial<Measurement> = {}): Measurement {
  return { name, unit, value: null, runs: [], note: reason, ...extra };
}

async function repeat<T>(runs: number, label: string, log: (m: string) => void, run: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < runs; i++) {
    log(`  ${label}: run ${i + 1}/${runs}`);
    results.push(await run());
  }
  return results;
}

async function memoryMeasurements(dir: string, ctx: SuiteContext, details: string[]): Promise<Measurement[]> {
  const { options, log } = ctx;
  const results = await repeat(options.runs, 'memory ingest', log, () =>
    runTask<IngestMemoryResult>('ingest-memory', { dir }, log),
  );
  const floors = await repeat(options.runs, 'memory ingest floors', log, () =>
    runTask<IngestFloorsResult>('ingest-floors', { dir }, log),
  );
  const first = results[0]!;
  details.push(
    `Floors (each run in its own \`${taskCommand('ingest-floors')}\`): reading the files and parsing every row with nothing else done, and adding the resulting ${formatNumber(floors[0]!.nodes)} nodes and ${formatNumber(floors[0]!.edges)} edges to an empty graphology multigraph keyed as the store keys them (graphology is the embedded store's graph library, DESIGN §8); the ceiling is the row count over the two together, what the ingest could reach if transforming, validating and everything else the store does cost nothing`,
    `Memory store: ${formatNumber(first.rows)} rows → ${formatNumber(first.nodes)} nodes, ${formatNumber(first.edges)} edges (${formatNumber(first.unknownRows)} rows of types not read yet); timed from reading the files to the end of the run's cleanup (\`ingestFiles\`; rows are streamed: cut out of 1 MiB chunks of each file and transformed as they are read), each run in \`${taskCommand('ingest-memory')}\``,
  );
  return [
    measured(
      'Memory store: offline ingest throughput',
      'rows/s',
      results.map((r) => r.rows / r.seconds),
      { target: MEMORY_TARGET },
    ),
    measured(
      'Memory store: ingest wall time',
      's',
      results.map((r) => r.seconds),
    ),
    measured(
      'Memory store: CPU time of the ingest (user + system, all threads)',
      's',
      results.map((r) => r.cpuSeconds),
    ),
    measured(
      'Memory store: of which store writes',
      's',
      results.map((r) => r.writeSeconds),
    ),
    measured(
      'Memory store: peak RSS of the ingest process',
      'MB',
      results.map((r) => r.maxRssMb),
    ),
    measured(
      'Floor: read and parse the JSON alone',
      's',
      floors.map((f) => f.parseSeconds),
    ),
    measured(
      'Floor: graphology alone holding the nodes and edges',
      's',
      floors.map((f) => f.graphologySeconds),
    ),
    measured(
      'Ceiling: rows ÷ (parse + graphology), nothing else counted',
      'rows/s',
      floors.map((f) => first.rows / (f.parseSeconds + f.graphologySeconds)),
    ),
  ];
}

async function neo4jMeasurements(
  dir: string,
  target: Neo4jTarget,
  ctx: SuiteContext,
  details: string[],
): Promise<Measurement[]> {
  const { options, log } = ctx;
  const connection = { uri: target.uri, user: target.user, password: target.password };
  const ingest = await repeat(options.runs, 'neo4j ingest', log, () =>
    runTask<IngestNeo4jResult>('ingest-neo4j', { dir, ...connection }, log),
  );
  const naive = await repeat(options.runs, 'naive vs batched', log, () =>
    runTask<NaiveMergeResult>('naive-merge', { dir, slice: options.slice, ...connection }, log),
  );
  const first = ingest[0]!;
  const slice = naive[0]!.nodes;
  details.push(
    `Neo4j: ${target.description}; ${formatNumber(first.nodes)} nodes, ${formatNumber(first.edges)} edges per run, database emptied before each run; nodes/s is the time spent in \`Neo4jStore.upsertNodes\` during the real pipeline (batches of 10,000 rows, each one call: one read of which ids are stored, then UNWIND statements of ≤ 5,000 rows per kind — CREATE for new nodes, MERGE for stored ones — split over two concurrent transactions; edge statements MERGE in one)`,
  );
  details.push(
    `Naive loader (bench only, \`bench/tasks/naive-merge.ts\`): one \`MERGE\` statement per node, one transaction per 1,000 rows, on the first ${formatNumber(slice)} nodes of the same estate, then the batched store on the same nodes, same server, uniqueness constraints in place for both`,
  );
  return [
    measured(
      'Neo4j: batched UNWIND node writes',
      'nodes/s',
      ingest.map((r) => r.nodes / r.nodeSeconds),
      { target: NEO4J_TARGET },
    ),
    measured(
      'Neo4j: batched edge writes',
      'edges/s',
      ingest.map((r) => r.edges / r.edgeSeconds),
    ),
    measured(
      'Neo4j: full ingest wall time (read, transform, nodes, edges, cleanup)',
      's',
      ingest.map((r) => r.seconds),
    ),
    measured(
      'Neo4j: peak RSS of the ingest process',
      'MB',
      ingest.map((r) => r.maxRssMb),
    ),
    measured(
      `Neo4j: naive row-by-row MERGE, ${formatNumber(slice)} nodes`,
      'nodes/s',
      naive.map((r) => r.nodes / r.naiveSeconds),
    ),
    measured(
      `Neo4j: batched UNWIND, same ${formatNumber(slice)} nodes`,
      'nodes/s',
      naive.map((r) => r.nodes / r.batchedSeconds),
    ),
    measured(
      'Neo4j: batched ÷ naive',
      '×',
      naive.map((r) => r.naiveSeconds / r.batchedSeconds),
    ),
  ];
}

function neo4jNotMeasured(reason: string): Measurement[] {
  return [
    notMeasured('Neo4j: batched UNWIND node writes', 'nodes/s', reason, { target: NEO4J_TARGET }),
    notMeasured('Neo4j: naive row-by-row MERGE', 'nodes/s', reason),
    notMeasured('Neo4j: batched ÷ naive', '×', reason),
  ];
}

const sizeLabel = (options: BenchOptions) => String(options.size);

export const ingestSuite: BenchSuite = {
  name: 'ingest',
  description:
    'offline ingest of a generated estate: memory store rows/s and peak RSS; Neo4j nodes/s, batched vs row-by-row MERGE',
  async run(ctx) {
    const { options, log } = ctx;
    const dir = join(options.cacheDir, `estate-${sizeLabel(options)}-seed${options.seed}`);
    log(`  generating estate ${sizeLabel(options)} (seed ${options.seed}) into ${dir}`);
    const started = performance.now();
    const written = await writeEstate(dir, { size: options.size, seed: options.seed });
    const generated = (performance.now() - started) / 1000;
    const resources = written.sections.find((s) => s.name === 'resources')?.rows ?? 0;
    const details = [
      `Estate: size ${sizeLabel(options)}, seed ${options.seed}: ${formatNumber(written.rows)} rows (${formatNumber(resources)} in \`resources\`), ${written.estate.plan.subscriptions} subscriptions, ${written.files.length} files, ${formatNumber(written.bytes / 1024 / 1024, 1)} MB, generated in ${formatNumber(generated, 1)} s`,
    ];
    const measurements: Measurement[] = [];
    if (options.stores.includes('memory')) measurements.push(...(await memoryMeasurements(dir, ctx, details)));
    else
      measurements.push(
        notMeasured('Memory store: offline ingest throughput', 'rows/s', 'not requested (--store)', {
          target: MEMORY_TARGET,
        }),
      );
    if (options.stores.includes('neo4j')) {
      const neo4j = await obtainNeo4j(process.env, log);
      if ('target' in neo4j) {
        try {
          measurements.push(...(await neo4jMeasurements(dir, neo4j.target, ctx, details)));
        } finally {
          await neo4j.target.stop();
        }
      } else {
        log(`  Neo4j not measured: ${neo4j.unavailable}`);
        measurements.push(...neo4jNotMeasured(neo4j.unavailable));
      }
    } else {
      measurements.push(...neo4jNotMeasured('not requested (--store)'));
    }
    return {
      key: `ingest:${sizeLabel(options)}`,
      title: `ingest · estate ${sizeLabel(options)}`,
      details,
      measurements,
    };
  },
};
