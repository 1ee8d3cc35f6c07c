/**
 * `--suite memory-indexes`: what the memory store's secondary indexes cost. The same offline ingest of one
 * generated estate, with the indexes kept and with only nodes by kind kept (`indexes: 'scan'`), runs alternated
 * in one invocation so both see the same machine load; each run in its own child process.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { writeEstate } from '../../tools/estate/index.js';
import { runTask, taskCommand, type TaskOutput } from '../lib/child.js';
import { formatNumber, median } from '../lib/stats.js';
import type { BenchSuite, Measurement } from '../lib/types.js';
import type { IngestMemoryResult } from '../tasks/ingest-memory.js';

/** DESIGN's budget for the indexes at estate M: ingest time and peak RSS over the store without them. */
const TIME_BUDGET = 0.15;
const RSS_BUDGET = 0.25;

const load = () => loadavg().map((l) => formatNumber(l, 2)).join(' / ');

function row(name: string, unit: string, runs: readonly number[], note?: string): Measurement {
  return { name, unit, value: median(runs), runs, ...(note ? { note } : {}) };
}

export const memoryIndexesSuite: BenchSuite = {
  name: 'memory-indexes',
  description: 'memory-store ingest time and peak RSS with and without its secondary indexes, side by side',
  async run({ options, log }) {
    const size = String(options.size);
    const dir = join(options.cacheDir, `estate-${size}-seed${options.seed}`);
    log(`  generating estate ${size} (seed ${options.seed}) into ${dir}`);
    const written = await writeEstate(dir, { size: options.size, seed: options.seed });
    const loadBefore = load();
    const kept: (IngestMemoryResult & TaskOutput)[] = [];
    const scan: (IngestMemoryResult & TaskOutput)[] = [];
    for (let i = 0; i < options.runs; i++) {
      log(`  run ${i + 1}/${options.runs}: indexes kept, then without`);
      kept.push(await runTask<IngestMemoryResult>('ingest-memory', { dir, indexes: 'kept' }, log));
      scan.push(await runTask<IngestMemoryResult>('ingest-memory', { dir, indexes: 'scan' }, log));
    }
    const first = kept[0]!;
    const pct = (a: number, b: number) => ((a - b) / b) * 100;
    const seconds = (rs: readonly IngestMemoryResult[]) => rs.map((r) => r.seconds);
    const budgetNote = (budget: number) => `budget at M: ≤ ${budget * 100} %`;
    return {
      key: `memory-indexes:${size}`,
      title: `memory-store indexes · estate ${size}`,
      details: [
        `Estate: size ${size}, seed ${options.seed}: ${formatNumber(written.rows)} rows → ${formatNumber(first.nodes)} nodes, ${formatNumber(first.edges)} edges`,
        `Each run ingests the estate into a fresh in-memory store (\`${taskCommand('ingest-memory')}\`, timed from reading the files to the end of the run's cleanup), first with the indexes kept (kind, insight, subscription, source, the model's \`indexed\` properties, edge adjacency by kind and direction), then with only nodes by kind kept; the two alternate so both see the same load`,
        `Machine load (1 / 5 / 15 min) before: ${loadBefore}; after: ${load()}`,
      ],
      measurements: [
        row('Ingest wall time, indexes kept', 's', seconds(kept)),
        row('Ingest wall time, without indexes', 's', seconds(scan)),
        row('Ingest time added by the indexes', '%', kept.map((k, i) => pct(k.seconds, scan[i]!.seconds)), budgetNote(TIME_BUDGET)),
        row('Ingest CPU time, indexes kept', 's', kept.map((r) => r.cpuSeconds)),
        row('Ingest CPU time, without indexes', 's', scan.map((r) => r.cpuSeconds)),
        // CPU time is the steadier figure on a shared, loaded machine: wall time swings with the other load.
        row('Ingest CPU time added by the indexes', '%', kept.map((k, i) => pct(k.cpuSeconds, scan[i]!.cpuSeconds)), budgetNote(TIME_BUDGET)),
        row('Peak RSS, indexes kept', 'MB', kept.map((r) => r.maxRssMb)),
        row('Peak RSS, without indexes', 'MB', scan.map((r) => r.maxRssMb)),
        row('Peak RSS added by the indexes', '%', kept.map((k, i) => pct(k.maxRssMb, scan[i]!.maxRssMb)), budgetNote(RSS_BUDGET)),
      ],
    };
  },
};
