import { ingestFiles } from '../../src/ingest/index.js';
import { MemoryStore, type MemoryStoreOptions } from '../../src/store/index.js';
import { timedStore } from './timed-store.js';

export interface IngestMemoryArgs {
  readonly dir: string;
  /** The store's index flavour (default `kept`); `scan` measures the store without its secondary indexes. */
  readonly indexes?: MemoryStoreOptions['indexes'];
}

export interface IngestMemoryResult {
  readonly rows: number;
  readonly nodes: number;
  readonly edges: number;
  readonly unknownRows: number;
  readonly seconds: number;
  readonly writeSeconds: number;
  /** CPU time (user + system, all threads) of the process during the ingest: steadier than wall time under load. */
  readonly cpuSeconds: number;
}

/** Offline ingest of an export directory into an in-memory store (no snapshot): read, parse, transform, load. */
export async function ingestMemory(args: IngestMemoryArgs): Promise<IngestMemoryResult> {
  const { store, timings } = timedStore(await MemoryStore.open(args.indexes ? { indexes: args.indexes } : {}));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const summary = await ingestFiles(store, [args.dir], {
    source: 'azure-export',
    run: { runId: 'bench', startedAt: new Date().toISOString() },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await store.close();
  return {
    rows: summary.resourceRows,
    nodes: summary.nodes,
    edges: summary.edges,
    unknownRows: Object.values(summary.unknownTypes).reduce((a, b) => a + b, 0),
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    writeSeconds: (timings.upsertNodes + timings.upsertEdges + timings.completeRun) / 1000,
  };
}
