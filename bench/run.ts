/**
 * The benchmark harness: `npm run bench -- [--suite ingest] [--size S|M|L|<rows>] [--runs 3] [--store memory,neo4j]`.
 * Runs the named suites (each measurement in a child process, median of the runs) and writes their sections,
 * with the machine and the exact command, into BENCHMARKS.md at the repository root.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EstateSize } from '../tools/estate/index.js';
import { ROOT } from './lib/child.js';
import { machineInfo } from './lib/machine.js';
import { renderSection, upsertSection } from './lib/markdown.js';
import type { BenchOptions, StoreChoice } from './lib/types.js';
import { SUITES } from './suites/index.js';

const USAGE = `usage: npm run bench -- [options]
  --suite NAME       suite to run, repeatable or comma-separated (default: all: ${Object.keys(SUITES).join(', ')})
  --size S|M|L|N     estate size (default M)
  --seed N           estate seed (default 1)
  --runs N           runs per measurement; the median is reported (default 3)
  --store LIST       memory, neo4j or both (default memory,neo4j); Neo4j from NEO4J_URI or the local test server
  --slice N          nodes for the naive-vs-batched Neo4j comparison (default 20000)
  --out FILE         file to update (default BENCHMARKS.md at the repository root)
  --cache-dir DIR    where generated estates are written (default: the system temp dir)
  --connections N    load suite: concurrent connections (default 50)
  --duration S       load suite: seconds of load per store (default 60)`;

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, not "${text}"`);
  return value;
}

function estateSize(text: string | undefined): EstateSize {
  if (text === undefined) return 'M';
  if (text === 'S' || text === 'M' || text === 'L') return text;
  return positiveInteger('size', text, 0);
}

const splitList = (values: readonly string[] | undefined) =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

function stores(values: readonly string[] | undefined): StoreChoice[] {
  const list = splitList(values);
  if (list.length === 0) return ['memory', 'neo4j'];
  for (const store of list)
    if (store !== 'memory' && store !== 'neo4j') throw new Error(`--store takes memory and/or neo4j, not "${store}"`);
  return list as StoreChoice[];
}

function parseOptions(argv: readonly string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      suite: { type: 'string', multiple: true },
      size: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      store: { type: 'string', multiple: true },
      slice: { type: 'string' },
      out: { type: 'string' },
      'cache-dir': { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return null;
  const suites = splitList(values.suite);
  for (const suite of suites)
    if (!SUITES[suite]) throw new Error(`unknown suite "${suite}"; known: ${Object.keys(SUITES).join(', ')}`);
  const seed = Number(values.seed ?? '1');
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not "${values.seed}"`);
  return {
    suites: suites.length > 0 ? suites : Object.keys(SUITES),
    runs: positiveInteger('runs', values.runs, 3),
    size: estateSize(values.size),
    seed,
    stores: stores(values.store),
    slice: positiveInteger('slice', values.slice, 20_000),
    output: resolve(values.out ?? join(ROOT, 'BENCHMARKS.md')),
    cacheDir: resolve(values['cache-dir'] ?? join(tmpdir(), 'apiposture-bench')),
    ...(values.connections !== undefined
      ? { loadConnections: positiveInteger('connections', values.connections, 50) }
      : {}),
    ...(values.duration !== undefined ? { loadDuration: positiveInteger('duration', values.duration, 60) } : {}),
  };
}

/** The command as the user typed it, for the record. */
function commandLine(argv: readonly string[]): string {
  const args = argv.join(' ');
  if (process.env['npm_lifecycle_event'] === 'bench') return `npm run bench${args ? ` -- ${args}` : ''}`;
  return `node --import tsx bench/run.ts${args ? ` ${args}` : ''}`;
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const machine = machineInfo();
  log(`bench: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB, Node ${machine.node}`);
  for (const name of options.suites) {
    const suite = SUITES[name]!;
    log(`suite ${name}: ${suite.description}`);
    const report = await suite.run({ options, log });
    const section = renderSection(
      report,
      machine,
      commandLine(argv),
      options.runs,
      new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    );
    await upsertSection(options.output, report.key, section);
    process.stdout.write(`${section}\n\n`);
    log(`suite ${name}: section "${report.key}" written to ${options.output}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
