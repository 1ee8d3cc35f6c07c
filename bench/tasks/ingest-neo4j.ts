import { ingestFiles } from '../../src/ingest/index.js';
import { Neo4jStore } from '../../src/store/index.js';
import { clearDatabase, openDriver, type Neo4jArgs } from './neo4j-common.js';
import { timedStore } from './timed-store.js';

export interface IngestNeo4jArgs extends Neo4jArgs {
  readonly dir: string;
}

export interface IngestNeo4jResult {
  readonly rows: number;
  readonly nodes: number;
  readonly edges: number;
  readonly seconds: number;
  readonly nodeSeconds: number;
  readonly edgeSeconds: number;
  readonly cleanupSeconds: number;
}

/** The real ingest pipeline into Neo4jStore (batched UNWIND … MERGE), on an emptied database. */
export async function ingestNeo4j(args: IngestNeo4jArgs): Promise<IngestNeo4jResult> {
  const driver = openDriver(args);
  try {
    await clearDatabase(driver);
  } finally {
    await driver.close();
  }
  const { store, timings } = timedStore(
    await Neo4jStore.open({ uri: args.uri, user: args.user, password: args.password }),
  );
  try {
    const started = performance.now();
    const summary = await ingestFiles(store, [args.dir], {
      source: 'azure-export',
      run: { runId: 'bench', startedAt: new Date().toISOString() },
    });
    return {
      rows: summary.resourceRows,
      nodes: summary.nodes,
      edges: summary.edges,
      seconds: (performance.now() - started) / 1000,
      nodeSeconds: timings.upsertNodes / 1000,
      edgeSeconds: timings.upsertEdges / 1000,
      cleanupSeconds: timings.completeRun / 1000,
    };
  } finally {
    await store.close();
  }
}
