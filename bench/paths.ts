/**
 * `--suite paths` (or standalone: `node --import tsx bench/paths.ts [--sizes 10000,100000,1000000] [--runs 3]
 * [--out FILE]`): the attack path engine on generated graphs with heavy-tailed fan-out. Each run is a fresh child
 * process (`bench/paths.ts --child <nodes>`) that generates the graph, then times the projection, the search and the
 * whole analysis (search, scoring, findings, break/reduce links, ranking), and reports its own peak RSS
 * (`process.resourceUsage().maxRSS`). Target: 1M nodes in ≤ 20 s with ≤ 4 GB RSS. The graphs: bench/paths-graph.ts.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeAttackPaths, projectGraph, searchProjection } from '../src/analysis/paths/index.js';
import { generatePathGraph } from './paths-graph.js';
import { ROOT } from './lib/child.js';
import { recordStandalone, runIfEntryPoint } from './lib/standalone.js';
import { formatNumber, median } from './lib/stats.js';
import type { BenchSuite, Measurement, SuiteContext, SuiteReport } from './lib/types.js';

export { generatePathGraph } from './paths-graph.js';

const SELF = fileURLToPath(import.meta.url);
const RESULT = 'BENCH_RESULT ';
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const TIME_TARGET_S = 20;
const RSS_TARGET_MB = 4096;

interface ChildResult {
  readonly nodes: number;
  readonly edges: number;
  readonly traversableEdges: number;
  readonly candidates: number;
  readonly paths: number;
  readonly cappedPairs: number;
  readonly maxPathsReached: boolean;
  readonly maxExpansionsReached: boolean;
  readonly expansions: number;
  readonly findings: number;
  readonly generateSeconds: number;
  readonly projectSeconds: number;
  readonly searchSeconds: number;
  readonly analyzeSeconds: number;
  readonly maxRssMb: number;
}

/** The stress variant: every path within the per-pair cap, no overall cap (search only, its own process). */
interface AllPathsResult {
  readonly paths: number;
  readonly expansions: number;
  readonly searchSeconds: number;
  readonly maxRssMb: number;
}

const ALL_PATHS = 10_000_000;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function measureAllPaths(total: number): void {
  const graph = generatePathGraph(total);
  const start = process.hrtime.bigint();
  const search = searchProjection(projectGraph(graph), { maxPaths: ALL_PATHS, maxExpansions: 1_000_000_000 });
  const result: AllPathsResult = {
    paths: search.paths.length,
    expansions: search.stats.expansions,
    searchSeconds: seconds(start),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`);
}

/** Child side: generate, then time projection + search, then the whole analysis, and report. */
function measure(total: number): void {
  let start = process.hrtime.bigint();
  const graph = generatePathGraph(total);
  const generateSeconds = seconds(start);
  start = process.hrtime.bigint();
  let projection: ReturnType<typeof projectGraph> | null = projectGraph(graph);
  const projectSeconds = seconds(start);
  start = process.hrtime.bigint();
  const search = searchProjection(projection);
  const searchSeconds = seconds(start);
  projection = null; // the analysis below builds its own
  start = process.hrtime.bigint();
  const analysis = analyzeAttackPaths(graph);
  const analyzeSeconds = seconds(start);
  const result: ChildResult = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    traversableEdges: search.stats.traversableEdges,
    candidates: search.stats.candidates,
    paths: analysis.paths.length,
    cappedPairs: search.stats.cappedPairs,
    maxPathsReached: search.stats.maxPathsReached,
    maxExpansionsReached: search.stats.maxExpansionsReached,
    expansions: search.stats.expansions,
    findings: analysis.findings.length,
    generateSeconds,
    projectSeconds,
    searchSeconds,
    analyzeSeconds,
    // resourceUsage().maxRSS is in kilobytes: the peak of this whole process, generated graph included.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`);
}

function runChild<T>(total: number, allPaths = false): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const args = ['--import', 'tsx', SELF, '--child', String(total), ...(allPaths ? ['--all-paths'] : [])];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT));
      if (code !== 0 || !line) reject(new Error(`paths bench child failed for ${total} nodes (exit ${code})`));
      else resolvePromise(JSON.parse(line.slice(RESULT.length)) as T);
    });
  });
}

const series = <T>(
  name: string,
  unit: string,
  results: readonly T[],
  pick: (r: T) => number,
  extra: Partial<Measurement> = {},
): Measurement => ({
  name,
  unit,
  value: median(results.map(pick)),
  runs: results.map(pick),
  ...extra,
});

async function runPathsBench(sizes: readonly number[], runs: number, log: (m: string) => void): Promise<SuiteReport> {
  const measurements: Measurement[] = [];
  const details: string[] = [
    'Graphs from `generatePathGraph` (`bench/paths-graph.ts`, seed 1): APIM gateways → APIs → endpoints with Zipf fan-out, endpoints routing to apps, load balancers and stores (Zipf: a few backends serve most endpoints), system- and shared user-assigned identities holding roles on a heavy-tailed number of stores, 15 % of apps public (gateway bypasses), ~45 % of the nodes network noise on non-traversable edges',
    'Default search options: 8 hops, 25 paths per (entry, target) pair, 10,000 paths overall, 20M expansions; "whole analysis" is `analyzeAttackPaths` (projection, search, scoring, findings, break/reduce links, ranking); graph generation is not timed',
    'Stress rows: the same graph searched with no overall cap (per-pair cap 25 kept, no work budget) in a separate process: every path the definition allows, turned into path objects with their hashed ids',
  ];
  for (const total of sizes) {
    const results: ChildResult[] = [];
    const stress: AllPathsResult[] = [];
    for (let i = 0; i < runs; i++) {
      log(`  ${formatNumber(total)} nodes: run ${i + 1}/${runs}`);
      results.push(await runChild<ChildResult>(total));
      log(`  ${formatNumber(total)} nodes, every path: run ${i + 1}/${runs}`);
      stress.push(await runChild<AllPathsResult>(total, true));
    }
    const r = results[0]!;
    const label = `${formatNumber(r.nodes)} nodes`;
    details.push(
      `${label}: ${formatNumber(r.edges)} edges (${formatNumber(r.traversableEdges)} traversable), ${formatNumber(r.candidates)} candidate nodes, ${formatNumber(r.paths)} paths, ${formatNumber(r.findings)} findings, ${formatNumber(r.expansions)} expansions; caps hit: ${[r.cappedPairs ? `${formatNumber(r.cappedPairs)} pairs at maxPathsPerPair` : '', r.maxPathsReached ? 'maxPaths' : '', r.maxExpansionsReached ? 'maxExpansions' : ''].filter(Boolean).join(', ') || 'none'}`,
    );
    const big = total >= 1_000_000;
    measurements.push(
      series(`${label}: projection (typed arrays)`, 's', results, (x) => x.projectSeconds),
      series(`${label}: search (distances + depth-first)`, 's', results, (x) => x.searchSeconds),
      series(
        `${label}: whole analysis`,
        's',
        results,
        (x) => x.analyzeSeconds,
        big
          ? {
              note: `target ≤ ${TIME_TARGET_S} s, ${results.every((x) => x.analyzeSeconds <= TIME_TARGET_S) ? 'met' : 'missed'}`,
            }
          : {},
      ),
      series(
        `${label}: peak RSS of the process`,
        'MB',
        results,
        (x) => x.maxRssMb,
        big
          ? {
              note: `generated graph included; target ≤ ${RSS_TARGET_MB} MB, ${results.every((x) => x.maxRssMb <= RSS_TARGET_MB) ? 'met' : 'missed'}`,
            }
          : {},
      ),
      series(
        `${label}: stress, every path (${formatNumber(stress[0]!.paths)} paths, ${formatNumber(stress[0]!.expansions)} expansions): projection + search`,
        's',
        stress,
        (x) => x.searchSeconds,
      ),
      series(`${label}: stress: peak RSS`, 'MB', stress, (x) => x.maxRssMb),
    );
  }
  return { key: 'paths', title: 'Attack path analysis', details, measurements };
}

export const pathsSuite: BenchSuite = {
  name: 'paths',
  description: 'attack path engine on generated graphs of 10k, 100k and 1M nodes with heavy-tailed fan-out',
  run: (context: SuiteContext) => runPathsBench(DEFAULT_SIZES, context.options.runs, context.log),
};

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      child: { type: 'string' },
      'all-paths': { type: 'boolean' },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (values.child) return values['all-paths'] ? measureAllPaths(Number(values.child)) : measure(Number(values.child));
  const runs = Number(values.runs ?? '3');
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : DEFAULT_SIZES;
  if (!Number.isInteger(runs) || runs < 1 || sizes.some((s) => !Number.isInteger(s) || s < 100)) {
    throw new Error('--runs takes a positive integer, --sizes a comma-separated list of node counts (≥ 100)');
  }
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const report = await runPathsBench(sizes, runs, log);
  await recordStandalone(report, 'bench/paths.ts', argv, runs, values.out);
}

runIfEntryPoint(SELF, main);
