/**
 * `--suite paths-vs-cypher`: the attack path engine against the reference Cypher query
 * (queries/cypher/internet-api-data-paths.cypher), side by side on the same Neo4j, for generated estates S and M.
 *
 * Per size: the estate is ingested into Neo4j and its derived edges stored once (what the Cypher walks), then
 * each run times (a) the engine — load the graph from Neo4j (`GraphView.load`) and `analyzeView` (derive, insights,
 * every path family, scoring, findings) — and (b) the reference query, which finds one family's (entry, endpoint,
 * target) triples only. The ratio is Cypher time ÷ engine time; target at M: ≥ 10×. The estate is removed after.
 */
import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';
import { analyzeView } from '../../src/analysis/analyze.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { estateRows, generateEstate, type EstateSize } from '../../src/ingest/generate/index.js';
import type { InputRow } from '../../src/ingest/input/rows.js';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { Neo4jStore } from '../../src/store/index.js';
import { obtainNeo4j, type Neo4jTarget } from '../lib/neo4j.js';
import { formatNumber, median } from '../lib/stats.js';
import type { BenchSuite, Measurement, SuiteContext, SuiteReport } from '../lib/types.js';

const QUERY_FILE = new URL('../../queries/cypher/internet-api-data-paths.cypher', import.meta.url);
const SIZES: readonly EstateSize[] = ['S', 'M'];
const RATIO_TARGET = { min: 10, text: '≥ 10× at M' };
/** The reference query may not finish on a large estate: it is cut here and reported as "> limit". */
const CYPHER_TIMEOUT_MS = 600_000;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const runId = (label: string) => ({ runId: `bench-paths-vs-cypher-${label}-${Date.now()}`, startedAt: new Date().toISOString() });

interface SizeResult {
  readonly size: EstateSize;
  readonly nodes: number;
  readonly engineRuns: number[];
  readonly cypherRuns: number[];
  readonly enginePaths: number;
  readonly cypherRows: number;
  readonly cypherNote?: string;
}

async function measureSize(target: Neo4jTarget, size: EstateSize, ctx: SuiteContext): Promise<SizeResult> {
  const { options, log } = ctx;
  const estate = generateEstate({ size, seed: options.seed });
  const rows: InputRow[] = [...estateRows(estate)].map(({ section, row }, index) => ({ file: `${section}.json`, index, value: row }));
  const store = await Neo4jStore.open({ uri: target.uri, user: target.user, password: target.password });
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
  const query = readFileSync(QUERY_FILE, 'utf8');
  try {
    log(`  ${size}: ingesting ${formatNumber(rows.length)} rows into Neo4j and analysing once`);
    const summary = await ingestRows(store, rows, { source: 'azure-export', run: runId('ingest') });
    // The derived graph the reference query walks, written in the store's ordinary batches: `analyze` writes the
    // whole analysis in one transaction, which at M exceeds the test server's transaction memory
    // (db.memory.transaction.max, 128 MiB). AttackPath and Finding nodes are not needed by the query.
    const analysis = analyzeView(await GraphView.load(store));
    const loadRun = runId('derived');
    await store.upsertNodes(analysis.nodes.filter((n) => n.kind !== 'AttackPath' && n.kind !== 'Finding'), loadRun);
    await store.upsertEdges(analysis.edges.filter((e) => e.kind !== 'TRAVERSES' && e.kind !== 'AFFECTS'), loadRun);
    const result: SizeResult = { size, nodes: summary.nodes, engineRuns: [], cypherRuns: [], enginePaths: 0, cypherRows: 0 };
    let enginePaths = 0;
    let cypherRows = 0;
    let cypherNote: string | undefined;
    for (let i = 0; i < options.runs; i++) {
      log(`  ${size}: run ${i + 1}/${options.runs}`);
      let start = process.hrtime.bigint();
      const output = analyzeView(await GraphView.load(store));
      result.engineRuns.push(seconds(start));
      enginePaths = output.paths.length;
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      start = process.hrtime.bigint();
      try {
        const records = await session.run(query, {}, { timeout: CYPHER_TIMEOUT_MS });
        result.cypherRuns.push(seconds(start));
        cypherRows = records.records.length;
      } catch (error) {
        cypherNote = `the reference query failed (time limit ${CYPHER_TIMEOUT_MS / 1000} s): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
        break;
      } finally {
        await session.close();
      }
    }
    return { ...result, enginePaths, cypherRows, ...(cypherNote ? { cypherNote } : {}) };
  } finally {
    log(`  ${size}: removing the estate`);
    await store.completeRun(runId('cleanup'), [...estate.subscriptionIds]);
    await store.replaceAnalysis({ nodes: [], edges: [], insights: [] }, runId('cleanup'));
    await store.close();
    await driver.close();
  }
}

function measurements(r: SizeResult): Measurement[] {
  const engine = median(r.engineRuns);
  const ratios = r.cypherRuns.map((c, i) => c / (r.engineRuns[i] ?? engine));
  const out: Measurement[] = [
    { name: `${r.size}: engine (load graph from Neo4j + analyzeView, all families)`, unit: 's', value: engine, runs: r.engineRuns },
    r.cypherRuns.length
      ? { name: `${r.size}: reference Cypher (one family's triples)`, unit: 's', value: median(r.cypherRuns), runs: r.cypherRuns }
      : { name: `${r.size}: reference Cypher (one family's triples)`, unit: 's', value: null, runs: [], note: r.cypherNote ?? 'not measured' },
  ];
  out.push(
    ratios.length
      ? { name: `${r.size}: Cypher ÷ engine`, unit: '×', value: median(ratios), runs: ratios, ...(r.size === 'M' ? { target: RATIO_TARGET } : {}) }
      : { name: `${r.size}: Cypher ÷ engine`, unit: '×', value: null, runs: [], note: r.cypherNote ?? 'not measured' },
  );
  return out;
}

export const pathsVsCypherSuite: BenchSuite = {
  name: 'paths-vs-cypher',
  description: 'the attack path engine vs the reference Cypher query, estates S and M on one Neo4j',
  async run(ctx: SuiteContext): Promise<SuiteReport> {
    const details: string[] = [];
    const found = await obtainNeo4j(process.env, ctx.log);
    if (!('target' in found)) {
      return {
        key: 'paths-vs-cypher',
        title: 'Attack paths vs Cypher',
        details: [`Not measured: ${found.unavailable}`],
        measurements: [],
      };
    }
    const results: Measurement[] = [];
    try {
      details.push(`Neo4j: ${found.target.description}; each size ingested and analysed once, then removed`);
      for (const size of SIZES) {
        const r = await measureSize(found.target, size, ctx);
        details.push(
          `${r.size}: ${formatNumber(r.nodes)} nodes; the engine found ${formatNumber(r.enginePaths)} paths of every family, the reference query ${formatNumber(r.cypherRows)} (entry, endpoint, target) rows of one family`,
        );
        results.push(...measurements(r));
      }
    } finally {
      await found.target.stop();
    }
    return { key: 'paths-vs-cypher', title: 'Attack paths vs Cypher', details, measurements: results };
  },
};
