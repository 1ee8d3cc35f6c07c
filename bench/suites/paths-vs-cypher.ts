/**
 * `--suite paths-vs-cypher`: the attack path engine against the reference Cypher query
 * (queries/cypher/internet-api-data-paths.cypher), side by side on the same Neo4j, for generated estates S and M.
 *
 * Per size the estate is ingested into Neo4j and analysed once, and the derived edges the query walks are stored.
 * Then each run times, in one process and one after the other:
 *   (a) the engine answering the query's question: read the ingested graph from Neo4j (`GraphView.load`), derive
 *       and find insights, project, and search every path (caps lifted), keeping the family's distinct
 *       (entry, endpoint, target) triples;
 *   (b) the reference query: the same triples, every row streamed to the client;
 *   (c) the engine's full analysis as `analyze` runs it: read + `analyzeView` (every family, default caps,
 *       scoring, findings).
 * Both sides of (a)/(b) end with the same array of id triples in the client, and the first run checks that the
 * two sets are equal. Ratios are Cypher time ÷ engine time, per run. The estate is removed after.
 */
import { readFileSync } from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { analyzeView, deriveAnalysisGraph, type AnalysisPhase } from '../../src/analysis/analyze.js';
import { GraphView } from '../../src/analysis/graph-view.js';
import { projectGraph, type PathProjection } from '../../src/analysis/paths/index.js';
import { estateRows, generateEstate, type EstateSize } from '../../tools/estate/index.js';
import type { InputRow } from '../../src/util/input/rows.js';
import { ingestRows } from '../../src/ingest/pipeline.js';
import { Neo4jStore } from '../../src/store/index.js';
import { obtainNeo4j, type Neo4jTarget } from '../lib/neo4j.js';
import { compareTriples, cypherTriples, engineTriples, type EngineTriples } from '../lib/reference-triples.js';
import { formatNumber, median } from '../lib/stats.js';
import type { BenchSuite, Measurement, SuiteContext, SuiteReport } from '../lib/types.js';

const QUERY_FILE = new URL('../../queries/cypher/internet-api-data-paths.cypher', import.meta.url);
const SIZES: readonly EstateSize[] = ['S', 'M'];
const RATIO_TARGET = { min: 10, text: '≥ 10× at M' };
/** The reference query may not finish on a large estate: it is cut here and reported as failed. */
const CYPHER_TIMEOUT_MS = 600_000;
/** Rows per round trip for the query, as the engine's own reads use (the driver's default is 1,000). */
const FETCH_SIZE = 10_000;

const now = () => process.hrtime.bigint();
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const runId = (label: string) => ({
  runId: `bench-paths-vs-cypher-${label}-${Date.now()}`,
  startedAt: new Date().toISOString(),
});

type TriplePhase = 'read' | 'derive + insights' | 'projection' | 'search + triples';
type FullPhase = 'read' | AnalysisPhase;

/** Seconds per run, per named part. */
class Runs<K extends string> {
  readonly total: number[] = [];
  readonly parts = new Map<K, number[]>();
  add(part: K, value: number, run: number): void {
    const list = this.parts.get(part) ?? [];
    list[run] = (list[run] ?? 0) + value;
    this.parts.set(part, list);
  }
}

interface SizeResult {
  readonly size: EstateSize;
  readonly nodes: number;
  readonly triples: Runs<TriplePhase>;
  readonly full: Runs<FullPhase>;
  readonly cypherRuns: number[];
  readonly facts: string[];
  cypherNote?: string;
}

interface EngineAnswer {
  readonly projection: PathProjection;
  readonly answer: EngineTriples;
}

/** (a) The engine answering the query's question, from the store. */
async function engineRun(store: Neo4jStore, result: SizeResult, i: number): Promise<EngineAnswer> {
  const start = now();
  let part = now();
  const view = await GraphView.load(store);
  result.triples.add('read', seconds(part), i);
  part = now();
  const { graph } = deriveAnalysisGraph(view);
  result.triples.add('derive + insights', seconds(part), i);
  part = now();
  const projection = projectGraph(graph);
  result.triples.add('projection', seconds(part), i);
  part = now();
  const answer = engineTriples(projection);
  result.triples.add('search + triples', seconds(part), i);
  result.triples.total.push(seconds(start));
  return { projection, answer };
}

/** (b) The reference query; on the first run its rows are checked against the engine's triples. */
async function cypherRun(
  driver: Driver,
  query: string,
  result: SizeResult,
  i: number,
  engine: EngineAnswer | undefined,
): Promise<void> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ, fetchSize: FETCH_SIZE });
  const start = now();
  try {
    const cypher = await cypherTriples(session, query, CYPHER_TIMEOUT_MS);
    result.cypherRuns.push(seconds(start));
    if (engine) {
      const { answer, projection } = engine;
      result.facts.push(
        `the engine visited ${formatNumber(answer.stats.paths)} paths of every family (caps lifted), ${formatNumber(answer.familyPaths)} of the query's family, giving ${formatNumber(answer.triples.length)} distinct triples`,
        `the reference query returned ${formatNumber(cypher.length)} rows`,
        `check: ${compareTriples(projection, answer.index, cypher)}`,
      );
    }
  } catch (error) {
    result.cypherNote = `the reference query failed (time limit ${CYPHER_TIMEOUT_MS / 1000} s): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  } finally {
    await session.close();
  }
}

/** (c) The full analysis, as `analyze` runs it (without storing the result). */
async function fullRun(store: Neo4jStore, result: SizeResult, i: number): Promise<void> {
  const start = now();
  const part = now();
  const view = await GraphView.load(store);
  result.full.add('read', seconds(part), i);
  const output = analyzeView(view, { onPhase: (phase, s) => result.full.add(phase, s, i) });
  result.full.total.push(seconds(start));
  if (i === 0) {
    const notes = output.summary.searchNotes.length ? ` (${output.summary.searchNotes.join('; ')})` : '';
    result.facts.push(
      `the full analysis kept ${formatNumber(output.paths.length)} ranked paths of every family${notes}`,
    );
  }
}

async function measureSize(target: Neo4jTarget, size: EstateSize, ctx: SuiteContext): Promise<SizeResult> {
  const { options, log } = ctx;
  const estate = generateEstate({ size, seed: options.seed });
  const rows: InputRow[] = [...estateRows(estate)].map(({ section, row }, index) => ({
    file: `${section}.json`,
    index,
    value: row,
  }));
  const store = await Neo4jStore.open({ uri: target.uri, user: target.user, password: target.password });
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
  const query = readFileSync(QUERY_FILE, 'utf8');
  try {
    log(`  ${size}: ingesting ${formatNumber(rows.length)} rows into Neo4j and analysing once`);
    const summary = await ingestRows(store, rows, { source: 'azure-export', run: runId('ingest') });
    // The derived graph the reference query walks, written in the store's ordinary batches: `analyze` writes the
    // whole analysis in one transaction, which at M exceeds the test server's transaction memory. AttackPath and
    // Finding nodes are not needed by the query.
    const analysis = analyzeView(await GraphView.load(store));
    const loadRun = runId('derived');
    await store.upsertNodes(
      analysis.nodes.filter((n) => n.kind !== 'AttackPath' && n.kind !== 'Finding'),
      loadRun,
    );
    await store.upsertEdges(
      analysis.edges.filter((e) => e.kind !== 'TRAVERSES' && e.kind !== 'AFFECTS'),
      loadRun,
    );
    const result: SizeResult = {
      size,
      nodes: summary.nodes,
      triples: new Runs(),
      full: new Runs(),
      cypherRuns: [],
      facts: [],
    };
    for (let i = 0; i < options.runs; i++) {
      log(`  ${size}: run ${i + 1}/${options.runs}: engine (family triples), reference Cypher, engine (full analysis)`);
      // The first run's engine answer is kept for the check; later runs keep nothing while the next side is timed.
      let engine: EngineAnswer | undefined = await engineRun(store, result, i);
      if (i > 0) engine = undefined;
      await cypherRun(driver, query, result, i, engine);
      engine = undefined;
      await fullRun(store, result, i);
      if (result.cypherNote) break;
    }
    return result;
  } finally {
    log(`  ${size}: removing the estate`);
    await store.completeRun(runId('cleanup'), [...estate.subscriptionIds]);
    await store.replaceAnalysis({ nodes: [], edges: [], insights: [] }, runId('cleanup'));
    await store.close();
    await driver.close();
  }
}

function parts<K extends string>(size: EstateSize, label: string, runs: Runs<K>): Measurement[] {
  return [...runs.parts].map(([part, values]) => ({
    name: `${size}: ${label} · ${part}`,
    unit: 's',
    value: median(values),
    runs: values,
  }));
}

function ratio(
  size: EstateSize,
  name: string,
  cypher: readonly number[],
  engine: readonly number[],
  note: string | undefined,
): Measurement {
  const values = cypher.map((c, i) => c / (engine[i] ?? median(engine)));
  return values.length
    ? {
        name: `${size}: ${name}`,
        unit: '×',
        value: median(values),
        runs: values,
        ...(size === 'M' ? { target: RATIO_TARGET } : {}),
      }
    : { name: `${size}: ${name}`, unit: '×', value: null, runs: [], note: note ?? 'not measured' };
}

function measurements(r: SizeResult): Measurement[] {
  const cypher: Measurement = r.cypherRuns.length
    ? {
        name: `${r.size}: reference Cypher, family triples (query + every row to the client)`,
        unit: 's',
        value: median(r.cypherRuns),
        runs: r.cypherRuns,
      }
    : {
        name: `${r.size}: reference Cypher, family triples`,
        unit: 's',
        value: null,
        runs: [],
        note: r.cypherNote ?? 'not measured',
      };
  return [
    {
      name: `${r.size}: engine, family triples (read from Neo4j … search, caps lifted)`,
      unit: 's',
      value: median(r.triples.total),
      runs: r.triples.total,
    },
    ...parts(r.size, 'engine triples', r.triples),
    cypher,
    ratio(r.size, 'Cypher ÷ engine, family triples', r.cypherRuns, r.triples.total, r.cypherNote),
    {
      name: `${r.size}: engine, full analysis (read from Neo4j + analyzeView, default caps)`,
      unit: 's',
      value: median(r.full.total),
      runs: r.full.total,
    },
    ...parts(r.size, 'full analysis', r.full),
    ratio(r.size, 'Cypher ÷ engine, full analysis', r.cypherRuns, r.full.total, r.cypherNote),
  ];
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
      details.push(
        `Neo4j: ${found.target.description}; each size ingested, analysed once and its derived edges stored, then removed`,
      );
      for (const size of SIZES) {
        const r = await measureSize(found.target, size, ctx);
        details.push(`${r.size}: ${formatNumber(r.nodes)} nodes; ${r.facts.join('; ')}`);
        results.push(...measurements(r));
      }
      details.push(
        `Peak RSS of the benchmark process (both sides' clients, every size): ${formatNumber(process.resourceUsage().maxRSS / 1024)} MB`,
      );
    } finally {
      await found.target.stop();
    }
    return { key: 'paths-vs-cypher', title: 'Attack paths vs Cypher', details, measurements: results };
  },
};
