import { readFileSync } from 'node:fs';
import { analyzeView } from '../../src/analysis/analyze.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { ingestFiles } from '../../src/ingest/index.js';
import { MemoryStore, Neo4jStore, type GraphStore } from '../../src/store/index.js';
import { clearDatabase, openDriver, type Neo4jArgs } from './neo4j-common.js';

export interface ScanArgs {
  readonly dir: string;
  /** Neo4j when given (the database is emptied first), else the memory store (in memory, no snapshot). */
  readonly neo4j?: Neo4jArgs & {
    /** The server's process id on this machine: its CPU time over the scan is read from /proc. */
    readonly serverPid?: number;
  };
}

export interface ScanResult {
  readonly store: 'memory' | 'neo4j';
  readonly nodes: number;
  readonly edges: number;
  readonly paths: number;
  readonly seconds: number;
  /** Wall time of each phase: ingest (read, transform, write, cleanup), the analysis's read of the graph, its
   * computation, and its write. */
  readonly phases: { readonly ingest: number; readonly read: number; readonly compute: number; readonly write: number };
  /** CPU time of this process (user + system, all threads). */
  readonly cpuSeconds: number;
  /** CPU time of the Neo4j server process over the scan, when its pid was given. */
  readonly serverCpuSeconds: number | null;
  /** The server's CPU time in each phase, when its pid was given: where the server's work is, not only how much. */
  readonly serverPhases: { readonly ingest: number; readonly read: number; readonly compute: number; readonly write: number } | null;
}

/** utime + stime of a process, in seconds (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * `scan` end to end, as the CLI runs it (ingestFiles, then analyzeStored's three steps), with each phase timed: the
 * ingest, the analysis's streamed read of the ingested graph, the analysis itself, and its write.
 */
export async function scan(args: ScanArgs): Promise<ScanResult> {
  let store: GraphStore;
  if (args.neo4j) {
    const driver = openDriver(args.neo4j);
    try {
      await clearDatabase(driver);
    } finally {
      await driver.close();
    }
    store = await Neo4jStore.open({ uri: args.neo4j.uri, user: args.neo4j.user, password: args.neo4j.password });
  } else {
    store = await MemoryStore.open();
  }
  const serverPid = args.neo4j?.serverPid;
  const serverCpuNow = () => (serverPid ? processCpuSeconds(serverPid) : 0);
  const serverCpu = serverPid ? serverCpuNow() : null;
  const cpu = process.cpuUsage();
  const run = { runId: 'bench-scan', startedAt: new Date().toISOString() };
  try {
    const t0 = performance.now();
    const s0 = serverCpuNow();
    const summary = await ingestFiles(store, [args.dir], { source: 'azure-export', run });
    const t1 = performance.now();
    const s1 = serverCpuNow();
    const view = await GraphView.load(store);
    const t2 = performance.now();
    const s2 = serverCpuNow();
    const output = analyzeView(view);
    const t3 = performance.now();
    const s3 = serverCpuNow();
    await store.replaceAnalysis({ nodes: output.nodes, edges: output.edges, insights: output.insights.updates() }, run);
    const t4 = performance.now();
    const s4 = serverCpuNow();
    const used = process.cpuUsage(cpu);
    return {
      store: args.neo4j ? 'neo4j' : 'memory',
      nodes: summary.nodes,
      edges: summary.edges,
      paths: output.nodes.filter((n) => n.kind === 'AttackPath').length,
      seconds: (t4 - t0) / 1000,
      phases: { ingest: (t1 - t0) / 1000, read: (t2 - t1) / 1000, compute: (t3 - t2) / 1000, write: (t4 - t3) / 1000 },
      cpuSeconds: (used.user + used.system) / 1e6,
      serverCpuSeconds: serverPid && serverCpu !== null ? processCpuSeconds(serverPid) - serverCpu : null,
      serverPhases: serverPid ? { ingest: s1 - s0, read: s2 - s1, compute: s3 - s2, write: s4 - s3 } : null,
    };
  } finally {
    await store.close();
  }
}
