/**
 * Child-process entry of the bench harness: `node --import tsx bench/tasks/main.ts <task> '<json args>'`.
 * Runs one measurement and prints `BENCH_RESULT {…}` with the figures and the process's peak RSS.
 */
import { RESULT_PREFIX } from '../lib/child.js';
import { ingestFloors, type IngestFloorsArgs } from './ingest-floors.js';
import { ingestMemory, type IngestMemoryArgs } from './ingest-memory.js';
import { ingestNeo4j, type IngestNeo4jArgs } from './ingest-neo4j.js';
import { naiveMerge, type NaiveMergeArgs } from './naive-merge.js';
import { scan, type ScanArgs } from './scan.js';

const TASKS: Readonly<Record<string, (args: never) => Promise<object>>> = {
  'ingest-floors': (args: IngestFloorsArgs) => ingestFloors(args),
  'ingest-memory': (args: IngestMemoryArgs) => ingestMemory(args),
  'ingest-neo4j': (args: IngestNeo4jArgs) => ingestNeo4j(args),
  'naive-merge': (args: NaiveMergeArgs) => naiveMerge(args),
  scan: (args: ScanArgs) => scan(args),
};

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const task = name ? TASKS[name] : undefined;
  if (!task) throw new Error(`unknown task "${name ?? ''}"; known: ${Object.keys(TASKS).join(', ')}`);
  const result = await task(JSON.parse(json ?? '{}') as never);
  // resourceUsage().maxRSS is in kilobytes: the peak of this whole process.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...result, maxRssMb })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
