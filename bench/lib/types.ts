import type { EstateSize } from '../../tools/estate/index.js';

export type StoreChoice = 'memory' | 'neo4j';

/** Options of one `npm run bench` invocation, parsed once in run.ts and passed to every suite. */
export interface BenchOptions {
  readonly suites: readonly string[];
  readonly runs: number;
  readonly size: EstateSize;
  readonly seed: number;
  readonly stores: readonly StoreChoice[];
  /** Nodes in the slice the naive row-by-row loader is compared on. */
  readonly slice: number;
  /** BENCHMARKS.md to update. */
  readonly output: string;
  /** Where generated estates are cached between runs. */
  readonly cacheDir: string;
  /** `--suite load`: connections and seconds of the load (defaults 50 and 60; smaller for a smoke run). */
  readonly loadConnections?: number;
  readonly loadDuration?: number;
}

/** One line of a suite's table. `runs` holds every run's value; `value` is their median (null: not measured). */
export interface Measurement {
  readonly name: string;
  readonly unit: string;
  readonly value: number | null;
  readonly runs: readonly number[];
  readonly target?: { readonly min: number; readonly text: string };
  /** Why it was not measured, or what the figure covers. */
  readonly note?: string;
}

export interface SuiteReport {
  /** Section key in BENCHMARKS.md: a re-run with the same key replaces the section. */
  readonly key: string;
  readonly title: string;
  readonly details: readonly string[];
  readonly measurements: readonly Measurement[];
}

export interface SuiteContext {
  readonly options: BenchOptions;
  log(message: string): void;
}

/** A named benchmark suite (`npm run bench -- --suite <name>`); later suites (analysis, classifier, GraphQL) plug in here. */
export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(context: SuiteContext): Promise<SuiteReport>;
}
